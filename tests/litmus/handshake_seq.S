// Thread A's side of the handshake litmus tests (tests/litmus/handshake.c).
//
// Each sequence is LR, then the handshake, then SC, in one piece of
// assembly so that the compiler cannot put a spill store or a call
// between them.  Between LR and SC, A makes exactly one store (flag1, on
// its own page, to tell B that the LR is done) and otherwise spins with
// loads on flag2 (on yet another page), so A itself never breaks its own
// reservation; only the sequences that want it add something more.
//
// Arguments: a0 = reserved word, a1 = value to store conditionally,
// a2 = &flag1, a3 = &flag2, a4 = handshake number, a5 = another address.
// Return: 0 if the SC succeeded, 1 if it failed (seq_second: bit 0 for
// the first SC, bit 1 for the second).

// "LR done": publish flag1 = a4, then wait (loads only) for B's flag2 = a4.
.macro HANDSHAKE
    fence rw, w
    sd a4, 0(a2)
1:  ld t0, 0(a3)
    bne t0, a4, 1b
    fence r, rw
.endm

.macro SEQUENCES sfx
    .text

    // lr; handshake; sc
    .globl seq_plain_\sfx
seq_plain_\sfx:
    lr.\sfx t1, (a0)
    HANDSHAKE
    sc.\sfx t2, a1, (a0)
    snez a0, t2
    ret

    // lr; handshake; getpid (a syscall ends the reservation); sc
    .globl seq_syscall_\sfx
seq_syscall_\sfx:
    mv t3, a0
    lr.\sfx t1, (t3)
    HANDSHAKE
    li a7, 172
    ecall
    sc.\sfx t2, a1, (t3)
    snez a0, t2
    ret

    // lr X; handshake; sc to another address (a5): must fail, not write
    .globl seq_other_\sfx
seq_other_\sfx:
    lr.\sfx t1, (a0)
    HANDSHAKE
    sc.\sfx t2, a1, (a5)
    snez a0, t2
    ret

    // lr X; lr Y (a5); handshake; sc X: the reservation is Y's now
    .globl seq_lrlr_\sfx
seq_lrlr_\sfx:
    lr.\sfx t1, (a0)
    lr.\sfx t1, (a5)
    HANDSHAKE
    sc.\sfx t2, a1, (a0)
    snez a0, t2
    ret

    // lr; handshake; sc (succeeds); sc of a1 + 1 (no reservation left)
    .globl seq_second_\sfx
seq_second_\sfx:
    lr.\sfx t1, (a0)
    HANDSHAKE
    sc.\sfx t2, a1, (a0)
    addi a1, a1, 1
    sc.\sfx t3, a1, (a0)
    snez t2, t2
    snez t3, t3
    slli t3, t3, 1
    or a0, t2, t3
    ret
.endm

    SEQUENCES d
    SEQUENCES w
