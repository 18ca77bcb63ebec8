/*
 * hst: a hashed store-tag table.  Every store bumps the tag of each
 * 8-byte granule it writes; LR remembers the tag of its granule; SC
 * succeeds only if that tag is unchanged.
 *
 * DESIGN REQUIREMENT: properties A-E of shared/DESIGN.md.
 *
 * Protocol: each tag is a sequence lock.  Even = idle, odd = a store (or
 * SC/AMO) is writing a granule that hashes here.
 *   - store / AMO: for each tag it touches (at most two, in index order),
 *     CAS even t -> t + 1; write memory; store t + 2 (release).
 *   - LR: read tag t (wait while odd), load the value, re-read the tag;
 *     retry unless it is still t.  Remember {addr, size, t}.
 *   - SC: if addr and size match, CAS tag t -> t + 1; on success write and
 *     store t + 2.  The CAS is the check, and the odd tag keeps every
 *     other writer of the granule out until the SC's write is done (C).
 * Granules that collide in the hash share a tag: a store to one makes an
 * SC on the other fail spuriously, but a tag never returns to an old
 * value, so a collision never lets an SC succeed falsely.  The vCPU's own
 * stores bump the tag too, so they end its own reservation (allowed).
 *
 * Every store must come here, so init points page_excl at a read-only
 * mapping full of ones (a 2 MiB memfd mapped over and over): the fast path
 * is never taken and neither the JIT nor guest_access.h needs a new flag.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "mem/guest_mem.h"
#include "monitor/excl_common.h"
#include "monitor/monitor.h"
#include "util/diag.h"

#define TAG_BITS 16
#define NTAGS (1u << TAG_BITS)

static _Alignas(64) _Atomic uint64_t tags[NTAGS];

static unsigned tag_index(uint64_t addr)
{
    uint64_t g = addr / RES_GRANULE;
    return (unsigned)((g * 0x9e3779b97f4a7c15ull) >> (64 - TAG_BITS));
}

/* Wait for the tag to be even and claim it; returns the even value seen. */
static uint64_t tag_claim(unsigned i)
{
    unsigned pauses = 0;
    for (;;) {
        uint64_t t = atomic_load_explicit(&tags[i], memory_order_relaxed);
        if (!(t & 1) && atomic_compare_exchange_weak_explicit(&tags[i], &t, t + 1,
                                                              memory_order_acquire,
                                                              memory_order_relaxed))
            return t;
        tag_backoff(&pauses);
    }
}

static void tag_publish(unsigned i, uint64_t claimed)
{
    atomic_store_explicit(&tags[i], claimed + 2, memory_order_release);
}

/* Claims the tags of [addr, addr + bytes) in index order; *n gets 1 or 2. */
static void claim_range(uint64_t addr, unsigned bytes, unsigned idx[2], uint64_t seen[2], unsigned *n)
{
    unsigned a = tag_index(addr), b = tag_index(addr + bytes - 1);
    if (a > b) {
        unsigned t = a; a = b; b = t;
    }
    idx[0] = a;
    idx[1] = b;
    *n = a == b ? 1 : 2;
    for (unsigned k = 0; k < *n; k++)
        seen[k] = tag_claim(idx[k]);
}

static void publish_range(const unsigned idx[2], const uint64_t seen[2], unsigned n)
{
    for (unsigned k = n; k-- > 0;)
        tag_publish(idx[k], seen[k]);
}

static void hst_init(void)
{
    const size_t chunk = 2u << 20;
    int fd = memfd_create("tandem-hst-all-slow", MFD_CLOEXEC);
    if (fd < 0 || ftruncate(fd, (off_t)chunk) != 0)
        die(TANDEM_EXIT_NO_MEMORY, "hst: cannot create the all-slow page map");
    void *ones = mmap(NULL, chunk, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (ones == MAP_FAILED)
        die(TANDEM_EXIT_NO_MEMORY, "hst: cannot map the all-slow page map");
    memset(ones, 1, chunk);
    munmap(ones, chunk);

    _Static_assert(GUEST_NPAGES % (2u << 20) == 0, "page map must be a whole number of chunks");
    uint8_t *map = mmap(NULL, GUEST_NPAGES, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
                        -1, 0);
    if (map == MAP_FAILED)
        die(TANDEM_EXIT_NO_MEMORY, "hst: cannot reserve the all-slow page map");
    for (uint64_t off = 0; off < GUEST_NPAGES; off += chunk) {
        if (mmap(map + off, chunk, PROT_READ, MAP_SHARED | MAP_FIXED, fd, 0) == MAP_FAILED)
            die(TANDEM_EXIT_NO_MEMORY, "hst: cannot map the all-slow page map");
    }
    close(fd);
    /* before any vCPU runs: nothing has read the old (all-zero) map yet */
    page_excl = (_Atomic uint8_t *)map;
}

static uint64_t hst_load_link(struct vcpu *cpu, uint64_t addr, unsigned size)
{
    check_atomic_aligned(cpu, addr, size);
    unsigned i = tag_index(addr), pauses = 0, spins = 0;
    uint64_t t, v;
    for (;;) {
        t = atomic_load_explicit(&tags[i], memory_order_acquire);
        if (t & 1) {
            tag_wait_read(&spins, &pauses);
            continue;
        }
        v = host_load(addr, size);
        atomic_thread_fence(memory_order_acquire);
        if (atomic_load_explicit(&tags[i], memory_order_relaxed) == t)
            break;
    }
    cpu->res.tag = t;
    cpu->res.size = (uint8_t)size;
    atomic_store_explicit(&cpu->res.addr, addr, memory_order_relaxed);
    return v;
}

static bool hst_store_cond(struct vcpu *cpu, uint64_t addr, uint64_t val, unsigned size)
{
    check_atomic_aligned(cpu, addr, size);
    uint64_t r = atomic_load_explicit(&cpu->res.addr, memory_order_relaxed);
    atomic_store_explicit(&cpu->res.addr, RES_NONE, memory_order_relaxed);
    if (r != addr || cpu->res.size != size)
        return false;
    unsigned i = tag_index(addr);
    uint64_t t = cpu->res.tag;
    if (!atomic_compare_exchange_strong_explicit(&tags[i], &t, t + 1, memory_order_acquire,
                                                 memory_order_relaxed))
        return false;
    host_store(addr, val, size);
    tag_publish(i, cpu->res.tag);
    return true;
}

static void hst_store_slow(struct vcpu *cpu, uint64_t addr, uint64_t val, unsigned size)
{
    unsigned idx[2], n;
    uint64_t seen[2];
    claim_range(addr, 1u << size, idx, seen, &n);
    host_store(addr, val, size);
    publish_range(idx, seen, n);
    cpu->stats.slow_stores++;
}

static uint64_t hst_amo(struct vcpu *cpu, enum ir_amo kind, uint64_t addr, uint64_t val, unsigned size)
{
    check_atomic_aligned(cpu, addr, size);
    unsigned i = tag_index(addr);
    uint64_t t = tag_claim(i);
    uint64_t old = host_amo(kind, addr, val, size);
    tag_publish(i, t);
    return old;
}

static void hst_clear(struct vcpu *cpu)
{
    atomic_store_explicit(&cpu->res.addr, RES_NONE, memory_order_relaxed);
}

const struct monitor_ops monitor_hst = {
    .name = "hst",
    .exact = true,
    .amo_fast_path = false,   /* every AMO claims its tag (page_excl is all ones) */
    .init = hst_init,
    .load_link = hst_load_link,
    .store_cond = hst_store_cond,
    .amo = hst_amo,
    .store_slow = hst_store_slow,
    .clear = hst_clear,
};
