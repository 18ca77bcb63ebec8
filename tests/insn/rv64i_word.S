// RV64I word (W) operations: addw subw sllw srlw sraw addiw slliw srliw sraiw.
// They compute on the low 32 bits, ignore the upper source bits, and
// sign-extend bit 31 of the result. Register shift amounts use rs2[4:0].
#include "insn_test.h"

TEST_BEGIN
    // ---- addw / subw ----
    li a0, 0x7fffffff; li a1, 1
    addw a2, a0, a1
    CHECK(1, a2, 0xffffffff80000000)
    li a0, 0x1234567800000001; li a1, 0xffffffff00000002
    addw a2, a0, a1                     // upper bits ignored
    CHECK(2, a2, 3)
    li a0, 0xffffffff; li a1, 1
    addw a2, a0, a1                     // carry out of bit 31 dropped
    CHECK(3, a2, 0)
    li a0, 0; li a1, 1
    subw a2, a0, a1
    CHECK(4, a2, 0xffffffffffffffff)
    li a0, 0x80000000; li a1, 1
    subw a2, a0, a1                     // INT32_MIN - 1 wraps positive
    CHECK(5, a2, 0x7fffffff)
    li a0, 0x100000005; li a1, 0x200000003
    subw a2, a0, a1
    CHECK(6, a2, 2)

    // ---- sllw ----
    li a0, 1
    li a1, 31
    sllw a2, a0, a1
    CHECK(10, a2, 0xffffffff80000000)
    li a1, 32                           // low 5 bits = 0
    sllw a2, a0, a1
    CHECK(11, a2, 1)
    li a1, 33
    sllw a2, a0, a1
    CHECK(12, a2, 2)
    li a0, 0xffffffff00000003
    li a1, 1
    sllw a2, a0, a1
    CHECK(13, a2, 6)
    li a0, 0x00000000ffffffff
    li a1, 0
    sllw a2, a0, a1                     // shift by 0 still sign-extends
    CHECK(14, a2, 0xffffffffffffffff)
    li a0, 0x00000000c0000001
    li a1, 1
    sllw a2, a0, a1                     // 0x80000002
    CHECK(15, a2, 0xffffffff80000002)

    // ---- srlw: zero fill from bit 31, then sign-extend the 32-bit result ----
    li a0, 0x80000000
    li a1, 31
    srlw a2, a0, a1
    CHECK(20, a2, 1)
    li a1, 0
    srlw a2, a0, a1
    CHECK(21, a2, 0xffffffff80000000)
    li a1, 32
    srlw a2, a0, a1
    CHECK(22, a2, 0xffffffff80000000)
    li a0, 0xffffffff80000000
    li a1, 1
    srlw a2, a0, a1
    CHECK(23, a2, 0x40000000)
    li a0, -1
    li a1, 31
    srlw a2, a0, a1
    CHECK(24, a2, 1)
    li a0, 0x123456789abcdef0
    li a1, 4
    srlw a2, a0, a1
    CHECK(25, a2, 0x09abcdef)

    // ---- sraw ----
    li a0, 0x80000000
    li a1, 31
    sraw a2, a0, a1
    CHECK(30, a2, 0xffffffffffffffff)
    li a1, 4
    sraw a2, a0, a1
    CHECK(31, a2, 0xfffffffff8000000)
    li a0, 0x7fffffff
    li a1, 31
    sraw a2, a0, a1
    CHECK(32, a2, 0)
    li a0, 0xffffffff00000010
    li a1, 4
    sraw a2, a0, a1                     // bit 63 is not the sign here
    CHECK(33, a2, 1)
    li a0, 0x80000000
    li a1, 32
    sraw a2, a0, a1
    CHECK(34, a2, 0xffffffff80000000)
    li a1, 63                           // low 5 bits = 31
    sraw a2, a0, a1
    CHECK(35, a2, 0xffffffffffffffff)

    // ---- addiw ----
    li a0, 0x7fffffff
    addiw a2, a0, 1
    CHECK(40, a2, 0xffffffff80000000)
    li a0, 0x00000000ffffffff
    addiw a2, a0, 0                     // sext.w
    CHECK(41, a2, 0xffffffffffffffff)
    li a0, 0x123456789
    addiw a2, a0, 0
    CHECK(42, a2, 0x23456789)
    li a0, 0
    addiw a2, a0, -1
    CHECK(43, a2, 0xffffffffffffffff)
    li a0, 0x80000000
    addiw a2, a0, -1
    CHECK(44, a2, 0x7fffffff)
    li a0, 0x100000000
    addiw a2, a0, 2047
    CHECK(45, a2, 2047)

    // ---- slliw / srliw / sraiw ----
    li a0, 1
    slliw a2, a0, 31
    CHECK(50, a2, 0xffffffff80000000)
    li a0, 0x0000000100000001
    slliw a2, a0, 0
    CHECK(51, a2, 1)
    li a0, 3
    slliw a2, a0, 30
    CHECK(52, a2, 0xffffffffc0000000)
    li a0, 0xffffffff80000000
    srliw a2, a0, 31
    CHECK(53, a2, 1)
    li a0, 0x0000000080000000
    srliw a2, a0, 0
    CHECK(54, a2, 0xffffffff80000000)
    srliw a2, a0, 1
    CHECK(55, a2, 0x40000000)
    li a0, 0x80000000
    sraiw a2, a0, 31
    CHECK(56, a2, 0xffffffffffffffff)
    li a0, 0xffffffff
    sraiw a2, a0, 0
    CHECK(57, a2, 0xffffffffffffffff)
    li a0, 0x7ffffff0
    sraiw a2, a0, 4
    CHECK(58, a2, 0x07ffffff)
    li a0, 0xffffffff7ffffff0
    sraiw a2, a0, 4                     // upper bits ignored
    CHECK(59, a2, 0x07ffffff)

    // ---- W ops into x0 ----
    li a0, 7
    addiw x0, a0, 1
    CHECK(60, x0, 0)
    addw x0, a0, a0
    CHECK(61, x0, 0)
TEST_END
