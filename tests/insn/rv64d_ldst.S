/*
 * RV64D transfers: fld fsd fmv.x.d fmv.d.x, and the compressed forms
 * c.fld c.fsd c.fldsp c.fsdsp. All move 64 raw bits: no NaN
 * canonicalisation, no flags, a boxed single passes through unchanged.
 */
#include "insn_test.h"

#define CHECK_FLAGS(n, expected)  frflags t1; CHECK(n, t1, expected)

TEST_BEGIN
    fscsr zero
    la s0, dwords

    fld fa0, 0(s0)
    CHECK_FBITS(1, fa0, 0x3ff0000000000000)     // 1.0
    fld fa1, 8(s0)
    CHECK_FBITS(2, fa1, 0x7ff0000000000001)     // sNaN untouched
    addi s1, s0, 32
    fld fa2, -8(s1)
    CHECK_FBITS(3, fa2, 0xffffffff3f800000)     // a boxed single, raw
    fld fa3, 16(s0)
    CHECK_FBITS(4, fa3, 0x8000000000000000)     // -0.0
    CHECK_FLAGS(5, 0)

    /* fsd writes 8 bytes, neighbours intact */
    la s1, scratch
    fsd fa1, 8(s1)
    ld a0, 8(s1)
    CHECK(6, a0, 0x7ff0000000000001)
    ld a1, 0(s1)
    CHECK(7, a1, 0x1111111111111111)
    ld a2, 16(s1)
    CHECK(8, a2, 0x2222222222222222)
    lw a3, 12(s1)
    CHECK(9, a3, 0x7ff00000)                    // little-endian high word

    /* fmv.d.x / fmv.x.d move all 64 bits */
    li a0, 0x0123456789abcdef
    fmv.d.x ft0, a0
    fmv.x.d a1, ft0
    CHECK_REG(10, a1, a0)
    li a0, 0xfff8000000000001                   // NaN payload kept
    fmv.d.x ft1, a0
    fmv.x.d a1, ft1
    CHECK(11, a1, 0xfff8000000000001)
    li a0, 0x00000000deadbeef                   // not boxed: no change
    fmv.d.x ft2, a0
    fmv.x.d a1, ft2
    CHECK(12, a1, 0x00000000deadbeef)
    CHECK_FLAGS(13, 0)

    /* compressed forms: base in s0/s1 and fa0-fa5/fs0-fs1 registers */
    mv s1, s0
    c.fld fs1, 8(s1)
    CHECK_FBITS(14, fs1, 0x7ff0000000000001)
    la s1, scratch
    c.fsd fs1, 16(s1)
    ld a0, 16(s1)
    CHECK(15, a0, 0x7ff0000000000001)
    addi sp, sp, -32
    li a0, 0x400921fb54442d18                   // pi
    sd a0, 24(sp)
    c.fldsp ft3, 24(sp)
    CHECK_FBITS(16, ft3, 0x400921fb54442d18)
    c.fsdsp ft1, 8(sp)
    ld a1, 8(sp)
    CHECK(17, a1, 0xfff8000000000001)
    addi sp, sp, 32

    /* fsd/fld round trip in high registers */
    li a0, 0xc00921fb54442d18
    fmv.d.x ft11, a0
    fsd ft11, 0(s1)
    fld fs11, 0(s1)
    CHECK_FBITS(18, fs11, 0xc00921fb54442d18)
    CHECK_FLAGS(19, 0)
TEST_END

    .data
    .balign 8
dwords:
    .dword 0x3ff0000000000000, 0x7ff0000000000001
    .dword 0x8000000000000000, 0xffffffff3f800000
scratch:
    .dword 0x1111111111111111, 0x1111111111111111, 0x2222222222222222
