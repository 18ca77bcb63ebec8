# Calls the unassigned syscall 4000 twice; each must return -ENOSYS (-38).
# Prints "OK" and exits 0, or prints "BAD" and exits 1.
# Expected: tandem warns once (one stderr line), not once per call.
    .text
    .globl _start
_start:
    li s0, 2           # number of calls
    li s1, -38
1:  li a7, 4000
    li a0, 0
    ecall
    bne a0, s1, bad
    addi s0, s0, -1
    bnez s0, 1b
    la a1, ok_msg
    li a2, 3
    li s2, 0
    j report
bad:
    la a1, bad_msg
    li a2, 4
    li s2, 1
report:
    li a0, 1
    li a7, 64          # write(1, msg, len)
    ecall
    mv a0, s2
    li a7, 93          # exit(status)
    ecall

    .section .rodata
ok_msg:  .ascii "OK\n"
bad_msg: .ascii "BAD\n"
