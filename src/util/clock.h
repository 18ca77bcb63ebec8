/*
 * The host's monotonic clock in nanoseconds, for timing waits and
 * calibrations (and the guest's time counters).  No shared state.
 */
#ifndef TANDEM_UTIL_CLOCK_H
#define TANDEM_UTIL_CLOCK_H

#include <stdint.h>
#include <time.h>

static inline uint64_t monotonic_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

#endif
