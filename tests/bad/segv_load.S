# Loads from address 8 (a NULL-pointer member access).
# Expected: SIGSEGV, message names the address and the pc (label bad_access).
    .text
    .globl _start, bad_access
_start:
    li t0, 0
bad_access:
    ld t1, 8(t0)
    li a7, 93          # exit(0): must not be reached
    li a0, 0
    ecall
