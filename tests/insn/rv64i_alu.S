// RV64I register-register and register-immediate arithmetic/logic,
// set-less-than, lui, auipc and writes to x0.
// Expected values are worked out by hand from the unprivileged ISA manual.
#include "insn_test.h"

TEST_BEGIN
    // ---- add / sub ----
    li a0, 5; li a1, 7
    add a2, a0, a1
    CHECK(1, a2, 12)
    li a0, 0x7fffffffffffffff; li a1, 1
    add a2, a0, a1                      // wraps to INT64_MIN, no trap
    CHECK(2, a2, 0x8000000000000000)
    li a0, -1; li a1, 1
    add a2, a0, a1
    CHECK(3, a2, 0)
    li a0, 5; li a1, 7
    sub a2, a0, a1
    CHECK(4, a2, 0xfffffffffffffffe)   // -2
    li a0, 0; li a1, 0x8000000000000000
    sub a2, a0, a1                      // -INT64_MIN wraps to itself
    CHECK(5, a2, 0x8000000000000000)
    li a0, 3
    sub a0, a0, a0                      // rd == rs1 == rs2
    CHECK(6, a0, 0)

    // ---- and / or / xor ----
    li a0, 0xff00ff00ff00ff00; li a1, 0x0ff00ff00ff00ff0
    and a2, a0, a1
    CHECK(10, a2, 0x0f000f000f000f00)
    or a2, a0, a1
    CHECK(11, a2, 0xfff0fff0fff0fff0)
    xor a2, a0, a1
    CHECK(12, a2, 0xf0f0f0f0f0f0f0f0)

    // ---- slt / sltu: -1 is the smallest signed but largest unsigned ----
    li a0, -1; li a1, 1
    slt a2, a0, a1
    CHECK(20, a2, 1)
    slt a2, a1, a0
    CHECK(21, a2, 0)
    sltu a2, a0, a1
    CHECK(22, a2, 0)
    sltu a2, a1, a0
    CHECK(23, a2, 1)
    slt a2, a0, a0                      // equal: not less
    CHECK(24, a2, 0)
    sltu a2, zero, a1                   // snez idiom
    CHECK(25, a2, 1)
    li a0, 0x8000000000000000; li a1, 0x7fffffffffffffff
    slt a2, a0, a1
    CHECK(26, a2, 1)
    sltu a2, a0, a1
    CHECK(27, a2, 0)

    // ---- addi: 12-bit sign-extended immediate ----
    li a0, 5
    addi a2, a0, -6
    CHECK(30, a2, 0xffffffffffffffff)
    addi a2, a0, 2047
    CHECK(31, a2, 2052)
    addi a2, a0, -2048
    CHECK(32, a2, 0xfffffffffffff805)  // 5 - 2048 = -2043
    li a0, 0x7fffffffffffffff
    addi a2, a0, 1
    CHECK(33, a2, 0x8000000000000000)

    // ---- andi / ori / xori: immediate is sign-extended to 64 bits ----
    li a0, 0x123456789abcdef0
    andi a2, a0, 0x7ff                  // low 12 bits 0xef0 & 0x7ff
    CHECK(40, a2, 0x6f0)
    andi a2, a0, -256                   // imm 0xf00 -> ...ffffff00
    CHECK(41, a2, 0x123456789abcde00)
    li a0, 0
    ori a2, a0, -2048                   // imm 0x800 -> ...fffff800
    CHECK(42, a2, 0xfffffffffffff800)
    li a0, 0x123
    ori a2, a0, 0x0f0
    CHECK(43, a2, 0x1f3)
    li a0, 0x0f0f0f0f0f0f0f0f
    xori a2, a0, -1                     // not
    CHECK(44, a2, 0xf0f0f0f0f0f0f0f0)
    li a0, 0x555
    xori a2, a0, 0x0ff
    CHECK(45, a2, 0x5aa)

    // ---- slti / sltiu ----
    li a0, -5
    slti a2, a0, -4
    CHECK(50, a2, 1)
    slti a2, a0, -5
    CHECK(51, a2, 0)
    slti a2, a0, 0
    CHECK(52, a2, 1)
    li a0, 5
    sltiu a2, a0, -1                    // imm sign-extends to 2^64-1
    CHECK(53, a2, 1)
    li a0, 0
    sltiu a2, a0, 1                     // seqz idiom
    CHECK(54, a2, 1)
    li a0, 1
    sltiu a2, a0, 1
    CHECK(55, a2, 0)
    li a0, -1
    sltiu a2, a0, 1
    CHECK(56, a2, 0)
    li a0, -1
    sltiu a2, a0, -1                    // equal: not less
    CHECK(57, a2, 0)

    // ---- lui: 20-bit immediate << 12, sign-extended from bit 31 ----
    lui a2, 0x12345
    CHECK(60, a2, 0x12345000)
    lui a2, 0x80000
    CHECK(61, a2, 0xffffffff80000000)
    lui a2, 0xfffff
    CHECK(62, a2, 0xfffffffffffff000)
    lui a2, 0x7ffff
    CHECK(63, a2, 0x7ffff000)

    // ---- auipc: pc of the auipc + sign-extended imm << 12 ----
91: auipc a2, 0
    lla a1, 91b
    CHECK_REG(70, a2, a1)
92: auipc a2, 1
    lla a1, 92b
    li t0, 0x1000
    add a1, a1, t0
    CHECK_REG(71, a2, a1)
93: auipc a2, 0x80000                   // adds -2^31
    lla a1, 93b
    li t0, 0x80000000
    sub a1, a1, t0
    CHECK_REG(72, a2, a1)
94: auipc a2, 0xfffff                   // adds -4096
    lla a1, 94b
    addi a1, a1, -2048
    addi a1, a1, -2048
    CHECK_REG(73, a2, a1)

    // ---- writes to x0 are discarded ----
    addi x0, x0, 5
    CHECK(80, x0, 0)
    li a0, 3; li a1, 4
    add x0, a0, a1
    CHECK(81, x0, 0)
    lui x0, 0x12345
    CHECK(82, x0, 0)
    auipc x0, 1
    CHECK(83, x0, 0)
    sltiu x0, zero, 1
    CHECK(84, x0, 0)
    addi a2, x0, 9                      // x0 still reads as zero
    CHECK(85, a2, 9)
TEST_END
