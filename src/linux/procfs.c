/*
 * /proc/self/maps as the guest sees it: its own mappings, at guest
 * addresses, built from page_prot.  The host's file would list tandem's
 * mappings at host addresses, and glibc's pthread_getattr_np finds the
 * main thread's stack there.  The text goes into a memfd, so reads,
 * seeks and close behave as with any file.
 *
 * Concurrency: the page table is read under mmap_lock, so the listing is
 * a snapshot of one moment.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "linux/syscall_priv.h"

#define STACK_BYTES (8ull << 20)   /* the initial stack, see stack.c */

bool linux_path_is_self_maps(const char *path)
{
    if (strcmp(path, "/proc/self/maps") == 0 || strcmp(path, "/proc/thread-self/maps") == 0)
        return true;
    char mine[64];
    snprintf(mine, sizeof(mine), "/proc/%d/maps", (int)getpid());
    return strcmp(path, mine) == 0;
}

static const char *region_name(uint64_t start, uint64_t end)
{
    uint64_t brk_lo, brk_hi;
    linux_brk_range(&brk_lo, &brk_hi);
    if (start >= GUEST_STACK_TOP - STACK_BYTES && end <= GUEST_STACK_TOP)
        return "[stack]";
    if (brk_hi > brk_lo && start >= brk_lo && end <= brk_hi)
        return "[heap]";
    return "";
}

static void write_line(int fd, uint64_t start, uint64_t end, uint8_t prot)
{
    dprintf(fd, "%08llx-%08llx %c%c%cp 00000000 00:00 0 %s\n", (unsigned long long)start,
            (unsigned long long)end, (prot & GPROT_READ) ? 'r' : '-',
            (prot & GPROT_WRITE) ? 'w' : '-', (prot & GPROT_EXEC) ? 'x' : '-',
            region_name(start, end));
}

/* Next page at or after p whose entry is non-zero; GUEST_NPAGES if none.
 * Most of the table is zero, so it is skipped eight entries at a time. */
static uint64_t next_used(uint64_t p)
{
    while (p < GUEST_NPAGES && (p & 7))
        if (__atomic_load_n(&page_prot[p], __ATOMIC_RELAXED))
            return p;
        else
            p++;
    while (p < GUEST_NPAGES) {
        uint64_t word;
        memcpy(&word, &page_prot[p], 8);
        if (word)
            break;
        p += 8;
    }
    while (p < GUEST_NPAGES && !__atomic_load_n(&page_prot[p], __ATOMIC_RELAXED))
        p++;
    return p;
}

int64_t linux_open_self_maps(int guest_flags)
{
    int fd = memfd_create("maps", (guest_flags & O_CLOEXEC) ? MFD_CLOEXEC : 0);
    if (fd < 0)
        return -errno;
    pthread_rwlock_rdlock(&mmap_lock);
    uint64_t brk_lo, brk_hi;
    linux_brk_range(&brk_lo, &brk_hi);
    uint64_t heap_page = brk_lo >> GUEST_PAGE_BITS;   /* the heap gets a line of its own */
    for (uint64_t p = next_used(0); p < GUEST_NPAGES;) {
        uint8_t prot = __atomic_load_n(&page_prot[p], __ATOMIC_RELAXED);
        uint64_t end = p + 1;
        while (end < GUEST_NPAGES && end != heap_page &&
               __atomic_load_n(&page_prot[end], __ATOMIC_RELAXED) == prot)
            end++;
        if (prot & GPROT_MAPPED)
            write_line(fd, p << GUEST_PAGE_BITS, end << GUEST_PAGE_BITS, prot);
        p = next_used(end);
    }
    pthread_rwlock_unlock(&mmap_lock);
    lseek(fd, 0, SEEK_SET);
    return fd;
}
