/*
 * The x86-64 JIT backend (--backend=jit): code cache, entry trampoline,
 * block chaining and host-pc to guest-pc mapping.
 *
 * DESIGN REQUIREMENT: every vCPU runs generated code without a lock;
 * chaining may patch a block while other vCPUs execute it; a block's code
 * is never reused while any vCPU may still be inside it or about to jump
 * into it.
 *
 * Current solution:
 *   - Code lives in one RWX region (JIT_REGION_SIZE, the size bound).
 *     Each block's code sits in a chunk (header, code, pc map, direct
 *     exits) taken from a first-fit free list under jit_lock; code is
 *     written into a per-thread scratch buffer, copied into the chunk and
 *     relocated before tb_find publishes the tb (release store), so no
 *     other vCPU can see half-written code.
 *   - Patching (chain): a direct exit is a jcc/jmp whose rel32 is 4-byte
 *     aligned; it first points at the block's own exit stub.  chain()
 *     rewrites the rel32 with one aligned 32-bit atomic store, so a vCPU
 *     executing it sees either the old or the new target, both valid.
 *     Only blocks of the same generation are linked, and a rel32 is never
 *     patched back (unchaining is not needed: see invalidation).
 *   - Indirect jumps look up cpu->jmp_cache inline ({pc, host code})
 *     and enter the target without a generation check.  A stale entry
 *     leads at worst into a retired block, which is still intact: it is
 *     freed only after this vCPU acknowledged the flush in the execution
 *     loop, and the loop drops the cache right after acknowledging,
 *     before any block runs again.
 *   - Invalidation (tb_flush_all): retired blocks stay intact, chained
 *     among themselves.  Blocks that can close a cycle of chained code
 *     (a direct exit to an equal or lower pc, or an indirect exit) poll
 *     the safe-point epoch on entry and leave to the execution loop when
 *     it changed; every cycle contains such a block, so a vCPU in chained
 *     code reaches the loop after a bounded number of blocks, and after
 *     the flush's safepoint_sync_others() no vCPU is inside or entering
 *     retired code; only then is free_code called and the chunk reused.
 *   - Code-cache full: prepare() calls tb_flush_all() itself when usage
 *     passes 3/4 of the region.  That is safe because tb_find calls
 *     prepare with no lock held, from a vCPU that holds no block (the
 *     loop re-checks the generation), and tb_find retranslates when the
 *     generation changed under it.  If a block still does not fit, its
 *     host_code stays NULL and run_block falls back to the interpreter.
 *   - fault_pc walks the chunk headers; it runs in a fatal signal handler
 *     and reads headers racily, which is acceptable on the way to death.
 *
 *   - Loop stitching (jit.c): a translation may append the IR of another
 *     block of the same generation (the other half of a two-block loop),
 *     found through a pc index of installed chunks (index_lock; a chunk
 *     leaves the index in free_code, before its tb is freed).  Only the
 *     immutable tb->insns of that block are read, under index_lock.
 *
 * Known limitations: invalidation is whole-cache; the free list only
 * coalesces when an allocation fails.
 */
#ifndef TANDEM_JIT_H
#define TANDEM_JIT_H

#include <stdbool.h>
#include <stdio.h>

#include "exec/exec.h"
#include "exec/tb_cache.h"

#define JIT_REGION_SIZE (64u << 20)

/* Print tb's host code disassembled (Capstone) for --trace. */
void jit_dump_block(FILE *f, const struct tb *tb);

/* True when the code cache is past its flush threshold. */
bool jit_code_full(void);

#endif
