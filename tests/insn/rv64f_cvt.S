/*
 * RV64F conversions between single and integers:
 *   fcvt.{w,wu,l,lu}.s  float -> int, rounding by rm, saturating
 *   fcvt.s.{w,wu,l,lu}  int -> float, rounding by rm
 * Out of range or NaN: NV and the saturated value (NaN counts as +large):
 *   w: 0x7fffffff / -2^31   wu: 0xffffffff / 0   (32-bit results sign-extend)
 *   l: 2^63-1 / -2^63       lu: 2^64-1 / 0
 * A value that rounds into range is only inexact (-0.5 -> 0 in RTZ).
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
    SETS(fs0, 0x40200000)                       // 2.5
    SETS(fs1, 0xc0200000)                       // -2.5
    SETS(fs2, 0x3fc00000)                       // 1.5
    SETS(fs3, 0xbfc00000)                       // -1.5
    SETS(fs4, 0x7fc00000)                       // quiet NaN
    SETS(fs5, 0x7f800001)                       // signaling NaN
    SETS(fs6, 0x7f800000)                       // +inf
    SETS(fs7, 0xff800000)                       // -inf
    SETS(fs8, 0xbf000000)                       // -0.5
    SETS(fs9, 0xbf800000)                       // -1.0

    /* fcvt.w.s: every mode on 2.5 -2.5 1.5 -1.5 */
    fsflags zero
    fcvt.w.s a0, fs0, rne
    CHECK(1, a0, 2)
    fcvt.w.s a0, fs0, rtz
    CHECK(2, a0, 2)
    fcvt.w.s a0, fs0, rdn
    CHECK(3, a0, 2)
    fcvt.w.s a0, fs0, rup
    CHECK(4, a0, 3)
    fcvt.w.s a0, fs0, rmm
    CHECK(5, a0, 3)
    fcvt.w.s a0, fs1, rne
    CHECK(6, a0, -2)
    fcvt.w.s a0, fs1, rtz
    CHECK(7, a0, -2)
    fcvt.w.s a0, fs1, rdn
    CHECK(8, a0, -3)
    fcvt.w.s a0, fs1, rup
    CHECK(9, a0, -2)
    fcvt.w.s a0, fs1, rmm
    CHECK(10, a0, -3)
    fcvt.w.s a0, fs2, rne
    CHECK(11, a0, 2)
    fcvt.w.s a0, fs2, rtz
    CHECK(12, a0, 1)
    fcvt.w.s a0, fs2, rdn
    CHECK(13, a0, 1)
    fcvt.w.s a0, fs2, rup
    CHECK(14, a0, 2)
    fcvt.w.s a0, fs2, rmm
    CHECK(15, a0, 2)
    fcvt.w.s a0, fs3, rne
    CHECK(16, a0, -2)
    fcvt.w.s a0, fs3, rtz
    CHECK(17, a0, -1)
    fcvt.w.s a0, fs3, rdn
    CHECK(18, a0, -2)
    fcvt.w.s a0, fs3, rup
    CHECK(19, a0, -1)
    fcvt.w.s a0, fs3, rmm
    CHECK(20, a0, -2)
    CHECK_FLAGS(21, NX)

    /* fcvt.w.s exact values and limits */
    fsflags zero
    SETS(fa0, 0x40400000)                       // 3.0
    fcvt.w.s a0, fa0, rtz
    CHECK(22, a0, 3)
    fcvt.w.s a0, fs9, rtz
    CHECK(23, a0, 0xffffffffffffffff)           // -1 sign-extended
    SETS(fa1, 0xcf000000)                       // -2^31
    fcvt.w.s a0, fa1, rtz
    CHECK(24, a0, 0xffffffff80000000)
    SETS(fa2, 0x4effffff)                       // 2^31 - 128
    fcvt.w.s a0, fa2, rtz
    CHECK(25, a0, 0x7fffff80)
    SETS(fa3, 0x80000000)                       // -0.0
    fcvt.w.s a0, fa3, rne
    CHECK(26, a0, 0)
    CHECK_FLAGS(27, 0)

    /* fcvt.w.s out of range */
    fsflags zero
    fcvt.w.s a0, fs4, rtz
    CHECK(28, a0, 0x7fffffff)                   // quiet NaN
    CHECK_FLAGS(29, NV)
    fsflags zero
    fcvt.w.s a0, fs5, rtz
    CHECK(30, a0, 0x7fffffff)                   // signaling NaN
    SETS(fa4, 0xffc00000)                       // NaN with the sign set
    fcvt.w.s a0, fa4, rtz
    CHECK(31, a0, 0x7fffffff)
    fcvt.w.s a0, fs6, rtz
    CHECK(32, a0, 0x7fffffff)                   // +inf
    fcvt.w.s a0, fs7, rtz
    CHECK(33, a0, 0xffffffff80000000)           // -inf
    SETS(fa5, 0x4f000000)                       // 2^31
    fcvt.w.s a0, fa5, rtz
    CHECK(34, a0, 0x7fffffff)
    SETS(fa6, 0x4f32d05e)                       // 3e9 exactly (0xb2d05e00)
    fcvt.w.s a0, fa6, rtz
    CHECK(35, a0, 0x7fffffff)
    SETS(fa7, 0xcf000001)                       // -(2^31 + 256)
    fcvt.w.s a0, fa7, rtz
    CHECK(36, a0, 0xffffffff80000000)
    CHECK_FLAGS(37, NV)

    /* fcvt.w.s of fractions */
    fsflags zero
    fcvt.w.s a0, fs8, rtz
    CHECK(38, a0, 0)
    fcvt.w.s a0, fs8, rdn
    CHECK(39, a0, -1)
    SETS(ft0, 0x00000001)                       // smallest subnormal
    fcvt.w.s a0, ft0, rup
    CHECK(40, a0, 1)
    fcvt.w.s a0, ft0, rne
    CHECK(41, a0, 0)
    CHECK_FLAGS(42, NX)

    /* fcvt.w.s with rm=dyn follows frm */
    fsrmi 2                                     // RDN
    fcvt.w.s a0, fs0, dyn
    CHECK(43, a0, 2)
    fcvt.w.s a0, fs1, dyn
    CHECK(44, a0, -3)
    fsrmi 4                                     // RMM
    fcvt.w.s a0, fs0, dyn
    CHECK(45, a0, 3)
    fsrmi 0

    /* fcvt.wu.s */
    fsflags zero
    fcvt.wu.s a0, fa6, rtz
    CHECK(46, a0, 0xffffffffb2d05e00)           // 3e9: bit 31 set, sign-extended
    SETS(ft1, 0x4f7fffff)                       // 2^32 - 256
    fcvt.wu.s a0, ft1, rtz
    CHECK(47, a0, 0xffffffffffffff00)
    SETS(ft2, 0x80000000)                       // -0.0
    fcvt.wu.s a0, ft2, rtz
    CHECK(48, a0, 0)
    CHECK_FLAGS(49, 0)
    fcvt.wu.s a0, fs0, rmm
    CHECK(50, a0, 3)
    fcvt.wu.s a0, fs0, rne
    CHECK(51, a0, 2)
    CHECK_FLAGS(52, NX)
    fsflags zero
    fcvt.wu.s a0, fs8, rtz                      // -0.5 rounds to 0: in range
    CHECK(53, a0, 0)
    CHECK_FLAGS(54, NX)
    fsflags zero
    fcvt.wu.s a0, fs8, rne                      // -0.5 ties to 0
    CHECK(55, a0, 0)
    CHECK_FLAGS(56, NX)
    fsflags zero
    fcvt.wu.s a0, fs8, rdn                      // -0.5 rounds to -1: out of range
    CHECK(57, a0, 0)
    CHECK_FLAGS(58, NV)
    fsflags zero
    fcvt.wu.s a0, fs9, rtz                      // -1.0
    CHECK(59, a0, 0)
    CHECK_FLAGS(60, NV)
    fsflags zero
    fcvt.wu.s a0, fs4, rtz
    CHECK(61, a0, 0xffffffffffffffff)           // NaN: 0xffffffff sign-extended
    fcvt.wu.s a0, fs5, rtz
    CHECK(62, a0, 0xffffffffffffffff)
    fcvt.wu.s a0, fs6, rtz
    CHECK(63, a0, 0xffffffffffffffff)           // +inf
    fcvt.wu.s a0, fs7, rtz
    CHECK(64, a0, 0)                            // -inf
    SETS(ft3, 0x4f800000)                       // 2^32
    fcvt.wu.s a0, ft3, rtz
    CHECK(65, a0, 0xffffffffffffffff)
    CHECK_FLAGS(66, NV)

    /* fcvt.l.s */
    fsflags zero
    fcvt.l.s a0, fa6, rtz
    CHECK(67, a0, 3000000000)
    SETS(ft4, 0xdf000000)                       // -2^63
    fcvt.l.s a0, ft4, rtz
    CHECK(68, a0, 0x8000000000000000)
    SETS(ft5, 0x5effffff)                       // 2^63 - 2^39
    fcvt.l.s a0, ft5, rtz
    CHECK(69, a0, 0x7fffff8000000000)
    fcvt.l.s a0, fs9, rtz
    CHECK(70, a0, -1)
    CHECK_FLAGS(71, 0)
    fcvt.l.s a0, fs1, rne
    CHECK(72, a0, -2)
    fcvt.l.s a0, fs1, rdn
    CHECK(73, a0, -3)
    fcvt.l.s a0, fs1, rup
    CHECK(74, a0, -2)
    fcvt.l.s a0, fs1, rmm
    CHECK(75, a0, -3)
    fcvt.l.s a0, fs2, rtz
    CHECK(76, a0, 1)
    CHECK_FLAGS(77, NX)
    fsflags zero
    SETS(ft6, 0x5f000000)                       // 2^63
    fcvt.l.s a0, ft6, rtz
    CHECK(78, a0, 0x7fffffffffffffff)
    fcvt.l.s a0, fs4, rtz
    CHECK(79, a0, 0x7fffffffffffffff)           // NaN
    fcvt.l.s a0, fs6, rtz
    CHECK(80, a0, 0x7fffffffffffffff)           // +inf
    fcvt.l.s a0, fs7, rtz
    CHECK(81, a0, 0x8000000000000000)           // -inf
    SETS(ft7, 0xdf000001)                       // -(2^63 + 2^40)
    fcvt.l.s a0, ft7, rtz
    CHECK(82, a0, 0x8000000000000000)
    CHECK_FLAGS(83, NV)

    /* fcvt.lu.s */
    fsflags zero
    fcvt.lu.s a0, ft6, rtz
    CHECK(84, a0, 0x8000000000000000)           // 2^63 fits unsigned
    SETS(ft8, 0x5f7fffff)                       // 2^64 - 2^40
    fcvt.lu.s a0, ft8, rtz
    CHECK(85, a0, 0xffffff0000000000)
    CHECK_FLAGS(86, 0)
    fcvt.lu.s a0, fs2, rup
    CHECK(87, a0, 2)
    fcvt.lu.s a0, fs2, rtz
    CHECK(88, a0, 1)
    fcvt.lu.s a0, fs8, rtz
    CHECK(89, a0, 0)
    CHECK_FLAGS(90, NX)
    fsflags zero
    fcvt.lu.s a0, fs9, rtz
    CHECK(91, a0, 0)                            // -1.0
    fcvt.lu.s a0, fs4, rtz
    CHECK(92, a0, 0xffffffffffffffff)           // NaN
    fcvt.lu.s a0, fs7, rtz
    CHECK(93, a0, 0)                            // -inf
    SETS(ft9, 0x5f800000)                       // 2^64
    fcvt.lu.s a0, ft9, rtz
    CHECK(94, a0, 0xffffffffffffffff)
    CHECK_FLAGS(95, NV)

    /* fcvt.s.w: exact, then 2^24+1 and 2^24+3 need rounding */
    fsflags zero
    li a0, -1
    fcvt.s.w fa0, a0
    CHECK_FBITS_S(96, fa0, 0xbf800000)
    fcvt.s.w fa0, zero
    CHECK_FBITS_S(97, fa0, 0x00000000)          // +0, never -0
    li a0, 0xffffffff80000000
    fcvt.s.w fa0, a0
    CHECK_FBITS_S(98, fa0, 0xcf000000)          // -2^31
    li a0, 0x0000000100000005                   // only the low 32 bits count
    fcvt.s.w fa0, a0
    CHECK_FBITS_S(99, fa0, 0x40a00000)          // 5.0
    li a0, 0x00000000ffffffff
    fcvt.s.w fa0, a0
    CHECK_FBITS_S(100, fa0, 0xbf800000)         // low word is -1
    CHECK_FLAGS(101, 0)
    li a0, 16777217                             // 2^24 + 1
    fcvt.s.w fa0, a0, rne
    CHECK_FBITS_S(102, fa0, 0x4b800000)         // 2^24
    fcvt.s.w fa0, a0, rup
    CHECK_FBITS_S(103, fa0, 0x4b800001)         // 2^24 + 2
    li a0, 16777219                             // 2^24 + 3, tie
    fcvt.s.w fa0, a0, rne
    CHECK_FBITS_S(104, fa0, 0x4b800002)         // 2^24 + 4, even
    fcvt.s.w fa0, a0, rtz
    CHECK_FBITS_S(105, fa0, 0x4b800001)
    li a0, -16777217
    fcvt.s.w fa0, a0, rdn
    CHECK_FBITS_S(106, fa0, 0xcb800001)
    fcvt.s.w fa0, a0, rup
    CHECK_FBITS_S(107, fa0, 0xcb800000)
    li a0, 0x7fffffff
    fcvt.s.w fa0, a0, rne
    CHECK_FBITS_S(108, fa0, 0x4f000000)         // 2^31
    fcvt.s.w fa0, a0, rtz
    CHECK_FBITS_S(109, fa0, 0x4effffff)
    li a0, 16777217
    fsrmi 3                                     // RUP via frm
    fcvt.s.w fa0, a0, dyn
    CHECK_FBITS_S(110, fa0, 0x4b800001)
    fsrmi 0
    CHECK_FLAGS(111, NX)

    /* fcvt.s.wu */
    fsflags zero
    li a0, 0xffffffff80000000                   // low word 2^31 unsigned
    fcvt.s.wu fa0, a0
    CHECK_FBITS_S(112, fa0, 0x4f000000)
    li a0, 0x1234567800000003                   // low word 3
    fcvt.s.wu fa0, a0
    CHECK_FBITS_S(113, fa0, 0x40400000)
    CHECK_FLAGS(114, 0)
    li a0, -1                                   // low word 2^32 - 1
    fcvt.s.wu fa0, a0, rne
    CHECK_FBITS_S(115, fa0, 0x4f800000)         // 2^32
    fcvt.s.wu fa0, a0, rtz
    CHECK_FBITS_S(116, fa0, 0x4f7fffff)         // 2^32 - 256
    CHECK_FLAGS(117, NX)

    /* fcvt.s.l */
    fsflags zero
    li a0, 0x8000000000000000
    fcvt.s.l fa0, a0
    CHECK_FBITS_S(118, fa0, 0xdf000000)         // -2^63
    li a0, -1
    fcvt.s.l fa0, a0
    CHECK_FBITS_S(119, fa0, 0xbf800000)
    li a0, 3000000000
    fcvt.s.l fa0, a0
    CHECK_FBITS_S(120, fa0, 0x4f32d05e)
    CHECK_FLAGS(121, 0)
    li a0, 0x7fffffffffffffff
    fcvt.s.l fa0, a0, rne
    CHECK_FBITS_S(122, fa0, 0x5f000000)         // 2^63
    fcvt.s.l fa0, a0, rtz
    CHECK_FBITS_S(123, fa0, 0x5effffff)
    li a0, 0x0020000000000001                   // 2^53 + 1
    fcvt.s.l fa0, a0, rne
    CHECK_FBITS_S(124, fa0, 0x5a000000)         // 2^53
    CHECK_FLAGS(125, NX)

    /* fcvt.s.lu */
    fsflags zero
    li a0, 0x8000000000000000
    fcvt.s.lu fa0, a0
    CHECK_FBITS_S(126, fa0, 0x5f000000)         // 2^63 unsigned
    CHECK_FLAGS(127, 0)
    li a0, -1
    fcvt.s.lu fa0, a0, rne
    CHECK_FBITS_S(128, fa0, 0x5f800000)         // 2^64
    fcvt.s.lu fa0, a0, rtz
    CHECK_FBITS_S(129, fa0, 0x5f7fffff)
    CHECK_FLAGS(130, NX)
TEST_END
