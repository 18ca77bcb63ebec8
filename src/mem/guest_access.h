/*
 * Guest loads and stores for C code (the interpreter and helpers).  The
 * JIT inlines the same fast path: bounds check, then host access at
 * guest_base + addr; stores whose page is marked in page_excl go to the
 * exclusive monitor's slow path instead.
 */
#ifndef TANDEM_GUEST_ACCESS_H
#define TANDEM_GUEST_ACCESS_H

#include <stdint.h>
#include <string.h>

#include "mem/guest_mem.h"
#include "monitor/monitor.h"

struct vcpu;

/* Report a guest access outside the guest address space (never returns). */
_Noreturn void guest_segv(struct vcpu *cpu, uint64_t addr);

static inline void guest_check_range(struct vcpu *cpu, uint64_t addr, unsigned bytes)
{
    if (__builtin_expect(!guest_range_ok(addr, bytes), 0))
        guest_segv(cpu, addr);
}

/* Zero-extended load of 1 << size bytes; misaligned is fine on x86. */
static inline uint64_t mem_load(struct vcpu *cpu, uint64_t addr, unsigned size)
{
    guest_check_range(cpu, addr, 1u << size);
    const void *p = g2h(addr);
    switch (size) {
    case 0: return *(const volatile uint8_t *)p;
    case 1: { uint16_t v; memcpy(&v, p, 2); return v; }
    case 2: { uint32_t v; memcpy(&v, p, 4); return v; }
    default: { uint64_t v; memcpy(&v, p, 8); return v; }
    }
}

/* True if a store to [addr, addr + bytes) must take the monitor's slow path. */
static inline bool store_needs_slow_path(uint64_t addr, unsigned bytes)
{
    uint8_t first = atomic_load_explicit(&page_excl[addr >> GUEST_PAGE_BITS], memory_order_relaxed);
    uint8_t last = atomic_load_explicit(&page_excl[(addr + bytes - 1) >> GUEST_PAGE_BITS], memory_order_relaxed);
    return (first | last) != 0;
}

static inline void mem_store(struct vcpu *cpu, uint64_t addr, uint64_t val, unsigned size)
{
    unsigned bytes = 1u << size;
    guest_check_range(cpu, addr, bytes);
    if (__builtin_expect(store_needs_slow_path(addr, bytes), 0)) {
        monitor->store_slow(cpu, addr, val, size);
        return;
    }
    void *p = g2h(addr);
    switch (size) {
    case 0: *(volatile uint8_t *)p = (uint8_t)val; break;
    case 1: { uint16_t v = (uint16_t)val; memcpy(p, &v, 2); break; }
    case 2: { uint32_t v = (uint32_t)val; memcpy(p, &v, 4); break; }
    default: memcpy(p, &val, 8); break;
    }
}

#endif
