/*
 * RV64F transfers: flw fsw fmv.x.w fmv.w.x.
 * Transfers move raw bits: they never canonicalise NaNs or set flags.
 * flw and fmv.w.x NaN-box (upper 32 bits all ones); fmv.x.w sign-extends
 * bit 31; fsw stores the low 32 bits even of an unboxed register.
 */
#include "insn_test.h"

#define SETD(freg, bits)  li t0, bits; fmv.d.x freg, t0
#define CHECK_FLAGS(n, expected)  frflags t1; CHECK(n, t1, expected)

TEST_BEGIN
    fscsr zero
    la s0, words

    /* flw boxes what it loads */
    flw fa0, 0(s0)
    CHECK_FBITS_S(1, fa0, 0x3f800000)           // 1.0
    flw fa1, 4(s0)
    CHECK_FBITS_S(2, fa1, 0x7f800001)           // sNaN loaded untouched
    flw fa2, 8(s0)
    CHECK_FBITS_S(3, fa2, 0x80000000)           // -0.0
    addi s1, s0, 16
    flw fa3, -4(s1)
    CHECK_FBITS_S(4, fa3, 0xdeadbeef)           // negative offset
    CHECK_FLAGS(5, 0)                           // loading an sNaN is not an operation

    /* fsw stores 32 bits and leaves the neighbours alone */
    la s2, scratch
    flw fa0, 0(s0)
    fsw fa0, 4(s2)
    lwu a0, 4(s2)
    CHECK(6, a0, 0x3f800000)
    lwu a1, 0(s2)
    CHECK(7, a1, 0x11111111)
    lwu a2, 8(s2)
    CHECK(8, a2, 0x22222222)

    /* fsw of an unboxed register stores its low half as is */
    SETD(fa4, 0x0123456789abcdef)
    fsw fa4, 4(s2)
    lwu a0, 4(s2)
    CHECK(9, a0, 0x89abcdef)
    fsw fa4, 8(s2)
    ld a1, 0(s2)
    CHECK(10, a1, 0x89abcdef11111111)           // little endian, two words

    /* fmv.w.x takes the low 32 bits and boxes them */
    li a0, 0xdeadbeef12345678
    fmv.w.x fa5, a0
    CHECK_FBITS_S(11, fa5, 0x12345678)
    li a0, 0x7f800001                           // sNaN bits survive
    fmv.w.x fa5, a0
    CHECK_FBITS_S(12, fa5, 0x7f800001)

    /* fmv.x.w sign-extends bit 31 */
    SETD(fa6, 0xffffffff80000000)               // boxed -0.0
    fmv.x.w a0, fa6
    CHECK(13, a0, 0xffffffff80000000)
    SETD(fa6, 0xffffffff7f800000)               // boxed +inf
    fmv.x.w a0, fa6
    CHECK(14, a0, 0x7f800000)
    /* fmv.x.w ignores the box: low 32 bits of an unboxed register */
    fmv.x.w a0, fa4
    CHECK(15, a0, 0xffffffff89abcdef)
    SETD(fa6, 0x00000000401fffff)
    fmv.x.w a0, fa6
    CHECK(16, a0, 0x401fffff)
    CHECK_FLAGS(17, 0)

    /* round trip through memory and registers, ft/fs registers too */
    li a0, 0xc0490fdb                           // -pi single
    fmv.w.x ft11, a0
    fsw ft11, 12(s2)
    flw fs11, 12(s2)
    fmv.x.w a1, fs11
    CHECK(18, a1, 0xffffffffc0490fdb)
    CHECK_FBITS_S(19, fs11, 0xc0490fdb)
TEST_END

    .data
    .balign 8
words:
    .word 0x3f800000, 0x7f800001, 0x80000000, 0xdeadbeef
scratch:
    .word 0x11111111, 0x11111111, 0x22222222, 0x33333333
