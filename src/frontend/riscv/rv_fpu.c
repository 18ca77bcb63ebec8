/*
 * The run-time side of RISC-V F and D: one IR helper that resolves the
 * rounding mode, unboxes single-precision operands, runs the soft-float
 * core and accrues fflags; plus the translation glue shared by rv_f.c and
 * rv_d.c.
 */
#include <signal.h>

#include "exec/exec.h"
#include "exec/vcpu.h"
#include "frontend/riscv/rv_fpu.h"

/* A single read from an f register: anything not NaN-boxed is the canonical NaN. */
static uint64_t unbox_s(uint64_t v)
{
    return (v & RV_NAN_BOX) == RV_NAN_BOX ? (uint32_t)v : fp_single.canonical_nan;
}

static int resolve_rm(struct vcpu *cpu, unsigned rm)
{
    if (rm == RV_RM_DYN)
        rm = cpu->frm;
    if (rm > RV_RM_RMM)
        guest_fatal_signal(cpu, SIGILL, "floating-point op with invalid rounding mode %u "
                           "(frm = %u)", rm, cpu->frm);
    return (int)rm;
}

static bool reads_x(enum rv_fpu_op op)
{
    return op >= RV_FOP_FROM_W && op <= RV_FOP_FROM_LU;
}

static bool writes_x(enum rv_fpu_op op)
{
    return (op >= RV_FOP_EQ && op <= RV_FOP_CLASS) || (op >= RV_FOP_TO_W && op <= RV_FOP_TO_LU);
}

uint64_t rv_fpu_helper(struct vcpu *cpu, uint64_t a, uint64_t b, uint64_t c, uint32_t aux)
{
    enum rv_fpu_op op = (enum rv_fpu_op)(aux & 0xff);
    bool is_double = (aux >> 8) & 1;
    int rm = resolve_rm(cpu, (aux >> 9) & 7);
    const struct fp_format *f = is_double ? &fp_double : &fp_single;
    /* which format the f-register operands and result are in */
    bool in_single = op == RV_FOP_CVT_D_S || (!is_double && op != RV_FOP_CVT_S_D);
    bool out_single = op == RV_FOP_CVT_S_D || (!is_double && op != RV_FOP_CVT_D_S);
    uint32_t flags = 0;

    if (in_single && !reads_x(op)) {
        a = unbox_s(a);
        b = unbox_s(b);
        c = unbox_s(c);
    }
    uint64_t r;
    if (!rv_fpu_compute_fast(op, is_double, a, b, c, rm, cpu->fflags, &r, &flags))
        r = rv_fpu_compute_soft(op, f, a, b, c, rm, &flags);
    if (out_single && !writes_x(op))
        r |= RV_NAN_BOX;
    cpu->fflags |= flags;
    return r;
}

/* The IR op for an arithmetic operation, or IR_call for none. */
static enum ir_op inline_fp_op(enum rv_fpu_op op)
{
    switch (op) {
    case RV_FOP_ADD:   return IR_fadd;
    case RV_FOP_SUB:   return IR_fsub;
    case RV_FOP_MUL:   return IR_fmul;
    case RV_FOP_DIV:   return IR_fdiv;
    case RV_FOP_SQRT:  return IR_fsqrt;
    case RV_FOP_MADD:  return IR_fmadd;
    case RV_FOP_MSUB:  return IR_fmsub;
    case RV_FOP_NMSUB: return IR_fnmsub;
    case RV_FOP_NMADD: return IR_fnmadd;
    case RV_FOP_EQ:    return IR_feq;
    case RV_FOP_LT:    return IR_flt;
    case RV_FOP_LE:    return IR_fle;
    default:           return IR_call;
    }
}

bool rv_fpu_emit(struct rv_ctx *ctx, const struct rv_args *a, enum rv_fpu_op op,
                 bool is_double, unsigned n_src, enum rv_fpu_operand src_kind,
                 enum rv_fpu_operand dst_kind, bool uses_rm)
{
    const uint8_t regs[3] = { a->rs1, a->rs2, a->rs3 };
    uint16_t src[3] = { IR_SLOT_NONE, IR_SLOT_NONE, IR_SLOT_NONE };
    unsigned rm = uses_rm ? a->rm : 0;

    if (uses_rm && (rm == 5 || rm == 6))
        return false;   /* reserved rounding modes */
    for (unsigned i = 0; i < n_src; i++)
        src[i] = src_kind == RV_FPU_X ? rv_xreg_read(ctx, regs[i]) : RV_F(regs[i]);
    uint16_t dst = dst_kind == RV_FPU_X ? rv_xreg_dest(ctx, a->rd) : RV_F(a->rd);
    ir_helper_fn fn = rv_fpu_pick_helper(op, is_double, rm);
    uint32_t aux = rv_fpu_aux(op, is_double, rm);
    enum ir_op fp_op = inline_fp_op(op);
    if (fp_op != IR_call && (rm == RV_RM_RNE || rm == RV_RM_DYN)) {
        /* the IR fp ops round to nearest-even, or in frm with IR_FP_DYN_RM
         * (comparisons have no rm field: rm is 0 for them);
         * the helper stays the definition for every other case */
        _Static_assert(RV_FF_NX == IR_FFLAG_INEXACT && RV_RM_RNE == IR_FRM_NEAREST_EVEN,
                       "fflags and frm use the IR's encoding");
        unsigned size = (is_double ? IR_FP_DOUBLE : IR_FP_SINGLE) | (rm == RV_RM_DYN ? IR_FP_DYN_RM : 0);
        ir_fp(ctx->b, fp_op, size, fn, dst, src[0], src[1], src[2], aux);
    } else {
        ir_call(ctx->b, fn, dst, src[0], src[1], src[2], aux);
    }
    return true;
}
