/*
 * excl (the default): an exclusive page map with a forced slow path, and
 * per-granule store tags that only the slow path pays for.
 *
 * DESIGN REQUIREMENT: properties A-E of shared/DESIGN.md; in particular a
 * store that another vCPU started on the fast path (page_excl read as 0)
 * must never land unseen between an LR and its SC.
 *
 * Protocol (docs/MONITOR.md has the argument, tests/model/excl.pml the model).
 *
 * Pages decide WHICH stores reach the monitor: page_excl plus a state
 * byte, changed only on transitions, NORMAL -> ARMING -> SETTLED ->
 * RELEASING -> NORMAL (or back to SETTLED).
 *   - LR reads the state; it goes on only after reading SETTLED with no
 *     safe-point acknowledgement of its own since.  Otherwise:
 *       NORMAL:  CAS to ARMING; the winner sets page_excl = 1, calls
 *                safepoint_sync_others() with no lock held, sets SETTLED;
 *       ARMING, RELEASING: safepoint_sync_others() (so that this vCPU
 *                keeps acknowledging the armer's or releaser's sync), then
 *                look again.
 *   - Release: a slow store or AMO counts the page idle when no vCPU's
 *     reservation is for it; after RELEASE_IDLE_STORES it CASes SETTLED ->
 *     RELEASING, calls safepoint_sync_others(), then reads every vCPU's
 *     res.addr: none on this page: page_excl = 0, state NORMAL; else
 *     SETTLED again.  The sync is the handshake with LR: an LR that read
 *     SETTLED before the CAS has published res.addr by the time its vCPU
 *     acknowledges; a vCPU that acknowledged first reads RELEASING or
 *     later in its LR.  So page_excl stays 1 from before a finished sync
 *     until every reservation on the page has ended.
 *
 * Tags decide WHETHER one of those stores hit a reservation: 8192 tags,
 * one cache line each; a granule's tag is its index in its page plus a
 * hash of the page, so the granules of one page never share a tag.  Each
 * tag is a sequence lock (even = idle, odd = a non-owner's write is in
 * progress).
 *   - Slow store / AMO on an exclusive page: claim each tag it touches
 *     (t -> t + 1; two, in index order, if it straddles), write,
 *     publish t + 2.
 *   - LR (page settled): res.addr = addr; read tag t (wait while odd), load,
 *     re-read the tag, retry unless it is still t; remember t.
 *   - SC: addr and size must match; claim tag t -> t + 1 only if it is
 *     still t (the check, and a lock against every other writer of the
 *     granule); write; publish.
 * Granules of different pages can share a tag: then a store to one makes
 * an SC on the other fail spuriously, never succeed (a tag only grows).
 *
 * Owned tags: a claim costs the tag's owner nothing, anyone else a lock
 * cmpxchg.  tag.owner is FREE (nobody has written under it), a vCPU's
 * monitor_id, REVOKING or SHARED (final).  A vCPU slot that is reused
 * inherits its predecessor's tags, which is safe: the old thread made its
 * last access before the slot was freed.
 *   - Before claiming, a vCPU resolves the tag: FREE -> CAS to itself;
 *     its own or SHARED -> go on; another vCPU's -> CAS to REVOKING,
 *     safepoint_sync_others(), SHARED; REVOKING -> sync (which answers
 *     the revoker) and look again.
 *   - The owner writes and then publishes t + 2 with plain stores, with
 *     no odd phase, only after it read owner == itself with no safe point
 *     of its own since, and only in guest code (outside it, a sync does
 *     not wait for it, so there it turns a free tag or its own SHARED).  A
 *     revoker's sync waits for that safe point, so the owner's write has
 *     published before the revoker (or anyone after it) claims with a
 *     CAS; a vCPU that acknowledged first reads REVOKING or SHARED.  An
 *     LR that read the tag around an owner's write may keep the old t
 *     with the new value: its SC has to revoke, and then fails.
 *   - The owner's SC compares nothing: a writer other than the owner
 *     must revoke first, and ownership never comes back.
 *   - Claims of SHARED tags are CASes on an even value, as above.
 * A tag changes hands at most once (FREE -> owner -> SHARED), so each
 * costs at most one sync: private LR/SC words, and a lock only one vCPU
 * ever takes, never pay a locked instruction for the tag.  Resolving may
 * sync, so a store that needs two tags resolves both, again if either
 * resolution synced, before it claims either.
 *
 * Armed words: two bitmaps with a bit per 8-byte granule of guest memory
 * (one 64-byte line per guest page; both only grow).  armed_words says
 * that an LR was made, or is being made, on the granule; synced_words
 * that the sync behind it has finished.  A store or AMO in guest code
 * whose granules' armed bits are clear is the plain access, as if
 * page_excl were 0; an LR uses the granule only after reading its synced
 * bit, and otherwise sets the armed bit, calls safepoint_sync_others(),
 * sets the synced bit and reads the page state again, as settle_page's
 * rule asks after a sync.  So a lock's neighbours on its page, even in
 * its own cache line, are plain stores, and a granule is never slowed by
 * another that happens to share its tag.
 * Single-hart mode: an LR that finds vcpu_running's count at 1 (exec/vcpu.h)
 * marks nothing and points its reservation at a tag that only this vCPU
 * owns, so its SC (the owner's path) just stores.  No other vCPU runs
 * guest code then, and each that starts or comes back from a syscall
 * deals with such reservations before its first guest access:
 *   - VCPU_SINGLE_HART, in the same word, says that one may exist.  The
 *     LR needs it set (a fetch_or that also returns the count), and an
 *     entering vCPU's fetch_add returns it, so either the LR sees the
 *     newcomer or the newcomer sees the flag;
 *   - the newcomer then syncs (every LR made before it was counted has
 *     published its reservation; every later one counts the newcomer)
 *     and looks for single-hart reservations.  If there is one, it stops
 *     the world and turns each into the reservation a normal LR would
 *     have made: it settles the page, arms the granule and points the
 *     reservation at the granule's tag as it is now.  Nobody stored since
 *     the LR, and a vCPU stopped at a block boundary is in no SC, so the
 *     SC stays exact and does not fail for nothing.  Then no such
 *     reservation exists, and none can be made while the newcomer runs,
 *     so it clears the flag;
 *   - a syscall's own write to guest memory (linux_host_wrote, through
 *     excl_amo outside guest code) ends the ones it overlaps: a CAS on
 *     res.addr.
 * The same reading (count 1 with the flag set, in guest code) lets a
 * store or AMO to an armed granule skip its tag (here, and in the JIT's
 * tag thunks, x86_emit_tag_thunk): no other vCPU holds a
 * reservation (each ended its own when it left guest code), and one that
 * enters syncs with this vCPU before its first access, so after the
 * block's write.  With the flag clear, the newcomer would not sync: the
 * tag it is.  (tests/model/single_hart.pml, -DNO_FLAG.)
 * The vCPU's own syscalls end its reservation anyway.
 * Nobody waits for a safe point while a tag is odd, or for a tag while
 * holding one it claimed, except the second tag of a straddling store
 * (index order); resolving happens before any claim.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <stddef.h>
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
#define TAG_BITS 13
#define NTAGS (1u << TAG_BITS)
#define GRANULES_PER_PAGE (GUEST_PAGE_SIZE / RES_GRANULE)
_Static_assert(NTAGS >= GRANULES_PER_PAGE, "the granules of a page must not share tags");

/* A tag per cache line: vCPUs working on nearby granules do not bounce lines. */
struct tag {
    _Atomic uint64_t seq;
    _Atomic uint32_t owner;   /* OWNER_FREE, a monitor_id, OWNER_REVOKING or OWNER_SHARED */
} __attribute__((aligned(64)));
#define OWNER_FREE 0u
#define OWNER_REVOKING (UINT32_MAX - 1)
#define OWNER_SHARED UINT32_MAX

