/* Local register allocation for the x86-64 JIT; see x86_regalloc.h. */
#include "backend/x86/x86_regalloc.h"

#include <stddef.h>
#include <string.h>

#include "exec/vcpu.h"

_Static_assert(offsetof(struct vcpu, regs) == 0, "slot file must start the vcpu");
_Static_assert(sizeof(((struct vcpu *)0)->regs) == IR_NUM_SLOTS * 8, "one 64-bit home per slot");

/* callee-saved ones first: they survive helper calls (FP helpers) */
static const int8_t alloc_order[] = {
    X86_RBX, X86_R12, X86_R13, X86_RSI, X86_RDI, X86_R8, X86_R9, X86_R10,
};
#define N_ALLOC (int)(sizeof alloc_order / sizeof alloc_order[0])

/* xmm0 and xmm1 are the code generator's scratch registers */
static const int8_t alloc_order_xmm[] = {
    X86_XMM(2), X86_XMM(3), X86_XMM(4), X86_XMM(5), X86_XMM(6), X86_XMM(7), X86_XMM(8),
    X86_XMM(9), X86_XMM(10), X86_XMM(11), X86_XMM(12), X86_XMM(13), X86_XMM(14), X86_XMM(15),
};
#define N_ALLOC_XMM (int)(sizeof alloc_order_xmm / sizeof alloc_order_xmm[0])

/* every allocatable register of both classes */
#define FOR_EACH_REG(i, r) \
    for (int i = 0, r; i < N_ALLOC + N_ALLOC_XMM && \
         ((r = i < N_ALLOC ? alloc_order[i] : alloc_order_xmm[i - N_ALLOC]), 1); i++)

int32_t x86_slot_disp(unsigned slot)
{
    return (int32_t)(offsetof(struct vcpu, regs) + 8 * slot);
}

bool x86_reg_is_caller_saved(int reg)
{
    return X86_IS_XMM(reg) || (reg != X86_RBX && reg != X86_RBP && reg != X86_R12 && reg != X86_R13 &&
           reg != X86_R14 && reg != X86_R15 && reg != X86_RSP);
}

void x86_ra_init(struct x86_ra *ra, struct x86_buf *buf)
{
    ra->buf = buf;
    memset(ra->slot_reg, -1, sizeof ra->slot_reg);
    for (int r = 0; r < X86_RA_NREGS; r++) {
        ra->reg_slot[r] = IR_SLOT_NONE;
        ra->dirty[r] = ra->locked[r] = false;
        ra->stamp[r] = 0;
    }
    ra->clock = 0;
    ra->insns = NULL;
    ra->n_insns = ra->pos = 0;
}

static void store_home(struct x86_ra *ra, int reg)
{
    struct x86_mem home = x86_mem(X86_REG_CPU, x86_slot_disp(ra->reg_slot[reg]));
    if (X86_IS_XMM(reg))
        x86_movsd_store(ra->buf, home, X86_XMM_NUM(reg));
    else
        x86_store(ra->buf, 3, home, reg);
    ra->dirty[reg] = false;
}

static void unbind(struct x86_ra *ra, int reg)
{
    uint16_t slot = ra->reg_slot[reg];
    if (slot != IR_SLOT_NONE)
        ra->slot_reg[slot] = -1;
    ra->reg_slot[reg] = IR_SLOT_NONE;
    ra->dirty[reg] = false;
}

/* How far ahead insns next read slot: 0 = never again in this block
 * (or only after overwriting it), else a larger number for nearer reads. */
static unsigned nearness(const struct x86_ra *ra, unsigned slot)
{
    if (!ra->insns)
        return 1;
    for (unsigned k = ra->pos + 1; k < ra->n_insns; k++) {
        const struct ir_insn *i = &ra->insns[k];
        const uint16_t in[3] = { i->a, i->b, i->c };
        for (unsigned j = 0; j < ir_op_info[i->op].n_in; j++)
            if (in[j] == slot)
                return ra->n_insns + 1 - (k - ra->pos);
        if (ir_op_info[i->op].n_out && i->dst == slot)
            return 0;
    }
    return 0;
}

