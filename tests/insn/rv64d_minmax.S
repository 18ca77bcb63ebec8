/*
 * RV64D fmin.d fmax.d: -0.0 < +0.0; a NaN operand yields the other
 * operand; two NaNs give 0x7ff8000000000000; a signaling NaN raises NV.
 */
#include "insn_test.h"

#define NV 0x10

#define SETD(freg, bits)  li t0, bits; fmv.d.x freg, t0
#define CHECK_FLAGS(n, expected)  frflags t1; CHECK(n, t1, expected)

TEST_BEGIN
    fscsr zero
    SETD(fs0, 0x3ff0000000000000)               // 1.0
    SETD(fs1, 0x4000000000000000)               // 2.0
    SETD(fs2, 0xbff0000000000000)               // -1.0
    SETD(fs3, 0xfff0000000000000)               // -inf
    SETD(fs4, 0x7ff0000000000000)               // +inf
    SETD(fs5, 0x0000000000000000)               // +0
    SETD(fs6, 0x8000000000000000)               // -0
    SETD(fs7, 0x7ff8000000000000)               // qNaN
    SETD(fs8, 0x7ff0000000000001)               // sNaN
    SETD(fs9, 0xfff8000000012345)               // negative qNaN, payload
    SETD(fs10, 0x0000000000000001)              // smallest subnormal

    fsflags zero
    fmin.d fa0, fs0, fs1
    CHECK_FBITS(1, fa0, 0x3ff0000000000000)
    fmax.d fa0, fs0, fs1
    CHECK_FBITS(2, fa0, 0x4000000000000000)
    fmin.d fa0, fs1, fs2
    CHECK_FBITS(3, fa0, 0xbff0000000000000)
    fmax.d fa0, fs3, fs4
    CHECK_FBITS(4, fa0, 0x7ff0000000000000)
    fmin.d fa0, fs3, fs2
    CHECK_FBITS(5, fa0, 0xfff0000000000000)
    fmin.d fa0, fs10, fs5
    CHECK_FBITS(6, fa0, 0x0000000000000000)
    fmax.d fa0, fs10, fs5
    CHECK_FBITS(7, fa0, 0x0000000000000001)

    fmin.d fa0, fs6, fs5
    CHECK_FBITS(8, fa0, 0x8000000000000000)
    fmin.d fa0, fs5, fs6
    CHECK_FBITS(9, fa0, 0x8000000000000000)
    fmax.d fa0, fs6, fs5
    CHECK_FBITS(10, fa0, 0x0000000000000000)
    fmax.d fa0, fs5, fs6
    CHECK_FBITS(11, fa0, 0x0000000000000000)

    fmin.d fa0, fs7, fs0
    CHECK_FBITS(12, fa0, 0x3ff0000000000000)
    fmax.d fa0, fs2, fs9
    CHECK_FBITS(13, fa0, 0xbff0000000000000)
    fmin.d fa0, fs9, fs7
    CHECK_FBITS(14, fa0, 0x7ff8000000000000)
    CHECK_FLAGS(15, 0)

    fsflags zero
    fmax.d fa0, fs8, fs0
    CHECK_FBITS(16, fa0, 0x3ff0000000000000)
    CHECK_FLAGS(17, NV)
    fsflags zero
    fmin.d fa0, fs6, fs8
    CHECK_FBITS(18, fa0, 0x8000000000000000)
    CHECK_FLAGS(19, NV)
    fsflags zero
    fmax.d fa0, fs7, fs8
    CHECK_FBITS(20, fa0, 0x7ff8000000000000)
    CHECK_FLAGS(21, NV)
TEST_END
