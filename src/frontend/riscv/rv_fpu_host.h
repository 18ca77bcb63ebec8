/*
 * Bit-level tools shared by the host fast paths of RISC-V F/D
 * (rv_fpu_fast.c, rv_fpu_quick.c): raw IEEE bits <-> host float/double,
 * classification, and SSE instructions that run in the host's default
 * MXCSR (round to nearest even, all exceptions masked), which tandem
 * never leaves changed.
 *
 * Concurrency: pure functions.
 */
#ifndef TANDEM_RV_FPU_HOST_H
#define TANDEM_RV_FPU_HOST_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

static inline double fpu_as_d(uint64_t v) { double d; memcpy(&d, &v, 8); return d; }
static inline uint64_t fpu_bits_d(double d) { uint64_t v; memcpy(&v, &d, 8); return v; }
static inline float fpu_as_s(uint64_t v) { float s; uint32_t w = (uint32_t)v; memcpy(&s, &w, 4); return s; }
static inline uint64_t fpu_bits_s(float s) { uint32_t w; memcpy(&w, &s, 4); return w; }

static inline bool fpu_is_nan_d(uint64_t v) { return (v & ~(1ull << 63)) > 0x7ff0000000000000ull; }
static inline bool fpu_is_nan_s(uint64_t v) { return (v & 0x7fffffffu) > 0x7f800000u; }

/* A normal result of magnitude >= 2 * the smallest normal: not tiny even
 * before rounding, not an overflow, not a NaN.  An operation whose result
 * is like this raised at most NX. */
static inline bool fpu_comfortably_normal_d(uint64_t r)
{
    unsigned e = (unsigned)(r >> 52) & 0x7ff;
    return e >= 2 && e < 0x7ff;
}

static inline bool fpu_comfortably_normal_s(uint64_t r)
{
    unsigned e = (unsigned)(r >> 23) & 0xff;
    return e >= 2 && e < 0xff;
}

static inline double fpu_sqrt_d(double x) { __asm__("sqrtsd %1, %0" : "=x"(x) : "x"(x)); return x; }
static inline float fpu_sqrt_s(float x) { __asm__("sqrtss %1, %0" : "=x"(x) : "x"(x)); return x; }

/* a * b + c with one rounding; only where the host has FMA3 */
static inline double fpu_fma_d(double a, double b, double c)
{
    __asm__("vfmadd231sd %1, %2, %0" : "+x"(c) : "x"(a), "x"(b));
    return c;
}

static inline float fpu_fma_s(float a, float b, float c)
{
    __asm__("vfmadd231ss %1, %2, %0" : "+x"(c) : "x"(a), "x"(b));
    return c;
}

#endif
