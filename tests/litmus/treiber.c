/*
 * An LR/SC Treiber stack under stress.  Nodes are recycled through the
 * stack itself, so pop is ABA-prone: it reads head, reads head->next,
 * and SCs head = next.  If another thread pops head, pops next and
 * pushes head back in between, the value of head is unchanged but next
 * is stale; an exact monitor fails that SC, a value-compare (cas) one
 * lets it through and the stack is corrupted.
 *
 * usage: treiber exact|cas NTHREADS MILLISECONDS
 * Each thread pops a node, claims it (an atomic owner field: a node
 * popped twice is corruption), and pushes it back, until the time is up.
 * At the end the stack must hold every node exactly once, with no cycle,
 * and each node's pushes must equal its pops.
 *   exact: any corruption is "bad";
 *   cas:   corruption is reported as "info" (likely, not guaranteed).
 */
#include <pthread.h>
#include <stdbool.h>

#include "litmus.h"

enum { MAX_THREADS = 16, SPARE_NODES = 2, MAX_NODES = MAX_THREADS + SPARE_NODES };

struct node {
    struct node *next;          /* first: the asm reads it at offset 0 */
    _Atomic int owner;          /* 1 + id of the thread holding it, 0 if in the stack */
    uint64_t pad[6];            /* one node per cache line */
};

static _Alignas(PAGE) struct node *head;
static _Alignas(PAGE) struct node nodes[MAX_NODES];
static _Alignas(PAGE) uint64_t pops[MAX_THREADS][MAX_NODES], pushes[MAX_THREADS][MAX_NODES];
static struct gate gate;
static _Atomic bool stop;
static _Atomic uint64_t corruptions;
static _Atomic uint64_t first_corruption_ms;
static char why[160];
static _Atomic int why_taken;
static int nnodes;
static uint64_t deadline_ms, start_ms;

/* Pop with LR/SC; a few register-only instructions between reading next
 * and the SC widen the ABA window (no stores: the reservation stays). */
static struct node *pop(void)
{
    struct node *h, *n;
    uint64_t rc, delay;
    __asm__ volatile("1: lr.d %0, (%4)\n"
                     "   beqz %0, 3f\n"
                     "   ld %1, 0(%0)\n"
                     "   li %3, 16\n"
                     "2: addi %3, %3, -1\n"
                     "   bnez %3, 2b\n"
                     "   sc.d %2, %1, (%4)\n"
                     "   bnez %2, 1b\n"
                     "3:"
                     : "=&r"(h), "=&r"(n), "=&r"(rc), "=&r"(delay)
                     : "r"(&head) : "memory");
    return h;
}

/* Push: next = head (plain store, before the LR), then LR head, check it
 * did not move, SC head = node.  No store between LR and SC. */
static void push(struct node *node)
{
    struct node *h, *seen;
    uint64_t rc;
    __asm__ volatile("1: ld %0, (%4)\n"
                     "   sd %0, 0(%3)\n"
                     "   fence rw, w\n"
                     "   lr.d %1, (%4)\n"
                     "   bne %1, %0, 1b\n"
                     "   sc.d %2, %3, (%4)\n"
                     "   bnez %2, 1b\n"
                     : "=&r"(h), "=&r"(seen), "=&r"(rc)
                     : "r"(node), "r"(&head) : "memory");
}

static void corrupted(const char *fmt, int a, int b)
{
    atomic_fetch_add(&corruptions, 1);
    if (!atomic_exchange(&why_taken, 1)) {
        snprintf(why, sizeof why, fmt, a, b);
        atomic_store(&first_corruption_ms, now_ms() - start_ms);
    }
    atomic_store(&stop, true);
}

