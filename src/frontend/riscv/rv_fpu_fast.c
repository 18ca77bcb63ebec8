/*
 * Host SSE fast path for the common RISC-V F/D operations.
 *
 * x86 SSE computes IEEE 754 results in four of RISC-V's five rounding
 * modes (MXCSR.RC), detects tininess after rounding as RISC-V does, and
 * with every exception masked raises the same five flags in MXCSR (plus
 * a denormal-operand flag that RISC-V has no counterpart for: ignored).
 * What differs is NaN handling (x86 propagates payloads and its default
 * NaN is negative; fma(inf, 0, qNaN) is not invalid on x86), RMM, and the
 * saturating/unsigned integer conversions.  So the fast path refuses
 * (returns false, the caller runs the soft-float core) whenever:
 *   - the rounding mode is RMM,
 *   - any operand is a NaN,
 *   - a float-to-integer conversion gives x86's "integer indefinite" or
 *     an out-of-range or negative value for an unsigned target,
 *   - an unsigned 64-bit integer does not fit a signed one.
 * A NaN result can then only come from an invalid operation, and becomes
 * RISC-V's canonical NaN.
 *
 * Each operation runs in one asm statement: load MXCSR (rounding mode,
 * flags cleared), compute, store MXCSR; the compiler cannot move the
 * arithmetic out of it.  MXCSR is left at the Linux default (round to
 * nearest, all masked) for host code, except for its sticky flags.
 *
 * MXCSR accesses cost tens of cycles, so the common case avoids them: if
 * fflags already holds NX (it stays set in most programs) and the mode is
 * RNE (or RTZ for float-to-integer, which has its own truncating
 * instruction), the op runs in the host's default mode and only needs to
 * prove that it raised none of NV, DZ, OF, UF.  It does so from the
 * result: a normal result at least twice the smallest normal, or a zero
 * that is exact by construction (x - x, 0 * y, ...), cannot have raised
 * them; anything else takes the MXCSR path.
 *
 * Concurrency: MXCSR is per thread; everything else is pure.
 */
#include <string.h>

#include "exec/host_fpflags.h"
#include "frontend/riscv/rv_fpu.h"
#include "frontend/riscv/rv_fpu_host.h"


#define MXCSR_DEFAULT 0x1f80u   /* all exceptions masked, RNE, no FTZ/DAZ */

/* MXCSR.RC for RNE, RTZ, RDN, RUP */
static const uint32_t mxcsr_rc[4] = { 0u << 13, 3u << 13, 1u << 13, 2u << 13 };

static uint32_t flags_from_mxcsr(uint32_t mx)
{
    uint32_t f = 0;
    if (mx & 0x01) f |= RV_FF_NV;   /* IE */
    if (mx & 0x04) f |= RV_FF_DZ;   /* ZE */
    if (mx & 0x08) f |= RV_FF_OF;   /* OE */
    if (mx & 0x10) f |= RV_FF_UF;   /* UE */
    if (mx & 0x20) f |= RV_FF_NX;   /* PE */
    return f;                       /* DE (0x02): no RISC-V flag */
}


/*
 * One function per x86 instruction shape.  `csr` is the MXCSR to run
 * with; the MXCSR after the instruction goes to *mx.
 */
#define SSE_BINARY(name, type, insn)                                                  \
    static type name(type a, type b, uint32_t csr, uint32_t *mx)                      \
    {                                                                                 \
        __asm__ volatile("ldmxcsr %[c]\n\t" insn " %[b], %[a]\n\tstmxcsr %[m]"        \
                         : [a] "+x"(a), [m] "=m"(*mx) : [b] "x"(b), [c] "m"(csr));    \
        return a;                                                                     \
    }
SSE_BINARY(sse_add_d, double, "addsd")
SSE_BINARY(sse_sub_d, double, "subsd")
SSE_BINARY(sse_mul_d, double, "mulsd")
SSE_BINARY(sse_div_d, double, "divsd")
SSE_BINARY(sse_sqrt_d, double, "sqrtsd")   /* a = sqrt(b) */
SSE_BINARY(sse_add_s, float, "addss")
SSE_BINARY(sse_sub_s, float, "subss")
SSE_BINARY(sse_mul_s, float, "mulss")
SSE_BINARY(sse_div_s, float, "divss")
SSE_BINARY(sse_sqrt_s, float, "sqrtss")
#undef SSE_BINARY

