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
 * A wait that would sleep first waits in tandem, on a free host CPU, for
 * about as long as a kernel wake-up takes on this host (measured from
 * the wakes it sees), and then looks at the word once more: changed, it
 * returns -EAGAIN; otherwise it sleeps in the kernel.  To the guest this
 * is a kernel wait with the host's own wake-up latency (the kernel may
 * take any time to queue a waiter).  To the waker it is one wake-up fewer:
 * a contended lock's unlock otherwise pays a cross-CPU wake-up every time
 * the waiter goes to sleep.  The waiter looks only at the end: one that
 * came back as soon as the word changed took the lock's line and tag from
 * the holder mid-burst, and the 2-thread mutex loop gained nothing.
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
 * A waiter waiting in tandem has not counted itself: a wake that skips it
 * comes, as far as the guest can tell, before the kernel queued it.
 * woke_at and wake_latency_ns are hints (relaxed; a stale one only
 * lengthens or shortens one wait in tandem).
 * Shared futexes are never skipped: another process may wait on them.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <linux/futex.h>
#include <sched.h>
#include <stdatomic.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "linux/linux_user.h"
#include "linux/syscall_priv.h"
#include "util/clock.h"

#define WAITER_BUCKETS 64

/* A line each: a waiter's count must not bounce the line other words' wakers read. */
static struct {
    _Atomic uint32_t n;
    _Atomic uint64_t woke_at;   /* when a waker last called the kernel for this bucket */
} __attribute__((aligned(64))) waiters[WAITER_BUCKETS];

/* The host's wake-up latency, as the woken waiters measured it: a moving
 * average, 20 us to start with (a native futex ping-pong on the 2-core
 * development host: 35-45 us a round trip). */
#define WAKE_LATENCY_START_NS 20000
#define WAKE_LATENCY_MIN_NS 1000
#define WAKE_LATENCY_MAX_NS 50000
static _Atomic uint64_t wake_latency_ns = WAKE_LATENCY_START_NS;

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

/* The guest's word at addr, readable, is not val. */
static bool word_differs(uint64_t addr, uint32_t val)
{
    uint32_t word;
    return copy_from_guest(&word, addr, 4) == 0 && word != val;
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
    if (is_plain_wait(cmd, a) && word_differs(a[0], (uint32_t)a[2])) {
        *result = -EAGAIN;
        return true;
    }
    return false;
}

/* A kernel wait that began at `since` was woken: fold in the latency from
 * the wake that probably woke it. */
static void note_wake_latency(unsigned bucket, uint64_t since)
{
    uint64_t woke = atomic_load_explicit(&waiters[bucket].woke_at, memory_order_relaxed);
    uint64_t now = monotonic_ns();
    if (woke < since || woke > now)
        return;   /* not this wait's wake */
    uint64_t sample = now - woke, avg = atomic_load_explicit(&wake_latency_ns, memory_order_relaxed);
    sample = sample < WAKE_LATENCY_MIN_NS ? WAKE_LATENCY_MIN_NS
           : sample > WAKE_LATENCY_MAX_NS ? WAKE_LATENCY_MAX_NS : sample;
    atomic_store_explicit(&wake_latency_ns, avg - avg / 8 + sample / 8, memory_order_relaxed);
}

static unsigned host_cpus(void)
{
    static _Atomic unsigned cached;
    unsigned n = atomic_load_explicit(&cached, memory_order_relaxed);
    if (!n) {
        cpu_set_t set;
        n = sched_getaffinity(0, sizeof set, &set) == 0 ? (unsigned)CPU_COUNT(&set) : 0;
        n = n ? n : 1;
        atomic_store_explicit(&cached, n, memory_order_relaxed);
    }
    return n;
}

/* Wait in tandem for one wake-up latency if a host CPU is free (this vCPU
 * is outside guest code, so vcpu_running does not count it); true if the
 * word changed meanwhile. */
static bool changed_after_wake_latency(uint64_t addr, uint32_t val)
{
    if ((atomic_load(&vcpu_running) & VCPU_RUNNING_COUNT) >= host_cpus())
        return false;
    uint64_t end = monotonic_ns() + atomic_load_explicit(&wake_latency_ns, memory_order_relaxed);
    do {
        for (int k = 0; k < 32; k++)
            __builtin_ia32_pause();
    } while (monotonic_ns() < end);
    return word_differs(addr, val);
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
    unsigned bucket = bucket_of(a[0]);
    /* untimed waits only: a timed one would overrun its timeout */
    if (is_plain_wait(cmd, a) && a[3] == 0 && changed_after_wake_latency(a[0], (uint32_t)a[2]))
        return -EAGAIN;
    bool counted = is_private(op) && is_plain_wait(cmd, a);
    _Atomic uint32_t *count = &waiters[bucket].n;
    uint64_t since = counted ? monotonic_ns() : 0;
    if (counted)
        atomic_fetch_add(count, 1);   /* seq_cst: before the kernel reads the word */
    if (is_private(op) && is_plain_wake(cmd, a))
        atomic_store_explicit(&waiters[bucket].woke_at, monotonic_ns(), memory_order_relaxed);
    long r = syscall(SYS_futex, uaddr, op, (uint32_t)a[2], arg3, uaddr2, (uint32_t)a[5]);
    int64_t result = host_result(r);
    if (counted) {
        atomic_fetch_sub(count, 1);
        if (result == 0)
            note_wake_latency(bucket, since);
    }
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
