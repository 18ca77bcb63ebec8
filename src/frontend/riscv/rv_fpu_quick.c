/*
 * Specialised IR helpers for the hottest F/D operations, chosen at
 * translation time by rv_fpu_pick_helper.  Each handles only the case
 * that dominates real programs and calls the general rv_fpu_helper for
 * everything else, with the same arguments:
 *
 *   arithmetic (add, sub, mul, div, sqrt, fma): the rounding mode is RNE
 *   (static, or DYN with frm = RNE: one variant each) and fflags already
 *   holds NX.  The host computes in its
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

/* Is the op's rounding mode RNE, with NX already accrued?  Each helper
 * comes in two variants chosen at translation time: for rm = DYN (read
 * frm) and for a static rm = RNE. */
static inline bool rne_with_nx(const struct vcpu *cpu, bool dynamic)
{
    return (!dynamic || cpu->frm == RV_RM_RNE) && (cpu->fflags & RV_FF_NX);
}

static inline bool boxed(uint64_t v) { return (v & RV_NAN_BOX) == RV_NAN_BOX; }

/* ---- double ---- */

#define QUICK_D_VARIANT(name, dynamic, expr)                                         \
    static uint64_t name(struct vcpu *cpu, uint64_t a, uint64_t b, uint64_t c,       \
                         uint32_t aux)                                               \
    {                                                                                \
        if (rne_with_nx(cpu, dynamic)) {                                             \
            double x = fpu_as_d(a), y = fpu_as_d(b), z = fpu_as_d(c);                \
            uint64_t r = fpu_bits_d(expr);                                           \
            (void)x; (void)y; (void)z;                                               \
            if (fpu_comfortably_normal_d(r))                                         \
                return r;                                                            \
        }                                                                            \
        return rv_fpu_helper(cpu, a, b, c, aux);                                     \
    }
#define QUICK_D(name, expr)                                                          \
    QUICK_D_VARIANT(name##_dyn, true, expr)                                          \
    QUICK_D_VARIANT(name##_rne, false, expr)
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
#undef QUICK_D_VARIANT

/* ---- single: operands NaN-boxed, result boxed ---- */

/* n_src: how many of a, b, c are f registers (the others are not boxed) */
#define QUICK_S_VARIANT(name, dynamic, n_src, expr)                                  \
    static uint64_t name(struct vcpu *cpu, uint64_t a, uint64_t b, uint64_t c,       \
                         uint32_t aux)                                               \
    {                                                                                \
        if (rne_with_nx(cpu, dynamic) && boxed(a) && (n_src < 2 || boxed(b)) &&     \
            (n_src < 3 || boxed(c))) {                                               \
            float x = fpu_as_s(a), y = fpu_as_s(b), z = fpu_as_s(c);                 \
            uint64_t r = fpu_bits_s(expr);                                           \
            (void)x; (void)y; (void)z;                                               \
            if (fpu_comfortably_normal_s(r))                                         \
                return r | RV_NAN_BOX;                                               \
        }                                                                            \
        return rv_fpu_helper(cpu, a, b, c, aux);                                     \
    }
#define QUICK_S(name, n_src, expr)                                                   \
    QUICK_S_VARIANT(name##_dyn, true, n_src, expr)                                   \
    QUICK_S_VARIANT(name##_rne, false, n_src, expr)
QUICK_S(quick_add_s, 2, x + y)
QUICK_S(quick_sub_s, 2, x - y)
QUICK_S(quick_mul_s, 2, x * y)
QUICK_S(quick_div_s, 2, x / y)
QUICK_S(quick_madd_s, 3, fpu_fma_s(x, y, z))
QUICK_S(quick_msub_s, 3, fpu_fma_s(x, y, -z))
QUICK_S(quick_nmsub_s, 3, fpu_fma_s(-x, y, z))
QUICK_S(quick_nmadd_s, 3, fpu_fma_s(-x, y, -z))

QUICK_S(quick_sqrt_s, 1, fpu_sqrt_s(x))
#undef QUICK_S
#undef QUICK_S_VARIANT

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

/* The variants of one arithmetic op: [0] for rm = DYN, [1] for RNE. */
struct quick_pair { ir_helper_fn dyn, rne; };
#define PAIR(name) { name##_dyn, name##_rne }

ir_helper_fn rv_fpu_pick_helper(enum rv_fpu_op op, bool is_double, unsigned rm)
{
    static const struct quick_pair arith_d[] = {
        [RV_FOP_ADD] = PAIR(quick_add_d), [RV_FOP_SUB] = PAIR(quick_sub_d),
        [RV_FOP_MUL] = PAIR(quick_mul_d), [RV_FOP_DIV] = PAIR(quick_div_d),
        [RV_FOP_SQRT] = PAIR(quick_sqrt_d),
        [RV_FOP_MADD] = PAIR(quick_madd_d), [RV_FOP_MSUB] = PAIR(quick_msub_d),
        [RV_FOP_NMSUB] = PAIR(quick_nmsub_d), [RV_FOP_NMADD] = PAIR(quick_nmadd_d),
    };
    static const struct quick_pair arith_s[] = {
        [RV_FOP_ADD] = PAIR(quick_add_s), [RV_FOP_SUB] = PAIR(quick_sub_s),
        [RV_FOP_MUL] = PAIR(quick_mul_s), [RV_FOP_DIV] = PAIR(quick_div_s),
        [RV_FOP_SQRT] = PAIR(quick_sqrt_s),
        [RV_FOP_MADD] = PAIR(quick_madd_s), [RV_FOP_MSUB] = PAIR(quick_msub_s),
        [RV_FOP_NMSUB] = PAIR(quick_nmsub_s), [RV_FOP_NMADD] = PAIR(quick_nmadd_s),
    };
    static const ir_helper_fn compare_d[] = {
        [RV_FOP_EQ - RV_FOP_EQ] = quick_eq_d, [RV_FOP_LT - RV_FOP_EQ] = quick_lt_d,
        [RV_FOP_LE - RV_FOP_EQ] = quick_le_d,
    };
    static const ir_helper_fn compare_s[] = {
        [RV_FOP_EQ - RV_FOP_EQ] = quick_eq_s, [RV_FOP_LT - RV_FOP_EQ] = quick_lt_s,
        [RV_FOP_LE - RV_FOP_EQ] = quick_le_s,
    };

    if (op >= RV_FOP_EQ && op <= RV_FOP_LE)
        return (is_double ? compare_d : compare_s)[op - RV_FOP_EQ];
    if (op > RV_FOP_NMADD || (rm != RV_RM_DYN && rm != RV_RM_RNE))
        return rv_fpu_helper;
    if (op >= RV_FOP_MADD && !__builtin_cpu_supports("fma"))
        return rv_fpu_helper;
    const struct quick_pair *p = &(is_double ? arith_d : arith_s)[op];
    return rm == RV_RM_DYN ? p->dyn : p->rne;
}
