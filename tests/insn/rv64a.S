// RV64A on a single hart: lr/sc success and failure, and every AMO
// (.w and .d) with its returned old value and the new memory value.
// A failed sc writes rd = 1 (tandem and qemu both use 1; the spec only
// requires nonzero) and leaves memory unchanged. Checks that only an
// exact exclusive monitor passes live in rv64a_atomic_exact.S.
#include "insn_test.h"

TEST_BEGIN
    la s0, var_a
    la s1, var_b
    la s2, var_w

    // ---- sc with no reservation at all fails ----
    li a1, 0x1111
    sd a1, 0(s0)
    li a2, 0x2222
    sc.d a3, a2, (s0)
    CHECK(1, a3, 1)
    ld a4, 0(s0)
    CHECK(2, a4, 0x1111)

    // ---- lr.d / sc.d success ----
    lr.d a1, (s0)
    CHECK(3, a1, 0x1111)
    li a2, 99
    sc.d a3, a2, (s0)
    CHECK(4, a3, 0)
    ld a4, 0(s0)
    CHECK(5, a4, 99)
    // a second sc after the successful one has no reservation: fails
    li a2, 77
    sc.d a3, a2, (s0)
    CHECK(6, a3, 1)
    ld a4, 0(s0)
    CHECK(7, a4, 99)

    // ---- lr.w sign-extends; sc.w stores the low word only ----
    li a1, 0x1234567880000000
    sd a1, 0(s2)                        // low word 0x80000000, high word 0x12345678
    lr.w a1, (s2)
    CHECK(10, a1, 0xffffffff80000000)
    li a2, 0xaaaaaaaa00000005
    sc.w a3, a2, (s2)
    CHECK(11, a3, 0)
    ld a4, 0(s2)
    CHECK(12, a4, 0x1234567800000005)
    li a2, 6
    sc.w a3, a2, (s2)                   // reservation already used
    CHECK(13, a3, 1)
    lw a4, 0(s2)
    CHECK(14, a4, 5)
    sc.w a3, a2, (s2)                   // sc.w with no reservation either
    CHECK(15, a3, 1)

    // ---- sc to a different granule than the lr fails and does not write ----
    li a1, 0x3333
    sd a1, 0(s1)
    lr.d a1, (s0)
    li a2, 0x4444
    sc.d a3, a2, (s1)
    CHECK(16, a3, 1)
    ld a4, 0(s1)
    CHECK(17, a4, 0x3333)
    // ...and that failed sc ended the reservation on var_a too
    sc.d a3, a2, (s0)
    CHECK(18, a3, 1)
    ld a4, 0(s0)
    CHECK(19, a4, 99)

    // ---- lr/sc with ordering bits, and an lr/sc increment loop ----
    li a1, 40
    sd a1, 0(s0)
91: lr.d.aq a1, (s0)
    addi a1, a1, 2
    sc.d.rl a3, a1, (s0)
    bnez a3, 91b
    ld a4, 0(s0)
    CHECK(20, a4, 42)
