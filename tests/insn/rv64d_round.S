/*
 * RV64D rounding modes, static rm and rm=dyn. As for single:
 *   1 + 2^-53            tie, even below
 *   (1+2^-52) + 2^-53    tie, odd below
 *   -1 - 2^-53           negative tie
 * separate RNE RTZ RDN RUP RMM.
 */
#include "insn_test.h"

#define OF 0x04
#define UF 0x02
#define NX 0x01

#define SETD(freg, bits)  li t0, bits; fmv.d.x freg, t0
#define CHECK_FLAGS(n, expected)  frflags t1; CHECK(n, t1, expected)

TEST_BEGIN
    fscsr zero
    SETD(fs0, 0x3ff0000000000000)               // 1.0
    SETD(fs1, 0x3ca0000000000000)               // 2^-53
    SETD(fs2, 0x3ff0000000000001)               // 1 + 2^-52
    SETD(fs3, 0xbff0000000000000)               // -1.0
    SETD(fs4, 0xbca0000000000000)               // -2^-53

    fsflags zero
    fadd.d fa0, fs0, fs1, rne
    CHECK_FBITS(1, fa0, 0x3ff0000000000000)
    fadd.d fa0, fs0, fs1, rtz
    CHECK_FBITS(2, fa0, 0x3ff0000000000000)
    fadd.d fa0, fs0, fs1, rdn
    CHECK_FBITS(3, fa0, 0x3ff0000000000000)
    fadd.d fa0, fs0, fs1, rup
    CHECK_FBITS(4, fa0, 0x3ff0000000000001)
    fadd.d fa0, fs0, fs1, rmm
    CHECK_FBITS(5, fa0, 0x3ff0000000000001)
    CHECK_FLAGS(6, NX)

    fadd.d fa0, fs2, fs1, rne
    CHECK_FBITS(7, fa0, 0x3ff0000000000002)
    fadd.d fa0, fs2, fs1, rtz
    CHECK_FBITS(8, fa0, 0x3ff0000000000001)
    fadd.d fa0, fs2, fs1, rdn
    CHECK_FBITS(9, fa0, 0x3ff0000000000001)
    fadd.d fa0, fs2, fs1, rup
    CHECK_FBITS(10, fa0, 0x3ff0000000000002)
    fadd.d fa0, fs2, fs1, rmm
    CHECK_FBITS(11, fa0, 0x3ff0000000000002)

    fadd.d fa0, fs3, fs4, rne
    CHECK_FBITS(12, fa0, 0xbff0000000000000)
    fadd.d fa0, fs3, fs4, rtz
    CHECK_FBITS(13, fa0, 0xbff0000000000000)
    fadd.d fa0, fs3, fs4, rdn
    CHECK_FBITS(14, fa0, 0xbff0000000000001)
    fadd.d fa0, fs3, fs4, rup
    CHECK_FBITS(15, fa0, 0xbff0000000000000)
    fadd.d fa0, fs3, fs4, rmm
    CHECK_FBITS(16, fa0, 0xbff0000000000001)
    fsub.d fa0, fs3, fs1, rdn
    CHECK_FBITS(17, fa0, 0xbff0000000000001)

    /* 1/3 and -1/3 */
    SETD(fs5, 0x4008000000000000)               // 3.0
    fdiv.d fa0, fs0, fs5, rne
    CHECK_FBITS(18, fa0, 0x3fd5555555555555)
    fdiv.d fa0, fs0, fs5, rup
    CHECK_FBITS(19, fa0, 0x3fd5555555555556)
    fdiv.d fa0, fs0, fs5, rmm
    CHECK_FBITS(20, fa0, 0x3fd5555555555555)    // not a tie: nearest
    fdiv.d fa0, fs3, fs5, rdn
    CHECK_FBITS(21, fa0, 0xbfd5555555555556)
    fdiv.d fa0, fs3, fs5, rtz
    CHECK_FBITS(22, fa0, 0xbfd5555555555555)

    /* fmul tie: 1.5 * (1+2^-52) = 1.5 + 2^-52 + 2^-53 */
    SETD(fs6, 0x3ff8000000000000)
    fmul.d fa0, fs6, fs2, rne
    CHECK_FBITS(23, fa0, 0x3ff8000000000002)
    fmul.d fa0, fs6, fs2, rtz
    CHECK_FBITS(24, fa0, 0x3ff8000000000001)
    fmul.d fa0, fs6, fs2, rmm
    CHECK_FBITS(25, fa0, 0x3ff8000000000002)

    /* fsqrt 2 lies below 0x3ff6a09e667f3bcd */
    SETD(fs7, 0x4000000000000000)
    fsqrt.d fa0, fs7, rup
    CHECK_FBITS(26, fa0, 0x3ff6a09e667f3bcd)
    fsqrt.d fa0, fs7, rtz
    CHECK_FBITS(27, fa0, 0x3ff6a09e667f3bcc)
    fsqrt.d fa0, fs7, rdn
    CHECK_FBITS(28, fa0, 0x3ff6a09e667f3bcc)
    CHECK_FLAGS(29, NX)

    /* overflow by mode */
    fsflags zero
    SETD(fs8, 0x7fefffffffffffff)
    SETD(fs9, 0xffefffffffffffff)
    fmul.d fa0, fs8, fs7, rne
    CHECK_FBITS(30, fa0, 0x7ff0000000000000)
    fmul.d fa0, fs8, fs7, rtz
    CHECK_FBITS(31, fa0, 0x7fefffffffffffff)
    fmul.d fa0, fs8, fs7, rdn
    CHECK_FBITS(32, fa0, 0x7fefffffffffffff)
    fmul.d fa0, fs8, fs7, rup
    CHECK_FBITS(33, fa0, 0x7ff0000000000000)
    fmul.d fa0, fs8, fs7, rmm
    CHECK_FBITS(34, fa0, 0x7ff0000000000000)
    fmul.d fa0, fs9, fs7, rtz
    CHECK_FBITS(35, fa0, 0xffefffffffffffff)
    fmul.d fa0, fs9, fs7, rdn
    CHECK_FBITS(36, fa0, 0xfff0000000000000)
    fmul.d fa0, fs9, fs7, rup
    CHECK_FBITS(37, fa0, 0xffefffffffffffff)
    CHECK_FLAGS(38, OF|NX)

    /* zero signs */
    fsflags zero
    SETD(fs10, 0x0000000000000000)
    SETD(fs11, 0x8000000000000000)
    fadd.d fa0, fs10, fs11, rdn
    CHECK_FBITS(39, fa0, 0x8000000000000000)
    fadd.d fa0, fs11, fs11, rne
    CHECK_FBITS(40, fa0, 0x8000000000000000)
    fadd.d fa0, fs10, fs11, rup
    CHECK_FBITS(41, fa0, 0x0000000000000000)
    fsub.d fa0, fs0, fs0, rdn
    CHECK_FBITS(42, fa0, 0x8000000000000000)
    fsub.d fa0, fs0, fs0, rmm
    CHECK_FBITS(43, fa0, 0x0000000000000000)
    CHECK_FLAGS(44, 0)

    /* 2^-1075 by mode */
    fsflags zero
    SETD(ft0, 0x0000000000000001)
    SETD(ft1, 0x3fe0000000000000)               // 0.5
    SETD(ft2, 0xbfe0000000000000)               // -0.5
    fmul.d fa0, ft0, ft1, rup
    CHECK_FBITS(45, fa0, 0x0000000000000001)
    fmul.d fa0, ft0, ft1, rmm
    CHECK_FBITS(46, fa0, 0x0000000000000001)
    fmul.d fa0, ft0, ft1, rtz
    CHECK_FBITS(47, fa0, 0x0000000000000000)
    fmul.d fa0, ft0, ft2, rdn
    CHECK_FBITS(48, fa0, 0x8000000000000001)
    fmul.d fa0, ft0, ft2, rne
    CHECK_FBITS(49, fa0, 0x8000000000000000)
    CHECK_FLAGS(50, UF|NX)

    /* dynamic mode */
    fsflags zero
    fsrmi a1, 3                                 // RUP
    CHECK(51, a1, 0)
    fadd.d fa0, fs0, fs1, dyn
    CHECK_FBITS(52, fa0, 0x3ff0000000000001)
    fadd.d fa0, fs0, fs1
    CHECK_FBITS(53, fa0, 0x3ff0000000000001)    // default rm is dyn
    fadd.d fa0, fs0, fs1, rne
    CHECK_FBITS(54, fa0, 0x3ff0000000000000)
    fsrmi 1                                     // RTZ
    fadd.d fa0, fs2, fs1, dyn
    CHECK_FBITS(55, fa0, 0x3ff0000000000001)
    fsrmi 2                                     // RDN
    fadd.d fa0, fs3, fs4, dyn
    CHECK_FBITS(56, fa0, 0xbff0000000000001)
    fsub.d fa0, fs0, fs0, dyn
    CHECK_FBITS(57, fa0, 0x8000000000000000)
    fsrmi 4                                     // RMM
    fadd.d fa0, fs0, fs1, dyn
    CHECK_FBITS(58, fa0, 0x3ff0000000000001)
    fsrmi 0
    fadd.d fa0, fs2, fs1, dyn
    CHECK_FBITS(59, fa0, 0x3ff0000000000002)
    CHECK_FLAGS(60, NX)
TEST_END