enum page_state { PAGE_NORMAL, PAGE_ARMING, PAGE_SETTLED, PAGE_RELEASING };

struct page_meta {
    _Atomic uint8_t state;    /* enum page_state; changed only on transitions */
    _Atomic uint8_t recent_lr; /* an LR since the last release attempt (a hint) */
};

static struct page_meta *meta;                /* GUEST_NPAGES entries, lazily zeroed */
static struct tag tags[NTAGS];

/*
 * Bit g % 64 of word g / 64 stands for granule g (guest address / 8),
 * GUEST_SPACE / 512 words each.  The maps are reserved inaccessible and
 * made writable a piece (4 KiB: 64 guest pages) at a time, before the
 * first of its pages is marked exclusive, so that strict overcommit
 * charges only what LRs use.  A bit is set only after its piece became
 * writable (an LR arms a granule on a settled page), so a piece that is
 * not ready holds no set bit; code that reads a granule of a marked page
 * (the JIT's stubs, an LR) finds its piece ready.
 */
#define BITMAP_PIECE 4096u
#define PAGES_PER_PIECE (BITMAP_PIECE * 8 * RES_GRANULE / GUEST_PAGE_SIZE)
static _Atomic uint64_t *armed_words, *synced_words;
static _Atomic uint8_t *piece_ready;   /* GUEST_NPAGES / PAGES_PER_PIECE bytes */

