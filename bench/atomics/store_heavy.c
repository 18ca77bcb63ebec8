/* No atomics at all: every thread fills its own buffer with byte, word
 * and doubleword stores.  Measures what the store fast-path check of a
 * monitor costs on code that never uses LR/SC. */
#include "atomics_common.h"

#define BUF_BYTES (256 * 1024)

static uint64_t results[64];

static void work(int index, long groups)
{
    uint8_t *buf = bench_alloc(BUF_BYTES);
    memset(buf, 0, BUF_BYTES);
    uint64_t x = (uint64_t)index + 1;
    long done = 0;
    while (done < groups) {
        /* a linear congruential chain, so the compiler cannot turn the
         * loop into memset or vector stores; 4 stores per 16 bytes */
        for (size_t i = 0; i + 16 <= BUF_BYTES && done < groups; i += 16, done++) {
            x = x * 6364136223846793005ULL + 1442695040888963407ULL;
            buf[i] = (uint8_t)(x >> 56);
            buf[i + 1] = (uint8_t)x;
            memcpy(buf + i + 4, &(uint32_t){ (uint32_t)(x >> 32) }, 4);
            memcpy(buf + i + 8, &x, 8);
        }
    }
    uint64_t sum = 0;
    for (size_t i = 0; i < BUF_BYTES; i += 8) {
        uint64_t v;
        memcpy(&v, buf + i, 8);
        sum = bench_mix(sum, v);
    }
    results[index] = sum;
    free(buf);
}

int main(int argc, char **argv)
{
    int nthreads = atomics_threads_arg(argc, argv);
    /* groups of 4 stores, split over the threads */
    long groups = bench_scaled(50000000, bench_scale_arg(argc, argv, 2));
    run_workers(work, nthreads, groups);
    uint64_t sum = 0;
    for (int t = 0; t < nthreads; t++)
        sum ^= results[t];
    bench_checksum("store_heavy", sum);
    return 0;
}
