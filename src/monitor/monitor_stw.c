/*
 * stw: the reference strategy.  Everything that changes a reservation
 * (LR, SC, and clear with a live reservation) runs with every other vCPU
 * stopped at a safe point, so it cannot overlap any other vCPU's memory
 * access.  Slow, and obviously correct.
 *
 * DESIGN REQUIREMENT: properties A-E of shared/DESIGN.md.
 *
 * Protocol:
 *   - LR (world stopped): end the old reservation; register {addr, size,
 *     broken = false}; count it on its page and set page_excl; load.  No
 *     store is half done while the world is stopped, and every store that
 *     starts after stw_end sees page_excl (stw_end publishes it).
 *   - Slow store / AMO on a marked page: break the other vCPUs'
 *     overlapping reservations, then store.  No lock: reservations change
 *     only while the world is stopped, and a store in the middle of a
 *     block can never straddle a stopped world.
 *   - SC (world stopped): succeed iff the reservation matches and is not
 *     broken; then break the others' and store; end the reservation.  When
 *     a page's count drops to 0 it returns to the fast path at once.
 * Granule: the 8-byte doubleword (excl_common.h).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <sys/mman.h>

#include "exec/safepoint.h"
#include "mem/guest_mem.h"
#include "monitor/excl_common.h"
#include "monitor/monitor.h"
#include "util/diag.h"

static uint16_t *live_on_page;   /* GUEST_NPAGES entries; changed only with the world stopped */

static uint64_t page_of(uint64_t addr) { return addr >> GUEST_PAGE_BITS; }

static void stw_init(void)
{
    void *p = mmap(NULL, GUEST_NPAGES * sizeof(uint16_t), PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED)
        die(TANDEM_EXIT_NO_MEMORY, "cannot allocate the stw monitor's page counts");
    live_on_page = p;
}

/* World stopped: drop cpu's reservation and release its page if it was the last. */
static void end_reservation_stopped(struct vcpu *cpu)
{
    uint64_t r = atomic_load_explicit(&cpu->res.addr, memory_order_relaxed);
    if (r == RES_NONE)
        return;
    atomic_store_explicit(&cpu->res.addr, RES_NONE, memory_order_relaxed);
    uint64_t page = page_of(r);
    if (--live_on_page[page] == 0) {
        atomic_store_explicit(&page_excl[page], 0, memory_order_relaxed);
        cpu->stats.pages_released++;
    }
}

static uint64_t stw_load_link(struct vcpu *cpu, uint64_t addr, unsigned size)
{
    check_atomic_aligned(cpu, addr, size);
    stw_begin(cpu);
    end_reservation_stopped(cpu);
    uint64_t page = page_of(addr);
    if (live_on_page[page]++ == 0) {
        atomic_store_explicit(&page_excl[page], 1, memory_order_relaxed);
        cpu->stats.pages_excl++;
    }
    cpu->res.size = (uint8_t)size;
    atomic_store_explicit(&cpu->res.broken, false, memory_order_relaxed);
    atomic_store_explicit(&cpu->res.addr, addr, memory_order_relaxed);
    uint64_t v = host_load(addr, size);
    stw_end(cpu);
    return v;
}

static bool stw_store_cond(struct vcpu *cpu, uint64_t addr, uint64_t val, unsigned size)
{
    check_atomic_aligned(cpu, addr, size);
    if (atomic_load_explicit(&cpu->res.addr, memory_order_relaxed) == RES_NONE)
        return false;
    stw_begin(cpu);
    bool ok = atomic_load_explicit(&cpu->res.addr, memory_order_relaxed) == addr &&
              cpu->res.size == size && !atomic_load_explicit(&cpu->res.broken, memory_order_relaxed);
    if (ok) {
        cpu->stats.res_broken += break_reservations(cpu, addr, 1u << size);
        host_store(addr, val, size);
    }
    end_reservation_stopped(cpu);
    stw_end(cpu);
    return ok;
}

static void stw_store_slow(struct vcpu *cpu, uint64_t addr, uint64_t val, unsigned size)
{
    cpu->stats.res_broken += break_reservations(cpu, addr, 1u << size);
    host_store(addr, val, size);
    cpu->stats.slow_stores++;
}

static uint64_t stw_amo(struct vcpu *cpu, enum ir_amo kind, uint64_t addr, uint64_t val, unsigned size)
{
    check_atomic_aligned(cpu, addr, size);
    /* read before the AMO, in the same block: see the slow-store argument */
    if (atomic_load_explicit(&page_excl[page_of(addr)], memory_order_relaxed)) {
        cpu->stats.res_broken += break_reservations(cpu, addr, 1u << size);
        cpu->stats.slow_stores++;
    }
    return host_amo(kind, addr, val, size);
}

static void stw_clear(struct vcpu *cpu)
{
    if (atomic_load_explicit(&cpu->res.addr, memory_order_relaxed) == RES_NONE)
        return;
    /* called around syscalls too, outside guest code: stw_begin may park
     * us and mark us in guest; put that back as it was */
    bool was_in_guest = atomic_load(&cpu->in_guest);
    stw_begin(cpu);
    end_reservation_stopped(cpu);
    stw_end(cpu);
    if (!was_in_guest)
        atomic_store(&cpu->in_guest, false);
}

const struct monitor_ops monitor_stw = {
    .name = "stw",
    .exact = true,
    .amo_fast_path = true,   /* stw_amo: host_amo when page_excl is 0 */
    .init = stw_init,
    .load_link = stw_load_link,
    .store_cond = stw_store_cond,
    .amo = stw_amo,
    .store_slow = stw_store_slow,
    .clear = stw_clear,
};
