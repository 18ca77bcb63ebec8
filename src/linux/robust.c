/*
 * Robust futex lists (set_robust_list), walked when a thread dies, as
 * Linux does: every lock still on the dead thread's list gets
 * FUTEX_OWNER_DIED, and a waiter is woken, so that the next locker gets
 * EOWNERDEAD instead of waiting forever.  The host kernel cannot walk the
 * guest's list itself: its pointers are guest addresses.
 *
 * The list (guest memory, the layout of both 64-bit ABIs):
 *   struct robust_list_head { u64 next; s64 futex_offset; u64 list_op_pending; };
 *   each entry is { u64 next; ... } with its futex word at entry + futex_offset;
 *   bit 0 of an entry pointer marks a PI futex.
 *
 * Concurrency: one head per vCPU slot, written by the slot's own thread
 * (or at fork, when only the caller exists), read atomically by
 * exit_group, which walks every live thread's list.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <linux/futex.h>
#include <stdatomic.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "linux/syscall_priv.h"

#define ROBUST_LIST_LIMIT 2048   /* Linux's bound on a (possibly circular) list */

static _Atomic uint64_t robust_heads[VCPU_MAX];

void robust_set(struct vcpu *cpu, uint64_t head)
{
    atomic_store(&robust_heads[cpu->index], head);
}

uint64_t robust_get(struct vcpu *cpu)
{
    return atomic_load(&robust_heads[cpu->index]);
}

void robust_forget_all(void)
{
    for (int i = 0; i < VCPU_MAX; i++)
        atomic_store_explicit(&robust_heads[i], 0, memory_order_relaxed);
}

static void owner_died_locked(struct vcpu *cpu, uint64_t uaddr, uint32_t tid, bool pi, bool pending);

/* The futex word at uaddr belonged to tid, which is dying. */
static void futex_owner_died(struct vcpu *cpu, uint64_t uaddr, uint32_t tid, bool pi, bool pending)
{
    if (uaddr & 3)
        return;
    pthread_rwlock_rdlock(&mmap_lock);   /* no munmap between check and access */
    if (guest_range_has_prot(uaddr, 4, GPROT_READ | GPROT_WRITE))
        owner_died_locked(cpu, uaddr, tid, pi, pending);
    pthread_rwlock_unlock(&mmap_lock);
}

static void owner_died_locked(struct vcpu *cpu, uint64_t uaddr, uint32_t tid, bool pi, bool pending)
{
    _Atomic uint32_t *word = g2h(uaddr);
    uint32_t old = atomic_load(word);
    for (;;) {
        if (pending && !pi && (old & FUTEX_TID_MASK) == 0) {
            /* unlocked, but the owner may have died before waking anyone */
            syscall(SYS_futex, word, FUTEX_WAKE, 1, NULL, NULL, 0);
            return;
        }
        if ((old & FUTEX_TID_MASK) != tid)
            return;
        uint32_t dead = (old & FUTEX_WAITERS) | FUTEX_OWNER_DIED;
        linux_host_wrote(cpu, uaddr, 4);
        if (atomic_compare_exchange_strong(word, &old, dead))
            break;
    }
    linux_host_wrote(cpu, uaddr, 4);
    /* a PI futex's waiters are the host kernel's business */
    if (!pi && (old & FUTEX_WAITERS))
        syscall(SYS_futex, word, FUTEX_WAKE, 1, NULL, NULL, 0);
}

static bool read_u64(uint64_t addr, uint64_t *out)
{
    return copy_from_guest(out, addr, 8) == 0;
}

static void walk(struct vcpu *cpu, uint64_t head, uint32_t tid)
{
    uint64_t entry, offset, pending;
    if (!head || !read_u64(head, &entry) || !read_u64(head + 8, &offset) ||
        !read_u64(head + 16, &pending))
        return;
    for (unsigned n = 0; (entry & ~1ull) != head && n < ROBUST_LIST_LIMIT; n++) {
        uint64_t next;
        bool more = read_u64(entry & ~1ull, &next);
        if ((entry & ~1ull) != (pending & ~1ull))
            futex_owner_died(cpu, (entry & ~1ull) + offset, tid, entry & 1, false);
        if (!more)
            return;
        entry = next;
    }
    if (pending & ~1ull)
        futex_owner_died(cpu, (pending & ~1ull) + offset, tid, pending & 1, true);
}

void robust_exit(struct vcpu *cpu)
{
    uint64_t head = atomic_exchange(&robust_heads[cpu->index], 0);
    walk(cpu, head, (uint32_t)cpu->host_tid);
}

void robust_exit_all(struct vcpu *self)
{
    int used = atomic_load(&vcpu_table_used);
    for (int i = 0; i < used; i++) {
        struct vcpu *v = vcpu_table[i];
        if (v && atomic_load(&v->active) && v->host_tid)
            walk(self, atomic_exchange(&robust_heads[i], 0), (uint32_t)v->host_tid);
    }
}
