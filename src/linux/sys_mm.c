/*
 * Memory syscalls: brk, mmap, munmap, mprotect, madvise, mremap, msync.
 * All changes happen under mmap_lock (mem/guest_mem.h).  Dropping or
 * un-executing guest code pages flushes the translation cache, after the
 * lock is released (the flush waits for other vCPUs' safe points).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>

#include "exec/tb_cache.h"
#include "linux/syscall_priv.h"

#define PAGE_MASK_LOW (GUEST_PAGE_SIZE - 1)

static uint64_t brk_start, brk_cur;   /* under mmap_lock */

void linux_mm_init(uint64_t start)
{
    brk_start = brk_cur = start;
}

/* Called with mmap_lock held (procfs.c), or racing harmlessly. */
void linux_brk_range(uint64_t *start, uint64_t *end)
{
    *start = brk_start;
    *end = (brk_cur + PAGE_MASK_LOW) & ~PAGE_MASK_LOW;
}

static uint64_t page_up(uint64_t x)
{
    return (x + PAGE_MASK_LOW) & ~PAGE_MASK_LOW;
}

/* Rounds len up to pages; false on overflow or a range outside the guest. */
static bool page_range(uint64_t addr, uint64_t *len)
{
    if (*len == 0 || *len > GUEST_SPACE)
        return false;
    *len = page_up(*len);
    return guest_range_ok(addr, *len);
}

static bool range_has_exec(uint64_t addr, uint64_t len)
{
    for (uint64_t p = addr >> GUEST_PAGE_BITS; p < (addr + len) >> GUEST_PAGE_BITS; p++)
        if (__atomic_load_n(&page_prot[p], __ATOMIC_RELAXED) & GPROT_EXEC)
            return true;
    return false;
}

static int page_prot_at(uint64_t addr)
{
    return page_prot[addr >> GUEST_PAGE_BITS] & (GPROT_READ | GPROT_WRITE | GPROT_EXEC);
}

static int64_t sys_brk(struct vcpu *cpu, const uint64_t *a)
{
    uint64_t want = a[0];
    pthread_rwlock_wrlock(&mmap_lock);
    if (want >= brk_start && guest_range_ok(brk_start, want - brk_start)) {
        uint64_t old_end = page_up(brk_cur), new_end = page_up(want);
        int r = 0;
        if (new_end > old_end) {
            if (!guest_range_free(old_end, new_end - old_end))
                r = -ENOMEM;
            else
                r = guest_map_fixed(old_end, new_end - old_end, GPROT_READ | GPROT_WRITE,
                                    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        } else if (new_end < old_end) {
            r = guest_unmap(new_end, old_end - new_end);
        }
        if (r == 0)
            brk_cur = want;
    }
    uint64_t result = brk_cur;
    pthread_rwlock_unlock(&mmap_lock);
    return (int64_t)result;
}

static int64_t sys_mmap(struct vcpu *cpu, const uint64_t *a)
{
    uint64_t addr = a[0], len = a[1], off = a[5];
    int prot = (int)a[2], flags = (int)a[3], fd = (int)a[4];
    int type = flags & MAP_SHARED_VALIDATE;
    if (len == 0 || (off & PAGE_MASK_LOW) || type == 0 ||
        (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC)))
        return -EINVAL;
    if (len > GUEST_SPACE)
        return -ENOMEM;   /* as Linux for a length beyond the address space */
    len = page_up(len);
    if (!(flags & MAP_ANONYMOUS) && fcntl(fd, F_GETFD) < 0)
        return -EBADF;
    bool fixed = flags & (MAP_FIXED | MAP_FIXED_NOREPLACE);
    if (fixed && ((addr & PAGE_MASK_LOW) || !guest_range_ok(addr, len)))
        return (addr & PAGE_MASK_LOW) ? -EINVAL : -ENOMEM;
    if (fixed && addr < GUEST_MMAP_MIN)
        return -EPERM;   /* like Linux's vm.mmap_min_addr: page 0 stays unmapped */

    pthread_rwlock_wrlock(&mmap_lock);
    int64_t result;
    bool flush = false;
    /* NOREPLACE wins over MAP_FIXED when both are given, as in Linux */
    if ((flags & MAP_FIXED_NOREPLACE) && !guest_range_free(addr, len)) {
        result = -EEXIST;
    } else {
        uint64_t target = fixed ? addr : guest_find_free(len, addr & ~PAGE_MASK_LOW);
        if (!target) {
            result = -ENOMEM;
        } else {
            flush = fixed && range_has_exec(target, len);
            int r = guest_map_fixed(target, len, prot, flags, fd, off);
            result = r < 0 ? r : (int64_t)target;
        }
    }
    pthread_rwlock_unlock(&mmap_lock);
    if (flush)
        tb_flush_all();
    return result;
}

static int64_t sys_munmap(struct vcpu *cpu, const uint64_t *a)
{
    uint64_t addr = a[0], len = a[1];
    if ((addr & PAGE_MASK_LOW) || !page_range(addr, &len))
        return -EINVAL;
    pthread_rwlock_wrlock(&mmap_lock);
    bool flush = range_has_exec(addr, len);
    int r = guest_unmap(addr, len);
    pthread_rwlock_unlock(&mmap_lock);
    if (flush)
        tb_flush_all();
    return r;
}

