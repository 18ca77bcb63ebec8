/*
 * RISC-V F and D support: a small exact soft-float core and the IR helpers
 * that the rv_f.c / rv_d.c trans functions call.
 *
 * The soft core is the reference: RISC-V needs round-to-nearest-max-magnitude
 * (RMM), canonical NaNs and saturating conversions that x86 does not have.
 * rv_fpu_fast.c answers the common cases with host SSE (same results and
 * flags) and leaves the rest to the soft core.
 *
 * Values are raw IEEE bit patterns in a uint64_t (a single in the low 32
 * bits).  Every soft-float function takes a rounding mode (RV_RM_*, never
 * DYN) and ORs RISC-V exception flags (RV_FF_*) into *flags.
 *
 * Concurrency: everything is pure or touches only the calling vCPU.
 */
#ifndef TANDEM_RV_FPU_H
#define TANDEM_RV_FPU_H

#include <stdbool.h>
#include <stdint.h>

#include "frontend/riscv/rv.h"

struct vcpu;

/* rounding modes (the rm field / frm CSR) */
enum { RV_RM_RNE = 0, RV_RM_RTZ = 1, RV_RM_RDN = 2, RV_RM_RUP = 3,
       RV_RM_RMM = 4, RV_RM_DYN = 7 };

/* fflags bits */
enum { RV_FF_NX = 1, RV_FF_UF = 2, RV_FF_OF = 4, RV_FF_DZ = 8, RV_FF_NV = 16 };

/* An IEEE binary format. */
struct fp_format {
    int frac_bits;   /* stored fraction bits: 23 or 52 */
    int exp_bits;    /* 8 or 11 */
    int bias;        /* 127 or 1023 */
    uint64_t canonical_nan;
};
extern const struct fp_format fp_single, fp_double;

#define RV_NAN_BOX 0xffffffff00000000ull

/* ---- soft-float core (rv_fpu_soft.c) ---- */
uint64_t fp_add(const struct fp_format *f, uint64_t a, uint64_t b, int rm, uint32_t *flags);
uint64_t fp_mul(const struct fp_format *f, uint64_t a, uint64_t b, int rm, uint32_t *flags);
uint64_t fp_div(const struct fp_format *f, uint64_t a, uint64_t b, int rm, uint32_t *flags);
uint64_t fp_sqrt(const struct fp_format *f, uint64_t a, int rm, uint32_t *flags);
/* a * b + c with one rounding; callers negate operands for fmsub & co. */
uint64_t fp_fma(const struct fp_format *f, uint64_t a, uint64_t b, uint64_t c, int rm, uint32_t *flags);
/* Float to a 32/64-bit (un)signed integer, saturating; result sign-extended
 * from int_bits (so fcvt.wu of a large value gives 0xffff...ffff). */
uint64_t fp_to_int(const struct fp_format *f, uint64_t a, int int_bits, bool is_signed,
                   int rm, uint32_t *flags);
/* 32/64-bit (un)signed integer (in the low int_bits of v) to float. */
uint64_t fp_from_int(const struct fp_format *f, uint64_t v, int int_bits, bool is_signed,
                     int rm, uint32_t *flags);
/* Convert between formats. */
uint64_t fp_convert(const struct fp_format *to, const struct fp_format *from, uint64_t a,
                    int rm, uint32_t *flags);
/* feq / flt / fle: 1 or 0.  feq is quiet; flt and fle signal on any NaN. */
uint64_t fp_eq(const struct fp_format *f, uint64_t a, uint64_t b, uint32_t *flags);
uint64_t fp_lt(const struct fp_format *f, uint64_t a, uint64_t b, uint32_t *flags);
uint64_t fp_le(const struct fp_format *f, uint64_t a, uint64_t b, uint32_t *flags);
uint64_t fp_min(const struct fp_format *f, uint64_t a, uint64_t b, uint32_t *flags);
uint64_t fp_max(const struct fp_format *f, uint64_t a, uint64_t b, uint32_t *flags);
/* The 10-bit RISC-V fclass mask. */
uint64_t fp_class(const struct fp_format *f, uint64_t a);

