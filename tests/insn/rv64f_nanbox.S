/*
 * RV64F NaN-boxing. A single value lives in the low 32 bits of a 64-bit
 * f register with the upper 32 bits all ones. Any single-precision
 * operation (not the fsw/fmv.x.w transfers) that reads a register whose
 * upper bits are not all ones sees the canonical NaN 0x7fc00000 -- a quiet
 * NaN, so it alone raises no flag. Every single result is written boxed.
 */
#include "insn_test.h"

#define NV 0x10
#define NX 0x01

#define SETS(freg, bits)  li t0, bits; fmv.w.x freg, t0
#define SETD(freg, bits)  li t0, bits; fmv.d.x freg, t0
#define CHECK_FLAGS(n, expected)  frflags t1; CHECK(n, t1, expected)

TEST_BEGIN
    fscsr zero
    SETS(fs0, 0x3f800000)                       // boxed 1.0
    SETD(fs1, 0x000000003f800000)               // 1.0 bits, upper half zero
    SETD(fs2, 0xfffffffe3f800000)               // one upper bit missing
    SETD(fs3, 0x7fffffff3f800000)               // top bit missing
    SETD(fs4, 0x000000007f800001)               // sNaN bits, unboxed
    SETD(fs5, 0xffffffff3f800000)               // boxed 1.0 written as a double

    fsflags zero
    fadd.s fa0, fs1, fs1
    CHECK_FBITS_S(1, fa0, 0x7fc00000)           // not 2.0
    fadd.s fa0, fs0, fs2
    CHECK_FBITS_S(2, fa0, 0x7fc00000)
    fadd.s fa0, fs3, fs0
    CHECK_FBITS_S(3, fa0, 0x7fc00000)
    fadd.s fa0, fs5, fs0
    CHECK_FBITS_S(4, fa0, 0x40000000)           // properly boxed: 2.0
    fadd.s fa0, fs4, fs0
    CHECK_FBITS_S(5, fa0, 0x7fc00000)
    CHECK_FLAGS(6, 0)                           // the unboxed sNaN reads as quiet
    fmul.s fa0, fs0, fs1
    CHECK_FBITS_S(7, fa0, 0x7fc00000)
    fsub.s fa0, fs0, fs1
    CHECK_FBITS_S(8, fa0, 0x7fc00000)
    fdiv.s fa0, fs1, fs0
    CHECK_FBITS_S(9, fa0, 0x7fc00000)
    fsqrt.s fa0, fs1
    CHECK_FBITS_S(10, fa0, 0x7fc00000)
    fmadd.s fa0, fs0, fs0, fs1
    CHECK_FBITS_S(11, fa0, 0x7fc00000)
    fnmsub.s fa0, fs1, fs0, fs0
    CHECK_FBITS_S(12, fa0, 0x7fc00000)
    fmin.s fa0, fs1, fs0
    CHECK_FBITS_S(13, fa0, 0x3f800000)          // NaN vs 1.0: the number
    fmax.s fa0, fs1, fs2
    CHECK_FBITS_S(14, fa0, 0x7fc00000)          // both NaN
    CHECK_FLAGS(15, 0)

    /* quiet compare sees NaN; signaling compare raises NV */
    feq.s a0, fs1, fs1
    CHECK(16, a0, 0)
    CHECK_FLAGS(17, 0)
    flt.s a0, fs1, fs0
    CHECK(18, a0, 0)
    CHECK_FLAGS(19, NV)

    /* conversions of an unboxed register */
    fsflags zero
    fcvt.w.s a0, fs1, rtz
    CHECK(20, a0, 0x7fffffff)
    fcvt.lu.s a0, fs1, rtz
    CHECK(21, a0, 0xffffffffffffffff)
    CHECK_FLAGS(22, NV)
    fsflags zero
    fcvt.d.s fa0, fs1
    CHECK_FBITS(23, fa0, 0x7ff8000000000000)
    fclass.s a0, fs1
    CHECK(24, a0, 0x200)
    CHECK_FLAGS(25, 0)

    /* results are boxed even over a register that held a double */
    SETD(fa1, 0x123456789abcdef0)
    fadd.s fa1, fs0, fs0
    CHECK_FBITS_S(26, fa1, 0x40000000)
    SETD(fa2, 0x0000000000000000)
    li a0, 7
    fcvt.s.w fa2, a0
    CHECK_FBITS_S(27, fa2, 0x40e00000)
    SETD(fa3, 0x3ff0000000000000)               // double 1.0
    fcvt.s.d fa3, fa3
    CHECK_FBITS_S(28, fa3, 0x3f800000)
    SETD(fa4, 0)
    fsgnjn.s fa4, fs0, fs0
    CHECK_FBITS_S(29, fa4, 0xbf800000)
    SETD(fa5, 0)
    fmin.s fa5, fs0, fs0
    CHECK_FBITS_S(30, fa5, 0x3f800000)
    SETD(fa6, 0)
    fmadd.s fa6, fs0, fs0, fs0
    CHECK_FBITS_S(31, fa6, 0x40000000)
    SETD(fa7, 0)
    fsqrt.s fa7, fs0
    CHECK_FBITS_S(32, fa7, 0x3f800000)
    SETD(ft0, 0)
    li a0, 0x00000000c0000000                   // upper bits of x ignored
    fmv.w.x ft0, a0
    CHECK_FBITS_S(33, ft0, 0xc0000000)
    fmv.x.w a1, ft0
    CHECK(34, a1, 0xffffffffc0000000)           // sign-extended back
    la s0, cell
    SETD(ft1, 0)
    flw ft1, 0(s0)
    CHECK_FBITS_S(35, ft1, 0x40490fdb)          // flw boxes
    fsw fs1, 4(s0)                              // fsw of unboxed: raw low word
    lwu a2, 4(s0)
    CHECK(36, a2, 0x3f800000)

    /* a double op reads all 64 bits: a boxed single is a NaN to it */
    fsflags zero
    fadd.d fa0, fs0, fs0
    CHECK_FBITS(37, fa0, 0x7ff8000000000000)
    CHECK_FLAGS(38, 0)
TEST_END

    .data
    .balign 8
cell:
    .word 0x40490fdb, 0
