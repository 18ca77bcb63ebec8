/*
 * Handshake litmus tests for LR/SC: the interleaving is forced, not hoped for.
 *
 *   A: LR word; flag1 = n; wait for flag2 == n (loads only); SC word
 *   B: wait for flag1 == n; interfere (or not); flag2 = n
 *
 * The reserved word, flag1, flag2 and the "other page" each sit on their
 * own page.  Every case runs ITER times in a row, with .d and .w, so a race
 * in the monitor has many chances to show.  Each iteration uses its own
 * 64-byte slot (the next page, then the next slot of the first page, ...),
 * so that under excl many of them meet granule tags nobody has written
 * yet: the first writer owns such a tag, and the other thread must
 * revoke it, which a single reused word would exercise only once.
 *
 * usage: handshake exact|cas ITER
 *   exact: every case is asserted (the excl, hst and stw strategies);
 *   cas:   only the cases whose outcome a value-compare SC must get are
 *          asserted: ABA and the same-value store succeed there (which shows
 *          the test can tell the strategies apart); others print info.
 */
#include <pthread.h>
#include <sched.h>
#include <stdbool.h>

#include "litmus.h"

/* Thread A's sequences (handshake_seq.S). */
typedef uint64_t seq_fn(void *word, uint64_t val, volatile uint64_t *flag1,
                        volatile uint64_t *flag2, uint64_t n, void *other);
seq_fn seq_plain_d, seq_syscall_d, seq_other_d, seq_lrlr_d, seq_second_d;
seq_fn seq_plain_w, seq_syscall_w, seq_other_w, seq_lrlr_w, seq_second_w;

enum seq { SEQ_PLAIN, SEQ_SYSCALL, SEQ_OTHER, SEQ_LRLR, SEQ_SECOND };
static seq_fn *const seq_d[] = { seq_plain_d, seq_syscall_d, seq_other_d, seq_lrlr_d, seq_second_d };
static seq_fn *const seq_w[] = { seq_plain_w, seq_syscall_w, seq_other_w, seq_lrlr_w, seq_second_w };

/* What B does between A's LR and SC. */
enum action {
    ACT_NONE,
    ACT_ABA,            /* store another value, then the original back */
    ACT_SAME,           /* store the value that is already there */
    ACT_AMOADD_ZERO,
    ACT_AMOSWAP_SAME,
    ACT_REMOTE_LRSC,    /* a successful LR/SC that writes the same value */
    ACT_OWNED_LRSC,     /* the same, by a B that wrote the word last before A's
                           LR (by LR/SC, before the case began): under excl B
                           owns the word's tag and its SC is the owner's */
    ACT_BYTE_SAME,      /* store the word's last byte with the value it holds */
    ACT_STRADDLE_SAME,  /* a misaligned 4-byte store of the bytes already there,
                           over the word's last two bytes (.d: and the next
                           granule's first two) */
    ACT_OTHER_PAGE,     /* store to a word on another page */
    ACT_NEIGHBOUR,      /* store to another granule of the same page */
};

enum expect {
    SC_FAILS,           /* SC returns 1 and memory keeps B's value */
    SC_SUCCEEDS,        /* SC returns 0 and memory holds A's value */
    FIRST_OK_THEN_FAIL, /* seq_second: first SC succeeds, second fails */
    NOT_ASSERTED,       /* (cas only) report what happened */
};

struct litmus_case {
    const char *name;
    enum seq seq;
    enum action act;
    enum expect exact, cas;
};

