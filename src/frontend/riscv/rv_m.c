/*
 * RV64M: multiply and divide.  The IR's div/rem ops have RISC-V's total
 * semantics (x/0 = -1, x%0 = x, MIN/-1 = MIN, MIN%-1 = 0), so no guard
 * is needed; the W forms use the _32 ops, which sign-extend the result.
 */
#include "frontend/riscv/rv.h"

static bool gen_muldiv(struct rv_ctx *ctx, const struct rv_args *a, enum ir_op op)
{
    ir_binop(ctx->b, op, rv_xreg_dest(ctx, a->rd),
             rv_xreg_read(ctx, a->rs1), rv_xreg_read(ctx, a->rs2));
    return true;
}

static bool trans_mul(struct rv_ctx *ctx, const struct rv_args *a)    { return gen_muldiv(ctx, a, IR_mul); }
static bool trans_mulh(struct rv_ctx *ctx, const struct rv_args *a)   { return gen_muldiv(ctx, a, IR_mulh); }
static bool trans_mulhsu(struct rv_ctx *ctx, const struct rv_args *a) { return gen_muldiv(ctx, a, IR_mulhsu); }
static bool trans_mulhu(struct rv_ctx *ctx, const struct rv_args *a)  { return gen_muldiv(ctx, a, IR_mulhu); }
static bool trans_div(struct rv_ctx *ctx, const struct rv_args *a)    { return gen_muldiv(ctx, a, IR_div); }
static bool trans_divu(struct rv_ctx *ctx, const struct rv_args *a)   { return gen_muldiv(ctx, a, IR_divu); }
static bool trans_rem(struct rv_ctx *ctx, const struct rv_args *a)    { return gen_muldiv(ctx, a, IR_rem); }
static bool trans_remu(struct rv_ctx *ctx, const struct rv_args *a)   { return gen_muldiv(ctx, a, IR_remu); }

static bool trans_mulw(struct rv_ctx *ctx, const struct rv_args *a)   { return gen_muldiv(ctx, a, IR_mul_32); }
static bool trans_divw(struct rv_ctx *ctx, const struct rv_args *a)   { return gen_muldiv(ctx, a, IR_div_32); }
static bool trans_divuw(struct rv_ctx *ctx, const struct rv_args *a)  { return gen_muldiv(ctx, a, IR_divu_32); }
static bool trans_remw(struct rv_ctx *ctx, const struct rv_args *a)   { return gen_muldiv(ctx, a, IR_rem_32); }
static bool trans_remuw(struct rv_ctx *ctx, const struct rv_args *a)  { return gen_muldiv(ctx, a, IR_remu_32); }

#define MASK_F7 0xfe00707fu

static const struct rv_pattern patterns[] = {
    { MASK_F7, 0x02000033, "mul",    rv_decode_r, trans_mul },
    { MASK_F7, 0x02001033, "mulh",   rv_decode_r, trans_mulh },
    { MASK_F7, 0x02002033, "mulhsu", rv_decode_r, trans_mulhsu },
    { MASK_F7, 0x02003033, "mulhu",  rv_decode_r, trans_mulhu },
    { MASK_F7, 0x02004033, "div",    rv_decode_r, trans_div },
    { MASK_F7, 0x02005033, "divu",   rv_decode_r, trans_divu },
    { MASK_F7, 0x02006033, "rem",    rv_decode_r, trans_rem },
    { MASK_F7, 0x02007033, "remu",   rv_decode_r, trans_remu },
    { MASK_F7, 0x0200003b, "mulw",   rv_decode_r, trans_mulw },
    { MASK_F7, 0x0200403b, "divw",   rv_decode_r, trans_divw },
    { MASK_F7, 0x0200503b, "divuw",  rv_decode_r, trans_divuw },
    { MASK_F7, 0x0200603b, "remw",   rv_decode_r, trans_remw },
    { MASK_F7, 0x0200703b, "remuw",  rv_decode_r, trans_remuw },
};

const struct rv_pattern_table rv_m_table = {
    "M", patterns, sizeof(patterns) / sizeof(patterns[0]), false
};
