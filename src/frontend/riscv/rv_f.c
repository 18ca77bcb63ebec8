/*
 * RV64F: single-precision floating point.  Each pattern calls a trans_
 * function that either emits IR directly (loads, stores, moves) or one call
 * of rv_fpu_helper (rv_fpu.c), which does the arithmetic in software.
 */
#include "exec/vcpu.h"
#include "frontend/riscv/rv_fpu.h"

/* f registers hold 64 bits; a single lives in the low half with the
 * upper half all ones (NaN-boxing). */

bool trans_flw(struct rv_ctx *ctx, const struct rv_args *a)
{
    ir_load(ctx->b, RV_F(a->rd), rv_xreg_read(ctx, a->rs1), a->imm, 2);
    ir_binopi(ctx->b, IR_ori, RV_F(a->rd), RV_F(a->rd), (int64_t)RV_NAN_BOX);
    return true;
}

bool trans_fsw(struct rv_ctx *ctx, const struct rv_args *a)
{
    ir_store(ctx->b, RV_F(a->rs2), rv_xreg_read(ctx, a->rs1), a->imm, 2);
    return true;
}

static bool arith_s(struct rv_ctx *ctx, const struct rv_args *a, enum rv_fpu_op op, unsigned n_src)
{
    return rv_fpu_emit(ctx, a, op, false, n_src, RV_FPU_F, RV_FPU_F, true);
}

static bool fma_s(struct rv_ctx *ctx, const struct rv_args *a, enum rv_fpu_op op)
{
    return arith_s(ctx, a, op, 3);
}

static bool trans_fmadd_s(struct rv_ctx *ctx, const struct rv_args *a)  { return fma_s(ctx, a, RV_FOP_MADD); }
static bool trans_fmsub_s(struct rv_ctx *ctx, const struct rv_args *a)  { return fma_s(ctx, a, RV_FOP_MSUB); }
static bool trans_fnmsub_s(struct rv_ctx *ctx, const struct rv_args *a) { return fma_s(ctx, a, RV_FOP_NMSUB); }
static bool trans_fnmadd_s(struct rv_ctx *ctx, const struct rv_args *a) { return fma_s(ctx, a, RV_FOP_NMADD); }

static bool trans_fadd_s(struct rv_ctx *ctx, const struct rv_args *a)  { return arith_s(ctx, a, RV_FOP_ADD, 2); }
static bool trans_fsub_s(struct rv_ctx *ctx, const struct rv_args *a)  { return arith_s(ctx, a, RV_FOP_SUB, 2); }
static bool trans_fmul_s(struct rv_ctx *ctx, const struct rv_args *a)  { return arith_s(ctx, a, RV_FOP_MUL, 2); }
static bool trans_fdiv_s(struct rv_ctx *ctx, const struct rv_args *a)  { return arith_s(ctx, a, RV_FOP_DIV, 2); }
static bool trans_fsqrt_s(struct rv_ctx *ctx, const struct rv_args *a) { return arith_s(ctx, a, RV_FOP_SQRT, 1); }

/* sign injection and min/max have no rm field (funct3 selects the op) */
static bool no_rm_s(struct rv_ctx *ctx, const struct rv_args *a, enum rv_fpu_op op)
{
    return rv_fpu_emit(ctx, a, op, false, 2, RV_FPU_F, RV_FPU_F, false);
}

static bool trans_fsgnj_s(struct rv_ctx *ctx, const struct rv_args *a)  { return no_rm_s(ctx, a, RV_FOP_SGNJ); }
static bool trans_fsgnjn_s(struct rv_ctx *ctx, const struct rv_args *a) { return no_rm_s(ctx, a, RV_FOP_SGNJN); }
static bool trans_fsgnjx_s(struct rv_ctx *ctx, const struct rv_args *a) { return no_rm_s(ctx, a, RV_FOP_SGNJX); }
static bool trans_fmin_s(struct rv_ctx *ctx, const struct rv_args *a)   { return no_rm_s(ctx, a, RV_FOP_MIN); }
static bool trans_fmax_s(struct rv_ctx *ctx, const struct rv_args *a)   { return no_rm_s(ctx, a, RV_FOP_MAX); }

