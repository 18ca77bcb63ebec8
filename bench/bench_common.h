/* Shared helpers for the benchmark programs (kernels and atomics).
 * Each program is built twice from the same source: for riscv64 (run
 * under tandem and qemu-riscv64) and for the host (native baseline).
 * Every program prints one "checksum" line so the runners can check that
 * all of them computed the same thing. */
#ifndef BENCH_COMMON_H
#define BENCH_COMMON_H

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Parse argv[idx] as a positive scale factor (default 1.0): the work done
 * is multiplied by it, so runs can be shortened (e.g. 0.1 for the slow
 * interpreter backend). */
static inline double bench_scale_arg(int argc, char **argv, int idx)
{
    if (argc <= idx)
        return 1.0;
    char *end;
    double s = strtod(argv[idx], &end);
    if (*end != '\0' || !(s > 0.0) || s > 1000.0) {
        fprintf(stderr, "%s: bad scale '%s' (want a number in (0, 1000])\n",
                argv[0], argv[idx]);
        exit(2);
    }
    return s;
}

/* Parse argv[idx] as a thread count in [1, 64] (default 1). */
static inline int bench_threads_arg(int argc, char **argv, int idx)
{
    if (argc <= idx)
        return 1;
    char *end;
    long n = strtol(argv[idx], &end, 10);
    if (*end != '\0' || n < 1 || n > 64) {
        fprintf(stderr, "%s: bad thread count '%s' (want 1..64)\n",
                argv[0], argv[idx]);
        exit(2);
    }
    return (int)n;
}

/* base * scale, never below 1. */
static inline long bench_scaled(long base, double scale)
{
    long n = (long)((double)base * scale);
    return n < 1 ? 1 : n;
}

/* xorshift64*: a tiny deterministic generator, identical on every host. */
static inline uint64_t bench_rand(uint64_t *state)
{
    uint64_t x = *state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *state = x;
    return x * 0x2545F4914F6CDD1DULL;
}

/* Fold a value into a running checksum (order-sensitive). */
static inline uint64_t bench_mix(uint64_t sum, uint64_t v)
{
    sum ^= v + 0x9E3779B97F4A7C15ULL + (sum << 6) + (sum >> 2);
    return sum;
}

/* Bit pattern of a double, so FP checksums compare exactly. */
static inline uint64_t bench_dbits(double d)
{
    uint64_t u;
    memcpy(&u, &d, sizeof u);
    return u;
}

static inline void *bench_alloc(size_t bytes)
{
    void *p = malloc(bytes);
    if (!p) {
        fprintf(stderr, "out of memory (%zu bytes)\n", bytes);
        exit(3);
    }
    return p;
}

static inline void bench_checksum(const char *name, uint64_t sum)
{
    printf("%s checksum %016" PRIx64 "\n", name, sum);
}

#endif