static const struct litmus_case cases[] = {
    /* first, so that its slots are fresh: B owns their tags */
    { "owned_remote_lrsc", SEQ_PLAIN,   ACT_OWNED_LRSC,   SC_FAILS,           NOT_ASSERTED },
    { "aba",               SEQ_PLAIN,   ACT_ABA,          SC_FAILS,           SC_SUCCEEDS },
    { "same_value",        SEQ_PLAIN,   ACT_SAME,         SC_FAILS,           SC_SUCCEEDS },
    { "amoadd_zero",       SEQ_PLAIN,   ACT_AMOADD_ZERO,  SC_FAILS,           NOT_ASSERTED },
    { "amoswap_same",      SEQ_PLAIN,   ACT_AMOSWAP_SAME, SC_FAILS,           NOT_ASSERTED },
    { "remote_lrsc",       SEQ_PLAIN,   ACT_REMOTE_LRSC,  SC_FAILS,           NOT_ASSERTED },
    { "byte_same",         SEQ_PLAIN,   ACT_BYTE_SAME,    SC_FAILS,           SC_SUCCEEDS },
    { "straddle_same",     SEQ_PLAIN,   ACT_STRADDLE_SAME, SC_FAILS,          SC_SUCCEEDS },
    { "sc_other_addr",     SEQ_OTHER,   ACT_NONE,         SC_FAILS,           NOT_ASSERTED },
    { "lr_x_lr_y_sc_x",    SEQ_LRLR,    ACT_NONE,         SC_FAILS,           NOT_ASSERTED },
    { "second_sc",         SEQ_SECOND,  ACT_NONE,         FIRST_OK_THEN_FAIL, NOT_ASSERTED },
    { "syscall",           SEQ_SYSCALL, ACT_NONE,         SC_FAILS,           NOT_ASSERTED },
    { "no_interference",   SEQ_PLAIN,   ACT_NONE,         SC_SUCCEEDS,        SC_SUCCEEDS },
    { "other_page",        SEQ_PLAIN,   ACT_OTHER_PAGE,   SC_SUCCEEDS,        SC_SUCCEEDS },
    { "neighbour_granule", SEQ_PLAIN,   ACT_NEIGHBOUR,    SC_SUCCEEDS,        SC_SUCCEEDS },
};

/* Offsets in an iteration's slot (bytes). */
enum { OFF_WORD = 0, OFF_Y = 16, OFF_NEIGHBOUR = 32 };
#define OTHER_INIT 0x0f0f0f0fu
#define Y_INIT     0x0e0e0e0eu

#define TARGET_PAGES 64
#define SLOT 64
static _Alignas(PAGE) unsigned char target_pages[TARGET_PAGES][PAGE];

/* The slot of handshake number n (both threads know n). */
static unsigned char *slot_of(uint64_t n)
{
    return target_pages[n % TARGET_PAGES] + (n / TARGET_PAGES) % (PAGE / SLOT) * SLOT;
}
static _Alignas(PAGE) unsigned char far_page[PAGE];
static _Alignas(PAGE) volatile uint64_t flag1[PAGE / 8];
static _Alignas(PAGE) volatile uint64_t flag2[PAGE / 8];

struct run {
    const struct litmus_case *c;
    bool wide;                  /* .d (else .w) */
    uint64_t first_n, iters;
};

static uint64_t initial_value(const struct run *r, uint64_t i)
{
    return r->wide ? 0x123456789a000000ull + i : 0x5a5a0000u + (uint32_t)i;
}

static uint64_t sc_value(const struct run *r, uint64_t i)
{
    return initial_value(r, i) ^ 0xff00;
}

static uint64_t load_at(const struct run *r, unsigned char *slot, unsigned off)
{
    if (r->wide)
        return *(volatile uint64_t *)(slot + off);
    return *(volatile uint32_t *)(slot + off);
}

static void store_at(const struct run *r, unsigned char *slot, unsigned off, uint64_t v)
{
    if (r->wide)
        *(volatile uint64_t *)(slot + off) = v;
    else
        *(volatile uint32_t *)(slot + off) = (uint32_t)v;
}

static void amoadd_zero(const struct run *r, void *p)
{
    uint64_t old;
    if (r->wide)
        __asm__ volatile("amoadd.d %0, zero, (%1)" : "=r"(old) : "r"(p) : "memory");
    else
        __asm__ volatile("amoadd.w %0, zero, (%1)" : "=r"(old) : "r"(p) : "memory");
}

static void amoswap(const struct run *r, void *p, uint64_t v)
{
    uint64_t old;
    if (r->wide)
        __asm__ volatile("amoswap.d %0, %2, (%1)" : "=r"(old) : "r"(p), "r"(v) : "memory");
    else
        __asm__ volatile("amoswap.w %0, %2, (%1)" : "=r"(old) : "r"(p), "r"(v) : "memory");
}

/* LR, then SC of v, until the SC succeeds. */
static void lrsc_store(const struct run *r, void *p, uint64_t v)
{
    uint64_t old, rc;
    if (r->wide)
        __asm__ volatile("1: lr.d %0, (%2)\n sc.d %1, %3, (%2)\n bnez %1, 1b"
                         : "=&r"(old), "=&r"(rc) : "r"(p), "r"(v) : "memory");
    else
        __asm__ volatile("1: lr.w %0, (%2)\n sc.w %1, %3, (%2)\n bnez %1, 1b"
                         : "=&r"(old), "=&r"(rc) : "r"(p), "r"(v) : "memory");
}