static _Atomic uint64_t *granule_word(_Atomic uint64_t *map, uint64_t addr)
{
    return &map[addr / (RES_GRANULE * 64)];
}

static uint64_t granule_bit(uint64_t addr) { return 1ull << (addr / RES_GRANULE % 64); }

static bool granule_has(_Atomic uint64_t *map, uint64_t addr)
{
    uint64_t piece = (addr >> GUEST_PAGE_BITS) / PAGES_PER_PIECE;
    return atomic_load_explicit(&piece_ready[piece], memory_order_acquire) &&
           (atomic_load_explicit(granule_word(map, addr), memory_order_relaxed) & granule_bit(addr));
}

/* Make the bitmap pieces of this page writable (the settling vCPU, before page_excl = 1). */
static void make_pieces_ready(uint64_t page)
{
    uint64_t piece = page / PAGES_PER_PIECE;
    if (atomic_load_explicit(&piece_ready[piece], memory_order_acquire))
        return;
    /* two settlers of one piece may both get here: mprotect is idempotent */
    size_t off = (size_t)piece * BITMAP_PIECE;
    if (mprotect((uint8_t *)armed_words + off, BITMAP_PIECE, PROT_READ | PROT_WRITE) != 0 ||
        mprotect((uint8_t *)synced_words + off, BITMAP_PIECE, PROT_READ | PROT_WRITE) != 0)
        die(TANDEM_EXIT_NO_MEMORY, "cannot grow the exclusive monitor's armed-granule maps");
    atomic_store_explicit(&piece_ready[piece], 1, memory_order_release);
}

#define TAG_HASH 0x9e3779b97f4a7c15ull
/* Where an LR made while its vCPU was alone points res.tag_ptr: a tag
 * owned by that vCPU alone, which no granule maps to. */
static struct tag alone_tags[VCPU_MAX];
_Static_assert(sizeof(struct page_meta) == 2 && offsetof(struct page_meta, recent_lr) == 1 &&
               sizeof(struct tag) == 64 && offsetof(struct tag, owner) == 8 && RES_GRANULE == 8,
               "struct monitor_tags describes this layout to the JIT");
static struct monitor_tags inline_layout;   /* filled by excl_init */

static uint64_t page_of(uint64_t addr) { return addr >> GUEST_PAGE_BITS; }

static unsigned tag_index(uint64_t addr)
{
    uint64_t page = page_of(addr);
    unsigned base = (unsigned)((page * TAG_HASH) >> (64 - TAG_BITS));
    unsigned in_page = (unsigned)(addr % GUEST_PAGE_SIZE) / RES_GRANULE;
    return (base + in_page) & (NTAGS - 1);
}

/*
 * Make tag i one that cpu may claim: its own or SHARED (protocol above).
 * Returns true if it passed a safe point on the way, after which an
 * earlier answer for another tag may be stale.
 */
static bool tag_resolve(struct vcpu *cpu, unsigned i)
{
    bool synced = false;
    /* in a syscall, revokers do not wait for this vCPU: there it may not
     * own a tag, so it shares a free one and gives up its own (no plain
     * claim of its own is in progress) */
    uint32_t take_as = atomic_load_explicit(&cpu->in_guest, memory_order_relaxed)
                           ? cpu->monitor_id : OWNER_SHARED;
    for (;;) {
        uint32_t o = atomic_load(&tags[i].owner);
        if (o == OWNER_SHARED || o == take_as)
            return synced;
        if (o == OWNER_FREE || o == cpu->monitor_id) {
            atomic_compare_exchange_strong(&tags[i].owner, &o, take_as);
            continue;
        }
        synced = true;
        if (o == OWNER_REVOKING) {
            /* the revoker may be waiting for this vCPU's acknowledgement */
            safepoint_sync_others(cpu);
            continue;
        }
        if (!atomic_compare_exchange_strong(&tags[i].owner, &o, OWNER_REVOKING))
            continue;
        /* the owner's writes under the tag end before it acknowledges */
        safepoint_sync_others(cpu);
        atomic_store(&tags[i].owner, OWNER_SHARED);
        return true;
    }
}

