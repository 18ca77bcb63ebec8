# A leaf function's return (jalr zero, 0(ra)): an indirect jump, so the
# block ends in a lookup rather than a chained direct jump.
# expect-host-insns: leaf 25
    .globl _start
    .text
_start:
    li      a0, -3
    call    leaf
    call    leaf
    call    leaf                # exit 0 after three increments
    li      a7, 93
    ecall
    # its own page: a jump within a page is followed, the idiom would
    # join the block before it
    .balign 4096
leaf:
    addi    a0, a0, 1
    ret
