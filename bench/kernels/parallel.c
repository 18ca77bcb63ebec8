/* A parallel integer workload: the total Collatz stopping time of every
 * number in [1, N], split into interleaved chunks over T pthreads.
 * Usage: parallel THREADS [SCALE].  The work does not depend on T, so the
 * T=1 and T=2 times measure how tandem scales. */
#include <pthread.h>
#include "../bench_common.h"

#define CHUNK 4096

struct worker {
    pthread_t thread;
    int index, nthreads;
    uint64_t limit;
    uint64_t steps;
};

static void *work(void *arg)
{
    struct worker *w = arg;
    uint64_t steps = 0;
    for (uint64_t base = 1 + (uint64_t)w->index * CHUNK; base <= w->limit;
         base += (uint64_t)w->nthreads * CHUNK) {
        for (uint64_t n = base; n < base + CHUNK && n <= w->limit; n++) {
            uint64_t x = n;
            while (x != 1) {
                x = (x & 1) ? 3 * x + 1 : x >> 1;
                steps++;
            }
        }
    }
    w->steps = steps;
    return NULL;
}

int main(int argc, char **argv)
{
    int nthreads = bench_threads_arg(argc, argv, 1);
    double scale = bench_scale_arg(argc, argv, 2);
    uint64_t limit = (uint64_t)bench_scaled(1500000, scale);
    struct worker *w = bench_alloc(sizeof *w * (size_t)nthreads);

    for (int t = 0; t < nthreads; t++) {
        w[t] = (struct worker){ .index = t, .nthreads = nthreads, .limit = limit };
        if (pthread_create(&w[t].thread, NULL, work, &w[t]) != 0) {
            fprintf(stderr, "parallel: pthread_create failed\n");
            return 1;
        }
    }
    uint64_t total = 0;
    for (int t = 0; t < nthreads; t++) {
        pthread_join(w[t].thread, NULL);
        total += w[t].steps;
    }
    bench_checksum("parallel", total);
    free(w);
    return 0;
}