/* comparisons and fclass write an x register */
static bool to_x_s(struct rv_ctx *ctx, const struct rv_args *a, enum rv_fpu_op op, unsigned n_src)
{
    return rv_fpu_emit(ctx, a, op, false, n_src, RV_FPU_F, RV_FPU_X, false);
}

static bool trans_feq_s(struct rv_ctx *ctx, const struct rv_args *a)    { return to_x_s(ctx, a, RV_FOP_EQ, 2); }
static bool trans_flt_s(struct rv_ctx *ctx, const struct rv_args *a)    { return to_x_s(ctx, a, RV_FOP_LT, 2); }
static bool trans_fle_s(struct rv_ctx *ctx, const struct rv_args *a)    { return to_x_s(ctx, a, RV_FOP_LE, 2); }
static bool trans_fclass_s(struct rv_ctx *ctx, const struct rv_args *a) { return to_x_s(ctx, a, RV_FOP_CLASS, 1); }

static bool cvt_to_int_s(struct rv_ctx *ctx, const struct rv_args *a, enum rv_fpu_op op)
{
    return rv_fpu_emit(ctx, a, op, false, 1, RV_FPU_F, RV_FPU_X, true);
}

static bool cvt_from_int_s(struct rv_ctx *ctx, const struct rv_args *a, enum rv_fpu_op op)
{
    return rv_fpu_emit(ctx, a, op, false, 1, RV_FPU_X, RV_FPU_F, true);
}

static bool trans_fcvt_w_s(struct rv_ctx *ctx, const struct rv_args *a)  { return cvt_to_int_s(ctx, a, RV_FOP_TO_W); }
static bool trans_fcvt_wu_s(struct rv_ctx *ctx, const struct rv_args *a) { return cvt_to_int_s(ctx, a, RV_FOP_TO_WU); }
static bool trans_fcvt_l_s(struct rv_ctx *ctx, const struct rv_args *a)  { return cvt_to_int_s(ctx, a, RV_FOP_TO_L); }
static bool trans_fcvt_lu_s(struct rv_ctx *ctx, const struct rv_args *a) { return cvt_to_int_s(ctx, a, RV_FOP_TO_LU); }
static bool trans_fcvt_s_w(struct rv_ctx *ctx, const struct rv_args *a)  { return cvt_from_int_s(ctx, a, RV_FOP_FROM_W); }
static bool trans_fcvt_s_wu(struct rv_ctx *ctx, const struct rv_args *a) { return cvt_from_int_s(ctx, a, RV_FOP_FROM_WU); }
static bool trans_fcvt_s_l(struct rv_ctx *ctx, const struct rv_args *a)  { return cvt_from_int_s(ctx, a, RV_FOP_FROM_L); }
static bool trans_fcvt_s_lu(struct rv_ctx *ctx, const struct rv_args *a) { return cvt_from_int_s(ctx, a, RV_FOP_FROM_LU); }

/* fmv.x.w copies bits 31:0 sign-extended, with no unboxing check */
static bool trans_fmv_x_w(struct rv_ctx *ctx, const struct rv_args *a)
{
    ir_ext(ctx->b, rv_xreg_dest(ctx, a->rd), RV_F(a->rs1), 2, true);
    return true;
}

static bool trans_fmv_w_x(struct rv_ctx *ctx, const struct rv_args *a)
{
    ir_binopi(ctx->b, IR_ori, RV_F(a->rd), rv_xreg_read(ctx, a->rs1), (int64_t)RV_NAN_BOX);
    return true;
}

/* OP-FP (0x53) match bits for a funct7 value */
#define OPFP(funct7)  ((uint32_t)(funct7) << 25 | 0x53)
#define RS2(n)        ((uint32_t)(n) << 20)
#define FUNCT3(n)     ((uint32_t)(n) << 12)

enum {
    MASK_R     = 0xfe00007f,  /* funct7 + opcode; rm free */
    MASK_R_RS2 = 0xfff0007f,  /* also rs2 fixed (unary ops, conversions) */
    MASK_R_F3  = 0xfe00707f,  /* funct3 selects the op */
    MASK_R_ALL = 0xfff0707f,  /* rs2 and funct3 fixed */
    MASK_R4    = 0x0600007f,  /* fmt + opcode */
    MASK_LDST  = 0x0000707f,
};

