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
 * Registers used by the current IR insn are locked until
 * x86_ra_unlock_all, so evicting never steals an operand.
 *
 * Fixed host registers (never allocated):
 *   rbp = struct vcpu *, r15 = guest_base, r14 = page_excl,
 *   rax rcx rdx r11 = scratch for the code generator, rsp = stack.
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

struct x86_ra {
    struct x86_buf *buf;
    int8_t slot_reg[IR_NUM_SLOTS];   /* host register holding the slot, or -1 */
    uint16_t reg_slot[16];           /* slot held by each host register, or IR_SLOT_NONE */
    bool dirty[16];
    bool locked[16];
    uint32_t stamp[16];              /* last use: the tie-break among equals */
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
/* If slot lives in a register, that register, else -1 (no code). */
int x86_ra_where(const struct x86_ra *ra, unsigned slot);
void x86_ra_unlock_all(struct x86_ra *ra);
/* Forget a dead temporary's register without writing it back. */
void x86_ra_kill(struct x86_ra *ra, unsigned slot);
/* Store dirty guest registers to their homes; they stay in registers. */
void x86_ra_writeback_globals(struct x86_ra *ra);
/* Before a call: store dirty values held in caller-saved registers and
 * forget those registers. */
void x86_ra_spill_caller_saved(struct x86_ra *ra);
/* The same in two steps, so that call arguments can be read from
 * registers in between: store the dirty ones (bindings kept), then
 * forget the registers (no code). */
void x86_ra_clean_caller_saved(struct x86_ra *ra);
void x86_ra_forget_caller_saved(struct x86_ra *ra);
/* Load slot's value into host register dst (which must not be allocatable
 * or must have been spilled); no allocation. */
void x86_ra_load_into(struct x86_ra *ra, int dst, unsigned slot);
bool x86_reg_is_caller_saved(int reg);
/* State at a loop head: slot's (clean) value is in reg, which must be
 * free.  Used after x86_ra_init to describe registers set up by code. */
void x86_ra_assume(struct x86_ra *ra, unsigned slot, int reg);
/* The i-th allocatable register (callee-saved first), or -1. */
int x86_ra_nth_reg(unsigned i);

#endif