static bool owns(const struct vcpu *cpu, const struct tag *tag)
{
    return atomic_load_explicit(&tag->owner, memory_order_relaxed) == cpu->monitor_id;
}

/* Claim tag i, which tag_resolve made cpu's or SHARED; returns the even
 * value seen.  The owner's claim writes nothing: nobody else writes the
 * tag, or data under it, until this vCPU acknowledges a revoker. */
static uint64_t tag_claim(struct vcpu *cpu, unsigned i)
{
    uint64_t t = atomic_load_explicit(&tags[i].seq, memory_order_relaxed);
    if (owns(cpu, &tags[i]))
        return t;
    if (__builtin_expect(!(t & 1), 1) &&
        atomic_compare_exchange_strong_explicit(&tags[i].seq, &t, t + 1, memory_order_acquire,
                                                memory_order_relaxed))
        return t;
    unsigned pauses = 0;
    for (;;) {
        uint64_t t = atomic_load_explicit(&tags[i].seq, memory_order_relaxed);
        if (!(t & 1) && atomic_compare_exchange_weak_explicit(&tags[i].seq, &t, t + 1,
                                                              memory_order_acquire,
                                                              memory_order_relaxed))
            return t;
        tag_backoff(&pauses);
    }
}

/*
 * An SC's check and claim of tag i (res.tag = t); resolves the tag first.
 * Owned: nobody else can have written under it since the LR (a writer
 * must revoke first, and ownership never comes back), so no comparison.
 */
static bool tag_claim_if(struct vcpu *cpu, unsigned i, uint64_t t, uint64_t *claimed)
{
    tag_resolve(cpu, i);   /* a sync here is like a block boundary between LR and SC */
    if (owns(cpu, &tags[i])) {
        *claimed = atomic_load_explicit(&tags[i].seq, memory_order_relaxed);
        return true;
    }
    *claimed = t;
    return atomic_compare_exchange_strong_explicit(&tags[i].seq, &t, t + 1, memory_order_acquire,
                                                   memory_order_relaxed);
}

/* t + 2, after the data write: readers see a new even value */
static void tag_publish(unsigned i, uint64_t claimed)
{
    atomic_store_explicit(&tags[i].seq, claimed + 2, memory_order_release);
}

/* Naturally aligned accesses (LR/SC, aligned stores): no straddling, no memcpy. */
static uint64_t load_aligned(uint64_t addr, unsigned size)
{
    if (size == 2)
        return __atomic_load_n((uint32_t *)g2h(addr), __ATOMIC_RELAXED);
    if (size == 3)
        return __atomic_load_n((uint64_t *)g2h(addr), __ATOMIC_RELAXED);
    return host_load(addr, size);
}

static void store_aligned(uint64_t addr, uint64_t val, unsigned size)
{
    void *p = g2h(addr);
    switch (size) {
    case 0: __atomic_store_n((uint8_t *)p, (uint8_t)val, __ATOMIC_RELAXED); break;
    case 1: __atomic_store_n((uint16_t *)p, (uint16_t)val, __ATOMIC_RELAXED); break;
    case 2: __atomic_store_n((uint32_t *)p, (uint32_t)val, __ATOMIC_RELAXED); break;
    default: __atomic_store_n((uint64_t *)p, val, __ATOMIC_RELAXED); break;
    }
}

/* Lazily zeroed memory; prot PROT_NONE reserves it only. */
static void *reserve_zeroed(size_t bytes, int prot)
{
    void *p = mmap(NULL, bytes, prot, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED)
        die(TANDEM_EXIT_NO_MEMORY, "cannot allocate the exclusive monitor's tables");
    return p;
}

static void excl_init(void)
{
    _Static_assert(GUEST_NPAGES % PAGES_PER_PIECE == 0, "whole bitmap pieces");
    /* vCPU i's own tag is i's from the start (monitor_id = index + 1), so
     * the JIT's single-hart LR need not check */
    for (unsigned i = 0; i < VCPU_MAX; i++)
        atomic_store_explicit(&alone_tags[i].owner, i + 1, memory_order_relaxed);
    void *p = reserve_zeroed(GUEST_NPAGES * sizeof(struct page_meta), PROT_READ | PROT_WRITE);
    meta = p;
    armed_words = reserve_zeroed(GUEST_SPACE / RES_GRANULE / 8, PROT_NONE);
    synced_words = reserve_zeroed(GUEST_SPACE / RES_GRANULE / 8, PROT_NONE);
    piece_ready = reserve_zeroed(GUEST_NPAGES / PAGES_PER_PIECE, PROT_READ | PROT_WRITE);
    inline_layout = (struct monitor_tags){
        .page_meta = p, .settled = PAGE_SETTLED, .tags = &tags[0].seq, .tag_bits = TAG_BITS,
        .page_hash = TAG_HASH,
        .owner_offset = offsetof(struct tag, owner), .owner_shared = OWNER_SHARED,
        .armed_words = (uint64_t *)armed_words, .synced_words = (uint64_t *)synced_words,
        /* so a page nobody LRs any more is still released, after
         * RELEASE_IDLE_STORES calls = 64 x as many stores; a call costs
         * as much as dozens of inline stores */
        .store_call_every = 64,
        .alone_tags = &alone_tags[0].seq,
    };
}

