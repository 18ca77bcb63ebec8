/*
 * Zifencei: fence.i leaves the block so the execution loop can flush the
 * translation cache (exec/tb_cache.h) before the next instruction runs;
 * code this hart wrote is then translated afresh.
 */
#include "frontend/riscv/rv.h"

static bool trans_fence_i(struct rv_ctx *ctx, const struct rv_args *a)
{
    ir_exit(ctx->b, IR_EXIT_FLUSH_CODE, ctx->pc + 4, 0);
    ctx->ended = true;
    return true;
}

static const struct rv_pattern patterns[] = {
    /* rd, rs1 and imm are reserved for future use and ignored, per the spec */
    { 0x0000707f, 0x0000100f, "fence.i", rv_decode_i, trans_fence_i },
};

const struct rv_pattern_table rv_zifencei_table = {
    "Zifencei", patterns, sizeof(patterns) / sizeof(patterns[0]), false
};
