/*
 * Small helpers shared by the litmus guests (the .c files in tests/litmus).
 * Output convention, read by tests/litmus/run.sh:
 *   "ok NAME [detail]"    the case held
 *   "bad NAME: why"       the case failed
 *   "info NAME: text"     an observation that is not asserted
 */
#ifndef LITMUS_H
#define LITMUS_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PAGE 4096

/* A start gate so that worker threads really overlap. */
struct gate {
    _Atomic int arrived;
    int expected;
};

static inline void gate_wait(struct gate *g)
{
    atomic_fetch_add(&g->arrived, 1);
    while (atomic_load(&g->arrived) < g->expected)
        ;
}

static inline uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000 + (uint64_t)ts.tv_nsec;
}

static inline uint64_t now_ms(void) { return now_ns() / 1000000; }

/* increment_d / increment_w (p, m): M increments of the doubleword or
 * word at p by LR/SC; each returns how many SCs failed. */
#define LITMUS_INCREMENT(name, sfx, add)                                          \
    static inline uint64_t name(void *p, long m)                                  \
    {                                                                             \
        uint64_t fails = 0, v, rc;                                                \
        for (long i = 0; i < m; i++)                                              \
            __asm__ volatile("1: lr." sfx " %0, (%3)\n"                           \
                             "   " add " %0, %0, 1\n"                             \
                             "   sc." sfx " %1, %0, (%3)\n"                       \
                             "   beqz %1, 2f\n"                                   \
                             "   addi %2, %2, 1\n"                                \
                             "   j 1b\n"                                          \
                             "2:"                                                 \
                             : "=&r"(v), "=&r"(rc), "+r"(fails) : "r"(p) : "memory"); \
        return fails;                                                             \
    }
LITMUS_INCREMENT(increment_d, "d", "addi")
LITMUS_INCREMENT(increment_w, "w", "addiw")

/* Parse a positive decimal argument or exit with a one-line error. */
static inline long arg_long(const char *s, const char *what, long max)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (*s == 0 || *end != 0 || v <= 0 || v > max) {
        fprintf(stderr, "bad %s '%s' (1..%ld)\n", what, s, max);
        exit(2);
    }
    return v;
}

/* The common start of a litmus guest's arguments: argc must be want and
 * argv[1] "exact" or "cas" (else the usage line, exit 2); true for exact. */
static inline bool mode_arg(int argc, char **argv, int want, const char *usage)
{
    if (argc != want || (strcmp(argv[1], "exact") != 0 && strcmp(argv[1], "cas") != 0)) {
        fprintf(stderr, "usage: %s\n", usage);
        exit(2);
    }
    return strcmp(argv[1], "exact") == 0;
}

#endif
