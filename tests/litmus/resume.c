/*
 * An LR made while every other thread is blocked in a syscall, and a
 * thread that comes back before the SC.  Under excl such an LR is a
 * single-hart one (it marks no page), so the thread that returns must
 * make the reservation visible to its stores before it runs.  ROUNDS
 * rounds of each case, .d and .w:
 *
 *   B: asleep = n; a syscall of SLEEP_NS: nanosleep, or (host_write) a
 *      read of 8 bytes from a timerfd into the word itself
 *   A: waits for asleep == n and then SETTLE_NS more (B is in the
 *      syscall by then), LR word; flag1 = n; waits for flag2 == n; SC
 *      (seq_plain)
 *   B, back: waits for flag1 == n, then
 *      same_value: stores the value the word already holds;
 *      quiet:      stores to another page only;
 *      host_write: nothing more (its read wrote the word: the count of
 *                  expirations, 1, which the word already held);
 *      then flag2 = n, and it waits for A's SC (done = n) before the next
 *      round: its next syscall could write the word (host_write), and an
 *      exact strategy may end the reservation as soon as that begins.
 *
 * same_value, host_write: the SC must fail under an exact strategy and
 * succeeds under cas.  A host_write round counts only if A's LR surely
 * came before the kernel's write: A started it at least half the timer's
 * delay before the timer could fire, and B found flag1 set when its read
 * returned (else it is counted as inconclusive, and at least one round
 * must be conclusive).  quiet: coming back from a syscall is no store to
 * the word, so the SC must succeed under every strategy.  run.sh checks
 * with --stats that excl really made single-hart reservations normal
 * (res_upgraded).
 *
 * usage: resume exact|cas ROUNDS
 */
#include <pthread.h>
#include <stdbool.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include "litmus.h"

uint64_t seq_plain_d(void *word, uint64_t val, volatile uint64_t *flag1,
                     volatile uint64_t *flag2, uint64_t n, void *other);
uint64_t seq_plain_w(void *word, uint64_t val, volatile uint64_t *flag1,
                     volatile uint64_t *flag2, uint64_t n, void *other);

#define SLEEP_NS 3000000L   /* B's nap; A's LR comes well inside it */
#define SETTLE_NS 300000L   /* A's wait for B to be in its syscall */

enum kase { SAME_VALUE, QUIET, HOST_WRITE, NCASES };
static const char *const case_names[NCASES] = { "same_value", "quiet", "host_write" };

/* the reserved word, as .d and as .w */
static _Alignas(PAGE) union {
    volatile uint64_t d[PAGE / 8];
    volatile uint32_t w[PAGE / 4];
} word;
static _Alignas(PAGE) volatile uint64_t asleep[PAGE / 8];
static _Alignas(PAGE) volatile uint64_t flag1[PAGE / 8];
static _Alignas(PAGE) volatile uint64_t flag2[PAGE / 8];
static _Alignas(PAGE) volatile uint64_t elsewhere[PAGE / 8];
static _Alignas(PAGE) volatile uint64_t done[PAGE / 8];
static long rounds;

/* Handshake n of the whole run: case k, size d (0) or w (1), round r. */
static uint64_t handshake_number(int k, int w, long r) { return (uint64_t)((k * 2 + w) * rounds + r + 1); }

static int timer;
static volatile uint64_t fires_at;   /* host_write: the timer fires no earlier */
static volatile bool lr_before_return;   /* host_write: flag1 was set when B's read returned */

static void *thread_b(void *arg)
{
    (void)arg;
    for (int k = 0; k < NCASES; k++)
        for (int w = 0; w < 2; w++)
            for (long r = 0; r < rounds; r++) {
                uint64_t n = handshake_number(k, w, r);
                if (k == HOST_WRITE) {
                    struct itimerspec once = { .it_value = { 0, SLEEP_NS } };
                    fires_at = now_ns() + SLEEP_NS;
                    atomic_thread_fence(memory_order_seq_cst);
                    if (timerfd_settime(timer, 0, &once, NULL) != 0) {
                        printf("bad resume.host_write: timerfd_settime failed\n");
                        exit(1);
                    }
                    asleep[0] = n;
                    /* the kernel writes the word (8 bytes; .w: its low half is the word) */
                    if (read(timer, (void *)&word, 8) != 8) {
                        printf("bad resume.host_write: the timerfd read failed\n");
                        exit(1);
                    }
                    lr_before_return = flag1[0] == n;
                } else {
                    asleep[0] = n;
                    struct timespec nap = { 0, SLEEP_NS };
                    nanosleep(&nap, NULL);
                }
                while (flag1[0] != n)
                    ;
                if (k == SAME_VALUE) {
                    if (w)
                        word.w[0] = word.w[0];
                    else
                        word.d[0] = word.d[0];
                } else {
                    elsewhere[0] = n;
                }
                atomic_thread_fence(memory_order_seq_cst);
                flag2[0] = n;
                while (done[0] != n)
                    ;
            }
    return NULL;
}

int main(int argc, char **argv)
{
    bool exact = mode_arg(argc, argv, 3, "resume exact|cas ROUNDS");
    rounds = arg_long(argv[2], "ROUNDS", 1000);
    timer = timerfd_create(CLOCK_MONOTONIC, 0);
    if (timer < 0) {
        printf("bad resume: timerfd_create failed\n");
        return 1;
    }

    pthread_t b;
    if (pthread_create(&b, NULL, thread_b, NULL) != 0) {
        printf("bad resume: pthread_create failed\n");
        return 1;
    }
    long sc_ok[NCASES][2] = { { 0 } }, counted[NCASES][2] = { { 0 } };
    for (int k = 0; k < NCASES; k++)
        for (int w = 0; w < 2; w++)
            for (long r = 0; r < rounds; r++) {
                uint64_t n = handshake_number(k, w, r);
                if (k == HOST_WRITE)
                    word.d[0] = 1;   /* what the timerfd read will write */
                while (asleep[0] != n)
                    ;
                atomic_thread_fence(memory_order_seq_cst);
                uint64_t t0 = now_ns();
                while (now_ns() - t0 < SETTLE_NS)
                    ;
                bool early = now_ns() + SLEEP_NS / 2 < fires_at;
                uint64_t v = word.d[0] + 1;
                uint64_t failed = w ? seq_plain_w((void *)&word, v, flag1, flag2, n, NULL)
                                    : seq_plain_d((void *)&word, v, flag1, flag2, n, NULL);
                atomic_thread_fence(memory_order_seq_cst);
                done[0] = n;
                if (k == HOST_WRITE && !(early && lr_before_return))
                    continue;   /* the LR may have come after the kernel's write */
                counted[k][w]++;
                if (!failed)
                    sc_ok[k][w]++;
            }
    pthread_join(b, NULL);

    for (int k = 0; k < NCASES; k++)
        for (int w = 0; w < 2; w++) {
            const char *sfx = w ? "w" : "d";
            bool want_ok = k == QUIET || !exact;
            long got = sc_ok[k][w], of = counted[k][w];
            if (of < rounds)
                printf("info resume.%s.%s: %ld of %ld rounds inconclusive (timing)\n",
                       case_names[k], sfx, rounds - of, rounds);
            if (of == 0)
                printf("bad resume.%s.%s: no round was conclusive\n", case_names[k], sfx);
            else if (got == (want_ok ? of : 0))
                printf("ok resume.%s.%s\n", case_names[k], sfx);
            else
                printf("bad resume.%s.%s: SC succeeded %ld/%ld times, want %s\n", case_names[k],
                       sfx, got, of, want_ok ? "always" : "never");
        }
    return 0;
}
