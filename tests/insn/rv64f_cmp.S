/*
 * RV64F comparisons feq.s flt.s fle.s and fclass.s.
 * Comparisons write 0 or 1. feq is quiet (NV only for a signaling NaN);
 * flt and fle are signaling (NV for any NaN). -0.0 == +0.0.
 * fclass.s sets exactly one bit: 0 -inf, 1 -normal, 2 -subnormal, 3 -0,
 * 4 +0, 5 +subnormal, 6 +normal, 7 +inf, 8 sNaN, 9 qNaN; never flags.
 */
#include "insn_test.h"

#define NV 0x10

#define SETS(freg, bits)  li t0, bits; fmv.w.x freg, t0
#define SETD(freg, bits)  li t0, bits; fmv.d.x freg, t0
#define CHECK_FLAGS(n, expected)  frflags t1; CHECK(n, t1, expected)

TEST_BEGIN
    fscsr zero
    SETS(fs0, 0x3f800000)                       // 1.0
    SETS(fs1, 0x40000000)                       // 2.0
    SETS(fs2, 0x00000000)                       // +0
    SETS(fs3, 0x80000000)                       // -0
    SETS(fs4, 0x7f800000)                       // +inf
    SETS(fs5, 0xff800000)                       // -inf
    SETS(fs6, 0xff7fffff)                       // -max
    SETS(fs7, 0x7fc00000)                       // qNaN
    SETS(fs8, 0x7f800001)                       // sNaN
    SETS(fs9, 0x00000001)                       // smallest subnormal
    SETS(fs10, 0xbf800000)                      // -1.0

    fsflags zero
    li a0, -1                                   // upper bits must be cleared
    feq.s a0, fs0, fs0
    CHECK(1, a0, 1)
    feq.s a0, fs0, fs1
    CHECK(2, a0, 0)
    feq.s a0, fs3, fs2
    CHECK(3, a0, 1)                             // -0 == +0
    feq.s a0, fs4, fs4
    CHECK(4, a0, 1)
    feq.s a0, fs9, fs2
    CHECK(5, a0, 0)
    feq.s a0, fs7, fs7
    CHECK(6, a0, 0)                             // NaN != NaN
    feq.s a0, fs0, fs7
    CHECK(7, a0, 0)
    CHECK_FLAGS(8, 0)                           // quiet NaNs are quiet
    feq.s a0, fs8, fs0
    CHECK(9, a0, 0)
    CHECK_FLAGS(10, NV)

    fsflags zero
    li a0, -1
    flt.s a0, fs0, fs1
    CHECK(11, a0, 1)
    flt.s a0, fs1, fs0
    CHECK(12, a0, 0)
    flt.s a0, fs0, fs0
    CHECK(13, a0, 0)
    flt.s a0, fs3, fs2
    CHECK(14, a0, 0)                            // -0 < +0 is false
    flt.s a0, fs5, fs6
    CHECK(15, a0, 1)                            // -inf < -max
    flt.s a0, fs10, fs3
    CHECK(16, a0, 1)
    flt.s a0, fs2, fs9
    CHECK(17, a0, 1)                            // 0 < subnormal
    fgt.s a0, fs1, fs0                          // alias: flt with operands swapped
    CHECK(18, a0, 1)
    CHECK_FLAGS(19, 0)
    flt.s a0, fs7, fs0
    CHECK(20, a0, 0)
    CHECK_FLAGS(21, NV)                         // signaling compare
    fsflags zero
    flt.s a0, fs0, fs7
    CHECK(22, a0, 0)
    CHECK_FLAGS(23, NV)

    fsflags zero
    li a0, -1
    fle.s a0, fs0, fs0
    CHECK(24, a0, 1)
    fle.s a0, fs1, fs0
    CHECK(25, a0, 0)
    fle.s a0, fs0, fs1
    CHECK(26, a0, 1)
    fle.s a0, fs3, fs2
    CHECK(27, a0, 1)
    fle.s a0, fs2, fs3
    CHECK(28, a0, 1)                            // +0 <= -0 too
    fle.s a0, fs9, fs2
    CHECK(29, a0, 0)
    fle.s a0, fs5, fs5
    CHECK(30, a0, 1)
    fge.s a0, fs0, fs1                          // alias: fle swapped
    CHECK(31, a0, 0)
    CHECK_FLAGS(32, 0)
    fle.s a0, fs7, fs0
    CHECK(33, a0, 0)
    CHECK_FLAGS(34, NV)
    fsflags zero
    fle.s a0, fs8, fs8
    CHECK(35, a0, 0)
    CHECK_FLAGS(36, NV)

    /* fclass.s of every class */
    fsflags zero
    fclass.s a0, fs5
    CHECK(37, a0, 0x001)                        // -inf
    fclass.s a0, fs10
    CHECK(38, a0, 0x002)                        // -1.0
    fclass.s a0, fs6
    CHECK(39, a0, 0x002)                        // -max
    SETS(fa0, 0x80000001)
    fclass.s a0, fa0
    CHECK(40, a0, 0x004)                        // -subnormal
    SETS(fa0, 0x807fffff)
    fclass.s a0, fa0
    CHECK(41, a0, 0x004)                        // -largest subnormal
    fclass.s a0, fs3
    CHECK(42, a0, 0x008)                        // -0
    fclass.s a0, fs2
    CHECK(43, a0, 0x010)                        // +0
    fclass.s a0, fs9
    CHECK(44, a0, 0x020)                        // +subnormal
    SETS(fa0, 0x007fffff)
    fclass.s a0, fa0
    CHECK(45, a0, 0x020)
    SETS(fa0, 0x00800000)
    fclass.s a0, fa0
    CHECK(46, a0, 0x040)                        // smallest normal
    fclass.s a0, fs0
    CHECK(47, a0, 0x040)                        // 1.0
    fclass.s a0, fs4
    CHECK(48, a0, 0x080)                        // +inf
    fclass.s a0, fs8
    CHECK(49, a0, 0x100)                        // sNaN
    SETS(fa0, 0xffbfffff)
    fclass.s a0, fa0
    CHECK(50, a0, 0x100)                        // negative sNaN, full payload
    fclass.s a0, fs7
    CHECK(51, a0, 0x200)                        // qNaN
    SETS(fa0, 0xffc00001)
    fclass.s a0, fa0
    CHECK(52, a0, 0x200)                        // negative qNaN
    SETD(fa0, 0x0000000000000000)               // unboxed +0 reads as qNaN
    fclass.s a0, fa0
    CHECK(53, a0, 0x200)
    CHECK_FLAGS(54, 0)
TEST_END
