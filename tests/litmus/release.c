/*
 * A page leaves the exclusive state when no reservation lives on it any
 * more, and is exact again after its next LR.  One page, ROUNDS rounds:
 *
 *   1. A: INCS LR/SC increments of the word at the page's start (under
 *      excl the page turns exclusive);
 *   2. A: STORES plain stores over the page's other granules and no LR,
 *      with no reservation alive (under excl the monitor releases the
 *      page meanwhile; run.sh checks --stats pages_released);
 *   3. A: LR word; B stores the value the word already holds; A's SC of
 *      the value + 1: it must fail under an exact strategy (the LR made
 *      the page exclusive again) and succeeds under cas;
 *   4. A reads back the page: every stored value and the word's count.
 *
 * usage: release exact|cas ROUNDS STORES
 */
#include <pthread.h>
#include <stdbool.h>

#include "litmus.h"

/* From handshake_seq.S: LR; flag1 = n; wait for flag2 == n; SC of val.
 * Returns 0 if the SC succeeded. */
uint64_t seq_plain_d(void *word, uint64_t val, volatile uint64_t *flag1,
                     volatile uint64_t *flag2, uint64_t n, void *other);

#define INCS 16
#define FIRST_STORED 8   /* the stores start 64 bytes past the word */
#define STORED_WORDS (PAGE / 8 - FIRST_STORED)

static _Alignas(PAGE) volatile uint64_t page[PAGE / 8];
static _Alignas(PAGE) volatile uint64_t flag1[PAGE / 8];
static _Alignas(PAGE) volatile uint64_t flag2[PAGE / 8];
static _Alignas(PAGE) uint64_t other[PAGE / 8];
static long rounds;

/* B: for handshake n, store the word's own value between A's LR and SC. */
static void *thread_b(void *arg)
{
    (void)arg;
    for (long n = 1; n <= rounds; n++) {
        while (flag1[0] != (uint64_t)n)
            ;
        uint64_t v = page[0];
        page[0] = v;
        atomic_thread_fence(memory_order_seq_cst);
        flag2[0] = (uint64_t)n;
    }
    return NULL;
}

int main(int argc, char **argv)
{
    bool exact = mode_arg(argc, argv, 4, "release exact|cas ROUNDS STORES");
    rounds = arg_long(argv[2], "ROUNDS", 1000);
    long stores = arg_long(argv[3], "STORES", 100000000);

    pthread_t b;
    if (pthread_create(&b, NULL, thread_b, NULL) != 0) {
        printf("bad release: pthread_create failed\n");
        return 1;
    }
    long sc_ok = 0;
    for (long n = 1; n <= rounds; n++) {
        increment_d((void *)&page[0], INCS);
        for (long s = 0; s < stores; s++)
            page[FIRST_STORED + s % STORED_WORDS] = (uint64_t)n << 32 | (uint64_t)s;
        uint64_t before = page[0];
        if (seq_plain_d((void *)&page[0], before + 1, flag1, flag2, (uint64_t)n, other) == 0)
            sc_ok++;
    }
    pthread_join(b, NULL);

    /* each stored word holds the last value written to it */
    long bad_words = 0;
    for (long w = 0; w < STORED_WORDS && w < stores; w++) {
        long s = stores - 1 - (stores - 1 - w) % STORED_WORDS;   /* its last store */
        uint64_t want = (uint64_t)rounds << 32 | (uint64_t)s;
        if (page[FIRST_STORED + w] != want)
            bad_words++;
    }
    if (bad_words)
        printf("bad release.stores: %ld of the page's words lost their last store\n", bad_words);
    else
        printf("ok release.stores\n");

    uint64_t want_word = (uint64_t)rounds * INCS + (uint64_t)sc_ok;
    if (page[0] != want_word) {
        printf("bad release.same_value_after: the word holds %llu, want %llu\n",
               (unsigned long long)page[0], (unsigned long long)want_word);
    } else if (exact && sc_ok != 0) {
        printf("bad release.same_value_after: %ld of %ld SCs succeeded after a same-value store "
               "on a page that had been released\n", sc_ok, rounds);
    } else if (!exact && sc_ok != rounds) {
        printf("bad release.same_value_after: under cas %ld of %ld SCs succeeded, want all\n",
               sc_ok, rounds);
    } else {
        printf("ok release.same_value_after\n");
    }
    return 0;
}
