/*
 * Model of the excl exclusive monitor (src/monitor/monitor_excl.c,
 * docs/MONITOR.md).  NLR harts each run a constrained LR/SC increment loop
 * on one word; a remote hart does fast-path stores to the same word: it
 * reads page_excl and then stores, two separate steps, so it can race with
 * an LR's transition to exclusive.  It stores B then A (ABA).  Safe points
 * are modelled as an epoch and per-hart acknowledgements.
 *
 * Ghost: dirty[h] is set when anyone but h writes the word after h's LR
 * loaded it.  Safety: an SC that succeeds has dirty == 0 (properties A, C).
 * Progress (-DPROGRESS): every hart eventually finishes (property D).
 *
 * Variants that must FAIL, to show the model can fail:
 *   -DASYNC    the transition does not wait for acknowledgements (the seed
 *              design's asynchronous flush);
 *   -DRECHECK  the brief's first sketch: after its sync an LR only re-checks
 *              page_excl != 0, with no "arming" count to stop a release, so a
 *              page released and re-armed by another LR meanwhile looks safe.
 */
#define NLR 2
#define REMOTE NLR
#define NCPU (NLR + 1)

byte word = 5;
bit page_excl = 0;
byte live = 0;
byte arming = 0;
bit settled = 0;
bit lock = 0;
byte epoch = 0;
byte seen[NCPU];
bit in_guest[NCPU];
bit res_valid[NLR];
bit res_broken[NLR];
bit dirty[NLR];
byte finished = 0;

inline acquire() { atomic { lock == 0 -> lock = 1 } }
inline unlock() { lock = 0 }

/* the write itself, with its ghost bookkeeping, is one step */
inline write_word(v, who) {
    d_step {
        word = v;
        i = 0;
        do
        :: i < NLR -> if :: i != who -> dirty[i] = 1 :: else -> skip fi; i++
        :: else -> break
        od;
        i = 0
    }
}

/* under the lock: break every other hart's reservation (one granule) */
inline break_others(who) {
    d_step {
        i = 0;
        do
        :: i < NLR -> if :: i != who && res_valid[i] -> res_broken[i] = 1 :: else -> skip fi; i++
        :: else -> break
        od;
        i = 0
    }
}

/* safepoint_sync_others: bump the epoch, wait for every other hart in
 * guest code to acknowledge it, acknowledging others' requests meanwhile */
inline sync_others(me) {
    atomic { epoch++; e = epoch; seen[me] = epoch };
#ifndef ASYNC
    j = 0;
    do
    :: j == NCPU -> break
    :: j < NCPU && (j == me || !in_guest[j] || seen[j] >= e) -> j++
    :: j < NCPU && !(j == me || !in_guest[j] || seen[j] >= e) -> seen[me] = epoch
    od;
    j = 0
#endif
}

/* a store by the remote hart: fast path unless page_excl */
inline remote_store(v) {
    if
    :: page_excl == 0 ->
        write_word(v, REMOTE)           /* may run long after the check */
    :: page_excl != 0 ->
        acquire();
        if
        :: live > 0 -> break_others(REMOTE)
        :: live == 0 ->
            /* release, after any amount of hysteresis: try both */
            if
#ifdef RECHECK
            :: page_excl != 0 -> page_excl = 0; settled = 0
#else
            :: arming == 0 && page_excl != 0 -> page_excl = 0; settled = 0
#endif
            :: true -> skip
            fi
        fi;
        write_word(v, REMOTE);
        unlock()
    fi
}

proctype Remote() {
    byte a, i;
    in_guest[REMOTE] = 1;
    seen[REMOTE] = epoch;               /* block boundary */
    a = word;
    remote_store(9);                    /* B */
    seen[REMOTE] = epoch;               /* block boundary */
    remote_store(a);                    /* A again */
    seen[REMOTE] = epoch;
    in_guest[REMOTE] = 0                /* leaves guest code */
}

proctype Hart(byte me) {
    byte old, e, i, j;
    bit ok;
    in_guest[me] = 1;
    do
    :: seen[me] = epoch;                /* block boundary: top of the retry loop */
        /* LR */
        acquire();
#ifdef RECHECK
    retry:
        if
        :: page_excl != 0 -> skip
        :: page_excl == 0 ->
            page_excl = 1;
            unlock();
            sync_others(me);
            acquire();
            if
            :: page_excl == 0 -> goto retry
            :: page_excl != 0 -> skip
            fi
        fi;
#else
        if
        :: settled -> skip
        :: !settled ->
            page_excl = 1;
            arming++;
            unlock();
            sync_others(me);
            acquire();
            arming--;
            settled = 1
        fi;
#endif
        live++;
        res_valid[me] = 1;
        res_broken[me] = 0;
        d_step { old = word; dirty[me] = 0 };
        unlock();
        /* SC: same block, so no safe point in between */
        acquire();
        ok = res_valid[me] && !res_broken[me];
        if
        :: ok ->
            assert(!dirty[me]);
            break_others(me);
            write_word(old + 1, me)
        :: !ok -> skip
        fi;
        res_valid[me] = 0;
        live--;
        unlock();
        if
        :: ok -> break
        :: !ok -> skip
        fi
    od;
    in_guest[me] = 0;
    finished++
}

init {
    atomic {
        byte h = 0;
        do
        :: h < NLR -> run Hart(h); h++
        :: else -> break
        od;
        run Remote()
    }
}

#ifdef PROGRESS
ltl progress { <> (finished == NLR) }
#endif
