/*
 * Exact counts: NTHREADS threads each make M LR/SC increments; the
 * totals must be exactly right under every strategy (cas included).
 *
 * usage: counts LAYOUT d|w NTHREADS M
 *   one    all threads increment one shared counter (full contention)
 *   pages  one private counter per thread, each on its own page
 *   page   one private counter per thread, all on ONE page, packed
 *          (.d: adjacent doublewords; .w: two counters per 8-byte
 *          granule, so a neighbour's SC breaks the reservation)
 *   mixed  one shared counter; every fourth increment is an AMO, and
 *          each thread makes a system call every 16 increments, so
 *          vCPUs keep leaving guest code and coming back: excl's
 *          single-hart mode starts and ends all the time, and its
 *          stores and AMOs skip the tags while one vCPU runs alone
 * Prints "ok counts ..." or "bad counts: ...", and an info line with
 * the number of failed SCs (retries).
 */
#include <pthread.h>
#include <stdbool.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "litmus.h"

enum { MAX_THREADS = 16 };

static _Alignas(PAGE) unsigned char area[(MAX_THREADS + 1) * PAGE];
static struct gate gate;
static bool wide, mixed;
static long per_thread;
static uint64_t retries[MAX_THREADS];

struct worker {
    int id;
    void *counter;
};

static uint64_t increment(void *counter, long m)
{
    return wide ? increment_d(counter, m) : increment_w(counter, m);
}

/* LR/SC and AMO increments, with a system call every 16 */
static uint64_t increment_mixed(void *counter, long m)
{
    uint64_t fails = 0;
    for (long i = 0; i < m; i++) {
        if (i % 16 == 15)
            syscall(SYS_getppid);
        if (i % 4 != 3)
            fails += increment(counter, 1);
        else if (wide)
            __atomic_fetch_add((uint64_t *)counter, 1, __ATOMIC_RELAXED);
        else
            __atomic_fetch_add((uint32_t *)counter, 1, __ATOMIC_RELAXED);
    }
    return fails;
}

static void *work(void *arg)
{
    struct worker *w = arg;
    gate_wait(&gate);
    retries[w->id] = mixed ? increment_mixed(w->counter, per_thread)
                           : increment(w->counter, per_thread);
    return NULL;
}

static uint64_t read_counter(void *p)
{
    return wide ? *(volatile uint64_t *)p : *(volatile uint32_t *)p;
}

int main(int argc, char **argv)
{
    if (argc != 5 || (strcmp(argv[2], "d") && strcmp(argv[2], "w"))) {
        fprintf(stderr, "usage: counts one|pages|page|mixed d|w NTHREADS M\n");
        return 2;
    }
    const char *layout = argv[1];
    wide = strcmp(argv[2], "d") == 0;
    int n = (int)arg_long(argv[3], "NTHREADS", MAX_THREADS);
    per_thread = arg_long(argv[4], "M", 100000000);
    size_t size = wide ? 8 : 4;
    mixed = strcmp(layout, "mixed") == 0;
    bool shared = mixed || strcmp(layout, "one") == 0;
    size_t stride;
    if (shared)
        stride = 0;
    else if (strcmp(layout, "pages") == 0)
        stride = PAGE;
    else if (strcmp(layout, "page") == 0)
        stride = size;
    else {
        fprintf(stderr, "unknown layout '%s' (one, pages, page, mixed)\n", layout);
        return 2;
    }

    struct worker workers[MAX_THREADS];
    pthread_t tids[MAX_THREADS];
    gate.expected = n;
    for (int i = 0; i < n; i++) {
        workers[i] = (struct worker){ i, area + PAGE + i * stride };
        if (pthread_create(&tids[i], NULL, work, &workers[i]) != 0) {
            fprintf(stderr, "pthread_create failed\n");
            return 2;
        }
    }
    uint64_t total_retries = 0;
    for (int i = 0; i < n; i++) {
        pthread_join(tids[i], NULL);
        total_retries += retries[i];
    }

    char name[64];
    snprintf(name, sizeof name, "counts.%s.%c.%dt", layout, wide ? 'd' : 'w', n);
    bool ok = true;
    for (int i = 0; i < (shared ? 1 : n); i++) {
        uint64_t got = read_counter(workers[i].counter);
        uint64_t want = shared ? (uint64_t)n * per_thread : (uint64_t)per_thread;
        if (got != want) {
            printf("bad %s: counter %d is %llu, want %llu\n", name, i,
                   (unsigned long long)got, (unsigned long long)want);
            ok = false;
        }
    }
    /* nothing outside the counters may have changed */
    for (size_t off = 0; off < sizeof area; off++) {
        bool is_counter = false;
        for (int i = 0; i < (shared ? 1 : n) && !is_counter; i++) {
            size_t c = (size_t)((unsigned char *)workers[i].counter - area);
            is_counter = off >= c && off < c + size;
        }
        if (!is_counter && area[off] != 0) {
            printf("bad %s: byte %zu next to the counters is %d, want 0\n", name, off, area[off]);
            ok = false;
            break;
        }
    }
    if (ok)
        printf("ok %s: %d x %ld increments exact\n", name, n, per_thread);
    printf("info %s: %llu failed SCs (retries)\n", name, (unsigned long long)total_retries);
    return ok ? 0 : 1;
}
