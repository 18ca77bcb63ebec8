// RV64C: every compressed instruction (except c.ebreak, covered by the
// bad-input tests), written with explicit c.* mnemonics so each one is a
// 16-bit encoding (check with riscv64-linux-gnu-objdump -d -M no-aliases).
// Registers x8-x15 (s0 s1 a0-a5, fs0 fs1 fa0-fa5) are the only ones the
// 3-bit register fields can name.
#include "insn_test.h"

    .option rvc

TEST_BEGIN
    la s1, buf

    // ---- c.li / c.addi / c.addiw / c.lui / c.addi16sp / c.addi4spn ----
    c.li a0, -32                        // most negative 6-bit imm
    CHECK(1, a0, 0xffffffffffffffe0)
    c.li a0, 31
    CHECK(2, a0, 31)
    c.li a0, 5
    c.addi a0, -1
    CHECK(3, a0, 4)
    c.addi a0, -32
    CHECK(4, a0, 0xffffffffffffffe4)   // 4 - 32 = -28
    c.addi a0, 31
    CHECK(5, a0, 3)
    c.li t1, 7                          // c.li / c.addi work on any x1-x31
    c.addi t1, 1
    CHECK(6, t1, 8)
    li a0, 0x7fffffff
    c.addiw a0, 1
    CHECK(7, a0, 0xffffffff80000000)
    li a0, 0x00000000ffffffff
    c.addiw a0, 0                       // sext.w
    CHECK(8, a0, 0xffffffffffffffff)
    li a0, 0x100000000
    c.addiw a0, -32
    CHECK(9, a0, 0xffffffffffffffe0)
    c.lui a0, 1
    CHECK(10, a0, 0x1000)
    c.lui a0, 31
    CHECK(11, a0, 0x1f000)
    c.lui a0, 0xfffff                   // nzimm -1 << 12
    CHECK(12, a0, 0xfffffffffffff000)
    c.lui a0, 0xfffe0                   // nzimm -32 << 12
    CHECK(13, a0, 0xfffffffffffe0000)
    mv s0, sp
    c.addi16sp sp, -64
    sub a0, s0, sp
    CHECK(14, a0, 64)
    c.addi16sp sp, -512                 // most negative
    sub a0, s0, sp
    CHECK(15, a0, 576)
    c.addi16sp sp, 496                  // most positive
    c.addi16sp sp, 80
    CHECK_REG(16, sp, s0)
    c.addi4spn a0, sp, 16
    addi a1, sp, 16
    CHECK_REG(17, a0, a1)
    c.addi4spn a1, sp, 1020             // largest offset
    addi a2, sp, 1020
    CHECK_REG(18, a1, a2)
    c.addi16sp sp, -16                  // restore to a 16-byte boundary check
    c.addi4spn a0, sp, 4
    addi a0, a0, 12
    CHECK_REG(19, a0, s0)
    c.addi16sp sp, 16
    c.nop
    CHECK_REG(20, sp, s0)

    // ---- register-register ALU: c.mv c.add c.sub c.xor c.or c.and c.addw c.subw ----
    li a1, 0x123456789
    c.mv a0, a1
    CHECK(30, a0, 0x123456789)
    li t2, -9
    c.mv t3, t2                         // c.mv takes any registers
    CHECK(31, t3, 0xfffffffffffffff7)
    li a0, 0x7fffffffffffffff
    li a1, 1
    c.add a0, a1
    CHECK(32, a0, 0x8000000000000000)
    li t2, 40
    li t3, 2
    c.add t2, t3
    CHECK(33, t2, 42)
    li a0, 5
    li a1, 7
    c.sub a0, a1
    CHECK(34, a0, 0xfffffffffffffffe)
    li a0, 0xff00ff00ff00ff00
    li a1, 0x0ff00ff00ff00ff0
    mv a2, a0
    c.xor a2, a1
    CHECK(35, a2, 0xf0f0f0f0f0f0f0f0)
    mv a2, a0
    c.or a2, a1
    CHECK(36, a2, 0xfff0fff0fff0fff0)
    mv a2, a0
    c.and a2, a1
    CHECK(37, a2, 0x0f000f000f000f00)
    li a0, 0x7fffffff
    li a1, 0xffffffff00000001           // upper bits ignored
    c.addw a0, a1
    CHECK(38, a0, 0xffffffff80000000)
    li a0, 0x80000000
    li a1, 1
    c.subw a0, a1
    CHECK(39, a0, 0x7fffffff)
    li a0, 0
    c.subw a0, a1
    CHECK(40, a0, 0xffffffffffffffff)

    // ---- shifts and c.andi ----
    li a0, 0x8000000000000000
    c.srli a0, 63
    CHECK(50, a0, 1)
    li a0, 0x8000000000000000
    c.srli a0, 32
    CHECK(51, a0, 0x80000000)
    li a0, 0x8000000000000000
    c.srai a0, 63
    CHECK(52, a0, 0xffffffffffffffff)
    li a0, 0x8000000000000000
    c.srai a0, 1
    CHECK(53, a0, 0xc000000000000000)
    li a0, 1
    c.slli a0, 63
    CHECK(54, a0, 0x8000000000000000)
    li t4, 0x123
    c.slli t4, 32                       // c.slli takes any register
    CHECK(55, t4, 0x0000012300000000)
    li a0, 0x123456789abcdef0
    c.andi a0, -32                      // imm sign-extends to ...ffe0
    CHECK(56, a0, 0x123456789abcdee0)
    li a0, 0x123456789abcdef0
    c.andi a0, 31
    CHECK(57, a0, 0x10)
    li a0, -1
    c.andi a0, 0
    CHECK(58, a0, 0)

    // ---- loads and stores relative to a register ----
    // buf: 0x8182838485868788, 0x0102030405060708, then 0.0 slots
    c.lw a0, 0(s1)
    CHECK(60, a0, 0xffffffff85868788)  // sign-extended
    c.lw a0, 4(s1)
    CHECK(61, a0, 0xffffffff81828384)
    c.ld a0, 0(s1)
    CHECK(62, a0, 0x8182838485868788)
    c.ld a0, 8(s1)
    CHECK(63, a0, 0x0102030405060708)
    c.lw a0, 124(s1)                    // largest c.lw offset
    CHECK(64, a0, 0x7c7c7c7c)
    c.ld a0, 248(s1)                    // largest c.ld offset
    CHECK(65, a0, 0x0f80f80f80f80f8)
    li a1, 0x1122334455667788
    c.sw a1, 16(s1)                     // low word only
    ld a2, 16(s1)
    CHECK(66, a2, 0x55667788)
    c.sd a1, 24(s1)
    ld a2, 24(s1)
    CHECK(67, a2, 0x1122334455667788)
    c.fld fa0, 32(s1)                   // pi
    CHECK_FBITS(68, fa0, 0x400921fb54442d18)
    c.fsd fa0, 40(s1)
    ld a2, 40(s1)
    CHECK(69, a2, 0x400921fb54442d18)

    // ---- loads and stores relative to sp (in a frame below the stack top) ----
    c.addi16sp sp, -512
    li a1, 0x0a0b0c0d0e0f1011
    c.sdsp a1, 8(sp)
    ld a2, 8(sp)
    CHECK(70, a2, 0x0a0b0c0d0e0f1011)
    c.ldsp t5, 8(sp)                    // any rd
    CHECK(71, t5, 0x0a0b0c0d0e0f1011)
    li a1, 0xfffffff0
    c.swsp a1, 4(sp)
    c.lwsp a3, 4(sp)                    // sign-extended
    CHECK(72, a3, 0xfffffffffffffff0)
    lwu a3, 4(sp)
    CHECK(73, a3, 0xfffffff0)
    c.fsdsp fa0, 504(sp)                // largest c.fsdsp offset
    ld a2, 504(sp)
    CHECK(74, a2, 0x400921fb54442d18)
    li a2, 0x3ff0000000000000           // 1.0
    sd a2, 16(sp)
    c.fldsp ft0, 16(sp)
    CHECK_FBITS(75, ft0, 0x3ff0000000000000)
    li a1, 0x5151515151515151
    c.sdsp a1, 504(sp)                  // largest c.sdsp offset
    c.ldsp a2, 504(sp)
    CHECK(76, a2, 0x5151515151515151)
    c.swsp a1, 252(sp)                  // largest c.swsp offset
    c.lwsp a2, 252(sp)
    CHECK(77, a2, 0x51515151)
    c.addi16sp sp, 496
    c.addi16sp sp, 16
    CHECK_REG(78, sp, s0)

    // ---- c.j: forward and backward ----
    li t0, 0
    c.j 91f
    li t0, 1
