/*
 * RV64D arithmetic: fadd.d fsub.d fmul.d fdiv.d fsqrt.d in RNE.
 * Special values, signed zeros, each exception flag, and accumulation.
 */
#include "insn_test.h"

#define NV 0x10
#define DZ 0x08
#define OF 0x04
#define UF 0x02
#define NX 0x01

#define SETD(freg, bits)  li t0, bits; fmv.d.x freg, t0
#define CHECK_FLAGS(n, expected)  frflags t1; CHECK(n, t1, expected)

TEST_BEGIN
    fscsr zero

    /* exact results */
    fsflags zero
    SETD(fa0, 0x3ff0000000000000)               // 1.0
    SETD(fa1, 0x4000000000000000)               // 2.0
    fadd.d fa2, fa0, fa1
    CHECK_FBITS(1, fa2, 0x4008000000000000)     // 3.0
    fsub.d fa2, fa0, fa1
    CHECK_FBITS(2, fa2, 0xbff0000000000000)     // -1.0
    SETD(fa3, 0x3ff8000000000000)               // 1.5
    SETD(fa4, 0x4004000000000000)               // 2.5
    fmul.d fa2, fa3, fa4
    CHECK_FBITS(3, fa2, 0x400e000000000000)     // 3.75
    fdiv.d fa2, fa0, fa1
    CHECK_FBITS(4, fa2, 0x3fe0000000000000)     // 0.5
    SETD(fa5, 0x4010000000000000)               // 4.0
    fsqrt.d fa2, fa5
    CHECK_FBITS(5, fa2, 0x4000000000000000)
    SETD(fa6, 0x3ca0000000000000)               // 2^-53
    fsub.d fa2, fa0, fa6
    CHECK_FBITS(6, fa2, 0x3fefffffffffffff)     // 1 - 2^-53 exact
    CHECK_FLAGS(7, 0)

    /* inexact */
    fsflags zero
    SETD(fa1, 0x4008000000000000)               // 3.0
    fdiv.d fa2, fa0, fa1
    CHECK_FBITS(8, fa2, 0x3fd5555555555555)     // 1/3: dropped bits 0101.. round down
    CHECK_FLAGS(9, NX)
    fsflags zero
    SETD(fa1, 0x4000000000000000)
    fsqrt.d fa2, fa1
    CHECK_FBITS(10, fa2, 0x3ff6a09e667f3bcd)    // sqrt 2, 0.43 ulp below this
    CHECK_FLAGS(11, NX)

    /* invalid operations */
    fsflags zero
    SETD(fa0, 0)                                // +0
    fdiv.d fa2, fa0, fa0
    CHECK_FBITS(12, fa2, 0x7ff8000000000000)    // 0/0
    CHECK_FLAGS(13, NV)
    fsflags zero
    SETD(fa1, 0x7ff0000000000000)               // +inf
    fsub.d fa2, fa1, fa1
    CHECK_FBITS(14, fa2, 0x7ff8000000000000)    // inf - inf
    CHECK_FLAGS(15, NV)
    fsflags zero
    SETD(fa3, 0xfff0000000000000)               // -inf
    fadd.d fa2, fa3, fa1
    CHECK_FBITS(16, fa2, 0x7ff8000000000000)
    CHECK_FLAGS(17, NV)
    fsflags zero
    fmul.d fa2, fa1, fa0
    CHECK_FBITS(18, fa2, 0x7ff8000000000000)    // inf * 0
    CHECK_FLAGS(19, NV)
    fsflags zero
    fdiv.d fa2, fa3, fa1
    CHECK_FBITS(20, fa2, 0x7ff8000000000000)    // -inf / inf
    CHECK_FLAGS(21, NV)
    fsflags zero
    SETD(fa4, 0xbff0000000000000)               // -1.0
    fsqrt.d fa2, fa4
    CHECK_FBITS(22, fa2, 0x7ff8000000000000)    // sqrt(-1)
    CHECK_FLAGS(23, NV)
    fsflags zero
    SETD(fa5, 0x8000000000000001)               // -smallest subnormal
    fsqrt.d fa2, fa5
    CHECK_FBITS(24, fa2, 0x7ff8000000000000)    // any negative nonzero
    CHECK_FLAGS(25, NV)

    /* NaN inputs */
    fsflags zero
    SETD(fa5, 0xfff8000000012345)               // quiet NaN with sign and payload
    SETD(fa6, 0x3ff0000000000000)               // 1.0
    fadd.d fa2, fa5, fa6
    CHECK_FBITS(26, fa2, 0x7ff8000000000000)
    fdiv.d fa2, fa6, fa5
    CHECK_FBITS(27, fa2, 0x7ff8000000000000)
    fsqrt.d fa2, fa5
    CHECK_FBITS(28, fa2, 0x7ff8000000000000)
    CHECK_FLAGS(29, 0)
    fsflags zero
    SETD(fa7, 0x7ff0000000000001)               // signaling NaN
    fmul.d fa2, fa7, fa6
    CHECK_FBITS(30, fa2, 0x7ff8000000000000)
    CHECK_FLAGS(31, NV)
    fsflags zero
    fsub.d fa2, fa6, fa7
    CHECK_FBITS(32, fa2, 0x7ff8000000000000)
    CHECK_FLAGS(33, NV)
    fsflags zero
    fsqrt.d fa2, fa7
    CHECK_FBITS(34, fa2, 0x7ff8000000000000)
    CHECK_FLAGS(35, NV)
    fsflags zero
    SETD(ft0, 0x7ff7ffffffffffff)               // sNaN, largest payload
    fadd.d fa2, fa5, ft0
    CHECK_FBITS(36, fa2, 0x7ff8000000000000)
    CHECK_FLAGS(37, NV)

    /* divide by zero */
    fsflags zero
    SETD(fa0, 0x0000000000000000)               // +0
    SETD(fa1, 0x8000000000000000)               // -0
    fdiv.d fa2, fa6, fa0
    CHECK_FBITS(38, fa2, 0x7ff0000000000000)
    CHECK_FLAGS(39, DZ)
    fsflags zero
    fdiv.d fa2, fa6, fa1
    CHECK_FBITS(40, fa2, 0xfff0000000000000)
    SETD(fa3, 0xbff0000000000000)
    fdiv.d fa2, fa3, fa0
    CHECK_FBITS(41, fa2, 0xfff0000000000000)
    CHECK_FLAGS(42, DZ)
    fsflags zero
    SETD(fa4, 0x7ff0000000000000)
    fdiv.d fa2, fa4, fa1
    CHECK_FBITS(43, fa2, 0xfff0000000000000)    // inf / -0: exact, no DZ
    CHECK_FLAGS(44, 0)

    /* overflow */
    fsflags zero
    SETD(fa0, 0x7fefffffffffffff)               // max
    SETD(fa1, 0x4000000000000000)
    fmul.d fa2, fa0, fa1
    CHECK_FBITS(45, fa2, 0x7ff0000000000000)
    CHECK_FLAGS(46, OF|NX)
    fsflags zero
    fmul.d fa2, fa0, fa1, rtz
    CHECK_FBITS(47, fa2, 0x7fefffffffffffff)    // RTZ: largest finite
    CHECK_FLAGS(48, OF|NX)

    /* underflow */
    fsflags zero
    SETD(fa0, 0x0010000000000000)               // 2^-1022
    SETD(fa1, 0x3fe0000000000000)               // 0.5
    fmul.d fa2, fa0, fa1
    CHECK_FBITS(49, fa2, 0x0008000000000000)    // exact subnormal
    CHECK_FLAGS(50, 0)
    fsflags zero
    SETD(fa3, 0x0000000000000001)               // 2^-1074
    fmul.d fa2, fa3, fa1
    CHECK_FBITS(51, fa2, 0)                     // half of it ties to 0
    CHECK_FLAGS(52, UF|NX)
    fsflags zero
    SETD(fa4, 0x3ff8000000000000)
    fmul.d fa2, fa3, fa4
    CHECK_FBITS(53, fa2, 0x0000000000000002)    // 1.5 ulp ties to 2
    CHECK_FLAGS(54, UF|NX)
    fsflags zero
    SETD(fa5, 0x4008000000000000)
    fdiv.d fa2, fa0, fa5
    CHECK_FBITS(55, fa2, 0x0005555555555555)    // 2^52/3 = 0x5555555555555.55
    CHECK_FLAGS(56, UF|NX)
    fsflags zero
    SETD(fa6, 0x000fffffffffffff)               // largest subnormal
    SETD(fa7, 0x3ff0000000000001)               // 1 + 2^-52
    fmul.d fa2, fa6, fa7
    CHECK_FBITS(57, fa2, 0x0010000000000000)    // rounds up to normal: not tiny
    CHECK_FLAGS(58, NX)

    /* signed zeros */
    fsflags zero
    SETD(fa0, 0x0000000000000000)
    SETD(fa1, 0x8000000000000000)
    fadd.d fa2, fa1, fa1
    CHECK_FBITS(59, fa2, 0x8000000000000000)    // -0 + -0
    fadd.d fa2, fa0, fa1
    CHECK_FBITS(60, fa2, 0x0000000000000000)    // +0 + -0, RNE
    fadd.d fa2, fa0, fa1, rdn
    CHECK_FBITS(61, fa2, 0x8000000000000000)    // +0 + -0, RDN
    SETD(fa3, 0x4014000000000000)               // 5.0
    fsub.d fa2, fa3, fa3
    CHECK_FBITS(62, fa2, 0x0000000000000000)    // x - x, RNE
    fsub.d fa2, fa3, fa3, rdn
    CHECK_FBITS(63, fa2, 0x8000000000000000)    // x - x, RDN
    fsub.d fa2, fa1, fa0
    CHECK_FBITS(64, fa2, 0x8000000000000000)    // -0 - +0
    fmul.d fa2, fa1, fa3
    CHECK_FBITS(65, fa2, 0x8000000000000000)
    fsqrt.d fa2, fa1
    CHECK_FBITS(66, fa2, 0x8000000000000000)
    CHECK_FLAGS(67, 0)

    /* flags accumulate until cleared */
    fsflags zero
    SETD(fa0, 0x3ff0000000000000)
    SETD(fa1, 0x4008000000000000)
    SETD(fa2, 0)
    fdiv.d fa3, fa0, fa1                        // NX
    fdiv.d fa3, fa0, fa2                        // DZ
    CHECK_FLAGS(68, DZ|NX)
    fadd.d fa3, fa0, fa0                        // exact
    CHECK_FLAGS(69, DZ|NX)
    fdiv.d fa3, fa2, fa2                        // NV
    CHECK_FLAGS(70, NV|DZ|NX)
    fsflags a0, zero
    CHECK(71, a0, NV|DZ|NX)
    CHECK_FLAGS(72, 0)
TEST_END