92: lr.w.aqrl a1, (s2)
    addi a1, a1, -10
    sc.w.aqrl a3, a1, (s2)
    bnez a3, 92b
    ld a4, 0(s2)                        // 5 - 10 = -5 in the low word
    CHECK(21, a4, 0x12345678fffffffb)

    // ---- amoswap ----
    li a1, 0x0102030405060708
    sd a1, 0(s0)
    li a2, -1
    amoswap.d a3, a2, (s0)
    CHECK(30, a3, 0x0102030405060708)
    ld a4, 0(s0)
    CHECK(31, a4, 0xffffffffffffffff)
    li a1, 0x5555555580000001
    sd a1, 0(s2)
    li a2, 0x1234
    amoswap.w a3, a2, (s2)
    CHECK(32, a3, 0xffffffff80000001)  // old word sign-extended
    ld a4, 0(s2)
    CHECK(33, a4, 0x5555555500001234)  // high word untouched
    li a1, 8
    sd a1, 0(s0)
    li a1, 9
    amoswap.d a1, a1, (s0)              // rd == rs2: the old rs2 is stored
    CHECK(34, a1, 8)
    ld a4, 0(s0)
    CHECK(35, a4, 9)

    // ---- amoadd ----
    li a1, 0x7fffffffffffffff
    sd a1, 0(s0)
    li a2, 1
    amoadd.d a3, a2, (s0)
    CHECK(40, a3, 0x7fffffffffffffff)
    ld a4, 0(s0)
    CHECK(41, a4, 0x8000000000000000)
    li a1, 0x000000007fffffff
    sd a1, 0(s2)
    li a2, 0xffffffff00000001           // only the low word is added
    amoadd.w a3, a2, (s2)
    CHECK(42, a3, 0x7fffffff)
    ld a4, 0(s2)                        // carry does not reach the high word
    CHECK(43, a4, 0x0000000080000000)
    amoadd.w a3, a2, (s2)
    CHECK(44, a3, 0xffffffff80000000)
    li a1, 0xffffffff
    sw a1, 0(s2)
    amoadd.w a3, a2, (s2)               // 0xffffffff + 1 wraps in 32 bits
    CHECK(45, a3, 0xffffffffffffffff)
    ld a4, 0(s2)
    CHECK(46, a4, 0)

    // ---- amoand / amoor / amoxor ----
    li a1, 0xff00ff00ff00ff00
    sd a1, 0(s0)
    li a2, 0x0ff00ff00ff00ff0
    amoand.d a3, a2, (s0)
    CHECK(50, a3, 0xff00ff00ff00ff00)
    ld a4, 0(s0)
    CHECK(51, a4, 0x0f000f000f000f00)
    amoor.d a3, a2, (s0)
    CHECK(52, a3, 0x0f000f000f000f00)
    ld a4, 0(s0)
    CHECK(53, a4, 0x0ff00ff00ff00ff0)
    li a2, -1
    amoxor.d a3, a2, (s0)
    CHECK(54, a3, 0x0ff00ff00ff00ff0)
    ld a4, 0(s0)
    CHECK(55, a4, 0xf00ff00ff00ff00f)
    li a1, 0x77777777f0f0f0f0
    sd a1, 0(s2)
    li a2, 0x0000000033333333
    amoand.w a3, a2, (s2)
    CHECK(56, a3, 0xfffffffff0f0f0f0)
    ld a4, 0(s2)
    CHECK(57, a4, 0x7777777730303030)
    li a2, 0xffffffff80000000           // high word of rs2 must not leak into memory
    amoor.w a3, a2, (s2)
    CHECK(58, a3, 0x30303030)
    ld a4, 0(s2)
    CHECK(59, a4, 0x77777777b0303030)
    li a2, 0x00000000ffff0000
    amoxor.w a3, a2, (s2)
    CHECK(60, a3, 0xffffffffb0303030)
    ld a4, 0(s2)
    CHECK(61, a4, 0x777777774fcf3030)

    // ---- amomin / amomax (signed) vs amominu / amomaxu (unsigned), .d ----
    li a2, 3
    li a1, -5
    sd a1, 0(s0)
    amomin.d a3, a2, (s0)               // min(-5, 3) = -5
    CHECK(70, a3, 0xfffffffffffffffb)
    ld a4, 0(s0)
    CHECK(71, a4, 0xfffffffffffffffb)
    amominu.d a3, a2, (s0)              // minu(2^64-5, 3) = 3
    CHECK(72, a3, 0xfffffffffffffffb)
    ld a4, 0(s0)
    CHECK(73, a4, 3)
    li a1, -5
    sd a1, 0(s0)
    amomax.d a3, a2, (s0)               // max(-5, 3) = 3
    CHECK(74, a3, 0xfffffffffffffffb)
    ld a4, 0(s0)
    CHECK(75, a4, 3)
    li a1, -5
    sd a1, 0(s0)
    amomaxu.d a3, a2, (s0)              // maxu(2^64-5, 3) = 2^64-5
    CHECK(76, a3, 0xfffffffffffffffb)
    ld a4, 0(s0)
    CHECK(77, a4, 0xfffffffffffffffb)
    li a1, 3
    sd a1, 0(s0)
    li a2, -5
    amomin.d a3, a2, (s0)               // memory 3, rs2 -5: min = -5
    CHECK(78, a3, 3)
    ld a4, 0(s0)
    CHECK(79, a4, 0xfffffffffffffffb)

    // ---- amomin / amomax / amominu / amomaxu, .w ----
    li a2, 3
    li a1, 0x22222222fffffffb           // low word -5
    sd a1, 0(s2)
    amomin.w a3, a2, (s2)
    CHECK(80, a3, 0xfffffffffffffffb)
    ld a4, 0(s2)
    CHECK(81, a4, 0x22222222fffffffb)
    amominu.w a3, a2, (s2)              // minu(0xfffffffb, 3) = 3
    CHECK(82, a3, 0xfffffffffffffffb)
    ld a4, 0(s2)
    CHECK(83, a4, 0x2222222200000003)
    sw a1, 0(s2)
    amomax.w a3, a2, (s2)
    CHECK(84, a3, 0xfffffffffffffffb)
    ld a4, 0(s2)
    CHECK(85, a4, 0x2222222200000003)
    sw a1, 0(s2)
    amomaxu.w a3, a2, (s2)
    CHECK(86, a3, 0xfffffffffffffffb)
    ld a4, 0(s2)
    CHECK(87, a4, 0x22222222fffffffb)
    // only the low word of rs2 takes part in the comparison
    li a1, 2
    sw a1, 0(s2)
    li a2, 0xffffffff00000001           // as a word: 1
    amomaxu.w a3, a2, (s2)              // maxu(2, 1) = 2
    CHECK(88, a3, 2)
    lw a4, 0(s2)
    CHECK(89, a4, 2)
    li a2, 0x00000000ffffffff           // as a word: -1 signed
    amomin.w a3, a2, (s2)               // min(2, -1) = -1
    CHECK(90, a3, 2)
    lw a4, 0(s2)
    CHECK(91, a4, 0xffffffffffffffff)
    li a2, 0x0000000100000000           // as a word: 0
    amomax.w a3, a2, (s2)               // max(-1, 0) = 0
    CHECK(92, a3, 0xffffffffffffffff)
    lw a4, 0(s2)
    CHECK(93, a4, 0)
    li a2, 0x0000000100000007           // as a word: 7
    amominu.w a3, a2, (s2)              // minu(0, 7) = 0
    CHECK(94, a3, 0)
    ld a4, 0(s2)
    CHECK(95, a4, 0x2222222200000000)

    // ---- rd = x0: memory still updated; ordering bits accepted ----
    li a1, 10
    sd a1, 0(s0)
    li a2, 5
    amoadd.d x0, a2, (s0)
    CHECK(100, x0, 0)
    ld a4, 0(s0)
    CHECK(101, a4, 15)
    amoadd.d.aq a3, a2, (s0)
    CHECK(102, a3, 15)
    amoswap.w.rl a3, a2, (s0)
    CHECK(103, a3, 20)
    amoor.d.aqrl a3, a2, (s0)           // memory 5 | 5
    CHECK(104, a3, 5)
    ld a4, 0(s0)
    CHECK(105, a4, 5)
TEST_END

    .data
    .balign 256
var_a:  .dword 0
    .balign 128
var_b:  .dword 0                        // a different reservation granule than var_a
    .balign 128
var_w:  .dword 0
    .balign 128
