/*
 * RV64A: LR/SC and AMOs become ld_link / st_cond / amo IR ops; their
 * atomicity and reservation rules live in the exclusive monitor
 * (shared/DESIGN.md rule 2), never here.
 *
 * The aq/rl bits become IR fences around the op, with only the ordering
 * bits the spec asks for: rl orders every earlier access before the op's
 * own accesses, aq orders the op's accesses before every later one.  A
 * backend whose atomics are already full barriers (x86 locked ops) may
 * drop them.
 */
#include "frontend/riscv/rv.h"

enum { ACC_READ = 1, ACC_WRITE = 2 };   /* which accesses an op makes */

static unsigned fence_bits(unsigned pred, unsigned succ)
{
    unsigned bits = 0;
    if ((pred & ACC_READ) && (succ & ACC_READ))   bits |= IR_FENCE_R_R;
    if ((pred & ACC_READ) && (succ & ACC_WRITE))  bits |= IR_FENCE_R_W;
    if ((pred & ACC_WRITE) && (succ & ACC_READ))  bits |= IR_FENCE_W_R;
    if ((pred & ACC_WRITE) && (succ & ACC_WRITE)) bits |= IR_FENCE_W_W;
    return bits;
}

static void release_fence(struct rv_ctx *ctx, const struct rv_args *a, unsigned op_access)
{
    if (a->rl)
        ir_fence(ctx->b, fence_bits(ACC_READ | ACC_WRITE, op_access));
}

static void acquire_fence(struct rv_ctx *ctx, const struct rv_args *a, unsigned op_access)
{
    if (a->aq)
        ir_fence(ctx->b, fence_bits(op_access, ACC_READ | ACC_WRITE));
}

/* size: 2 for .w, 3 for .d; .w results are sign-extended */
static unsigned result_size(unsigned size)
{
    return size == 2 ? (2 | IR_MEM_SIGNED) : size;
}

static bool gen_lr(struct rv_ctx *ctx, const struct rv_args *a, unsigned size)
{
    release_fence(ctx, a, ACC_READ);
    ir_ld_link(ctx->b, rv_xreg_dest(ctx, a->rd), rv_xreg_read(ctx, a->rs1), result_size(size));
    acquire_fence(ctx, a, ACC_READ);
    return true;
}

static bool gen_sc(struct rv_ctx *ctx, const struct rv_args *a, unsigned size)
{
    /* st_cond's result (0 ok, 1 failed) is exactly RISC-V's rd value */
    release_fence(ctx, a, ACC_WRITE);
    ir_st_cond(ctx->b, rv_xreg_dest(ctx, a->rd), rv_xreg_read(ctx, a->rs1),
               rv_xreg_read(ctx, a->rs2), size);
    acquire_fence(ctx, a, ACC_WRITE);
    return true;
}

static bool gen_amo(struct rv_ctx *ctx, const struct rv_args *a, enum ir_amo kind, unsigned size)
{
    release_fence(ctx, a, ACC_READ | ACC_WRITE);
    ir_amo(ctx->b, kind, rv_xreg_dest(ctx, a->rd), rv_xreg_read(ctx, a->rs1),
           rv_xreg_read(ctx, a->rs2), result_size(size));
    acquire_fence(ctx, a, ACC_READ | ACC_WRITE);
    return true;
}

static bool trans_lr_w(struct rv_ctx *ctx, const struct rv_args *a) { return gen_lr(ctx, a, 2); }
static bool trans_lr_d(struct rv_ctx *ctx, const struct rv_args *a) { return gen_lr(ctx, a, 3); }
static bool trans_sc_w(struct rv_ctx *ctx, const struct rv_args *a) { return gen_sc(ctx, a, 2); }
static bool trans_sc_d(struct rv_ctx *ctx, const struct rv_args *a) { return gen_sc(ctx, a, 3); }

static bool trans_amoswap_w(struct rv_ctx *ctx, const struct rv_args *a) { return gen_amo(ctx, a, IR_AMO_SWAP, 2); }
static bool trans_amoadd_w(struct rv_ctx *ctx, const struct rv_args *a)  { return gen_amo(ctx, a, IR_AMO_ADD, 2); }
static bool trans_amoxor_w(struct rv_ctx *ctx, const struct rv_args *a)  { return gen_amo(ctx, a, IR_AMO_XOR, 2); }
static bool trans_amoand_w(struct rv_ctx *ctx, const struct rv_args *a)  { return gen_amo(ctx, a, IR_AMO_AND, 2); }
static bool trans_amoor_w(struct rv_ctx *ctx, const struct rv_args *a)   { return gen_amo(ctx, a, IR_AMO_OR, 2); }
static bool trans_amomin_w(struct rv_ctx *ctx, const struct rv_args *a)  { return gen_amo(ctx, a, IR_AMO_MIN, 2); }
static bool trans_amomax_w(struct rv_ctx *ctx, const struct rv_args *a)  { return gen_amo(ctx, a, IR_AMO_MAX, 2); }
static bool trans_amominu_w(struct rv_ctx *ctx, const struct rv_args *a) { return gen_amo(ctx, a, IR_AMO_MINU, 2); }
static bool trans_amomaxu_w(struct rv_ctx *ctx, const struct rv_args *a) { return gen_amo(ctx, a, IR_AMO_MAXU, 2); }

