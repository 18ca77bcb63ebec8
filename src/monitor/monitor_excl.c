/*
 * excl (the default): an exclusive page map with a forced slow path.
 *
 * DESIGN REQUIREMENT: properties A-E of shared/DESIGN.md; in particular a
 * store that another vCPU started on the fast path (page_excl read as 0)
 * must never land unseen between an LR and its SC.
 *
 * Protocol (docs/MONITOR.md has the argument, tests/model/excl.pml the model):
 *   - Per page, under that page's stripe lock: live (reservations
 *     registered on the page), arming (LRs waiting for the transition),
 *     settled (a full safe-point sync finished since page_excl last went
 *     0 -> 1), idle (slow stores seen with no reservation).
 *   - LR: lock; if the page is not settled, set page_excl, arming++,
 *     unlock, safepoint_sync_others() with no lock held, lock, arming--,
 *     settled = 1.  Then register {addr, size, broken = false}, live++,
 *     load the value, unlock.  arming > 0 forbids a release, so page_excl
 *     stayed non-zero from before the sync began: every fast-path store
 *     that read 0 had finished by the time the sync returned.
 *   - SC: lock the reserved page; succeed iff the reservation is for this
 *     addr and size and not broken; then break the others' overlapping
 *     reservations and store; always end the reservation (live--).
 *   - Slow store / AMO on an exclusive page: lock the page(s); break the
 *     others' overlapping reservations; store; unlock.
 *   - Release: a slow store or AMO that finds live == 0 and arming == 0
 *     counts idle; after RELEASE_IDLE_STORES such stores the page leaves
 *     the exclusive state (page_excl = 0, settled = 0).  Going back to the
 *     fast path needs no sync: a store that still sees 1 is merely slow.
 * Lock order: at most two stripe locks at once, in increasing index order;
 * nobody waits for a safe point while holding one.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <string.h>
#include <sys/mman.h>

#include "exec/safepoint.h"
#include "mem/guest_mem.h"
#include "monitor/excl_common.h"
#include "monitor/monitor.h"
#include "util/diag.h"

/* Slow stores with no reservation on a page before it returns to the fast path. */
#ifndef RELEASE_IDLE_STORES
#define RELEASE_IDLE_STORES 64
#endif
#define NSTRIPES 256

struct page_meta {
    uint16_t live;
    uint16_t arming;
    uint16_t idle;
    uint8_t settled;
};

static struct page_meta *meta;                /* GUEST_NPAGES entries, lazily zeroed */
static struct spinlock stripes[NSTRIPES];

static unsigned stripe_of(uint64_t page) { return (unsigned)(page ^ (page >> 8)) % NSTRIPES; }
static struct spinlock *page_lock(uint64_t page) { return &stripes[stripe_of(page)]; }
static uint64_t page_of(uint64_t addr) { return addr >> GUEST_PAGE_BITS; }

static void excl_init(void)
{
    void *p = mmap(NULL, GUEST_NPAGES * sizeof(struct page_meta), PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED)
        die(TANDEM_EXIT_NO_MEMORY, "cannot allocate the exclusive-monitor page table");
    meta = p;
}

/* End cpu's reservation, if any (its page's lock must not be held). */
static void end_reservation(struct vcpu *cpu)
{
    uint64_t r = atomic_load_explicit(&cpu->res.addr, memory_order_relaxed);
    if (r == RES_NONE)
        return;
    struct spinlock *l = page_lock(page_of(r));
    spin_lock(l);
    atomic_store_explicit(&cpu->res.addr, RES_NONE, memory_order_relaxed);
    meta[page_of(r)].live--;
    spin_unlock(l);
}

/* With the page locked: make sure it is exclusive and settled (may drop and retake the lock). */
static void make_settled(struct vcpu *cpu, uint64_t page, struct spinlock *l)
{
    struct page_meta *m = &meta[page];
    if (m->settled)
        return;
    if (!atomic_load_explicit(&page_excl[page], memory_order_relaxed)) {
        atomic_store_explicit(&page_excl[page], 1, memory_order_relaxed);
        cpu->stats.pages_excl++;
    }
    m->arming++;
    spin_unlock(l);
    /* the epoch bump inside publishes page_excl; other vCPUs may need a
     * stripe lock to reach their safe point, so none is held here */
    safepoint_sync_others(cpu);
    spin_lock(l);
    m->arming--;
    m->settled = 1;
}

