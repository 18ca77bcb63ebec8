/*
 * Random differential tests of the host fast paths against the exact
 * soft-float core (rv_fpu_soft.c):
 *   1. rv_fpu_compute_fast (rv_fpu_fast.c): wherever it answers, its
 *      result and fflags must equal the soft core's, for every op, both
 *      formats and the four host rounding modes;
 *   2. the specialised helpers of rv_fpu_quick.c: called like the JIT
 *      calls them, they must give the soft core's result and fflags; the
 *      general helper they fall back to is played here by a reference
 *      built on the soft core.
 * Operands mix random bit patterns with the edge cases (zeros,
 * infinities, NaNs, subnormals, the underflow and overflow boundaries,
 * integer limits, badly NaN-boxed singles).
 *
 * The files under test are compiled into the test directly: they need
 * nothing else, and unit.mk links no objects for tests it does not list.
 */
#include "../../src/frontend/riscv/rv_fpu_soft.c"
#include "../../src/frontend/riscv/rv_fpu_fast.c"
#include "../../src/frontend/riscv/rv_fpu_quick.c"

#include <stdio.h>
#include <stdlib.h>

static uint64_t rng = 0x9e3779b97f4a7c15ull;

static uint64_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

/* a float operand of format f, biased towards interesting values */
static uint64_t pick_float(const struct fp_format *f)
{
    bool dbl = f == &fp_double;
    uint64_t sign = next() & 1 ? sign_bit(f) : 0;
    uint64_t frac = next() & frac_mask(f);
    uint64_t emax = exp_all_ones(f);
    uint64_t e;
    switch (next() % 12) {
    case 0:  return sign;                                   /* zeros */
    case 1:  return sign | emax << f->frac_bits;            /* infinities */
    case 2:  return sign | emax << f->frac_bits | (frac ? frac : 1);   /* NaNs */
    case 3:  e = 0; break;                                  /* subnormals */
    case 4:  e = 1 + next() % 3; break;                     /* near the underflow edge */
    case 5:  e = emax - 1 - next() % 3; break;              /* near overflow */
    case 6:  e = (uint64_t)f->bias + next() % (dbl ? 66 : 34); break;   /* integer range */
    case 7:  e = (uint64_t)f->bias - 1 + next() % 3; frac &= ~0ull << (f->frac_bits - 3); break;
    case 8:  e = (uint64_t)f->bias + next() % 8; frac &= ~0ull << (f->frac_bits / 2); break;
    case 9:  e = f->bias / 2 + next() % 8; break;           /* products near the bottom */
    default: return next() & value_mask(f);                 /* anything */
    }
    return sign | e << f->frac_bits | frac;
}

static uint64_t pick_int(void)
{
    static const uint64_t edge[] = {
        0, 1, 2, 0x7fffffff, 0x80000000, 0xffffffff, 0x100000000ull,
        0x7fffffffffffffffull, 0x8000000000000000ull, 0xffffffffffffffffull,
        0x20000001, 0x1000001, 0x20000000000001ull, 0x7fffff8000000000ull,
    };
    switch (next() % 4) {
    case 0:  return edge[next() % (sizeof edge / sizeof edge[0])] + (next() % 3) - 1;
    case 1:  return next() >> (next() % 64);
    default: return next();
    }
}

static bool takes_int(enum rv_fpu_op op) { return op >= RV_FOP_FROM_W && op <= RV_FOP_FROM_LU; }

/* ---- the reference general helper for rv_fpu_quick.c ---- */

static long fallbacks;

static uint64_t ref_unbox(uint64_t v)
{
    return (v & RV_NAN_BOX) == RV_NAN_BOX ? (uint32_t)v : fp_single.canonical_nan;
}

/* rv_fpu_helper restricted to what the quick helpers cover: arithmetic,
 * fma and comparisons, rm never reserved */
