/*
 * RV64D fused multiply-add: fmadd.d fmsub.d fnmsub.d fnmadd.d.
 * a = 1+2^-27, b = 1+2^-26: a*b = 1 + 3*2^-27 + 2^-53, a tie that a lone
 * fmul.d rounds to the even p = 1 + 3*2^-27, losing 2^-53.
 */
#include "insn_test.h"

#define NV 0x10
#define OF 0x04
#define UF 0x02
#define NX 0x01

#define SETD(freg, bits)  li t0, bits; fmv.d.x freg, t0
#define CHECK_FLAGS(n, expected)  frflags t1; CHECK(n, t1, expected)

TEST_BEGIN
    fscsr zero

    fsflags zero
    SETD(fs0, 0x4000000000000000)               // 2.0
    SETD(fs1, 0x4008000000000000)               // 3.0
    SETD(fs2, 0x3ff0000000000000)               // 1.0
    fmadd.d fa0, fs0, fs1, fs2
    CHECK_FBITS(1, fa0, 0x401c000000000000)     // 7
    fmsub.d fa0, fs0, fs1, fs2
    CHECK_FBITS(2, fa0, 0x4014000000000000)     // 5
    fnmsub.d fa0, fs0, fs1, fs2
    CHECK_FBITS(3, fa0, 0xc014000000000000)     // -5
    fnmadd.d fa0, fs0, fs1, fs2
    CHECK_FBITS(4, fa0, 0xc01c000000000000)     // -7
    CHECK_FLAGS(5, 0)

    SETD(fs3, 0x3ff0000002000000)               // a = 1 + 2^-27
    SETD(fs4, 0x3ff0000004000000)               // b = 1 + 2^-26
    SETD(fs5, 0x3ff0000006000000)               // p = 1 + 3*2^-27
    SETD(fs6, 0xbff0000006000000)               // -p
    fmadd.d fa0, fs3, fs4, fs6
    CHECK_FBITS(6, fa0, 0x3ca0000000000000)     // 2^-53 exactly
    CHECK_FLAGS(7, 0)
    fmul.d fa1, fs3, fs4
    CHECK_FBITS(8, fa1, 0x3ff0000006000000)     // unfused multiply rounds
    fadd.d fa1, fa1, fs6
    CHECK_FBITS(9, fa1, 0)
    CHECK_FLAGS(10, NX)
    fsflags zero
    fmsub.d fa0, fs3, fs4, fs5
    CHECK_FBITS(11, fa0, 0x3ca0000000000000)
    fnmsub.d fa0, fs3, fs4, fs5
    CHECK_FBITS(12, fa0, 0xbca0000000000000)
    fnmadd.d fa0, fs3, fs4, fs6
    CHECK_FBITS(13, fa0, 0xbca0000000000000)
    CHECK_FLAGS(14, 0)

    /* sticky: + 2^-80 lifts the tie only when fused */
    SETD(fs7, 0x3af0000000000000)               // 2^-80
    fmadd.d fa0, fs3, fs4, fs7
    CHECK_FBITS(15, fa0, 0x3ff0000006000001)
    fmadd.d fa0, fs3, fs4, fs7, rtz
    CHECK_FBITS(16, fa0, 0x3ff0000006000000)
    CHECK_FLAGS(17, NX)

    /* negation before rounding */
    SETD(fs8, 0)                                // +0
    fnmadd.d fa0, fs3, fs4, fs8, rne
    CHECK_FBITS(18, fa0, 0xbff0000006000000)
    fnmadd.d fa0, fs3, fs4, fs8, rdn
    CHECK_FBITS(19, fa0, 0xbff0000006000001)
    fnmadd.d fa0, fs3, fs4, fs8, rup
    CHECK_FBITS(20, fa0, 0xbff0000006000000)
    fnmadd.d fa0, fs3, fs4, fs8, rmm
    CHECK_FBITS(21, fa0, 0xbff0000006000001)
    fnmadd.d fa0, fs3, fs4, fs8, rtz
    CHECK_FBITS(22, fa0, 0xbff0000006000000)
    fnmsub.d fa0, fs3, fs4, fs8, rdn
    CHECK_FBITS(23, fa0, 0xbff0000006000001)
    fmsub.d fa0, fs3, fs4, fs8, rup
    CHECK_FBITS(24, fa0, 0x3ff0000006000001)
    fmsub.d fa0, fs3, fs4, fs8, rdn
    CHECK_FBITS(25, fa0, 0x3ff0000006000000)
    fsrmi 4                                     // RMM via frm
    fmadd.d fa0, fs3, fs4, fs8, dyn
    CHECK_FBITS(26, fa0, 0x3ff0000006000001)
    fsrmi 0
    CHECK_FLAGS(27, NX)

    /* no intermediate overflow */
    fsflags zero
    SETD(fs9, 0x7fefffffffffffff)               // max
    SETD(fs10, 0xffefffffffffffff)              // -max
    fmadd.d fa0, fs9, fs0, fs10
    CHECK_FBITS(28, fa0, 0x7fefffffffffffff)
    CHECK_FLAGS(29, 0)
    fmadd.d fa0, fs9, fs0, fs8
    CHECK_FBITS(30, fa0, 0x7ff0000000000000)
    CHECK_FLAGS(31, OF|NX)

    /* underflow */
    fsflags zero
    SETD(fs11, 0x0000000000000001)
    SETD(ft0, 0x3fe0000000000000)               // 0.5
    fmadd.d fa0, fs11, ft0, fs11                // 1.5 * 2^-1074
    CHECK_FBITS(32, fa0, 0x0000000000000002)
    CHECK_FLAGS(33, UF|NX)

    /* zeros */
    fsflags zero
    SETD(ft1, 0x8000000000000000)               // -0
    fmadd.d fa0, ft1, fs2, ft1
    CHECK_FBITS(34, fa0, 0x8000000000000000)
    fnmadd.d fa0, fs8, fs2, fs8
    CHECK_FBITS(35, fa0, 0x8000000000000000)    // -(+0) - +0
    fnmsub.d fa0, fs8, fs2, fs8
    CHECK_FBITS(36, fa0, 0x0000000000000000)    // -(+0) + +0
    fnmsub.d fa0, fs8, fs2, fs8, rdn
    CHECK_FBITS(37, fa0, 0x8000000000000000)
    SETD(ft2, 0xbff0000000000000)               // -1.0
    fmadd.d fa0, fs2, fs2, ft2, rdn
    CHECK_FBITS(38, fa0, 0x8000000000000000)    // 1*1 - 1 in RDN
    CHECK_FLAGS(39, 0)

    /* invalid */
    SETD(ft3, 0x7ff0000000000000)               // +inf
    SETD(ft4, 0xfff0000000000000)               // -inf
    SETD(ft5, 0x7ff8000000000000)               // qNaN
    SETD(ft6, 0x7ff0000000000001)               // sNaN
    fsflags zero
    fmadd.d fa0, ft3, fs8, ft5                  // inf*0 + qNaN still NV
    CHECK_FBITS(40, fa0, 0x7ff8000000000000)
    CHECK_FLAGS(41, NV)
    fsflags zero
    fmadd.d fa0, fs8, ft3, fs2
    CHECK_FBITS(42, fa0, 0x7ff8000000000000)
    CHECK_FLAGS(43, NV)
    fsflags zero
    fmadd.d fa0, ft3, fs2, ft4
    CHECK_FBITS(44, fa0, 0x7ff8000000000000)
    CHECK_FLAGS(45, NV)
    fsflags zero
    fnmsub.d fa0, ft3, fs2, ft3
    CHECK_FBITS(46, fa0, 0x7ff8000000000000)
    CHECK_FLAGS(47, NV)
    fsflags zero
    fnmadd.d fa0, ft3, fs2, ft3
    CHECK_FBITS(48, fa0, 0xfff0000000000000)
    CHECK_FLAGS(49, 0)

    /* NaNs */
    fsflags zero
    fmadd.d fa0, ft5, fs2, fs2
    CHECK_FBITS(50, fa0, 0x7ff8000000000000)
    CHECK_FLAGS(51, 0)
    fmsub.d fa0, fs2, fs2, ft6
    CHECK_FBITS(52, fa0, 0x7ff8000000000000)
    CHECK_FLAGS(53, NV)

    /* all four operands in one register */
    SETD(fa0, 0x4008000000000000)               // 3.0
    fmadd.d fa0, fa0, fa0, fa0
    CHECK_FBITS(54, fa0, 0x4028000000000000)    // 3*3 + 3 = 12
    fmsub.d fa0, fa0, fa0, fa0
    CHECK_FBITS(55, fa0, 0x4060800000000000)    // 12*12 - 12 = 132
TEST_END