/* LR, then SC of the loaded value, until the SC succeeds. */
static void lrsc_same(const struct run *r, void *p)
{
    uint64_t v, rc;
    if (r->wide)
        __asm__ volatile("1: lr.d %0, (%2)\n sc.d %1, %0, (%2)\n bnez %1, 1b"
                         : "=&r"(v), "=&r"(rc) : "r"(p) : "memory");
    else
        __asm__ volatile("1: lr.w %0, (%2)\n sc.w %1, %0, (%2)\n bnez %1, 1b"
                         : "=&r"(v), "=&r"(rc) : "r"(p) : "memory");
}

static void interfere(const struct run *r, uint64_t i)
{
    uint64_t x = initial_value(r, i);
    unsigned char *slot = slot_of(r->first_n + i);
    switch (r->c->act) {
    case ACT_NONE:
        break;
    case ACT_ABA:
        store_at(r, slot, OFF_WORD, x ^ 1);
        store_at(r, slot, OFF_WORD, x);
        break;
    case ACT_SAME:
        store_at(r, slot, OFF_WORD, x);
        break;
    case ACT_AMOADD_ZERO:
        amoadd_zero(r, slot + OFF_WORD);
        break;
    case ACT_AMOSWAP_SAME:
        amoswap(r, slot + OFF_WORD, x);
        break;
    case ACT_REMOTE_LRSC:
    case ACT_OWNED_LRSC:
        lrsc_same(r, slot + OFF_WORD);
        break;
    case ACT_BYTE_SAME: {
        volatile unsigned char *p = slot + OFF_WORD + (r->wide ? 7 : 3);
        *p = *p;
        break;
    }
    case ACT_STRADDLE_SAME: {
        unsigned char *p = slot + OFF_WORD + (r->wide ? 6 : 2);
        uint32_t v;
        memcpy(&v, p, 4);
        /* one misaligned sw, as the guest wrote it: no splitting by the compiler */
        __asm__ volatile("sw %0, 0(%1)" : : "r"(v), "r"(p) : "memory");
        break;
    }
    case ACT_OTHER_PAGE:
        *(volatile uint64_t *)far_page = x;
        break;
    case ACT_NEIGHBOUR:
        store_at(r, slot, OFF_NEIGHBOUR, x);
        break;
    }
}

/* ACT_OWNED_LRSC: B has given every slot of the case its initial value */
static volatile uint64_t b_wrote_slots;

static void *thread_b(void *arg)
{
    const struct run *r = arg;
    if (r->c->act == ACT_OWNED_LRSC) {
        for (uint64_t i = 0; i < r->iters; i++)
            lrsc_store(r, slot_of(r->first_n + i) + OFF_WORD, initial_value(r, i));
        atomic_thread_fence(memory_order_seq_cst);
        b_wrote_slots = r->first_n;
    }
    for (uint64_t i = 0; i < r->iters; i++) {
        uint64_t n = r->first_n + i;
        /* B may make syscalls: yielding here lets A run on a busy host
         * (A itself must not, between its LR and SC) */
        for (unsigned spins = 0; flag1[0] != n; )
            if (++spins > 200)
                sched_yield();
        atomic_thread_fence(memory_order_seq_cst);
        interfere(r, i);
        atomic_thread_fence(memory_order_seq_cst);
        flag2[0] = n;
    }
    return NULL;
}

/* Counts, over all iterations, of what A saw. */
struct tally {
    uint64_t succeeded;         /* (first) SC succeeded */
    uint64_t second_succeeded;  /* seq_second: the second SC succeeded */
    uint64_t wrong_memory;      /* memory disagrees with the SC's own result */
    char first_problem[160];
};

static void note(struct tally *t, uint64_t i, const char *what, uint64_t got, uint64_t want)
{
    t->wrong_memory++;
    if (!t->first_problem[0])
        snprintf(t->first_problem, sizeof t->first_problem,
                 "iteration %llu: %s is %#llx, want %#llx", (unsigned long long)i,
                 what, (unsigned long long)got, (unsigned long long)want);
}

/* Check memory against what the SC(s) reported: a failed SC must not
 * have written anything, a successful one must have. */
