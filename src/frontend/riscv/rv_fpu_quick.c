/*
 * Specialised IR helpers for the hottest F/D operations, chosen at
 * translation time by rv_fpu_pick_helper.  Each handles only the case
 * that dominates real programs and calls the general rv_fpu_helper for
 * everything else, with the same arguments:
 *
 *   arithmetic (add, sub, mul, div, sqrt, fma): the resolved rounding
 *   mode is RNE and fflags already holds NX.  The host computes in its
 *   default MXCSR (RNE); a comfortably normal result (see rv_fpu_host.h)
 *   proves that no flag other than NX was raised, so fflags needs no
 *   update.  A NaN operand gives a NaN result, which is not comfortably
 *   normal, so NaNs need no separate test.
 *
 *   comparisons: neither operand is a NaN; then they raise no flag.
 *
 * Single-precision operands must also be properly NaN-boxed.
 *
 * Concurrency: reads and writes only the calling vCPU.
 */
#include "exec/vcpu.h"
#include "frontend/riscv/rv_fpu.h"
#include "frontend/riscv/rv_fpu_host.h"

/* Is the op's rounding mode (aux's rm, or frm for DYN) RNE, with NX
 * already accrued? */
static inline bool rne_with_nx(const struct vcpu *cpu, uint32_t aux)
{
    unsigned rm = (aux >> 9) & 7;
    if (rm == RV_RM_DYN)
        rm = cpu->frm;
    return rm == RV_RM_RNE && (cpu->fflags & RV_FF_NX);
}

static inline bool boxed(uint64_t v) { return (v & RV_NAN_BOX) == RV_NAN_BOX; }

/* ---- double ---- */

#define QUICK_D(name, expr)                                                          \
    static uint64_t name(struct vcpu *cpu, uint64_t a, uint64_t b, uint64_t c,       \
                         uint32_t aux)                                               \
    {                                                                                \
        if (rne_with_nx(cpu, aux)) {                                                 \
            double x = fpu_as_d(a), y = fpu_as_d(b), z = fpu_as_d(c);                \
            uint64_t r = fpu_bits_d(expr);                                           \
            (void)x; (void)y; (void)z;                                               \
            if (fpu_comfortably_normal_d(r))                                         \
                return r;                                                            \
        }                                                                            \
        return rv_fpu_helper(cpu, a, b, c, aux);                                     \
    }
QUICK_D(quick_add_d, x + y)
QUICK_D(quick_sub_d, x - y)
QUICK_D(quick_mul_d, x * y)
QUICK_D(quick_div_d, x / y)
QUICK_D(quick_sqrt_d, fpu_sqrt_d(x))
QUICK_D(quick_madd_d, fpu_fma_d(x, y, z))
QUICK_D(quick_msub_d, fpu_fma_d(x, y, -z))
QUICK_D(quick_nmsub_d, fpu_fma_d(-x, y, z))
QUICK_D(quick_nmadd_d, fpu_fma_d(-x, y, -z))
#undef QUICK_D

/* ---- single: operands NaN-boxed, result boxed ---- */

/* n_src: how many of a, b, c are f registers (the others are not boxed) */
#define QUICK_S(name, n_src, expr)                                                   \
    static uint64_t name(struct vcpu *cpu, uint64_t a, uint64_t b, uint64_t c,       \
                         uint32_t aux)                                               \
    {                                                                                \
        if (rne_with_nx(cpu, aux) && boxed(a) && boxed(b) && (n_src < 3 || boxed(c))) { \
            float x = fpu_as_s(a), y = fpu_as_s(b), z = fpu_as_s(c);                 \
            uint64_t r = fpu_bits_s(expr);                                           \
            (void)x; (void)y; (void)z;                                               \
            if (fpu_comfortably_normal_s(r))                                         \
                return r | RV_NAN_BOX;                                               \
        }                                                                            \
        return rv_fpu_helper(cpu, a, b, c, aux);                                     \
    }
QUICK_S(quick_add_s, 2, x + y)
QUICK_S(quick_sub_s, 2, x - y)
QUICK_S(quick_mul_s, 2, x * y)
QUICK_S(quick_div_s, 2, x / y)
QUICK_S(quick_madd_s, 3, fpu_fma_s(x, y, z))
QUICK_S(quick_msub_s, 3, fpu_fma_s(x, y, -z))
QUICK_S(quick_nmsub_s, 3, fpu_fma_s(-x, y, z))
QUICK_S(quick_nmadd_s, 3, fpu_fma_s(-x, y, -z))
#undef QUICK_S

