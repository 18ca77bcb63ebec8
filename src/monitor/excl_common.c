/* Helpers shared by the exact monitor strategies; see excl_common.h. */
#include <inttypes.h>
#include <sched.h>
#include <signal.h>

#include "exec/exec.h"
#include "monitor/excl_common.h"
#include "util/clock.h"

void misaligned_atomic(struct vcpu *cpu, uint64_t addr)
{
    guest_fatal_signal(cpu, SIGBUS, "misaligned atomic access at address 0x%" PRIx64
                       " (pc 0x%" PRIx64 ")", addr, cpu->pc);
}

unsigned break_reservations(struct vcpu *self, uint64_t addr, unsigned bytes)
{
    unsigned broken = 0;
    int used = atomic_load_explicit(&vcpu_table_used, memory_order_acquire);
    for (int i = 0; i < used; i++) {
        struct vcpu *v = vcpu_table[i];
        if (v == self)
            continue;
        uint64_t r = atomic_load_explicit(&v->res.addr, memory_order_acquire);
        if (r == RES_NONE || !granule_overlaps(r, addr, bytes))
            continue;
        if (!atomic_exchange_explicit(&v->res.broken, true, memory_order_relaxed))
            broken++;
    }
    return broken;
}

/*
 * Waiting for a tag (excl, hst) that another vCPU holds odd.  The holder
 * needs the tag's line back to publish, so a waiter that re-reads it in a
 * tight loop steals the line and stretches the very section it waits for; a
 * doubling pause between reads lets the holder finish, and under
 * contention lets a vCPU run a burst of LR/SC pairs (or lock/unlock
 * pairs) while it has the lines, as a native core does.  The holder never
 * waits for anybody, so this only spaces the reads out (property D); a
 * waiter that has spent about 2 x BACKOFF_MAX_NS yields its CPU, in case
 * the holder was descheduled.  The bounds are times: a `pause` takes from
 * a few to over 100 cycles depending on the host CPU, so its count is
 * calibrated once (contended lrsc_counter, treiber and mutex_loop ran
 * fastest between 1.6 and 6.4 us here; 0.4 us was up to 2x slower).
 *
 * A reader (an LR) first re-reads for about READER_SPIN_NS, the time a
 * writer holds the tag: a vCPU polling with LR for another's store (a
 * turn, a flag) otherwise slept 3 us at every hand-off, 50x cas's hand-off
 * time.  Longer spins cost the contended loops above up to 7x (bursts
 * turn into kernel hand-offs); this one cost them 0-6% in two runs.
 */
#define BACKOFF_MIN_NS 3000
#define BACKOFF_MAX_NS 12000
#define READER_SPIN_NS 100

static _Atomic unsigned backoff_min_pauses;   /* 0: not calibrated yet */

/* How many pauses make BACKOFF_MIN_NS (the fastest of three timings:
 * a preempted one only overstates a pause) */
static unsigned calibrate_pauses(void)
{
    enum { PROBE = 256 };
    uint64_t best = UINT64_MAX;
    for (int round = 0; round < 3; round++) {
        uint64_t t0 = monotonic_ns();
        for (unsigned k = 0; k < PROBE; k++)
            __builtin_ia32_pause();
        uint64_t t = monotonic_ns() - t0;
        best = t < best ? t : best;
    }
    uint64_t n = (uint64_t)BACKOFF_MIN_NS * PROBE / (best ? best : 1);
    return n < 1 ? 1 : n > 65536 ? 65536 : (unsigned)n;
}

static unsigned min_pauses(void)
{
    unsigned min = atomic_load_explicit(&backoff_min_pauses, memory_order_relaxed);
    if (!min) {
        min = calibrate_pauses();
        atomic_store_explicit(&backoff_min_pauses, min, memory_order_relaxed);
    }
    return min;
}

void tag_backoff(unsigned *pauses)
{
    unsigned min = min_pauses();
    unsigned n = *pauses ? *pauses : min;
    if (n > min * (BACKOFF_MAX_NS / BACKOFF_MIN_NS)) {
        sched_yield();
        return;
    }
    for (unsigned k = 0; k < n; k++)
        __builtin_ia32_pause();
    *pauses = n * 2;
}

void tag_wait_read(unsigned *spins, unsigned *pauses)
{
    unsigned spin_max = (unsigned)((uint64_t)min_pauses() * READER_SPIN_NS / BACKOFF_MIN_NS) + 1;
    if (*spins < spin_max) {
        ++*spins;
        __builtin_ia32_pause();
        return;
    }
    tag_backoff(pauses);
}
