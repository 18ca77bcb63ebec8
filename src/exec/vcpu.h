/*
 * One guest hart: its architectural state, its translation scratch and its
 * statistics.  Backends reach fields only through offsetof (rule 4 of
 * shared/DESIGN.md); the slot file is first so slot n is regs[n].
 *
 * Concurrency: a vcpu is owned by its host thread.  Other threads read
 * only the fields marked "shared", with atomics:
 *   - res (reservation) is read and broken by other vCPUs under the
 *     monitor's locks (see monitor/monitor.h);
 *   - in_guest / seen_epoch are read by vCPUs that need every other vCPU
 *     to pass a safe point (exec/safepoint.h);
 *   - stats are read after the thread has exited or at exit_group.
 */
#ifndef TANDEM_VCPU_H
#define TANDEM_VCPU_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "ir/ir.h"

/* RISC-V register file layout in the global slots */
#define RV_X(n) (n)
#define RV_F(n) (32 + (n))

struct tb;

struct vcpu_stats {
    uint64_t insns;          /* guest instructions executed */
    uint64_t blocks;         /* blocks executed */
    uint64_t lr, sc_ok, sc_fail, amo;
    uint64_t slow_stores;    /* stores that took the monitor's slow path */
    uint64_t res_broken;     /* other vCPUs' reservations this vCPU broke */
    uint64_t pages_excl;     /* pages this vCPU made exclusive */
    uint64_t pages_released; /* pages this vCPU returned to the fast path */
    uint64_t granules_armed; /* excl: 8-byte granules this vCPU's LRs armed */
    uint64_t res_upgraded;   /* excl: single-hart reservations of others this
                                vCPU made normal on entering guest code */
    uint64_t remote_waits;   /* safe-point waits for other vCPUs */
};

/* The reservation of LR/SC; owned by the monitor (monitor/monitor.h). */
struct reservation {
    _Atomic uint64_t addr;   /* guest address; RES_NONE when there is none */
    uint64_t value;          /* value LR read (used by the cas strategy) */
    uint64_t tag;            /* strategy-private (hst: tag seen at LR) */
    void *tag_ptr;           /* strategy-private (excl: where that tag lives) */
    uint64_t tag_addr;       /* excl: the address whose tag tag_ptr is (RES_NONE: none) */
    uint8_t size;            /* log2 bytes */
    _Atomic bool broken;     /* set by another vCPU's store (exact strategies) */
};
#define RES_NONE UINT64_MAX

struct vcpu {
    uint64_t regs[IR_NUM_SLOTS];   /* globals (guest registers) then block temps */
    uint64_t pc;                   /* guest pc of the current instruction */

    /* RISC-V floating-point CSR state */
    uint32_t fflags;               /* accrued exceptions NV DZ OF UF NX (bits 4..0) */
    uint32_t frm;                  /* dynamic rounding mode */

    /* exit info, written by the backend when a block leaves */
    uint32_t exit_word;            /* IR_exit aux (illegal insn word) */
    struct tb *exit_tb;            /* the block that left (after JIT chaining, the last one) */

    struct reservation res;        /* shared: see above */
    uint32_t monitor_id;           /* index + 1, never 0: names this vCPU as a
                                      tag's owner (monitor_excl.c) */
    uint32_t inline_store_budget;  /* JIT: marked-page stores before the next
                                      store_slow call (monitor.h) */
    struct vcpu_stats stats;

    /* execution-loop state */
    int index;                     /* 0 for the first hart */
    int host_tid;                  /* Linux tid of the host thread (= guest tid) */
    _Atomic bool in_guest;         /* shared: running translated code */
    _Atomic uint64_t seen_epoch;   /* shared: last safe-point epoch acknowledged */
    _Atomic uint8_t poll_request;  /* shared: set by safe-point requesters after a new
                                      epoch; JIT blocks test only this byte */
    _Atomic uint64_t seen_code_epoch; /* shared: last epoch acknowledged at a block boundary */
    _Atomic bool outside_code;     /* shared: holds no translated block (syscall, start, exit) */
    struct jmp_cache_entry {       /* per-vCPU direct-mapped pc -> block cache */
        uint64_t pc;
        void *host_code;           /* tb->host_code, for the JIT's inline lookup */
        struct tb *tb;
    } jmp_cache[1024];
    uint64_t tb_gen;               /* translation-cache generation jmp_cache belongs to */

    /* OS personality (linux/) */
    uint64_t clear_child_tid;      /* guest address, CLONE_CHILD_CLEARTID */
    uint64_t sigmask;              /* guest blocked-signal mask (not delivered yet) */
    _Atomic bool active;           /* shared: slot holds a live vCPU */
};

#define VCPU_JMP_CACHE_SIZE 1024

/* The vCPU running on this host thread (NULL on non-guest threads). */
extern __thread struct vcpu *current_vcpu;

/*
 * vCPUs live in a fixed table of VCPU_MAX slots whose structs are never
 * freed, so other threads may read any slot's shared fields without a
 * lock.  vcpu_new() takes a free slot (keeping its statistics, which
 * accumulate per slot) and marks it active; vcpu_release() frees it.
 */
#define VCPU_MAX 4096
extern struct vcpu *vcpu_table[VCPU_MAX];
extern _Atomic int vcpu_table_used;   /* slots [0, used) may be non-NULL */
/*
 * vCPUs running guest code (the VCPU_RUNNING_COUNT bits): raised by
 * vcpu_enter_guest, lowered by vcpu_leave_guest (exec/safepoint.h), i.e.
 * not counting vCPUs in a syscall, being created or exiting.  A vCPU that
 * reads 1 is the only one that can execute a guest store until another
 * enters guest code.  That is the exclusive monitor's single-hart mode:
 * an LR that relies on it sets VCPU_SINGLE_HART (one fetch_or, which also
 * tells it whether the count is still 1), and a vCPU whose entering
 * fetch_add finds the flag set lets the monitor deal with such
 * reservations before its first guest access (monitor_ops.end_single_hart,
 * which clears the flag).  A syscall's own writes to guest memory tell the
 * monitor too (linux_host_wrote).
 */
#define VCPU_RUNNING_COUNT 0x7fffffffu
#define VCPU_SINGLE_HART 0x80000000u
extern _Atomic uint32_t vcpu_running;

struct vcpu *vcpu_new(void);
void vcpu_release(struct vcpu *cpu);

#endif
