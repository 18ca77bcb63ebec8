/*
 * System-call dispatch: riscv64 numbers (asm-generic) index a table built
 * once from the topic files' entries.  Unknown numbers return -ENOSYS and
 * are reported once each.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <limits.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "exec/exec.h"
#include "linux/linux_user.h"
#include "linux/syscall_priv.h"
#include "monitor/monitor.h"
#include "util/diag.h"

#define MAX_SYSCALL 512

static const struct sys_entry *dispatch[MAX_SYSCALL];

static const struct sys_table *const all_tables[] = {
    &sys_thread_table, &sys_mm_table, &sys_fs_table,
    &sys_time_table,   &sys_misc_table, &sys_signal_table, &sys_net_table,
    &sys_event_table, &sys_futex_table,
};

static void build_dispatch(void)
{
    for (size_t t = 0; t < sizeof(all_tables) / sizeof(all_tables[0]); t++) {
        const struct sys_table *tab = all_tables[t];
        for (unsigned i = 0; i < tab->count; i++) {
            const struct sys_entry *e = &tab->entries[i];
            if (e->nr >= MAX_SYSCALL || dispatch[e->nr])
                die(TANDEM_EXIT_INTERNAL, "syscall table: %s (%u) out of range or duplicated",
                    e->name, e->nr);
            dispatch[e->nr] = e;
        }
    }
}

void linux_init(const struct guest_image *img)
{
    build_dispatch();
    linux_mm_init(img->brk_start);
    linux_thread_init();
    linux_signal_init();
}

/* The once-set of reported unknown numbers: open addressing over atomic
 * slots holding nr + 1, so any thread can insert without a lock. */
#define UNKNOWN_SLOTS 256
static _Atomic uint64_t unknown_seen[UNKNOWN_SLOTS];

static bool first_report(uint64_t nr)
{
    uint64_t key = nr + 1;
    for (unsigned i = 0; i < UNKNOWN_SLOTS; i++) {
        _Atomic uint64_t *slot = &unknown_seen[(nr * 0x9e3779b97f4a7c15ull + i) % UNKNOWN_SLOTS];
        uint64_t cur = atomic_load(slot);
        if (cur == key)
            return false;
        if (cur == 0) {
            uint64_t expect = 0;
            if (atomic_compare_exchange_strong(slot, &expect, key))
                return true;
            if (expect == key)
                return false;
        }
    }
    return true;   /* set full: report rather than stay silent */
}

static void log_syscall(const struct vcpu *cpu, const struct sys_entry *e, const uint64_t *a, int64_t r)
{
    diag("[%d] %s(%#llx, %#llx, %#llx, %#llx) = %lld", cpu->host_tid, e ? e->name : "?",
         (unsigned long long)a[0], (unsigned long long)a[1], (unsigned long long)a[2],
         (unsigned long long)a[3], (long long)r);
}

static void read_args(const struct vcpu *cpu, uint64_t a[6])
{
    for (int i = 0; i < 6; i++)
        a[i] = cpu->regs[RV_X(RV_REG_A0 + i)];
}

void linux_syscall(struct vcpu *cpu)
{
    uint64_t nr = cpu->regs[RV_X(RV_REG_A7)];
    uint64_t a[6];
    read_args(cpu, a);
    cpu->pc += 4;   /* ecall has no compressed form */
    if (!cpu->host_tid) {
        /* the first thread: nobody set it up yet */
        cpu->host_tid = (int)gettid();
        linux_signal_thread_start(cpu);
    }

    const struct sys_entry *e = nr < MAX_SYSCALL ? dispatch[nr] : NULL;
    int64_t r;
    if (!e) {
        if (first_report(nr))
            diag("unknown syscall %llu, returning -ENOSYS", (unsigned long long)nr);
        r = -ENOSYS;
    } else if (e->fn) {
        r = e->fn(cpu, a);
    } else {
        r = host_result(syscall(e->host_nr, a[0], a[1], a[2], a[3], a[4], a[5]));
    }
    if (opt.verbose >= 2)
        log_syscall(cpu, e, a, r);
    cpu->regs[RV_X(RV_REG_A0)] = (uint64_t)r;
}

bool linux_syscall_quick(struct vcpu *cpu)
{
    uint64_t nr = cpu->regs[RV_X(RV_REG_A7)];
    if (nr != 98 || !cpu->host_tid)
        return false;
    uint64_t a[6];
    int64_t r;
    read_args(cpu, a);
    if (!linux_futex_quick(a, &r))
        return false;
    cpu->pc += 4;
    if (opt.verbose >= 2)
        log_syscall(cpu, dispatch[nr], a, r);
    cpu->regs[RV_X(RV_REG_A0)] = (uint64_t)r;
    return true;
}

/* Reservation [r, r + (1 << size)) of another vCPU overlaps [addr, addr + len)? */
static bool res_overlaps(uint64_t r, unsigned size, uint64_t addr, uint64_t len)
{
    return r < addr + len && addr < r + (1ull << size);
}

