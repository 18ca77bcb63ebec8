/* A Treiber stack (lock-free LIFO): every thread repeatedly pops a node
 * and pushes it back.  On riscv64 head is a plain pointer updated by
 * LR/SC, which is ABA-safe only if SC is exact: under a value-CAS
 * emulation (tandem --atomics=cas, qemu) a pop can succeed with a stale
 * next pointer and corrupt the stack, which changes the checksum.  The
 * native build uses a 64-bit CAS on an {index, tag} pair instead, which
 * is ABA-safe on x86. */
#include "atomics_common.h"

#define POOL 64

struct node {
    struct node *next;
    uint64_t pad[7];      /* one node per 64-byte line */
};

static struct node pool[POOL] __attribute__((aligned(64)));
static uint64_t empty_pops[64];

#if defined(__riscv)
static struct node *head __attribute__((aligned(64)));

static struct node *pop(void)
{
    struct node *top, *next;
    uint64_t fail;
    __asm__ volatile(
        "1: lr.d %0, (%3)\n"
        "   beqz %0, 2f\n"
        "   ld %1, 0(%0)\n"
        "   sc.d %2, %1, (%3)\n"
        "   bnez %2, 1b\n"
        "2:\n"
        : "=&r"(top), "=&r"(next), "=&r"(fail)
        : "r"(&head)
        : "memory");
    return top;
}

static void push(struct node *n)
{
    struct node *top;
    uint64_t fail;
    __asm__ volatile(
        "1: lr.d %0, (%2)\n"
        "   sd %0, 0(%3)\n"
        "   sc.d %1, %3, (%2)\n"
        "   bnez %1, 1b\n"
        : "=&r"(top), "=&r"(fail)
        : "r"(&head), "r"(n)
        : "memory");
}

static struct node *stack_top(void) { return head; }

static void stack_init(void)
{
    for (int i = 0; i < POOL; i++)
        pool[i].next = i + 1 < POOL ? &pool[i + 1] : NULL;
    head = &pool[0];
}
#else
/* head = tag << 32 | (index + 1); 0 in the low half means empty. */
static uint64_t head __attribute__((aligned(64)));

static struct node *pop(void)
{
    uint64_t old = __atomic_load_n(&head, __ATOMIC_ACQUIRE);
    for (;;) {
        uint32_t idx = (uint32_t)old;
        if (idx == 0)
            return NULL;
        struct node *top = &pool[idx - 1];
        struct node *next = __atomic_load_n(&top->next, __ATOMIC_RELAXED);
        uint64_t nidx = next ? (uint64_t)(next - pool) + 1 : 0;
        uint64_t new = ((old >> 32) + 1) << 32 | nidx;
        if (__atomic_compare_exchange_n(&head, &old, new, 1,
                                        __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
            return top;
    }
}

static void push(struct node *n)
{
    uint64_t old = __atomic_load_n(&head, __ATOMIC_RELAXED);
    for (;;) {
        uint32_t idx = (uint32_t)old;
        __atomic_store_n(&n->next, idx ? &pool[idx - 1] : NULL, __ATOMIC_RELAXED);
        uint64_t new = ((old >> 32) + 1) << 32 | ((uint64_t)(n - pool) + 1);
        if (__atomic_compare_exchange_n(&head, &old, new, 1,
                                        __ATOMIC_ACQ_REL, __ATOMIC_RELAXED))
            return;
    }
}

static struct node *stack_top(void)
{
    uint32_t idx = (uint32_t)head;
    return idx ? &pool[idx - 1] : NULL;
}

static void stack_init(void)
{
    for (int i = 0; i < POOL; i++)
        pool[i].next = i + 1 < POOL ? &pool[i + 1] : NULL;
    head = 1;
}
#endif

static void work(int index, long ops)
{
    for (long i = 0; i < ops; i++) {
        struct node *n = pop();
        /* Each thread holds at most one node, so the stack is never empty
         * unless it was corrupted; count that instead of spinning. */
        if (!n) {
            empty_pops[index]++;
            continue;
        }
        push(n);
    }
}

int main(int argc, char **argv)
{
    int nthreads = atomics_threads_arg(argc, argv);
    long total = bench_scaled(5000000, bench_scale_arg(argc, argv, 2));
    stack_init();
    run_workers(work, nthreads, total);

    /* A sound stack still holds every node exactly once. */
    long reachable = 0;
    for (struct node *n = stack_top(); n && reachable <= POOL; n = n->next)
        reachable++;
    uint64_t empties = 0;
    for (int t = 0; t < nthreads; t++)
        empties += empty_pops[t];
    if (reachable != POOL || empties != 0)
        fprintf(stderr, "treiber: stack corrupted (ABA?): %ld of %d nodes reachable, "
                "%" PRIu64 " empty pops\n", reachable, POOL, empties);
    bench_checksum("treiber", bench_mix((uint64_t)reachable, empties));
    return 0;
}