/* a * b + c, one rounding (FMA3) */
#define SSE_FMA(name, type, insn)                                                      \
    static type name(type a, type b, type c, uint32_t csr, uint32_t *mx)               \
    {                                                                                  \
        __asm__ volatile("ldmxcsr %[k]\n\t" insn " %[b], %[a], %[c]\n\tstmxcsr %[m]"   \
                         : [c] "+x"(c), [m] "=m"(*mx)                                  \
                         : [a] "x"(a), [b] "x"(b), [k] "m"(csr));                      \
        return c;                                                                      \
    }
SSE_FMA(sse_fma_d, double, "vfmadd231sd")
SSE_FMA(sse_fma_s, float, "vfmadd231ss")
#undef SSE_FMA

/* conversions: `out` and `in` are the asm constraints of result and operand
 * ("+x" for an xmm result, whose unused upper bits must be defined) */
#define SSE_CVT(name, to, from, insn, out, in)                                        \
    static to name(from b, uint32_t csr, uint32_t *mx)                                \
    {                                                                                 \
        to r = 0;                                                                     \
        __asm__ volatile("ldmxcsr %[c]\n\t" insn " %[b], %[r]\n\tstmxcsr %[m]"         \
                         : [r] out(r), [m] "=m"(*mx) : [b] in(b), [c] "m"(csr));      \
        return r;                                                                     \
    }
SSE_CVT(sse_cvt_d_to_s, float, double, "cvtsd2ss", "+x", "x")
/* float to int64 with MXCSR rounding (not truncation) */
SSE_CVT(sse_d_to_i64, int64_t, double, "cvtsd2si", "=r", "x")
SSE_CVT(sse_s_to_i64, int64_t, float, "cvtss2si", "=r", "x")
SSE_CVT(sse_i64_to_d, double, int64_t, "cvtsi2sdq", "+x", "r")
SSE_CVT(sse_i64_to_s, float, int64_t, "cvtsi2ssq", "+x", "r")
#undef SSE_CVT

static void restore_mxcsr(void)
{
    uint32_t csr = MXCSR_DEFAULT;
    __asm__ volatile("ldmxcsr %0" : : "m"(csr));
}

static bool have_fma(void)
{
    static int cached = -1;   /* benign race: every thread computes the same */
    if (cached < 0)
        cached = __builtin_cpu_supports("fma") ? 1 : 0;
    return cached;
}

static uint64_t sign_of(bool is_double) { return is_double ? 1ull << 63 : 1ull << 31; }

/* float (in the op's format) to a 32/64-bit integer; false: use soft-float */
static bool fast_to_int(bool is_double, uint64_t a, int int_bits, bool is_signed, uint32_t csr,
                   uint64_t *r, uint32_t *mx)
{
    if (!is_signed && (a & sign_of(is_double)))
        return false;   /* negative to unsigned: saturation or -0.x rounding rules */
    int64_t v = is_double ? sse_d_to_i64(fpu_as_d(a), csr, mx) : sse_s_to_i64(fpu_as_s(a), csr, mx);
    if (v == INT64_MIN)
        return false;   /* integer indefinite (or exactly -2^63): let soft-float decide */
    if (int_bits == 32) {
        bool fits = is_signed ? v >= INT32_MIN && v <= INT32_MAX : v >= 0 && v <= UINT32_MAX;
        if (!fits)
            return false;
        v = (int32_t)(uint32_t)v;   /* sign-extend the 32-bit result, as RISC-V does */
    } else if (!is_signed && v < 0) {
        return false;
    }
    *r = (uint64_t)v;
    return true;
}

/* int to float in the host's default mode (RNE) */
static bool fast_from_int_plain(bool is_double, uint64_t v, int int_bits, bool is_signed,
                                uint64_t *r)
{
    int64_t x;
    if (int_bits == 32)
        x = is_signed ? (int64_t)(int32_t)v : (int64_t)(uint32_t)v;
    else if (is_signed || (int64_t)v >= 0)
        x = (int64_t)v;
    else
        return false;
    *r = is_double ? fpu_bits_d((double)x) : fpu_bits_s((float)x);
    return true;
}