/* The releaser: see the protocol above.  Called with no tag claimed. */
static void try_release(struct vcpu *cpu, uint64_t page)
{
    struct page_meta *m = &meta[page];
    uint8_t expect = PAGE_SETTLED;
    if (!atomic_compare_exchange_strong(&m->state, &expect, PAGE_RELEASING))
        return;
    /* every LR that read SETTLED before the CAS has published res.addr now */
    safepoint_sync_others(cpu);
    bool busy = false;
    int used = atomic_load(&vcpu_table_used);
    for (int i = 0; i < used && !busy; i++) {
        uint64_t r = atomic_load_explicit(&vcpu_table[i]->res.addr, memory_order_acquire);
        busy = r != RES_NONE && page_of(r) == page;
    }
    if (busy) {
        atomic_store(&m->state, PAGE_SETTLED);
        return;
    }
    /* a store that still sees 1 merely takes the slow path: no sync needed */
    atomic_store(&page_excl[page], 0);
    atomic_store(&m->state, PAGE_NORMAL);
    cpu->stats.pages_released++;
}

/*
 * Release policy.  Slow stores are counted per vCPU, in thread-local
 * slots, so that they write no shared line; LRs leave a hint on the page
 * (written only when it is not already set).  A vCPU that made
 * RELEASE_IDLE_STORES slow stores to a page tries to release it unless an
 * LR came since the last try; one running alone in single-hart mode tries
 * at every counted store.  The hint and the counts only steer when to
 * try; the release itself is safe whenever it runs.
 */
/* In guest code and alone in single-hart mode (count 1, flag set): no
 * other vCPU holds a reservation (each ended its own when it left guest
 * code), and one that enters syncs with this one before its first access. */
static bool alone_in_guest(const struct vcpu *cpu)
{
    return atomic_load_explicit(&cpu->in_guest, memory_order_relaxed) &&
           atomic_load_explicit(&vcpu_running, memory_order_relaxed) == (VCPU_SINGLE_HART | 1);
}

#define IDLE_SLOTS 8
static __thread struct idle_slot {
    uint64_t page_plus_1;     /* 0: empty */
    uint32_t stores;
} idle_slots[IDLE_SLOTS];

static void note_slow_store(struct vcpu *cpu, uint64_t page)
{
    /* alone in single-hart mode: this vCPU's LRs mark nothing, so the
     * page only slows it down */
    if (alone_in_guest(cpu)) {
        try_release(cpu, page);
        return;
    }
    struct idle_slot *slot = &idle_slots[page % IDLE_SLOTS];
    if (slot->page_plus_1 != page + 1) {
        slot->page_plus_1 = page + 1;
        slot->stores = 0;
    }
    if (++slot->stores < RELEASE_IDLE_STORES)
        return;
    slot->stores = 0;
    struct page_meta *m = &meta[page];
    if (atomic_load_explicit(&m->recent_lr, memory_order_relaxed))
        atomic_store_explicit(&m->recent_lr, 0, memory_order_relaxed);
    else
        try_release(cpu, page);
}

static void note_lr(struct page_meta *m)
{
    if (!atomic_load_explicit(&m->recent_lr, memory_order_relaxed))
        atomic_store_explicit(&m->recent_lr, 1, memory_order_relaxed);
}

/* The two halves of arming a granule, around a sync (arm_granule). */
static void set_armed(uint64_t addr)
{
    atomic_fetch_or(granule_word(armed_words, addr), granule_bit(addr));
}

static void set_synced(struct vcpu *cpu, uint64_t addr)
{
    atomic_fetch_or(granule_word(synced_words, addr), granule_bit(addr));
    cpu->stats.granules_armed++;
}

