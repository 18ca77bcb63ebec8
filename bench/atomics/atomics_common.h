/* Helpers for the atomics-matrix workloads.  Usage of every program:
 *   NAME THREADS [SCALE]
 * The total amount of work is fixed (split over the threads), so times
 * for 1, 2 and 4 threads are directly comparable.  THREADS 0 runs the
 * work in the main thread and creates no thread: a single-threaded
 * program, where 1 is a main thread waiting for one worker.
 *
 * On riscv64 the atomic primitives are written as inline LR/SC or AMO
 * assembly, because that is what the --atomics strategies implement.
 * The native (x86-64) build uses the GCC builtins: it is only the speed
 * baseline, not a model of the guest's instruction mix. */
#ifndef ATOMICS_COMMON_H
#define ATOMICS_COMMON_H

#include <pthread.h>
#include "../bench_common.h"

/* Atomically add 1 to *p with an LR/SC loop (a CAS loop natively). */
static inline void lrsc_increment(uint64_t *p)
{
#if defined(__riscv)
    uint64_t val, fail;
    __asm__ volatile(
        "1: lr.d %0, (%2)\n"
        "   addi %0, %0, 1\n"
        "   sc.d %1, %0, (%2)\n"
        "   bnez %1, 1b\n"
        : "=&r"(val), "=&r"(fail)
        : "r"(p)
        : "memory");
#else
    uint64_t old = __atomic_load_n(p, __ATOMIC_RELAXED);
    while (!__atomic_compare_exchange_n(p, &old, old + 1, 1,
                                        __ATOMIC_SEQ_CST, __ATOMIC_RELAXED))
        ;
#endif
}

/* Atomically add v to *p with one AMO (lock xadd natively). */
static inline void amo_add(uint64_t *p, uint64_t v)
{
#if defined(__riscv)
    __asm__ volatile("amoadd.d zero, %1, (%0)" : : "r"(p), "r"(v) : "memory");
#else
    __atomic_fetch_add(p, v, __ATOMIC_SEQ_CST);
#endif
}

typedef void (*worker_fn)(int index, long ops);

struct worker_arg {
    worker_fn fn;
    int index, nthreads;
    long ops;
};

static void *worker_start(void *p)
{
    struct worker_arg *a = p;
    a->fn(a->index, a->ops);
    return NULL;
}

static int run_in_main;   /* THREADS was 0 */

/* THREADS (argv[1]): the number of workers, at least 1 */
static inline int atomics_threads_arg(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "0") == 0) {
        run_in_main = 1;
        return 1;
    }
    return bench_threads_arg(argc, argv, 1);
}

/* Run fn on nthreads threads; thread i gets its share of total_ops. */
static inline void run_workers(worker_fn fn, int nthreads, long total_ops)
{
    if (run_in_main) {
        fn(0, total_ops);
        return;
    }
    pthread_t tid[64];
    struct worker_arg args[64];
    for (int t = 0; t < nthreads; t++) {
        long share = total_ops / nthreads + (t < total_ops % nthreads);
        args[t] = (struct worker_arg){ fn, t, nthreads, share };
        if (pthread_create(&tid[t], NULL, worker_start, &args[t]) != 0) {
            fprintf(stderr, "pthread_create failed\n");
            exit(1);
        }
    }
    for (int t = 0; t < nthreads; t++)
        pthread_join(tid[t], NULL);
}

#endif