/* sqrt.s has one operand: b and c are not boxed registers */
static uint64_t quick_sqrt_s(struct vcpu *cpu, uint64_t a, uint64_t b, uint64_t c, uint32_t aux)
{
    if (rne_with_nx(cpu, aux) && boxed(a)) {
        uint64_t r = fpu_bits_s(fpu_sqrt_s(fpu_as_s(a)));
        if (fpu_comfortably_normal_s(r))
            return r | RV_NAN_BOX;
    }
    return rv_fpu_helper(cpu, a, b, c, aux);
}

/* ---- comparisons: no NaN, no flag ---- */

static uint64_t quick_lt_d(struct vcpu *cpu, uint64_t a, uint64_t b, uint64_t c, uint32_t aux)
{
    if (!fpu_is_nan_d(a) && !fpu_is_nan_d(b))
        return fpu_as_d(a) < fpu_as_d(b);
    return rv_fpu_helper(cpu, a, b, c, aux);
}

static uint64_t quick_le_d(struct vcpu *cpu, uint64_t a, uint64_t b, uint64_t c, uint32_t aux)
{
    if (!fpu_is_nan_d(a) && !fpu_is_nan_d(b))
        return fpu_as_d(a) <= fpu_as_d(b);
    return rv_fpu_helper(cpu, a, b, c, aux);
}

static uint64_t quick_eq_d(struct vcpu *cpu, uint64_t a, uint64_t b, uint64_t c, uint32_t aux)
{
    if (!fpu_is_nan_d(a) && !fpu_is_nan_d(b))
        return fpu_as_d(a) == fpu_as_d(b);
    return rv_fpu_helper(cpu, a, b, c, aux);
}

static bool plain_s_pair(uint64_t a, uint64_t b)
{
    return boxed(a) && boxed(b) && !fpu_is_nan_s(a) && !fpu_is_nan_s(b);
}

static uint64_t quick_lt_s(struct vcpu *cpu, uint64_t a, uint64_t b, uint64_t c, uint32_t aux)
{
    if (plain_s_pair(a, b))
        return fpu_as_s(a) < fpu_as_s(b);
    return rv_fpu_helper(cpu, a, b, c, aux);
}

static uint64_t quick_le_s(struct vcpu *cpu, uint64_t a, uint64_t b, uint64_t c, uint32_t aux)
{
    if (plain_s_pair(a, b))
        return fpu_as_s(a) <= fpu_as_s(b);
    return rv_fpu_helper(cpu, a, b, c, aux);
}

static uint64_t quick_eq_s(struct vcpu *cpu, uint64_t a, uint64_t b, uint64_t c, uint32_t aux)
{
    if (plain_s_pair(a, b))
        return fpu_as_s(a) == fpu_as_s(b);
    return rv_fpu_helper(cpu, a, b, c, aux);
}

ir_helper_fn rv_fpu_pick_helper(enum rv_fpu_op op, bool is_double)
{
    static const ir_helper_fn quick_d[] = {
        [RV_FOP_ADD] = quick_add_d, [RV_FOP_SUB] = quick_sub_d, [RV_FOP_MUL] = quick_mul_d,
        [RV_FOP_DIV] = quick_div_d, [RV_FOP_SQRT] = quick_sqrt_d,
        [RV_FOP_MADD] = quick_madd_d, [RV_FOP_MSUB] = quick_msub_d,
        [RV_FOP_NMSUB] = quick_nmsub_d, [RV_FOP_NMADD] = quick_nmadd_d,
        [RV_FOP_EQ] = quick_eq_d, [RV_FOP_LT] = quick_lt_d, [RV_FOP_LE] = quick_le_d,
    };
    static const ir_helper_fn quick_s[] = {
        [RV_FOP_ADD] = quick_add_s, [RV_FOP_SUB] = quick_sub_s, [RV_FOP_MUL] = quick_mul_s,
        [RV_FOP_DIV] = quick_div_s, [RV_FOP_SQRT] = quick_sqrt_s,
        [RV_FOP_MADD] = quick_madd_s, [RV_FOP_MSUB] = quick_msub_s,
        [RV_FOP_NMSUB] = quick_nmsub_s, [RV_FOP_NMADD] = quick_nmadd_s,
        [RV_FOP_EQ] = quick_eq_s, [RV_FOP_LT] = quick_lt_s, [RV_FOP_LE] = quick_le_s,
    };
    const ir_helper_fn *table = is_double ? quick_d : quick_s;
    unsigned n = is_double ? sizeof quick_d / sizeof quick_d[0] : sizeof quick_s / sizeof quick_s[0];

    if (op >= RV_FOP_MADD && op <= RV_FOP_NMADD && !__builtin_cpu_supports("fma"))
        return rv_fpu_helper;
    if ((unsigned)op < n && table[op])
        return table[op];
    return rv_fpu_helper;
}
