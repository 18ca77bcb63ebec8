/*
 * IR optimisation for one block (see ir_opt.h):
 *   1. forward: track slots holding known constants (from movi); fold
 *      ALU ops whose inputs are all known into movi, and turn register
 *      forms with one known operand into immediate forms;
 *      slot 0 (x0) always reads as zero;
 *   2. backward: delete pure ops (no side effect, no memory access, no
 *      possible fault) that write a temporary nobody reads afterwards, or
 *      a guest register that a later op overwrites before anything reads
 *      it or could leave the block or fault (guest registers are live at
 *      every exit and must be exact at every fault);
 *   3. `shli t, x, 1..3` right before `add d, t, y` (or y, t), where t
 *      dies there (d is t, or t is a temporary read by nothing later),
 *      becomes `addsh d, y, x`: array indexing in one host instruction.
 * Folding evaluates exactly what the interpreter does.
 */
#include "ir/ir_opt.h"
#include "ir/ir_semantics.h"

#include <stdbool.h>
#include <string.h>




/* Division is not folded: it is rare with constant operands and its
 * total semantics are easy to get subtly wrong twice. */
static bool fold(const struct ir_insn *i, uint64_t a, uint64_t b, uint64_t *out)
{
    switch ((enum ir_op)i->op) {
    case IR_add: case IR_addi:     *out = a + b; return true;
    case IR_sub:                   *out = a - b; return true;
    case IR_and: case IR_andi:     *out = a & b; return true;
    case IR_or:  case IR_ori:      *out = a | b; return true;
    case IR_xor: case IR_xori:     *out = a ^ b; return true;
    case IR_shl: case IR_shli:     *out = a << (b & 63); return true;
    case IR_shr: case IR_shri:     *out = a >> (b & 63); return true;
    case IR_sar: case IR_sari:     *out = (uint64_t)((int64_t)a >> (b & 63)); return true;
    case IR_mul:                   *out = a * b; return true;
    case IR_setcond: case IR_setcondi: *out = ir_cond_holds(i->size, a, b); return true;
    case IR_add_32: case IR_addi_32: *out = ir_sext32(a + b); return true;
    case IR_sub_32:                *out = ir_sext32(a - b); return true;
    case IR_shl_32: case IR_shli_32: *out = ir_sext32((uint32_t)a << (b & 31)); return true;
    case IR_shr_32: case IR_shri_32: *out = ir_sext32((uint32_t)a >> (b & 31)); return true;
    case IR_sar_32: case IR_sari_32: *out = ir_sext32((uint32_t)((int32_t)a >> (b & 31))); return true;
    case IR_mul_32:                *out = ir_sext32((uint32_t)a * (uint32_t)b); return true;
    case IR_ext:                   *out = ir_extend(a, i->size); return true;
    default:                       return false;
    }
}

/* The immediate form of a register op (b replaced by imm), or -1. */
static int imm_form(enum ir_op op)
{
    switch (op) {
    case IR_add: return IR_addi;      case IR_and: return IR_andi;
    case IR_or:  return IR_ori;       case IR_xor: return IR_xori;
    case IR_shl: return IR_shli;      case IR_shr: return IR_shri;
    case IR_sar: return IR_sari;      case IR_setcond: return IR_setcondi;
    case IR_add_32: return IR_addi_32; case IR_shl_32: return IR_shli_32;
    case IR_shr_32: return IR_shri_32; case IR_sar_32: return IR_sari_32;
    default: return -1;
    }
}

static bool is_commutative(enum ir_op op)
{
    return op == IR_add || op == IR_and || op == IR_or || op == IR_xor || op == IR_add_32;
}

static bool is_imm_op(enum ir_op op)
{
    return ir_op_info[op].n_in == 1 && ir_op_info[op].n_out == 1 && op != IR_mov && op != IR_ext &&
           !(ir_op_info[op].flags & (IR_OPF_MEM | IR_OPF_SIDE_EFFECT));
}

static void make_movi(struct ir_insn *i, uint64_t v)
{
    uint16_t dst = i->dst;
    *i = (struct ir_insn){ .op = IR_movi, .dst = dst, .a = IR_SLOT_NONE, .b = IR_SLOT_NONE,
                           .c = IR_SLOT_NONE, .imm = (int64_t)v };
}

/* A 64-bit immediate op that returns its operand unchanged. */
static bool is_identity(const struct ir_insn *i)
{
    switch ((enum ir_op)i->op) {
    case IR_addi: case IR_ori: case IR_xori:
        return i->imm == 0;
    case IR_shli: case IR_shri: case IR_sari:
        return (i->imm & 63) == 0;
    case IR_andi:
        return i->imm == -1;
    default:
        return false;
    }
}

