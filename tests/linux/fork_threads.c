/*
 * fork in a multi-threaded guest: other threads hammer an atomic counter
 * (AMOs, LR/SC under some strategies) while the main thread forks.  The
 * child has only the forking thread; it must not inherit a lock another
 * thread held at the fork (it would hang), and it must be able to use
 * atomics and create a thread of its own.
 * expect: forks ok: 20
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

static _Atomic long counter;
static atomic_int stop;

static void *spin(void *arg)
{
    (void)arg;
    while (!atomic_load(&stop))
        atomic_fetch_add(&counter, 1);
    return NULL;
}

int main(void)
{
    pthread_t t[3];
    for (int i = 0; i < 3; i++)
        pthread_create(&t[i], NULL, spin, NULL);
    int ok = 0;
    for (int round = 0; round < 20; round++) {
        pid_t pid = fork();
        if (pid == 0) {
            long before = atomic_load(&counter);
            for (int i = 0; i < 1000; i++)
                atomic_fetch_add(&counter, 1);
            pthread_t c;
            if (pthread_create(&c, NULL, spin, NULL) == 0) {
                atomic_store(&stop, 1);
                pthread_join(c, NULL);
            }
            _exit(atomic_load(&counter) >= before + 1000 ? 0 : 1);
        }
        int st;
        if (pid > 0 && waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0)
            ok++;
    }
    atomic_store(&stop, 1);
    for (int i = 0; i < 3; i++)
        pthread_join(t[i], NULL);
    printf("forks ok: %d\n", ok);
    return 0;
}