91: CHECK(80, t0, 0)
    li t0, 0
    c.j 93f
92: li t0, 5
    c.j 94f
93: c.j 92b
    li t0, 1
94: CHECK(81, t0, 5)

    // ---- c.beqz / c.bnez taken and not taken ----
    li a0, 0
    li t0, 0
    c.beqz a0, 95f
    li t0, 1
95: CHECK(82, t0, 0)
    li a0, -1
    li t0, 0
    c.beqz a0, 96f
    li t0, 1
96: CHECK(83, t0, 1)
    li a0, 0x100000000                  // nonzero only in the upper half
    li t0, 0
    c.bnez a0, 97f
    li t0, 1
97: CHECK(84, t0, 0)
    li a0, 0
    li t0, 0
    c.bnez a0, 98f
    li t0, 1
98: CHECK(85, t0, 1)
    // backward c.bnez: a countdown loop
    li a0, 4
    li a1, 0
99: c.addi a1, 3
    c.addi a0, -1
    c.bnez a0, 99b
    CHECK(86, a1, 12)

    // ---- c.jr / c.jalr: the link is pc + 2 ----
    li t1, 0
    lla t0, 81f
    c.jr t0
    li t1, 1
81: CHECK(90, t1, 0)
    li t1, 0
    lla t0, 82f
83: c.jalr t0
84: li t1, 1
82: lla a4, 84b
    CHECK_REG(91, ra, a4)
    lla a4, 83b
    addi a4, a4, 2
    CHECK_REG(92, ra, a4)
    CHECK(93, t1, 0)
    // c.jalr ra: target is the old ra, then ra gets the link
    li t1, 0
    lla ra, 85f
86: c.jalr ra
    li t1, 1
85: lla a4, 86b
    addi a4, a4, 2
    CHECK_REG(94, ra, a4)
    CHECK(95, t1, 0)
    // call and return with compressed instructions only
    li a0, 10
    lla t0, add_three
    c.jalr t0
    CHECK(96, a0, 13)
    j 87f

add_three:
    c.addi a0, 3
    c.jr ra

87:
TEST_END

    .data
    .balign 8
buf:
    .dword 0x8182838485868788           // 0
    .dword 0x0102030405060708           // 8
    .dword 0                            // 16
    .dword 0                            // 24
    .dword 0x400921fb54442d18           // 32: pi
    .dword 0                            // 40
    .space 120 - 48
    .word 0                             // 120
    .word 0x7c7c7c7c                    // 124
    .space 248 - 128
    .dword 0x0f80f80f80f80f8            // 248