static bool trans_amoswap_d(struct rv_ctx *ctx, const struct rv_args *a) { return gen_amo(ctx, a, IR_AMO_SWAP, 3); }
static bool trans_amoadd_d(struct rv_ctx *ctx, const struct rv_args *a)  { return gen_amo(ctx, a, IR_AMO_ADD, 3); }
static bool trans_amoxor_d(struct rv_ctx *ctx, const struct rv_args *a)  { return gen_amo(ctx, a, IR_AMO_XOR, 3); }
static bool trans_amoand_d(struct rv_ctx *ctx, const struct rv_args *a)  { return gen_amo(ctx, a, IR_AMO_AND, 3); }
static bool trans_amoor_d(struct rv_ctx *ctx, const struct rv_args *a)   { return gen_amo(ctx, a, IR_AMO_OR, 3); }
static bool trans_amomin_d(struct rv_ctx *ctx, const struct rv_args *a)  { return gen_amo(ctx, a, IR_AMO_MIN, 3); }
static bool trans_amomax_d(struct rv_ctx *ctx, const struct rv_args *a)  { return gen_amo(ctx, a, IR_AMO_MAX, 3); }
static bool trans_amominu_d(struct rv_ctx *ctx, const struct rv_args *a) { return gen_amo(ctx, a, IR_AMO_MINU, 3); }
static bool trans_amomaxu_d(struct rv_ctx *ctx, const struct rv_args *a) { return gen_amo(ctx, a, IR_AMO_MAXU, 3); }

/* funct5 | aq | rl | rs2 | rs1 | funct3 | rd | opcode; aq/rl are free */
#define MASK_AMO 0xf800707fu
#define MASK_LR  0xf9f0707fu   /* also fixes rs2 = 0: lr with rs2 != 0 is reserved */

static const struct rv_pattern patterns[] = {
    { MASK_LR,  0x1000202f, "lr.w",      rv_decode_r, trans_lr_w },
    { MASK_AMO, 0x1800202f, "sc.w",      rv_decode_r, trans_sc_w },
    { MASK_AMO, 0x0800202f, "amoswap.w", rv_decode_r, trans_amoswap_w },
    { MASK_AMO, 0x0000202f, "amoadd.w",  rv_decode_r, trans_amoadd_w },
    { MASK_AMO, 0x2000202f, "amoxor.w",  rv_decode_r, trans_amoxor_w },
    { MASK_AMO, 0x6000202f, "amoand.w",  rv_decode_r, trans_amoand_w },
    { MASK_AMO, 0x4000202f, "amoor.w",   rv_decode_r, trans_amoor_w },
    { MASK_AMO, 0x8000202f, "amomin.w",  rv_decode_r, trans_amomin_w },
    { MASK_AMO, 0xa000202f, "amomax.w",  rv_decode_r, trans_amomax_w },
    { MASK_AMO, 0xc000202f, "amominu.w", rv_decode_r, trans_amominu_w },
    { MASK_AMO, 0xe000202f, "amomaxu.w", rv_decode_r, trans_amomaxu_w },

    { MASK_LR,  0x1000302f, "lr.d",      rv_decode_r, trans_lr_d },
    { MASK_AMO, 0x1800302f, "sc.d",      rv_decode_r, trans_sc_d },
    { MASK_AMO, 0x0800302f, "amoswap.d", rv_decode_r, trans_amoswap_d },
    { MASK_AMO, 0x0000302f, "amoadd.d",  rv_decode_r, trans_amoadd_d },
    { MASK_AMO, 0x2000302f, "amoxor.d",  rv_decode_r, trans_amoxor_d },
    { MASK_AMO, 0x6000302f, "amoand.d",  rv_decode_r, trans_amoand_d },
    { MASK_AMO, 0x4000302f, "amoor.d",   rv_decode_r, trans_amoor_d },
    { MASK_AMO, 0x8000302f, "amomin.d",  rv_decode_r, trans_amomin_d },
    { MASK_AMO, 0xa000302f, "amomax.d",  rv_decode_r, trans_amomax_d },
    { MASK_AMO, 0xc000302f, "amominu.d", rv_decode_r, trans_amominu_d },
    { MASK_AMO, 0xe000302f, "amomaxu.d", rv_decode_r, trans_amomaxu_d },
};

const struct rv_pattern_table rv_a_table = {
    "A", patterns, sizeof(patterns) / sizeof(patterns[0]), false
};
