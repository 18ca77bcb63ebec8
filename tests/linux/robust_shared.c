/*
 * A child process dies holding a process-shared robust mutex in
 * MAP_SHARED memory: the parent's next lock gets EOWNERDEAD, because the
 * exiting process walks its threads' robust futex lists.  (qemu-riscv64
 * leaves the lock held and the parent waits forever.)
 * expect: after the owner process exited: EOWNERDEAD
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
    pthread_mutex_t *m = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    pthread_mutexattr_t at;
    pthread_mutexattr_init(&at);
    pthread_mutexattr_setrobust(&at, PTHREAD_MUTEX_ROBUST);
    pthread_mutexattr_setpshared(&at, PTHREAD_PROCESS_SHARED);
    pthread_mutex_init(m, &at);
    pid_t pid = fork();
    if (pid == 0) {
        pthread_mutex_lock(m);
        _exit(0);
    }
    int st;
    waitpid(pid, &st, 0);
    int r = pthread_mutex_lock(m);
    printf("after the owner process exited: %s\n", r == EOWNERDEAD ? "EOWNERDEAD" : "other");
    return 0;
}
