/*
 * tandem's target-neutral IR.
 *
 * A block is a straight-line list of ir_insn ending in one terminator
 * (goto_pc, goto_ind or exit); brcond is a conditional side exit.
 * Values live in 64-bit "slots":
 *   slots [0, IR_NUM_GLOBALS)  the guest register file (struct vcpu.regs),
 *                              persistent across blocks;
 *   slots [IR_NUM_GLOBALS, ..) block-local temporaries.
 * Front-ends decide what each global means (RISC-V: x0..x31, f0..f31).
 * Backends know nothing of the guest beyond this file.
 *
 * Concurrency: an ir_block is built and read by one thread only; a
 * translated block (struct tb, exec/tb_cache.h) keeps an immutable copy.
 */
#ifndef TANDEM_IR_H
#define TANDEM_IR_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct vcpu;

enum ir_op {
#define IR_OP(name, nout, nin, flags, desc) IR_##name,
#include "ir/ir_ops.h"
#undef IR_OP
    IR_NUM_OPS
};

enum {
    IR_OPF_NONE        = 0,
    IR_OPF_MEM         = 1 << 0, /* touches guest memory */
    IR_OPF_MAY_FAULT   = 1 << 1, /* may raise a guest fault */
    IR_OPF_SIDE_EFFECT = 1 << 2, /* never removed by dead-code elimination */
    IR_OPF_BLOCK_END   = 1 << 3, /* terminator */
};

struct ir_op_info {
    const char *name;
    uint8_t n_out, n_in;
    uint16_t flags;
    const char *desc;
};
extern const struct ir_op_info ir_op_info[IR_NUM_OPS];

#define IR_NUM_GLOBALS 64
#define IR_MAX_TEMPS   1024
#define IR_NUM_SLOTS   (IR_NUM_GLOBALS + IR_MAX_TEMPS)
#define IR_SLOT_NONE   0xffff

/* size field of ld/st/ld_link/st_cond/amo/ext */
#define IR_SIZE_MASK   3        /* log2 of access width in bytes */
#define IR_MEM_SIGNED  4        /* sign-extend the loaded value */

/* size field of setcond/setcondi/brcond */
enum ir_cond { IR_EQ, IR_NE, IR_LT, IR_GE, IR_LTU, IR_GEU };

/* aux field of amo */
enum ir_amo { IR_AMO_SWAP, IR_AMO_ADD, IR_AMO_AND, IR_AMO_OR, IR_AMO_XOR,
              IR_AMO_MIN, IR_AMO_MAX, IR_AMO_MINU, IR_AMO_MAXU };

/* aux field of fence: which earlier accesses are ordered before which later ones */
enum { IR_FENCE_R_R = 1, IR_FENCE_R_W = 2, IR_FENCE_W_R = 4, IR_FENCE_W_W = 8,
       IR_FENCE_ALL = 15 };

/* size field of exit: why the block returns to the execution loop; aux holds
 * the instruction word for IR_EXIT_ILLEGAL */
enum ir_exit_reason {
    IR_EXIT_SYSCALL = 1,   /* environment call at imm; the OS layer resumes after it */
    IR_EXIT_BREAKPOINT,    /* ebreak / brk at imm */
    IR_EXIT_ILLEGAL,       /* illegal instruction at imm, word in aux */
    IR_EXIT_FETCH_FAULT,   /* instruction fetch from unmapped / non-exec memory at imm */
    IR_EXIT_FLUSH_CODE,    /* fence.i: flush the translation cache, resume at imm */
};

/*
 * Inline floating point (fadd .. fnmadd, see ir_ops.h).
 * size: IR_FP_SINGLE values are binary32 in the low half of a slot with
 * the upper half all ones ("NaN-boxed"; the helper decides what an
 * unboxed operand means), and results are boxed; IR_FP_DOUBLE values are
 * binary64.  A backend may skip the helper and use the host's
 * round-to-nearest-even result only when all of these hold:
 *   - the op is static, or vcpu.frm == IR_FRM_NEAREST_EVEN;
 *   - single operands are boxed;
 *   - either the result is finite with magnitude >= 2 * the smallest
 *     normal (biased exponent >= 2) and vcpu.fflags already holds
 *     IR_FFLAG_INEXACT: no flag can be new; or the host accrues exactly
 *     the IEEE flags this op raises (tininess after rounding) where the
 *     owner of vcpu.fflags collects them (x86: MXCSR, exec/host_fpflags.h);
 *   - a NaN result is replaced by the canonical NaN, and an fma whose
 *     result is a NaN goes to the helper (inf * 0 + qNaN is invalid here).
 * Comparisons (feq, flt, fle) need only boxed single operands, plus
 * either no NaN operand, or host flags accrued as above with invalid on
 * any NaN for flt/fle and on signaling NaNs only for feq.
 */
enum { IR_FP_SINGLE = 2, IR_FP_DOUBLE = 3, IR_FP_FORMAT = 3, IR_FP_DYN_RM = 8 };
#define IR_FFLAG_INEXACT     1u   /* bit of vcpu.fflags */
#define IR_FRM_NEAREST_EVEN  0u   /* value of vcpu.frm */

