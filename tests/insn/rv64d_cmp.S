/*
 * RV64D feq.d flt.d fle.d and fclass.d. feq is quiet (NV only for
 * sNaN), flt/fle signal on any NaN. fclass.d: one bit of
 * -inf -normal -subnormal -0 +0 +subnormal +normal +inf sNaN qNaN.
 */
#include "insn_test.h"

#define NV 0x10

#define SETD(freg, bits)  li t0, bits; fmv.d.x freg, t0
#define CHECK_FLAGS(n, expected)  frflags t1; CHECK(n, t1, expected)

TEST_BEGIN
    fscsr zero
    SETD(fs0, 0x3ff0000000000000)               // 1.0
    SETD(fs1, 0x3ff0000000000001)               // 1 + 2^-52
    SETD(fs2, 0x0000000000000000)               // +0
    SETD(fs3, 0x8000000000000000)               // -0
    SETD(fs4, 0x7ff0000000000000)               // +inf
    SETD(fs5, 0xfff0000000000000)               // -inf
    SETD(fs6, 0xffefffffffffffff)               // -max
    SETD(fs7, 0x7ff8000000000000)               // qNaN
    SETD(fs8, 0x7ff0000000000001)               // sNaN

    fsflags zero
    li a0, -1
    feq.d a0, fs0, fs0
    CHECK(1, a0, 1)
    feq.d a0, fs0, fs1
    CHECK(2, a0, 0)                             // one ulp apart
    feq.d a0, fs2, fs3
    CHECK(3, a0, 1)
    feq.d a0, fs7, fs7
    CHECK(4, a0, 0)
    CHECK_FLAGS(5, 0)
    feq.d a0, fs0, fs8
    CHECK(6, a0, 0)
    CHECK_FLAGS(7, NV)

    fsflags zero
    li a0, -1
    flt.d a0, fs0, fs1
    CHECK(8, a0, 1)
    flt.d a0, fs1, fs0
    CHECK(9, a0, 0)
    flt.d a0, fs3, fs2
    CHECK(10, a0, 0)
    flt.d a0, fs5, fs6
    CHECK(11, a0, 1)
    flt.d a0, fs6, fs3
    CHECK(12, a0, 1)
    CHECK_FLAGS(13, 0)
    flt.d a0, fs7, fs0
    CHECK(14, a0, 0)
    CHECK_FLAGS(15, NV)

    fsflags zero
    li a0, -1
    fle.d a0, fs0, fs0
    CHECK(16, a0, 1)
    fle.d a0, fs1, fs0
    CHECK(17, a0, 0)
    fle.d a0, fs2, fs3
    CHECK(18, a0, 1)
    fle.d a0, fs4, fs4
    CHECK(19, a0, 1)
    CHECK_FLAGS(20, 0)
    fle.d a0, fs0, fs7
    CHECK(21, a0, 0)
    CHECK_FLAGS(22, NV)

    fsflags zero
    fclass.d a0, fs5
    CHECK(23, a0, 0x001)                        // -inf
    fclass.d a0, fs6
    CHECK(24, a0, 0x002)                        // -normal
    SETD(fa0, 0x800fffffffffffff)
    fclass.d a0, fa0
    CHECK(25, a0, 0x004)                        // -subnormal
    fclass.d a0, fs3
    CHECK(26, a0, 0x008)                        // -0
    fclass.d a0, fs2
    CHECK(27, a0, 0x010)                        // +0
    SETD(fa0, 0x0000000000000001)
    fclass.d a0, fa0
    CHECK(28, a0, 0x020)                        // +subnormal
    SETD(fa0, 0x0010000000000000)
    fclass.d a0, fa0
    CHECK(29, a0, 0x040)                        // smallest normal
    fclass.d a0, fs0
    CHECK(30, a0, 0x040)
    fclass.d a0, fs4
    CHECK(31, a0, 0x080)                        // +inf
    fclass.d a0, fs8
    CHECK(32, a0, 0x100)                        // sNaN
    SETD(fa0, 0xfff7ffffffffffff)
    fclass.d a0, fa0
    CHECK(33, a0, 0x100)                        // negative sNaN
    fclass.d a0, fs7
    CHECK(34, a0, 0x200)                        // qNaN
    SETD(fa0, 0xffffffff7f800001)               // a boxed single sNaN is a qNaN double
    fclass.d a0, fa0
    CHECK(35, a0, 0x200)
    CHECK_FLAGS(36, 0)
TEST_END
