/*
 * RV64D: double-precision floating point.  Same shape as rv_f.c; doubles
 * fill the whole 64-bit f register, so moves and sign injection are plain
 * IR bit operations, and only arithmetic calls rv_fpu_helper.
 */
#include "exec/vcpu.h"
#include "frontend/riscv/rv_fpu.h"

#define SIGN_D ((int64_t)(1ull << 63))

bool trans_fld(struct rv_ctx *ctx, const struct rv_args *a)
{
    ir_load(ctx->b, RV_F(a->rd), rv_xreg_read(ctx, a->rs1), a->imm, 3);
    return true;
}

bool trans_fsd(struct rv_ctx *ctx, const struct rv_args *a)
{
    ir_store(ctx->b, RV_F(a->rs2), rv_xreg_read(ctx, a->rs1), a->imm, 3);
    return true;
}

static bool arith_d(struct rv_ctx *ctx, const struct rv_args *a, enum rv_fpu_op op, unsigned n_src)
{
    return rv_fpu_emit(ctx, a, op, true, n_src, RV_FPU_F, RV_FPU_F, true);
}

static bool fma_d(struct rv_ctx *ctx, const struct rv_args *a, enum rv_fpu_op op)
{
    return arith_d(ctx, a, op, 3);
}

static bool trans_fmadd_d(struct rv_ctx *ctx, const struct rv_args *a)  { return fma_d(ctx, a, RV_FOP_MADD); }
static bool trans_fmsub_d(struct rv_ctx *ctx, const struct rv_args *a)  { return fma_d(ctx, a, RV_FOP_MSUB); }
static bool trans_fnmsub_d(struct rv_ctx *ctx, const struct rv_args *a) { return fma_d(ctx, a, RV_FOP_NMSUB); }
static bool trans_fnmadd_d(struct rv_ctx *ctx, const struct rv_args *a) { return fma_d(ctx, a, RV_FOP_NMADD); }

static bool trans_fadd_d(struct rv_ctx *ctx, const struct rv_args *a)  { return arith_d(ctx, a, RV_FOP_ADD, 2); }
static bool trans_fsub_d(struct rv_ctx *ctx, const struct rv_args *a)  { return arith_d(ctx, a, RV_FOP_SUB, 2); }
static bool trans_fmul_d(struct rv_ctx *ctx, const struct rv_args *a)  { return arith_d(ctx, a, RV_FOP_MUL, 2); }
static bool trans_fdiv_d(struct rv_ctx *ctx, const struct rv_args *a)  { return arith_d(ctx, a, RV_FOP_DIV, 2); }
static bool trans_fsqrt_d(struct rv_ctx *ctx, const struct rv_args *a) { return arith_d(ctx, a, RV_FOP_SQRT, 1); }

/*
 * Sign injection: rd = (rs1 & ~SIGN) | sign, where sign is rs2's sign,
 * its complement, or rs1's sign xor rs2's.  Temporaries first, since rd
 * may be rs1 or rs2 (fmv.d, fneg.d and fabs.d are these).
 */
static bool sign_inject_d(struct rv_ctx *ctx, const struct rv_args *a, enum rv_fpu_op op)
{
    struct ir_block *b = ctx->b;
    uint16_t magnitude = ir_temp(b), sign = ir_temp(b);

    ir_binopi(b, IR_andi, magnitude, RV_F(a->rs1), ~SIGN_D);
    ir_binopi(b, IR_andi, sign, RV_F(a->rs2), SIGN_D);
    if (op == RV_FOP_SGNJN) {
        ir_binopi(b, IR_xori, sign, sign, SIGN_D);
    } else if (op == RV_FOP_SGNJX) {
        uint16_t sign1 = ir_temp(b);
        ir_binopi(b, IR_andi, sign1, RV_F(a->rs1), SIGN_D);
        ir_binop(b, IR_xor, sign, sign, sign1);
    }
    ir_binop(b, IR_or, RV_F(a->rd), magnitude, sign);
    return true;
}

static bool trans_fsgnj_d(struct rv_ctx *ctx, const struct rv_args *a)  { return sign_inject_d(ctx, a, RV_FOP_SGNJ); }
static bool trans_fsgnjn_d(struct rv_ctx *ctx, const struct rv_args *a) { return sign_inject_d(ctx, a, RV_FOP_SGNJN); }
static bool trans_fsgnjx_d(struct rv_ctx *ctx, const struct rv_args *a) { return sign_inject_d(ctx, a, RV_FOP_SGNJX); }

static bool trans_fmin_d(struct rv_ctx *ctx, const struct rv_args *a)
{
    return rv_fpu_emit(ctx, a, RV_FOP_MIN, true, 2, RV_FPU_F, RV_FPU_F, false);
}

