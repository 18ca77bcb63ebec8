// RV64I 64-bit shifts: sll srl sra slli srli srai.
// Register shift amounts use only rs2[5:0], so 64 acts as 0 and -1 as 63.
#include "insn_test.h"

TEST_BEGIN
    // ---- sll ----
    li a0, 0x8000000000000001
    li a1, 0
    sll a2, a0, a1
    CHECK(1, a2, 0x8000000000000001)
    li a0, 1
    li a1, 31
    sll a2, a0, a1
    CHECK(2, a2, 0x80000000)           // no 32-bit sign extension
    li a1, 32
    sll a2, a0, a1
    CHECK(3, a2, 0x100000000)
    li a1, 63
    sll a2, a0, a1
    CHECK(4, a2, 0x8000000000000000)
    li a1, 64                           // low 6 bits = 0
    sll a2, a0, a1
    CHECK(5, a2, 1)
    li a1, 65                           // low 6 bits = 1
    sll a2, a0, a1
    CHECK(6, a2, 2)
    li a1, -1                           // low 6 bits = 63
    sll a2, a0, a1
    CHECK(7, a2, 0x8000000000000000)
    li a0, 0x8000000000000001
    li a1, 1
    sll a2, a0, a1                      // top bit shifted out
    CHECK(8, a2, 2)

    // ---- srl: zero fill ----
    li a0, 0x8000000000000000
    li a1, 0
    srl a2, a0, a1
    CHECK(10, a2, 0x8000000000000000)
    li a1, 31
    srl a2, a0, a1
    CHECK(11, a2, 0x100000000)
    li a1, 32
    srl a2, a0, a1
    CHECK(12, a2, 0x80000000)
    li a1, 63
    srl a2, a0, a1
    CHECK(13, a2, 1)
    li a1, 64
    srl a2, a0, a1
    CHECK(14, a2, 0x8000000000000000)
    li a1, 0x7ffffffffffffffc           // low 6 bits = 60
    srl a2, a0, a1
    CHECK(15, a2, 8)

    // ---- sra: sign fill ----
    li a0, 0x8000000000000000
    li a1, 0
    sra a2, a0, a1
    CHECK(20, a2, 0x8000000000000000)
    li a1, 31
    sra a2, a0, a1                      // -2^63 >> 31 = -2^32
    CHECK(21, a2, 0xffffffff00000000)
    li a1, 32
    sra a2, a0, a1                      // -2^31
    CHECK(22, a2, 0xffffffff80000000)
    li a1, 63
    sra a2, a0, a1
    CHECK(23, a2, 0xffffffffffffffff)
    li a1, 64
    sra a2, a0, a1
    CHECK(24, a2, 0x8000000000000000)
    li a0, 0x4000000000000000
    li a1, 62
    sra a2, a0, a1                      // positive: zero fill
    CHECK(25, a2, 1)
    li a0, 0x00000000ffffffff
    li a1, 31
    sra a2, a0, a1                      // bit 31 is not the sign bit here
    CHECK(26, a2, 1)

    // ---- immediate forms ----
    li a0, 0x8000000000000001
    slli a2, a0, 0
    CHECK(30, a2, 0x8000000000000001)
    li a0, 1
    slli a2, a0, 31
    CHECK(31, a2, 0x80000000)
    li a0, 0x123
    slli a2, a0, 32
    CHECK(32, a2, 0x0000012300000000)
    li a0, 1
    slli a2, a0, 63
    CHECK(33, a2, 0x8000000000000000)
    li a0, 0x8000000000000000
    srli a2, a0, 0
    CHECK(34, a2, 0x8000000000000000)
    srli a2, a0, 31
    CHECK(35, a2, 0x100000000)
    srli a2, a0, 32
    CHECK(36, a2, 0x80000000)
    srli a2, a0, 63
    CHECK(37, a2, 1)
    srai a2, a0, 0
    CHECK(38, a2, 0x8000000000000000)
    srai a2, a0, 31
    CHECK(39, a2, 0xffffffff00000000)
    srai a2, a0, 32
    CHECK(40, a2, 0xffffffff80000000)
    srai a2, a0, 63
    CHECK(41, a2, 0xffffffffffffffff)
    li a0, 0x7fffffffffffffff
    srai a2, a0, 63
    CHECK(42, a2, 0)
    li a0, 0xfedcba9876543210
    srai a2, a0, 4
    CHECK(43, a2, 0xffedcba987654321)
    srli a2, a0, 4
    CHECK(44, a2, 0x0fedcba987654321)

    // ---- shifts into x0 are discarded ----
    li a0, 1
    slli x0, a0, 3
    CHECK(50, x0, 0)
    sll x0, a0, a0
    CHECK(51, x0, 0)
TEST_END
