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

#define SIGN_S 0x80000000ull

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

/* fsgnj family on a single or double; the sign comes from b. */
static uint64_t sign_inject(enum rv_fpu_op op, uint64_t a, uint64_t b, uint64_t sign)
{
    uint64_t s = b & sign;
    if (op == RV_FOP_SGNJN)
        s ^= sign;
    else if (op == RV_FOP_SGNJX)
        s ^= a & sign;
    return (a & ~sign) | s;
}

static uint64_t compute(enum rv_fpu_op op, const struct fp_format *f, uint64_t a, uint64_t b,
                        uint64_t c, int rm, uint32_t *fl)
{
    uint64_t sign = f == &fp_double ? 1ull << 63 : SIGN_S;

    switch (op) {
    case RV_FOP_ADD:   return fp_add(f, a, b, rm, fl);
    case RV_FOP_SUB:   return fp_add(f, a, b ^ sign, rm, fl);
    case RV_FOP_MUL:   return fp_mul(f, a, b, rm, fl);
    case RV_FOP_DIV:   return fp_div(f, a, b, rm, fl);
    case RV_FOP_SQRT:  return fp_sqrt(f, a, rm, fl);
    /* the negations flip the product or addend sign, as the spec defines them */
    case RV_FOP_MADD:  return fp_fma(f, a, b, c, rm, fl);
    case RV_FOP_MSUB:  return fp_fma(f, a, b, c ^ sign, rm, fl);
    case RV_FOP_NMSUB: return fp_fma(f, a ^ sign, b, c, rm, fl);
    case RV_FOP_NMADD: return fp_fma(f, a ^ sign, b, c ^ sign, rm, fl);
    case RV_FOP_SGNJ: case RV_FOP_SGNJN: case RV_FOP_SGNJX:
        return sign_inject(op, a, b, sign);
    case RV_FOP_MIN:   return fp_min(f, a, b, fl);
    case RV_FOP_MAX:   return fp_max(f, a, b, fl);
    case RV_FOP_EQ:    return fp_eq(f, a, b, fl);
    case RV_FOP_LT:    return fp_lt(f, a, b, fl);
    case RV_FOP_LE:    return fp_le(f, a, b, fl);
    case RV_FOP_CLASS: return fp_class(f, a);
    case RV_FOP_TO_W:  return fp_to_int(f, a, 32, true, rm, fl);
    case RV_FOP_TO_WU: return fp_to_int(f, a, 32, false, rm, fl);
    case RV_FOP_TO_L:  return fp_to_int(f, a, 64, true, rm, fl);
    case RV_FOP_TO_LU: return fp_to_int(f, a, 64, false, rm, fl);
    case RV_FOP_FROM_W:  return fp_from_int(f, a, 32, true, rm, fl);
    case RV_FOP_FROM_WU: return fp_from_int(f, a, 32, false, rm, fl);
    case RV_FOP_FROM_L:  return fp_from_int(f, a, 64, true, rm, fl);
    case RV_FOP_FROM_LU: return fp_from_int(f, a, 64, false, rm, fl);
    case RV_FOP_CVT_S_D: return fp_convert(&fp_single, &fp_double, a, rm, fl);
    case RV_FOP_CVT_D_S: return fp_convert(&fp_double, &fp_single, a, rm, fl);
    }
    return 0;
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
    uint64_t r = compute(op, f, a, b, c, rm, &flags);
    if (out_single && !writes_x(op))
        r |= RV_NAN_BOX;
    cpu->fflags |= flags;
    return r;
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
    ir_call(ctx->b, rv_fpu_helper, dst, src[0], src[1], src[2], rv_fpu_aux(op, is_double, rm));
    return true;
}
