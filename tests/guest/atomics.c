/* C11 atomics from 8 threads: fetch_add on 32- and 64-bit counters,
 * compare-exchange loops (strong and weak), exchange, fetch_or/and,
 * sub-word atomics, and a CAS-based spin lock.  Final counts are exact. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>

enum { NTHREADS = 8, ROUNDS = 20000 };

static _Atomic uint64_t add64;
static _Atomic uint32_t add32;
static _Atomic uint64_t cas_max;        /* raised with a strong CAS loop */
static _Atomic uint64_t cas_sum;        /* added to with a weak CAS loop */
static _Atomic uint64_t bits;
static _Atomic uint64_t and_mask = UINT64_MAX;
static _Atomic uint16_t add16;
static _Atomic uint8_t add8;
static _Atomic int spin_lock;
static uint64_t protected_count;        /* only touched under spin_lock */
static _Atomic uint64_t exchanged_total;
static _Atomic uint64_t token = 1;
static _Atomic int started;             /* start gate: make the threads overlap */

static void raise_max(uint64_t v)
{
    uint64_t cur = atomic_load(&cas_max);
    while (cur < v && !atomic_compare_exchange_strong(&cas_max, &cur, v))
        ;
}

static void add_with_weak_cas(uint64_t v)
{
    uint64_t cur = atomic_load_explicit(&cas_sum, memory_order_relaxed);
    while (!atomic_compare_exchange_weak(&cas_sum, &cur, cur + v))
        ;
}

static void lock(void)
{
    int expected = 0;
    while (!atomic_compare_exchange_weak_explicit(&spin_lock, &expected, 1,
                                                  memory_order_acquire, memory_order_relaxed))
        expected = 0;
}

static void unlock(void)
{
    atomic_store_explicit(&spin_lock, 0, memory_order_release);
}

static void *worker(void *arg)
{
    uint64_t id = (uint64_t)(uintptr_t)arg;
    atomic_fetch_add(&started, 1);
    while (atomic_load(&started) < NTHREADS)
        ;
    for (uint64_t i = 0; i < ROUNDS; i++) {
        atomic_fetch_add(&add64, 3);
        atomic_fetch_add_explicit(&add32, 1, memory_order_relaxed);
        atomic_fetch_add(&add16, 1);
        atomic_fetch_add(&add8, 1);
        raise_max(id * ROUNDS + i);
        add_with_weak_cas(i);
        if (i % 64 == 0) {
            atomic_fetch_or(&bits, 1ull << (id * 8 + i / 64 % 8));
            atomic_fetch_and(&and_mask, ~(1ull << (id * 8 + i / 64 % 8)));
        }
        /* every token value is taken out exactly once */
        uint64_t mine = atomic_exchange(&token, 0);
        if (mine) {
            atomic_fetch_add(&exchanged_total, mine);
            atomic_store(&token, 1);
        }
        if (i % 4 == 0) {
            lock();
            protected_count++;
            unlock();
        }
    }
    return NULL;
}

static int failures;

static void expect(const char *what, uint64_t got, uint64_t want)
{
    printf("%s: %llu\n", what, (unsigned long long)got);
    if (got != want) {
        printf("FAIL %s: want %llu\n", what, (unsigned long long)want);
        failures++;
    }
}

int main(void)
{
    pthread_t t[NTHREADS];
    for (uintptr_t i = 0; i < NTHREADS; i++)
        pthread_create(&t[i], NULL, worker, (void *)i);
    for (int i = 0; i < NTHREADS; i++)
        pthread_join(t[i], NULL);

    uint64_t n = (uint64_t)NTHREADS * ROUNDS;
    expect("fetch_add 64", add64, 3 * n);
    expect("fetch_add 32", add32, n);
    expect("fetch_add 16", add16, n % 65536);
    expect("fetch_add 8", add8, n % 256);
    expect("strong CAS max", cas_max, n - 1);
    expect("weak CAS sum", cas_sum, (uint64_t)NTHREADS * ROUNDS * (ROUNDS - 1) / 2);
    expect("fetch_or bits", bits, UINT64_MAX);
    expect("fetch_and mask", and_mask, 0);
    expect("spin-locked count", protected_count, n / 4);
    /* the token is 1 at the end, and each take added 1 */
    expect("token present", token, 1);
    printf("exchange took the token %s\n", exchanged_total > 0 ? "at least once" : "never");
    if (exchanged_total == 0) failures++;
    printf("%s: %d failures\n", failures ? "FAIL" : "OK", failures);
    return failures != 0;
}
