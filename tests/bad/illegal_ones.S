# Executes an all-ones word (an illegal encoding).
# Expected: SIGILL, message names the pc (label bad_insn) and the word.
    .text
    .globl _start, bad_insn
_start:
    li a0, 1
bad_insn:
    .word 0xffffffff
    li a7, 93          # exit(0): must not be reached
    li a0, 0
    ecall