/* Is evicting a better than evicting b? */
static bool better_victim(const struct x86_ra *ra, int a, unsigned near_a, int b, unsigned near_b)
{
    if (near_a != near_b)
        return near_a < near_b;
    if (ra->dirty[a] != ra->dirty[b])
        return !ra->dirty[a];
    return ra->stamp[a] < ra->stamp[b];
}

/* A free register of the class, spilling the unlocked one needed
 * furthest ahead if needed. */
static int grab_reg(struct x86_ra *ra, bool xmm)
{
    int victim = -1;
    unsigned victim_near = 0;
    const int8_t *order = xmm ? alloc_order_xmm : alloc_order;
    for (int i = 0; i < (xmm ? N_ALLOC_XMM : N_ALLOC); i++) {
        int r = order[i];
        if (ra->locked[r])
            continue;
        if (ra->reg_slot[r] == IR_SLOT_NONE)
            return r;
        unsigned near = nearness(ra, ra->reg_slot[r]);
        if (victim < 0 || better_victim(ra, r, near, victim, victim_near)) {
            victim = r;
            victim_near = near;
        }
    }
    /* an IR insn has at most 3 inputs and 1 output, so this cannot fail */
    if (ra->dirty[victim])
        store_home(ra, victim);
    unbind(ra, victim);
    return victim;
}

static void bind(struct x86_ra *ra, int reg, unsigned slot)
{
    ra->reg_slot[reg] = (uint16_t)slot;
    ra->slot_reg[slot] = (int8_t)reg;
    ra->locked[reg] = true;
    ra->stamp[reg] = ++ra->clock;
}

int x86_ra_where(const struct x86_ra *ra, unsigned slot)
{
    return ra->slot_reg[slot];
}

/* slot's value moves from the register it is in to one of the other
 * class (raw bits; dirtiness moves with it) */
static int move_class(struct x86_ra *ra, unsigned slot, bool to_xmm)
{
    int from = ra->slot_reg[slot];
    bool dirty = ra->dirty[from];
    ra->locked[from] = true;   /* not the victim of grab_reg */
    int r = grab_reg(ra, to_xmm);
    if (to_xmm)
        x86_movq_xr(ra->buf, true, X86_XMM_NUM(r), from);
    else
        x86_movq_rx(ra->buf, true, r, X86_XMM_NUM(from));
    ra->locked[from] = false;
    unbind(ra, from);
    bind(ra, r, slot);
    ra->dirty[r] = dirty;
    return r;
}

static int use_class(struct x86_ra *ra, unsigned slot, bool xmm)
{
    int r = ra->slot_reg[slot];
    if (r >= 0 && X86_IS_XMM(r) != xmm)
        return move_class(ra, slot, xmm);
    if (r >= 0) {
        ra->locked[r] = true;
        ra->stamp[r] = ++ra->clock;
        return r;
    }
    r = grab_reg(ra, xmm);
    struct x86_mem home = x86_mem(X86_REG_CPU, x86_slot_disp(slot));
    if (xmm)
        x86_movsd_load(ra->buf, X86_XMM_NUM(r), home);
    else
        x86_load(ra->buf, X86_LD_64, r, home);
    bind(ra, r, slot);
    return r;
}

static int def_class(struct x86_ra *ra, unsigned slot, bool xmm)
{
    int r = ra->slot_reg[slot];
    if (r >= 0 && X86_IS_XMM(r) != xmm && !ra->locked[r]) {
        unbind(ra, r);   /* the old value dies here */
        r = -1;
    } else if (r >= 0 && X86_IS_XMM(r) != xmm) {
        /* also an operand of this insn: keep it, take another register */
        r = move_class(ra, slot, xmm);
    }
    if (r < 0) {
        r = grab_reg(ra, xmm);
        bind(ra, r, slot);
    }
    ra->locked[r] = true;
    ra->stamp[r] = ++ra->clock;
    ra->dirty[r] = true;
    return r;
}

int x86_ra_use(struct x86_ra *ra, unsigned slot) { return use_class(ra, slot, false); }
int x86_ra_def(struct x86_ra *ra, unsigned slot) { return def_class(ra, slot, false); }
int x86_ra_use_xmm(struct x86_ra *ra, unsigned slot) { return use_class(ra, slot, true); }
int x86_ra_def_xmm(struct x86_ra *ra, unsigned slot) { return def_class(ra, slot, true); }

