/*
 * Pieces shared by the exact strategies (excl, hst, stw): the reservation
 * granule, the alignment rule for atomics, the scan that breaks other
 * vCPUs' reservations, and the wait for a tag.
 *
 * Granule: a reservation covers the naturally aligned 8-byte doubleword
 * that holds the reserved word (RES_GRANULE bytes).  Any store by another
 * vCPU that overlaps that doubleword breaks it.
 *
 * Concurrency: break_reservations reads other vCPUs' res.addr/res.size and
 * sets res.broken.  The caller must make sure no reservation on the pages
 * it touches is registered or ended meanwhile: stw (its only user) relies
 * on LR/SC/clear running with the world stopped, which cannot overlap a
 * store that is in the middle of a block.  tag_backoff's calibration is
 * one relaxed word that any vCPU may fill in (each writes the same kind
 * of value).
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
void misaligned_atomic(struct vcpu *cpu, uint64_t addr) __attribute__((noreturn, cold));

static inline void check_atomic_aligned(struct vcpu *cpu, uint64_t addr, unsigned size)
{
    if (__builtin_expect(addr & ((1u << size) - 1), 0))
        misaligned_atomic(cpu, addr);
}

/*
 * Mark broken every reservation of a vCPU other than self whose granule
 * overlaps [addr, addr + bytes); returns how many were newly broken.
 */
unsigned break_reservations(struct vcpu *self, uint64_t addr, unsigned bytes);

/*
 * One wait between reads of a sequence tag that another vCPU holds odd
 * (excl, hst) to write it: doubling runs of pause, then sched_yield.
 * *pauses starts at 0 for each wait and is the caller's own.
 */
void tag_backoff(unsigned *pauses);

/*
 * The same for a reader (an LR), which re-reads after single pauses for
 * about a writer's hold time before it backs off; *spins starts at 0 too.
 */
void tag_wait_read(unsigned *spins, unsigned *pauses);

#endif