void linux_host_wrote(struct vcpu *self, uint64_t addr, uint64_t len)
{
    /* no vCPU (start-up, before any guest thread): no reservation exists */
    if (!self || len == 0 || !monitor || !monitor->exact || !guest_range_ok(addr, len))
        return;
    int used = atomic_load(&vcpu_table_used);
    for (int i = 0; i < used; i++) {
        struct vcpu *v = vcpu_table[i];
        if (!v || v == self || !atomic_load(&v->active))
            continue;
        uint64_t r = atomic_load(&v->res.addr);
        if (r == RES_NONE)
            continue;
        /* size is read without the owner's lock: use it only if it is a
         * size an LR can have and r is aligned to it */
        unsigned size = v->res.size;
        if ((size != 2 && size != 3) || (r & ((1u << size) - 1)))
            size = 2;
        if ((r & 3) || !res_overlaps(r, size, addr, len) ||
            !guest_range_has_prot(r, 1u << size, GPROT_WRITE))
            continue;
        /* OR with 0 is an atomic store of the value already there: it
         * breaks the reservation (DESIGN.md A) and loses no update */
        monitor->amo(self, IR_AMO_OR, r, 0, size);
    }
}

/* The copies below hold mmap_lock for reading from the permission check
 * to the access (mem/guest_mem.h): no munmap can come in between. */
static void store_u32_locked(struct vcpu *cpu, uint64_t addr, uint32_t val);

int copy_to_guest(uint64_t addr, const void *src, size_t len)
{
    pthread_rwlock_rdlock(&mmap_lock);
    bool ok = guest_range_has_prot(addr, len, GPROT_WRITE);
    if (ok) {
        linux_host_wrote(current_vcpu, addr, len);
        memcpy(g2h(addr), src, len);
        linux_host_wrote(current_vcpu, addr, len);
    }
    pthread_rwlock_unlock(&mmap_lock);
    return ok ? 0 : -EFAULT;
}

int copy_from_guest(void *dst, uint64_t addr, size_t len)
{
    pthread_rwlock_rdlock(&mmap_lock);
    bool ok = guest_range_has_prot(addr, len, GPROT_READ);
    if (ok)
        memcpy(dst, g2h(addr), len);
    pthread_rwlock_unlock(&mmap_lock);
    return ok ? 0 : -EFAULT;
}

/* Copies the string at addr, NUL included, into buf (if not NULL) and
 * returns its length; -EFAULT, or -ENAMETOOLONG with no NUL in size bytes. */
static int64_t string_walk(uint64_t addr, char *buf, size_t size)
{
    pthread_rwlock_rdlock(&mmap_lock);
    int64_t r = -ENAMETOOLONG;
    for (size_t n = 0; n < size; n++) {
        /* check each page once, when the walk enters it */
        if ((n == 0 || ((addr + n) & (GUEST_PAGE_SIZE - 1)) == 0) &&
            !guest_range_has_prot(addr + n, 1, GPROT_READ)) {
            r = -EFAULT;
            break;
        }
        char c = *(const char *)g2h(addr + n);
        if (buf)
            buf[n] = c;
        if (c == 0) {
            r = (int64_t)n;
            break;
        }
    }
    pthread_rwlock_unlock(&mmap_lock);
    return r;
}

int64_t guest_strlen(uint64_t addr, size_t max)
{
    return string_walk(addr, NULL, max);
}

int64_t guest_string(uint64_t addr, char *buf, size_t size)
{
    return string_walk(addr, buf, size);
}

int64_t guest_path(uint64_t addr, char *buf, const char **out)
{
    int64_t n = guest_string(addr, buf, PATH_MAX);
    if (n < 0)
        return n;
    *out = linux_path_is_self_exe(buf) ? linux_exe_path() : buf;
    return 0;
}

char *guest_strdup(uint64_t addr, size_t max, int64_t *err)
{
    int64_t n = guest_strlen(addr, max);
    char *s = n < 0 ? NULL : malloc((size_t)n + 1);
    if (n >= 0 && !s)
        n = -ENOMEM;
    /* the string may change (or go) between the two walks: take the
     * second one's word for it */
    if (s && (n = guest_string(addr, s, (size_t)n + 1)) < 0) {
        free(s);
        s = NULL;
    }
    *err = n < 0 ? n : 0;
    return s;
}

void guest_store_u32(struct vcpu *cpu, uint64_t addr, uint32_t val)
{
    if (addr & 3)
        return;
    pthread_rwlock_rdlock(&mmap_lock);
    if (guest_range_has_prot(addr, 4, GPROT_WRITE))
        store_u32_locked(cpu, addr, val);
    pthread_rwlock_unlock(&mmap_lock);
}

static void store_u32_locked(struct vcpu *cpu, uint64_t addr, uint32_t val)
{
    /* a page with live reservations must see this store (DESIGN.md A) */
    if (atomic_load_explicit(&page_excl[addr >> GUEST_PAGE_BITS], memory_order_relaxed) &&
        monitor && monitor->store_slow)
        monitor->store_slow(cpu, addr, val, 2);
    else {
        __atomic_store_n((uint32_t *)g2h(addr), val, __ATOMIC_SEQ_CST);
        /* the page may have become exclusive since it was read as not */
        linux_host_wrote(cpu, addr, 4);
    }
}
