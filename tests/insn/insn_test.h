/*
 * Per-instruction test harness for guest assembly (no libc).
 *
 * A test file looks like:
 *     #include "insn_test.h"
 *     TEST_BEGIN
 *       li a0, 5; li a1, 7; add a2, a0, a1
 *       CHECK(1, a2, 12)          # case 1: a2 must equal 12
 *     TEST_END
 *
 * Expected values are written in the file, derived from the ISA manual.
 * On the first mismatch the program writes "FAIL case N" to stdout and
 * exits with status 1; otherwise it writes "PASS <file>" and exits 0.
 * t6 and s11 are reserved for the harness.
 */
#ifndef INSN_TEST_H
#define INSN_TEST_H

#define SYS_write 64
#define SYS_exit  93

#define TEST_BEGIN          \
    .text;                  \
    .globl _start;          \
_start:                     \
    la sp, __stack_top;

/* Compare register reg with a 64-bit constant; fail with case number n. */
#define CHECK(n, reg, expected)  \
    li t6, expected;             \
    li s11, n;                   \
    bne reg, t6, __test_fail;

/* Compare two registers. */
#define CHECK_REG(n, reg, other) \
    li s11, n;                   \
    bne reg, other, __test_fail;

/* Compare the raw bits of FP register freg (as 64 bits) with a constant. */
#define CHECK_FBITS(n, freg, expected) \
    fmv.x.d t5, freg;                  \
    li t6, expected;                   \
    li s11, n;                         \
    bne t5, t6, __test_fail;

/* Compare the low 32 bits of FP register freg, and require NaN-boxing. */
#define CHECK_FBITS_S(n, freg, expected) \
    fmv.x.d t5, freg;                    \
    li t6, (0xffffffff00000000 | (expected)); \
    li s11, n;                           \
    bne t5, t6, __test_fail;

#define TEST_END                                   \
    la a1, __pass_msg;                             \
    li a2, 5;                                      \
    li a0, 1; li a7, SYS_write; ecall;             \
    li a0, 0; li a7, SYS_exit; ecall;              \
__test_fail:                                       \
    /* write "FAIL case " then the decimal of s11 */ \
    la a1, __fail_msg; li a2, 10;                  \
    li a0, 1; li a7, SYS_write; ecall;             \
    la a1, __num_buf_end; mv t0, s11; li t1, 10; li t2, 0; \
1:  addi a1, a1, -1; remu t3, t0, t1; addi t3, t3, '0'; sb t3, 0(a1); \
    addi t2, t2, 1; divu t0, t0, t1; bnez t0, 1b;  \
    mv a2, t2; li a0, 1; li a7, SYS_write; ecall;  \
    la a1, __nl; li a2, 1; li a0, 1; li a7, SYS_write; ecall; \
    li a0, 1; li a7, SYS_exit; ecall;              \
    .data;                                         \
__pass_msg: .ascii "PASS\n";                       \
__fail_msg: .ascii "FAIL case ";                   \
__nl: .ascii "\n";                                 \
    .balign 8;                                     \
__num_buf: .space 24;                              \
__num_buf_end:                                     \
    .balign 16;                                    \
    .space 65536;                                  \
__stack_top:

#endif
