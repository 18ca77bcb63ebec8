/*
 * A blocked signal stays pending instead of killing the process: it shows
 * in sigpending, sigtimedwait takes it, signalfd reads it, and a thread
 * inherits its creator's mask.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <sys/signalfd.h>
#include <time.h>
#include <unistd.h>

static void *thread_main(void *arg)
{
    (void)arg;
    sigset_t cur;
    pthread_sigmask(SIG_BLOCK, NULL, &cur);
    printf("thread inherits the block: %d\n", sigismember(&cur, SIGUSR1));
    return NULL;
}

int main(void)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigaddset(&set, SIGTERM);
    sigprocmask(SIG_BLOCK, &set, NULL);

    kill(getpid(), SIGTERM);   /* blocked: must not kill us */
    kill(getpid(), SIGUSR1);
    sigset_t pend;
    sigpending(&pend);
    printf("pending: TERM %d USR1 %d USR2 %d\n", sigismember(&pend, SIGTERM),
           sigismember(&pend, SIGUSR1), sigismember(&pend, SIGUSR2));

    siginfo_t info;
    struct timespec ts = { 1, 0 };
    int sig = sigtimedwait(&set, &info, &ts);
    printf("sigtimedwait: %s, from self %d\n", sig == SIGUSR1 ? "USR1" : sig == SIGTERM ? "TERM" : "?",
           info.si_pid == getpid());

    int fd = signalfd(-1, &set, SFD_CLOEXEC);
    struct signalfd_siginfo si;
    ssize_t n = read(fd, &si, sizeof(si));
    printf("signalfd: %zd bytes, %s\n", n, si.ssi_signo == SIGTERM ? "TERM" : si.ssi_signo == SIGUSR1 ? "USR1" : "?");

    sigemptyset(&set);
    sigaddset(&set, SIGUSR2);
    struct timespec short_wait = { 0, 10000000 };
    printf("nothing pending: %d\n", sigtimedwait(&set, &info, &short_wait));

    pthread_t t;
    pthread_create(&t, NULL, thread_main, NULL);
    pthread_join(t, NULL);
    return 0;
}