/* ---- IR helpers (rv_fpu.c): ir_helper_fn, aux built by rv_fpu_aux ---- */

/* Operations a helper performs; packed into aux with the format and rm. */
enum rv_fpu_op {
    RV_FOP_ADD, RV_FOP_SUB, RV_FOP_MUL, RV_FOP_DIV, RV_FOP_SQRT,
    RV_FOP_MADD, RV_FOP_MSUB, RV_FOP_NMSUB, RV_FOP_NMADD,
    RV_FOP_SGNJ, RV_FOP_SGNJN, RV_FOP_SGNJX, RV_FOP_MIN, RV_FOP_MAX,
    RV_FOP_EQ, RV_FOP_LT, RV_FOP_LE, RV_FOP_CLASS,
    RV_FOP_TO_W, RV_FOP_TO_WU, RV_FOP_TO_L, RV_FOP_TO_LU,
    RV_FOP_FROM_W, RV_FOP_FROM_WU, RV_FOP_FROM_L, RV_FOP_FROM_LU,
    RV_FOP_CVT_S_D, RV_FOP_CVT_D_S,
};

/* One operation on unboxed operands (singles in the low 32 bits), rm
 * resolved (never DYN): the exact soft-float core (rv_fpu_soft.c). */
uint64_t rv_fpu_compute_soft(enum rv_fpu_op op, const struct fp_format *f, uint64_t a, uint64_t b,
                             uint64_t c, int rm, uint32_t *flags);
/* The same with host SSE (rv_fpu_fast.c): where it answers, the result
 * and the flags ORed into *flags give the same fflags as the soft core,
 * given known_flags, the fflags value they will be ORed into (flags
 * already there need not be detected).  False (nothing written) for the
 * cases it leaves to the soft core: RMM, NaN operands, out-of-range
 * conversions, and more. */
bool rv_fpu_compute_fast(enum rv_fpu_op op, bool is_double, uint64_t a, uint64_t b, uint64_t c,
                         int rm, uint32_t known_flags, uint64_t *result, uint32_t *flags);

/* aux = op | is_double << 8 | rm << 9 */
static inline uint32_t rv_fpu_aux(enum rv_fpu_op op, bool is_double, unsigned rm)
{
    return (uint32_t)op | (uint32_t)is_double << 8 | (uint32_t)(rm & 7) << 9;
}

/* The one helper behind every F/D operation (rv_fpu.c). */
uint64_t rv_fpu_helper(struct vcpu *cpu, uint64_t a, uint64_t b, uint64_t c, uint32_t aux);

/* The helper to call for op: a specialised one that handles the common
 * case (RNE with NX already accrued, no NaN) itself and calls
 * rv_fpu_helper otherwise (rv_fpu_quick.c), or rv_fpu_helper. */
ir_helper_fn rv_fpu_pick_helper(enum rv_fpu_op op, bool is_double, unsigned rm);

/* Operand layout of rv_fpu_helper for each op (x = integer reg, f = FP reg). */
enum rv_fpu_operand { RV_FPU_F, RV_FPU_X };

/*
 * Emit a call of rv_fpu_helper for insn args: reads the sources named by
 * n_src (rs1, rs2, rs3) from the f or x file per src_kind, writes rd in the
 * f or x file per dst_kind.  Returns false (illegal) for reserved rm values
 * when uses_rm.
 */
bool rv_fpu_emit(struct rv_ctx *ctx, const struct rv_args *a, enum rv_fpu_op op,
                 bool is_double, unsigned n_src, enum rv_fpu_operand src_kind,
                 enum rv_fpu_operand dst_kind, bool uses_rm);

/* Loads and stores; also used by the compressed decoder (c.fld, c.fsd,
 * c.fldsp, c.fsdsp) with I/S-format args. */
bool trans_flw(struct rv_ctx *ctx, const struct rv_args *a);
bool trans_fsw(struct rv_ctx *ctx, const struct rv_args *a);
bool trans_fld(struct rv_ctx *ctx, const struct rv_args *a);
bool trans_fsd(struct rv_ctx *ctx, const struct rv_args *a);

#endif
