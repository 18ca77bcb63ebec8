# Loads just past the end of the guest address space (Sv39: 1 << 38): a
# base register inside it plus a displacement that leaves it.
# Expected: SIGSEGV at 0x4000000008, pc = label bad_access.
    .text
    .globl _start, bad_access
_start:
    li t0, 0x3ffffffff8
bad_access:
    ld t1, 16(t0)
    li a7, 93          # exit(0): must not be reached
    li a0, 0
    ecall