static const struct rv_pattern f_patterns[] = {
    { MASK_LDST,  0x00002007, "flw",       rv_decode_i,  trans_flw },
    { MASK_LDST,  0x00002027, "fsw",       rv_decode_s,  trans_fsw },
    { MASK_R4,    0x00000043, "fmadd.s",   rv_decode_r4, trans_fmadd_s },
    { MASK_R4,    0x00000047, "fmsub.s",   rv_decode_r4, trans_fmsub_s },
    { MASK_R4,    0x0000004b, "fnmsub.s",  rv_decode_r4, trans_fnmsub_s },
    { MASK_R4,    0x0000004f, "fnmadd.s",  rv_decode_r4, trans_fnmadd_s },
    { MASK_R,     OPFP(0x00), "fadd.s",    rv_decode_r,  trans_fadd_s },
    { MASK_R,     OPFP(0x04), "fsub.s",    rv_decode_r,  trans_fsub_s },
    { MASK_R,     OPFP(0x08), "fmul.s",    rv_decode_r,  trans_fmul_s },
    { MASK_R,     OPFP(0x0c), "fdiv.s",    rv_decode_r,  trans_fdiv_s },
    { MASK_R_RS2, OPFP(0x2c), "fsqrt.s",   rv_decode_r,  trans_fsqrt_s },
    { MASK_R_F3,  OPFP(0x10) | FUNCT3(0), "fsgnj.s",  rv_decode_r, trans_fsgnj_s },
    { MASK_R_F3,  OPFP(0x10) | FUNCT3(1), "fsgnjn.s", rv_decode_r, trans_fsgnjn_s },
    { MASK_R_F3,  OPFP(0x10) | FUNCT3(2), "fsgnjx.s", rv_decode_r, trans_fsgnjx_s },
    { MASK_R_F3,  OPFP(0x14) | FUNCT3(0), "fmin.s",   rv_decode_r, trans_fmin_s },
    { MASK_R_F3,  OPFP(0x14) | FUNCT3(1), "fmax.s",   rv_decode_r, trans_fmax_s },
    { MASK_R_RS2, OPFP(0x60) | RS2(0), "fcvt.w.s",  rv_decode_r, trans_fcvt_w_s },
    { MASK_R_RS2, OPFP(0x60) | RS2(1), "fcvt.wu.s", rv_decode_r, trans_fcvt_wu_s },
    { MASK_R_RS2, OPFP(0x60) | RS2(2), "fcvt.l.s",  rv_decode_r, trans_fcvt_l_s },
    { MASK_R_RS2, OPFP(0x60) | RS2(3), "fcvt.lu.s", rv_decode_r, trans_fcvt_lu_s },
    { MASK_R_ALL, OPFP(0x70) | FUNCT3(0), "fmv.x.w",  rv_decode_r, trans_fmv_x_w },
    { MASK_R_F3,  OPFP(0x50) | FUNCT3(2), "feq.s",    rv_decode_r, trans_feq_s },
    { MASK_R_F3,  OPFP(0x50) | FUNCT3(1), "flt.s",    rv_decode_r, trans_flt_s },
    { MASK_R_F3,  OPFP(0x50) | FUNCT3(0), "fle.s",    rv_decode_r, trans_fle_s },
    { MASK_R_ALL, OPFP(0x70) | FUNCT3(1), "fclass.s", rv_decode_r, trans_fclass_s },
    { MASK_R_RS2, OPFP(0x68) | RS2(0), "fcvt.s.w",  rv_decode_r, trans_fcvt_s_w },
    { MASK_R_RS2, OPFP(0x68) | RS2(1), "fcvt.s.wu", rv_decode_r, trans_fcvt_s_wu },
    { MASK_R_RS2, OPFP(0x68) | RS2(2), "fcvt.s.l",  rv_decode_r, trans_fcvt_s_l },
    { MASK_R_RS2, OPFP(0x68) | RS2(3), "fcvt.s.lu", rv_decode_r, trans_fcvt_s_lu },
    { MASK_R_ALL, OPFP(0x78) | FUNCT3(0), "fmv.w.x",  rv_decode_r, trans_fmv_w_x },
};

const struct rv_pattern_table rv_f_table = {
    .ext = "F",
    .patterns = f_patterns,
    .count = sizeof f_patterns / sizeof f_patterns[0],
    .compressed = false,
};
