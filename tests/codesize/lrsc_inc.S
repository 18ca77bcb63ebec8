# LR/SC increment loop: the hottest atomic idiom (a C11 fetch_add on a
# target without AMOs, or a hand-rolled CAS).  Strategies may lower
# lr.w/sc.w differently, so each gets its own expectation: excl and cas
# are inlined (their common paths, with a helper call as the cold path;
# excl also checks for its single-hart mode, 17 instructions with its stub:
# one compare for the mode with its flag set, one for the mode without it,
# which calls load_link to set the flag), stw and hst call their helpers.
# expect-host-insns: lrsc_loop 171 --atomics=excl
# expect-host-insns: lrsc_loop 103 --atomics=cas
# expect-host-insns: lrsc_loop 57 --atomics=stw
# expect-host-insns: lrsc_loop 57 --atomics=hst
    .globl _start
    .text
_start:
    lla     a0, counter
    j       lrsc_loop
    # its own page: a jump within a page is followed, the idiom would
    # join the block before it
    .balign 4096
lrsc_loop:
    lr.w    t0, (a0)
    addi    t0, t0, 1
    sc.w    t1, t0, (a0)
    bnez    t1, lrsc_loop
    lw      a0, 0(a0)
    addi    a0, a0, -1          # exit 0 when the counter reached 1
    li      a7, 93
    ecall

    .data
    .balign 8
counter: .word 0
