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

/*
 * What the JIT may do itself for LR and SC (the strategy's common path);
 * in any other case it calls load_link / store_cond, which handle every
 * case from the start.  Both end with the same reservation state.
 *   MONITOR_LRSC_CALL   always call.
 *   MONITOR_LRSC_VALUE  (cas) LR: load; res = {addr, size, value}.  SC:
 *       res.addr = RES_NONE; if address and size match, cmpxchg memory
 *       from res.value to the new value.
 *   MONITOR_LRSC_TAGS   (excl; layout in struct monitor_tags) LR, when the
 *       address is aligned and the page's state byte is `settled` (right
 *       whether or not the vCPU is alone): set the page's recent-LR byte
 *       if clear; res.addr, res.size; read tag t (even), load, re-read t;
 *       the granule's synced bit must be set, else call (it only grows,
 *       so an LR to res.tag_addr, which load_link and the JIT set only
 *       after seeing it, needs no new look).
 *       res.tag = t, res.tag_ptr = &tag (load_link sets both too).
 *       Claiming a tag: if its owner word is the vCPU's monitor_id,
 *       nothing (t = the tag's value); if it is owner_shared, cmpxchg
 *       t -> t + 1 with t even; any other owner: call.  SC, when aligned
 *       and address and size match: owned: store, tag += 2, no check (an
 *       LR made alone points res.tag_ptr at a tag the vCPU owns); shared:
 *       cmpxchg res.tag -> res.tag + 1 (else fail), store, tag = t + 2;
 *       then res.addr = RES_NONE, success or not.
 *       A store or AMO to a marked page (page_excl != 0) may also be done
 *       inline when naturally aligned: if its granule's armed bit is clear, just
 *       the store (or the host atomic); else claim the tag, store, tag =
 *       t + 2; but at least every store_call_every-th such access of a
 *       vCPU must call store_slow or amo, whose accounting decides when
 *       the page is released.
 */
enum monitor_lrsc_inline { MONITOR_LRSC_CALL, MONITOR_LRSC_VALUE, MONITOR_LRSC_TAGS };

struct monitor_tags {
    uint8_t *page_meta;        /* per page: the state byte, then the recent-LR byte */
    uint8_t settled;           /* the state an inline LR needs */
    _Atomic uint64_t *tags;    /* tag i at tags + i * 8 (one 64-byte line each) */
    unsigned tag_bits;         /* 1 << tag_bits tags */
    uint64_t page_hash;        /* tag of granule g of page p: ((p * page_hash) >>
                                  (64 - tag_bits)) + g, modulo the tag count */
    uint32_t owner_offset;     /* of the tag's 32-bit owner word, from the tag */
    uint32_t owner_shared;     /* that word's value when every claim is a cmpxchg */
    /* a bit per 8-byte granule: bit (a / 8) % 64 of word a / 512, for guest
     * address a; armed: an LR was ever made there (else stores skip the
     * tag), synced: LRs may use the granule */
    uint64_t *armed_words, *synced_words;
    uint32_t store_call_every; /* inline marked-page stores per store_slow call */
    /* single-hart mode (an LR while vcpu_running's count is 1): vCPU i's
     * own tag, owned by it from the start, is at alone_tags + i * 8 (one
     * line each).  The mode's LR is inline only while VCPU_SINGLE_HART is
     * set too; with the count at 1 and the flag clear it calls load_link,
     * which sets it.  NULL: no such mode. */
    _Atomic uint64_t *alone_tags;
};

struct monitor_ops {
    const char *name;
    bool exact;                    /* gives real LR/SC semantics */
    bool amo_fast_path;            /* amo on an aligned, unmarked page == host_amo */
    enum monitor_lrsc_inline lrsc_inline;
    const struct monitor_tags *tags;   /* MONITOR_LRSC_TAGS: valid after init */
    void (*init)(void);
    /* returns the loaded value zero-extended; the caller sign-extends */
    uint64_t (*load_link)(struct vcpu *cpu, uint64_t addr, unsigned size);
    /* true on success */
    bool (*store_cond)(struct vcpu *cpu, uint64_t addr, uint64_t val, unsigned size);
    /* returns the old value zero-extended */
    uint64_t (*amo)(struct vcpu *cpu, enum ir_amo kind, uint64_t addr, uint64_t val, unsigned size);
    void (*store_slow)(struct vcpu *cpu, uint64_t addr, uint64_t val, unsigned size);
    void (*clear)(struct vcpu *cpu);
    /* cpu has entered guest code while others were running and
     * VCPU_SINGLE_HART was set (exec/vcpu.h): turn every reservation
     * another vCPU made while it ran alone into one that cpu's stores
     * break, then clear the flag.  NULL: the strategy has no such mode. */
    void (*end_single_hart)(struct vcpu *cpu);
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
