// Zifencei: self-modifying code. Overwrite an instruction that has
// already run (and so may be translated), execute fence.i, and run it
// again; then do it once more with another value, so that a stale
// translation would be caught. The code lives in a writable and
// executable section ("awx").
//
// Encodings, worked out from the spec (I-type: imm[11:0] rs1 funct3 rd opcode;
// OP-IMM = 0010011, ADDI funct3 = 000, a0 = x10, zero = x0):
//   addi a0, zero, 42 = 0x02a << 20 | 0 << 15 | 0 << 12 | 10 << 7 | 0x13 = 0x02a00513
//   addi a0, zero, 7  = 0x007 << 20 | 10 << 7 | 0x13                     = 0x00700513
//   addi a0, zero, -1 = 0xfff << 20 | 10 << 7 | 0x13                     = 0xfff00513
// C.LI (quadrant 01, funct3 010): imm[5] at bit 12, rd at 11:7, imm[4:0] at 6:2:
//   c.li a0, 9  = 010 0 01010 01001 01 = 0x4525
//   c.li a0, -3 = 010 1 01010 11101 01 = 0x5575
#include "insn_test.h"

#define ADDI_A0_42  0x02a00513
#define ADDI_A0_7   0x00700513
#define ADDI_A0_M1  0xfff00513
#define C_LI_A0_9   0x4525
#define C_LI_A0_M3  0x5575

TEST_BEGIN
    // ---- warm the function up so it is surely translated ----
    li s0, 50
91: jal ra, smc_func
    CHECK(1, a0, 1)
    addi s0, s0, -1
    bnez s0, 91b

    // ---- patch, fence.i, run: twice ----
    lla s1, smc_slot
    li a1, ADDI_A0_42
    sw a1, 0(s1)
    fence.i
    jal ra, smc_func
    CHECK(2, a0, 42)
    jal ra, smc_func                    // and it stays patched
    CHECK(3, a0, 42)
    li a1, ADDI_A0_7
    sw a1, 0(s1)
    fence.i
    jal ra, smc_func
    CHECK(4, a0, 7)

    // ---- the patched instruction follows the store in the same block ----
    li a1, ADDI_A0_42
    jal ra, smc_inline
    CHECK(10, a0, 42)
    li a1, ADDI_A0_7
    jal ra, smc_inline
    CHECK(11, a0, 7)
    li a1, ADDI_A0_M1
    jal ra, smc_inline
    CHECK(12, a0, 0xffffffffffffffff)

    // ---- patch a 16-bit (compressed) instruction with a halfword store ----
    jal ra, smc_compressed
    CHECK(20, a0, 1)
    lla s1, smc_c_slot
    li a1, C_LI_A0_9
    sh a1, 0(s1)
    fence.i
    jal ra, smc_compressed
    CHECK(21, a0, 9)
    li a1, C_LI_A0_M3
    sh a1, 0(s1)
    fence.i
    jal ra, smc_compressed
    CHECK(22, a0, 0xfffffffffffffffd)
TEST_END

    // A writable + executable section. Not named .text.* so the linker
    // does not merge it into the read-only text segment.
    .section .smc, "awx"
    .balign 4
    .option push
    .option norvc
smc_func:
smc_slot:
    addi a0, zero, 1                    // replaced at run time
    ret

// Store a1 (an instruction word) over the addi below, then fall into it.
smc_inline:
    lla t0, 92f
    sw a1, 0(t0)
    fence.i
92: addi a0, zero, 1                    // replaced at run time
    ret
    .option pop

    .option push
    .option rvc
smc_compressed:
smc_c_slot:
    c.li a0, 1                          // replaced at run time
    c.jr ra
    .option pop
