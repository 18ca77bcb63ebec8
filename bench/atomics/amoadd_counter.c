/* One shared counter, incremented by every thread with amoadd.d. */
#include "atomics_common.h"

static uint64_t counter __attribute__((aligned(64)));

static void work(int index, long ops)
{
    (void)index;
    for (long i = 0; i < ops; i++)
        amo_add(&counter, 1);
}

int main(int argc, char **argv)
{
    int nthreads = atomics_threads_arg(argc, argv);
    long total = bench_scaled(20000000, bench_scale_arg(argc, argv, 2));
    run_workers(work, nthreads, total);
    if (counter != (uint64_t)total)
        fprintf(stderr, "amoadd_counter: lost updates: %" PRIu64 " of %ld\n", counter, total);
    bench_checksum("amoadd_counter", counter);
    return 0;
}
