/*
 * Signals.  tandem does not deliver signals to guest handlers yet: the
 * guest's handlers are recorded (rt_sigaction returns them), and a signal
 * that arrives unblocked takes its default action on the host.  The
 * blocked mask (vcpu->sigmask per thread) is mirrored on the host thread,
 * except for the fault signals, so blocked signals stay pending for
 * rt_sigtimedwait and signalfd as on Linux.  Two approximations keep
 * common programs right:
 *   - SIG_IGN and SIG_DFL are applied to the host for ordinary signals,
 *     so an ignored SIGPIPE or SIGCHLD behaves as on Linux;
 *   - a guest handler for SIGPIPE makes the host ignore it, so writes to
 *     a closed pipe return EPIPE instead of killing the process.
 * Signals the core uses for guest faults (SIGSEGV, SIGBUS, ...) are never
 * changed on the host; a guest sending one to itself dies of it, as it
 * would with no handler.
 *
 * Concurrency: the disposition table is process-wide and guarded by
 * sig_lock; masks and the alternate stack are per thread.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "exec/exec.h"
#include "linux/syscall_priv.h"

#define GUEST_NSIG 64
#define GUEST_SIGSET_SIZE 8
#define GUEST_SIG_DFL 0
#define GUEST_SIG_IGN 1
#define GUEST_SS_AUTODISARM (1 << 31)
#define GUEST_MINSIGSTKSZ 2048u

/* riscv64 kernel struct sigaction: no sa_restorer */
struct guest_sigaction {
    uint64_t handler;
    uint64_t flags;
    uint64_t mask;
};

static struct guest_sigaction dispositions[GUEST_NSIG + 1];
static pthread_mutex_t sig_lock = PTHREAD_MUTEX_INITIALIZER;

uint64_t linux_sig_disposition(int sig)
{
    if (sig < 1 || sig > GUEST_NSIG)
        return GUEST_SIG_DFL;
    pthread_mutex_lock(&sig_lock);
    uint64_t h = dispositions[sig].handler;
    pthread_mutex_unlock(&sig_lock);
    return h;
}

static uint64_t sig_bit(int sig)
{
    return 1ull << (sig - 1);
}

/* Signals the host side of tandem relies on, or that cannot be caught. */
static bool reserved_on_host(int sig)
{
    switch (sig) {
    case SIGSEGV: case SIGBUS: case SIGILL: case SIGFPE: case SIGTRAP:
    case SIGKILL: case SIGSTOP:
        return true;
    default:
        return sig >= 32;   /* glibc's internal and real-time signals */
    }
}

static void apply_to_host(int sig, uint64_t handler)
{
    if (reserved_on_host(sig))
        return;
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sigemptyset(&sa.sa_mask);
    if (handler == GUEST_SIG_IGN || (sig == SIGPIPE && handler != GUEST_SIG_DFL))
        sa.sa_handler = SIG_IGN;
    else
        sa.sa_handler = SIG_DFL;
    sigaction(sig, &sa, NULL);
}

_Static_assert(sizeof(((struct linux_sig_saved *)0)->words) == sizeof(dispositions),
               "linux_sig_saved holds the disposition table");

void linux_signals_save(struct linux_sig_saved *out)
{
    pthread_mutex_lock(&sig_lock);
    memcpy(out->words, dispositions, sizeof(dispositions));
    pthread_mutex_unlock(&sig_lock);
}

void linux_signals_restore(const struct linux_sig_saved *in)
{
    pthread_mutex_lock(&sig_lock);
    memcpy(dispositions, in->words, sizeof(dispositions));
    pthread_mutex_unlock(&sig_lock);
}

void linux_signal_init(void)
{
    /* An ignored signal stays ignored across execve: the guest inherits
     * what tandem's parent set up (nohup, a shell's background job). */
    for (int sig = 1; sig < 32; sig++) {
        struct sigaction old;
        if (!reserved_on_host(sig) && sigaction(sig, NULL, &old) == 0 && old.sa_handler == SIG_IGN)
            dispositions[sig].handler = GUEST_SIG_IGN;
    }
}

void linux_signals_for_exec(bool exec_failed)
{
    /* execve resets caught signals to SIG_DFL and keeps ignored ones; a
     * caught SIGPIPE is ignored on the host (see the top of this file),
     * which the new program must not inherit. */
    pthread_mutex_lock(&sig_lock);
    for (int sig = 1; sig < 32; sig++) {
        uint64_t h = dispositions[sig].handler;
        if (h != GUEST_SIG_DFL && h != GUEST_SIG_IGN)
            apply_to_host(sig, exec_failed ? h : GUEST_SIG_DFL);
    }
    pthread_mutex_unlock(&sig_lock);
}

