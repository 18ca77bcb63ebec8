/*
 * RV64F rounding modes: static rm fields RNE RTZ RDN RUP RMM on results
 * that round differently in each, then the dynamic mode (rm=dyn reads frm).
 * Three tie sums separate all five modes:
 *   1 + 2^-24            tie, even below:  RNE RTZ RDN down, RUP RMM up
 *   (1+2^-23) + 2^-24    tie, odd below:   RNE RUP RMM up,   RTZ RDN down
 *   -1 - 2^-24           tie, negative:    RNE RTZ RUP to -1, RDN RMM away
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
    SETS(fs0, 0x3f800000)                       // 1.0
    SETS(fs1, 0x33800000)                       // 2^-24 (exponent 103)
    SETS(fs2, 0x3f800001)                       // 1 + 2^-23
    SETS(fs3, 0xbf800000)                       // -1.0
    SETS(fs4, 0xb3800000)                       // -2^-24

    /* tie, even below */
    fsflags zero
    fadd.s fa0, fs0, fs1, rne
    CHECK_FBITS_S(1, fa0, 0x3f800000)
    fadd.s fa0, fs0, fs1, rtz
    CHECK_FBITS_S(2, fa0, 0x3f800000)
    fadd.s fa0, fs0, fs1, rdn
    CHECK_FBITS_S(3, fa0, 0x3f800000)
    fadd.s fa0, fs0, fs1, rup
    CHECK_FBITS_S(4, fa0, 0x3f800001)
    fadd.s fa0, fs0, fs1, rmm
    CHECK_FBITS_S(5, fa0, 0x3f800001)
    CHECK_FLAGS(6, NX)

    /* tie, odd below */
    fadd.s fa0, fs2, fs1, rne
    CHECK_FBITS_S(7, fa0, 0x3f800002)
    fadd.s fa0, fs2, fs1, rtz
    CHECK_FBITS_S(8, fa0, 0x3f800001)
    fadd.s fa0, fs2, fs1, rdn
    CHECK_FBITS_S(9, fa0, 0x3f800001)
    fadd.s fa0, fs2, fs1, rup
    CHECK_FBITS_S(10, fa0, 0x3f800002)
    fadd.s fa0, fs2, fs1, rmm
    CHECK_FBITS_S(11, fa0, 0x3f800002)

    /* negative tie */
    fadd.s fa0, fs3, fs4, rne
    CHECK_FBITS_S(12, fa0, 0xbf800000)
    fadd.s fa0, fs3, fs4, rtz
    CHECK_FBITS_S(13, fa0, 0xbf800000)
    fadd.s fa0, fs3, fs4, rdn
    CHECK_FBITS_S(14, fa0, 0xbf800001)
    fadd.s fa0, fs3, fs4, rup
    CHECK_FBITS_S(15, fa0, 0xbf800000)
    fadd.s fa0, fs3, fs4, rmm
    CHECK_FBITS_S(16, fa0, 0xbf800001)
    /* fsub with the same operands negated */
    fsub.s fa0, fs3, fs1, rdn
    CHECK_FBITS_S(17, fa0, 0xbf800001)
    fsub.s fa0, fs3, fs1, rtz
    CHECK_FBITS_S(18, fa0, 0xbf800000)

    /* 1/3 and -1/3 (guard bits 1010..: above the half, not a tie) */
    SETS(fs5, 0x40400000)                       // 3.0
    fdiv.s fa0, fs0, fs5, rne
    CHECK_FBITS_S(19, fa0, 0x3eaaaaab)
    fdiv.s fa0, fs0, fs5, rtz
    CHECK_FBITS_S(20, fa0, 0x3eaaaaaa)
    fdiv.s fa0, fs0, fs5, rdn
    CHECK_FBITS_S(21, fa0, 0x3eaaaaaa)
    fdiv.s fa0, fs0, fs5, rup
    CHECK_FBITS_S(22, fa0, 0x3eaaaaab)
    fdiv.s fa0, fs0, fs5, rmm
    CHECK_FBITS_S(23, fa0, 0x3eaaaaab)
    fdiv.s fa0, fs3, fs5, rdn
    CHECK_FBITS_S(24, fa0, 0xbeaaaaab)
    fdiv.s fa0, fs3, fs5, rup
    CHECK_FBITS_S(25, fa0, 0xbeaaaaaa)
    fdiv.s fa0, fs3, fs5, rtz
    CHECK_FBITS_S(26, fa0, 0xbeaaaaaa)

    /* fmul tie: 1.5 * (1+2^-23) = 1.5 + 2^-23 + 2^-24, odd below */
    SETS(fs6, 0x3fc00000)                       // 1.5
    fmul.s fa0, fs6, fs2, rne
    CHECK_FBITS_S(27, fa0, 0x3fc00002)
    fmul.s fa0, fs6, fs2, rtz
    CHECK_FBITS_S(28, fa0, 0x3fc00001)
    fmul.s fa0, fs6, fs2, rmm
    CHECK_FBITS_S(29, fa0, 0x3fc00002)

    /* fsqrt 2 = 0x3fb504f3 + 0.06 ulp */
    SETS(fs7, 0x40000000)
    fsqrt.s fa0, fs7, rup
    CHECK_FBITS_S(30, fa0, 0x3fb504f4)
    fsqrt.s fa0, fs7, rdn
    CHECK_FBITS_S(31, fa0, 0x3fb504f3)
    CHECK_FLAGS(32, NX)

    /* overflow: each mode picks inf or the largest finite */
    fsflags zero
    SETS(fs8, 0x7f7fffff)                       // max
    SETS(fs9, 0xff7fffff)                       // -max
    fmul.s fa0, fs8, fs7, rne
    CHECK_FBITS_S(33, fa0, 0x7f800000)
    fmul.s fa0, fs8, fs7, rtz
    CHECK_FBITS_S(34, fa0, 0x7f7fffff)
    fmul.s fa0, fs8, fs7, rdn
    CHECK_FBITS_S(35, fa0, 0x7f7fffff)
    fmul.s fa0, fs8, fs7, rup
    CHECK_FBITS_S(36, fa0, 0x7f800000)
    fmul.s fa0, fs8, fs7, rmm
    CHECK_FBITS_S(37, fa0, 0x7f800000)
    fmul.s fa0, fs9, fs7, rne
    CHECK_FBITS_S(38, fa0, 0xff800000)
    fmul.s fa0, fs9, fs7, rtz
    CHECK_FBITS_S(39, fa0, 0xff7fffff)
    fmul.s fa0, fs9, fs7, rdn
    CHECK_FBITS_S(40, fa0, 0xff800000)
    fmul.s fa0, fs9, fs7, rup
    CHECK_FBITS_S(41, fa0, 0xff7fffff)
    fmul.s fa0, fs9, fs7, rmm
    CHECK_FBITS_S(42, fa0, 0xff800000)
    CHECK_FLAGS(43, OF|NX)
    fsflags zero
    fmul.s fa0, fs8, fs7, rtz                   // still overflow though finite
    CHECK_FLAGS(44, OF|NX)

    /* exact zero sums: +0 except in RDN */
    fsflags zero
    SETS(fs10, 0x00000000)                      // +0
    SETS(fs11, 0x80000000)                      // -0
    fadd.s fa0, fs10, fs11, rne
    CHECK_FBITS_S(45, fa0, 0x00000000)
    fadd.s fa0, fs10, fs11, rdn
    CHECK_FBITS_S(46, fa0, 0x80000000)
    fadd.s fa0, fs11, fs11, rdn
    CHECK_FBITS_S(47, fa0, 0x80000000)
    fadd.s fa0, fs10, fs10, rdn
    CHECK_FBITS_S(48, fa0, 0x00000000)          // +0 + +0 stays +0
    fadd.s fa0, fs10, fs11, rup
    CHECK_FBITS_S(49, fa0, 0x00000000)
    fsub.s fa0, fs0, fs0, rdn
    CHECK_FBITS_S(50, fa0, 0x80000000)          // x - x in RDN
    fsub.s fa0, fs0, fs0, rtz
    CHECK_FBITS_S(51, fa0, 0x00000000)
    fadd.s fa0, fs0, fs3, rdn
    CHECK_FBITS_S(52, fa0, 0x80000000)          // 1 + -1 in RDN
    fadd.s fa0, fs0, fs3, rmm
    CHECK_FBITS_S(53, fa0, 0x00000000)
    CHECK_FLAGS(54, 0)

    /* underflow to the smallest subnormal or zero by mode: 2^-150 */
    fsflags zero
    SETS(ft0, 0x00000001)                       // 2^-149
    SETS(ft1, 0x3f000000)                       // 0.5
    SETS(ft2, 0xbf000000)                       // -0.5
    fmul.s fa0, ft0, ft1, rup
    CHECK_FBITS_S(55, fa0, 0x00000001)
    fmul.s fa0, ft0, ft1, rtz
    CHECK_FBITS_S(56, fa0, 0x00000000)
    fmul.s fa0, ft0, ft1, rmm
    CHECK_FBITS_S(57, fa0, 0x00000001)          // tie away from zero
    fmul.s fa0, ft0, ft2, rdn
    CHECK_FBITS_S(58, fa0, 0x80000001)
    fmul.s fa0, ft0, ft2, rne
    CHECK_FBITS_S(59, fa0, 0x80000000)
    CHECK_FLAGS(60, UF|NX)

    /* dynamic rounding: frm selects the mode when rm=dyn */
    fsflags zero
    li a0, 3                                    // RUP
    fsrm a1, a0
    CHECK(61, a1, 0)                            // old frm was RNE
    frrm a2
    CHECK(62, a2, 3)
    fadd.s fa0, fs0, fs1, dyn
    CHECK_FBITS_S(63, fa0, 0x3f800001)
    fadd.s fa0, fs0, fs1                        // the assembler default is dyn
    CHECK_FBITS_S(64, fa0, 0x3f800001)
    fadd.s fa0, fs0, fs1, rne                   // a static rm ignores frm
    CHECK_FBITS_S(65, fa0, 0x3f800000)
    fsrmi a1, 1                                 // RTZ
    CHECK(66, a1, 3)
    fadd.s fa0, fs2, fs1, dyn
    CHECK_FBITS_S(67, fa0, 0x3f800001)
    fdiv.s fa0, fs3, fs5, dyn
    CHECK_FBITS_S(68, fa0, 0xbeaaaaaa)
    fsrmi 2                                     // RDN
    fadd.s fa0, fs3, fs4, dyn
    CHECK_FBITS_S(69, fa0, 0xbf800001)
    fsub.s fa0, fs0, fs0, dyn
    CHECK_FBITS_S(70, fa0, 0x80000000)
    fsrmi 4                                     // RMM
    fadd.s fa0, fs0, fs1, dyn
    CHECK_FBITS_S(71, fa0, 0x3f800001)
    fsqrt.s fa0, fs7, dyn
    CHECK_FBITS_S(72, fa0, 0x3fb504f3)
    fsrmi 0                                     // RNE
    fadd.s fa0, fs2, fs1, dyn
    CHECK_FBITS_S(73, fa0, 0x3f800002)
    fadd.s fa0, fs0, fs1, dyn
    CHECK_FBITS_S(74, fa0, 0x3f800000)
    CHECK_FLAGS(75, NX)
    /* frm lives in fcsr bits 7:5 */
    fsrmi 3
    frcsr a3
    CHECK(76, a3, (3 << 5) | NX)
    li a0, (1 << 5)                             // write RTZ and clear flags via fcsr
    fscsr a0
    frrm a4
    CHECK(77, a4, 1)
    fmul.s fa0, fs8, fs7, dyn
    CHECK_FBITS_S(78, fa0, 0x7f7fffff)
    CHECK_FLAGS(79, OF|NX)
    fscsr zero
TEST_END