/* A C helper called by IR_call. It may read and write cpu fields other
 * than the slots (regs); it receives register values as arguments. */
typedef uint64_t (*ir_helper_fn)(struct vcpu *cpu, uint64_t a, uint64_t b,
                                 uint64_t c, uint32_t aux);

struct ir_insn {
    uint8_t op;      /* enum ir_op */
    uint8_t size;    /* memory size | IR_MEM_SIGNED, enum ir_cond, or exit reason */
    uint16_t dst, a, b, c;
    uint32_t aux;    /* enum ir_amo, fence bits, helper aux, illegal insn word */
    int64_t imm;     /* immediate, target pc, helper pointer, insn word */
};

struct ir_block {
    uint64_t pc;          /* guest pc of the first instruction */
    uint64_t end_pc;      /* guest pc just past the last instruction */
    uint32_t n_guest;     /* guest instructions translated */
    uint32_t n, cap;      /* insns used / allocated */
    uint16_t next_temp;   /* next free temporary slot */
    struct ir_insn *insns;
};

void ir_block_init(struct ir_block *b, uint64_t pc);
void ir_block_free(struct ir_block *b);

/* Allocate a fresh temporary slot. */
uint16_t ir_temp(struct ir_block *b);

/* Builders. Each returns the emitted instruction so callers can patch it. */
struct ir_insn *ir_emit(struct ir_block *b, enum ir_op op, uint16_t dst,
                        uint16_t a, uint16_t bb, int64_t imm);
void ir_insn_start(struct ir_block *b, uint64_t pc);
void ir_movi(struct ir_block *b, uint16_t dst, int64_t imm);
void ir_mov(struct ir_block *b, uint16_t dst, uint16_t a);
void ir_binop(struct ir_block *b, enum ir_op op, uint16_t dst, uint16_t a, uint16_t bb);
void ir_binopi(struct ir_block *b, enum ir_op op, uint16_t dst, uint16_t a, int64_t imm);
void ir_setcond(struct ir_block *b, enum ir_cond cond, uint16_t dst, uint16_t a, uint16_t bb);
void ir_setcondi(struct ir_block *b, enum ir_cond cond, uint16_t dst, uint16_t a, int64_t imm);
void ir_ext(struct ir_block *b, uint16_t dst, uint16_t a, unsigned size_log2, bool is_signed);
void ir_load(struct ir_block *b, uint16_t dst, uint16_t addr, int64_t offset, unsigned size);
void ir_store(struct ir_block *b, uint16_t val, uint16_t addr, int64_t offset, unsigned size);
void ir_ld_link(struct ir_block *b, uint16_t dst, uint16_t addr, unsigned size);
void ir_st_cond(struct ir_block *b, uint16_t dst, uint16_t addr, uint16_t val, unsigned size);
void ir_amo(struct ir_block *b, enum ir_amo kind, uint16_t dst, uint16_t addr, uint16_t val, unsigned size);
void ir_fence(struct ir_block *b, unsigned bits);
void ir_clear_link(struct ir_block *b);
void ir_call(struct ir_block *b, ir_helper_fn fn, uint16_t dst, uint16_t a,
             uint16_t bb, uint16_t c, uint32_t aux);
/* The same with flags in size: IR_CALL_KEEPS_FP says the helper never
 * touches the host's floating-point / vector registers (it is built that
 * way), so a backend that keeps guest values in them need not save them. */
enum { IR_CALL_KEEPS_FP = 1 };
void ir_call_flags(struct ir_block *b, ir_helper_fn fn, unsigned flags, uint16_t dst,
                   uint16_t a, uint16_t bb, uint16_t c, uint32_t aux);
/* fadd .. fle: size = IR_FP_SINGLE / IR_FP_DOUBLE | IR_FP_DYN_RM; the
 * exact helper fn with its aux defines the result (unused sources:
 * IR_SLOT_NONE). */
void ir_fp(struct ir_block *b, enum ir_op op, unsigned size, ir_helper_fn fn, uint16_t dst,
           uint16_t a, uint16_t bb, uint16_t c, uint32_t aux);
void ir_brcond(struct ir_block *b, enum ir_cond cond, uint16_t a, uint16_t bb, uint64_t target);
void ir_note_side_exits(struct ir_block *b);   /* after translation: brcond aux */
void ir_goto_pc(struct ir_block *b, uint64_t target);
void ir_goto_ind(struct ir_block *b, uint16_t a);
/* exit with a reason; for IR_EXIT_ILLEGAL, word is the instruction bits */
void ir_exit(struct ir_block *b, enum ir_exit_reason why, uint64_t pc, uint32_t word);

/* True if the last emitted insn is a terminator. */
bool ir_block_ended(const struct ir_block *b);

/* Check structural invariants; returns NULL or a description of the first problem. */
const char *ir_validate(const struct ir_block *b);

/* Print one insn / a whole block, one insn per line. */
void ir_print_insn(FILE *f, const struct ir_insn *i);
void ir_print_block(FILE *f, const struct ir_block *b);

#endif
