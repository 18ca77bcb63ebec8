# amoadd.w: the JIT inlines it (lock xadd, behind alignment and page-mark
# checks, with a helper call as the cold path) where the strategy allows
# (monitor_ops.amo_fast_path); hst always calls the helper.
# expect-host-insns: amo 62 --atomics=excl
# expect-host-insns: amo 45 --atomics=cas
# expect-host-insns: amo 24 --atomics=hst
    .globl _start
    .text
_start:
    lla     a0, counter
    li      t1, 5
    j       amo
    # its own page: a jump within a page is followed, the idiom would
    # join the block before it
    .balign 4096
amo:
    amoadd.w t0, t1, (a0)
    j       done
    .balign 4096                # the exit code on another page, out of the block
done:
    lw      a0, 0(a0)
    addi    a0, a0, -5          # exit 0 when the counter reached 5
    li      a7, 93
    ecall

    .data
    .balign 8
counter: .word 0
