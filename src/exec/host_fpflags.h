/*
 * The host-flag protocol for floating point.
 *
 * The JIT's inline F/D arithmetic (x86_codegen.c, gen_fp) runs on host
 * SSE and takes its exact helper, which records every flag in
 * vcpu.fflags, whenever a flag other than NX may have been raised.  NX
 * alone is not recorded: MXCSR's sticky PE bit accrues it for free.  So
 *
 *     the guest's fflags = vcpu.fflags | (NX if MXCSR.PE)
 *
 * and, since reading MXCSR waits for every FP op in flight, MXCSR is read
 * only when vcpu.fflags lacks NX (in an FP program NX is set early and
 * stays set, so the common frflags / fsflags pair costs no wait).  Rules:
 *   - a reader of vcpu.fflags without NX ORs in host_fp_pending_nx();
 *   - a writer that clears NX drops MXCSR's flags (host_fp_clear), so PE
 *     can be stale only while vcpu.fflags has NX;
 *   - code that loads MXCSR (the rounding-mode paths of rv_fpu_fast.c)
 *     first ORs in the pending NX, since ldmxcsr would drop it;
 *   - other host FP code on a vCPU thread may only run guest operations
 *     (its flags are the guest's anyway);
 *   - a new vCPU thread starts with nothing pending (cpu_loop clears it).
 * The flags use the IR's encoding (ir.h, IR_FFLAG_*: RISC-V's).
 *
 * Concurrency: MXCSR is per host thread, and so per vCPU.
 */
#ifndef TANDEM_HOST_FPFLAGS_H
#define TANDEM_HOST_FPFLAGS_H

#include <stdint.h>

#include "ir/ir.h"

/* Code that must leave the host's FP registers alone (IR_CALL_KEEPS_FP
 * helpers); the functions below are built so too, so that they inline
 * into such code. */
#if defined(__x86_64__)
#define HOST_NO_FP_REGS __attribute__((target("general-regs-only")))
#else
#define HOST_NO_FP_REGS
#endif

#define HOST_MXCSR_FLAGS 0x3fu   /* IE DE ZE OE UE PE */
#define HOST_MXCSR_PE    0x20u

/* IR_FFLAG_INEXACT if an inexact result is pending in MXCSR, else 0. */
HOST_NO_FP_REGS static inline uint32_t host_fp_pending_nx(void)
{
    uint32_t mx;
    __asm__ volatile("stmxcsr %0" : "=m"(mx));
    return mx & HOST_MXCSR_PE ? IR_FFLAG_INEXACT : 0;
}

/* Drop MXCSR's sticky flags. */
HOST_NO_FP_REGS static inline void host_fp_clear(void)
{
    uint32_t mx;
    __asm__ volatile("stmxcsr %0" : "=m"(mx));
    if (mx & HOST_MXCSR_FLAGS) {
        mx &= ~HOST_MXCSR_FLAGS;
        __asm__ volatile("ldmxcsr %0" : : "m"(mx));
    }
}

/* The guest's fflags from vcpu.fflags (waits for FP ops only without NX). */
HOST_NO_FP_REGS static inline uint32_t host_fp_guest_flags(uint32_t fflags)
{
    return fflags & IR_FFLAG_INEXACT ? fflags : fflags | host_fp_pending_nx();
}

#endif
