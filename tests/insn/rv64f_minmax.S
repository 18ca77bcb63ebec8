/*
 * RV64F fmin.s fmax.s (IEEE 754-2019 minimumNumber/maximumNumber):
 * -0.0 < +0.0; one NaN operand returns the other operand; two NaNs
 * give the canonical NaN; any signaling NaN input raises NV.
 */
#include "insn_test.h"

#define NV 0x10

#define SETS(freg, bits)  li t0, bits; fmv.w.x freg, t0
#define CHECK_FLAGS(n, expected)  frflags t1; CHECK(n, t1, expected)

TEST_BEGIN
    fscsr zero
    SETS(fs0, 0x3f800000)                       // 1.0
    SETS(fs1, 0x40000000)                       // 2.0
    SETS(fs2, 0xbf800000)                       // -1.0
    SETS(fs3, 0xff800000)                       // -inf
    SETS(fs4, 0x7f800000)                       // +inf
    SETS(fs5, 0x00000000)                       // +0
    SETS(fs6, 0x80000000)                       // -0
    SETS(fs7, 0x7fc00000)                       // qNaN
    SETS(fs8, 0x7f800001)                       // sNaN
    SETS(fs9, 0xffc12345)                       // qNaN, negative, payload
    SETS(fs10, 0x00000001)                      // smallest subnormal
    SETS(fs11, 0x80000001)                      // its negative

    fsflags zero
    fmin.s fa0, fs0, fs1
    CHECK_FBITS_S(1, fa0, 0x3f800000)
    fmax.s fa0, fs0, fs1
    CHECK_FBITS_S(2, fa0, 0x40000000)
    fmin.s fa0, fs1, fs2
    CHECK_FBITS_S(3, fa0, 0xbf800000)
    fmax.s fa0, fs2, fs1
    CHECK_FBITS_S(4, fa0, 0x40000000)
    fmin.s fa0, fs3, fs0
    CHECK_FBITS_S(5, fa0, 0xff800000)
    fmax.s fa0, fs3, fs0
    CHECK_FBITS_S(6, fa0, 0x3f800000)
    fmax.s fa0, fs3, fs4
    CHECK_FBITS_S(7, fa0, 0x7f800000)
    fmin.s fa0, fs10, fs5
    CHECK_FBITS_S(8, fa0, 0x00000000)
    fmin.s fa0, fs11, fs6
    CHECK_FBITS_S(9, fa0, 0x80000001)
    fmax.s fa0, fs11, fs6
    CHECK_FBITS_S(10, fa0, 0x80000000)

    /* signed zeros, both orders */
    fmin.s fa0, fs6, fs5
    CHECK_FBITS_S(11, fa0, 0x80000000)
    fmin.s fa0, fs5, fs6
    CHECK_FBITS_S(12, fa0, 0x80000000)
    fmax.s fa0, fs6, fs5
    CHECK_FBITS_S(13, fa0, 0x00000000)
    fmax.s fa0, fs5, fs6
    CHECK_FBITS_S(14, fa0, 0x00000000)

    /* one quiet NaN: the other operand, no flags */
    fmin.s fa0, fs7, fs0
    CHECK_FBITS_S(15, fa0, 0x3f800000)
    fmin.s fa0, fs0, fs7
    CHECK_FBITS_S(16, fa0, 0x3f800000)
    fmax.s fa0, fs9, fs2
    CHECK_FBITS_S(17, fa0, 0xbf800000)
    fmax.s fa0, fs6, fs9
    CHECK_FBITS_S(18, fa0, 0x80000000)
    /* two quiet NaNs: canonical, payload dropped */
    fmin.s fa0, fs7, fs9
    CHECK_FBITS_S(19, fa0, 0x7fc00000)
    fmax.s fa0, fs9, fs9
    CHECK_FBITS_S(20, fa0, 0x7fc00000)
    CHECK_FLAGS(21, 0)

    /* signaling NaN: still the other operand, but NV */
    fsflags zero
    fmin.s fa0, fs8, fs0
    CHECK_FBITS_S(22, fa0, 0x3f800000)
    CHECK_FLAGS(23, NV)
    fsflags zero
    fmax.s fa0, fs2, fs8
    CHECK_FBITS_S(24, fa0, 0xbf800000)
    CHECK_FLAGS(25, NV)
    fsflags zero
    fmin.s fa0, fs8, fs7
    CHECK_FBITS_S(26, fa0, 0x7fc00000)
    CHECK_FLAGS(27, NV)
    fsflags zero
    fmax.s fa0, fs8, fs8
    CHECK_FBITS_S(28, fa0, 0x7fc00000)
    CHECK_FLAGS(29, NV)
TEST_END