void x86_ra_unlock_all(struct x86_ra *ra)
{
    memset(ra->locked, 0, sizeof ra->locked);
}

void x86_ra_kill(struct x86_ra *ra, unsigned slot)
{
    int r = ra->slot_reg[slot];
    if (r >= 0)
        unbind(ra, r);
}

void x86_ra_writeback_globals(struct x86_ra *ra)
{
    FOR_EACH_REG(i, r) {
        if (ra->dirty[r] && ra->reg_slot[r] < IR_NUM_GLOBALS)
            store_home(ra, r);
    }
}

unsigned x86_ra_dirty_globals(const struct x86_ra *ra, int8_t *regs, uint16_t *slots)
{
    unsigned n = 0;
    FOR_EACH_REG(i, r) {
        if (ra->dirty[r] && ra->reg_slot[r] < IR_NUM_GLOBALS) {
            regs[n] = (int8_t)r;
            slots[n++] = ra->reg_slot[r];
        }
    }
    return n;
}

void x86_ra_clean_caller_saved(struct x86_ra *ra, bool keep_xmm)
{
    FOR_EACH_REG(i, r) {
        if (keep_xmm && X86_IS_XMM(r))
            continue;
        if (x86_reg_is_caller_saved(r) && ra->reg_slot[r] != IR_SLOT_NONE && ra->dirty[r])
            store_home(ra, r);
    }
}

void x86_ra_forget_caller_saved(struct x86_ra *ra, bool keep_xmm)
{
    FOR_EACH_REG(i, r) {
        if (keep_xmm && X86_IS_XMM(r))
            continue;
        if (x86_reg_is_caller_saved(r) && ra->reg_slot[r] != IR_SLOT_NONE)
            unbind(ra, r);
    }
}

void x86_ra_spill_caller_saved(struct x86_ra *ra)
{
    FOR_EACH_REG(i, r) {
        if (!x86_reg_is_caller_saved(r) || ra->reg_slot[r] == IR_SLOT_NONE)
            continue;
        if (ra->dirty[r])
            store_home(ra, r);
        unbind(ra, r);
    }
}

void x86_ra_load_into(struct x86_ra *ra, int dst, unsigned slot)
{
    int r = ra->slot_reg[slot];
    if (r >= 0 && X86_IS_XMM(r))
        x86_movq_rx(ra->buf, true, dst, X86_XMM_NUM(r));
    else if (r >= 0)
        x86_mov_rr(ra->buf, true, dst, r);
    else
        x86_load(ra->buf, X86_LD_64, dst, x86_mem(X86_REG_CPU, x86_slot_disp(slot)));
}

void x86_ra_assume(struct x86_ra *ra, unsigned slot, int reg, bool dirty)
{
    bind(ra, reg, slot);
    ra->locked[reg] = false;
    ra->dirty[reg] = dirty;
}

void x86_ra_writeback_globals_except(struct x86_ra *ra, const uint16_t *slots,
                                     const int8_t *regs, unsigned n)
{
    FOR_EACH_REG(i, r) {
        if (!ra->dirty[r] || ra->reg_slot[r] >= IR_NUM_GLOBALS)
            continue;
        bool keep = false;
        for (unsigned p = 0; p < n; p++)
            keep |= regs[p] == r && slots[p] == ra->reg_slot[r];
        if (!keep)
            store_home(ra, r);
    }
}

int x86_ra_nth_reg(unsigned i)
{
    return i < (unsigned)N_ALLOC ? alloc_order[i] : -1;
}

int x86_ra_nth_xmm(unsigned i)
{
    return i < (unsigned)N_ALLOC_XMM ? alloc_order_xmm[i] : -1;
}

unsigned x86_ra_live_xmm(const struct x86_ra *ra)
{
    unsigned mask = 0;
    for (int i = 0; i < N_ALLOC_XMM; i++)
        if (ra->reg_slot[alloc_order_xmm[i]] != IR_SLOT_NONE)
            mask |= 1u << X86_XMM_NUM(alloc_order_xmm[i]);
    return mask;
}
