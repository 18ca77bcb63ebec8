/*
 * Model of the excl exclusive monitor (src/monitor/monitor_excl.c,
 * docs/MONITOR.md).  NLR harts each run a constrained LR/SC increment loop
 * on one word; a remote hart stores to the same word, B then A (ABA).  A
 * store reads page_excl and then writes, two separate steps inside one
 * block, so a fast-path store can race with an LR's transition to
 * exclusive; a slow store bumps the granule's tag, and may then try to
 * release the page (any amount of hysteresis: the model tries both).
 * Safe points are an epoch and per-hart acknowledgements; a hart
 * acknowledges at block boundaries (maybe also between its LR and SC,
 * which may sit in different blocks) and while it waits in a sync.
 *
 * Page states: NORMAL, ARMING, SETTLED, RELEASING.  The tag is a sequence
 * lock (odd while a non-owner's write is in progress) with an owner:
 * FREE, a hart (id + 1), REVOKING or SHARED.  The owner writes with no
 * claim and then adds 2; anyone else resolves the tag first (FREE: take
 * it; another hart's: CAS to REVOKING, sync, SHARED; REVOKING: sync and
 * look again) and claims SHARED tags with a CAS on an even value.  An SC
 * by the owner does not compare the tag at all.  A store to an exclusive
 * page skips the tag while the word is unarmed; an LR arms the word
 * before it uses it, as it settles the page: its armed bit, a sync, its
 * synced bit (armed here: UNARMED -> ARMING -> ARMED; tandem keeps the
 * two bits per 8-byte granule, and the model has one word).  The LR that
 * settles the page sets the armed bit before the settle sync and the
 * synced bit after it, so one sync does for both.
 *
 * Two configurations keep the state space small (5-13 million states,
 * under 700 MB each; both at once take 65 million and 5 GB):
 *   default      the page protocol and word arming: the page starts NORMAL,
 *                the word UNARMED, the tag SHARED (every claim a CAS, as for a
 *                tag whose owner was revoked);
 *   -DTAGS_ONLY  tag ownership: the tag starts FREE, the word ARMED, the page
 *                SETTLED and never released (which stores reach the tag
 *                is the default configuration's business).
 *
 * Ghost: dirty[h] is set when anyone but h writes the word after h's LR
 * loaded it.  Safety: an SC that succeeds has dirty == 0 (properties A, C).
 * Progress (-DPROGRESS): every hart eventually finishes (property D).
 *
 * Variants that must FAIL, to show the model can fail:
 *   -DASYNC            syncs do not wait for acknowledgements (the seed
 *                      design's asynchronous flush);
 *   -DNO_RELEASE_SYNC  the releaser reads the reservations right after its
 *                      CAS to RELEASING, without a sync: an LR that read
 *                      SETTLED just before has not published res.addr yet;
 *   -DEARLY_PROCEED    an LR that found the page ARMING or RELEASING makes
 *                      one sync and goes on without reading the state
 *                      again: it may have acknowledged the releaser's sync,
 *                      or synced before the armer set page_excl;
 *   -DNO_REVOKE_SYNC   a revoker takes the tag from its owner without
 *                      waiting for the owner's acknowledgement: an owner
 *                      that read "mine" may still be writing;
 *   -DNO_ARM_SYNC      an LR arms the word without a sync: a store that
 *                      read it unarmed may still be on its way;
 *   -DSETTLE_ARMS_LATE the LR that settles the page marks the word armed
 *                      only after its settle sync, and counts that sync
 *                      for the word too (it must arm before the sync);
 *   -DOWNER_NO_BUMP    the remote hart, owning the tag, writes without
 *                      adding 2: an LR that read the tag before keeps a
 *                      reservation its SC can still claim.
 */
#define NLR 2
#define REMOTE NLR
#define NCPU (NLR + 1)

#define NORMAL 0
#define ARMING 1
#define SETTLED 2
#define RELEASING 3

#define FREE 0
#define REVOKING 200
#define SHARED 201

#define TAG_UNARMED 0
#define TAG_ARMING 1
#define TAG_ARMED 2

byte word = 5;
#ifdef TAGS_ONLY
bit page_excl = 1;                      /* the page protocol is not in play */
byte state = SETTLED;
#define NO_RELEASE
#else
bit page_excl = 0;
byte state = NORMAL;
#endif
byte tag = 0;
#ifdef TAGS_ONLY
byte owner = FREE;
byte armed = TAG_ARMED;
#else
byte owner = SHARED;                    /* every claim a CAS: see above */
byte armed = TAG_UNARMED;
#endif
byte epoch = 0;
byte seen[NCPU];
bit in_guest[NCPU];
bit res_valid[NLR];
bit dirty[NLR];
byte finished = 0;

/* the write itself, with its ghost bookkeeping, is one step; an SC's
 * write also checks that nobody else wrote since its LR (the assertion) */
inline sc_write(v, who) {
    d_step {
        assert(!dirty[who]);
        word = v;
        i = 0;
        do
        :: i < NLR -> if :: i != who -> dirty[i] = 1 :: else -> skip fi; i++
        :: else -> break
        od;
        i = 0
    }
}

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
    j = 0;
#endif
    e = 0                               /* dead: fewer distinct states */
}

