/*
 * Checks ir_optimize (src/ir/ir_opt.c): constant folding gives the values
 * the interpreter's semantics define, register forms with a known operand
 * become immediate forms, dead temporaries disappear, and nothing with a
 * side effect or a possible fault is removed.
 */
#include <stdio.h>
#include <string.h>

#include "ir/ir.h"
#include "ir/ir_opt.h"

static int failures;

static void check(const char *what, bool ok)
{
    if (!ok) {
        printf("FAIL %s\n", what);
        failures++;
    }
}

/* the last insn writing slot dst, or NULL */
static const struct ir_insn *writer(const struct ir_block *b, unsigned n, uint16_t dst)
{
    const struct ir_insn *w = NULL;
    for (unsigned k = 0; k < n; k++)
        if (ir_op_info[b->insns[k].op].n_out && b->insns[k].dst == dst)
            w = &b->insns[k];
    return w;
}

static bool folds_to(const struct ir_block *b, unsigned n, uint16_t dst, uint64_t v)
{
    const struct ir_insn *w = writer(b, n, dst);
    return w && w->op == IR_movi && (uint64_t)w->imm == v;
}

int main(void)
{
    struct ir_block b;
    ir_block_init(&b, 0x1000);
    uint16_t t1 = ir_temp(&b), t2 = ir_temp(&b), t3 = ir_temp(&b), dead = ir_temp(&b);
    ir_insn_start(&b, 0x1000);
    ir_movi(&b, t1, 0x80000000);
    ir_movi(&b, t2, 1);
    ir_binop(&b, IR_add_32, 1, t1, t2);           /* sext32(0x80000001) */
    ir_binop(&b, IR_sub, 2, t2, t1);              /* 1 - 0x80000000 */
    ir_binop(&b, IR_sar_32, 3, t1, t2);           /* sext32(INT32_MIN >> 1) */
    ir_binop(&b, IR_shl, 4, t2, t1);              /* shift count masked: 1 << 0 */
    ir_setcond(&b, IR_LT, 5, t1, t2);             /* 0x80000000 < 1 signed: no */
    ir_ext(&b, 6, t1, 2, true);                   /* sext32(0x80000000) */
    ir_binop(&b, IR_add, 7, 20, t2);              /* unknown + 1 -> addi */
    ir_binop(&b, IR_sub, 8, 21, t2);              /* unknown - 1 -> addi -1 */
    ir_binop(&b, IR_xor, 9, t2, 22);              /* commutative swap -> xori */
    ir_binop(&b, IR_mul, dead, 23, 24);           /* result never read */
    ir_load(&b, t3, 25, 0, 3);                    /* may fault: kept though unused */
    ir_binop(&b, IR_div, 10, t1, t2);             /* division is not folded */
    ir_goto_pc(&b, 0x1004);

    unsigned n = ir_optimize(b.insns, b.n);
    check("add_32 folds with sign extension", folds_to(&b, n, 1, 0xffffffff80000001ull));
    check("sub folds", folds_to(&b, n, 2, 0xffffffff80000001ull));
    check("sar_32 folds", folds_to(&b, n, 3, 0xffffffffc0000000ull));
    check("shl masks the count", folds_to(&b, n, 4, 1));  /* 0x80000000 & 63 = 0 */
    check("setcond lt folds", folds_to(&b, n, 5, 0));
    check("ext folds", folds_to(&b, n, 6, 0xffffffff80000000ull));
    const struct ir_insn *w7 = writer(&b, n, 7), *w8 = writer(&b, n, 8), *w9 = writer(&b, n, 9);
    check("add with known b becomes addi", w7 && w7->op == IR_addi && w7->imm == 1 && w7->a == 20);
    check("sub with known b becomes addi -b", w8 && w8->op == IR_addi && w8->imm == -1 && w8->a == 21);
    check("xor with known a becomes xori", w9 && w9->op == IR_xori && w9->imm == 1 && w9->a == 22);
    check("dead pure temp removed", writer(&b, n, dead) == NULL);
    const struct ir_insn *wl = writer(&b, n, t3);
    check("load kept", wl && wl->op == IR_ld);
    const struct ir_insn *wd = writer(&b, n, 10);
    check("div kept", wd && wd->op == IR_div);
    check("terminator kept", n > 0 && b.insns[n - 1].op == IR_goto_pc);
    check("result still valid IR", (b.n = n, ir_validate(&b) == NULL));
    ir_block_free(&b);

    /* shli + add fuse when the shifted value dies at the add, never when
     * it lives on or the shift is too large for an x86 scale */
    ir_block_init(&b, 0x2000);
    uint16_t s1 = ir_temp(&b), s2 = ir_temp(&b), s3 = ir_temp(&b);
    ir_insn_start(&b, 0x2000);
    ir_binopi(&b, IR_shli, 15, 15, 2);            /* a5 <<= 2 */
    ir_insn_start(&b, 0x2004);
    ir_binop(&b, IR_add, 15, 15, 10);             /* a5 += a0: fuses, a5 dies */
    ir_binopi(&b, IR_shli, s1, 11, 3);
    ir_binop(&b, IR_add, 12, 13, s1);             /* temp dead after: fuses */
    ir_binopi(&b, IR_shli, s2, 11, 1);
    ir_binop(&b, IR_add, 14, s2, 13);
    ir_binop(&b, IR_add, 16, s2, 16);             /* s2 read again: no fusion */
    ir_binopi(&b, IR_shli, s3, 11, 4);
    ir_binop(&b, IR_add, 17, s3, 13);             /* shift 4: no fusion */
    ir_goto_pc(&b, 0x2008);
    n = ir_optimize(b.insns, b.n);
    const struct ir_insn *f15 = writer(&b, n, 15), *f12 = writer(&b, n, 12);
    const struct ir_insn *f14 = writer(&b, n, 14), *f17 = writer(&b, n, 17);
    check("shli+add on one register fuses",
          f15 && f15->op == IR_addsh && f15->a == 10 && f15->b == 15 && f15->imm == 2);
    check("shli+add through a dead temp fuses",
          f12 && f12->op == IR_addsh && f12->a == 13 && f12->b == 11 && f12->imm == 3);
    check("a shifted value read later stays", f14 && f14->op == IR_add && writer(&b, n, s2));
    check("shift by 4 stays", f17 && f17->op == IR_add && writer(&b, n, s3));
    check("fused IR still valid", (b.n = n, ir_validate(&b) == NULL));
    ir_block_free(&b);

    if (failures) {
        printf("jit_opt_test: %d failures\n", failures);
        return 1;
    }
    printf("jit_opt_test: all passed\n");
    return 0;
}
