# amoadd.w: the JIT inlines it (lock xadd, behind alignment and page-mark
# checks, with a helper call as the cold path) where the strategy allows
# (monitor_ops.amo_fast_path); hst always calls the helper.
# expect-host-insns: amo 48 --atomics=excl
# expect-host-insns: amo 48 --atomics=cas
# expect-host-insns: amo 27 --atomics=hst
    .globl _start
    .text
_start:
    lla     a0, counter
    li      t1, 5
    j       amo
amo:
    amoadd.w t0, t1, (a0)
    j       done
done:
    lw      a0, 0(a0)
    addi    a0, a0, -5          # exit 0 when the counter reached 5
    li      a7, 93
    ecall

    .data
    .balign 8
counter: .word 0