static void check_iteration(const struct run *r, uint64_t i, uint64_t rc, struct tally *t)
{
    uint64_t x = initial_value(r, i), v = sc_value(r, i);
    bool ok = !(rc & 1);
    unsigned char *slot = slot_of(r->first_n + i);
    uint64_t word = load_at(r, slot, OFF_WORD);

    t->succeeded += ok;
    if (r->c->seq == SEQ_SECOND)
        t->second_succeeded += !(rc & 2);
    if (r->c->seq == SEQ_OTHER) {
        uint64_t other = load_at(r, slot, r->wide ? 8 : 4);
        uint64_t want = ok ? (r->wide ? v : (uint32_t)v) : OTHER_INIT;
        if (other != want)
            note(t, i, "the other word", other, want);
        if (word != x)
            note(t, i, "the reserved word", word, x);
        return;
    }
    if (r->c->seq == SEQ_LRLR && load_at(r, slot, OFF_Y) != Y_INIT)
        note(t, i, "Y", load_at(r, slot, OFF_Y), Y_INIT);
    uint64_t want = ok ? v : x;
    if (r->c->seq == SEQ_SECOND && !(rc & 2))
        want = v + 1;
    if (word != want)
        note(t, i, "the reserved word", word, want);
}

static void run_case(const struct run *r, struct tally *t)
{
    seq_fn *seq = (r->wide ? seq_d : seq_w)[r->c->seq];
    unsigned other_off = r->c->seq == SEQ_LRLR ? OFF_Y : r->wide ? 8 : 4;
    pthread_t b;

    memset(t, 0, sizeof *t);
    if (pthread_create(&b, NULL, thread_b, (void *)r) != 0) {
        fprintf(stderr, "pthread_create failed\n");
        exit(2);
    }
    if (r->c->act == ACT_OWNED_LRSC) {
        /* A must not write the words itself: that would take B's tags */
        while (b_wrote_slots != r->first_n)
            sched_yield();
        atomic_thread_fence(memory_order_seq_cst);
    }
    for (uint64_t i = 0; i < r->iters; i++) {
        unsigned char *slot = slot_of(r->first_n + i);
        if (r->c->act != ACT_OWNED_LRSC) {
            memset(slot, 0, SLOT);
            store_at(r, slot, OFF_WORD, initial_value(r, i));
            store_at(r, slot, r->wide ? 8 : 4, OTHER_INIT);
            store_at(r, slot, OFF_Y, Y_INIT);
        }
        atomic_thread_fence(memory_order_seq_cst);
        uint64_t rc = seq(slot + OFF_WORD, sc_value(r, i), flag1, flag2,
                          r->first_n + i, slot + other_off);
        atomic_thread_fence(memory_order_seq_cst);
        check_iteration(r, i, rc, t);
    }
    pthread_join(b, NULL);
}

/* Print ok/bad/info for one case and size. */
static bool report(const struct run *r, enum expect want, const struct tally *t)
{
    char name[64];
    unsigned long long n = r->iters, s = t->succeeded;
    snprintf(name, sizeof name, "%s.%c", r->c->name, r->wide ? 'd' : 'w');

    if (t->wrong_memory) {
        printf("bad %s: memory does not match the SC's result in %llu of %llu iterations (%s)\n",
               name, (unsigned long long)t->wrong_memory, n, t->first_problem);
        return false;
    }
    switch (want) {
    case SC_FAILS:
        if (s == 0) {
            printf("ok %s: SC failed %llu/%llu times\n", name, n, n);
            return true;
        }
        printf("bad %s: SC succeeded in %llu of %llu iterations, must always fail\n", name, s, n);
        return false;
    case SC_SUCCEEDS:
        if (s == n) {
            printf("ok %s: SC succeeded %llu/%llu times\n", name, n, n);
            return true;
        }
        printf("bad %s: SC failed in %llu of %llu iterations, must always succeed\n", name, n - s, n);
        return false;
    case FIRST_OK_THEN_FAIL:
        if (s == n && t->second_succeeded == 0) {
            printf("ok %s: first SC succeeded, second failed, %llu/%llu times\n", name, n, n);
            return true;
        }
        printf("bad %s: first SC succeeded %llu/%llu, second SC succeeded %llu/%llu (want %llu and 0)\n",
               name, s, n, (unsigned long long)t->second_succeeded, n, n);
        return false;
    case NOT_ASSERTED:
        printf("info %s: SC succeeded %llu/%llu times (not asserted here)\n", name, s, n);
        return true;
    }
    return false;
}

int main(int argc, char **argv)
{
    bool exact = mode_arg(argc, argv, 3, "handshake exact|cas ITER");
    uint64_t iters = (uint64_t)arg_long(argv[2], "ITER", 1000000);
    uint64_t next_n = 1;
    bool all_ok = true;

    setvbuf(stdout, NULL, _IOLBF, 0);
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        for (int wide = 1; wide >= 0; wide--) {
            struct run r = { &cases[k], wide, next_n, iters };
            struct tally t;
            run_case(&r, &t);
            next_n += iters;
            all_ok &= report(&r, exact ? cases[k].exact : cases[k].cas, &t);
        }
    }
    return all_ok ? 0 : 1;
}
