/*
 * RV64F fused multiply-add: fmadd.s fmsub.s fnmsub.s fnmadd.s.
 *   fmadd = a*b + c    fmsub = a*b - c
 *   fnmsub = -(a*b) + c    fnmadd = -(a*b) - c
 * One rounding for the whole expression: cases where a separate fmul
 * then fadd would give another answer, and where the sign is applied
 * before rounding (directed modes).
 */
#include "insn_test.h"

#define NV 0x10
#define DZ 0x08
#define OF 0x04
#define UF 0x02
#define NX 0x01

#define SETS(freg, bits)  li t0, bits; fmv.w.x freg, t0
#define CHECK_FLAGS(n, expected)  frflags t1; CHECK(n, t1, expected)

TEST_BEGIN
    fscsr zero

    /* signs of the four forms: 2*3 and 1 */
    fsflags zero
    SETS(fs0, 0x40000000)                       // 2.0
    SETS(fs1, 0x40400000)                       // 3.0
    SETS(fs2, 0x3f800000)                       // 1.0
    fmadd.s fa0, fs0, fs1, fs2
    CHECK_FBITS_S(1, fa0, 0x40e00000)           // 7
    fmsub.s fa0, fs0, fs1, fs2
    CHECK_FBITS_S(2, fa0, 0x40a00000)           // 5
    fnmsub.s fa0, fs0, fs1, fs2
    CHECK_FBITS_S(3, fa0, 0xc0a00000)           // -5
    fnmadd.s fa0, fs0, fs1, fs2
    CHECK_FBITS_S(4, fa0, 0xc0e00000)           // -7
    CHECK_FLAGS(5, 0)

    /* a = 1+2^-12; a*a = 1 + 2^-11 + 2^-24 is a tie that a lone fmul rounds
       to the even 1+2^-11, losing the 2^-24 */
    SETS(fs3, 0x3f800800)                       // a = 1 + 2^-12
    SETS(fs4, 0xbf801000)                       // -(1 + 2^-11)
    SETS(fs5, 0x3f801000)                       // 1 + 2^-11
    fsflags zero
    fmadd.s fa0, fs3, fs3, fs4
    CHECK_FBITS_S(6, fa0, 0x33800000)           // exactly 2^-24
    CHECK_FLAGS(7, 0)                           // fused result is exact
    fmul.s fa1, fs3, fs3
    CHECK_FBITS_S(8, fa1, 0x3f801000)           // separate multiply rounds...
    fadd.s fa1, fa1, fs4
    CHECK_FBITS_S(9, fa1, 0x00000000)           // ...and the sum is 0
    CHECK_FLAGS(10, NX)
    fsflags zero
    fmsub.s fa0, fs3, fs3, fs5
    CHECK_FBITS_S(11, fa0, 0x33800000)
    fnmsub.s fa0, fs3, fs3, fs5
    CHECK_FBITS_S(12, fa0, 0xb3800000)          // -(a*a) + (1+2^-11)
    fnmadd.s fa0, fs3, fs3, fs4
    CHECK_FBITS_S(13, fa0, 0xb3800000)          // -(a*a) - -(1+2^-11)
    CHECK_FLAGS(14, 0)

    /* sticky bits: adding 2^-40 pushes the tie up only when fused */
    SETS(fs6, 0x2b800000)                       // 2^-40 (exponent 87)
    fmadd.s fa0, fs3, fs3, fs6
    CHECK_FBITS_S(15, fa0, 0x3f801001)
    fmadd.s fa0, fs3, fs3, fs6, rtz
    CHECK_FBITS_S(16, fa0, 0x3f801000)
    CHECK_FLAGS(17, NX)

    /* the negation happens before rounding */
    SETS(fs7, 0x00000000)                       // +0
    fnmadd.s fa0, fs3, fs3, fs7, rne
    CHECK_FBITS_S(18, fa0, 0xbf801000)
    fnmadd.s fa0, fs3, fs3, fs7, rdn
    CHECK_FBITS_S(19, fa0, 0xbf801001)
    fnmadd.s fa0, fs3, fs3, fs7, rup
    CHECK_FBITS_S(20, fa0, 0xbf801000)
    fnmadd.s fa0, fs3, fs3, fs7, rmm
    CHECK_FBITS_S(21, fa0, 0xbf801001)
    fnmadd.s fa0, fs3, fs3, fs7, rtz
    CHECK_FBITS_S(22, fa0, 0xbf801000)
    fnmsub.s fa0, fs3, fs3, fs7, rdn
    CHECK_FBITS_S(23, fa0, 0xbf801001)
    fnmsub.s fa0, fs3, fs3, fs7, rup
    CHECK_FBITS_S(24, fa0, 0xbf801000)
    fmsub.s fa0, fs3, fs3, fs7, rdn
    CHECK_FBITS_S(25, fa0, 0x3f801000)
    fmsub.s fa0, fs3, fs3, fs7, rup
    CHECK_FBITS_S(26, fa0, 0x3f801001)
    fmadd.s fa0, fs3, fs3, fs7, rmm
    CHECK_FBITS_S(27, fa0, 0x3f801001)
    li a0, 2                                    // frm = RDN
    fsrm a0
    fnmadd.s fa0, fs3, fs3, fs7, dyn
    CHECK_FBITS_S(28, fa0, 0xbf801001)
    fsrm zero
    CHECK_FLAGS(29, NX)

    /* no intermediate overflow: 2*max - max = max exactly */
    fsflags zero
    SETS(fs8, 0x7f7fffff)                       // max
    SETS(fs9, 0xff7fffff)                       // -max
    fmadd.s fa0, fs8, fs0, fs9
    CHECK_FBITS_S(30, fa0, 0x7f7fffff)
    fnmsub.s fa0, fs8, fs0, fs8                 // -(2max) + max
    CHECK_FBITS_S(31, fa0, 0xff7fffff)
    CHECK_FLAGS(32, 0)
    fmadd.s fa0, fs8, fs0, fs7
    CHECK_FBITS_S(33, fa0, 0x7f800000)
    CHECK_FLAGS(34, OF|NX)

    /* underflow */
    fsflags zero
    SETS(fs10, 0x00000001)                      // 2^-149
    SETS(fs11, 0x3f000000)                      // 0.5
    fmadd.s fa0, fs10, fs11, fs10               // 1.5 * 2^-149 ties to 2^-148
    CHECK_FBITS_S(35, fa0, 0x00000002)
    CHECK_FLAGS(36, UF|NX)

    /* zero results and their signs */
    fsflags zero
    SETS(ft0, 0x80000000)                       // -0
    fmadd.s fa0, ft0, fs2, ft0
    CHECK_FBITS_S(37, fa0, 0x80000000)          // -0*1 + -0
    fmadd.s fa0, fs7, fs2, ft0
    CHECK_FBITS_S(38, fa0, 0x00000000)          // +0 + -0
    fmadd.s fa0, fs7, fs2, ft0, rdn
    CHECK_FBITS_S(39, fa0, 0x80000000)
    fnmadd.s fa0, fs7, fs2, fs7
    CHECK_FBITS_S(40, fa0, 0x80000000)          // -(+0) - +0 = -0
    fnmsub.s fa0, fs7, fs2, fs7
    CHECK_FBITS_S(41, fa0, 0x00000000)          // -(+0) + +0 = +0
    fnmsub.s fa0, fs7, fs2, fs7, rdn
    CHECK_FBITS_S(42, fa0, 0x80000000)
    fmsub.s fa0, fs7, fs2, fs7, rdn
    CHECK_FBITS_S(43, fa0, 0x80000000)
    SETS(ft1, 0xbf800000)                       // -1.0
    fmadd.s fa0, fs2, fs2, ft1
    CHECK_FBITS_S(44, fa0, 0x00000000)          // 1*1 - 1 exact zero
    fmadd.s fa0, fs2, fs2, ft1, rdn
    CHECK_FBITS_S(45, fa0, 0x80000000)
    CHECK_FLAGS(46, 0)

    /* invalid: inf*0 (even with a quiet NaN addend), inf - inf */
    SETS(ft2, 0x7f800000)                       // +inf
    SETS(ft3, 0xff800000)                       // -inf
    SETS(ft4, 0x7fc00000)                       // quiet NaN
    SETS(ft5, 0x7f800001)                       // signaling NaN
    fsflags zero
    fmadd.s fa0, ft2, fs7, ft4
    CHECK_FBITS_S(47, fa0, 0x7fc00000)
    CHECK_FLAGS(48, NV)
    fsflags zero
    fmadd.s fa0, fs7, ft2, fs2
    CHECK_FBITS_S(49, fa0, 0x7fc00000)          // 0*inf + 1
    CHECK_FLAGS(50, NV)
    fsflags zero
    fmadd.s fa0, ft2, fs2, ft3
    CHECK_FBITS_S(51, fa0, 0x7fc00000)          // inf + -inf
    CHECK_FLAGS(52, NV)
    fsflags zero
    fmsub.s fa0, ft2, fs2, ft2
    CHECK_FBITS_S(53, fa0, 0x7fc00000)          // inf - inf
    CHECK_FLAGS(54, NV)
    fsflags zero
    fnmadd.s fa0, ft2, fs2, ft3
    CHECK_FBITS_S(55, fa0, 0x7fc00000)          // -inf - -inf
    CHECK_FLAGS(56, NV)
    fsflags zero
    fnmsub.s fa0, ft2, fs2, ft2
    CHECK_FBITS_S(57, fa0, 0x7fc00000)          // -inf + inf
    CHECK_FLAGS(58, NV)
    fsflags zero
    fnmadd.s fa0, ft2, fs2, ft2
    CHECK_FBITS_S(59, fa0, 0xff800000)          // -inf - inf is fine
    CHECK_FLAGS(60, 0)

    /* NaN operands */
    fsflags zero
    fmadd.s fa0, ft4, fs2, fs2
    CHECK_FBITS_S(61, fa0, 0x7fc00000)
    fnmsub.s fa0, fs2, fs2, ft4
    CHECK_FBITS_S(62, fa0, 0x7fc00000)
    CHECK_FLAGS(63, 0)
    fsflags zero
    fmadd.s fa0, fs2, fs2, ft5
    CHECK_FBITS_S(64, fa0, 0x7fc00000)
    CHECK_FLAGS(65, NV)
    fsflags zero
    fnmadd.s fa0, fs2, ft5, fs2
    CHECK_FBITS_S(66, fa0, 0x7fc00000)
    CHECK_FLAGS(67, NV)

    /* all four operands in one register */
    SETS(fa0, 0x40000000)                       // 2.0
    fmadd.s fa0, fa0, fa0, fa0
    CHECK_FBITS_S(68, fa0, 0x40c00000)          // 2*2 + 2 = 6
    fnmsub.s fa0, fa0, fa0, fa0
    CHECK_FBITS_S(69, fa0, 0xc1f00000)          // -(6*6) + 6 = -30
TEST_END