static int64_t sys_rt_sigaction(struct vcpu *cpu, const uint64_t *a)
{
    int sig = (int)a[0];
    if (a[3] != GUEST_SIGSET_SIZE || sig < 1 || sig > GUEST_NSIG)
        return -EINVAL;
    struct guest_sigaction act;
    if (a[1]) {
        if (sig == SIGKILL || sig == SIGSTOP)
            return -EINVAL;
        if (copy_from_guest(&act, a[1], sizeof(act)) < 0)
            return -EFAULT;
    }
    pthread_mutex_lock(&sig_lock);
    struct guest_sigaction old = dispositions[sig];
    if (a[1]) {
        act.mask &= ~(sig_bit(SIGKILL) | sig_bit(SIGSTOP));
        dispositions[sig] = act;
        apply_to_host(sig, act.handler);
    }
    pthread_mutex_unlock(&sig_lock);
    if (a[2] && copy_to_guest(a[2], &old, sizeof(old)) < 0)
        return -EFAULT;
    return 0;
}

/* Signals the host thread never blocks for the guest: the core's fault
 * signals must reach its handler, and SIGKILL/SIGSTOP cannot be blocked. */
static uint64_t never_blocked_on_host(void)
{
    return sig_bit(SIGSEGV) | sig_bit(SIGBUS) | sig_bit(SIGILL) | sig_bit(SIGFPE) |
           sig_bit(SIGTRAP) | sig_bit(SIGKILL) | sig_bit(SIGSTOP);
}

/* The host thread blocks what the guest thread blocks, so a blocked
 * signal stays pending (for sigtimedwait, signalfd or a later unblock)
 * instead of taking its default action. */
static void mask_to_host(uint64_t guest_mask)
{
    uint64_t host = guest_mask & ~never_blocked_on_host();
    syscall(SYS_rt_sigprocmask, SIG_SETMASK, &host, NULL, (size_t)GUEST_SIGSET_SIZE);
}

void linux_signal_thread_start(struct vcpu *cpu)
{
    /* the first thread inherits the mask tandem was started with, as a
     * program inherits it across execve */
    uint64_t host = 0;
    if (syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, &host, (size_t)GUEST_SIGSET_SIZE) == 0)
        cpu->sigmask = host & ~(sig_bit(SIGKILL) | sig_bit(SIGSTOP));
    mask_to_host(cpu->sigmask);
}

static int64_t sys_rt_sigprocmask(struct vcpu *cpu, const uint64_t *a)
{
    if (a[3] != GUEST_SIGSET_SIZE)
        return -EINVAL;
    uint64_t old = cpu->sigmask, set = 0;
    if (a[1]) {
        if (copy_from_guest(&set, a[1], sizeof(set)) < 0)
            return -EFAULT;
        switch ((int)a[0]) {
        case SIG_BLOCK:   cpu->sigmask |= set; break;
        case SIG_UNBLOCK: cpu->sigmask &= ~set; break;
        case SIG_SETMASK: cpu->sigmask = set; break;
        default:          return -EINVAL;
        }
        cpu->sigmask &= ~(sig_bit(SIGKILL) | sig_bit(SIGSTOP));
        mask_to_host(cpu->sigmask);
    }
    if (a[2] && copy_to_guest(a[2], &old, sizeof(old)) < 0)
        return -EFAULT;
    return 0;
}

static int64_t sys_rt_sigpending(struct vcpu *cpu, const uint64_t *a)
{
    if (a[1] != GUEST_SIGSET_SIZE)
        return -EINVAL;
    uint64_t pending = 0;
    if (syscall(SYS_rt_sigpending, &pending, (size_t)GUEST_SIGSET_SIZE) != 0)
        return -errno;
    pending &= ~never_blocked_on_host();
    return copy_to_guest(a[0], &pending, sizeof(pending));
}

/* (set, siginfo *, timeout, sigsetsize): siginfo_t is 128 bytes with the
 * same layout on both; the waited signals are blocked on the host too. */
