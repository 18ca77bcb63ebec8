// RV64I loads and stores: lb lh lw ld lbu lhu lwu sb sh sw sd, sign and
// zero extension, negative offsets, loads into x0, misaligned accesses of
// every width (Linux user mode handles them transparently), including one
// that crosses a page boundary.
#include "insn_test.h"

TEST_BEGIN
    // src bytes, little-endian: 88 87 86 85 84 83 82 81 | 08 07 06 05 04 03 02 01
    la a0, src

    // ---- aligned loads, sign vs zero extension ----
    lb a1, 0(a0)
    CHECK(1, a1, 0xffffffffffffff88)
    lbu a1, 0(a0)
    CHECK(2, a1, 0x88)
    lh a1, 0(a0)
    CHECK(3, a1, 0xffffffffffff8788)
    lhu a1, 0(a0)
    CHECK(4, a1, 0x8788)
    lw a1, 0(a0)
    CHECK(5, a1, 0xffffffff85868788)
    lwu a1, 0(a0)
    CHECK(6, a1, 0x85868788)
    ld a1, 0(a0)
    CHECK(7, a1, 0x8182838485868788)
    lb a1, 8(a0)                        // positive values: no extension
    CHECK(8, a1, 0x08)
    lh a1, 8(a0)
    CHECK(9, a1, 0x0708)
    lw a1, 8(a0)
    CHECK(10, a1, 0x05060708)
    ld a1, 8(a0)
    CHECK(11, a1, 0x0102030405060708)
    lb a1, 7(a0)
    CHECK(12, a1, 0xffffffffffffff81)
    lhu a1, 6(a0)
    CHECK(13, a1, 0x8182)
    lw a1, 4(a0)
    CHECK(14, a1, 0xffffffff81828384)

    // ---- negative offsets ----
    addi a2, a0, 16
    ld a1, -16(a2)
    CHECK(20, a1, 0x8182838485868788)
    lb a1, -9(a2)
    CHECK(21, a1, 0xffffffffffffff81)
    lbu a1, -1(a2)
    CHECK(22, a1, 0x01)
    lw a1, -8(a2)
    CHECK(23, a1, 0x05060708)
    lhu a1, -16(a2)
    CHECK(24, a1, 0x8788)
    addi a2, a0, 2047
    addi a2, a2, 1                      // a0 + 2048: the most negative imm reaches src
    lb a1, -2048(a2)
    CHECK(25, a1, 0xffffffffffffff88)

    // ---- loads into x0 are discarded (the access still happens) ----
    lw x0, 0(a0)
    CHECK(26, x0, 0)
    ld x0, 8(a0)
    CHECK(27, x0, 0)
    lbu x0, 3(a0)
    CHECK(28, x0, 0)

    // ---- stores: only the low bytes of rs2 are written ----
    la a2, dst
    sd zero, 0(a2)
    sd zero, 8(a2)
    li a1, 0x123
    sb a1, 0(a2)
    li a1, 0xfedcba98
    sh a1, 2(a2)
    li a1, 0x1122334455667788
    sw a1, 4(a2)
    ld a3, 0(a2)                        // bytes 23 00 98 ba 88 77 66 55
    CHECK(30, a3, 0x55667788ba980023)
    li a1, -2
    sd a1, 8(a2)
    ld a3, 8(a2)
    CHECK(31, a3, 0xfffffffffffffffe)
    addi a4, a2, 16
    li a1, 0x0a0b0c0d0e0f1011
    sd a1, -8(a4)                       // negative store offset
    ld a3, 8(a2)
    CHECK(32, a3, 0x0a0b0c0d0e0f1011)
    li a1, 0x77
    sb a1, -1(a4)
    ld a3, 8(a2)
    CHECK(33, a3, 0x770b0c0d0e0f1011)
    li a1, 0xffff
    sh a1, -16(a4)
    lw a3, 0(a2)                        // bytes ff ff 98 ba
    CHECK(34, a3, 0xffffffffba98ffff)
    sw zero, -12(a4)
    lwu a3, 4(a2)
    CHECK(35, a3, 0)

    // ---- misaligned loads ----
    lh a1, 1(a0)                        // 87 86
    CHECK(40, a1, 0xffffffffffff8687)
    lhu a1, 1(a0)
    CHECK(41, a1, 0x8687)
    lh a1, 7(a0)                        // 81 08
    CHECK(42, a1, 0x0881)
    lw a1, 1(a0)                        // 87 86 85 84
    CHECK(43, a1, 0xffffffff84858687)
    lwu a1, 1(a0)
    CHECK(44, a1, 0x84858687)
    lw a1, 6(a0)                        // 82 81 08 07
    CHECK(45, a1, 0x07088182)
    lwu a1, 5(a0)                       // 83 82 81 08
    CHECK(46, a1, 0x08818283)
    lw a1, 2(a0)                        // 86 85 84 83
    CHECK(47, a1, 0xffffffff83848586)
    ld a1, 3(a0)                        // 85 84 83 82 81 08 07 06
    CHECK(48, a1, 0x0607088182838485)
    ld a1, 1(a0)                        // 87 86 85 84 83 82 81 08
    CHECK(49, a1, 0x0881828384858687)
    ld a1, 7(a0)                        // 81 08 07 06 05 04 03 02
    CHECK(50, a1, 0x0203040506070881)
    ld a1, 4(a0)                        // 84 83 82 81 08 07 06 05
    CHECK(51, a1, 0x0506070881828384)

    // ---- misaligned stores ----
    sd zero, 0(a2)
    sd zero, 8(a2)
    li a1, 0x1122334455667788
    sd a1, 5(a2)                        // bytes 5..12 = 88 77 66 55 44 33 22 11
    ld a3, 0(a2)
    CHECK(60, a3, 0x6677880000000000)
    ld a3, 8(a2)
    CHECK(61, a3, 0x0000001122334455)
    sd zero, 0(a2)
    sd zero, 8(a2)
    li a1, 0xaabbccdd
    sw a1, 3(a2)                        // bytes 3..6 = dd cc bb aa
    ld a3, 0(a2)
    CHECK(62, a3, 0x00aabbccdd000000)
    li a1, 0xeeff
    sh a1, 7(a2)                        // bytes 7..8 = ff ee
    ld a3, 0(a2)
    CHECK(63, a3, 0xffaabbccdd000000)
    ld a3, 8(a2)
    CHECK(64, a3, 0xee)
    li a1, 0x9988
    sh a1, 1(a2)                        // bytes 1..2 = 88 99
    ld a3, 0(a2)
    CHECK(65, a3, 0xffaabbccdd998800)
    sw a1, 9(a2)                        // bytes 9..12 = 88 99 00 00
    ld a3, 8(a2)
    CHECK(66, a3, 0x009988ee)        // ee | 88 << 8 | 99 << 16
    lw a3, 9(a2)                        // read back misaligned
    CHECK(67, a3, 0x9988)

    // ---- misaligned accesses that cross a page boundary ----
    la a4, page_edge                    // 4096-aligned; the bytes before it are on the previous page
    li a1, 0x0102030405060708
    sd a1, -3(a4)                       // 08 07 06 | 05 04 03 02 01
    ld a3, -3(a4)
    CHECK(70, a3, 0x0102030405060708)
    ld a3, 0(a4)                        // 05 04 03 02 01 then page_edge's 00 00 00
    CHECK(71, a3, 0x0000000102030405)
    lw a3, -2(a4)                       // 07 06 05 04
    CHECK(72, a3, 0x04050607)
    lh a3, -1(a4)                       // 06 05
    CHECK(73, a3, 0x0506)
    li a1, 0x80818283
    sw a1, -1(a4)                       // byte -1 = 83, bytes 0..2 = 82 81 80
    lwu a3, -4(a4)                      // 00 08 07 83
    CHECK(74, a3, 0x83070800)
    lw a3, 0(a4)                        // 82 81 80 02
    CHECK(75, a3, 0x02808182)

    // ---- fences: ordering no-ops for a single hart, values still flow ----
    la a2, dst
    li a1, 0x5a5a
    sd a1, 0(a2)
    fence
    fence rw, rw
    fence w, r
    fence.tso
    fence iorw, iorw
    ld a3, 0(a2)
    CHECK(80, a3, 0x5a5a)

    // ---- ecall: a0 gets the result, every other register is kept ----
    li s0, 0x1234
    li a1, 0
    li a2, 0
    li a3, 0x33
    li a4, 0x44
    li a5, 0x55
    li a0, -1                           // fd -1: write fails with -EBADF (9)
    li a7, SYS_write
    ecall
    CHECK(90, a0, 0xfffffffffffffff7)
    CHECK(91, s0, 0x1234)
    CHECK(92, a3, 0x33)
    CHECK(93, a4, 0x44)
    CHECK(94, a5, 0x55)
    CHECK(95, a7, SYS_write)
    la a1, dst
    li a2, 0
    li a0, 1                            // zero-length write to stdout
    li a7, SYS_write
    ecall
    CHECK(96, a0, 0)
TEST_END

    .data
    .balign 8
src:
    .dword 0x8182838485868788
    .dword 0x0102030405060708
dst:
    .dword 0, 0
    .balign 4096
    .space 4088
    .dword 0
page_edge:
    .dword 0
    .space 24
