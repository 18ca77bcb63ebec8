/* Hand-offs: threads 2k and 2k+1 take turns on a word of their own page,
 * each polling it with LR until the count's parity is its own, then
 * SC-ing count + 1; so every turn waits for the other thread's store.
 * This measures how fast a store reaches an LR poller (a lone thread just
 * counts).  A poller yields its CPU every 256 polls, so more threads than
 * cores still make progress. */
#include <sched.h>
#include <stdbool.h>

#include "atomics_common.h"

#define MAX_PAIRS 32
static struct { uint64_t count; } __attribute__((aligned(4096))) word[MAX_PAIRS];
static long turns;   /* per thread */

/* Wait for the count's parity to be mine, then add 1 (LR/SC natively a CAS). */
static void take_turn(uint64_t *w, uint64_t mine)
{
    for (unsigned polls = 1;; polls++) {
#if defined(__riscv)
        uint64_t v, fail;
        __asm__ volatile("lr.d %0, (%1)" : "=r"(v) : "r"(w) : "memory");
        if ((v & 1) == mine) {
            __asm__ volatile("sc.d %0, %2, (%1)" : "=&r"(fail) : "r"(w), "r"(v + 1) : "memory");
            if (!fail)
                return;
        }
#else
        uint64_t v = __atomic_load_n(w, __ATOMIC_ACQUIRE);
        if ((v & 1) == mine &&
            __atomic_compare_exchange_n(w, &v, v + 1, 1, __ATOMIC_SEQ_CST, __ATOMIC_RELAXED))
            return;
#endif
        if (polls % 256 == 0)
            sched_yield();
    }
}

static int nthreads;

static void work(int index, long ops)
{
    (void)ops;   /* pairs must take the same number of turns: turns, not the share */
    int pair = index / 2;
    bool partner = (index ^ 1) < nthreads;
    uint64_t mine = partner ? (uint64_t)(index & 1) : 0;
    for (long i = 0; i < turns; i++) {
        if (partner)
            take_turn(&word[pair].count, mine);
        else
            take_turn(&word[pair].count, word[pair].count & 1);   /* alone: always my turn */
    }
}

int main(int argc, char **argv)
{
    nthreads = atomics_threads_arg(argc, argv);
    if (nthreads > 2 * MAX_PAIRS) {
        fprintf(stderr, "lrsc_handoff: at most %d threads\n", 2 * MAX_PAIRS);
        return 1;
    }
    long total = bench_scaled(2000000, bench_scale_arg(argc, argv, 2));
    turns = total / nthreads;
    run_workers(work, nthreads, total);
    uint64_t sum = 0;
    for (int p = 0; p < MAX_PAIRS; p++)
        sum += word[p].count;
    if (sum != (uint64_t)(turns * nthreads))
        fprintf(stderr, "lrsc_handoff: %" PRIu64 " turns counted, want %ld\n", sum,
                turns * nthreads);
    bench_checksum("lrsc_handoff", sum);
    return 0;
}
