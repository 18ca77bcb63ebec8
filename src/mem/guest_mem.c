/*
 * Guest memory in Linux user mode: one reserved host range, per-page
 * protection bytes and a top-down range allocator.  The concurrency story
 * is in guest_mem.h: state changes happen under mmap_lock; page_prot is
 * read lock-free with byte-sized atomic loads.
 *
 * The reservation never gets holes: unmapping remaps PROT_NONE, file
 * mappings are built elsewhere and moved in with mremap, and a MAP_FIXED
 * or mremap that fails part-way (out of host VMAs) has its holes reserved
 * again.  So no host allocation can land inside it.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <string.h>
#include <sys/mman.h>

#include "mem/guest_mem.h"
#include "util/diag.h"

uint8_t *guest_base;
uint8_t *page_prot;
_Atomic uint8_t *page_excl;
pthread_rwlock_t mmap_lock = PTHREAD_RWLOCK_INITIALIZER;

/* Where the next top-down search starts; only under mmap_lock. */
static uint64_t alloc_cursor = GUEST_MMAP_TOP;

/* A high, fixed-looking place keeps guest_base stable from run to run. */
#define RESERVE_HINT ((void *)0x200000000000ull)

/* PROT_NONE bytes reserved past the guest space: a host access that runs
 * off the end of a range checked with guest_range_ok (a kernel copy whose
 * length another guest thread changed meanwhile, say) faults there rather
 * than landing in whatever host mapping would follow the reservation. */
#define GUARD_AFTER (16ull << 20)

static void *reserve_anon(void *hint, size_t len, int extra_flags)
{
    return mmap(hint, len, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | extra_flags,
                -1, 0);
}