uint64_t rv_fpu_helper(struct vcpu *cpu, uint64_t a, uint64_t b, uint64_t c, uint32_t aux)
{
    enum rv_fpu_op op = (enum rv_fpu_op)(aux & 0xff);
    bool dbl = (aux >> 8) & 1;
    unsigned rm = (aux >> 9) & 7;
    uint32_t flags = 0;
    fallbacks++;
    if (rm == RV_RM_DYN)
        rm = cpu->frm;
    if (!dbl) {
        a = ref_unbox(a);
        b = ref_unbox(b);
        c = ref_unbox(c);
    }
    uint64_t r = rv_fpu_compute_soft(op, dbl ? &fp_double : &fp_single, a, b, c, (int)rm, &flags);
    if (!dbl && op < RV_FOP_EQ)
        r |= RV_NAN_BOX;
    cpu->fflags |= flags;
    return r;
}

static long test_quick_helpers(long rounds)
{
    static const enum rv_fpu_op ops[] = {
        RV_FOP_ADD, RV_FOP_SUB, RV_FOP_MUL, RV_FOP_DIV, RV_FOP_SQRT,
        RV_FOP_MADD, RV_FOP_MSUB, RV_FOP_NMSUB, RV_FOP_NMADD,
        RV_FOP_EQ, RV_FOP_LT, RV_FOP_LE,
    };
    unsigned n_ops = sizeof ops / sizeof ops[0];
    static struct vcpu quick_cpu, ref_cpu;
    long failures = 0, quick_answers = 0;

    for (long k = 0; k < rounds; k++) {
        enum rv_fpu_op op = ops[k % n_ops];
        bool dbl = (k / n_ops) & 1;
        const struct fp_format *f = dbl ? &fp_double : &fp_single;
        unsigned rm = next() % 3 ? RV_RM_DYN : (unsigned)(next() % 5);
        uint32_t frm = next() % 3 ? RV_RM_RNE : (uint32_t)(next() % 5);
        uint32_t fflags = next() % 4 ? RV_FF_NX : (uint32_t)next() & 31;
        uint64_t v[3];
        for (int j = 0; j < 3; j++) {
            v[j] = pick_float(f);
            if (!dbl)
                v[j] |= next() % 16 ? RV_NAN_BOX : (next() & RV_NAN_BOX);
        }
        if (next() % 4 == 0)
            v[1] = v[0] ^ (next() & 7);
        /* the JIT passes 0 for the operands an op does not have */
        if (op < RV_FOP_MADD || op > RV_FOP_NMADD)
            v[2] = 0;
        if (op == RV_FOP_SQRT)
            v[1] = 0;
        uint32_t aux = rv_fpu_aux(op, dbl, rm);
        ir_helper_fn fn = rv_fpu_pick_helper(op, dbl, rm);

        quick_cpu.frm = ref_cpu.frm = frm;
        quick_cpu.fflags = ref_cpu.fflags = fflags;
        long before = fallbacks;
        uint64_t r_quick = fn(&quick_cpu, v[0], v[1], v[2], aux);
        quick_answers += fallbacks == before;
        uint64_t r_ref = rv_fpu_helper(&ref_cpu, v[0], v[1], v[2], aux);
        if (r_quick != r_ref || quick_cpu.fflags != ref_cpu.fflags) {
            if (++failures <= 20)
                fprintf(stderr, "quick op %d %s rm %u frm %u fflags %#x a %#llx b %#llx c %#llx: "
                        "%#llx/%#x, reference %#llx/%#x\n", op, dbl ? "d" : "s", rm, frm, fflags,
                        (unsigned long long)v[0], (unsigned long long)v[1],
                        (unsigned long long)v[2], (unsigned long long)r_quick, quick_cpu.fflags,
                        (unsigned long long)r_ref, ref_cpu.fflags);
        }
    }
    printf("rv_fpu_quick helpers: %ld cases, %ld answered without the general helper, "
           "%ld mismatches\n", rounds, quick_answers, failures);
    return quick_answers > rounds / 4 ? failures : failures + 1;
}

