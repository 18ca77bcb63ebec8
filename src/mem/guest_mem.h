/*
 * Guest memory in Linux user mode: guest address A lives at host address
 * guest_base + A inside one reserved range of GUEST_SPACE bytes.  Pages
 * the guest has not mapped are PROT_NONE, so a stray guest access faults
 * on the host and is reported as a guest SIGSEGV (exec/fault.c).
 *
 * Two per-page byte arrays sit beside it:
 *   page_prot[]  the guest's PROT_* bits (host mprotect mirrors them);
 *   page_excl[]  non-zero when a store to the page must take the
 *                exclusive monitor's slow path (monitor/monitor.h).
 *
 * Concurrency: guest_base and GUEST_SPACE never change after
 * guest_mem_init.  page_prot and the mapping allocator are changed only
 * with mmap_lock held for writing (mmap/munmap/mprotect/brk/mremap, and
 * across fork).  tandem's own reads and writes of guest memory (syscall
 * arguments and results) hold it for reading from the permission check to
 * the access, so a concurrent munmap cannot pull a page away under them:
 * the guest gets EFAULT, as from Linux, rather than a fault in tandem.  page_excl is owned by the
 * exclusive monitor; the store fast path reads it with a relaxed load and
 * the monitor makes changes visible through safe points.
 */
#ifndef TANDEM_GUEST_MEM_H
#define TANDEM_GUEST_MEM_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define GUEST_PAGE_BITS 12
#define GUEST_PAGE_SIZE (1ull << GUEST_PAGE_BITS)
#define GUEST_SPACE     (1ull << 38)           /* Sv39 user half */
#define GUEST_NPAGES    (GUEST_SPACE >> GUEST_PAGE_BITS)

extern uint8_t *guest_base;
extern uint8_t *page_prot;                    /* GUEST_NPAGES bytes */
extern _Atomic uint8_t *page_excl;            /* GUEST_NPAGES bytes */
extern pthread_rwlock_t mmap_lock;

/* guest PROT bits (same values as Linux PROT_*) */
#define GPROT_READ  1
#define GPROT_WRITE 2
#define GPROT_EXEC  4
/* page_prot bit: the guest has mapped the page (possibly PROT_NONE), so the
 * allocator must not hand it out again */
#define GPROT_MAPPED 0x10

/* Layout: the initial stack ends at GUEST_STACK_TOP (a guard page above
 * it); guest_find_free hands out ranges top-down below GUEST_MMAP_TOP. */
#define GUEST_STACK_TOP 0x3ffffff000ull
#define GUEST_MMAP_TOP  0x3f00000000ull
#define GUEST_MMAP_MIN  0x10000ull

void guest_mem_init(void);

static inline void *g2h(uint64_t addr) { return guest_base + addr; }
static inline uint64_t h2g(const void *p) { return (uint64_t)((const uint8_t *)p - guest_base); }

/* True if [addr, addr+len) lies inside the guest address space. */
static inline bool guest_range_ok(uint64_t addr, uint64_t len)
{
    return addr < GUEST_SPACE && len <= GUEST_SPACE - addr;
}

/* True if host address p lies in the reserved guest range. */
static inline bool host_addr_is_guest(const void *p)
{
    return (const uint8_t *)p >= guest_base && (const uint8_t *)p < guest_base + GUEST_SPACE;
}

/*
 * Mapping management (called with mmap_lock held for writing).
 * guest_map_fixed maps [addr, addr+len) with prot, anonymous or from fd;
 * returns 0 or -errno.  guest_find_free finds a free range of len bytes at
 * or below the mmap top, or returns 0.
 */
int guest_map_fixed(uint64_t addr, uint64_t len, int prot, int flags, int fd, uint64_t off);
int guest_unmap(uint64_t addr, uint64_t len);
int guest_protect(uint64_t addr, uint64_t len, int prot);
uint64_t guest_find_free(uint64_t len, uint64_t hint);
bool guest_range_mapped(uint64_t addr, uint64_t len);
/* True if every page of [addr, addr+len) is mapped with all of the GPROT
 * bits in prot (lock-free; used to check guest buffers before tandem
 * itself reads or writes them). */
bool guest_range_has_prot(uint64_t addr, uint64_t len, int prot);
/* Move the pages of [old, old+len) to the free range at target, keeping
 * their contents, file backing and protection; old becomes unmapped.
 * Returns 0 or -errno (-EINVAL where the host cannot move such pages). */
int guest_move(uint64_t old, uint64_t len, uint64_t target);
/* True if no page of [addr, addr+len) is mapped (under mmap_lock). */
bool guest_range_free(uint64_t addr, uint64_t len);

/* Read guest code for the front-end: false if not mapped executable. */
bool guest_fetch16(uint64_t addr, uint16_t *out);

#endif