void guest_mem_init(void)
{
    void *p = reserve_anon(RESERVE_HINT, GUEST_SPACE + GUARD_AFTER, MAP_FIXED_NOREPLACE);
    if (p == MAP_FAILED)
        p = reserve_anon(NULL, GUEST_SPACE + GUARD_AFTER, 0);
    if (p == MAP_FAILED)
        die(TANDEM_EXIT_NO_MEMORY, "cannot reserve %llu GiB of address space for the guest: %s",
            GUEST_SPACE >> 30, strerror(errno));
    guest_base = p;

    /* The per-page arrays are read-write but untouched pages stay the
     * shared zero page, so they cost nothing until used. */
    void *prot = mmap(NULL, GUEST_NPAGES, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    void *excl = mmap(NULL, GUEST_NPAGES, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (prot == MAP_FAILED || excl == MAP_FAILED)
        die(TANDEM_EXIT_NO_MEMORY, "cannot allocate the guest page tables: %s", strerror(errno));
    page_prot = prot;
    page_excl = excl;
}

static inline uint8_t prot_of(uint64_t page)
{
    return __atomic_load_n(&page_prot[page], __ATOMIC_RELAXED);
}

static void set_prot(uint64_t addr, uint64_t len, uint8_t value)
{
    for (uint64_t p = addr >> GUEST_PAGE_BITS; p < (addr + len) >> GUEST_PAGE_BITS; p++)
        __atomic_store_n(&page_prot[p], value, __ATOMIC_RELAXED);
}

/* The host never needs PROT_EXEC: guest code is translated, not run.
 * Executable pages stay host-readable so the front-end can fetch them. */
static int host_prot(int prot)
{
    int hp = PROT_NONE;
    if (prot & (GPROT_READ | GPROT_EXEC))
        hp |= PROT_READ;
    if (prot & GPROT_WRITE)
        hp |= PROT_READ | PROT_WRITE;
    return hp;
}

static bool range_args_ok(uint64_t addr, uint64_t len)
{
    return len != 0 && (addr & (GUEST_PAGE_SIZE - 1)) == 0 && (len & (GUEST_PAGE_SIZE - 1)) == 0 &&
           guest_range_ok(addr, len);
}

/* True if the host has nothing mapped at the guest page addr. */
static bool host_page_is_hole(uint64_t addr)
{
    return msync(g2h(addr), GUEST_PAGE_SIZE, MS_ASYNC) != 0 && errno == ENOMEM;
}

/* Re-reserves every run of host holes in [addr, addr+len); their guest
 * contents are gone, so the pages become unmapped for the guest too. */
static void refill_holes(uint64_t addr, uint64_t len)
{
    for (uint64_t p = addr; p < addr + len;) {
        if (!host_page_is_hole(p)) {
            p += GUEST_PAGE_SIZE;
            continue;
        }
        uint64_t end = p + GUEST_PAGE_SIZE;
        while (end < addr + len && host_page_is_hole(end))
            end += GUEST_PAGE_SIZE;
        if (reserve_anon(g2h(p), end - p, MAP_FIXED) != MAP_FAILED)
            set_prot(p, end - p, 0);
        p = end;
    }
}

int guest_map_fixed(uint64_t addr, uint64_t len, int prot, int flags, int fd, uint64_t off)
{
    if (!range_args_ok(addr, len))
        return -EINVAL;
    int type = flags & (MAP_SHARED | MAP_PRIVATE);
    int keep = flags & (MAP_NORESERVE | MAP_POPULATE | MAP_LOCKED);
    void *dest = g2h(addr);

    if (flags & MAP_ANONYMOUS) {
        void *p = mmap(dest, len, host_prot(prot), type | keep | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
        if (p == MAP_FAILED) {
            /* A MAP_FIXED that fails (out of host VMAs, say) may already
             * have unmapped the old pages: fill the hole again, or a host
             * allocation could land inside the guest space. */
            int err = errno;
            refill_holes(addr, len);
            return -err;
        }
    } else {
        /* Map the file wherever the host likes, then move it into place:
         * a failing mmap never leaves a hole in the reservation. */
        void *tmp = mmap(NULL, len, host_prot(prot), type | keep, fd, (off_t)off);
        if (tmp == MAP_FAILED)
            return -errno;
        void *p = mremap(tmp, len, len, MREMAP_MAYMOVE | MREMAP_FIXED, dest);
        if (p == MAP_FAILED) {
            int err = errno;
            munmap(tmp, len);
            refill_holes(addr, len);   /* mremap unmaps the destination first */
            return -err;
        }
    }
    set_prot(addr, len, (uint8_t)((prot & (GPROT_READ | GPROT_WRITE | GPROT_EXEC)) | GPROT_MAPPED));
    return 0;
}

int guest_unmap(uint64_t addr, uint64_t len)
{
    if (!range_args_ok(addr, len))
        return -EINVAL;
    if (reserve_anon(g2h(addr), len, MAP_FIXED) == MAP_FAILED)
        return -errno;
    set_prot(addr, len, 0);
    /* Give the space back to the top-down allocator when it is the lowest. */
    if (addr <= alloc_cursor && alloc_cursor < addr + len)
        alloc_cursor = addr + len < GUEST_MMAP_TOP ? addr + len : GUEST_MMAP_TOP;
    return 0;
}

int guest_protect(uint64_t addr, uint64_t len, int prot)
{
    if ((addr & (GUEST_PAGE_SIZE - 1)) || !guest_range_ok(addr, len))
        return -EINVAL;
    if (len == 0)
        return 0;
    if (!guest_range_mapped(addr, len))
        return -ENOMEM;
    if (mprotect(g2h(addr), len, host_prot(prot)) != 0)
        return -errno;
    set_prot(addr, len, (uint8_t)((prot & (GPROT_READ | GPROT_WRITE | GPROT_EXEC)) | GPROT_MAPPED));
    return 0;
}

int guest_move(uint64_t old, uint64_t len, uint64_t target)
{
    if (!range_args_ok(old, len) || !range_args_ok(target, len))
        return -EINVAL;
    /* MREMAP_DONTUNMAP leaves the old range mapped (empty) rather than a
     * hole, until the PROT_NONE reservation replaces it below. */
    void *p = mremap(g2h(old), len, len, MREMAP_MAYMOVE | MREMAP_FIXED | MREMAP_DONTUNMAP,
                     g2h(target));
    if (p == MAP_FAILED)
        return -errno;
    for (uint64_t i = 0; i < len >> GUEST_PAGE_BITS; i++)
        __atomic_store_n(&page_prot[(target >> GUEST_PAGE_BITS) + i],
                         prot_of((old >> GUEST_PAGE_BITS) + i), __ATOMIC_RELAXED);
    return guest_unmap(old, len);
}

bool guest_range_has_prot(uint64_t addr, uint64_t len, int prot)
{
    if (!guest_range_ok(addr, len))
        return false;
    if (len == 0)
        return true;
    uint8_t need = (uint8_t)(prot | GPROT_MAPPED);
    for (uint64_t p = addr >> GUEST_PAGE_BITS; p <= (addr + len - 1) >> GUEST_PAGE_BITS; p++)
        if ((prot_of(p) & need) != need)
            return false;
    return true;
}

bool guest_range_mapped(uint64_t addr, uint64_t len)
{
    return guest_range_has_prot(addr, len, 0);
}

/* True if no page of [addr, addr+len) is mapped; *used gets the highest
 * mapped page's address when not. */
static bool range_free(uint64_t addr, uint64_t len, uint64_t *used)
{
    for (uint64_t p = (addr + len) >> GUEST_PAGE_BITS; p-- > addr >> GUEST_PAGE_BITS;) {
        if (prot_of(p) & GPROT_MAPPED) {
            *used = p << GUEST_PAGE_BITS;
            return false;
        }
    }
    return true;
}

bool guest_range_free(uint64_t addr, uint64_t len)
{
    uint64_t used;
    return guest_range_ok(addr, len) && range_free(addr, len, &used);
}

/* Highest free range of len bytes that ends at or below top. */
static uint64_t search_down(uint64_t top, uint64_t len)
{
    uint64_t end = top;
    while (end >= GUEST_MMAP_MIN + len) {
        uint64_t used;
        if (range_free(end - len, len, &used))
            return end - len;
        end = used;
    }
    return 0;
}

uint64_t guest_find_free(uint64_t len, uint64_t hint)
{
    len = (len + GUEST_PAGE_SIZE - 1) & ~(GUEST_PAGE_SIZE - 1);
    if (len == 0 || len > GUEST_MMAP_TOP - GUEST_MMAP_MIN)
        return 0;
    uint64_t used;
    if (hint && (hint & (GUEST_PAGE_SIZE - 1)) == 0 && hint >= GUEST_MMAP_MIN &&
        guest_range_ok(hint, len) && hint + len <= GUEST_STACK_TOP && range_free(hint, len, &used))
        return hint;
    uint64_t addr = search_down(alloc_cursor, len);
    if (!addr && alloc_cursor != GUEST_MMAP_TOP)
        addr = search_down(GUEST_MMAP_TOP, len);
    if (addr && addr < alloc_cursor)
        alloc_cursor = addr;
    return addr;
}

bool guest_fetch16(uint64_t addr, uint16_t *out)
{
    if (!guest_range_ok(addr, 2))
        return false;
    uint8_t need = GPROT_EXEC | GPROT_MAPPED;
    if ((prot_of(addr >> GUEST_PAGE_BITS) & need) != need ||
        (prot_of((addr + 1) >> GUEST_PAGE_BITS) & need) != need)
        return false;
    memcpy(out, g2h(addr), 2);
    return true;
}