static bool fast_from_int(bool is_double, uint64_t v, int int_bits, bool is_signed, uint32_t csr,
                     uint64_t *r, uint32_t *mx)
{
    int64_t x;
    if (int_bits == 32)
        x = is_signed ? (int64_t)(int32_t)v : (int64_t)(uint32_t)v;
    else if (is_signed || (int64_t)v >= 0)
        x = (int64_t)v;
    else
        return false;   /* unsigned >= 2^63 has no signed x86 conversion */
    *r = is_double ? fpu_bits_d(sse_i64_to_d(x, csr, mx)) : fpu_bits_s(sse_i64_to_s(x, csr, mx));
    return true;
}

/* ---- the MXCSR-free path ---------------------------------------------- */

static bool is_zero(bool is_double, uint64_t v) { return (v & ~sign_of(is_double)) == 0; }

static bool is_inf(bool is_double, uint64_t v)
{
    return (v & ~sign_of(is_double)) == (is_double ? 0x7ff0000000000000ull : 0x7f800000u);
}


static int64_t plain_to_i64(bool is_double, uint64_t a, bool truncate)
{
    int64_t r;
    if (is_double && truncate)
        __asm__("cvttsd2si %1, %0" : "=r"(r) : "x"(fpu_as_d(a)));
    else if (is_double)
        __asm__("cvtsd2si %1, %0" : "=r"(r) : "x"(fpu_as_d(a)));
    else if (truncate)
        __asm__("cvttss2si %1, %0" : "=r"(r) : "x"(fpu_as_s(a)));
    else
        __asm__("cvtss2si %1, %0" : "=r"(r) : "x"(fpu_as_s(a)));
    return r;
}

/*
 * RNE arithmetic (or RNE/RTZ float-to-integer) in the host's default
 * MXCSR, for a caller whose fflags already has NX.  Operands are not
 * NaN.  False when the result could have raised a flag other than NX.
 */
static bool quick(enum rv_fpu_op op, bool dbl, uint64_t a, uint64_t b, uint64_t c, int rm,
                  uint64_t *result)
{
    uint64_t sign = sign_of(dbl), r;
    bool exact_zero;   /* a zero result that cannot come from underflow */

    if (op >= RV_FOP_TO_W && op <= RV_FOP_TO_LU) {
        bool is_signed = op == RV_FOP_TO_W || op == RV_FOP_TO_L;
        if ((rm != RV_RM_RNE && rm != RV_RM_RTZ) || (!is_signed && (a & sign)))
            return false;
        int64_t v = plain_to_i64(dbl, a, rm == RV_RM_RTZ);
        if (v == INT64_MIN)
            return false;
        if (op <= RV_FOP_TO_WU) {
            bool fits = is_signed ? v >= INT32_MIN && v <= INT32_MAX : v >= 0 && v <= UINT32_MAX;
            if (!fits)
                return false;
            v = (int32_t)(uint32_t)v;
        } else if (!is_signed && v < 0) {
            return false;
        }
        *result = (uint64_t)v;
        return true;
    }
    if (rm != RV_RM_RNE)
        return false;
    if (op == RV_FOP_MSUB || op == RV_FOP_NMADD)
        c ^= sign;
    if (op == RV_FOP_NMSUB || op == RV_FOP_NMADD)
        a ^= sign;

    switch (op) {
    case RV_FOP_ADD: case RV_FOP_SUB:
        if (op == RV_FOP_SUB)
            b ^= sign;
        r = dbl ? fpu_bits_d(fpu_as_d(a) + fpu_as_d(b)) : fpu_bits_s(fpu_as_s(a) + fpu_as_s(b));
        exact_zero = true;   /* a nonzero exact sum is a multiple of the smallest subnormal */
        break;
    case RV_FOP_MUL:
        r = dbl ? fpu_bits_d(fpu_as_d(a) * fpu_as_d(b)) : fpu_bits_s(fpu_as_s(a) * fpu_as_s(b));
        exact_zero = is_zero(dbl, a) || is_zero(dbl, b);
        break;
    case RV_FOP_DIV:
        r = dbl ? fpu_bits_d(fpu_as_d(a) / fpu_as_d(b)) : fpu_bits_s(fpu_as_s(a) / fpu_as_s(b));
        exact_zero = is_zero(dbl, a) || is_inf(dbl, b);
        break;
    case RV_FOP_SQRT:
        r = dbl ? fpu_bits_d(fpu_sqrt_d(fpu_as_d(a))) : fpu_bits_s(fpu_sqrt_s(fpu_as_s(a)));
        exact_zero = true;
        break;
    case RV_FOP_MADD: case RV_FOP_MSUB: case RV_FOP_NMSUB: case RV_FOP_NMADD:
        if (!have_fma())
            return false;
        r = dbl ? fpu_bits_d(fpu_fma_d(fpu_as_d(a), fpu_as_d(b), fpu_as_d(c)))
                : fpu_bits_s(fpu_fma_s(fpu_as_s(a), fpu_as_s(b), fpu_as_s(c)));
        exact_zero = is_zero(dbl, a) || is_zero(dbl, b);   /* then c was zero too */
        break;
    case RV_FOP_FROM_W: case RV_FOP_FROM_WU: case RV_FOP_FROM_L: case RV_FOP_FROM_LU:
        /* int to float never overflows or underflows: only NX */
        return fast_from_int_plain(dbl, a, op <= RV_FOP_FROM_WU ? 32 : 64,
                                   op == RV_FOP_FROM_W || op == RV_FOP_FROM_L, result);
    case RV_FOP_CVT_S_D: {
        r = fpu_bits_s((float)fpu_as_d(a));
        if (fpu_comfortably_normal_s(r) || (is_zero(true, a) && is_zero(false, r))) {
            *result = r;
            return true;
        }
        return false;
    }
    default:
        return false;
    }
    if ((dbl ? fpu_comfortably_normal_d(r) : fpu_comfortably_normal_s(r)) || (exact_zero && is_zero(dbl, r))) {
        *result = r;
        return true;
    }
    return false;
}