static uint32_t mxcsr_now(void)
{
    uint32_t v;
    __asm__ volatile("stmxcsr %0" : "=m"(v));
    return v;
}

int main(int argc, char **argv)
{
    long rounds = argc > 1 ? atol(argv[1]) : 200000;
    long checked = 0, answered = 0, failures = 0;
    static const enum rv_fpu_op ops[] = {
        RV_FOP_ADD, RV_FOP_SUB, RV_FOP_MUL, RV_FOP_DIV, RV_FOP_SQRT,
        RV_FOP_MADD, RV_FOP_MSUB, RV_FOP_NMSUB, RV_FOP_NMADD,
        RV_FOP_MIN, RV_FOP_MAX, RV_FOP_EQ, RV_FOP_LT, RV_FOP_LE,
        RV_FOP_TO_W, RV_FOP_TO_WU, RV_FOP_TO_L, RV_FOP_TO_LU,
        RV_FOP_FROM_W, RV_FOP_FROM_WU, RV_FOP_FROM_L, RV_FOP_FROM_LU,
        RV_FOP_CVT_S_D, RV_FOP_CVT_D_S,
    };
    unsigned n_ops = sizeof ops / sizeof ops[0];

    for (long k = 0; k < rounds; k++) {
        enum rv_fpu_op op = ops[k % n_ops];
        bool dbl = (k / n_ops) & 1;
        if (op == RV_FOP_CVT_S_D)
            dbl = true;
        if (op == RV_FOP_CVT_D_S)
            dbl = false;
        const struct fp_format *f = dbl ? &fp_double : &fp_single;
        int rm = (int)(next() % 4);
        uint64_t a = takes_int(op) ? pick_int() : pick_float(f);
        uint64_t b = pick_float(f), c = pick_float(f);
        if (next() % 4 == 0) {   /* b close to a: cancellation */
            b = a ^ (next() & 7);
        }

        /* the fflags the result is accrued into: the fast path may skip
         * detecting flags already there (NX most of all) */
        uint32_t known;
        switch (next() % 4) {
        case 0:  known = 0; break;
        case 1:  known = (uint32_t)next() & 31; break;
        default: known = RV_FF_NX; break;
        }
        uint32_t fl_soft = known, fl_fast = known;
        host_fp_clear();   /* as in a vCPU whose flags are all in fflags */
        uint64_t r_soft = rv_fpu_compute_soft(op, f, a, b, c, rm, &fl_soft), r_fast = 0;
        checked++;
        if (!rv_fpu_compute_fast(op, dbl, a, b, c, rm, known, &r_fast, &fl_fast))
            continue;
        answered++;
        if ((mxcsr_now() & ~0x3fu) != MXCSR_DEFAULT) {
            fprintf(stderr, "MXCSR left at %#x\n", mxcsr_now());
            return 1;
        }
        if (r_fast != r_soft || fl_fast != fl_soft) {
            if (++failures <= 20)
                fprintf(stderr, "op %d %s rm %d known %#x a %#llx b %#llx c %#llx: fast %#llx/%#x soft %#llx/%#x\n",
                        op, dbl ? "d" : "s", rm, known, (unsigned long long)a, (unsigned long long)b,
                        (unsigned long long)c, (unsigned long long)r_fast, fl_fast,
                        (unsigned long long)r_soft, fl_soft);
        }
    }
    /* RMM is never answered by the fast path */
    uint32_t fl = 0;
    uint64_t r;
    if (rv_fpu_compute_fast(RV_FOP_ADD, true, 0x3ff0000000000000ull, 1, 0, RV_RM_RMM, RV_FF_NX, &r, &fl)) {
        fprintf(stderr, "fast path answered an RMM add\n");
        return 1;
    }
    printf("rv_fpu_fast_test: %ld cases, %ld answered by SSE, %ld mismatches\n",
           checked, answered, failures);
    /* the fast path must actually cover most cases, or it is not tested */
    if (failures || answered <= checked / 2)
        return 1;
    return test_quick_helpers(rounds) == 0 ? 0 : 1;
}
