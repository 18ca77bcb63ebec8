// RV64M: mul mulh mulhsu mulhu div divu rem remu mulw divw divuw remw remuw.
// Division never traps: x/0 gives an all-ones quotient and remainder x;
// signed overflow MIN/-1 gives quotient MIN and remainder 0. Division
// rounds toward zero and the remainder takes the dividend's sign.
#include "insn_test.h"

TEST_BEGIN
    // ---- mul: low 64 bits ----
    li a0, 7; li a1, -3
    mul a2, a0, a1
    CHECK(1, a2, 0xffffffffffffffeb)   // -21
    li a0, 0x100000000; li a1, 0x100000000
    mul a2, a0, a1                      // 2^64 -> low half 0
    CHECK(2, a2, 0)
    li a0, 0x123456789; li a1, 0x10
    mul a2, a0, a1
    CHECK(3, a2, 0x1234567890)
    li a0, -1; li a1, -1
    mul a2, a0, a1
    CHECK(4, a2, 1)

    // ---- mulh: signed x signed, high 64 bits ----
    li a0, -1; li a1, -1
    mulh a2, a0, a1                     // 1
    CHECK(10, a2, 0)
    li a0, -1; li a1, 1
    mulh a2, a0, a1                     // -1: high half all ones
    CHECK(11, a2, 0xffffffffffffffff)
    li a0, 0x8000000000000000; li a1, 0x8000000000000000
    mulh a2, a0, a1                     // 2^126 -> high 2^62
    CHECK(12, a2, 0x4000000000000000)
    li a0, 0x8000000000000000; li a1, 2
    mulh a2, a0, a1                     // -2^64 -> high -1
    CHECK(13, a2, 0xffffffffffffffff)
    li a0, 0x8000000000000000; li a1, -1
    mulh a2, a0, a1                     // +2^63 -> high 0
    CHECK(14, a2, 0)
    mul a3, a0, a1
    CHECK(15, a3, 0x8000000000000000)
    li a0, 0x7fffffffffffffff; li a1, 0x7fffffffffffffff
    mulh a2, a0, a1                     // 2^126 - 2^64 + 1
    CHECK(16, a2, 0x3fffffffffffffff)
    mul a3, a0, a1
    CHECK(17, a3, 1)
    li a0, -5; li a1, 3
    mulh a2, a0, a1                     // -15 fits in the low half
    CHECK(18, a2, 0xffffffffffffffff)

    // ---- mulhu: unsigned x unsigned ----
    li a0, -1; li a1, -1
    mulhu a2, a0, a1                    // (2^64-1)^2 = 2^128 - 2^65 + 1
    CHECK(20, a2, 0xfffffffffffffffe)
    li a0, 0x8000000000000000; li a1, 2
    mulhu a2, a0, a1
    CHECK(21, a2, 1)
    li a0, -1; li a1, 1
    mulhu a2, a0, a1
    CHECK(22, a2, 0)
    li a0, 0x100000000; li a1, 0x100000000
    mulhu a2, a0, a1
    CHECK(23, a2, 1)

    // ---- mulhsu: rs1 signed, rs2 unsigned ----
    li a0, -1; li a1, -1
    mulhsu a2, a0, a1                   // -1 * (2^64-1) = -2^64 + 1
    CHECK(30, a2, 0xffffffffffffffff)
    li a0, -2; li a1, -1
    mulhsu a2, a0, a1                   // -2^65 + 2 -> high 2^64 - 2
    CHECK(31, a2, 0xfffffffffffffffe)
    li a0, 2; li a1, -1
    mulhsu a2, a0, a1                   // 2^65 - 2 -> high 1
    CHECK(32, a2, 1)
    li a0, 0x8000000000000000; li a1, 2
    mulhsu a2, a0, a1                   // -2^64 -> high -1
    CHECK(33, a2, 0xffffffffffffffff)
    li a0, -1; li a1, 0
    mulhsu a2, a0, a1
    CHECK(34, a2, 0)
    li a0, 1; li a1, 0x8000000000000000
    mulhsu a2, a0, a1                   // rs2 = 2^63 unsigned, product positive
    CHECK(35, a2, 0)

    // ---- div / rem ----
    li a0, 20; li a1, -3
    div a2, a0, a1
    CHECK(40, a2, 0xfffffffffffffffa)  // -6
    rem a2, a0, a1
    CHECK(41, a2, 2)
    li a0, -20; li a1, 3
    div a2, a0, a1
    CHECK(42, a2, 0xfffffffffffffffa)  // -6
    rem a2, a0, a1
    CHECK(43, a2, 0xfffffffffffffffe)  // -2
    li a0, -20; li a1, -3
    div a2, a0, a1
    CHECK(44, a2, 6)
    rem a2, a0, a1
    CHECK(45, a2, 0xfffffffffffffffe)  // -2
    li a0, 1234; li a1, 0
    div a2, a0, a1
    CHECK(46, a2, 0xffffffffffffffff)
    rem a2, a0, a1
    CHECK(47, a2, 1234)
    li a0, -7
    rem a2, a0, zero
    CHECK(48, a2, 0xfffffffffffffff9)
    li a0, 0x8000000000000000; li a1, -1
    div a2, a0, a1
    CHECK(49, a2, 0x8000000000000000)
    rem a2, a0, a1
    CHECK(50, a2, 0)

    // ---- divu / remu ----
    li a0, -1; li a1, 2
    divu a2, a0, a1
    CHECK(51, a2, 0x7fffffffffffffff)
    li a1, 10
    divu a2, a0, a1                     // 18446744073709551615 / 10
    CHECK(52, a2, 0x1999999999999999)
    remu a2, a0, a1
    CHECK(53, a2, 5)
    li a0, 1234
    divu a2, a0, zero
    CHECK(54, a2, 0xffffffffffffffff)
    remu a2, a0, zero
    CHECK(55, a2, 1234)
    li a0, 0x8000000000000000; li a1, -1
    divu a2, a0, a1                     // 2^63 / (2^64-1) = 0
    CHECK(56, a2, 0)
    remu a2, a0, a1
    CHECK(57, a2, 0x8000000000000000)

    // ---- mulw: low 32 bits of the product, sign-extended ----
    li a0, 0x7fffffff; li a1, 2
    mulw a2, a0, a1
    CHECK(60, a2, 0xfffffffffffffffe)
    li a0, 0x100000003; li a1, 0x100000005
    mulw a2, a0, a1                     // upper bits ignored
    CHECK(61, a2, 15)
    li a0, 0x10000; li a1, 0x8000
    mulw a2, a0, a1
    CHECK(62, a2, 0xffffffff80000000)
    li a0, -3; li a1, 5
    mulw a2, a0, a1
    CHECK(63, a2, 0xfffffffffffffff1)  // -15

    // ---- divw / remw ----
    li a0, -20; li a1, 3
    divw a2, a0, a1
    CHECK(70, a2, 0xfffffffffffffffa)
    li a0, 0x0000000100000014; li a1, 0xffffffff00000003
    divw a2, a0, a1                     // 20 / 3 on the low words
    CHECK(71, a2, 6)
    remw a2, a0, a1
    CHECK(72, a2, 2)
    li a0, 0x80000000; li a1, -1
    divw a2, a0, a1                     // INT32_MIN / -1 overflows to INT32_MIN
    CHECK(73, a2, 0xffffffff80000000)
    remw a2, a0, a1
    CHECK(74, a2, 0)
    li a0, 0x0000000080000001
    divw a2, a0, zero
    CHECK(75, a2, 0xffffffffffffffff)
    remw a2, a0, zero                   // dividend's low word, sign-extended
    CHECK(76, a2, 0xffffffff80000001)
    li a0, -7; li a1, 3
    remw a2, a0, a1
    CHECK(77, a2, 0xffffffffffffffff)
    li a0, 0x100000000                  // low word is 0
    li a1, 0x100000000                  // low word is 0: divide by zero
    divw a2, a0, a1
    CHECK(78, a2, 0xffffffffffffffff)

    // ---- divuw / remuw: unsigned 32-bit, result still sign-extended ----
    li a0, 0x80000000; li a1, 1
    divuw a2, a0, a1
    CHECK(80, a2, 0xffffffff80000000)
    li a0, 5
    divuw a2, a0, zero                  // 0xffffffff sign-extended
    CHECK(81, a2, 0xffffffffffffffff)
    li a0, 0xfffffffe; li a1, 2
    divuw a2, a0, a1
    CHECK(82, a2, 0x7fffffff)
    li a0, 0xffffffff00000010; li a1, 0x0000000100000004
    divuw a2, a0, a1
    CHECK(83, a2, 4)
    li a0, 0x00000000fffffff0
    remuw a2, a0, zero
    CHECK(84, a2, 0xfffffffffffffff0)
    li a0, 0xffffffff; li a1, 10
    remuw a2, a0, a1                    // 4294967295 mod 10
    CHECK(85, a2, 5)
    divuw a2, a0, a1                    // 429496729
    CHECK(86, a2, 0x19999999)
    li a0, 0x80000005; li a1, 0x80000000
    remuw a2, a0, a1
    CHECK(87, a2, 5)
    li a0, 0x80000000; li a1, -1
    divuw a2, a0, a1                    // unsigned: 2^31 / (2^32-1) = 0
    CHECK(88, a2, 0)
    remuw a2, a0, a1
    CHECK(89, a2, 0xffffffff80000000)

    // ---- results into x0 are discarded ----
    li a0, 6; li a1, 7
    mul x0, a0, a1
    CHECK(90, x0, 0)
    div x0, a0, zero
    CHECK(91, x0, 0)
TEST_END