static int64_t sys_rt_sigtimedwait(struct vcpu *cpu, const uint64_t *a)
{
    void *set, *info, *ts;
    if (a[3] != GUEST_SIGSET_SIZE)
        return -EINVAL;
    if (!guest_ptr(a[0], 8, &set) || !set || !guest_ptr(a[1], 128, &info) ||
        !guest_ptr(a[2], 16, &ts))
        return -EFAULT;
    return host_result(syscall(SYS_rt_sigtimedwait, set, info, ts, (size_t)a[3]));
}

static int64_t sys_signalfd4(struct vcpu *cpu, const uint64_t *a)
{
    void *mask;
    if (a[2] != GUEST_SIGSET_SIZE)
        return -EINVAL;
    if (!guest_ptr(a[1], 8, &mask) || !mask)
        return -EFAULT;
    return host_result(syscall(SYS_signalfd4, (int)a[0], mask, (size_t)a[2], (int)a[3]));
}

/* stack_t: ss_sp, ss_flags (int, padded), ss_size: same on both */
struct guest_stack {
    uint64_t sp;
    int32_t flags, pad;
    uint64_t size;
};

static __thread struct guest_stack alt_stack = { 0, SS_DISABLE, 0, 0 };

static int64_t sys_sigaltstack(struct vcpu *cpu, const uint64_t *a)
{
    struct guest_stack old = alt_stack, ss;
    if (a[0]) {
        if (copy_from_guest(&ss, a[0], sizeof(ss)) < 0)
            return -EFAULT;
        if (ss.flags & ~(SS_DISABLE | SS_ONSTACK | GUEST_SS_AUTODISARM))
            return -EINVAL;
        if (!(ss.flags & SS_DISABLE) && ss.size < GUEST_MINSIGSTKSZ)
            return -ENOMEM;
        alt_stack = ss;
        alt_stack.flags &= SS_DISABLE | GUEST_SS_AUTODISARM;
        if (ss.flags & SS_DISABLE)
            alt_stack = (struct guest_stack){ 0, SS_DISABLE, 0, 0 };
    }
    if (a[1] && copy_to_guest(a[1], &old, sizeof(old)) < 0)
        return -EFAULT;
    return 0;
}

/* A fault signal the guest sends itself cannot go through the host (the
 * core's fault handler owns it): apply the default action directly. */
static int64_t self_fault_signal(struct vcpu *cpu, int sig)
{
    if (linux_sig_disposition(sig) == GUEST_SIG_IGN)
        return 0;
    guest_fatal_signal(cpu, sig, "guest sent itself signal %d (%s)", sig, strsignal(sig));
}

static bool is_fault_signal(int sig)
{
    return sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGFPE || sig == SIGTRAP;
}

static int64_t sys_kill(struct vcpu *cpu, const uint64_t *a)
{
    pid_t pid = (pid_t)a[0];
    int sig = (int)a[1];
    if (is_fault_signal(sig) && pid == getpid())
        return self_fault_signal(cpu, sig);
    return host_result(syscall(SYS_kill, pid, sig));
}

static int64_t sys_tgkill(struct vcpu *cpu, const uint64_t *a)
{
    pid_t tgid = (pid_t)a[0], tid = (pid_t)a[1];
    int sig = (int)a[2];
    if (is_fault_signal(sig) && tgid == getpid() && syscall(SYS_tgkill, tgid, tid, 0) == 0)
        return self_fault_signal(cpu, sig);
    return host_result(syscall(SYS_tgkill, tgid, tid, sig));
}

static int64_t sys_tkill(struct vcpu *cpu, const uint64_t *a)
{
    pid_t tid = (pid_t)a[0];
    int sig = (int)a[1];
    if (is_fault_signal(sig) && syscall(SYS_tgkill, getpid(), tid, 0) == 0)
        return self_fault_signal(cpu, sig);
    return host_result(syscall(SYS_tkill, tid, sig));
}

static const struct sys_entry signal_entries[] = {
    { 129, "kill",            sys_kill, 0 },
    { 130, "tkill",           sys_tkill, 0 },
    { 131, "tgkill",          sys_tgkill, 0 },
    { 132, "sigaltstack",     sys_sigaltstack, 0 },
    { 134, "rt_sigaction",    sys_rt_sigaction, 0 },
    { 135, "rt_sigprocmask",  sys_rt_sigprocmask, 0 },
    { 136, "rt_sigpending",   sys_rt_sigpending, 0 },
    { 137, "rt_sigtimedwait", sys_rt_sigtimedwait, 0 },
    { 74,  "signalfd4",       sys_signalfd4, 0 },
};

const struct sys_table sys_signal_table = SYS_TABLE(signal_entries);
