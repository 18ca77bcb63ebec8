/*
 * Threads and processes: clone/clone3 (threads and fork-style), exit,
 * exit_group, tid bookkeeping, execve and wait (futex: sys_futex.c).
 *
 * Concurrency: each guest thread is a host pthread running cpu_loop on its
 * own vCPU.  live_threads counts guest threads (atomic) so the last one to
 * exit ends the process.  clone waits for the child to publish its host tid
 * (a futex word on the parent's stack) so the parent returns it
 * synchronously, and the child writes the tid words before running guest
 * code, as Linux does.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <elf.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "exec/exec.h"
#include "exec/host_fpflags.h"
#include "exec/safepoint.h"
#include "linux/syscall_priv.h"
#include "monitor/monitor.h"
#include "util/diag.h"

#define THREAD_HOST_STACK (8u << 20)
#define VFORK_FD_MIN 900

static _Atomic int live_threads = 1;

/* Write end of the pipe a vfork parent waits on (closed by exec or exit). */
static int vfork_notify_fd = -1;

/* The pid of this tandem process.  A CLONE_VM vfork child shares this
 * memory (and the parent thread's TLS) but has its own pid, which is how
 * it knows what it is. */
static pid_t process_pid;

static bool in_shared_vfork_child(void)
{
    return getpid() != process_pid;
}

void linux_thread_init(void)
{
    atomic_store(&live_threads, 1);
    process_pid = getpid();
}

_Noreturn void linux_exit_process(int status)
{
    if (opt.stats)
        stats_print_all();
    fflush(NULL);
    _exit(status & 0xff);
}

/* ---- thread creation ---- */

struct thread_start {
    struct vcpu *child;
    uint64_t flags;
    uint64_t parent_tid_addr, child_tid_addr;
    _Atomic uint32_t tid;          /* futex word: 0 until the child runs */
};

/* Where a guest thread's exit returns to on the host threads we created:
 * returning from the start routine frees the thread without the forced
 * unwinding pthread_exit would do (which needs libgcc_s at run time). */
static __thread jmp_buf *thread_exit_jmp;

static void *guest_thread_main(void *arg)
{
    jmp_buf exit_jmp;
    if (setjmp(exit_jmp))
        return NULL;
    thread_exit_jmp = &exit_jmp;
    struct thread_start *ts = arg;
    struct vcpu *cpu = ts->child;
    int tid = (int)gettid();
    cpu->host_tid = tid;
    if (ts->flags & CLONE_CHILD_SETTID)
        guest_store_u32(cpu, ts->child_tid_addr, (uint32_t)tid);
    if (ts->flags & CLONE_PARENT_SETTID)
        guest_store_u32(cpu, ts->parent_tid_addr, (uint32_t)tid);
    if (ts->flags & CLONE_CHILD_CLEARTID)
        cpu->clear_child_tid = ts->child_tid_addr;
    robust_set(cpu, 0);
    /* ts lives on the parent's stack: it is gone once the parent wakes */
    atomic_store(&ts->tid, (uint32_t)tid);
    syscall(SYS_futex, &ts->tid, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
    cpu_loop(cpu);
}

/* The child of clone starts as a copy of its parent's guest state, past the
 * ecall, with a0 = 0 and the new stack and thread pointer if given. */
static void copy_parent_state(struct vcpu *child, const struct vcpu *parent, uint64_t flags,
                              uint64_t newsp, uint64_t tls)
{
    memcpy(child->regs, parent->regs, sizeof(uint64_t) * IR_NUM_GLOBALS);
    child->fflags = host_fp_guest_flags(parent->fflags);   /* with an NX pending in MXCSR */
    child->frm = parent->frm;
    child->sigmask = parent->sigmask;
    child->pc = parent->pc;   /* already past the ecall */
    child->regs[RV_X(RV_REG_A0)] = 0;
    if (newsp)
        child->regs[RV_X(RV_REG_SP)] = newsp;
    if (flags & CLONE_SETTLS)
        child->regs[RV_X(RV_REG_TP)] = tls;
}

static int64_t clone_thread(struct vcpu *cpu, uint64_t flags, uint64_t newsp, uint64_t parent_tid,
                            uint64_t tls, uint64_t child_tid)
{
    const uint64_t need = CLONE_VM | CLONE_THREAD | CLONE_SIGHAND;
    if ((flags & need) != need)
        return -EINVAL;
    struct vcpu *child = vcpu_new();
    if (!child)
        return -EAGAIN;
    copy_parent_state(child, cpu, flags, newsp, tls);

    struct thread_start ts = { .child = child, .flags = flags,
                               .parent_tid_addr = parent_tid, .child_tid_addr = child_tid };
    atomic_fetch_add(&live_threads, 1);
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&attr, THREAD_HOST_STACK);
    pthread_t th;
    int err = pthread_create(&th, &attr, guest_thread_main, &ts);
    pthread_attr_destroy(&attr);
    if (err) {
        atomic_fetch_sub(&live_threads, 1);
        vcpu_release(child);
        return -EAGAIN;
    }
    while (atomic_load(&ts.tid) == 0)
        syscall(SYS_futex, &ts.tid, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0);
    return atomic_load(&ts.tid);
}

