/*
 * Safe points: moments when a vCPU holds no half-done guest memory
 * operation (between blocks, and whenever it is outside guest code, e.g.
 * in a syscall).  Used by the exclusive monitor to make "this page is now
 * exclusive" synchronous with every other vCPU's fast-path stores, by the
 * stop-the-world strategy, and by the translation cache to free retired
 * blocks.
 *
 * DESIGN REQUIREMENT: after safepoint_sync_others() returns, every other
 * vCPU has either passed a block boundary or been outside guest code at
 * some moment after the call began; so any fast-path store that read
 * page_excl before the caller changed it has completed.
 *
 * Current solution: a global epoch counter.  A requester bumps
 * safepoint_epoch (seq_cst), sets every other vCPU's poll_request byte,
 * and waits until each vCPU with in_guest set has cpu->seen_epoch >= the
 * new epoch.  Each vCPU polls at every block boundary: the execution loop
 * compares the epoch (safepoint_poll), JIT blocks test poll_request (one
 * compare with the vCPU's own line).  Answering, a vCPU clears
 * poll_request (seq_cst) before it reads the epoch, so a request that
 * raced with the clearing is still answered by that read; it publishes
 * seen_epoch with release order.  A vCPU leaving guest code clears in_guest (seq_cst);
 * one entering sets it (seq_cst) before its first guest access, so a
 * requester that sees in_guest == false may skip it (Dekker-style: both
 * sides store then load, with full fences).  Stop-the-world additionally
 * sets stw_requested; polling vCPUs then park until it is cleared.
 *
 *
 * Two kinds of acknowledgement.  A vCPU inside an LR/SC helper (waiting
 * in safepoint_sync_others or parked by stop-the-world) is at a safe
 * point for memory but is still in the middle of a block, so it
 * acknowledges seen_epoch only.  seen_code_epoch is published only at a
 * block boundary in the execution loop, or by leaving guest code
 * (outside_code); safepoint_sync_code() waits for that stronger kind and
 * is what lets the translation cache free retired blocks.
 *
 * Known limitations: a vCPU descheduled by the host delays requesters
 * until it runs again (the waiter yields its CPU meanwhile).
 */
#ifndef TANDEM_SAFEPOINT_H
#define TANDEM_SAFEPOINT_H

#include <stdatomic.h>
#include <stdint.h>

#include "exec/vcpu.h"

extern _Atomic uint64_t safepoint_epoch;

void safepoint_slow(struct vcpu *cpu, uint64_t epoch);

/* Called by the execution loop (and JIT block entries) at every block boundary. */
static inline void safepoint_poll(struct vcpu *cpu)
{
    uint64_t e = atomic_load_explicit(&safepoint_epoch, memory_order_acquire);
    if (__builtin_expect(e != atomic_load_explicit(&cpu->seen_epoch, memory_order_relaxed) ||
                         atomic_load_explicit(&cpu->poll_request, memory_order_relaxed), 0))
        safepoint_slow(cpu, e);
}

/* Entering / leaving guest code (around syscalls and at thread start/exit);
 * they count vcpu_running (exec/vcpu.h).  vcpu_enter_guest returns that
 * word as it was just before. */
uint32_t vcpu_enter_guest(struct vcpu *cpu);
void vcpu_leave_guest(struct vcpu *cpu);

/* Wait until every other vCPU has passed a safe point after this call began. */
void safepoint_sync_others(struct vcpu *self);

/* Wait until every other vCPU has been at a block boundary (or outside
 * translated code) after this call began: none still runs an old block. */
void safepoint_sync_code(struct vcpu *self);

/* Stop every other vCPU at a safe point; they stay parked until stw_end. */
void stw_begin(struct vcpu *self);
void stw_end(struct vcpu *self);

#endif
