/* Each thread increments its own counter with LR/SC, but all counters sit
 * on one page (64 bytes apart, so in different reservation granules):
 * no true sharing, only page-level interference in page-based monitors. */
#include "atomics_common.h"

static uint64_t counters[64 * 8] __attribute__((aligned(4096)));

static void work(int index, long ops)
{
    uint64_t *mine = &counters[index * 8];
    for (long i = 0; i < ops; i++)
        lrsc_increment(mine);
}

int main(int argc, char **argv)
{
    int nthreads = atomics_threads_arg(argc, argv);
    long total = bench_scaled(20000000, bench_scale_arg(argc, argv, 2));
    run_workers(work, nthreads, total);
    uint64_t sum = 0;
    for (int t = 0; t < nthreads; t++)
        sum += counters[t * 8];
    if (sum != (uint64_t)total)
        fprintf(stderr, "lrsc_private: lost updates: %" PRIu64 " of %ld\n", sum, total);
    bench_checksum("lrsc_private", sum);
    return 0;
}
