/*
 * Register allocation for one block of IR, separate from the encoder.
 *
 * Every IR slot has a home in memory, cpu->regs[slot] (rbp holds the
 * struct vcpu *).  Within a block a slot's value may instead live in a
 * host register; `dirty` means the register is newer than the home.
 *   - Guest registers (globals) are loaded on first use and written back
 *     at every block exit (x86_ra_writeback_globals) and before helper
 *     calls that clobber their register (x86_ra_spill_caller_saved).
 *   - Temporaries are dropped without a write-back once the code
 *     generator says they are dead (x86_ra_kill).
 *   - When registers run out, the unlocked register whose value is
 *     needed furthest ahead in the block (or never) is spilled to its
 *     home (Belady's rule; `insns`/`pos` say where the block is), clean
 *     ones first among equals.
 * Two register classes share one numbering: 0..15 general registers,
 * X86_XMM(n) = 16 + n for xmm registers.  A slot lives in at most one
 * register of either class; x86_ra_use/def give a general register,
 * x86_ra_use_xmm/def_xmm an xmm one, moving the raw 64 bits across
 * (movq) when the slot sits in the other class.  Homes are 64-bit either
 * way, so nothing else cares where a value was.  All xmm registers are
 * caller-saved.
 * Registers used by the current IR insn are locked until
 * x86_ra_unlock_all, so evicting never steals an operand.
 *
 * Fixed host registers (never allocated):
 *   rbp = struct vcpu *, r15 = guest_base, r14 = page_excl,
 *   rax rcx rdx r11 = scratch for the code generator, rsp = stack,
 *   xmm0 xmm1 = scratch for the code generator.
 *
 * Concurrency: an allocator belongs to the thread translating the block.
 */
#ifndef TANDEM_X86_REGALLOC_H
#define TANDEM_X86_REGALLOC_H

#include <stdbool.h>
#include <stdint.h>

#include "backend/x86/x86_emit.h"
#include "ir/ir.h"

#define X86_REG_CPU        X86_RBP
#define X86_REG_GUEST_BASE X86_R15
#define X86_REG_PAGE_EXCL  X86_R14
#define X86_REG_ADDR       X86_R11   /* scratch: guest address of a memory op */

#define X86_XMM(n)       (16 + (n))
#define X86_IS_XMM(r)    ((r) >= 16)
#define X86_XMM_NUM(r)   ((r) - 16)
#define X86_RA_NREGS     32

struct x86_ra {
    struct x86_buf *buf;
    int8_t slot_reg[IR_NUM_SLOTS];   /* host register holding the slot, or -1 */
    uint16_t reg_slot[X86_RA_NREGS]; /* slot held by each host register, or IR_SLOT_NONE */
    bool dirty[X86_RA_NREGS];
    bool locked[X86_RA_NREGS];
    uint32_t stamp[X86_RA_NREGS];    /* last use: the tie-break among equals */
    uint32_t clock;
    const struct ir_insn *insns;     /* the block being generated, or NULL */
    unsigned n_insns, pos;           /* insns[pos] is being generated */
};

/* Displacement of slot's home from the vcpu pointer. */
int32_t x86_slot_disp(unsigned slot);

void x86_ra_init(struct x86_ra *ra, struct x86_buf *buf);
/* A register holding slot's current value (loaded if needed); locked. */
int x86_ra_use(struct x86_ra *ra, unsigned slot);
/* A register that will receive slot's new value; locked and dirty. */
int x86_ra_def(struct x86_ra *ra, unsigned slot);
/* The same in an xmm register (X86_XMM(n)). */
int x86_ra_use_xmm(struct x86_ra *ra, unsigned slot);
int x86_ra_def_xmm(struct x86_ra *ra, unsigned slot);
/* If slot lives in a register, that register (either class), else -1 (no code). */
int x86_ra_where(const struct x86_ra *ra, unsigned slot);
void x86_ra_unlock_all(struct x86_ra *ra);
/* Forget a dead temporary's register without writing it back. */
void x86_ra_kill(struct x86_ra *ra, unsigned slot);
/* The dirty guest registers and their slots (X86_RA_NREGS at most), for
 * code elsewhere that stores them; no code, nothing changes. */
unsigned x86_ra_dirty_globals(const struct x86_ra *ra, int8_t *regs, uint16_t *slots);
/* Store dirty guest registers to their homes; they stay in registers. */
void x86_ra_writeback_globals(struct x86_ra *ra);
/* Before a call: store dirty values held in caller-saved registers and
 * forget those registers. */
void x86_ra_spill_caller_saved(struct x86_ra *ra);
/* The same in two steps, so that call arguments can be read from
 * registers in between: store the dirty ones (bindings kept), then
 * forget the registers (no code).  keep_xmm: the callee leaves the xmm
 * registers alone (IR_CALL_KEEPS_FP), so they stay as they are. */
void x86_ra_clean_caller_saved(struct x86_ra *ra, bool keep_xmm);
void x86_ra_forget_caller_saved(struct x86_ra *ra, bool keep_xmm);
/* Load slot's value into host register dst (which must not be allocatable
 * or must have been spilled); no allocation. */
void x86_ra_load_into(struct x86_ra *ra, int dst, unsigned slot);
bool x86_reg_is_caller_saved(int reg);
/* State at a loop head: slot's value is in reg, which must be free;
 * dirty: possibly newer than its home.  Used after x86_ra_init to
 * describe registers set up by code. */
void x86_ra_assume(struct x86_ra *ra, unsigned slot, int reg, bool dirty);
/* x86_ra_writeback_globals, except slots[p] while it sits in regs[p]
 * (a loop's back edge keeps its pinned registers dirty). */
void x86_ra_writeback_globals_except(struct x86_ra *ra, const uint16_t *slots,
                                     const int8_t *regs, unsigned n);
/* The i-th allocatable register (callee-saved first), or -1. */
int x86_ra_nth_reg(unsigned i);
/* The i-th allocatable xmm register (X86_XMM(n)), or -1. */
int x86_ra_nth_xmm(unsigned i);
/* Bit n set: xmm n holds a slot (for code that calls out and must keep them). */
unsigned x86_ra_live_xmm(const struct x86_ra *ra);

#endif
