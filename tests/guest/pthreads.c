/* pthreads with more threads than cores: a mutex-protected counter, a
 * condition-variable queue, barrier phases, __thread storage, pthread_once
 * and join results.  Every result printed is independent of scheduling. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

enum { NTHREADS = 10, INCREMENTS = 20000, ITEMS = 3000, PHASES = 20 };

static int failures;

static void expect_eq(const char *what, long got, long want)
{
    printf("%s: %ld\n", what, got);
    if (got != want) {
        printf("FAIL %s: want %ld\n", what, want);
        failures++;
    }
}

/* --- mutex: a counter incremented without atomics --- */
static pthread_mutex_t counter_lock = PTHREAD_MUTEX_INITIALIZER;
static long counter;

static void *bump_counter(void *arg)
{
    for (int i = 0; i < INCREMENTS; i++) {
        pthread_mutex_lock(&counter_lock);
        counter++;
        pthread_mutex_unlock(&counter_lock);
    }
    return arg;
}

/* --- condvar: a bounded queue with NTHREADS/2 producers and consumers --- */
enum { QUEUE_SIZE = 8 };
static struct {
    pthread_mutex_t lock;
    pthread_cond_t not_full, not_empty;
    long items[QUEUE_SIZE];
    int head, count;
} queue = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, PTHREAD_COND_INITIALIZER};

static void queue_put(long v)
{
    pthread_mutex_lock(&queue.lock);
    while (queue.count == QUEUE_SIZE)
        pthread_cond_wait(&queue.not_full, &queue.lock);
    queue.items[(queue.head + queue.count) % QUEUE_SIZE] = v;
    queue.count++;
    pthread_cond_signal(&queue.not_empty);
    pthread_mutex_unlock(&queue.lock);
}

static long queue_get(void)
{
    pthread_mutex_lock(&queue.lock);
    while (queue.count == 0)
        pthread_cond_wait(&queue.not_empty, &queue.lock);
    long v = queue.items[queue.head];
    queue.head = (queue.head + 1) % QUEUE_SIZE;
    queue.count--;
    pthread_cond_signal(&queue.not_full);
    pthread_mutex_unlock(&queue.lock);
    return v;
}

static void *producer(void *arg)
{
    long id = (long)arg;
    for (long i = 1; i <= ITEMS; i++)
        queue_put(id * 100000 + i);
    return NULL;
}

static void *consumer(void *arg)
{
    long sum = 0;
    for (int i = 0; i < ITEMS; i++)
        sum += queue_get();
    return (void *)sum;
}

/* --- barrier + TLS: each phase every thread adds its id to a slot --- */
static pthread_barrier_t barrier;
static long phase_sums[PHASES];
static pthread_mutex_t phase_lock = PTHREAD_MUTEX_INITIALIZER;
static __thread long tls_value = 7;       /* initialised TLS (.tdata) */
static __thread long tls_phases;          /* zeroed TLS (.tbss) */
static pthread_once_t once = PTHREAD_ONCE_INIT;
static int once_runs;

static void run_once(void)
{
    once_runs++;
}

static void *phased_worker(void *arg)
{
    long id = (long)arg;
    if (tls_value != 7 || tls_phases != 0)
        return (void *)-1L;
    tls_value = id * 1000;
    pthread_once(&once, run_once);
    for (int p = 0; p < PHASES; p++) {
        pthread_mutex_lock(&phase_lock);
        phase_sums[p] += id + p;
        pthread_mutex_unlock(&phase_lock);
        tls_phases++;
        pthread_barrier_wait(&barrier);
        /* after the barrier every thread must see the complete sum */
        long want = (long)NTHREADS * (NTHREADS - 1) / 2 + (long)NTHREADS * p;
        if (phase_sums[p] != want)
            return (void *)-2L;
        pthread_barrier_wait(&barrier);
    }
    /* another thread writing its tls_value must not have touched ours */
    return (void *)(tls_value + tls_phases);
}

int main(void)
{
    pthread_t t[NTHREADS];

    for (long i = 0; i < NTHREADS; i++)
        pthread_create(&t[i], NULL, bump_counter, (void *)i);
    long joined = 0;
    for (int i = 0; i < NTHREADS; i++) {
        void *r;
        pthread_join(t[i], &r);
        joined += (long)r;
    }
    expect_eq("mutex counter", counter, (long)NTHREADS * INCREMENTS);
    expect_eq("join values", joined, NTHREADS * (NTHREADS - 1) / 2);

    for (long i = 0; i < NTHREADS / 2; i++) {
        pthread_create(&t[i], NULL, producer, (void *)i);
        pthread_create(&t[NTHREADS / 2 + i], NULL, consumer, NULL);
    }
    long consumed = 0;
    for (int i = 0; i < NTHREADS; i++) {
        void *r;
        pthread_join(t[i], &r);
        if (i >= NTHREADS / 2) consumed += (long)r;
    }
    long want = 0;
    for (long id = 0; id < NTHREADS / 2; id++)
        want += id * 100000 * ITEMS + (long)ITEMS * (ITEMS + 1) / 2;
    expect_eq("queue sum", consumed, want);

    pthread_barrier_init(&barrier, NULL, NTHREADS);
    for (long i = 0; i < NTHREADS; i++)
        pthread_create(&t[i], NULL, phased_worker, (void *)i);
    long tls_total = 0;
    for (int i = 0; i < NTHREADS; i++) {
        void *r;
        pthread_join(t[i], &r);
        tls_total += (long)r;
    }
    pthread_barrier_destroy(&barrier);
    expect_eq("barrier+tls", tls_total, 1000L * NTHREADS * (NTHREADS - 1) / 2 + (long)PHASES * NTHREADS);
    expect_eq("pthread_once runs", once_runs, 1);
    expect_eq("main tls untouched", tls_value, 7);

    printf("%s: %d failures\n", failures ? "FAIL" : "OK", failures);
    return failures != 0;
}