static uint64_t excl_load_link(struct vcpu *cpu, uint64_t addr, unsigned size)
{
    check_atomic_aligned(cpu, addr, size);
    end_reservation(cpu);
    uint64_t page = page_of(addr);
    struct spinlock *l = page_lock(page);
    spin_lock(l);
    make_settled(cpu, page, l);
    struct page_meta *m = &meta[page];
    m->live++;
    m->idle = 0;
    cpu->res.size = (uint8_t)size;
    atomic_store_explicit(&cpu->res.broken, false, memory_order_relaxed);
    atomic_store_explicit(&cpu->res.addr, addr, memory_order_release);
    uint64_t v = host_load(addr, size);
    spin_unlock(l);
    return v;
}

static bool excl_store_cond(struct vcpu *cpu, uint64_t addr, uint64_t val, unsigned size)
{
    check_atomic_aligned(cpu, addr, size);
    uint64_t r = atomic_load_explicit(&cpu->res.addr, memory_order_relaxed);
    if (r == RES_NONE)
        return false;
    uint64_t page = page_of(r);
    struct spinlock *l = page_lock(page);
    spin_lock(l);
    bool ok = r == addr && cpu->res.size == size &&
              !atomic_load_explicit(&cpu->res.broken, memory_order_relaxed);
    if (ok) {
        cpu->stats.res_broken += break_reservations(cpu, addr, 1u << size);
        host_store(addr, val, size);
    }
    atomic_store_explicit(&cpu->res.addr, RES_NONE, memory_order_relaxed);
    meta[page].live--;
    spin_unlock(l);
    return ok;
}

/* A store or AMO is about to hit page (locked): break reservations or count idleness. */
static void store_touches_page(struct vcpu *cpu, uint64_t page, uint64_t addr, unsigned bytes)
{
    struct page_meta *m = &meta[page];
    if (m->live) {
        cpu->stats.res_broken += break_reservations(cpu, addr, bytes);
        return;
    }
    if (m->arming || !atomic_load_explicit(&page_excl[page], memory_order_relaxed))
        return;
    if (++m->idle >= RELEASE_IDLE_STORES) {
        atomic_store_explicit(&page_excl[page], 0, memory_order_relaxed);
        m->settled = 0;
        m->idle = 0;
        cpu->stats.pages_released++;
    }
}

static void excl_store_slow(struct vcpu *cpu, uint64_t addr, uint64_t val, unsigned size)
{
    unsigned bytes = 1u << size;
    uint64_t first = page_of(addr), last = page_of(addr + bytes - 1);
    struct spinlock *a = page_lock(first), *b = page_lock(last);
    if (a > b) {
        struct spinlock *t = a; a = b; b = t;
    }
    spin_lock(a);
    if (b != a)
        spin_lock(b);
    store_touches_page(cpu, first, addr, bytes);
    if (last != first)
        store_touches_page(cpu, last, addr, bytes);
    host_store(addr, val, size);
    if (b != a)
        spin_unlock(b);
    spin_unlock(a);
    cpu->stats.slow_stores++;
}

static uint64_t excl_amo(struct vcpu *cpu, enum ir_amo kind, uint64_t addr, uint64_t val, unsigned size)
{
    check_atomic_aligned(cpu, addr, size);
    uint64_t page = page_of(addr);
    /* same argument as the store fast path: an AMO that reads 0 here ends
     * before this vCPU's next block boundary, so an LR's sync waits for it */
    if (!atomic_load_explicit(&page_excl[page], memory_order_relaxed))
        return host_amo(kind, addr, val, size);
    struct spinlock *l = page_lock(page);
    spin_lock(l);
    store_touches_page(cpu, page, addr, 1u << size);
    uint64_t old = host_amo(kind, addr, val, size);
    spin_unlock(l);
    cpu->stats.slow_stores++;
    return old;
}

static void excl_clear(struct vcpu *cpu)
{
    end_reservation(cpu);
}

const struct monitor_ops monitor_excl = {
    .name = "excl",
    .exact = true,
    .init = excl_init,
    .load_link = excl_load_link,
    .store_cond = excl_store_cond,
    .amo = excl_amo,
    .store_slow = excl_store_slow,
    .clear = excl_clear,
};