static int64_t sys_mprotect(struct vcpu *cpu, const uint64_t *a)
{
    uint64_t addr = a[0], len = a[1];
    int prot = (int)a[2];
    if ((addr & PAGE_MASK_LOW) || (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC)))
        return -EINVAL;
    if (len == 0)
        return 0;
    if (!page_range(addr, &len))
        return -ENOMEM;
    pthread_rwlock_wrlock(&mmap_lock);
    bool flush = !(prot & PROT_EXEC) && range_has_exec(addr, len);
    int r = guest_protect(addr, len, prot);
    pthread_rwlock_unlock(&mmap_lock);
    if (flush && r == 0)
        tb_flush_all();
    return r;
}

static int64_t sys_madvise(struct vcpu *cpu, const uint64_t *a)
{
    uint64_t addr = a[0], len = a[1];
    if (addr & PAGE_MASK_LOW)
        return -EINVAL;
    if (len == 0)
        return 0;
    if (!page_range(addr, &len))
        return -EINVAL;
    if (!guest_range_mapped(addr, len))
        return -ENOMEM;
    return host_result(madvise(g2h(addr), len, (int)a[2]));
}

static int64_t sys_msync(struct vcpu *cpu, const uint64_t *a)
{
    uint64_t addr = a[0], len = a[1];
    if (addr & PAGE_MASK_LOW)
        return -EINVAL;
    if (len == 0)
        return 0;
    if (!page_range(addr, &len))
        return -ENOMEM;
    if (!guest_range_mapped(addr, len))
        return -ENOMEM;
    return host_result(msync(g2h(addr), len, (int)a[2]));
}

/* Moves [old, old+oldlen) to target (already free), growing to newlen.
 * guest_move keeps the pages (and any file behind them); where the host
 * cannot move them, the guest gets an anonymous copy instead.  The grown
 * tail is new anonymous memory, as with Linux for anonymous mappings. */
static int move_mapping(uint64_t old, uint64_t oldlen, uint64_t newlen, uint64_t target)
{
    int prot = page_prot_at(old);
    uint64_t keep = oldlen < newlen ? oldlen : newlen;
    if (guest_move(old, keep, target) == 0) {
        if (oldlen > keep)
            guest_unmap(old + keep, oldlen - keep);
        if (newlen > keep)
            return guest_map_fixed(target + keep, newlen - keep, page_prot_at(target + keep - 1),
                                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        return 0;
    }
    int r = guest_map_fixed(target, newlen, GPROT_READ | GPROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                            -1, 0);
    if (r < 0)
        return r;
    if (guest_range_has_prot(old, keep, GPROT_READ))
        memcpy(g2h(target), g2h(old), keep);
    guest_protect(target, newlen, prot);
    guest_unmap(old, oldlen);
    return 0;
}

static int64_t sys_mremap(struct vcpu *cpu, const uint64_t *a)
{
    uint64_t old = a[0], oldlen = a[1], newlen = a[2], new_addr = a[4];
    int flags = (int)a[3];
    if ((old & PAGE_MASK_LOW) || (flags & ~(MREMAP_MAYMOVE | MREMAP_FIXED)) ||
        ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE)))
        return -EINVAL;
    if (oldlen == 0 || !page_range(old, &oldlen) || !page_range(0, &newlen))
        return -EINVAL;   /* oldlen 0 (duplicating a shared mapping) is not supported */

    pthread_rwlock_wrlock(&mmap_lock);
    int64_t result;
    bool flush = range_has_exec(old, oldlen);
    if (!guest_range_mapped(old, oldlen)) {
        result = -EFAULT;
    } else if (flags & MREMAP_FIXED) {
        if ((new_addr & PAGE_MASK_LOW) || !guest_range_ok(new_addr, newlen) ||
            (new_addr < old + oldlen && old < new_addr + newlen)) {
            result = -EINVAL;
        } else if (new_addr < GUEST_MMAP_MIN) {
            result = -EPERM;   /* as mmap: the low pages stay unmapped */
        } else {
            flush |= range_has_exec(new_addr, newlen);
            guest_unmap(new_addr, newlen);
            int r = move_mapping(old, oldlen, newlen, new_addr);
            result = r < 0 ? r : (int64_t)new_addr;
        }
    } else if (newlen <= oldlen) {
        if (newlen < oldlen)
            guest_unmap(old + newlen, oldlen - newlen);
        result = (int64_t)old;
    } else if (guest_range_ok(old + oldlen, newlen - oldlen) &&
               guest_range_free(old + oldlen, newlen - oldlen)) {
        /* grow in place: the tail is new anonymous memory */
        int r = guest_map_fixed(old + oldlen, newlen - oldlen, page_prot_at(old + oldlen - 1),
                                MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        result = r < 0 ? r : (int64_t)old;
    } else if (!(flags & MREMAP_MAYMOVE)) {
        result = -ENOMEM;
    } else {
        uint64_t target = guest_find_free(newlen, 0);
        int r = target ? move_mapping(old, oldlen, newlen, target) : -ENOMEM;
        result = r < 0 ? r : (int64_t)target;
    }
    pthread_rwlock_unlock(&mmap_lock);
    if (flush)
        tb_flush_all();
    return result;
}

static const struct sys_entry mm_entries[] = {
    { 214, "brk",      sys_brk, 0 },
    { 215, "munmap",   sys_munmap, 0 },
    { 216, "mremap",   sys_mremap, 0 },
    { 222, "mmap",     sys_mmap, 0 },
    { 226, "mprotect", sys_mprotect, 0 },
    { 227, "msync",    sys_msync, 0 },
    { 233, "madvise",  sys_madvise, 0 },
};

const struct sys_table sys_mm_table = SYS_TABLE(mm_entries);