static bool trans_fmax_d(struct rv_ctx *ctx, const struct rv_args *a)
{
    return rv_fpu_emit(ctx, a, RV_FOP_MAX, true, 2, RV_FPU_F, RV_FPU_F, false);
}

/* fcvt.s.d rounds; fcvt.d.s is exact but still has an rm field (5, 6 and
 * a bad DYN are illegal, as for every op with one) */
static bool trans_fcvt_s_d(struct rv_ctx *ctx, const struct rv_args *a)
{
    return rv_fpu_emit(ctx, a, RV_FOP_CVT_S_D, true, 1, RV_FPU_F, RV_FPU_F, true);
}

static bool trans_fcvt_d_s(struct rv_ctx *ctx, const struct rv_args *a)
{
    return rv_fpu_emit(ctx, a, RV_FOP_CVT_D_S, true, 1, RV_FPU_F, RV_FPU_F, true);
}

static bool to_x_d(struct rv_ctx *ctx, const struct rv_args *a, enum rv_fpu_op op, unsigned n_src)
{
    return rv_fpu_emit(ctx, a, op, true, n_src, RV_FPU_F, RV_FPU_X, false);
}

static bool trans_feq_d(struct rv_ctx *ctx, const struct rv_args *a)    { return to_x_d(ctx, a, RV_FOP_EQ, 2); }
static bool trans_flt_d(struct rv_ctx *ctx, const struct rv_args *a)    { return to_x_d(ctx, a, RV_FOP_LT, 2); }
static bool trans_fle_d(struct rv_ctx *ctx, const struct rv_args *a)    { return to_x_d(ctx, a, RV_FOP_LE, 2); }
static bool trans_fclass_d(struct rv_ctx *ctx, const struct rv_args *a) { return to_x_d(ctx, a, RV_FOP_CLASS, 1); }

static bool cvt_to_int_d(struct rv_ctx *ctx, const struct rv_args *a, enum rv_fpu_op op)
{
    return rv_fpu_emit(ctx, a, op, true, 1, RV_FPU_F, RV_FPU_X, true);
}

static bool cvt_from_int_d(struct rv_ctx *ctx, const struct rv_args *a, enum rv_fpu_op op)
{
    return rv_fpu_emit(ctx, a, op, true, 1, RV_FPU_X, RV_FPU_F, true);
}

static bool trans_fcvt_w_d(struct rv_ctx *ctx, const struct rv_args *a)  { return cvt_to_int_d(ctx, a, RV_FOP_TO_W); }
static bool trans_fcvt_wu_d(struct rv_ctx *ctx, const struct rv_args *a) { return cvt_to_int_d(ctx, a, RV_FOP_TO_WU); }
static bool trans_fcvt_l_d(struct rv_ctx *ctx, const struct rv_args *a)  { return cvt_to_int_d(ctx, a, RV_FOP_TO_L); }
static bool trans_fcvt_lu_d(struct rv_ctx *ctx, const struct rv_args *a) { return cvt_to_int_d(ctx, a, RV_FOP_TO_LU); }
static bool trans_fcvt_d_w(struct rv_ctx *ctx, const struct rv_args *a)  { return cvt_from_int_d(ctx, a, RV_FOP_FROM_W); }
static bool trans_fcvt_d_wu(struct rv_ctx *ctx, const struct rv_args *a) { return cvt_from_int_d(ctx, a, RV_FOP_FROM_WU); }
static bool trans_fcvt_d_l(struct rv_ctx *ctx, const struct rv_args *a)  { return cvt_from_int_d(ctx, a, RV_FOP_FROM_L); }
static bool trans_fcvt_d_lu(struct rv_ctx *ctx, const struct rv_args *a) { return cvt_from_int_d(ctx, a, RV_FOP_FROM_LU); }

static bool trans_fmv_x_d(struct rv_ctx *ctx, const struct rv_args *a)
{
    ir_mov(ctx->b, rv_xreg_dest(ctx, a->rd), RV_F(a->rs1));
    return true;
}

static bool trans_fmv_d_x(struct rv_ctx *ctx, const struct rv_args *a)
{
    ir_mov(ctx->b, RV_F(a->rd), rv_xreg_read(ctx, a->rs1));
    return true;
}

/* OP-FP (0x53) match bits for a funct7 value */
#define OPFP(funct7)  ((uint32_t)(funct7) << 25 | 0x53)
#define RS2(n)        ((uint32_t)(n) << 20)
#define FUNCT3(n)     ((uint32_t)(n) << 12)
#define FMT_D         (1u << 25)          /* fmt field of R4 ops */

enum {
    MASK_R     = 0xfe00007f,  /* funct7 + opcode; rm free */
    MASK_R_RS2 = 0xfff0007f,  /* also rs2 fixed (unary ops, conversions) */
    MASK_R_F3  = 0xfe00707f,  /* funct3 selects the op */
    MASK_R_ALL = 0xfff0707f,  /* rs2 and funct3 fixed */
    MASK_R4    = 0x0600007f,  /* fmt + opcode */
    MASK_LDST  = 0x0000707f,
};

