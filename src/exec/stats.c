/* --stats: per-vCPU counters, printed at exit. */
#include <inttypes.h>
#include <stdio.h>

#include "exec/exec.h"
#include "exec/tb_cache.h"
#include "exec/vcpu.h"
#include "monitor/monitor.h"

void stats_print_all(void)
{
    static _Atomic int printed;
    if (atomic_exchange(&printed, 1))
        return;
    flockfile(stderr);
    fprintf(stderr, "tandem stats: backend %s, atomics %s, blocks translated %" PRIu64 "\n",
            backend->name, monitor->name, tb_translated_count());
    int used = atomic_load(&vcpu_table_used);
    for (int i = 0; i < used; i++) {
        const struct vcpu_stats *s = &vcpu_table[i]->stats;
        fprintf(stderr,
                "  vcpu %d: insns %" PRIu64 " blocks %" PRIu64 " | lr %" PRIu64 " sc_ok %" PRIu64
                " sc_fail %" PRIu64 " amo %" PRIu64 " | slow_stores %" PRIu64 " res_broken %" PRIu64
                " pages_excl %" PRIu64 " pages_released %" PRIu64 " granules_armed %" PRIu64
                " res_upgraded %" PRIu64 " remote_waits %" PRIu64 "\n",
                i, s->insns, s->blocks, s->lr, s->sc_ok, s->sc_fail, s->amo, s->slow_stores,
                s->res_broken, s->pages_excl, s->pages_released, s->granules_armed,
                s->res_upgraded, s->remote_waits);
    }
    funlockfile(stderr);
}
