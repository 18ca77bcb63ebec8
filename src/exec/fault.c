/*
 * Guest faults.  A guest access to an unmapped or protected page faults on
 * the host; the handler maps the host address back to a guest address and
 * the host pc back to a guest pc, reports it, and dies with the signal's
 * default action, as the guest would on Linux (no guest handlers yet).
 */
#include <inttypes.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

#include "exec/exec.h"
#include "exec/vcpu.h"
#include "mem/guest_access.h"
#include "mem/guest_mem.h"
#include "util/diag.h"

_Noreturn void guest_fatal_signal(struct vcpu *cpu, int sig, const char *fmt, ...)
{
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    char line[300];
    int n = snprintf(line, sizeof(line), "tandem: %s\n", msg);
    if (write(2, line, n > 0 ? (size_t)n : 0) < 0) { /* nothing more we can do */ }
    if (opt.stats)
        stats_print_all();

    /* Follow the default action so the parent sees the real signal. */
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = SIG_DFL;
    sigaction(sig, &sa, NULL);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    kill(getpid(), sig);
    _exit(128 + sig);
}

_Noreturn void guest_segv(struct vcpu *cpu, uint64_t addr)
{
    guest_fatal_signal(cpu, SIGSEGV, "guest segfault at address 0x%" PRIx64 " (pc 0x%" PRIx64 ")",
                       addr, cpu ? cpu->pc : 0);
}

static void host_fault_handler(int sig, siginfo_t *si, void *ctx)
{
    struct vcpu *cpu = current_vcpu;
    ucontext_t *uc = ctx;
    uintptr_t host_pc = (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
    if (si->si_code <= 0) {
        /* sent with kill()/tgkill(), not a fault: the default action, as for a guest */
        guest_fatal_signal(cpu, sig, "killed by signal %d", sig);
    }
    if (cpu && host_addr_is_guest(si->si_addr)) {
        uint64_t pc = cpu->pc;
        if (backend->fault_pc)
            backend->fault_pc(host_pc, &pc);
        cpu->pc = pc;
        const char *what = sig == SIGBUS ? "guest bus error" : "guest segfault";
        guest_fatal_signal(cpu, sig, "%s at address 0x%" PRIx64 " (pc 0x%" PRIx64 ")",
                           what, h2g(si->si_addr), pc);
    }
    char line[160];
    int n = snprintf(line, sizeof(line),
                     "tandem: internal error: signal %d at host address %p (host pc %#lx)\n",
                     sig, si->si_addr, (unsigned long)host_pc);
    if (write(2, line, n > 0 ? (size_t)n : 0) < 0) { /* ignore */ }
    _exit(TANDEM_EXIT_INTERNAL);
}

/* Each host thread gets an alternate signal stack so a fault on a
 * nearly-full stack can still be reported. */
void fault_thread_init(void)
{
    static __thread char altstack[64 * 1024];
    stack_t ss = { .ss_sp = altstack, .ss_size = sizeof(altstack) };
    sigaltstack(&ss, NULL);
}

void fault_init(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = host_fault_handler;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
}
