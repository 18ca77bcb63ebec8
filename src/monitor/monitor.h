/*
 * The exclusive monitor: every LR/SC and AMO, and every store that must
 * notice reservations, goes through here.  Front-ends emit ld_link,
 * st_cond and amo; backends call these hooks; strategies plug in below.
 *
 * Strategies (--atomics=NAME): cas (value compare-and-swap, QEMU's
 * behaviour, not ABA-safe) ... see docs/ARCHITECTURE.md for the exact ones.
 *
 * Concurrency: each strategy documents its own protocol at the top of its
 * file.  The common contract (shared/DESIGN.md, properties A-E):
 *   - load_link/store_cond/amo/store_slow may be called concurrently by
 *     every vCPU;
 *   - a store whose page has page_excl[page] != 0 must call store_slow
 *     instead of writing memory directly;
 *   - clear() ends the caller's reservation (syscalls, signals);
 *   - where amo_fast_path is set: an AMO to a naturally aligned address
 *     whose page has page_excl == 0 may be performed directly as a host
 *     atomic, like a fast-path store (the JIT inlines it).
 */
#ifndef TANDEM_MONITOR_H
#define TANDEM_MONITOR_H

#include <stdbool.h>
#include <stdint.h>

#include "ir/ir.h"

struct vcpu;

struct monitor_ops {
    const char *name;
    bool exact;                    /* gives real LR/SC semantics */
    bool amo_fast_path;            /* amo on an aligned, unmarked page == host_amo */
    void (*init)(void);
    /* returns the loaded value zero-extended; the caller sign-extends */
    uint64_t (*load_link)(struct vcpu *cpu, uint64_t addr, unsigned size);
    /* true on success */
    bool (*store_cond)(struct vcpu *cpu, uint64_t addr, uint64_t val, unsigned size);
    /* returns the old value zero-extended */
    uint64_t (*amo)(struct vcpu *cpu, enum ir_amo kind, uint64_t addr, uint64_t val, unsigned size);
    void (*store_slow)(struct vcpu *cpu, uint64_t addr, uint64_t val, unsigned size);
    void (*clear)(struct vcpu *cpu);
};

extern const struct monitor_ops *monitor;

/* Select a strategy by name; false if unknown. */
bool monitor_select(const char *name);
/* The strategy used without --atomics: the fastest exact one available. */
const struct monitor_ops *monitor_default(void);
/* Comma-separated list of strategy names, for --help and errors. */
const char *monitor_names(void);

/* Plain host operations shared by strategies (monitor/host_atomic.c). */
uint64_t host_load(uint64_t addr, unsigned size);
void host_store(uint64_t addr, uint64_t val, unsigned size);
bool host_cmpxchg(uint64_t addr, uint64_t expect, uint64_t val, unsigned size);
uint64_t host_amo(enum ir_amo kind, uint64_t addr, uint64_t val, unsigned size);
/* The value an AMO of this kind stores, given the old value (size 2 or 3). */
uint64_t amo_result(enum ir_amo kind, uint64_t old, uint64_t x, unsigned size);

#endif