/* ---- the MXCSR path ----------------------------------------------------- */

/* a OP b compare without NaNs (checked by the caller): no flags */
static uint64_t fast_compare(enum rv_fpu_op op, bool is_double, uint64_t a, uint64_t b)
{
    double x = is_double ? fpu_as_d(a) : fpu_as_s(a), y = is_double ? fpu_as_d(b) : fpu_as_s(b);
    switch (op) {
    case RV_FOP_EQ: return x == y;
    case RV_FOP_LT: return x < y;
    default:        return x <= y;
    }
}

/* fmin/fmax without NaNs: -0 is below +0 */
static uint64_t fast_min_max(bool want_max, bool is_double, uint64_t a, uint64_t b)
{
    uint64_t sign = sign_of(is_double);
    if (((a | b) & ~sign) == 0)   /* both zeros */
        return want_max ? a & b : a | b;
    double x = is_double ? fpu_as_d(a) : fpu_as_s(a), y = is_double ? fpu_as_d(b) : fpu_as_s(b);
    return (x < y) != want_max ? a : b;
}

static bool fast_arith(enum rv_fpu_op op, bool is_double, uint64_t a, uint64_t b, uint64_t c,
                  uint32_t csr, uint64_t *r, uint32_t *mx)
{
    uint64_t sign = sign_of(is_double);
    if (op >= RV_FOP_MADD && op <= RV_FOP_NMADD) {
        if (!have_fma())
            return false;
        /* the same operand negations as the soft-float path */
        if (op == RV_FOP_NMSUB || op == RV_FOP_NMADD)
            a ^= sign;
        if (op == RV_FOP_MSUB || op == RV_FOP_NMADD)
            c ^= sign;
        *r = is_double ? fpu_bits_d(sse_fma_d(fpu_as_d(a), fpu_as_d(b), fpu_as_d(c), csr, mx))
                       : fpu_bits_s(sse_fma_s(fpu_as_s(a), fpu_as_s(b), fpu_as_s(c), csr, mx));
        return true;
    }
    if (is_double) {
        double x = fpu_as_d(a), y = fpu_as_d(b), z;
        switch (op) {
        case RV_FOP_ADD:  z = sse_add_d(x, y, csr, mx); break;
        case RV_FOP_SUB:  z = sse_sub_d(x, y, csr, mx); break;
        case RV_FOP_MUL:  z = sse_mul_d(x, y, csr, mx); break;
        case RV_FOP_DIV:  z = sse_div_d(x, y, csr, mx); break;
        default:          z = sse_sqrt_d(0, x, csr, mx); break;
        }
        *r = fpu_bits_d(z);
    } else {
        float x = fpu_as_s(a), y = fpu_as_s(b), z;
        switch (op) {
        case RV_FOP_ADD:  z = sse_add_s(x, y, csr, mx); break;
        case RV_FOP_SUB:  z = sse_sub_s(x, y, csr, mx); break;
        case RV_FOP_MUL:  z = sse_mul_s(x, y, csr, mx); break;
        case RV_FOP_DIV:  z = sse_div_s(x, y, csr, mx); break;
        default:          z = sse_sqrt_s(0, x, csr, mx); break;
        }
        *r = fpu_bits_s(z);
    }
    return true;
}

