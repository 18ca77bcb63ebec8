# The smallest loop: decrement and branch back, so the block jumps to
# itself (chaining) every iteration.
# expect-host-insns: loop 18
    .globl _start
    .text
_start:
    li      a2, 1000
    j       loop
loop:
    addi    a2, a2, -1
    bnez    a2, loop
    mv      a0, a2              # exit 0: the loop ran down to zero
    li      a7, 93
    ecall
