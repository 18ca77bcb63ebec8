/* IR construction, validation and printing; everything comes from ir_ops.h. */
#include "ir/ir.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "util/diag.h"

const struct ir_op_info ir_op_info[IR_NUM_OPS] = {
#define IR_OP(name, nout, nin, flags, desc) [IR_##name] = { #name, nout, nin, flags, desc },
#include "ir/ir_ops.h"
#undef IR_OP
};

void ir_block_init(struct ir_block *b, uint64_t pc)
{
    memset(b, 0, sizeof(*b));
    b->pc = pc;
    b->end_pc = pc;
    b->next_temp = IR_NUM_GLOBALS;
    b->cap = 256;
    b->insns = malloc(b->cap * sizeof(*b->insns));
    if (!b->insns)
        die(TANDEM_EXIT_INTERNAL, "out of memory building IR");
}

void ir_block_free(struct ir_block *b)
{
    free(b->insns);
    b->insns = NULL;
}

uint16_t ir_temp(struct ir_block *b)
{
    if (b->next_temp >= IR_NUM_SLOTS)
        die(TANDEM_EXIT_INTERNAL, "IR block at 0x%" PRIx64 " needs too many temporaries", b->pc);
    return b->next_temp++;
}

struct ir_insn *ir_emit(struct ir_block *b, enum ir_op op, uint16_t dst,
                        uint16_t a, uint16_t bb, int64_t imm)
{
    if (b->n == b->cap) {
        b->cap *= 2;
        b->insns = realloc(b->insns, b->cap * sizeof(*b->insns));
        if (!b->insns)
            die(TANDEM_EXIT_INTERNAL, "out of memory building IR");
    }
    struct ir_insn *i = &b->insns[b->n++];
    *i = (struct ir_insn){ .op = op, .dst = dst, .a = a, .b = bb,
                           .c = IR_SLOT_NONE, .imm = imm };
    return i;
}

void ir_insn_start(struct ir_block *b, uint64_t pc)
{
    ir_emit(b, IR_insn_start, IR_SLOT_NONE, IR_SLOT_NONE, IR_SLOT_NONE, (int64_t)pc);
}

void ir_movi(struct ir_block *b, uint16_t dst, int64_t imm)
{
    ir_emit(b, IR_movi, dst, IR_SLOT_NONE, IR_SLOT_NONE, imm);
}

void ir_mov(struct ir_block *b, uint16_t dst, uint16_t a)
{
    ir_emit(b, IR_mov, dst, a, IR_SLOT_NONE, 0);
}

void ir_binop(struct ir_block *b, enum ir_op op, uint16_t dst, uint16_t a, uint16_t bb)
{
    ir_emit(b, op, dst, a, bb, 0);
}

void ir_binopi(struct ir_block *b, enum ir_op op, uint16_t dst, uint16_t a, int64_t imm)
{
    ir_emit(b, op, dst, a, IR_SLOT_NONE, imm);
}

void ir_setcond(struct ir_block *b, enum ir_cond cond, uint16_t dst, uint16_t a, uint16_t bb)
{
    ir_emit(b, IR_setcond, dst, a, bb, 0)->size = cond;
}

void ir_setcondi(struct ir_block *b, enum ir_cond cond, uint16_t dst, uint16_t a, int64_t imm)
{
    ir_emit(b, IR_setcondi, dst, a, IR_SLOT_NONE, imm)->size = cond;
}

void ir_ext(struct ir_block *b, uint16_t dst, uint16_t a, unsigned size_log2, bool is_signed)
{
    ir_emit(b, IR_ext, dst, a, IR_SLOT_NONE, 0)->size = size_log2 | (is_signed ? IR_MEM_SIGNED : 0);
}

void ir_load(struct ir_block *b, uint16_t dst, uint16_t addr, int64_t offset, unsigned size)
{
    ir_emit(b, IR_ld, dst, addr, IR_SLOT_NONE, offset)->size = size;
}

void ir_store(struct ir_block *b, uint16_t val, uint16_t addr, int64_t offset, unsigned size)
{
    ir_emit(b, IR_st, IR_SLOT_NONE, addr, val, offset)->size = size;
}