/*
 * cpu's LR at addr read a page state other than SETTLED: make the page
 * exclusive with a finished sync behind it.  Returns once it has read (or
 * written) SETTLED with no acknowledgement of its own after that.  The
 * vCPU that makes the page exclusive arms addr's granule too, before the
 * same sync (arm_granule's rule: armed bit, sync, synced bit), so that a
 * fresh page's first LR costs one sync, not two: with more threads than
 * host CPUs a sync often waits out a descheduled vCPU's time slice.
 */
static void settle_page(struct vcpu *cpu, uint64_t page, uint8_t state, uint64_t addr)
{
    struct page_meta *m = &meta[page];
    for (;;) {
        if (state == PAGE_SETTLED)
            return;
        if (state == PAGE_NORMAL) {
            if (atomic_compare_exchange_strong(&m->state, &state, PAGE_ARMING)) {
                make_pieces_ready(page);   /* before any store can take the stub */
                atomic_store(&page_excl[page], 1);
                cpu->stats.pages_excl++;
                bool arm = !granule_has(synced_words, addr);
                if (arm)
                    set_armed(addr);
                /* the epoch bump inside publishes page_excl (and the bit) */
                safepoint_sync_others(cpu);
                if (arm)
                    set_synced(cpu, addr);
                atomic_store(&m->state, PAGE_SETTLED);
                return;
            }
            continue;   /* state now holds what we lost to */
        }
        /* ARMING or RELEASING: that vCPU may be waiting for our
         * acknowledgement, which a sync of our own gives while we wait */
        safepoint_sync_others(cpu);
        state = atomic_load(&m->state);
    }
}

/*
 * The granule at addr is not synced yet: from now on stores to it must
 * take its tag (a store that read the armed bit clear is a plain write,
 * like one that read page_excl == 0), and the sync waits for those
 * already past the check.  Every LR that finds the bit unsynced syncs
 * itself, so none goes on before some sync has finished.
 */
static void arm_granule(struct vcpu *cpu, uint64_t addr)
{
    set_armed(addr);
    safepoint_sync_others(cpu);
    set_synced(cpu, addr);
}

/* An LR's first step: the page is settled, with a finished sync behind
 * it, and the granule armed and synced. */
static void prepare_granule(struct vcpu *cpu, uint64_t addr)
{
    uint64_t page = page_of(addr);
    for (;;) {
        uint8_t state = atomic_load(&meta[page].state);
        if (__builtin_expect(state != PAGE_SETTLED, 0))
            settle_page(cpu, page, state, addr);
        if (__builtin_expect(granule_has(synced_words, addr), 1))
            return;
        arm_granule(cpu, addr);
        /* that synced: read the page state again (settle_page's rule) */
    }
}

/*
 * May this LR make a single-hart reservation?  Only if it is the only vCPU
 * running guest code, with VCPU_SINGLE_HART set in the same word, so that
 * a vCPU entering meanwhile either is counted here or finds the flag.
 */
static bool may_run_single_hart(void)
{
    uint32_t w = atomic_load(&vcpu_running);
    if ((w & VCPU_RUNNING_COUNT) != 1)
        return false;
    if (!(w & VCPU_SINGLE_HART))
        w = atomic_fetch_or(&vcpu_running, VCPU_SINGLE_HART);
    return (w & VCPU_RUNNING_COUNT) == 1;
}

static bool is_single_hart(const struct vcpu *v)
{
    return __atomic_load_n(&v->res.tag_ptr, __ATOMIC_RELAXED) == (void *)&alone_tags[v->index];
}

/* A syscall of self's wrote [addr, addr + bytes): end the single-hart
 * reservations it overlaps.  A stale tag_ptr can make this end one of the
 * other kind as well: a spurious SC failure, allowed. */
static void end_single_hart_reservations(struct vcpu *self, uint64_t addr, unsigned bytes)
{
    int used = atomic_load(&vcpu_table_used);
    for (int i = 0; i < used; i++) {
        struct vcpu *v = vcpu_table[i];
        if (!v || v == self)
            continue;
        uint64_t r = atomic_load(&v->res.addr);
        if (r != RES_NONE && is_single_hart(v) && granule_overlaps(r, addr, bytes))
            atomic_compare_exchange_strong(&v->res.addr, &r, RES_NONE);
    }
}

static bool any_single_hart_reservation(struct vcpu *self)
{
    int used = atomic_load(&vcpu_table_used);
    for (int i = 0; i < used; i++) {
        struct vcpu *v = vcpu_table[i];
        if (v && v != self && atomic_load(&v->res.addr) != RES_NONE && is_single_hart(v))
            return true;
    }
    return false;
}

