/* Plain and atomic host accesses to guest memory, shared by all strategies. */
#include <stdatomic.h>
#include <string.h>

#include "mem/guest_mem.h"
#include "monitor/monitor.h"

uint64_t host_load(uint64_t addr, unsigned size)
{
    void *p = g2h(addr);
    switch (size) {
    case 0: return __atomic_load_n((uint8_t *)p, __ATOMIC_SEQ_CST);
    case 1: return __atomic_load_n((uint16_t *)p, __ATOMIC_SEQ_CST);
    case 2: return __atomic_load_n((uint32_t *)p, __ATOMIC_SEQ_CST);
    default: return __atomic_load_n((uint64_t *)p, __ATOMIC_SEQ_CST);
    }
}

void host_store(uint64_t addr, uint64_t val, unsigned size)
{
    void *p = g2h(addr);
    /* misaligned plain stores are legal in the guest; keep them as plain copies */
    if (addr & ((1u << size) - 1)) {
        memcpy(p, &val, 1u << size);
        return;
    }
    switch (size) {
    case 0: __atomic_store_n((uint8_t *)p, (uint8_t)val, __ATOMIC_RELEASE); break;
    case 1: __atomic_store_n((uint16_t *)p, (uint16_t)val, __ATOMIC_RELEASE); break;
    case 2: __atomic_store_n((uint32_t *)p, (uint32_t)val, __ATOMIC_RELEASE); break;
    default: __atomic_store_n((uint64_t *)p, val, __ATOMIC_RELEASE); break;
    }
}

bool host_cmpxchg(uint64_t addr, uint64_t expect, uint64_t val, unsigned size)
{
    void *p = g2h(addr);
    if (size == 2) {
        uint32_t e = (uint32_t)expect;
        return __atomic_compare_exchange_n((uint32_t *)p, &e, (uint32_t)val, false,
                                           __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    }
    return __atomic_compare_exchange_n((uint64_t *)p, &expect, val, false,
                                       __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
}

/* The value an AMO writes, given the old value; width is 32 or 64 bits. */
uint64_t amo_result(enum ir_amo kind, uint64_t old, uint64_t x, unsigned size)
{
    int64_t so = size == 2 ? (int32_t)old : (int64_t)old;
    int64_t sx = size == 2 ? (int32_t)x : (int64_t)x;
    uint64_t uo = size == 2 ? (uint32_t)old : old;
    uint64_t ux = size == 2 ? (uint32_t)x : x;
    switch (kind) {
    case IR_AMO_SWAP: return x;
    case IR_AMO_ADD:  return old + x;
    case IR_AMO_AND:  return old & x;
    case IR_AMO_OR:   return old | x;
    case IR_AMO_XOR:  return old ^ x;
    case IR_AMO_MIN:  return so < sx ? old : x;
    case IR_AMO_MAX:  return so > sx ? old : x;
    case IR_AMO_MINU: return uo < ux ? old : x;
    default:          return uo > ux ? old : x;   /* IR_AMO_MAXU */
    }
}

static uint64_t amo32(enum ir_amo kind, uint32_t *p, uint32_t x)
{
    switch (kind) {
    case IR_AMO_SWAP: return __atomic_exchange_n(p, x, __ATOMIC_SEQ_CST);
    case IR_AMO_ADD:  return __atomic_fetch_add(p, x, __ATOMIC_SEQ_CST);
    case IR_AMO_AND:  return __atomic_fetch_and(p, x, __ATOMIC_SEQ_CST);
    case IR_AMO_OR:   return __atomic_fetch_or(p, x, __ATOMIC_SEQ_CST);
    case IR_AMO_XOR:  return __atomic_fetch_xor(p, x, __ATOMIC_SEQ_CST);
    default: break;
    }
    uint32_t old = __atomic_load_n(p, __ATOMIC_RELAXED);
    while (!__atomic_compare_exchange_n(p, &old, (uint32_t)amo_result(kind, old, x, 2), false,
                                        __ATOMIC_SEQ_CST, __ATOMIC_RELAXED))
        ;
    return old;
}

static uint64_t amo64(enum ir_amo kind, uint64_t *p, uint64_t x)
{
    switch (kind) {
    case IR_AMO_SWAP: return __atomic_exchange_n(p, x, __ATOMIC_SEQ_CST);
    case IR_AMO_ADD:  return __atomic_fetch_add(p, x, __ATOMIC_SEQ_CST);
    case IR_AMO_AND:  return __atomic_fetch_and(p, x, __ATOMIC_SEQ_CST);
    case IR_AMO_OR:   return __atomic_fetch_or(p, x, __ATOMIC_SEQ_CST);
    case IR_AMO_XOR:  return __atomic_fetch_xor(p, x, __ATOMIC_SEQ_CST);
    default: break;
    }
    uint64_t old = __atomic_load_n(p, __ATOMIC_RELAXED);
    while (!__atomic_compare_exchange_n(p, &old, amo_result(kind, old, x, 3), false,
                                        __ATOMIC_SEQ_CST, __ATOMIC_RELAXED))
        ;
    return old;
}

uint64_t host_amo(enum ir_amo kind, uint64_t addr, uint64_t val, unsigned size)
{
    if (size == 2)
        return amo32(kind, (uint32_t *)g2h(addr), (uint32_t)val);
    return amo64(kind, (uint64_t *)g2h(addr), val);
}