void ir_ld_link(struct ir_block *b, uint16_t dst, uint16_t addr, unsigned size)
{
    ir_emit(b, IR_ld_link, dst, addr, IR_SLOT_NONE, 0)->size = size;
}

void ir_st_cond(struct ir_block *b, uint16_t dst, uint16_t addr, uint16_t val, unsigned size)
{
    ir_emit(b, IR_st_cond, dst, addr, val, 0)->size = size;
}

void ir_amo(struct ir_block *b, enum ir_amo kind, uint16_t dst, uint16_t addr, uint16_t val, unsigned size)
{
    struct ir_insn *i = ir_emit(b, IR_amo, dst, addr, val, 0);
    i->size = size;
    i->aux = kind;
}

void ir_fence(struct ir_block *b, unsigned bits)
{
    ir_emit(b, IR_fence, IR_SLOT_NONE, IR_SLOT_NONE, IR_SLOT_NONE, 0)->aux = bits;
}

void ir_clear_link(struct ir_block *b)
{
    ir_emit(b, IR_clear_link, IR_SLOT_NONE, IR_SLOT_NONE, IR_SLOT_NONE, 0);
}

void ir_call_flags(struct ir_block *b, ir_helper_fn fn, unsigned flags, uint16_t dst,
                   uint16_t a, uint16_t bb, uint16_t c, uint32_t aux)
{
    struct ir_insn *i = ir_emit(b, IR_call, dst, a, bb, (int64_t)(intptr_t)fn);
    i->c = c;
    i->aux = aux;
    i->size = (uint8_t)flags;
}

void ir_call(struct ir_block *b, ir_helper_fn fn, uint16_t dst, uint16_t a,
             uint16_t bb, uint16_t c, uint32_t aux)
{
    ir_call_flags(b, fn, 0, dst, a, bb, c, aux);
}

void ir_fp(struct ir_block *b, enum ir_op op, unsigned size, ir_helper_fn fn, uint16_t dst,
           uint16_t a, uint16_t bb, uint16_t c, uint32_t aux)
{
    struct ir_insn *i = ir_emit(b, op, dst, a, bb, (int64_t)(intptr_t)fn);
    i->c = c;
    i->size = (uint8_t)size;
    i->aux = aux;
}

/* brcond's aux: the guest instructions after it in the block, which a
 * taken side exit takes back from the count that --stats keeps per block */
void ir_note_side_exits(struct ir_block *b)
{
    uint32_t after = 0;
    for (uint32_t k = b->n; k-- > 0;) {
        if (b->insns[k].op == IR_insn_start)
            after++;
        else if (b->insns[k].op == IR_brcond)
            b->insns[k].aux = after;
    }
}

void ir_brcond(struct ir_block *b, enum ir_cond cond, uint16_t a, uint16_t bb, uint64_t target)
{
    ir_emit(b, IR_brcond, IR_SLOT_NONE, a, bb, (int64_t)target)->size = cond;
}

void ir_goto_pc(struct ir_block *b, uint64_t target)
{
    ir_emit(b, IR_goto_pc, IR_SLOT_NONE, IR_SLOT_NONE, IR_SLOT_NONE, (int64_t)target);
}

void ir_goto_ind(struct ir_block *b, uint16_t a)
{
    ir_emit(b, IR_goto_ind, IR_SLOT_NONE, a, IR_SLOT_NONE, 0);
}

void ir_exit(struct ir_block *b, enum ir_exit_reason why, uint64_t pc, uint32_t word)
{
    struct ir_insn *i = ir_emit(b, IR_exit, IR_SLOT_NONE, IR_SLOT_NONE, IR_SLOT_NONE, (int64_t)pc);
    i->size = why;
    i->aux = word;
}

bool ir_block_ended(const struct ir_block *b)
{
    return b->n && (ir_op_info[b->insns[b->n - 1].op].flags & IR_OPF_BLOCK_END);
}

static bool slot_ok(uint16_t s) { return s < IR_NUM_SLOTS; }

