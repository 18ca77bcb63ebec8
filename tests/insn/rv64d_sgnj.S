/*
 * RV64D sign injection fsgnj.d fsgnjn.d fsgnjx.d (fmv.d fneg.d fabs.d):
 * pure bit operations on all 64 bits; no canonicalisation, no flags,
 * and no NaN-box check (a boxed single is just 64 bits here).
 */
#include "insn_test.h"

#define SETD(freg, bits)  li t0, bits; fmv.d.x freg, t0
#define CHECK_FLAGS(n, expected)  frflags t1; CHECK(n, t1, expected)

TEST_BEGIN
    fscsr zero
    SETD(fs0, 0x3ff0000000000000)               // 1.0
    SETD(fs1, 0xc000000000000000)               // -2.0
    SETD(fs2, 0xbff0000000000000)               // -1.0
    SETD(fs3, 0x4000000000000000)               // 2.0

    fsgnj.d fa0, fs0, fs1
    CHECK_FBITS(1, fa0, 0xbff0000000000000)
    fsgnj.d fa0, fs2, fs3
    CHECK_FBITS(2, fa0, 0x3ff0000000000000)
    fsgnjn.d fa0, fs0, fs1
    CHECK_FBITS(3, fa0, 0x3ff0000000000000)
    fsgnjn.d fa0, fs0, fs3
    CHECK_FBITS(4, fa0, 0xbff0000000000000)
    fsgnjx.d fa0, fs2, fs1
    CHECK_FBITS(5, fa0, 0x3ff0000000000000)
    fsgnjx.d fa0, fs2, fs3
    CHECK_FBITS(6, fa0, 0xbff0000000000000)
    fsgnjx.d fa0, fs0, fs1
    CHECK_FBITS(7, fa0, 0xbff0000000000000)
    fsgnjx.d fa0, fs0, fs3
    CHECK_FBITS(8, fa0, 0x3ff0000000000000)

    SETD(fs4, 0x7ff0000000000001)               // sNaN
    fneg.d fa0, fs4
    CHECK_FBITS(9, fa0, 0xfff0000000000001)
    fmv.d fa0, fs4
    CHECK_FBITS(10, fa0, 0x7ff0000000000001)
    SETD(fs5, 0xfff8000000012345)
    fabs.d fa0, fs5
    CHECK_FBITS(11, fa0, 0x7ff8000000012345)
    SETD(fs6, 0x8000000000000000)               // -0
    fsgnjn.d fa0, fs6, fs6
    CHECK_FBITS(12, fa0, 0x0000000000000000)
    SETD(fs7, 0xffffffff3f800000)               // boxed single 1.0
    fabs.d fa0, fs7
    CHECK_FBITS(13, fa0, 0x7fffffff3f800000)    // sign of the 64-bit value
    fsgnj.d fa0, fs0, fs7
    CHECK_FBITS(14, fa0, 0xbff0000000000000)
    SETD(fs8, 0x000000003f800000)               // unboxed bits: fine for .d
    fsgnjn.d fa0, fs8, fs8
    CHECK_FBITS(15, fa0, 0x800000003f800000)
    CHECK_FLAGS(16, 0)
TEST_END
