/*
 * futex results, compared with qemu-riscv64 (which passes every call to
 * the host kernel).  tandem answers some calls without the kernel
 * (linux/sys_futex.c): a wait whose word already differs, and a private
 * wake while nobody waits.  These cases check that the answers are the
 * kernel's, that a wake still reaches a thread asleep on the word, and
 * that a requeued waiter can still be woken on its new word.
 */
#include <errno.h>
#include <linux/futex.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static long futex(uint32_t *word, int op, uint32_t val, const struct timespec *timeout,
                  uint32_t *word2, uint32_t val3)
{
    long r = syscall(SYS_futex, word, op, val, timeout, word2, val3);
    return r < 0 ? -errno : r;
}

static const char *name(long r)
{
    static char bufs[4][32];   /* several per printf */
    static int next;
    char *buf = bufs[next++ % 4];
    switch (r) {
    case -EAGAIN: return "EAGAIN";
    case -EINVAL: return "EINVAL";
    case -ETIMEDOUT: return "ETIMEDOUT";
    default: snprintf(buf, sizeof bufs[0], "%ld", r); return buf;
    }
}

static uint32_t words[4] __attribute__((aligned(16)));

/* ---- a waiter asleep on a word, woken by a wake that must not be skipped ---- */

struct sleeper {
    uint32_t *word;
    long result;
};

static void *sleep_on(void *arg)
{
    struct sleeper *s = arg;
    struct timespec limit = { 20, 0 };   /* a lost wake ends the test, not the run */
    s->result = futex(s->word, FUTEX_WAIT_PRIVATE, 0, &limit, NULL, 0);
    return NULL;
}

/* Wake (or requeue, then wake) until the sleeper has been found asleep:
 * until then a wake finds nobody, which the kernel answers with 0 too. */
static void wake_sleeper(const char *label, bool requeue)
{
    uint32_t *w = &words[0], *target = &words[1];
    *w = 0;
    struct sleeper s = { w, 1234 };
    pthread_t t;
    pthread_create(&t, NULL, sleep_on, &s);
    long moved = 0, woken = 0;
    for (int tries = 0; tries < 200000 && !woken; tries++) {
        if (requeue && !moved)
            moved = futex(w, FUTEX_CMP_REQUEUE_PRIVATE, 0, (void *)(uintptr_t)1, target, 0);
        else
            woken = futex(requeue ? target : w, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
        if (!woken)
            usleep(50);
    }
    pthread_join(t, NULL);
    if (requeue)
        printf("%s: requeued %s,", label, name(moved));
    else
        printf("%s:", label);
    printf(" woken %s, its wait returned %s\n", name(woken), name(s.result));
}

/* ---- a turn passed back and forth many times: no wake may be lost ---- */

#define ROUNDS 20000
static uint32_t turn;
static int timeouts;

static void wait_turn(uint32_t mine)
{
    struct timespec limit = { 5, 0 };
    uint32_t seen;
    while ((seen = __atomic_load_n(&turn, __ATOMIC_ACQUIRE)) != mine)
        if (futex(&turn, FUTEX_WAIT_PRIVATE, seen, &limit, NULL, 0) == -ETIMEDOUT)
            __atomic_fetch_add(&timeouts, 1, __ATOMIC_RELAXED);
}

static void pass_turn(uint32_t to)
{
    __atomic_store_n(&turn, to, __ATOMIC_RELEASE);
    futex(&turn, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
}

static void *player_one(void *arg)
{
    (void)arg;
    for (int i = 0; i < ROUNDS; i++) {
        wait_turn(1);
        pass_turn(0);
    }
    return NULL;
}

static void ping_pong(void)
{
    pthread_t t;
    turn = 0;
    pthread_create(&t, NULL, player_one, NULL);
    for (int i = 0; i < ROUNDS; i++) {
        wait_turn(0);
        pass_turn(1);
    }
    wait_turn(0);
    pthread_join(t, NULL);
    printf("ping-pong: %d rounds, %d waits timed out\n", ROUNDS, timeouts);
}

int main(void)
{
    uint32_t *w = &words[0];
    struct timespec none = { 0, 0 };
    *w = 5;
    printf("wait private, word differs: %s\n", name(futex(w, FUTEX_WAIT_PRIVATE, 4, NULL, NULL, 0)));
    printf("wait shared, word differs: %s\n", name(futex(w, FUTEX_WAIT, 4, NULL, NULL, 0)));
    printf("wait bitset, word differs: %s\n",
           name(futex(w, FUTEX_WAIT_BITSET_PRIVATE, 4, NULL, NULL, FUTEX_BITSET_MATCH_ANY)));
    printf("wait bitset, empty mask: %s\n", name(futex(w, FUTEX_WAIT_BITSET_PRIVATE, 4, NULL, NULL, 0)));
    printf("wait, misaligned word: %s\n",
           name(futex((uint32_t *)((char *)w + 2), FUTEX_WAIT_PRIVATE, 4, NULL, NULL, 0)));
    printf("wait, word equal, zero timeout: %s\n",
           name(futex(w, FUTEX_WAIT_PRIVATE, 5, &none, NULL, 0)));
    printf("wake private, nobody waits: %s\n", name(futex(w, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0)));
    printf("wake shared, nobody waits: %s\n", name(futex(w, FUTEX_WAKE, 1, NULL, NULL, 0)));
    printf("wake bitset, empty mask: %s\n", name(futex(w, FUTEX_WAKE_BITSET_PRIVATE, 1, NULL, NULL, 0)));
    printf("wake, misaligned word: %s\n",
           name(futex((uint32_t *)((char *)w + 2), FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0)));

    wake_sleeper("asleep", false);
    ping_pong();
    /* last: after a requeue tandem stops answering wakes itself */
    wake_sleeper("asleep, requeued", true);
    printf("after requeue, wake private, nobody waits: %s\n",
           name(futex(w, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0)));
    return 0;
}
