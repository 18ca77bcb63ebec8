/*
 * Robust mutexes: a thread exits holding one.  The next locker must get
 * EOWNERDEAD (and can make the mutex consistent), not wait forever: the
 * dying thread's robust futex list is walked.  (A process dying with a
 * process-shared one is in tests/linux/robust_shared.c: qemu hangs there.)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static pthread_mutex_t lock;

static void *take_and_die(void *arg)
{
    pthread_mutex_t *m = arg;
    pthread_mutex_lock(m);
    return NULL;   /* exits holding it */
}

static void init_robust(pthread_mutex_t *m, int pshared)
{
    pthread_mutexattr_t at;
    pthread_mutexattr_init(&at);
    pthread_mutexattr_setrobust(&at, PTHREAD_MUTEX_ROBUST);
    pthread_mutexattr_setpshared(&at, pshared);
    pthread_mutex_init(m, &at);
}

static const char *name(int r)
{
    return r == 0 ? "0" : r == EOWNERDEAD ? "EOWNERDEAD" : strerror(r);
}

int main(void)
{
    init_robust(&lock, PTHREAD_PROCESS_PRIVATE);
    pthread_t t;
    pthread_create(&t, NULL, take_and_die, &lock);
    pthread_join(t, NULL);
    int r = pthread_mutex_lock(&lock);
    printf("after the owner thread exited: %s\n", name(r));
    if (r == EOWNERDEAD)
        pthread_mutex_consistent(&lock);
    printf("unlock: %d\n", pthread_mutex_unlock(&lock));
    printf("relock: %s\n", name(pthread_mutex_lock(&lock)));
    pthread_mutex_unlock(&lock);

    return 0;
}
