/* Safe points and stop-the-world; the protocol is in exec/safepoint.h. */
#include "exec/safepoint.h"

#include <linux/futex.h>
#include <sched.h>
#include <sys/syscall.h>
#include <unistd.h>

_Atomic uint64_t safepoint_epoch;

/* Stop-the-world state: one requester at a time. */
static _Atomic uint32_t stw_requested;     /* futex word: 1 while the world is stopped */
static _Atomic uint32_t stw_lock_word;
static struct vcpu *_Atomic stw_owner;

static void cpu_relax(void) { __builtin_ia32_pause(); }

/* A vCPU at a safe point acknowledges every epoch published so far. */
static void ack_epoch(struct vcpu *cpu)
{
    uint64_t e = atomic_load(&safepoint_epoch);
    atomic_store_explicit(&cpu->seen_epoch, e, memory_order_release);
}

/* Sleep while another vCPU has the world stopped; counts as outside guest code. */
static void park_while_stopped(struct vcpu *cpu)
{
    if (!atomic_load(&cpu->in_guest))
        return;   /* e.g. flushing from a syscall: runs no guest code anyway */
    while (atomic_load(&stw_requested) && atomic_load(&stw_owner) != cpu) {
        atomic_store(&cpu->in_guest, false);
        while (atomic_load(&stw_requested))
            syscall(SYS_futex, &stw_requested, FUTEX_WAIT_PRIVATE, 1, NULL, NULL, 0);
        atomic_store(&cpu->in_guest, true);   /* seq_cst: then re-check the request */
        ack_epoch(cpu);
    }
}

/* Only the execution loop calls this, between blocks. */
void safepoint_slow(struct vcpu *cpu, uint64_t epoch)
{
    (void)epoch;
    atomic_store(&cpu->poll_request, 0);   /* seq_cst: before ack_epoch reads the epoch */
    ack_epoch(cpu);
    atomic_store_explicit(&cpu->seen_code_epoch, atomic_load(&cpu->seen_epoch),
                          memory_order_release);
    park_while_stopped(cpu);
}

uint32_t vcpu_enter_guest(struct vcpu *cpu)
{
    uint32_t before = atomic_fetch_add(&vcpu_running, 1);
    atomic_store(&cpu->in_guest, true);       /* seq_cst store, then loads below */
    atomic_store(&cpu->outside_code, false);
    ack_epoch(cpu);
    park_while_stopped(cpu);
    return before;
}

void vcpu_leave_guest(struct vcpu *cpu)
{
    ack_epoch(cpu);
    atomic_store(&cpu->outside_code, true);
    atomic_store(&cpu->in_guest, false);
    atomic_fetch_sub(&vcpu_running, 1);
}

/* Has v acknowledged epoch e, or is it somewhere that needs no acknowledgement? */
static bool has_acknowledged(struct vcpu *v, uint64_t e, bool code)
{
    if (code)
        return atomic_load(&v->outside_code) ||
               atomic_load_explicit(&v->seen_code_epoch, memory_order_acquire) >= e;
    return !atomic_load(&v->in_guest) ||
           atomic_load_explicit(&v->seen_epoch, memory_order_acquire) >= e;
}

/* Publish a new epoch and wait until every other vCPU has acknowledged it. */
static void sync_others(struct vcpu *self, bool code)
{
    uint64_t e = atomic_fetch_add(&safepoint_epoch, 1) + 1;
    if (self) {
        ack_epoch(self);
        if (code)
            atomic_store(&self->seen_code_epoch, e);
    }
    int used = atomic_load(&vcpu_table_used);
    for (int i = 0; i < used; i++)
        if (vcpu_table[i] != self)
            atomic_store_explicit(&vcpu_table[i]->poll_request, 1, memory_order_relaxed);
    for (int i = 0; i < used; i++) {
        struct vcpu *v = vcpu_table[i];
        if (v == self)
            continue;
        unsigned spins = 0;
        while (!has_acknowledged(v, e, code)) {
            /* keep acknowledging others' requests so two waiters never
             * wait on each other; an ack is always followed by a park check */
            if (self) {
                ack_epoch(self);
                park_while_stopped(self);
            }
            if (++spins < 64)
                cpu_relax();
            else
                sched_yield();
        }
    }
    if (self) {
        park_while_stopped(self);
        self->stats.remote_waits++;
    }
}

void safepoint_sync_code(struct vcpu *self)
{
    sync_others(self, true);
}

void safepoint_sync_others(struct vcpu *self)
{
    sync_others(self, false);
}

void stw_begin(struct vcpu *self)
{
    uint32_t expected = 0;
    while (!atomic_compare_exchange_weak(&stw_lock_word, &expected, 1)) {
        expected = 0;
        /* we are at a safe point: let the current owner's world stop include us */
        ack_epoch(self);
        park_while_stopped(self);
        sched_yield();
    }
    atomic_store(&stw_owner, self);
    atomic_store(&stw_requested, 1);
    safepoint_sync_others(self);
}

void stw_end(struct vcpu *self)
{
    (void)self;
    atomic_store(&stw_requested, 0);
    atomic_store(&stw_owner, NULL);
    atomic_store(&stw_lock_word, 0);
    syscall(SYS_futex, &stw_requested, FUTEX_WAKE_PRIVATE, __INT32_MAX__, NULL, NULL, 0);
}
