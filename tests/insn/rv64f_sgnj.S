/*
 * RV64F sign injection: fsgnj.s fsgnjn.s fsgnjx.s (and the fmv.s fneg.s
 * fabs.s aliases). They copy bits: no NaN canonicalisation, no flags.
 * But an unboxed operand still reads as the canonical NaN 0x7fc00000,
 * whose sign is +.
 */
#include "insn_test.h"

#define SETS(freg, bits)  li t0, bits; fmv.w.x freg, t0
#define SETD(freg, bits)  li t0, bits; fmv.d.x freg, t0
#define CHECK_FLAGS(n, expected)  frflags t1; CHECK(n, t1, expected)

TEST_BEGIN
    fscsr zero
    SETS(fs0, 0x3f800000)                       // 1.0
    SETS(fs1, 0xc0000000)                       // -2.0
    SETS(fs2, 0xbf800000)                       // -1.0
    SETS(fs3, 0x40000000)                       // 2.0

    fsgnj.s fa0, fs0, fs1
    CHECK_FBITS_S(1, fa0, 0xbf800000)           // |1| with sign of -2
    fsgnj.s fa0, fs2, fs3
    CHECK_FBITS_S(2, fa0, 0x3f800000)
    fsgnjn.s fa0, fs0, fs1
    CHECK_FBITS_S(3, fa0, 0x3f800000)           // opposite of -
    fsgnjn.s fa0, fs0, fs3
    CHECK_FBITS_S(4, fa0, 0xbf800000)
    fsgnjx.s fa0, fs2, fs1
    CHECK_FBITS_S(5, fa0, 0x3f800000)           // - xor - = +
    fsgnjx.s fa0, fs2, fs3
    CHECK_FBITS_S(6, fa0, 0xbf800000)           // - xor + = -
    fsgnjx.s fa0, fs0, fs1
    CHECK_FBITS_S(7, fa0, 0xbf800000)           // + xor - = -
    fsgnjx.s fa0, fs0, fs3
    CHECK_FBITS_S(8, fa0, 0x3f800000)

    /* aliases on NaNs keep the payload, signaling or not */
    SETS(fs4, 0x7f800001)                       // sNaN
    fneg.s fa0, fs4
    CHECK_FBITS_S(9, fa0, 0xff800001)
    fmv.s fa0, fs4
    CHECK_FBITS_S(10, fa0, 0x7f800001)
    SETS(fs5, 0xffc12345)                       // negative qNaN with payload
    fabs.s fa0, fs5
    CHECK_FBITS_S(11, fa0, 0x7fc12345)
    SETS(fs6, 0x7f800000)                       // +inf
    SETS(fs7, 0x80000000)                       // -0
    fsgnj.s fa0, fs6, fs7
    CHECK_FBITS_S(12, fa0, 0xff800000)          // -inf
    fsgnjn.s fa0, fs7, fs7
    CHECK_FBITS_S(13, fa0, 0x00000000)          // fneg(-0) = +0
    fsgnj.s fa1, fs0, fs0                       // rd may equal the sources
    fsgnjn.s fa1, fa1, fa1
    CHECK_FBITS_S(14, fa1, 0xbf800000)
    CHECK_FLAGS(15, 0)                          // no flags even for sNaN

    /* unboxed operands read as +canonical NaN */
    SETD(fs8, 0x000000003f800000)               // low word 1.0, not boxed
    SETD(fs9, 0x00000000bf800000)               // low word -1.0, not boxed
    fsgnj.s fa0, fs8, fs2
    CHECK_FBITS_S(16, fa0, 0xffc00000)          // canonical NaN, sign of -1
    fsgnj.s fa0, fs2, fs9
    CHECK_FBITS_S(17, fa0, 0x3f800000)          // sign of the canonical NaN: +
    fsgnjn.s fa0, fs0, fs9
    CHECK_FBITS_S(18, fa0, 0xbf800000)
    fsgnjx.s fa0, fs2, fs9
    CHECK_FBITS_S(19, fa0, 0xbf800000)          // - xor + = -
    fsgnj.s fa0, fs9, fs9
    CHECK_FBITS_S(20, fa0, 0x7fc00000)
    CHECK_FLAGS(21, 0)
TEST_END