/* make the tag one that hart `me` may claim: its own or SHARED */
inline resolve(me) {
    do
    :: owner == me + 1 || owner == SHARED -> break
    :: owner == FREE ->
        atomic { if :: owner == FREE -> owner = me + 1 :: else -> skip fi }
    :: owner == REVOKING ->
        sync_others(me)                 /* answers the revoker meanwhile */
    :: owner != FREE && owner != REVOKING && owner != SHARED && owner != me + 1 ->
        atomic {
            if
            :: owner != FREE && owner != REVOKING && owner != SHARED && owner != me + 1 ->
                owner = REVOKING; won = 1
            :: else -> won = 0
            fi
        };
        if
        :: won ->
            won = 0;
#ifndef NO_REVOKE_SYNC
            sync_others(me);            /* the owner's writes have ended */
#endif
            owner = SHARED
        :: !won -> skip
        fi
    od
}

/* the releaser: SETTLED -> RELEASING, sync, then look for reservations */
inline try_release(me) {
    atomic {
        if
        :: state == SETTLED -> state = RELEASING; won = 1
        :: else -> won = 0
        fi
    };
    if
    :: won ->
#ifndef NO_RELEASE_SYNC
        sync_others(me);
#endif
        busy = 0;
        k = 0;
        do
        :: k < NLR -> if :: res_valid[k] -> busy = 1 :: else -> skip fi; k++
        :: else -> break
        od;
        k = 0;
        if
        :: busy -> state = SETTLED
        :: !busy -> page_excl = 0; state = NORMAL
        fi;
        busy = 0
    :: !won -> skip
    fi;
    won = 0
}

/* a store by the remote hart: fast path unless page_excl */
inline remote_store(v) {
    if
    :: page_excl == 0 ->
        write_word(v, REMOTE)           /* may run long after the check */
    :: page_excl != 0 && armed == TAG_UNARMED ->
        write_word(v, REMOTE)           /* no LR on the word yet: plain */
    :: page_excl != 0 && armed != TAG_UNARMED ->
        resolve(REMOTE);
        if
        :: atomic { owner == REMOTE + 1 -> t = tag }   /* the owner: no claim */
            write_word(v, REMOTE);
#ifndef OWNER_NO_BUMP
            tag = t + 2
#else
            skip
#endif
        :: else ->
            atomic { tag % 2 == 0 -> tag++ };   /* claim the tag */
            write_word(v, REMOTE);
            tag++                       /* publish */
        fi;
        t = 0;
#ifndef NO_RELEASE
        if
        :: true -> try_release(REMOTE)
        :: true -> skip
        fi
#endif
    fi
}

proctype Remote() {
    byte a, i, e, j, k, t;
    bit won, busy;
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
    byte old, s, t, e, i, j;
    bit ok, won;
    in_guest[me] = 1;
    do
    :: seen[me] = epoch;                /* block boundary: top of the retry loop */
        /* LR: settle the page */
        s = state;
    settle:
        if
        :: s == SETTLED -> skip
        :: s == NORMAL ->
            atomic {
                if
                :: state == NORMAL -> state = ARMING; won = 1
                :: else -> s = state; won = 0
                fi
            };
            if
            :: won ->
                won = 0;
                page_excl = 1;
                /* the settler arms its own granule before its sync, which
                 * then covers both (one sync for a fresh page's first
                 * LR); either choice: the model's one word stands for
                 * the settler's granule or for another on the page, which
                 * the next LR arms on its own */
                if
                :: true ->
#ifndef SETTLE_ARMS_LATE
                    atomic { if :: armed == TAG_UNARMED -> armed = TAG_ARMING :: else -> skip fi };
                    sync_others(me);
                    atomic { if :: armed == TAG_ARMING -> armed = TAG_ARMED :: else -> skip fi }
#else
                    sync_others(me);
                    atomic { if :: armed != TAG_ARMED -> armed = TAG_ARMED :: else -> skip fi }
#endif
                :: true ->
                    sync_others(me)
                fi;
                state = SETTLED
            :: !won -> goto settle
            fi
        :: s == ARMING || s == RELEASING ->
            sync_others(me);
#ifndef EARLY_PROCEED
            s = state;
            goto settle
#else
            skip
#endif
        fi;
        /* LR: the word must be armed and synced, so that stores take its tag */
        if
        :: armed == TAG_ARMED -> skip
        :: armed != TAG_ARMED ->
            atomic { if :: armed == TAG_UNARMED -> armed = TAG_ARMING :: else -> skip fi };
#ifndef NO_ARM_SYNC
            sync_others(me);
#endif
            atomic { if :: armed == TAG_ARMING -> armed = TAG_ARMED :: else -> skip fi };
            s = state;
            goto settle                 /* that synced: read the page state again */
        fi;
        /* LR: publish the reservation, then a seqlock read */
        s = 0;
        res_valid[me] = 1;
        do
        :: t = tag;
            if
            :: t % 2 == 0 ->
                d_step { old = word; dirty[me] = 0 };
                if
                :: tag == t -> break
                :: else -> skip
                fi
            :: else -> skip
            fi
        od;
        /* LR and SC may sit in different blocks: maybe a safe point */
        if
        :: seen[me] = epoch
        :: skip
        fi;
        /* SC: the owner's path, the CAS on a shared tag, or resolve first */
        do
        :: atomic { owner == me + 1 -> t = tag }   /* no comparison: nobody else wrote */
            ok = 1;
            sc_write(old + 1, me);
            tag = t + 2;
            break
        :: owner == SHARED ->
            atomic {
                if
                :: tag == t -> tag++; ok = 1
                :: else -> ok = 0
                fi
            };
            if
            :: ok ->
                sc_write(old + 1, me);
                tag++
            :: !ok -> skip
            fi;
            break
        :: owner != me + 1 && owner != SHARED ->
            resolve(me)
        od;
        skip;                           /* (a break may not land on a d_step) */
        d_step { res_valid[me] = 0; t = 0; old = 0 };
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