/* ---- fork-style clone ---- */

static void forget_vcpu(struct vcpu *other, struct vcpu *self)
{
    if (other && other != self && atomic_load(&other->active))
        vcpu_release(other);
}

/* In a fork child only the calling thread exists. */
static void fork_child_reset(struct vcpu *cpu)
{
    int used = atomic_load(&vcpu_table_used);
    for (int i = 0; i < used; i++)
        forget_vcpu(vcpu_table[i], cpu);
    /* the others were stopped in guest code, and this vCPU is in the fork */
    atomic_store(&vcpu_running, 0);
    atomic_store(&live_threads, 1);
    cpu->host_tid = (int)gettid();
    process_pid = getpid();
    robust_forget_all();   /* as Linux: a fork child starts with no robust list */
    linux_futex_fork_child();
}

static int64_t clone_process(struct vcpu *cpu, uint64_t flags, uint64_t newsp, uint64_t parent_tid,
                             uint64_t tls, uint64_t child_tid)
{
    /* vfork: the parent sleeps until the child execs or exits, which
     * closes the close-on-exec pipe end the child holds. */
    int pipefd[2] = { -1, -1 };
    bool vfork_wait = (flags & CLONE_VFORK) && pipe2(pipefd, O_CLOEXEC) == 0;
    if (vfork_notify_fd >= 0) {
        close(vfork_notify_fd);   /* we are a vfork child ourselves: release our parent */
        vfork_notify_fd = -1;
    }

    /* The child keeps only this thread.  Any lock another vCPU holds at
     * the fork (a monitor's tag or page lock, a stop-the-world request)
     * would stay held in the child forever, so other vCPUs are parked at
     * block boundaries across the fork, holding nothing. */
    bool stopped = atomic_load(&live_threads) > 1;
    if (stopped)
        stw_begin(cpu);
    pthread_rwlock_wrlock(&mmap_lock);   /* no half-done mapping change in the child */
    pid_t pid = fork();
    int err = errno;
    if (pid == 0) {
        /* glibc ties a write lock to the tid that took it, which the
         * child does not have: start the child's lock afresh */
        pthread_rwlock_t fresh = PTHREAD_RWLOCK_INITIALIZER;
        mmap_lock = fresh;
    } else {
        pthread_rwlock_unlock(&mmap_lock);
    }
    if (stopped)
        stw_end(cpu);
    if (pid < 0) {
        if (vfork_wait) {
            close(pipefd[0]);
            close(pipefd[1]);
        }
        return -err;
    }
    if (pid == 0) {
        fork_child_reset(cpu);
        if (vfork_wait) {
            close(pipefd[0]);
            /* out of the way of the fds the guest is about to dup2 */
            int high = fcntl(pipefd[1], F_DUPFD_CLOEXEC, VFORK_FD_MIN);
            if (high >= 0) {
                close(pipefd[1]);
                vfork_notify_fd = high;
            } else {
                vfork_notify_fd = pipefd[1];
            }
        }
        if (flags & CLONE_CHILD_SETTID)
            guest_store_u32(cpu, child_tid, (uint32_t)cpu->host_tid);
        if (flags & CLONE_CHILD_CLEARTID)
            cpu->clear_child_tid = child_tid;
        if (newsp)
            cpu->regs[RV_X(RV_REG_SP)] = newsp;
        if (flags & CLONE_SETTLS)
            cpu->regs[RV_X(RV_REG_TP)] = tls;
        return 0;
    }
    if (flags & CLONE_PARENT_SETTID)
        guest_store_u32(cpu, parent_tid, (uint32_t)pid);
    if (vfork_wait) {
        close(pipefd[1]);
        char c;
        while (read(pipefd[0], &c, 1) < 0 && errno == EINTR)
            ;
        close(pipefd[0]);
    }
    return pid;
}

