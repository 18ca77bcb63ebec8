# A loop of 16-bit RVC instructions: the decoder expands each one to its
# 32-bit form, so compressed code must not cost extra host code.
# expect-host-insns: rvc 86
    .globl _start
    .text
_start:
    lla     s0, buf
    li      a2, 3
    li      a0, 0
    j       rvc
rvc:
    c.lw    a1, 0(s0)
    c.addi  a1, 4
    c.add   a0, a1
    c.sw    a1, 0(s0)
    c.addi  a2, -1
    c.bnez  a2, rvc
    c.addi  a0, -24             # exit 0: 4 + 8 + 12
    li      a7, 93
    ecall

    .data
    .balign 8
buf: .word 0
