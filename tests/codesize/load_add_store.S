# Read-modify-write of a memory word: two guest memory accesses (each with
# its address check) around one ALU op.
# expect-host-insns: rmw 66
    .globl _start
    .text
_start:
    lla     a0, value
    li      a1, 7
    j       rmw
    # its own page: a jump within a page is followed, the idiom would
    # join the block before it
    .balign 4096
rmw:
    ld      t0, 0(a0)
    add     t0, t0, a1
    sd      t0, 0(a0)
    j       done
    .balign 4096                # the exit code on another page, out of the block
done:
    ld      a0, 0(a0)
    addi    a0, a0, -7          # exit 0 when the value became 7
    li      a7, 93
    ecall

    .data
    .balign 8
value: .dword 0
