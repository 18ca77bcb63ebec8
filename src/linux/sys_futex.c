/*
 * futex.  Guest memory is host memory, so the host kernel's futex does the
 * real work.  What tandem adds is a way around the calls that would have
 * no effect, which glibc's locks make all the time: an unlock wakes
 * whenever the lock word says "maybe waiters", and a locker that decided
 * to wait often finds the word changed already.  Each such call costs a
 * guest system call (leave guest code, the host call, enter again) on
 * the critical path of the lock.  Two of them never reach the kernel:
 *   - a private FUTEX_WAKE(_BITSET) while no guest thread waits on a word
 *     in the same bucket returns 0 (nobody woken);
 *   - a FUTEX_WAIT(_BITSET) whose word already differs from the expected
 *     value returns -EAGAIN.
 * Both are answered in guest code (linux_futex_quick), without leaving it.
 *
 * Concurrency: waiters[b] counts the guest threads inside a private wait
 * on a word whose address hashes to b.  A waiter counts itself (a seq_cst
 * read-modify-write) before the kernel compares the word; a waker's guest
 * store to the word comes before its seq_cst fence and its read of the
 * count.  So a waker that reads 0 wakes nobody who could be asleep: every
 * waiter that counts itself later finds the new word in the kernel's
 * comparison, exactly as if this wake had come before its wait.  A
 * requeue moves kernel waiters to a second word whose bucket does not
 * count them, so the first requeue of the process turns the shortcut off
 * for good (glibc 2.36 never requeues; musl's condition variables do).
 * Shared futexes are never skipped: another process may wait on them.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <linux/futex.h>
#include <stdatomic.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "linux/linux_user.h"
#include "linux/syscall_priv.h"

#define WAITER_BUCKETS 64

/* A line each: a waiter's count must not bounce the line other words' wakers read. */
static struct {
    _Atomic uint32_t n;
} __attribute__((aligned(64))) waiters[WAITER_BUCKETS];

static _Atomic bool requeue_seen;

static unsigned bucket_of(uint64_t guest_addr)
{
    return (unsigned)((guest_addr * 0x9e3779b97f4a7c15ull) >> 58) % WAITER_BUCKETS;
}

static bool is_private(int op) { return (op & FUTEX_PRIVATE_FLAG) != 0; }

static bool futex_arg3_is_timeout(int cmd)
{
    switch (cmd) {
    case FUTEX_WAIT: case FUTEX_WAIT_BITSET: case FUTEX_LOCK_PI:
    case FUTEX_TRYLOCK_PI: case FUTEX_WAIT_REQUEUE_PI: case 13 /* FUTEX_LOCK_PI2 */:
        return true;
    default:
        return false;
    }
}

static bool futex_has_uaddr2(int cmd)
{
    switch (cmd) {
    case FUTEX_REQUEUE: case FUTEX_CMP_REQUEUE: case FUTEX_WAKE_OP:
    case FUTEX_WAIT_REQUEUE_PI: case FUTEX_CMP_REQUEUE_PI:
        return true;
    default:
        return false;
    }
}

static bool moves_waiters(int cmd)
{
    return cmd == FUTEX_REQUEUE || cmd == FUTEX_CMP_REQUEUE ||
           cmd == FUTEX_WAIT_REQUEUE_PI || cmd == FUTEX_CMP_REQUEUE_PI;
}

/* A plain wait: the word compared with val, then sleep (the kernel's EINVAL
 * cases, a misaligned word or an empty bitset, go to the kernel). */
static bool is_plain_wait(int cmd, const uint64_t *a)
{
    return (cmd == FUTEX_WAIT || (cmd == FUTEX_WAIT_BITSET && (uint32_t)a[5] != 0)) &&
           (a[0] & 3) == 0;
}

static bool is_plain_wake(int cmd, const uint64_t *a)
{
    return (cmd == FUTEX_WAKE || (cmd == FUTEX_WAKE_BITSET && (uint32_t)a[5] != 0)) &&
           (a[0] & 3) == 0;
}

bool linux_futex_quick(const uint64_t *a, int64_t *result)
{
    int op = (int)a[1], cmd = op & FUTEX_CMD_MASK;
    if (!guest_range_ok(a[0], 4))
        return false;
    if (is_plain_wake(cmd, a) && is_private(op) && !atomic_load(&requeue_seen)) {
        /* orders the guest's store to the word before the read of the count */
        atomic_thread_fence(memory_order_seq_cst);
        if (atomic_load_explicit(&waiters[bucket_of(a[0])].n, memory_order_relaxed) == 0) {
            *result = 0;
            return true;
        }
        return false;
    }
    if (is_plain_wait(cmd, a)) {
        uint32_t word;
        if (copy_from_guest(&word, a[0], 4) == 0 && word != (uint32_t)a[2]) {
            *result = -EAGAIN;
            return true;
        }
    }
    return false;
}

/* struct timespec is the same on riscv64 and x86-64. */
static int64_t sys_futex(struct vcpu *cpu, const uint64_t *a)
{
    (void)cpu;
    int op = (int)a[1];
    int cmd = op & FUTEX_CMD_MASK;
    void *uaddr, *uaddr2 = NULL, *arg3 = (void *)(uintptr_t)(uint32_t)a[3];
    if (!guest_range_ok(a[0], 4))
        return -EFAULT;
    uaddr = g2h(a[0]);
    if (futex_arg3_is_timeout(cmd) && !guest_ptr(a[3], 16, &arg3))
        return -EFAULT;
    if (futex_has_uaddr2(cmd)) {
        if (!guest_range_ok(a[4], 4))
            return -EFAULT;
        uaddr2 = g2h(a[4]);
    }
    if (moves_waiters(cmd))
        atomic_store(&requeue_seen, true);   /* before any waiter can have moved */
    bool counted = is_private(op) && is_plain_wait(cmd, a);
    _Atomic uint32_t *count = &waiters[bucket_of(a[0])].n;
    if (counted)
        atomic_fetch_add(count, 1);   /* seq_cst: before the kernel reads the word */
    long r = syscall(SYS_futex, uaddr, op, (uint32_t)a[2], arg3, uaddr2, (uint32_t)a[5]);
    int64_t result = host_result(r);
    if (counted)
        atomic_fetch_sub(count, 1);
    return result;
}

/* In a fork child only the forking thread exists, and it waits on nothing. */
void linux_futex_fork_child(void)
{
    for (unsigned b = 0; b < WAITER_BUCKETS; b++)
        atomic_store(&waiters[b].n, 0);
}

static const struct sys_entry futex_entries[] = {
    { 98, "futex", sys_futex, 0 },
};

const struct sys_table sys_futex_table = SYS_TABLE(futex_entries);
