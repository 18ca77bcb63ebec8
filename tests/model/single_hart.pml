/*
 * Model of excl's single-hart mode (src/monitor/monitor_excl.c, "Single-
 * hart mode"; docs/MONITOR.md).  Hart W runs LR/SC increments on a word.
 * Hart M sleeps in a syscall, comes back into guest code, stores B and
 * then A to the word (ABA), and goes back to sleep; twice.
 *
 * An LR that reads running == 1 makes a single-hart reservation: no tag,
 * its SC just stores.  Else it makes a normal one, abstracted here as the
 * value of the word's tag, which every store by M bumps (excl.pml checks
 * that the page and arming protocol gets each such store to the tag).
 * The single-hart LR needs the flag set: if it is clear, it sets it
 * and learns the count in the same atomic step (tandem keeps both in one
 * word, vcpu_running, and uses fetch_or).  M, entering: running++ and
 * reads the flag, one step (fetch_add); if it was set: a sync, then if W
 * holds a single-hart reservation, it stops the world (W parks at its
 * next block boundary), makes the reservation normal (the tag as it is
 * now), restarts the world; then clears the flag.  W's LR is one block; a single-hart SC's check and its write are
 * separate steps of another block (the JIT's compare, then its plain
 * store); a normal SC claims the tag around its write, so it is one step
 * here.  W makes TRIES LR/SC attempts.
 *
 * After each attempt W also stores to the word, in a block of its own:
 * alone (running == 1 with the flag set) the plain write, which moves no
 * tag, as the JIT's marked-page stubs and excl's slow paths do; else
 * around the tag.  M, back in guest code, makes one normal LR/SC on the
 * word before its stores.
 *
 * Ghost: dirty is set when M writes the word after W's LR, dirty_m when
 * W writes it after M's LR.  Safety: an SC that succeeds has its ghost
 * clear.
 *
 * Variants that must FAIL, to show the model can fail:
 *   -DNO_RECHECK   the LR reads the count and sets the flag in two steps;
 *   -DNO_SYNC      M looks for single-hart reservations without a sync
 *                  first: an LR that read running == 1 may not have
 *                  published its reservation yet;
 *   -DNO_STOP      M makes the reservation normal without stopping W:
 *                  W may be between its SC's check and its write;
 *   -DNO_FLAG      W's store takes the plain write when running == 1,
 *                  flag or not: M, finding the flag clear, does not sync,
 *                  and its LR may come before W's write.
 */
#define W 0
#define M 1
#define ROUNDS 2                        /* M's trips into guest code */
#define TRIES 3                         /* W's LR/SC attempts */

byte word = 5;
byte tag = 0;                           /* the word's tag: M's stores bump it */
byte running = 1;                       /* W runs; M is in a syscall */
bit flag = 0;                           /* VCPU_SINGLE_HART (vcpu_running) */
byte epoch = 0;
byte seen[2];
bit in_guest[2];
bit stop = 0;                           /* the world is stopped */
bit res_valid = 0;
bit res_single = 0;                     /* W's reservation is a single-hart one */
byte res_tag = 0;
bit dirty = 0;
bit dirty_m = 0;

/* a block boundary of W: acknowledge, and park while the world is stopped */
inline boundary() {
    seen[W] = epoch;
    if
    :: stop -> in_guest[W] = 0; !stop; in_guest[W] = 1; seen[W] = epoch
    :: else -> skip
    fi
}

/* M's sync: bump the epoch, wait until W acknowledged it, is parked or
 * has left guest code */
inline sync_w() {
    atomic { epoch++; e = epoch };
    (!in_guest[W] || seen[W] >= e);
    e = 0
}

proctype HartW() {
    byte old, n = 0;
    bit ok, single, alone;
    in_guest[W] = 1;
    do
    :: n < TRIES ->
        n++;
        boundary();
        /* LR, one block */
        single = 0;
        if
        :: running == 1 ->
            if
            :: flag -> single = 1
            :: !flag ->
#ifndef NO_RECHECK
                atomic { single = (running == 1); flag = 1 }   /* fetch_or */
#else
                flag = 1;
                single = 1
#endif
            fi
        :: else -> skip
        fi;
        if
        :: single -> d_step { res_valid = 1; res_single = 1; old = word; dirty = 0 }
        :: !single -> d_step { res_valid = 1; res_single = 0; res_tag = tag; old = word; dirty = 0 }
        fi;
        /* maybe a block boundary between LR and SC */
        if
        :: boundary()
        :: skip
        fi;
        /* SC, in one block */
        if
        :: res_valid && res_single -> ok = 1   /* the check ... */
        :: else ->
            d_step {
                if
                :: res_valid && tag == res_tag -> assert(!dirty); word = old + 1; tag = tag + 2
                :: else -> skip
                fi
            }
        fi;
        if
        :: ok -> d_step { assert(!dirty); word = old + 1 }   /* ... then the store */
        :: else -> skip
        fi;
        d_step { res_valid = 0; ok = 0; old = 0; single = 0 };
        /* a store to the word, one block: the check, then the write */
        boundary();
        if
#ifndef NO_FLAG
        :: running == 1 && flag -> alone = 1
#else
        :: running == 1 -> alone = 1
#endif
        :: else -> alone = 0
        fi;
        if
        :: alone -> dirty_m = 1
        :: else -> tag++; dirty_m = 1; tag++
        fi;
        alone = 0
    :: n == TRIES -> break
    od;
    boundary();
    in_guest[W] = 0
}

proctype HartM() {
    byte e, n = 0, a, m_tag;
    bit f;
    do
    :: n < ROUNDS ->
        /* vcpu_enter_guest (fetch_add), then the monitor's end_single_hart */
        atomic { running++; f = flag };
        in_guest[M] = 1;
        seen[M] = epoch;
        if
        :: f ->
            f = 0;
#ifndef NO_SYNC
            sync_w();
#endif
            if
            :: res_valid && res_single ->
#ifndef NO_STOP
                stop = 1;
                sync_w();               /* W parked at a boundary (or done) */
#endif
                if
                :: res_valid && res_single -> res_tag = tag; res_single = 0
                :: else -> skip
                fi;
                stop = 0
            :: else -> skip
            fi;
            flag = 0
        :: else -> skip
        fi;
        /* guest code: an LR/SC on the word (a normal one: the tag, even) */
        atomic { (tag % 2 == 0) -> m_tag = tag; dirty_m = 0 };
        d_step {
            if
            :: tag == m_tag -> assert(!dirty_m); tag = tag + 2; dirty = 1
            :: else -> skip
            fi;
            m_tag = 0
        };
        /* then B then A; each store bumps the tag around its write */
        a = word;
        d_step { tag++; word = 9; dirty = 1 };
        tag++;
        d_step { tag++; word = a; dirty = 1 };
        tag++;
        /* vcpu_leave_guest: into the next syscall */
        in_guest[M] = 0;
        running--;
        n++
    :: n == ROUNDS -> break
    od
}

init {
    atomic { run HartW(); run HartM() }
}