/*
 * With every other vCPU in guest code stopped: turn v's single-hart
 * reservation into what a normal LR would have made.  No other vCPU has
 * run guest code since that LR, so the granule's tag as it is now stands
 * for the value the LR read.  The syncs of settling and arming skip the
 * stopped vCPUs; but one may be stopped in the middle of its own page
 * transition, which would never end: then v's reservation just ends (a
 * spurious SC failure).
 */
static void make_reservation_normal(struct vcpu *cpu, struct vcpu *v)
{
    uint64_t r = atomic_load(&v->res.addr);
    if (r == RES_NONE || !is_single_hart(v))
        return;
    uint64_t page = page_of(r);
    uint8_t state = atomic_load(&meta[page].state);
    if (state == PAGE_NORMAL)
        settle_page(cpu, page, state, r);
    else if (state != PAGE_SETTLED) {
        atomic_compare_exchange_strong(&v->res.addr, &r, RES_NONE);
        return;
    }
    if (!granule_has(synced_words, r))
        arm_granule(cpu, r);
    note_lr(&meta[page]);
    unsigned i = tag_index(r);
    /* odd only if a syscall is writing there now: then the SC fails */
    v->res.tag = atomic_load_explicit(&tags[i].seq, memory_order_acquire);
    v->res.tag_addr = r;
    __atomic_store_n(&v->res.tag_ptr, (void *)&tags[i].seq, __ATOMIC_RELEASE);
    cpu->stats.res_upgraded++;
}

/* cpu has just entered guest code beside running vCPUs, and found the
 * flag set (protocol above). */
static void excl_end_single_hart(struct vcpu *cpu)
{
    safepoint_sync_others(cpu);
    if (any_single_hart_reservation(cpu)) {
        stw_begin(cpu);
        int used = atomic_load(&vcpu_table_used);
        for (int k = 0; k < used; k++)
            if (vcpu_table[k] && vcpu_table[k] != cpu)
                make_reservation_normal(cpu, vcpu_table[k]);
        stw_end(cpu);
    }
    atomic_fetch_and(&vcpu_running, ~VCPU_SINGLE_HART);
}

static uint64_t excl_load_link(struct vcpu *cpu, uint64_t addr, unsigned size)
{
    check_atomic_aligned(cpu, addr, size);
    if (may_run_single_hart()) {
        /* single-hart mode: no other vCPU runs guest code, and one that
         * enters makes this reservation a normal one first (protocol
         * above); this vCPU's own stores do not break it.  No page to
         * make exclusive. */
        atomic_store_explicit(&cpu->res.addr, addr, memory_order_relaxed);
        cpu->res.size = (uint8_t)size;
        /* a tag of its own (excl_init made it this vCPU's), so that the
         * JIT's SC takes the owner's path, which needs no res.tag */
        cpu->res.tag_ptr = &alone_tags[cpu->index];
        cpu->res.tag_addr = RES_NONE;
        return load_aligned(addr, size);
    }
    struct page_meta *m = &meta[page_of(addr)];
    unsigned i = tag_index(addr), pauses = 0, spins = 0;
    prepare_granule(cpu, addr);
    note_lr(m);
    /* before this vCPU's next acknowledgement: a releaser's scan sees it */
    atomic_store_explicit(&cpu->res.addr, addr, memory_order_relaxed);
    cpu->res.size = (uint8_t)size;

    uint64_t t, v;
    /* No prefetchw of the two lines for the SC: most LRs are the JIT's,
     * and one gets here mostly because another vCPU is writing under the
     * tag, whose lines it would take in mid-write */
    for (;;) {
        t = atomic_load_explicit(&tags[i].seq, memory_order_acquire);
        if (t & 1) {
            tag_wait_read(&spins, &pauses);
            continue;
        }
        v = load_aligned(addr, size);
        atomic_thread_fence(memory_order_acquire);
        if (atomic_load_explicit(&tags[i].seq, memory_order_relaxed) == t)
            break;
    }
    cpu->res.tag = t;
    cpu->res.tag_ptr = &tags[i].seq;   /* for the JIT's inline SC (monitor.h) */
    cpu->res.tag_addr = addr;
    return v;
}