static void *worker(void *arg)
{
    int id = (int)(intptr_t)arg;
    uint64_t empties = 0, round = 0;
    gate_wait(&gate);
    while (!atomic_load_explicit(&stop, memory_order_relaxed)) {
        if ((++round & 255) == 0 && now_ms() >= deadline_ms)
            break;
        struct node *n = pop();
        if (!n) {
            /* each thread holds at most one node and there are spares,
             * so an intact stack is never empty */
            if (++empties > 1000)
                corrupted("thread %d found the stack empty %d times", id, 1000);
            continue;
        }
        int k = (int)(n - nodes);
        if (k < 0 || k >= nnodes) {
            corrupted("thread %d popped a pointer that is not a node (index %d)", id, k);
            break;
        }
        int prev = atomic_exchange(&n->owner, id + 1);
        if (prev != 0) {
            corrupted("node %d popped while thread %d still held it", k, prev - 1);
            break;                  /* do not push a node someone else holds */
        }
        pops[id][k]++;
        atomic_store(&n->owner, 0);
        pushes[id][k]++;
        push(n);
    }
    return NULL;
}

/* Walk the final stack: every node once, no cycle, counts conserved. */
static bool check_final(char *msg, size_t len)
{
    int seen[MAX_NODES] = { 0 };
    int count = 0;
    for (struct node *p = head; p; p = p->next) {
        int k = (int)(p - nodes);
        if (k < 0 || k >= nnodes) {
            snprintf(msg, len, "the stack holds a pointer that is not a node");
            return false;
        }
        if (seen[k]++) {
            snprintf(msg, len, "node %d appears twice (a cycle) in the final stack", k);
            return false;
        }
        count++;
    }
    if (count != nnodes) {
        snprintf(msg, len, "the final stack holds %d nodes, want %d", count, nnodes);
        return false;
    }
    for (int k = 0; k < nnodes; k++) {
        uint64_t p = 0, q = 0;
        for (int t = 0; t < MAX_THREADS; t++) {
            p += pops[t][k];
            q += pushes[t][k];
        }
        if (p != q) {
            snprintf(msg, len, "node %d was popped %llu times but pushed %llu times",
                     k, (unsigned long long)p, (unsigned long long)q);
            return false;
        }
    }
    return true;
}

int main(int argc, char **argv)
{
    bool exact = mode_arg(argc, argv, 4, "treiber exact|cas NTHREADS MILLISECONDS");
    int n = (int)arg_long(argv[2], "NTHREADS", MAX_THREADS);
    long ms = arg_long(argv[3], "MILLISECONDS", 600000);
    nnodes = n + SPARE_NODES;
    for (int k = nnodes - 1; k >= 0; k--)
        push(&nodes[k]);

    pthread_t tids[MAX_THREADS];
    gate.expected = n;
    start_ms = now_ms();
    deadline_ms = start_ms + (uint64_t)ms;
    for (int i = 0; i < n; i++)
        if (pthread_create(&tids[i], NULL, worker, (void *)(intptr_t)i) != 0) {
            fprintf(stderr, "pthread_create failed\n");
            return 2;
        }
    for (int i = 0; i < n; i++)
        pthread_join(tids[i], NULL);

    uint64_t total = 0;
    for (int t = 0; t < n; t++)
        for (int k = 0; k < nnodes; k++)
            total += pops[t][k];

    char name[32], msg[160];
    snprintf(name, sizeof name, "treiber.%dt", n);
    bool broken = atomic_load(&corruptions) != 0;
    if (!broken && !check_final(msg, sizeof msg)) {
        snprintf(why, sizeof why, "%s", msg);
        broken = true;
    }
    if (exact) {
        if (!broken) {
            printf("ok %s: %llu pops and pushes, stack intact\n", name, (unsigned long long)total);
            return 0;
        }
        printf("bad %s: corrupted after %llu pops: %s\n", name, (unsigned long long)total, why);
        return 1;
    }
    /* cas: only running to the end (with any corruption detected, not
     * crashing or hanging) is asserted */
    printf("ok %s: ran to the end (corruption is not asserted under cas)\n", name);
    if (broken)
        printf("info %s: corruption observed under cas (ABA) after %llu ms, %llu pops: %s\n",
               name, (unsigned long long)atomic_load(&first_corruption_ms),
               (unsigned long long)total, why);
    else
        printf("info %s: no corruption observed under cas in %llu pops\n", name,
               (unsigned long long)total);
    return 0;
}
