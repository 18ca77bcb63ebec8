/*
 * RV64F arithmetic: fadd.s fsub.s fmul.s fdiv.s fsqrt.s in RNE.
 * Special values, signed zeros and the exception flag each case raises.
 * Rounding-mode cases live in rv64f_round.S, flag CSR cases in rv64f_flags.S.
 */
#include "insn_test.h"

#define NV 0x10
#define DZ 0x08
#define OF 0x04
#define UF 0x02
#define NX 0x01

/* Load single-precision bits into freg (fmv.w.x boxes them). */
#define SETS(freg, bits)  li t0, bits; fmv.w.x freg, t0
#define CHECK_FLAGS(n, expected)  frflags t1; CHECK(n, t1, expected)

TEST_BEGIN
    fscsr zero

    /* plain exact results */
    fsflags zero
    SETS(fa0, 0x3f800000)                       // 1.0
    SETS(fa1, 0x40000000)                       // 2.0
    fadd.s fa2, fa0, fa1
    CHECK_FBITS_S(1, fa2, 0x40400000)           // 3.0
    fsub.s fa2, fa0, fa1
    CHECK_FBITS_S(2, fa2, 0xbf800000)           // -1.0
    SETS(fa3, 0x3fc00000)                       // 1.5
    SETS(fa4, 0x40200000)                       // 2.5
    fmul.s fa2, fa3, fa4
    CHECK_FBITS_S(3, fa2, 0x40700000)           // 3.75 = 1.111b * 2^1
    fdiv.s fa2, fa0, fa1
    CHECK_FBITS_S(4, fa2, 0x3f000000)           // 0.5
    SETS(fa5, 0x40800000)                       // 4.0
    fsqrt.s fa2, fa5
    CHECK_FBITS_S(5, fa2, 0x40000000)           // 2.0
    SETS(fa6, 0x33800000)                       // 2^-24
    fsub.s fa2, fa0, fa6
    CHECK_FBITS_S(6, fa2, 0x3f7fffff)           // 1 - 2^-24 fits exactly below 1
    CHECK_FLAGS(7, 0)

    /* inexact */
    fsflags zero
    SETS(fa1, 0x40400000)                       // 3.0
    fdiv.s fa2, fa0, fa1
    CHECK_FBITS_S(8, fa2, 0x3eaaaaab)           // 1/3: 0.0101..b, guard bits 1010.. round up
    CHECK_FLAGS(9, NX)
    fsflags zero
    SETS(fa1, 0x40000000)                       // 2.0
    fsqrt.s fa2, fa1
    CHECK_FBITS_S(10, fa2, 0x3fb504f3)          // sqrt 2 = 1.0110101000001001111001 1 0000.. round down
    CHECK_FLAGS(11, NX)

    /* invalid operations give the canonical NaN */
    fsflags zero
    SETS(fa0, 0x00000000)                       // +0
    fdiv.s fa2, fa0, fa0
    CHECK_FBITS_S(12, fa2, 0x7fc00000)          // 0/0
    CHECK_FLAGS(13, NV)
    fsflags zero
    SETS(fa1, 0x7f800000)                       // +inf
    fsub.s fa2, fa1, fa1
    CHECK_FBITS_S(14, fa2, 0x7fc00000)          // inf - inf
    CHECK_FLAGS(15, NV)
    fsflags zero
    SETS(fa3, 0xff800000)                       // -inf
    fadd.s fa2, fa1, fa3
    CHECK_FBITS_S(16, fa2, 0x7fc00000)          // inf + -inf
    CHECK_FLAGS(17, NV)
    fsflags zero
    fmul.s fa2, fa0, fa1
    CHECK_FBITS_S(18, fa2, 0x7fc00000)          // 0 * inf
    CHECK_FLAGS(19, NV)
    fsflags zero
    fdiv.s fa2, fa1, fa3
    CHECK_FBITS_S(20, fa2, 0x7fc00000)          // inf / -inf
    CHECK_FLAGS(21, NV)
    fsflags zero
    SETS(fa4, 0xbf800000)                       // -1.0
    fsqrt.s fa2, fa4
    CHECK_FBITS_S(22, fa2, 0x7fc00000)          // sqrt(-1)
    CHECK_FLAGS(23, NV)
    fsflags zero
    fsqrt.s fa2, fa3
    CHECK_FBITS_S(24, fa2, 0x7fc00000)          // sqrt(-inf)
    CHECK_FLAGS(25, NV)

    /* NaN inputs: result is canonical; only a signaling NaN raises NV */
    fsflags zero
    SETS(fa5, 0xffc12345)                       // quiet NaN, sign and payload set
    SETS(fa6, 0x3f800000)                       // 1.0
    fadd.s fa2, fa5, fa6
    CHECK_FBITS_S(26, fa2, 0x7fc00000)
    fmul.s fa2, fa6, fa5
    CHECK_FBITS_S(27, fa2, 0x7fc00000)
    fsqrt.s fa2, fa5
    CHECK_FBITS_S(28, fa2, 0x7fc00000)
    CHECK_FLAGS(29, 0)
    fsflags zero
    SETS(fa7, 0x7f800001)                       // signaling NaN
    fadd.s fa2, fa7, fa6
    CHECK_FBITS_S(30, fa2, 0x7fc00000)
    CHECK_FLAGS(31, NV)
    fsflags zero
    fdiv.s fa2, fa6, fa7
    CHECK_FBITS_S(32, fa2, 0x7fc00000)
    CHECK_FLAGS(33, NV)
    fsflags zero
    fsqrt.s fa2, fa7
    CHECK_FBITS_S(34, fa2, 0x7fc00000)
    CHECK_FLAGS(35, NV)
    fsflags zero
    fsub.s fa2, fa5, fa7                        // quiet and signaling together
    CHECK_FBITS_S(36, fa2, 0x7fc00000)
    CHECK_FLAGS(37, NV)

    /* divide by zero: finite nonzero / 0 only */
    fsflags zero
    SETS(fa0, 0x00000000)                       // +0
    SETS(fa1, 0x80000000)                       // -0
    fdiv.s fa2, fa6, fa0
    CHECK_FBITS_S(38, fa2, 0x7f800000)          // 1/+0 = +inf
    CHECK_FLAGS(39, DZ)
    fsflags zero
    fdiv.s fa2, fa6, fa1
    CHECK_FBITS_S(40, fa2, 0xff800000)          // 1/-0 = -inf
    SETS(fa3, 0xbf800000)
    fdiv.s fa2, fa3, fa0
    CHECK_FBITS_S(41, fa2, 0xff800000)          // -1/+0 = -inf
    CHECK_FLAGS(42, DZ)
    fsflags zero
    SETS(fa4, 0x7f800000)
    fdiv.s fa2, fa4, fa0
    CHECK_FBITS_S(43, fa2, 0x7f800000)          // inf/0 is an exact inf
    CHECK_FLAGS(44, 0)

    /* overflow */
    fsflags zero
    SETS(fa0, 0x7f7fffff)                       // largest finite
    SETS(fa1, 0x40000000)                       // 2.0
    fmul.s fa2, fa0, fa1
    CHECK_FBITS_S(45, fa2, 0x7f800000)
    CHECK_FLAGS(46, OF|NX)
    fsflags zero
    fadd.s fa2, fa0, fa0
    CHECK_FBITS_S(47, fa2, 0x7f800000)
    CHECK_FLAGS(48, OF|NX)

    /* underflow: tiny and inexact, tininess detected after rounding */
    fsflags zero
    SETS(fa0, 0x00800000)                       // 2^-126, smallest normal
    SETS(fa1, 0x3f000000)                       // 0.5
    fmul.s fa2, fa0, fa1
    CHECK_FBITS_S(49, fa2, 0x00400000)          // exact subnormal: no flag
    CHECK_FLAGS(50, 0)
    fsflags zero
    SETS(fa3, 0x00000001)                       // 2^-149
    fmul.s fa2, fa3, fa1
    CHECK_FBITS_S(51, fa2, 0x00000000)          // 2^-150 ties to even 0
    CHECK_FLAGS(52, UF|NX)
    fsflags zero
    SETS(fa4, 0x3fc00000)                       // 1.5
    fmul.s fa2, fa3, fa4
    CHECK_FBITS_S(53, fa2, 0x00000002)          // 1.5 ulp ties to even 2 ulp
    CHECK_FLAGS(54, UF|NX)
    fsflags zero
    SETS(fa5, 0x40400000)                       // 3.0
    fdiv.s fa2, fa0, fa5
    CHECK_FBITS_S(55, fa2, 0x002aaaab)          // 2^23/3 = 2796202.67 ulp -> 0x2aaaab
    CHECK_FLAGS(56, UF|NX)
    fsflags zero
    SETS(fa6, 0x007fffff)                       // largest subnormal
    SETS(fa7, 0x3f800001)                       // 1 + 2^-23
    fmul.s fa2, fa6, fa7                        // 2^-126 (1 - 2^-46) rounds to 2^-126
    CHECK_FBITS_S(57, fa2, 0x00800000)
    CHECK_FLAGS(58, NX)                         // not tiny after rounding
    fsflags zero
    fsub.s fa2, fa0, fa3                        // 2^-126 - 2^-149, exact subnormal
    CHECK_FBITS_S(59, fa2, 0x007fffff)
    CHECK_FLAGS(60, 0)

    /* signed zeros in RNE */
    fsflags zero
    SETS(fa0, 0x00000000)                       // +0
    SETS(fa1, 0x80000000)                       // -0
    fadd.s fa2, fa1, fa1
    CHECK_FBITS_S(61, fa2, 0x80000000)          // -0 + -0 = -0
    fadd.s fa2, fa0, fa1
    CHECK_FBITS_S(62, fa2, 0x00000000)          // +0 + -0 = +0
    fsub.s fa2, fa1, fa0
    CHECK_FBITS_S(63, fa2, 0x80000000)          // -0 - +0 = -0
    fsub.s fa2, fa1, fa1
    CHECK_FBITS_S(64, fa2, 0x00000000)          // -0 - -0 = +0
    SETS(fa3, 0x40a00000)                       // 5.0
    fsub.s fa2, fa3, fa3
    CHECK_FBITS_S(65, fa2, 0x00000000)          // x - x = +0
    fmul.s fa2, fa1, fa3
    CHECK_FBITS_S(66, fa2, 0x80000000)          // -0 * 5 = -0
    SETS(fa4, 0xbf800000)
    fdiv.s fa2, fa1, fa4
    CHECK_FBITS_S(67, fa2, 0x00000000)          // -0 / -1 = +0
    fsqrt.s fa2, fa1
    CHECK_FBITS_S(68, fa2, 0x80000000)          // sqrt(-0) = -0, valid
    CHECK_FLAGS(69, 0)

    /* infinities that are exact */
    fsflags zero
    SETS(fa5, 0x7f800000)
    fadd.s fa2, fa5, fa3
    CHECK_FBITS_S(70, fa2, 0x7f800000)          // inf + 5
    fmul.s fa2, fa5, fa4
    CHECK_FBITS_S(71, fa2, 0xff800000)          // inf * -1
    fsqrt.s fa2, fa5
    CHECK_FBITS_S(72, fa2, 0x7f800000)
    fdiv.s fa2, fa3, fa5
    CHECK_FBITS_S(73, fa2, 0x00000000)          // 5/inf = +0
    CHECK_FLAGS(74, 0)
TEST_END
