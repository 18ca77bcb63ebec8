/*
 * Block translation: fetch, decode and translate guest instructions until
 * one of them ends the block.
 *
 * A block stops after a control transfer, an exit (ecall, ebreak,
 * fence.i, illegal instruction), RV_MAX_BLOCK_INSNS instructions, or
 * before an instruction that starts on another page than the block's
 * first one, or that straddles the page end: a block then depends on
 * one page's mapping (two only for a lone straddling instruction), so an
 * munmap of a later page cannot leave a stale block that runs its code.
 *
 * A direct jump (jal, j) to the same page does not stop it: the block
 * goes on at the target, unless that is the block's start (a loop the
 * JIT handles as such) or code the block already holds, up to
 * RV_MAX_SEGMENTS straight runs.  Code split by jumps (a switch case
 * that jumps back to its dispatch, a call to a leaf) becomes one block.
 */
#include "frontend/riscv/rv.h"
#include "mem/guest_mem.h"

#define RV_MAX_BLOCK_INSNS 64

uint16_t rv_xreg_read(struct rv_ctx *ctx, unsigned r)
{
    (void)ctx;
    return (uint16_t)r;   /* slot 0 (x0) always holds 0 */
}

uint16_t rv_xreg_dest(struct rv_ctx *ctx, unsigned r)
{
    /* x0 must stay 0, but the instruction's other effects (a load's
     * fault, a CSR write) still happen, so it writes a scratch temp. */
    return r == 0 ? ir_temp(ctx->b) : (uint16_t)r;
}

void rv_illegal(struct rv_ctx *ctx)
{
    ir_exit(ctx->b, IR_EXIT_ILLEGAL, ctx->pc, ctx->word);
    ctx->ended = true;
}

bool rv_block_holds(const struct rv_ctx *ctx, uint64_t pc)
{
    const struct rv_walk *w = ctx->walk;
    for (unsigned k = 0; w && k < w->n_seg; k++) {
        uint64_t end = k + 1 < w->n_seg ? w->seg_end[k] : ctx->pc + ctx->len;
        if (pc >= w->seg_start[k] && pc < end)
            return true;
    }
    return false;
}

bool rv_may_follow(const struct rv_ctx *ctx, uint64_t target)
{
    const struct rv_walk *w = ctx->walk;
    return w && w->n_seg < RV_MAX_SEGMENTS && target != w->start_pc &&
           target >> GUEST_PAGE_BITS == w->start_pc >> GUEST_PAGE_BITS &&
           !rv_block_holds(ctx, target);
}

void rv_end_block_goto(struct rv_ctx *ctx, uint64_t target)
{
    ir_goto_pc(ctx->b, target);
    ctx->ended = true;
}

/* Read the instruction at pc; false if any part of it is not executable. */
static bool fetch_insn(uint64_t pc, uint32_t *word, unsigned *len)
{
    uint16_t lo, hi;
    if (!guest_fetch16(pc, &lo))
        return false;
    if ((lo & 3) != 3) {
        *word = lo;
        *len = 2;
        return true;
    }
    if (!guest_fetch16(pc + 2, &hi))
        return false;
    *word = (uint32_t)hi << 16 | lo;
    *len = 4;
    return true;
}

/* Translate one instruction; true if the block goes on after it. */
static bool translate_one(struct ir_block *b, struct rv_walk *walk, uint64_t pc, uint32_t word,
                          unsigned len, uint64_t *next_pc)
{
    struct rv_ctx ctx = { .b = b, .walk = walk, .pc = pc, .word = word, .len = len,
                          .ended = false };
    struct rv_args args;

    ir_insn_start(b, pc);
    const struct rv_pattern *p = rv_lookup(word, len, &args);
    uint32_t mark = b->n;
    if (!p || !p->trans(&ctx, &args)) {
        b->n = mark;   /* drop anything a refusing trans emitted */
        ctx.next_pc = 0;
        rv_illegal(&ctx);
    }
    *next_pc = ctx.next_pc ? ctx.next_pc : pc + len;
    return !ctx.ended && !ir_block_ended(b);
}

void rv_translate_block(struct ir_block *b, uint64_t pc)
{
    uint64_t page = pc >> GUEST_PAGE_BITS;
    uint32_t word;
    unsigned len;

    b->pc = pc;
    b->n_guest = 0;
    struct rv_walk walk = { .start_pc = pc, .n_seg = 1, .seg_start = { pc } };
    for (;;) {
        if (!fetch_insn(pc, &word, &len)) {
            /* The first instruction faults now; a later one ends the
             * block so that the fault is raised when its pc runs. */
            if (b->n_guest == 0) {
                ir_insn_start(b, pc);
                ir_exit(b, IR_EXIT_FETCH_FAULT, pc, 0);
            } else {
                ir_goto_pc(b, pc);
            }
            break;
        }
        if (b->n_guest > 0 && (pc + len - 1) >> GUEST_PAGE_BITS != page) {
            /* an insn straddling the page end starts its own block */
            ir_goto_pc(b, pc);
            break;
        }
        uint64_t next;
        bool go_on = translate_one(b, &walk, pc, word, len, &next);
        b->n_guest++;
        if (next != pc + len) {
            /* a followed jump: this segment ends, one starts at next */
            walk.seg_end[walk.n_seg - 1] = pc + len;
            walk.seg_start[walk.n_seg++] = next;
        }
        pc = next;
        if (!go_on)
            break;
        if (b->n_guest >= RV_MAX_BLOCK_INSNS || pc >> GUEST_PAGE_BITS != page) {
            ir_goto_pc(b, pc);
            break;
        }
    }
    b->end_pc = pc;
}
