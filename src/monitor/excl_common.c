/* Helpers shared by the exact monitor strategies; see excl_common.h. */
#include <inttypes.h>
#include <sched.h>
#include <signal.h>

#include "exec/exec.h"
#include "monitor/excl_common.h"

void check_atomic_aligned(struct vcpu *cpu, uint64_t addr, unsigned size)
{
    if (__builtin_expect(addr & ((1u << size) - 1), 0))
        guest_fatal_signal(cpu, SIGBUS, "misaligned atomic access at address 0x%" PRIx64
                           " (pc 0x%" PRIx64 ")", addr, cpu->pc);
}

unsigned break_reservations(struct vcpu *self, uint64_t addr, unsigned bytes)
{
    unsigned broken = 0;
    int used = atomic_load_explicit(&vcpu_table_used, memory_order_acquire);
    for (int i = 0; i < used; i++) {
        struct vcpu *v = vcpu_table[i];
        if (v == self)
            continue;
        uint64_t r = atomic_load_explicit(&v->res.addr, memory_order_acquire);
        if (r == RES_NONE || !granule_overlaps(r, addr, bytes))
            continue;
        if (!atomic_exchange_explicit(&v->res.broken, true, memory_order_relaxed))
            broken++;
    }
    return broken;
}

void spin_lock(struct spinlock *l)
{
    unsigned spins = 0;
    for (;;) {
        if (!atomic_load_explicit(&l->held, memory_order_relaxed) &&
            !atomic_exchange_explicit(&l->held, 1, memory_order_acquire))
            return;
        /* a holder preempted by the host would otherwise burn our time slice */
        if (++spins < 128)
            __builtin_ia32_pause();
        else
            sched_yield();
    }
}