static void propagate_constants(struct ir_insn *insns, unsigned n)
{
    static __thread bool known[IR_NUM_SLOTS];
    static __thread uint64_t val[IR_NUM_SLOTS];
    memset(known, 0, sizeof known);
    known[0] = true;   /* x0: never written, always zero */
    val[0] = 0;

    for (unsigned k = 0; k < n; k++) {
        struct ir_insn *i = &insns[k];
        enum ir_op op = (enum ir_op)i->op;
        const struct ir_op_info *info = &ir_op_info[op];
        uint64_t r;

        if (op == IR_movi) {
            known[i->dst] = true;
            val[i->dst] = (uint64_t)i->imm;
            continue;
        }
        if (op == IR_mov && known[i->a]) {
            make_movi(i, val[i->a]);
            known[i->dst] = true;
            val[i->dst] = (uint64_t)i->imm;
            continue;
        }
        if (info->n_out == 1 && info->n_in == 2 && !(info->flags & (IR_OPF_MEM | IR_OPF_SIDE_EFFECT))) {
            if (known[i->a] && known[i->b] && fold(i, val[i->a], val[i->b], &r)) {
                make_movi(i, r);
            } else if (known[i->b] && (op == IR_sub || op == IR_sub_32)) {
                /* a - c == a + (-c) modulo 2^64, and the low 32 bits agree */
                i->imm = (int64_t)(0 - val[i->b]);
                i->op = op == IR_sub ? IR_addi : IR_addi_32;
                i->b = IR_SLOT_NONE;
            } else if (known[i->b] && imm_form(op) >= 0) {
                i->imm = (int64_t)val[i->b];
                i->op = (uint8_t)imm_form(op);
                i->b = IR_SLOT_NONE;
            } else if (known[i->a] && is_commutative(op)) {
                i->imm = (int64_t)val[i->a];
                i->op = (uint8_t)imm_form(op);
                i->a = i->b;
                i->b = IR_SLOT_NONE;
            }
        } else if ((is_imm_op(op) || op == IR_ext) && known[i->a]) {
            if (fold(i, val[i->a], (uint64_t)i->imm, &r))
                make_movi(i, r);
        }

        if (is_identity(i)) {
            /* x + 0, x | 0, x ^ 0, x << 0, x & -1: a copy, which the
             * backends handle best */
            i->op = IR_mov;
            i->imm = 0;
        }
        if (info->n_out && i->dst != IR_SLOT_NONE) {
            known[i->dst] = i->op == IR_movi;
            val[i->dst] = (uint64_t)i->imm;
        }
    }
}

static bool is_pure(const struct ir_insn *i)
{
    const struct ir_op_info *info = &ir_op_info[i->op];
    return info->n_out == 1 && i->dst != IR_SLOT_NONE &&
           !(info->flags & (IR_OPF_SIDE_EFFECT | IR_OPF_MEM | IR_OPF_MAY_FAULT | IR_OPF_BLOCK_END));
}

static unsigned remove_dead(struct ir_insn *insns, unsigned n)
{
    static __thread bool live[IR_NUM_SLOTS];
    /* overwritten[g]: a later op writes guest register g, and nothing in
     * between reads g, may fault or may leave the block */
    bool overwritten[IR_NUM_GLOBALS];
    memset(live, 0, sizeof live);
    memset(overwritten, 0, sizeof overwritten);
    bool dead[n ? n : 1];
    for (unsigned k = n; k-- > 0;) {
        struct ir_insn *i = &insns[k];
        const struct ir_op_info *info = &ir_op_info[i->op];
        bool pure = is_pure(i);
        dead[k] = pure && (i->dst >= IR_NUM_GLOBALS ? !live[i->dst] : overwritten[i->dst]);
        if (dead[k])
            continue;
        if (info->flags != IR_OPF_NONE)
            memset(overwritten, 0, sizeof overwritten);
        if (info->n_out && i->dst != IR_SLOT_NONE) {
            live[i->dst] = false;
            if (i->dst < IR_NUM_GLOBALS && info->flags == IR_OPF_NONE)
                overwritten[i->dst] = true;
        }
        const uint16_t in[3] = { i->a, i->b, i->c };
        for (unsigned j = 0; j < info->n_in; j++) {
            if (in[j] == IR_SLOT_NONE)
                continue;
            live[in[j]] = true;
            if (in[j] < IR_NUM_GLOBALS)
                overwritten[in[j]] = false;
        }
    }
    unsigned m = 0;
    for (unsigned k = 0; k < n; k++)
        if (!dead[k])
            insns[m++] = insns[k];
    return m;
}

static bool read_after(const struct ir_insn *insns, unsigned n, unsigned from, uint16_t slot)
{
    for (unsigned k = from; k < n; k++) {
        const uint16_t in[3] = { insns[k].a, insns[k].b, insns[k].c };
        for (unsigned j = 0; j < ir_op_info[insns[k].op].n_in; j++)
            if (in[j] == slot)
                return true;
        if (ir_op_info[insns[k].op].n_out && insns[k].dst == slot)
            return false;
    }
    return false;
}

static unsigned fuse_shift_add(struct ir_insn *insns, unsigned n)
{
    unsigned m = 0;
    for (unsigned k = 0; k < n; k++) {
        struct ir_insn *s = &insns[k];
        unsigned j = k + 1;
        while (j < n && insns[j].op == IR_insn_start)
            j++;
        if (s->op == IR_shli && s->imm >= 1 && s->imm <= 3 && j < n && insns[j].op == IR_add) {
            struct ir_insn *a = &insns[j];
            uint16_t t = s->dst;
            bool left = a->a == t, right = a->b == t;
            bool dies = a->dst == t || (t >= IR_NUM_GLOBALS && !read_after(insns, n, j + 1, t));
            if (left != right && dies && s->a != IR_SLOT_NONE) {
                a->op = IR_addsh;
                a->a = left ? a->b : a->a;
                a->b = s->a;
                a->imm = s->imm;
                continue;   /* the shli goes */
            }
        }
        insns[m++] = *s;
    }
    return m;
}

unsigned ir_optimize(struct ir_insn *insns, unsigned n)
{
    propagate_constants(insns, n);
    n = remove_dead(insns, n);
    return fuse_shift_add(insns, n);
}
