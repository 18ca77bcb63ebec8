/* lock; increment; unlock on one pthread mutex (glibc's mutex is built on
 * LR/SC or AMOs plus futex waits). */
#include "atomics_common.h"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static uint64_t counter;

static void work(int index, long ops)
{
    (void)index;
    for (long i = 0; i < ops; i++) {
        pthread_mutex_lock(&lock);
        counter++;
        pthread_mutex_unlock(&lock);
    }
}

int main(int argc, char **argv)
{
    int nthreads = atomics_threads_arg(argc, argv);
    long total = bench_scaled(3000000, bench_scale_arg(argc, argv, 2));
    run_workers(work, nthreads, total);
    if (counter != (uint64_t)total)
        fprintf(stderr, "mutex_loop: lost updates: %" PRIu64 " of %ld\n", counter, total);
    bench_checksum("mutex_loop", counter);
    return 0;
}
