# Loads 16 bytes below address 0: the address wraps around to the top of
# the 64-bit space, which the bounds check must catch after the add.
# Expected: SIGSEGV at 0xfffffffffffffff0, pc = label bad_access.
    .text
    .globl _start, bad_access
_start:
    li t0, 0
bad_access:
    ld t1, -16(t0)
    li a7, 93          # exit(0): must not be reached
    li a0, 0
    ecall
