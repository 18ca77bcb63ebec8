/*
 * Pieces shared by the exact strategies (excl, hst, stw): the reservation
 * granule, the alignment rule for atomics, a small spinlock, and the scan
 * that breaks other vCPUs' reservations.
 *
 * Granule: a reservation covers the naturally aligned 8-byte doubleword
 * that holds the reserved word (RES_GRANULE bytes).  Any store by another
 * vCPU that overlaps that doubleword breaks it.
 *
 * Concurrency: break_reservations reads other vCPUs' res.addr/res.size and
 * sets res.broken.  The caller must make sure no reservation on the pages
 * it touches is registered or ended meanwhile: excl holds those pages'
 * stripe locks; stw relies on LR/SC/clear running with the world stopped,
 * which cannot overlap a store that is in the middle of a block.
 */
#ifndef TANDEM_EXCL_COMMON_H
#define TANDEM_EXCL_COMMON_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "exec/vcpu.h"

#define RES_GRANULE 8u

static inline uint64_t res_granule(uint64_t addr) { return addr & ~(uint64_t)(RES_GRANULE - 1); }

/* True if [addr, addr + bytes) overlaps the granule of a reservation at res_addr. */
static inline bool granule_overlaps(uint64_t res_addr, uint64_t addr, unsigned bytes)
{
    uint64_t g = res_granule(res_addr);
    return addr < g + RES_GRANULE && g < addr + bytes;
}

/* RISC-V atomics need natural alignment; Linux turns the fault into SIGBUS. */
void check_atomic_aligned(struct vcpu *cpu, uint64_t addr, unsigned size);

/*
 * Mark broken every reservation of a vCPU other than self whose granule
 * overlaps [addr, addr + bytes); returns how many were newly broken.
 */
unsigned break_reservations(struct vcpu *self, uint64_t addr, unsigned bytes);

/* Test-and-test-and-set lock; holders never wait for anything while holding it. */
struct spinlock {
    _Alignas(64) _Atomic uint32_t held;
};

void spin_lock(struct spinlock *l);

static inline void spin_unlock(struct spinlock *l)
{
    atomic_store_explicit(&l->held, 0, memory_order_release);
}

#endif
