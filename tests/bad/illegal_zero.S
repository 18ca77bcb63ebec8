# Executes the all-zero halfword, which the ISA defines as illegal.
# Expected: tandem dies of SIGILL and names the pc (label bad_insn).
    .text
    .globl _start, bad_insn
_start:
    li a0, 1
bad_insn:
    .word 0
    li a7, 93          # exit(0): must not be reached
    li a0, 0
    ecall
