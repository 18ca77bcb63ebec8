/*
 * RV64D conversions: fcvt.{w,wu,l,lu}.d, fcvt.d.{w,wu,l,lu} and the
 * precision changes fcvt.s.d / fcvt.d.s.
 * Saturation as for single (NaN counts as +large, NV); 32-bit results
 * sign-extend. fcvt.d.w/wu are always exact; fcvt.d.l/lu can round.
 * fcvt.s.d rounds, overflows and underflows; fcvt.d.s is exact.
 * NaN results are canonical; sNaN inputs raise NV.
 */
#include "insn_test.h"

#define NV 0x10
#define OF 0x04
#define UF 0x02
#define NX 0x01

#define SETS(freg, bits)  li t0, bits; fmv.w.x freg, t0
#define SETD(freg, bits)  li t0, bits; fmv.d.x freg, t0
#define CHECK_FLAGS(n, expected)  frflags t1; CHECK(n, t1, expected)

TEST_BEGIN
    fscsr zero
    SETD(fs0, 0x4004000000000000)               // 2.5
    SETD(fs1, 0xc004000000000000)               // -2.5
    SETD(fs2, 0x3ff8000000000000)               // 1.5
    SETD(fs3, 0x7ff8000000000000)               // qNaN
    SETD(fs4, 0x7ff0000000000001)               // sNaN
    SETD(fs5, 0x7ff0000000000000)               // +inf
    SETD(fs6, 0xfff0000000000000)               // -inf
    SETD(fs7, 0xbfe0000000000000)               // -0.5
    SETD(fs8, 0xbff0000000000000)               // -1.0

    /* fcvt.w.d by mode */
    fsflags zero
    fcvt.w.d a0, fs0, rne
    CHECK(1, a0, 2)
    fcvt.w.d a0, fs0, rtz
    CHECK(2, a0, 2)
    fcvt.w.d a0, fs0, rdn
    CHECK(3, a0, 2)
    fcvt.w.d a0, fs0, rup
    CHECK(4, a0, 3)
    fcvt.w.d a0, fs0, rmm
    CHECK(5, a0, 3)
    fcvt.w.d a0, fs1, rne
    CHECK(6, a0, -2)
    fcvt.w.d a0, fs1, rtz
    CHECK(7, a0, -2)
    fcvt.w.d a0, fs1, rdn
    CHECK(8, a0, -3)
    fcvt.w.d a0, fs1, rup
    CHECK(9, a0, -2)
    fcvt.w.d a0, fs1, rmm
    CHECK(10, a0, -3)
    fcvt.w.d a0, fs2, rne
    CHECK(11, a0, 2)
    fcvt.w.d a0, fs2, rtz
    CHECK(12, a0, 1)
    fsrmi 2                                     // RDN via frm
    fcvt.w.d a0, fs1, dyn
    CHECK(13, a0, -3)
    fsrmi 0
    CHECK_FLAGS(14, NX)

    /* fcvt.w.d at the edges of the range */
    fsflags zero
    SETD(fa0, 0x41dfffffffc00000)               // 2^31 - 1
    fcvt.w.d a0, fa0, rtz
    CHECK(15, a0, 0x7fffffff)
    SETD(fa1, 0xc1e0000000000000)               // -2^31
    fcvt.w.d a0, fa1, rtz
    CHECK(16, a0, 0xffffffff80000000)
    fcvt.w.d a0, fs8, rtz
    CHECK(17, a0, -1)
    CHECK_FLAGS(18, 0)
    SETD(fa2, 0x41dfffffffe00000)               // 2^31 - 0.5
    fcvt.w.d a0, fa2, rtz
    CHECK(19, a0, 0x7fffffff)                   // rounds into range
    CHECK_FLAGS(20, NX)
    fsflags zero
    fcvt.w.d a0, fa2, rne                       // ties to even 2^31: too big
    CHECK(21, a0, 0x7fffffff)
    CHECK_FLAGS(22, NV)
    fsflags zero
    SETD(fa3, 0xc1e0000000100000)               // -2^31 - 0.5
    fcvt.w.d a0, fa3, rtz
    CHECK(23, a0, 0xffffffff80000000)
    fcvt.w.d a0, fa3, rne                       // ties to even -2^31
    CHECK(24, a0, 0xffffffff80000000)
    CHECK_FLAGS(25, NX)
    fsflags zero
    fcvt.w.d a0, fa3, rdn                       // -2^31 - 1: too small
    CHECK(26, a0, 0xffffffff80000000)
    CHECK_FLAGS(27, NV)
    fsflags zero
    fcvt.w.d a0, fs3, rtz
    CHECK(28, a0, 0x7fffffff)
    fcvt.w.d a0, fs4, rtz
    CHECK(29, a0, 0x7fffffff)
    fcvt.w.d a0, fs5, rtz
    CHECK(30, a0, 0x7fffffff)
    fcvt.w.d a0, fs6, rtz
    CHECK(31, a0, 0xffffffff80000000)
    CHECK_FLAGS(32, NV)

    /* fcvt.wu.d */
    fsflags zero
    SETD(fa4, 0x41efffffffe00000)               // 2^32 - 1
    fcvt.wu.d a0, fa4, rtz
    CHECK(33, a0, 0xffffffffffffffff)           // in range, sign-extended
    SETD(fa5, 0x41e65a0bc0000000)               // 3e9
    fcvt.wu.d a0, fa5, rtz
    CHECK(34, a0, 0xffffffffb2d05e00)
    CHECK_FLAGS(35, 0)
    SETD(fa6, 0x41efffffffff0000)               // 2^32 - 0.5
    fcvt.wu.d a0, fa6, rtz
    CHECK(36, a0, 0xffffffffffffffff)
    fcvt.wu.d a0, fs7, rtz                      // -0.5 -> 0 in range
    CHECK(37, a0, 0)
    CHECK_FLAGS(38, NX)
    fsflags zero
    fcvt.wu.d a0, fa6, rup                      // 2^32: too big
    CHECK(39, a0, 0xffffffffffffffff)
    fcvt.wu.d a0, fs8, rtz                      // -1.0
    CHECK(40, a0, 0)
    fcvt.wu.d a0, fs3, rtz
    CHECK(41, a0, 0xffffffffffffffff)
    fcvt.wu.d a0, fs6, rtz
    CHECK(42, a0, 0)
    CHECK_FLAGS(43, NV)

    /* fcvt.l.d */
    fsflags zero
    SETD(fa7, 0x43dfffffffffffff)               // 2^63 - 1024
    fcvt.l.d a0, fa7, rtz
    CHECK(44, a0, 0x7ffffffffffffc00)
    SETD(ft0, 0xc3e0000000000000)               // -2^63
    fcvt.l.d a0, ft0, rtz
    CHECK(45, a0, 0x8000000000000000)
    fcvt.l.d a0, fa5, rtz
    CHECK(46, a0, 3000000000)
    CHECK_FLAGS(47, 0)
    fcvt.l.d a0, fs1, rdn
    CHECK(48, a0, -3)
    fcvt.l.d a0, fs1, rmm
    CHECK(49, a0, -3)
    fcvt.l.d a0, fs1, rne
    CHECK(50, a0, -2)
    fcvt.l.d a0, fs2, rup
    CHECK(51, a0, 2)
    CHECK_FLAGS(52, NX)
    fsflags zero
    SETD(ft1, 0x43e0000000000000)               // 2^63
    fcvt.l.d a0, ft1, rtz
    CHECK(53, a0, 0x7fffffffffffffff)
    fcvt.l.d a0, fs3, rtz
    CHECK(54, a0, 0x7fffffffffffffff)
    fcvt.l.d a0, fs6, rtz
    CHECK(55, a0, 0x8000000000000000)
    SETD(ft2, 0xc3e0000000000001)               // just below -2^63
    fcvt.l.d a0, ft2, rtz
    CHECK(56, a0, 0x8000000000000000)
    CHECK_FLAGS(57, NV)

    /* fcvt.lu.d */
    fsflags zero
    fcvt.lu.d a0, ft1, rtz
    CHECK(58, a0, 0x8000000000000000)
    SETD(ft3, 0x43efffffffffffff)               // 2^64 - 2048
    fcvt.lu.d a0, ft3, rtz
    CHECK(59, a0, 0xfffffffffffff800)
    CHECK_FLAGS(60, 0)
    fcvt.lu.d a0, fs7, rtz
    CHECK(61, a0, 0)
    fcvt.lu.d a0, fs0, rmm
    CHECK(62, a0, 3)
    CHECK_FLAGS(63, NX)
    fsflags zero
    SETD(ft4, 0x43f0000000000000)               // 2^64
    fcvt.lu.d a0, ft4, rtz
    CHECK(64, a0, 0xffffffffffffffff)
    fcvt.lu.d a0, fs8, rtz
    CHECK(65, a0, 0)
    fcvt.lu.d a0, fs4, rtz
    CHECK(66, a0, 0xffffffffffffffff)
    fcvt.lu.d a0, fs5, rtz
    CHECK(67, a0, 0xffffffffffffffff)
    CHECK_FLAGS(68, NV)

    /* fcvt.d.w / fcvt.d.wu: exact, low 32 bits only */
    fsflags zero
    li a0, -1
    fcvt.d.w fa0, a0
    CHECK_FBITS(69, fa0, 0xbff0000000000000)
    li a0, 0x7fffffff
    fcvt.d.w fa0, a0
    CHECK_FBITS(70, fa0, 0x41dfffffffc00000)
    li a0, 0x0000000180000000                   // low word -2^31
    fcvt.d.w fa0, a0
    CHECK_FBITS(71, fa0, 0xc1e0000000000000)
    fcvt.d.w fa0, zero
    CHECK_FBITS(72, fa0, 0)
    li a0, -1
    fcvt.d.wu fa0, a0
    CHECK_FBITS(73, fa0, 0x41efffffffe00000)    // 2^32 - 1
    li a0, 0xffffffff80000000
    fcvt.d.wu fa0, a0
    CHECK_FBITS(74, fa0, 0x41e0000000000000)    // 2^31
    CHECK_FLAGS(75, 0)

    /* fcvt.d.l / fcvt.d.lu */
    li a0, 0x8000000000000000
    fcvt.d.l fa0, a0
    CHECK_FBITS(76, fa0, 0xc3e0000000000000)
    li a0, 0x0020000000000000                   // 2^53
    fcvt.d.l fa0, a0
    CHECK_FBITS(77, fa0, 0x4340000000000000)
    li a0, 0x8000000000000000
    fcvt.d.lu fa0, a0
    CHECK_FBITS(78, fa0, 0x43e0000000000000)
    CHECK_FLAGS(79, 0)
    li a0, 0x0020000000000001                   // 2^53 + 1
    fcvt.d.l fa0, a0, rne
    CHECK_FBITS(80, fa0, 0x4340000000000000)
    CHECK_FLAGS(81, NX)
    fcvt.d.l fa0, a0, rup
    CHECK_FBITS(82, fa0, 0x4340000000000001)    // 2^53 + 2
    fcvt.d.l fa0, a0, rtz
    CHECK_FBITS(83, fa0, 0x4340000000000000)
    li a0, 0x0020000000000003                   // 2^53 + 3: tie
    fcvt.d.l fa0, a0, rne
    CHECK_FBITS(84, fa0, 0x4340000000000002)    // 2^53 + 4
    li a0, -0x0020000000000001
    fcvt.d.l fa0, a0, rdn
    CHECK_FBITS(85, fa0, 0xc340000000000001)
    li a0, 0x7fffffffffffffff
    fcvt.d.l fa0, a0, rne
    CHECK_FBITS(86, fa0, 0x43e0000000000000)
    fcvt.d.l fa0, a0, rtz
    CHECK_FBITS(87, fa0, 0x43dfffffffffffff)
    li a0, -1
    fcvt.d.lu fa0, a0, rne
    CHECK_FBITS(88, fa0, 0x43f0000000000000)    // 2^64
    fcvt.d.lu fa0, a0, rtz
    CHECK_FBITS(89, fa0, 0x43efffffffffffff)
    li a0, 0x0020000000000001
    fsrmi 3                                     // RUP via frm
    fcvt.d.lu fa0, a0, dyn
    CHECK_FBITS(90, fa0, 0x4340000000000001)
    fsrmi 0
    CHECK_FLAGS(91, NX)

    /* fcvt.s.d */
    fsflags zero
    SETD(fa0, 0x3ff0000000000000)
    fcvt.s.d fa1, fa0
    CHECK_FBITS_S(92, fa1, 0x3f800000)
    SETD(fa0, 0x8000000000000000)
    fcvt.s.d fa1, fa0
    CHECK_FBITS_S(93, fa1, 0x80000000)
    fcvt.s.d fa1, fs6
    CHECK_FBITS_S(94, fa1, 0xff800000)
    SETD(fa0, 0x36a0000000000000)               // 2^-149: exact subnormal
    fcvt.s.d fa1, fa0
    CHECK_FBITS_S(95, fa1, 0x00000001)
    SETD(fa0, 0xfff8000000012345)               // quiet NaN with payload
    fcvt.s.d fa1, fa0
    CHECK_FBITS_S(96, fa1, 0x7fc00000)
    CHECK_FLAGS(97, 0)
    fcvt.s.d fa1, fs4
    CHECK_FBITS_S(98, fa1, 0x7fc00000)
    CHECK_FLAGS(99, NV)
    fsflags zero
    SETD(fa0, 0x3fd5555555555555)               // 1/3
    fcvt.s.d fa1, fa0, rne
    CHECK_FBITS_S(100, fa1, 0x3eaaaaab)
    fcvt.s.d fa1, fa0, rtz
    CHECK_FBITS_S(101, fa1, 0x3eaaaaaa)
    SETD(fa0, 0x3ff0000010000000)               // 1 + 2^-24: tie for single
    fcvt.s.d fa1, fa0, rne
    CHECK_FBITS_S(102, fa1, 0x3f800000)
    fcvt.s.d fa1, fa0, rmm
    CHECK_FBITS_S(103, fa1, 0x3f800001)
    fsrmi 3
    fcvt.s.d fa1, fa0, dyn
    CHECK_FBITS_S(104, fa1, 0x3f800001)
    fsrmi 0
    CHECK_FLAGS(105, NX)
    fsflags zero
    SETD(fa0, 0x7fefffffffffffff)               // max double
    fcvt.s.d fa1, fa0
    CHECK_FBITS_S(106, fa1, 0x7f800000)
    fcvt.s.d fa1, fa0, rtz
    CHECK_FBITS_S(107, fa1, 0x7f7fffff)
    CHECK_FLAGS(108, OF|NX)
    fsflags zero
    SETD(fa0, 0x0010000000000000)               // 2^-1022
    fcvt.s.d fa1, fa0
    CHECK_FBITS_S(109, fa1, 0x00000000)
    fcvt.s.d fa1, fa0, rup
    CHECK_FBITS_S(110, fa1, 0x00000001)
    CHECK_FLAGS(111, UF|NX)

    /* fcvt.d.s */
    fsflags zero
    SETS(fa0, 0x3eaaaaab)
    fcvt.d.s fa1, fa0
    CHECK_FBITS(112, fa1, 0x3fd5555560000000)   // fraction 0x2aaaab << 29
    SETS(fa0, 0x7f7fffff)                       // max single
    fcvt.d.s fa1, fa0
    CHECK_FBITS(113, fa1, 0x47efffffe0000000)
    SETS(fa0, 0x00000001)                       // 2^-149 becomes normal
    fcvt.d.s fa1, fa0
    CHECK_FBITS(114, fa1, 0x36a0000000000000)
    SETS(fa0, 0x80000000)
    fcvt.d.s fa1, fa0
    CHECK_FBITS(115, fa1, 0x8000000000000000)
    SETS(fa0, 0xff800000)
    fcvt.d.s fa1, fa0
    CHECK_FBITS(116, fa1, 0xfff0000000000000)
    SETS(fa0, 0xffc12345)                       // quiet NaN
    fcvt.d.s fa1, fa0
    CHECK_FBITS(117, fa1, 0x7ff8000000000000)
    CHECK_FLAGS(118, 0)
    SETS(fa0, 0x7f800001)                       // signaling NaN
    fcvt.d.s fa1, fa0
    CHECK_FBITS(119, fa1, 0x7ff8000000000000)
    CHECK_FLAGS(120, NV)
TEST_END