/* ---- vfork sharing the address space (CLONE_VM | CLONE_VFORK) ----
 *
 * posix_spawn and vfork run the child in the parent's memory until it
 * execs or exits, and glibc's posix_spawn reports a failed exec through
 * that shared memory.  So the child is a host process made with
 * CLONE_VM | CLONE_VFORK too: it runs on a vCPU of its own and a host
 * stack of its own, while the parent's host thread sleeps in clone.  It
 * shares that thread's TLS, which is safe because the parent is asleep
 * (current_vcpu is put back afterwards).  Before it leaves through exec
 * or exit it ends its reservation and marks its vCPU outside guest code;
 * the parent then releases the vCPU.
 */
#define VFORK_HOST_STACK (1u << 20)

struct vfork_start {
    struct vcpu *child;
    uint64_t flags, child_tid_addr;
};

static int vfork_child_main(void *arg)
{
    struct vfork_start *vs = arg;
    struct vcpu *cpu = vs->child;
    cpu->host_tid = (int)gettid();
    robust_set(cpu, 0);
    if (vs->flags & CLONE_CHILD_SETTID)
        guest_store_u32(cpu, vs->child_tid_addr, (uint32_t)cpu->host_tid);
    cpu_loop(cpu);
}

static int64_t clone_vfork_shared(struct vcpu *cpu, uint64_t flags, uint64_t newsp,
                                  uint64_t parent_tid, uint64_t tls, uint64_t child_tid)
{
    struct vcpu *child = vcpu_new();
    if (!child)
        return -EAGAIN;
    void *stack = mmap(NULL, VFORK_HOST_STACK, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
    if (stack == MAP_FAILED) {
        vcpu_release(child);
        return -EAGAIN;
    }
    copy_parent_state(child, cpu, flags, newsp, tls);
    if (flags & CLONE_CHILD_CLEARTID)
        child->clear_child_tid = child_tid;

    /* the child's rt_sigaction calls (posix_spawn resets handlers) write
     * the shared table; the parent's dispositions are its own */
    struct linux_sig_saved saved;
    linux_signals_save(&saved);
    struct vfork_start vs = { .child = child, .flags = flags, .child_tid_addr = child_tid };
    int pid = clone(vfork_child_main, (char *)stack + VFORK_HOST_STACK,
                    CLONE_VM | CLONE_VFORK | (int)(flags & CSIGNAL), &vs);
    int err = errno;
    /* the child has exec'd or exited (or never ran) */
    current_vcpu = cpu;
    linux_signals_restore(&saved);
    vcpu_release(child);
    munmap(stack, VFORK_HOST_STACK);
    if (pid < 0)
        return -err;
    if (flags & CLONE_PARENT_SETTID)
        guest_store_u32(cpu, parent_tid, (uint32_t)pid);
    return pid;
}

/* A CLONE_VM vfork child leaving through exec or exit: nothing of it may
 * stay in the shared state the parent's threads wait on. */
static void vfork_child_leaving(struct vcpu *cpu)
{
    monitor->clear(cpu);
    vcpu_leave_guest(cpu);
}

static int64_t do_clone(struct vcpu *cpu, uint64_t flags, uint64_t newsp, uint64_t parent_tid,
                        uint64_t tls, uint64_t child_tid)
{
    if ((flags & (CLONE_VM | CLONE_VFORK)) == (CLONE_VM | CLONE_VFORK) &&
        !(flags & (CLONE_THREAD | CLONE_SIGHAND)) && !in_shared_vfork_child())
        return clone_vfork_shared(cpu, flags, newsp, parent_tid, tls, child_tid);
    /* CLONE_VM without CLONE_VFORK shares memory: only a thread can do that */
    if ((flags & CLONE_VM) && !(flags & CLONE_VFORK))
        return clone_thread(cpu, flags, newsp, parent_tid, tls, child_tid);
    return clone_process(cpu, flags, newsp, parent_tid, tls, child_tid);
}

/* riscv64 clone: (flags, newsp, parent_tid, tls, child_tid) */
static int64_t sys_clone(struct vcpu *cpu, const uint64_t *a)
{
    return do_clone(cpu, a[0], a[1], a[2], a[3], a[4]);
}

/* struct clone_args of clone3, laid out the same for every architecture */
struct guest_clone_args {
    uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls;
    uint64_t set_tid, set_tid_size, cgroup;
};

static int64_t sys_clone3(struct vcpu *cpu, const uint64_t *a)
{
    struct guest_clone_args ca;
    memset(&ca, 0, sizeof(ca));
    uint64_t size = a[1];
    if (size < 64)
        return -EINVAL;
    if (size > GUEST_PAGE_SIZE)
        return -E2BIG;
    /* a newer, larger struct is fine only if its extra fields are zero */
    for (uint64_t off = sizeof(ca); off < size; off++) {
        uint8_t byte;
        if (copy_from_guest(&byte, a[0] + off, 1) < 0)
            return -EFAULT;
        if (byte)
            return -E2BIG;
    }
    if (size > sizeof(ca))
        size = sizeof(ca);
    if (copy_from_guest(&ca, a[0], size) < 0)
        return -EFAULT;
    if (!ca.stack != !ca.stack_size)
        return -EINVAL;   /* a stack needs both its base and its size */
    if (ca.set_tid || ca.set_tid_size || ca.cgroup || (ca.flags & CLONE_PIDFD))
        return -EINVAL;
    if (ca.exit_signal > 64)
        return -EINVAL;
    uint64_t sp = ca.stack ? ca.stack + ca.stack_size : 0;
    return do_clone(cpu, ca.flags | ca.exit_signal, sp, ca.parent_tid, ca.tls, ca.child_tid);
}

/* ---- exit ---- */

/* A dying thread's robust list, then CLONE_CHILD_CLEARTID: zero the word
 * and wake one waiter, as Linux does. */
static void release_thread_words(struct vcpu *cpu)
{
    robust_exit(cpu);
    uint64_t tid_addr = cpu->clear_child_tid;
    /* as Linux: no wake when the word cannot be written (and never a
     * futex on a host address outside the guest) */
    if (tid_addr && !(tid_addr & 3) && guest_range_has_prot(tid_addr, 4, GPROT_WRITE)) {
        guest_store_u32(cpu, tid_addr, 0);
        /* not private: pthread_join waits with a shared futex, as the kernel wakes */
        syscall(SYS_futex, g2h(tid_addr), FUTEX_WAKE, 1, NULL, NULL, 0);
    }
}

static _Noreturn void exit_thread(struct vcpu *cpu, int status)
{
    release_thread_words(cpu);
    monitor->clear(cpu);
    if (atomic_fetch_sub(&live_threads, 1) == 1)
        linux_exit_process(status);
    vcpu_release(cpu);
    current_vcpu = NULL;
    if (thread_exit_jmp)
        longjmp(*thread_exit_jmp, 1);
    pthread_exit(NULL);   /* the initial thread: the process lives on */
}

/* A CLONE_VM vfork child is a process of one thread: exit ends it, and
 * only it (the statistics and stdio belong to the parent). */
static _Noreturn void vfork_child_exit(struct vcpu *cpu, int status)
{
    release_thread_words(cpu);
    vfork_child_leaving(cpu);
    _exit(status & 0xff);
}

static int64_t sys_exit(struct vcpu *cpu, const uint64_t *a)
{
    if (in_shared_vfork_child())
        vfork_child_exit(cpu, (int)a[0]);
    exit_thread(cpu, (int)a[0]);
}

static int64_t sys_exit_group(struct vcpu *cpu, const uint64_t *a)
{
    if (in_shared_vfork_child())
        vfork_child_exit(cpu, (int)a[0]);
    /* Locks in shared memory outlive this process: mark the ones its
     * threads hold.  The other threads are parked meanwhile, so none of
     * them sees its own process's locks die.  They are let go before the
     * exit: a CLONE_VM vfork child, parked too, outlives this process. */
    bool parked = atomic_load(&live_threads) > 1;
    if (parked)
        stw_begin(cpu);
    robust_exit_all(cpu);
    if (parked)
        stw_end(cpu);
    linux_exit_process((int)a[0]);
}

/* ---- tids, robust lists ---- */

static int64_t sys_set_tid_address(struct vcpu *cpu, const uint64_t *a)
{
    cpu->clear_child_tid = a[0];
    return (int64_t)gettid();
}

/* The list is walked when the thread dies (robust.c). */
static int64_t sys_set_robust_list(struct vcpu *cpu, const uint64_t *a)
{
    if (a[1] != 24)
        return -EINVAL;
    robust_set(cpu, a[0]);
    return 0;
}

static int64_t sys_get_robust_list(struct vcpu *cpu, const uint64_t *a)
{
    struct vcpu *who = NULL;
    if (a[0] == 0 || a[0] == (uint64_t)cpu->host_tid) {
        who = cpu;
    } else {
        int used = atomic_load(&vcpu_table_used);
        for (int i = 0; i < used && !who; i++)
            if (vcpu_table[i] && atomic_load(&vcpu_table[i]->active) &&
                (uint64_t)vcpu_table[i]->host_tid == a[0])
                who = vcpu_table[i];
        if (!who)
            return -ESRCH;
    }
    uint64_t head = robust_get(who), len = 24;
    if (copy_to_guest(a[1], &head, 8) < 0 || copy_to_guest(a[2], &len, 8) < 0)
        return -EFAULT;
    return 0;
}

static int64_t sys_gettid(struct vcpu *cpu, const uint64_t *a)
{
    return (int64_t)gettid();
}

static int64_t sys_sched_affinity(struct vcpu *cpu, const uint64_t *a, long host_nr)
{
    void *mask;
    if (!guest_ptr(a[2], a[1], &mask))
        return -EFAULT;
    return host_result(syscall(host_nr, (pid_t)a[0], (size_t)a[1], mask));
}

static int64_t sys_sched_getaffinity(struct vcpu *cpu, const uint64_t *a)
{
    return sys_sched_affinity(cpu, a, SYS_sched_getaffinity);
}

static int64_t sys_sched_setaffinity(struct vcpu *cpu, const uint64_t *a)
{
    return sys_sched_affinity(cpu, a, SYS_sched_setaffinity);
}

/* ---- execve ---- */

/* Reads a NULL-terminated guest array of string pointers into host pointers. */
static void free_string_vector(char **v)
{
    for (size_t i = 0; v && v[i]; i++)
        free(v[i]);
    free(v);
}

/* Copies a NULL-terminated guest array of string pointers, strings
 * included, into host memory (the guest cannot change them under us). */
static int read_string_vector(uint64_t addr, char ***out)
{
    size_t n = 0, cap = 16;
    char **v = calloc(cap, sizeof(char *));
    if (!v)
        return -ENOMEM;
    for (;; n++) {
        uint64_t p = 0;
        if (addr && copy_from_guest(&p, addr + n * 8, 8) < 0) {
            free_string_vector(v);
            return -EFAULT;
        }
        if (n + 2 > cap) {
            char **nv = cap < (1u << 20) ? realloc(v, 2 * cap * sizeof(char *)) : NULL;
            if (!nv) {
                free_string_vector(v);
                return -E2BIG;
            }
            v = nv;
            memset(v + cap, 0, cap * sizeof(char *));
            cap *= 2;
        }
        if (p == 0)
            break;
        int64_t err;
        v[n] = guest_strdup(p, 1u << 20, &err);
        if (!v[n]) {
            free_string_vector(v);
            return err == -ENAMETOOLONG ? -E2BIG : (int)err;
        }
    }
    v[n] = NULL;
    *out = v;
    return 0;
}

static bool is_riscv64_elf(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    unsigned char h[20];
    bool yes = read(fd, h, sizeof(h)) == (ssize_t)sizeof(h) && memcmp(h, ELFMAG, SELFMAG) == 0 &&
               h[EI_CLASS] == ELFCLASS64 && h[EI_DATA] == ELFDATA2LSB &&
               (h[18] | h[19] << 8) == 243 /* EM_RISCV */;
    close(fd);
    return yes;
}

/* A riscv64 program runs under a fresh tandem with the same options;
 * returns -errno when the exec fails. */
static int exec_through_tandem(const char *path, char **argv, char **envp)
{
    size_t argc = 0, envc = 0;
    while (argv[argc])
        argc++;
    while (envp[envc])
        envc++;
    char **nargv = calloc(argc + 6, sizeof(char *));
    char **nenvp = calloc(envc + 2, sizeof(char *));
    char *argv0 = NULL;
    /* the guest's argv[0] travels in the environment (stack.c takes it
     * out again): tandem's own argv[0..] must name the program file */
    if (argc > 0 && asprintf(&argv0, "%s%s", LINUX_ARGV0_ENV, argv[0]) < 0)
        argv0 = NULL;
    int r = -ENOMEM;
    if (nargv && nenvp && (argc == 0 || argv0)) {
        char atomics[64], backend_opt[64];
        snprintf(atomics, sizeof(atomics), "--atomics=%s", monitor->name);
        snprintf(backend_opt, sizeof(backend_opt), "--backend=%s", backend->name);
        size_t k = 0;
        nargv[k++] = "tandem";
        nargv[k++] = atomics;
        nargv[k++] = backend_opt;
        nargv[k++] = "--";
        nargv[k++] = (char *)path;
        for (size_t i = 1; i < argc; i++)
            nargv[k++] = argv[i];
        nargv[k] = NULL;
        size_t e = 0;
        if (argv0)
            nenvp[e++] = argv0;
        for (size_t i = 0; i < envc; i++)
            nenvp[e++] = envp[i];
        nenvp[e] = NULL;
        fflush(NULL);
        linux_signals_for_exec(false);
        execve("/proc/self/exe", nargv, nenvp);
        r = -errno;
        linux_signals_for_exec(true);
    }
    free(argv0);
    free(nenvp);
    free(nargv);
    return r;
}

/* A riscv64 program runs under a fresh tandem; anything else (the host's
 * /bin/sh, say) is run by the host directly. */
static int64_t sys_execve(struct vcpu *cpu, const uint64_t *a)
{
    char path_buf[PATH_MAX];
    const char *path;
    int64_t len = guest_path(a[0], path_buf, &path);
    if (len < 0)
        return len;   /* EFAULT or ENAMETOOLONG, as Linux */
    char **argv, **envp;
    int r = read_string_vector(a[1], &argv);
    if (r < 0)
        return r;
    r = read_string_vector(a[2], &envp);
    if (r < 0) {
        free_string_vector(argv);
        return r;
    }
    if (in_shared_vfork_child())
        vfork_child_leaving(cpu);   /* a successful exec never comes back */
    if (access(path, X_OK) != 0) {
        r = -errno;
    } else if (is_riscv64_elf(path)) {
        r = exec_through_tandem(path, argv, envp);
    } else {
        fflush(NULL);
        linux_signals_for_exec(false);
        execve(path, argv, envp);
        r = -errno;
        linux_signals_for_exec(true);
    }
    free_string_vector(argv);
    free_string_vector(envp);
    return r;
}

/* ---- wait ---- */

static int64_t sys_wait4(struct vcpu *cpu, const uint64_t *a)
{
    void *status, *rusage;
    if (!guest_ptr(a[1], 4, &status) || !guest_ptr(a[3], sizeof(struct rusage), &rusage))
        return -EFAULT;
    return host_result(syscall(SYS_wait4, (pid_t)a[0], status, (int)a[2], rusage));
}

static int64_t sys_waitid(struct vcpu *cpu, const uint64_t *a)
{
    void *info, *rusage;
    if (!guest_ptr(a[2], sizeof(siginfo_t), &info) || !guest_ptr(a[4], sizeof(struct rusage), &rusage))
        return -EFAULT;
    return host_result(syscall(SYS_waitid, (int)a[0], (id_t)a[1], info, (int)a[3], rusage));
}

static const struct sys_entry thread_entries[] = {
    { 93,  "exit",              sys_exit, 0 },
    { 94,  "exit_group",        sys_exit_group, 0 },
    { 95,  "waitid",            sys_waitid, 0 },
    { 96,  "set_tid_address",   sys_set_tid_address, 0 },
    { 99,  "set_robust_list",   sys_set_robust_list, 0 },
    { 100, "get_robust_list",   sys_get_robust_list, 0 },
    { 122, "sched_setaffinity", sys_sched_setaffinity, 0 },
    { 123, "sched_getaffinity", sys_sched_getaffinity, 0 },
    { 124, "sched_yield",       NULL, SYS_sched_yield },
    { 172, "getpid",            NULL, SYS_getpid },
    { 173, "getppid",           NULL, SYS_getppid },
    { 178, "gettid",            sys_gettid, 0 },
    { 220, "clone",             sys_clone, 0 },
    { 221, "execve",            sys_execve, 0 },
    { 260, "wait4",             sys_wait4, 0 },
    { 435, "clone3",            sys_clone3, 0 },
};

const struct sys_table sys_thread_table = SYS_TABLE(thread_entries);