static const struct rv_pattern d_patterns[] = {
    { MASK_LDST,  0x00003007, "fld",       rv_decode_i,  trans_fld },
    { MASK_LDST,  0x00003027, "fsd",       rv_decode_s,  trans_fsd },
    { MASK_R4,    0x00000043 | FMT_D, "fmadd.d",  rv_decode_r4, trans_fmadd_d },
    { MASK_R4,    0x00000047 | FMT_D, "fmsub.d",  rv_decode_r4, trans_fmsub_d },
    { MASK_R4,    0x0000004b | FMT_D, "fnmsub.d", rv_decode_r4, trans_fnmsub_d },
    { MASK_R4,    0x0000004f | FMT_D, "fnmadd.d", rv_decode_r4, trans_fnmadd_d },
    { MASK_R,     OPFP(0x01), "fadd.d",    rv_decode_r,  trans_fadd_d },
    { MASK_R,     OPFP(0x05), "fsub.d",    rv_decode_r,  trans_fsub_d },
    { MASK_R,     OPFP(0x09), "fmul.d",    rv_decode_r,  trans_fmul_d },
    { MASK_R,     OPFP(0x0d), "fdiv.d",    rv_decode_r,  trans_fdiv_d },
    { MASK_R_RS2, OPFP(0x2d), "fsqrt.d",   rv_decode_r,  trans_fsqrt_d },
    { MASK_R_F3,  OPFP(0x11) | FUNCT3(0), "fsgnj.d",  rv_decode_r, trans_fsgnj_d },
    { MASK_R_F3,  OPFP(0x11) | FUNCT3(1), "fsgnjn.d", rv_decode_r, trans_fsgnjn_d },
    { MASK_R_F3,  OPFP(0x11) | FUNCT3(2), "fsgnjx.d", rv_decode_r, trans_fsgnjx_d },
    { MASK_R_F3,  OPFP(0x15) | FUNCT3(0), "fmin.d",   rv_decode_r, trans_fmin_d },
    { MASK_R_F3,  OPFP(0x15) | FUNCT3(1), "fmax.d",   rv_decode_r, trans_fmax_d },
    { MASK_R_RS2, OPFP(0x20) | RS2(1), "fcvt.s.d",  rv_decode_r, trans_fcvt_s_d },
    { MASK_R_RS2, OPFP(0x21) | RS2(0), "fcvt.d.s",  rv_decode_r, trans_fcvt_d_s },
    { MASK_R_F3,  OPFP(0x51) | FUNCT3(2), "feq.d",    rv_decode_r, trans_feq_d },
    { MASK_R_F3,  OPFP(0x51) | FUNCT3(1), "flt.d",    rv_decode_r, trans_flt_d },
    { MASK_R_F3,  OPFP(0x51) | FUNCT3(0), "fle.d",    rv_decode_r, trans_fle_d },
    { MASK_R_ALL, OPFP(0x71) | FUNCT3(1), "fclass.d", rv_decode_r, trans_fclass_d },
    { MASK_R_RS2, OPFP(0x61) | RS2(0), "fcvt.w.d",  rv_decode_r, trans_fcvt_w_d },
    { MASK_R_RS2, OPFP(0x61) | RS2(1), "fcvt.wu.d", rv_decode_r, trans_fcvt_wu_d },
    { MASK_R_RS2, OPFP(0x61) | RS2(2), "fcvt.l.d",  rv_decode_r, trans_fcvt_l_d },
    { MASK_R_RS2, OPFP(0x61) | RS2(3), "fcvt.lu.d", rv_decode_r, trans_fcvt_lu_d },
    { MASK_R_RS2, OPFP(0x69) | RS2(0), "fcvt.d.w",  rv_decode_r, trans_fcvt_d_w },
    { MASK_R_RS2, OPFP(0x69) | RS2(1), "fcvt.d.wu", rv_decode_r, trans_fcvt_d_wu },
    { MASK_R_RS2, OPFP(0x69) | RS2(2), "fcvt.d.l",  rv_decode_r, trans_fcvt_d_l },
    { MASK_R_RS2, OPFP(0x69) | RS2(3), "fcvt.d.lu", rv_decode_r, trans_fcvt_d_lu },
    { MASK_R_ALL, OPFP(0x71) | FUNCT3(0), "fmv.x.d",  rv_decode_r, trans_fmv_x_d },
    { MASK_R_ALL, OPFP(0x79) | FUNCT3(0), "fmv.d.x",  rv_decode_r, trans_fmv_d_x },
};

const struct rv_pattern_table rv_d_table = {
    .ext = "D",
    .patterns = d_patterns,
    .count = sizeof d_patterns / sizeof d_patterns[0],
    .compressed = false,
};