static bool excl_store_cond(struct vcpu *cpu, uint64_t addr, uint64_t val, unsigned size)
{
    check_atomic_aligned(cpu, addr, size);
    uint64_t r = atomic_load_explicit(&cpu->res.addr, memory_order_relaxed);
    if (r == RES_NONE)
        return false;
    bool ok = r == addr && cpu->res.size == size;
    if (ok && cpu->res.tag_ptr == &alone_tags[cpu->index]) {
        store_aligned(addr, val, size);   /* still alone since the LR */
    } else if (ok) {
        unsigned i = tag_index(addr);
        uint64_t t;
        ok = tag_claim_if(cpu, i, cpu->res.tag, &t);
        if (ok) {
            store_aligned(addr, val, size);
            tag_publish(i, t);
        }
    }
    /* after the write: until then the page must stay exclusive */
    atomic_store_explicit(&cpu->res.addr, RES_NONE, memory_order_release);
    return ok;
}

/*
 * May a store or AMO whose first and last bytes are at first and last
 * skip their tags?  Only in guest code (an arming LR's sync waits for
 * this vCPU's next block boundary, not for a syscall), and only if no LR
 * has ever been made on either granule or this vCPU runs alone in
 * single-hart mode.
 */
static bool granules_unarmed(const struct vcpu *cpu, uint64_t first, uint64_t last)
{
    return alone_in_guest(cpu) ||
           (atomic_load_explicit(&cpu->in_guest, memory_order_relaxed) &&
            !granule_has(armed_words, first) && !granule_has(armed_words, last));
}

static void excl_store_slow(struct vcpu *cpu, uint64_t addr, uint64_t val, unsigned size)
{
    unsigned bytes = 1u << size;
    unsigned a = tag_index(addr), b = tag_index(addr + bytes - 1);
    if (a > b) {
        unsigned x = a; a = b; b = x;
    }
    bool tagged = !granules_unarmed(cpu, addr, addr + bytes - 1);
    uint64_t ta = 0, tb = 0;
    if (tagged) {
        while (tag_resolve(cpu, a) | (b != a && tag_resolve(cpu, b)))
            ;
        ta = tag_claim(cpu, a);
        if (b != a)
            tb = tag_claim(cpu, b);
    }
    if (!(addr & (bytes - 1)))
        store_aligned(addr, val, size);
    else
        host_store(addr, val, size);   /* a misaligned plain store */
    if (tagged) {
        if (b != a)
            tag_publish(b, tb);
        tag_publish(a, ta);
        cpu->stats.slow_stores++;
    }
    uint64_t first = page_of(addr), last = page_of(addr + bytes - 1);
    note_slow_store(cpu, first);
    if (last != first)
        note_slow_store(cpu, last);
}

static uint64_t excl_amo(struct vcpu *cpu, enum ir_amo kind, uint64_t addr, uint64_t val, unsigned size)
{
    check_atomic_aligned(cpu, addr, size);
    /* outside guest code: a syscall's write (linux_host_wrote), which
     * single-hart reservations do not see through tags or pages */
    if (!atomic_load_explicit(&cpu->in_guest, memory_order_relaxed))
        end_single_hart_reservations(cpu, addr, 1u << size);
    uint64_t page = page_of(addr);
    /* same argument as the store fast path: an AMO that reads 0 here ends
     * before this vCPU's next block boundary, so an LR's sync waits for it */
    if (!atomic_load_explicit(&page_excl[page], memory_order_relaxed))
        return host_amo(kind, addr, val, size);
    if (granules_unarmed(cpu, addr, addr)) {
        note_slow_store(cpu, page);
        return host_amo(kind, addr, val, size);
    }
    unsigned i = tag_index(addr);   /* aligned: one granule */
    tag_resolve(cpu, i);
    uint64_t t = tag_claim(cpu, i);
    uint64_t old = host_amo(kind, addr, val, size);
    tag_publish(i, t);
    cpu->stats.slow_stores++;
    note_slow_store(cpu, page);
    return old;
}

static void excl_clear(struct vcpu *cpu)
{
    atomic_store_explicit(&cpu->res.addr, RES_NONE, memory_order_release);
}

const struct monitor_ops monitor_excl = {
    .name = "excl",
    .exact = true,
    .amo_fast_path = true,   /* excl_amo: host_amo when page_excl is 0 */
    .lrsc_inline = MONITOR_LRSC_TAGS,   /* the common paths of excl_load_link / _store_cond */
    .tags = &inline_layout,
    .init = excl_init,
    .load_link = excl_load_link,
    .store_cond = excl_store_cond,
    .amo = excl_amo,
    .store_slow = excl_store_slow,
    .clear = excl_clear,
    .end_single_hart = excl_end_single_hart,
};
