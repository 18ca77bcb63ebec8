/* Helpers shared by the exact monitor strategies; see excl_common.h. */
#include <inttypes.h>
#include <signal.h>

#include "exec/exec.h"
#include "monitor/excl_common.h"

void misaligned_atomic(struct vcpu *cpu, uint64_t addr)
{
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
