/*
 * The host-flag protocol for floating point.
 *
 * The JIT computes RISC-V F/D arithmetic with host SSE and does not
 * update vcpu.fflags itself: x86 accrues the same five IEEE flags in
 * MXCSR's sticky bits (tininess after rounding, as on RISC-V), so the
 * guest's flags are vcpu.fflags | (flags pending in MXCSR).  Rules:
 *   - whoever reads or replaces vcpu.fflags first takes the pending
 *     flags (host_fp_take_flags: accrue them, clear MXCSR's);
 *   - code that loads MXCSR (the rounding-mode fast paths) takes them
 *     first, since ldmxcsr would drop them;
 *   - other host FP code on a vCPU thread may only run guest operations
 *     (their flags are the guest's anyway); tandem's own C code does no
 *     floating point there;
 *   - a new vCPU thread starts with nothing pending (cpu_loop clears it).
 * The flags use the IR's encoding (ir.h, IR_FFLAG_*: RISC-V's).
 *
 * Concurrency: MXCSR is per host thread, and so per vCPU.
 */
#ifndef TANDEM_HOST_FPFLAGS_H
#define TANDEM_HOST_FPFLAGS_H

#include <stdint.h>

#define HOST_MXCSR_FLAGS 0x3fu   /* IE DE ZE OE UE PE */

/* MXCSR's sticky bits as IEEE flags: NV DZ OF UF NX = 16 8 4 2 1 */
static inline uint32_t host_fp_flags_of(uint32_t mx)
{
    return (mx & 0x01 ? 16u : 0) | (mx & 0x04 ? 8u : 0) | (mx & 0x08 ? 4u : 0) |
           (mx & 0x10 ? 2u : 0) | (mx & 0x20 ? 1u : 0);   /* DE: no counterpart */
}

/* The pending flags, left pending. */
static inline uint32_t host_fp_peek_flags(void)
{
    uint32_t mx;
    __asm__ volatile("stmxcsr %0" : "=m"(mx));
    return host_fp_flags_of(mx);
}

/* The pending flags, cleared in MXCSR. */
static inline uint32_t host_fp_take_flags(void)
{
    uint32_t mx;
    __asm__ volatile("stmxcsr %0" : "=m"(mx));
    if (!(mx & HOST_MXCSR_FLAGS))
        return 0;
    uint32_t cleared = mx & ~HOST_MXCSR_FLAGS;
    __asm__ volatile("ldmxcsr %0" : : "m"(cleared));
    return host_fp_flags_of(mx);
}

#endif
