// RV64I control transfer: the six conditional branches (taken and not
// taken, signed vs unsigned), jal and jalr (link value, target, bit 0
// cleared, rd == rs1, negative offsets), and jal x0.
#include "insn_test.h"

// Run "insn r1, r2, <skip>": t0 stays 0 when the branch is taken (the
// "li t0, 1" is skipped) and becomes 1 when it falls through.
#define BRANCH_CASE(n, insn, r1, r2, expect_fallthrough) \
    li t0, 0;                                             \
    insn r1, r2, 90f;                                     \
    li t0, 1;                                             \
90: CHECK(n, t0, expect_fallthrough)

#define TAKEN 0
#define NOT_TAKEN 1

TEST_BEGIN
    li a0, -1
    li a1, 1
    li a2, 1

    // beq / bne
    BRANCH_CASE(1, beq, a1, a2, TAKEN)
    BRANCH_CASE(2, beq, a0, a1, NOT_TAKEN)
    BRANCH_CASE(3, bne, a0, a1, TAKEN)
    BRANCH_CASE(4, bne, a1, a2, NOT_TAKEN)
    BRANCH_CASE(5, beq, zero, zero, TAKEN)
    // blt / bge: signed, -1 < 1
    BRANCH_CASE(10, blt, a0, a1, TAKEN)
    BRANCH_CASE(11, blt, a1, a0, NOT_TAKEN)
    BRANCH_CASE(12, blt, a1, a2, NOT_TAKEN)      // equal
    BRANCH_CASE(13, bge, a1, a0, TAKEN)
    BRANCH_CASE(14, bge, a1, a2, TAKEN)          // equal
    BRANCH_CASE(15, bge, a0, a1, NOT_TAKEN)
    // bltu / bgeu: unsigned, -1 is 2^64-1 > 1
    BRANCH_CASE(20, bltu, a1, a0, TAKEN)
    BRANCH_CASE(21, bltu, a0, a1, NOT_TAKEN)
    BRANCH_CASE(22, bltu, a1, a2, NOT_TAKEN)     // equal
    BRANCH_CASE(23, bgeu, a0, a1, TAKEN)
    BRANCH_CASE(24, bgeu, a1, a2, TAKEN)         // equal
    BRANCH_CASE(25, bgeu, a1, a0, NOT_TAKEN)
    // INT64_MIN against INT64_MAX: signed and unsigned orders disagree
    li a3, 0x8000000000000000
    li a4, 0x7fffffffffffffff
    BRANCH_CASE(26, blt, a3, a4, TAKEN)
    BRANCH_CASE(27, bltu, a3, a4, NOT_TAKEN)
    BRANCH_CASE(28, bge, a4, a3, TAKEN)
    BRANCH_CASE(29, bgeu, a4, a3, NOT_TAKEN)

    // backward taken branch: a loop that runs 5 times
    li a3, 5
    li a4, 0
91: addi a4, a4, 3
    addi a3, a3, -1
    bnez a3, 91b
    CHECK(30, a4, 15)

    // ---- jal: rd = address of the next instruction ----
    li t0, 0
    jal a3, 92f
93: li t0, 1
92: lla a4, 93b
    CHECK_REG(40, a3, a4)
    CHECK(41, t0, 0)
    // jal x0: plain jump, link discarded
    li t0, 0
    jal x0, 94f
    li t0, 1
94: CHECK(42, t0, 0)
    CHECK(43, x0, 0)
    // backward jal
    li t1, 0
    j 96f
95: li t1, 7
    j 97f
96: jal x0, 95b
    li t1, 1
97: CHECK(44, t1, 7)
    // call and return through ra
    li a0, 10
    jal ra, add_three
    CHECK(45, a0, 13)

    // ---- jalr ----
    li t0, 0
    lla a1, 98f
    jalr a3, 0(a1)
99: li t0, 1
98: lla a4, 99b
    CHECK_REG(50, a3, a4)
    CHECK(51, t0, 0)
    // target = (rs1 + imm) with bit 0 cleared
    li t0, 0
    lla a1, 88f
    addi a1, a1, 1
    jalr a3, 0(a1)
    li t0, 1
88: CHECK(52, t0, 0)
    li t0, 0
    lla a1, 87f
    jalr a3, 1(a1)                      // odd immediate, bit 0 cleared too
    li t0, 1
87: CHECK(53, t0, 0)
    // negative offset
    li t0, 0
    lla a1, 86f
    addi a1, a1, 16
    jalr a3, -16(a1)
    li t0, 1
86: CHECK(54, t0, 0)
    // rd == rs1: the target uses the old rs1, then rd gets the link
    li t0, 0
    lla a3, 85f
    jalr a3, 0(a3)
84: li t0, 1
85: lla a4, 84b
    CHECK_REG(55, a3, a4)
    CHECK(56, t0, 0)
    // jalr x0 (jr): link discarded
    li t0, 0
    lla a1, 83f
    jalr x0, 0(a1)
    li t0, 1
83: CHECK(57, t0, 0)
    CHECK(58, x0, 0)
    // indirect call and ret
    li a0, 20
    lla a1, add_three
    jalr ra, 0(a1)
    CHECK(59, a0, 23)
    j 82f

add_three:
    addi a0, a0, 3
    ret

82:
TEST_END
