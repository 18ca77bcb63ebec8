/*
 * cas: QEMU's scheme, kept as the fast, wrong baseline.  LR remembers the
 * address, size and value; SC is a compare-and-swap against that value.
 * Another hart storing B then A between LR and SC goes unnoticed (ABA).
 *
 * Concurrency: the reservation is private to its vCPU; memory atomicity
 * comes from the host's cmpxchg.  No page is ever marked, so every store
 * stays on the fast path.
 */
#include "exec/vcpu.h"
#include "monitor/monitor.h"

static uint64_t cas_load_link(struct vcpu *cpu, uint64_t addr, unsigned size)
{
    uint64_t v = host_load(addr, size);
    cpu->res.value = v;
    cpu->res.size = size;
    atomic_store_explicit(&cpu->res.addr, addr, memory_order_relaxed);
    return v;
}

static bool cas_store_cond(struct vcpu *cpu, uint64_t addr, uint64_t val, unsigned size)
{
    uint64_t reserved = atomic_load_explicit(&cpu->res.addr, memory_order_relaxed);
    atomic_store_explicit(&cpu->res.addr, RES_NONE, memory_order_relaxed);
    if (reserved != addr || cpu->res.size != size)
        return false;
    return host_cmpxchg(addr, cpu->res.value, val, size);
}

static uint64_t cas_amo(struct vcpu *cpu, enum ir_amo kind, uint64_t addr, uint64_t val, unsigned size)
{
    return host_amo(kind, addr, val, size);
}

static void cas_store_slow(struct vcpu *cpu, uint64_t addr, uint64_t val, unsigned size)
{
    host_store(addr, val, size);
}

static void cas_clear(struct vcpu *cpu)
{
    atomic_store_explicit(&cpu->res.addr, RES_NONE, memory_order_relaxed);
}

const struct monitor_ops monitor_cas = {
    .name = "cas",
    .exact = false,
    .amo_fast_path = true,   /* never marks a page: amo is host_amo */
    .lrsc_inline = MONITOR_LRSC_VALUE,   /* exactly cas_load_link / cas_store_cond */
    .load_link = cas_load_link,
    .store_cond = cas_store_cond,
    .amo = cas_amo,
    .store_slow = cas_store_slow,
    .clear = cas_clear,
};