/* Is any floating-point operand of op a NaN? */
static bool nan_operand(enum rv_fpu_op op, bool dbl, uint64_t a, uint64_t b, uint64_t c)
{
    bool (*is_nan)(uint64_t) = dbl ? fpu_is_nan_d : fpu_is_nan_s;
    switch (op) {
    case RV_FOP_SQRT:
    case RV_FOP_TO_W: case RV_FOP_TO_WU: case RV_FOP_TO_L: case RV_FOP_TO_LU:
        return is_nan(a);
    case RV_FOP_MADD: case RV_FOP_MSUB: case RV_FOP_NMSUB: case RV_FOP_NMADD:
        return is_nan(a) || is_nan(b) || is_nan(c);
    case RV_FOP_FROM_W: case RV_FOP_FROM_WU: case RV_FOP_FROM_L: case RV_FOP_FROM_LU:
        return false;
    case RV_FOP_CVT_S_D: return fpu_is_nan_d(a);
    case RV_FOP_CVT_D_S: return fpu_is_nan_s(a);
    default:             return is_nan(a) || is_nan(b);
    }
}

bool rv_fpu_compute_fast(enum rv_fpu_op op, bool is_double, uint64_t a, uint64_t b, uint64_t c,
                         int rm, uint32_t known_flags, uint64_t *result, uint32_t *flags)
{
    if (rm < RV_RM_RNE || rm > RV_RM_RUP || op == RV_FOP_CLASS ||
        (op >= RV_FOP_SGNJ && op <= RV_FOP_SGNJX))
        return false;   /* class and sign injection: the soft path is already cheap */
    if (nan_operand(op, is_double, a, b, c))
        return false;

    /* operations that never raise a flag without NaN operands */
    switch (op) {
    case RV_FOP_EQ: case RV_FOP_LT: case RV_FOP_LE:
        *result = fast_compare(op, is_double, a, b);
        return true;
    case RV_FOP_MIN: case RV_FOP_MAX:
        *result = fast_min_max(op == RV_FOP_MAX, is_double, a, b);
        return true;
    case RV_FOP_CVT_D_S:
        *result = fpu_bits_d((double)fpu_as_s(a));   /* exact */
        return true;
    default:
        break;
    }

    if ((known_flags & RV_FF_NX) && quick(op, is_double, a, b, c, rm, result))
        return true;

    /* ldmxcsr below drops an NX the JIT left pending: keep it */
    *flags |= host_fp_pending_nx();
    uint32_t csr = MXCSR_DEFAULT | mxcsr_rc[rm], mx = 0;
    bool ok;
    switch (op) {
    case RV_FOP_TO_W: case RV_FOP_TO_WU: case RV_FOP_TO_L: case RV_FOP_TO_LU:
        ok = fast_to_int(is_double, a, op <= RV_FOP_TO_WU ? 32 : 64,
                         op == RV_FOP_TO_W || op == RV_FOP_TO_L, csr, result, &mx);
        break;
    case RV_FOP_FROM_W: case RV_FOP_FROM_WU: case RV_FOP_FROM_L: case RV_FOP_FROM_LU:
        ok = fast_from_int(is_double, a, op <= RV_FOP_FROM_WU ? 32 : 64,
                           op == RV_FOP_FROM_W || op == RV_FOP_FROM_L, csr, result, &mx);
        break;
    case RV_FOP_CVT_S_D:
        *result = fpu_bits_s(sse_cvt_d_to_s(fpu_as_d(a), csr, &mx));
        ok = true;
        break;
    default:   /* add, sub, mul, div, sqrt, the four fma forms */
        ok = fast_arith(op, is_double, a, b, c, csr, result, &mx);
        break;
    }
    restore_mxcsr();   /* the default mode, and no flags left pending by this path */
    if (!ok)
        return false;
    bool out_double = op == RV_FOP_CVT_S_D ? false : is_double;
    bool int_result = op >= RV_FOP_TO_W && op <= RV_FOP_TO_LU;
    if (!int_result && (out_double ? fpu_is_nan_d(*result) : fpu_is_nan_s(*result)))
        *result = out_double ? fp_double.canonical_nan : fp_single.canonical_nan;
    *flags |= flags_from_mxcsr(mx);
    return true;
}
