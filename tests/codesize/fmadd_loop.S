# A double-precision multiply-accumulate loop body (dot product style).
# expect-host-insns: fma_loop 76
    .globl _start
    .text
_start:
    li      t0, 2
    fcvt.d.l fa1, t0            # fa1 = 2.0
    li      t0, 3
    fcvt.d.l fa2, t0            # fa2 = 3.0
    fcvt.d.l fa0, zero          # fa0 = 0.0
    li      a2, 4
    j       fma_loop
fma_loop:
    fmadd.d fa0, fa1, fa2, fa0
    addi    a2, a2, -1
    bnez    a2, fma_loop
    fcvt.l.d a0, fa0
    addi    a0, a0, -24         # exit 0 when fa0 = 4 * 2.0 * 3.0
    li      a7, 93
    ecall
