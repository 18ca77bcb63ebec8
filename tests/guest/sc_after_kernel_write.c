/*
 * A store the kernel makes into guest memory during a syscall (read from
 * a pipe, getrandom, ...) is a store like any other: it must break
 * another hart's LR/SC reservation on that memory.  Thread B takes a
 * reservation with lr.d, thread A read()s new bytes over the reserved
 * word, then B's sc.d must fail and the word must hold what read() wrote.
 * The bytes differ from the old value, so a value-comparing SC (qemu)
 * fails too.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static _Alignas(4096) uint64_t word;               /* page of its own */
static _Alignas(4096) atomic_int phase;            /* handshake on another page */
static int pipefd[2];

static uint64_t load_reserved(uint64_t *p)
{
    uint64_t v;
    __asm__ volatile("lr.d %0, (%1)" : "=r"(v) : "r"(p) : "memory");
    return v;
}

static int store_conditional(uint64_t *p, uint64_t v)
{
    int fail;
    __asm__ volatile("sc.d %0, %2, (%1)" : "=&r"(fail) : "r"(p), "r"(v) : "memory");
    return fail;
}

static void wait_phase(int want)
{
    while (atomic_load(&phase) != want)
        ;
}

static void *reader(void *arg)
{
    (void)arg;
    wait_phase(1);
    uint64_t fresh = 0x1111222233334444ull;
    if (write(pipefd[1], &fresh, 8) != 8 || read(pipefd[0], &word, 8) != 8)
        puts("pipe failed");
    atomic_store(&phase, 2);
    return NULL;
}

int main(void)
{
    int failures = 0, rounds = 20;
    if (pipe(pipefd) != 0)
        return 1;
    for (int i = 0; i < rounds; i++) {
        word = 5;
        atomic_store(&phase, 0);
        pthread_t t;
        pthread_create(&t, NULL, reader, NULL);
        uint64_t v = load_reserved(&word);
        atomic_store(&phase, 1);
        wait_phase(2);
        int fail = store_conditional(&word, v + 1);
        pthread_join(t, NULL);
        if (fail && word == 0x1111222233334444ull)
            failures++;
    }
    printf("sc failed after the kernel wrote the word: %d of %d\n", failures, rounds);
    return 0;
}
