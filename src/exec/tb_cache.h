/*
 * Translated blocks and the translation cache, shared by all vCPUs.
 *
 * DESIGN REQUIREMENT: any vCPU can look up and run any block without a
 * lock; translation of a missing block may race with other vCPUs; fence.i
 * (and riscv_flush_icache) must invalidate every block for every vCPU
 * before the flushing vCPU continues past its fence.
 *
 * Current solution:
 *   - The cache is an open-addressed hash table of _Atomic(struct tb *)
 *     slots, keyed by guest pc.  Lookup is lock-free (acquire loads);
 *     insertion takes tb_lock and publishes with a release store.  If two
 *     vCPUs translate the same pc, the second insert returns the first tb
 *     and frees its own.
 *   - Each vCPU keeps a direct-mapped jmp_cache; it is dropped whenever
 *     the global generation tb_generation differs from cpu->tb_gen.
 *   - Chaining: tb->chain[slot] caches the successor for exit slot 0
 *     (brcond taken) and 1 (goto_pc).  Writers store it with release
 *     order, readers load it with acquire and use it only if its
 *     generation equals the current one.
 *   - Flush: under tb_lock, the table is emptied, tb_generation is bumped
 *     and the old blocks move to a retired list tagged with the new
 *     generation.  A retired block is freed only once every live vCPU has
 *     reached a safe point in a later generation (seen_epoch), so a vCPU
 *     still running an old block never touches freed memory.
 *
 * Known limitations: invalidation is whole-cache; the table does not grow
 * (a full table triggers a flush, which is also the size bound).
 */
#ifndef TANDEM_TB_CACHE_H
#define TANDEM_TB_CACHE_H

#include <stdatomic.h>
#include <stdint.h>

#include "ir/ir.h"

struct vcpu;

struct tb {
    uint64_t pc;
    uint64_t end_pc;
    uint64_t generation;          /* cache generation it was made in */
    uint32_t n_guest;             /* guest instructions */
    uint32_t n_insns;
    _Atomic(struct tb *) chain[2];/* successor cache for exit slots 0 and 1 */
    struct tb *retired_next;
    void *host_code;              /* JIT code, NULL for the interpreter */
    struct ir_insn insns[];       /* immutable copy of the IR */
};

extern _Atomic uint64_t tb_generation;

void tb_cache_init(void);
/* Look up pc, translating on a miss. Never returns NULL. */
struct tb *tb_find(struct vcpu *cpu, uint64_t pc);
/* Invalidate every block (fence.i, riscv_flush_icache). */
void tb_flush_all(void);
/* Counters for --stats */
uint64_t tb_translated_count(void);

#endif
