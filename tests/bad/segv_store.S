# Stores to the unmapped address 0xdead0000.
# Expected: SIGSEGV, message names the address and the pc (label bad_access).
    .text
    .globl _start, bad_access
_start:
    li t0, 0xdead0000
    li t1, 0x1234
bad_access:
    sd t1, 0(t0)
    li a7, 93          # exit(0): must not be reached
    li a0, 0
    ecall
