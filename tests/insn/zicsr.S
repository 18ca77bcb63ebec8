// Zicsr: csrrw csrrs csrrc csrrwi csrrsi csrrci on the user FP CSRs, and
// the user counters.
// fflags (0x001) is 5 bits, frm (0x002) is 3 bits, and fcsr (0x003) is
// frm << 5 | fflags with bits 31:8 reading as zero. csrrs/csrrc with
// rs1 = x0 (or a zero uimm) read without writing.
#include "insn_test.h"

TEST_BEGIN
    // ---- start from a known fcsr ----
    csrrw x0, fcsr, zero
    csrrs a0, fcsr, x0
    CHECK(1, a0, 0)

    // ---- field widths ----
    li a1, 0xff
    csrrw a0, fflags, a1                // returns the old value
    CHECK(2, a0, 0)
    csrrs a2, fflags, x0
    CHECK(3, a2, 0x1f)                  // only 5 bits kept
    csrrs a2, fcsr, x0
    CHECK(4, a2, 0x1f)
    csrrs a2, frm, x0
    CHECK(5, a2, 0)
    csrrwi a0, frm, 3
    CHECK(6, a0, 0)
    csrrs a2, frm, x0
    CHECK(7, a2, 3)
    csrrs a2, fcsr, x0                  // 3 << 5 | 0x1f
    CHECK(8, a2, 0x7f)

    // ---- set and clear, register and immediate forms ----
    li a1, 0x05
    csrrc a0, fflags, a1
    CHECK(10, a0, 0x1f)
    csrrs a2, fflags, x0
    CHECK(11, a2, 0x1a)
    li a1, 0x01
    csrrs a0, fflags, a1
    CHECK(12, a0, 0x1a)
    csrrs a2, fflags, x0
    CHECK(13, a2, 0x1b)
    csrrci a0, fflags, 0x18
    CHECK(14, a0, 0x1b)
    csrrs a2, fflags, x0
    CHECK(15, a2, 0x03)
    csrrsi a0, frm, 4
    CHECK(16, a0, 3)
    csrrs a2, frm, x0
    CHECK(17, a2, 7)
    csrrs a2, fcsr, x0                  // 7 << 5 | 3
    CHECK(18, a2, 0xe3)
    csrrci a0, frm, 1
    CHECK(19, a0, 7)
    csrrs a2, fcsr, x0                  // 6 << 5 | 3
    CHECK(20, a2, 0xc3)
    csrrsi a0, fflags, 0x1c             // 0x03 | 0x1c
    CHECK(21, a0, 0x03)
    csrrs a2, fflags, x0
    CHECK(22, a2, 0x1f)

    // ---- fcsr writes update both fields; upper bits read as zero ----
    li a1, 0xffffffff
    csrrw a0, fcsr, a1
    CHECK(30, a0, 0xdf)                 // 6 << 5 | 0x1f
    csrrs a2, fcsr, x0
    CHECK(31, a2, 0xff)
    csrrs a2, frm, x0
    CHECK(32, a2, 7)
    csrrs a2, fflags, x0
    CHECK(33, a2, 0x1f)
    csrrwi a0, fcsr, 0x15               // frm 0, fflags 0x15
    CHECK(34, a0, 0xff)
    csrrs a2, frm, x0
    CHECK(35, a2, 0)
    csrrs a2, fflags, x0
    CHECK(36, a2, 0x15)
    li a1, 0xfa                         // low 3 bits: 2
    csrrw a0, frm, a1
    CHECK(37, a0, 0)
    csrrs a2, fcsr, x0                  // 2 << 5 | 0x15
    CHECK(38, a2, 0x55)

    // ---- reads that must not write ----
    csrrs a0, fflags, x0
    csrrc a0, fflags, x0
    csrrsi a0, fflags, 0
    csrrci a0, fflags, 0
    csrrs a0, fcsr, x0
    CHECK(40, a0, 0x55)
    csrrc a0, frm, x0
    CHECK(41, a0, 2)

    // ---- rd == rs1 swaps; rd = x0 still writes ----
    li a1, 0x0a
    csrrw a1, fflags, a1
    CHECK(42, a1, 0x15)
    csrrs a2, fflags, x0
    CHECK(43, a2, 0x0a)
    li a1, 0x10
    csrrs x0, fflags, a1
    csrrs a2, fflags, x0
    CHECK(44, a2, 0x1a)
    csrrci x0, fflags, 0x02
    csrrs a2, fflags, x0
    CHECK(45, a2, 0x18)
    csrrwi x0, frm, 0
    csrrs a2, fcsr, x0
    CHECK(46, a2, 0x18)

    // ---- an FP operation accrues into fflags (and so into fcsr) ----
    csrrw x0, fcsr, zero
    li a1, 1
    fcvt.d.l ft0, a1
    fcvt.d.l ft1, zero
    fdiv.d ft2, ft0, ft1                // 1/0: divide-by-zero flag DZ = 0x08
    csrrs a2, fflags, x0
    CHECK(50, a2, 0x08)
    csrrs a2, fcsr, x0
    CHECK(51, a2, 0x08)
    fdiv.d ft2, ft0, ft1                // flags accrue, they do not toggle
    csrrs a2, fflags, x0
    CHECK(52, a2, 0x08)
    csrrw x0, fcsr, zero

    // ---- counters never go backwards ----
    rdcycle a0
    rdcycle a1
    sltu t0, a1, a0
    CHECK(60, t0, 0)
    rdtime a0
    rdtime a1
    sltu t0, a1, a0
    CHECK(61, t0, 0)
    rdinstret a0
    rdinstret a1
    sltu t0, a1, a0
    CHECK(62, t0, 0)
    // same with the raw csrrs form, and after some work
    csrrs a0, cycle, x0
    csrrs a2, instret, x0
    li t1, 1000
91: addi t1, t1, -1
    bnez t1, 91b
    csrrs a1, cycle, x0
    sltu t0, a1, a0
    CHECK(63, t0, 0)
    csrrs a3, instret, x0
    sltu t0, a3, a2
    CHECK(64, t0, 0)
TEST_END