const char *ir_validate(const struct ir_block *b)
{
    if (!ir_block_ended(b))
        return "block does not end with a terminator";
    for (uint32_t k = 0; k < b->n; k++) {
        const struct ir_insn *i = &b->insns[k];
        if (i->op >= IR_NUM_OPS)
            return "unknown op";
        const struct ir_op_info *info = &ir_op_info[i->op];
        if ((info->flags & IR_OPF_BLOCK_END) && k != b->n - 1)
            return "terminator in the middle of a block";
        if (info->n_out && !slot_ok(i->dst) && !(i->op == IR_call && i->dst == IR_SLOT_NONE))
            return "bad destination slot";
        if (info->n_out && i->dst == 0)
            return "write to slot 0, which must stay zero";
        const uint16_t in[3] = { i->a, i->b, i->c };
        unsigned n_in = info->n_in;
        if (i->op == IR_call)
            n_in = 0; /* helper arguments are optional */
        for (unsigned j = 0; j < n_in; j++)
            if (!slot_ok(in[j]))
                return "bad source slot";
    }
    return NULL;
}

static const char *const cond_names[] = { "eq", "ne", "lt", "ge", "ltu", "geu" };

static void print_slot(FILE *f, uint16_t s)
{
    if (s == IR_SLOT_NONE)
        fputs("-", f);
    else if (s < IR_NUM_GLOBALS)
        fprintf(f, "g%u", s);
    else
        fprintf(f, "t%u", s - IR_NUM_GLOBALS);
}

void ir_print_insn(FILE *f, const struct ir_insn *i)
{
    const struct ir_op_info *info = &ir_op_info[i->op];
    if (i->op == IR_insn_start) {
        fprintf(f, " ---- 0x%" PRIx64 "\n", (uint64_t)i->imm);
        return;
    }
    fprintf(f, "    %-10s", info->name);
    bool first = true;
    if (info->n_out) {
        print_slot(f, i->dst);
        first = false;
    }
    const uint16_t in[3] = { i->a, i->b, i->c };
    for (unsigned j = 0; j < info->n_in; j++) {
        fputs(first ? "" : ", ", f);
        print_slot(f, in[j]);
        first = false;
    }
    switch (i->op) {
    case IR_setcond: case IR_setcondi: case IR_brcond:
        fprintf(f, " %s", cond_names[i->size % 6]);
        break;
    case IR_ld: case IR_st: case IR_ld_link: case IR_st_cond: case IR_amo: case IR_ext:
        fprintf(f, " size=%u%s", 1u << (i->size & IR_SIZE_MASK), (i->size & IR_MEM_SIGNED) ? "s" : "");
        if (i->op == IR_amo)
            fprintf(f, " amo=%u", i->aux);
        break;
    case IR_exit:
        fprintf(f, " reason=%u aux=0x%x", i->size, i->aux);
        break;
    case IR_fence: case IR_call:
        fprintf(f, " aux=0x%x", i->aux);
        break;
    case IR_fadd: case IR_fsub: case IR_fmul: case IR_fdiv: case IR_fsqrt:
    case IR_fmadd: case IR_fmsub: case IR_fnmsub: case IR_fnmadd:
    case IR_feq: case IR_flt: case IR_fle:
        fprintf(f, " %s%s aux=0x%x", (i->size & IR_FP_FORMAT) == IR_FP_DOUBLE ? "d" : "s",
                (i->size & IR_FP_DYN_RM) ? " dyn" : "", i->aux);
        break;
    default:
        break;
    }
    if (i->imm || i->op == IR_movi || i->op == IR_goto_pc || i->op == IR_brcond)
        fprintf(f, " imm=0x%" PRIx64, (uint64_t)i->imm);
    fputc('\n', f);
}

void ir_print_block(FILE *f, const struct ir_block *b)
{
    fprintf(f, "IR block 0x%" PRIx64 "..0x%" PRIx64 " (%u guest insns, %u ops)\n",
            b->pc, b->end_pc, b->n_guest, b->n);
    for (uint32_t k = 0; k < b->n; k++)
        ir_print_insn(f, &b->insns[k]);
}
