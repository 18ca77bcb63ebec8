/*
 * Instruction selection: each IR op becomes a short x86-64 sequence that
 * matches src/backend/interp/interp.c bit for bit.  Rare paths (guest
 * faults, monitor slow stores, exits) go to cold stubs after the body so
 * the hot path falls through.
 */
#include "backend/x86/x86_codegen.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "exec/exec.h"
#include "exec/safepoint.h"
#include "exec/vcpu.h"
#include "mem/guest_access.h"
#include "mem/guest_mem.h"
#include "monitor/monitor.h"
#include "util/diag.h"

#define GUEST_SPACE_BITS 38
_Static_assert(GUEST_SPACE == 1ull << GUEST_SPACE_BITS, "bounds check shifts by log2(GUEST_SPACE)");
_Static_assert(offsetof(struct vcpu, jmp_cache) < INT32_MAX, "vcpu offsets fit disp32");

enum stub_kind { STUB_FAULT, STUB_STORE_SLOW, STUB_STORE_CROSS, STUB_LEAVE, STUB_PRECOUNT_EXIT,
                 STUB_FP_HELPER, STUB_AMO_SLOW, STUB_SIDE_EXIT, STUB_INTERPRET,
                 STUB_LRSC_SLOW, STUB_LR_ALONE, STUB_LR_TAG, STUB_SC_SHARED, STUB_SC_MISS };

#define STUB_MAX_JCC 6   /* STUB_FP_HELPER: one per inline check */

struct x86_cold_stub {
    enum stub_kind kind;
    uint32_t jcc_field[STUB_MAX_JCC]; /* rel32 fields that jump here (0: unused) */
    uint32_t resume;          /* STUB_STORE_SLOW, STUB_AMO_SLOW: where to continue;
                                 STUB_STORE_CROSS: the store */
    unsigned slow_stub;       /* STUB_STORE_CROSS: index of the store's STUB_STORE_SLOW;
                                 STUB_LR_TAG, STUB_SC_SHARED: of the LR's or SC's
                                 STUB_LRSC_SLOW */
    uint32_t start;           /* where it was emitted (set by x86_codegen_block) */
    uint64_t pc;              /* guest pc of the faulting insn / of the block */
    uint32_t uncount;         /* STUB_FAULT, STUB_PRECOUNT_EXIT, STUB_SIDE_EXIT: counted
                                 insns to take back */
    uint64_t target;          /* STUB_PRECOUNT_EXIT: the side exit's guest pc;
                                 STUB_SC_SHARED: code offset of the SC's success tail;
                                 STUB_LR_TAG: of the LR's tag read */
    int8_t val_reg;           /* STUB_STORE_SLOW, STUB_AMO_SLOW */
    int8_t addr_reg;          /* STUB_FAULT, STUB_STORE_SLOW, STUB_AMO_SLOW: the guest address */
    uint8_t size;
    int8_t fp_reg[3];         /* STUB_FP_HELPER: the operands' registers (either
                                 class), -1 for none */
    bool val_xmm;             /* STUB_STORE_SLOW: val_reg is X86_XMM(n) */
    bool barrier;             /* STUB_LRSC_SLOW: an SC that must end in a full barrier */
    unsigned xmm_saved;       /* stubs that call out: live xmm registers to keep */
    unsigned n_wb;            /* STUB_SIDE_EXIT: dirty guest registers to store */
    int8_t wb_reg[X86_RA_NREGS];
    uint16_t wb_slot[X86_RA_NREGS];
    uint32_t aux;             /* STUB_FP_HELPER: the helper's aux; target = the helper;
                                 STUB_AMO_SLOW: the enum ir_amo */
};

#define CPU_FIELD(f) x86_mem(X86_REG_CPU, (int32_t)offsetof(struct vcpu, f))

static void *grow(void *p, unsigned *cap, unsigned need, size_t elem)
{
    if (need <= *cap)
        return p;
    unsigned n = *cap ? *cap : 64;
    while (n < need)
        n *= 2;
    p = realloc(p, n * elem);
    if (!p)
        die(TANDEM_EXIT_INTERNAL, "out of memory in the JIT");
    *cap = n;
    return p;
}

static struct x86_cold_stub *add_stub(struct x86_cg *cg, enum stub_kind kind)
{
    cg->stubs = grow(cg->stubs, &cg->cap_stubs, cg->n_stubs + 1, sizeof(*cg->stubs));
    struct x86_cold_stub *s = &cg->stubs[cg->n_stubs++];
    memset(s, 0, sizeof(*s));
    s->kind = kind;
    s->pc = cg->cur_pc;
    return s;
}

static void add_reloc(struct x86_cg *cg, uint32_t field, enum x86_reloc_target target)
{
    cg->relocs = grow(cg->relocs, &cg->cap_relocs, cg->n_relocs + 1, sizeof(*cg->relocs));
    cg->relocs[cg->n_relocs++] = (struct x86_reloc){ field, target };
}

/* cpu->pc = pc */
static void emit_set_pc(struct x86_buf *b, uint64_t pc)
{
    if (x86_fits_i32((int64_t)pc)) {
        x86_mov_mi(b, true, CPU_FIELD(pc), (int32_t)pc);
    } else {
        x86_mov_ri(b, X86_RAX, pc);
        x86_store(b, 3, CPU_FIELD(pc), X86_RAX);
    }
}

/* Leave generated code: eax = how | reason << 8, rdx = this tb. */
static void emit_leave(struct x86_cg *cg, enum block_exit how, unsigned reason)
{
    struct x86_buf *b = cg->buf;
    x86_mov_ri(b, X86_RAX, (uint32_t)how | reason << 8);
    x86_movabs(b, X86_RDX, (uint64_t)(uintptr_t)cg->tb);
    add_reloc(cg, x86_jmp32(b), X86_RELOC_EPILOGUE);
}

static void emit_call_abs(struct x86_buf *b, const void *fn)
{
    x86_movabs(b, X86_RAX, (uint64_t)(uintptr_t)fn);
    x86_call_r(b, X86_RAX);
}

static enum x86_cc cond_cc(unsigned cond)
{
    static const enum x86_cc map[] = {
        [IR_EQ] = X86_CC_E, [IR_NE] = X86_CC_NE, [IR_LT] = X86_CC_L,
        [IR_GE] = X86_CC_GE, [IR_LTU] = X86_CC_B, [IR_GEU] = X86_CC_AE,
    };
    return cond < 6 ? map[cond] : X86_CC_AE;
}

/*
 * Set the flags for "a cond b" and return the condition code to test.
 * Slot 0 always holds 0 (ir_opt.h): compares with it become test r, r,
 * with the condition turned around when 0 is on the left.
 */
static enum x86_cc emit_compare(struct x86_cg *cg, const struct ir_insn *i)
{
    struct x86_buf *b = cg->buf;
    if (i->b == 0 && i->a != 0) {
        int ra = x86_ra_use(&cg->ra, i->a);
        /* `andi a4, a5, 124; bnez a4`: the and has set these flags */
        if (x86_offset(b) != cg->flags_at || ra != cg->flags_reg)
            x86_test_rr(b, true, ra, ra);   /* as cmp ra, 0: CF = OF = 0 */
        return cond_cc(i->size);
    }
    if (i->a == 0 && i->b != 0) {
        static const enum x86_cc swapped[] = {
            [IR_EQ] = X86_CC_E, [IR_NE] = X86_CC_NE, [IR_LT] = X86_CC_G,
            [IR_GE] = X86_CC_LE, [IR_LTU] = X86_CC_NE, [IR_GEU] = X86_CC_E,
        };
        int rb = x86_ra_use(&cg->ra, i->b);
        x86_test_rr(b, true, rb, rb);   /* 0 cond b */
        return i->size < 6 ? swapped[i->size] : X86_CC_AE;
    }
    int ra = x86_ra_use(&cg->ra, i->a), rb = x86_ra_use(&cg->ra, i->b);
    x86_alu_rr(b, true, X86_CMP, ra, rb);
    return cond_cc(i->size);
}

/* The x86 load/extension that gives the IR's extend(v, size). */
static enum x86_load_kind ext_kind(unsigned size)
{
    bool sign = size & IR_MEM_SIGNED;
    switch (size & IR_SIZE_MASK) {
    case 0:  return sign ? X86_LD_SX8 : X86_LD_ZX8;
    case 1:  return sign ? X86_LD_SX16 : X86_LD_ZX16;
    case 2:  return sign ? X86_LD_SX32 : X86_LD_ZX32;
    default: return X86_LD_64;
    }
}

static void emit_extend(struct x86_buf *b, unsigned size, int dst, int src)
{
    enum x86_load_kind k = ext_kind(size);
    if (k != X86_LD_64)
        x86_extend_rr(b, k, dst, src);
    else if (dst != src)
        x86_mov_rr(b, true, dst, src);
}

/* dst = src + imm for any 64-bit imm */
static void emit_add_imm(struct x86_buf *b, int dst, int src, int64_t imm)
{
    if (x86_fits_i32(imm)) {
        if (imm == 0) {
            if (dst != src)
                x86_mov_rr(b, true, dst, src);
        } else {
            x86_lea(b, dst, x86_mem(src, (int32_t)imm));
        }
    } else {
        int tmp = dst == src ? X86_RAX : dst;
        x86_mov_ri(b, tmp, (uint64_t)imm);
        if (tmp == dst) {
            x86_alu_rr(b, true, X86_ADD, dst, src);
        } else {
            x86_alu_rr(b, true, X86_ADD, dst, tmp);
        }
    }
}

/*
 * The guest address base + imm, checked to lie in the guest space with
 * all of its 1 << size_log2 bytes: one compare with a limit constant
 * (unsigned, so wrap-around fails too); out of range jumps to a stub that
 * reports SIGSEGV.  Returns the register holding the address: base itself
 * when imm is 0, else r11.
 */
static int emit_guest_addr(struct x86_cg *cg, int base, int64_t imm, unsigned size_log2)
{
    struct x86_buf *b = cg->buf;
    int addr = base;
    if (imm != 0) {
        emit_add_imm(b, X86_REG_ADDR, base, imm);
        addr = X86_REG_ADDR;
    }
    x86_alu_rm(b, true, X86_CMP, addr, x86_mem_rip(0));
    add_reloc(cg, x86_offset(b) - 4, X86_RELOC_LIMIT0 + size_log2);
    struct x86_cold_stub *s = add_stub(cg, STUB_FAULT);
    s->addr_reg = (int8_t)addr;
    s->uncount = cg->in_precount ? cg->precount_n : 0;
    s->jcc_field[0] = x86_jcc32(b, X86_CC_AE);
    return addr;
}

static struct x86_mem host_addr(int addr)
{
    return x86_mem_idx(X86_REG_GUEST_BASE, addr, 0, 0);
}

/* ---- ALU ------------------------------------------------------------- */

static bool is_commutative(enum x86_alu op)
{
    return op == X86_ADD || op == X86_AND || op == X86_OR || op == X86_XOR;
}

/* A 64-bit and/or/xor into rd, just emitted, left the flags of `test rd,
 * rd` (ZF and SF from the result, CF = OF = 0): a compare of rd with 0
 * that follows it directly needs no test (emit_compare). */
static void note_flags(struct x86_cg *cg, enum x86_alu op, int rd)
{
    if (op == X86_AND || op == X86_OR || op == X86_XOR) {
        cg->flags_at = x86_offset(cg->buf);
        cg->flags_reg = (int8_t)rd;
    }
}

/* dst = a op b, with the x86 two-operand constraint handled */
static void gen_alu(struct x86_cg *cg, const struct ir_insn *i, enum x86_alu op, bool w64)
{
    struct x86_buf *b = cg->buf;
    int ra = x86_ra_use(&cg->ra, i->a), rb = x86_ra_use(&cg->ra, i->b);
    int rd = x86_ra_def(&cg->ra, i->dst);
    if (op == X86_ADD && rd != ra && rd != rb) {
        x86_lea(b, rd, x86_mem_idx(ra, rb, 0, 0));   /* three-operand add */
    } else if (rd == rb && rd != ra) {
        if (is_commutative(op)) {
            x86_alu_rr(b, true, op, rd, ra);
        } else {
            x86_mov_rr(b, true, X86_RAX, ra);
            x86_alu_rr(b, true, op, X86_RAX, rb);
            x86_mov_rr(b, true, rd, X86_RAX);
        }
    } else {
        if (rd != ra)
            x86_mov_rr(b, true, rd, ra);
        x86_alu_rr(b, true, op, rd, rb);
    }
    if (!w64)
        x86_extend_rr(b, X86_LD_SX32, rd, rd);
    else
        note_flags(cg, op, rd);
}

static void gen_alu_imm(struct x86_cg *cg, const struct ir_insn *i, enum x86_alu op, bool w64)
{
    struct x86_buf *b = cg->buf;
    int ra = x86_ra_use(&cg->ra, i->a);
    int rd = x86_ra_def(&cg->ra, i->dst);
    if (op == X86_ADD && !w64 && i->imm == 0) {
        x86_extend_rr(b, X86_LD_SX32, rd, ra);   /* sext.w */
        return;
    } else if (op == X86_ADD) {
        emit_add_imm(b, rd, ra, i->imm);
    } else {
        if (rd != ra)
            x86_mov_rr(b, true, rd, ra);
        if (x86_fits_i32(i->imm)) {
            x86_alu_ri(b, true, op, rd, (int32_t)i->imm);
        } else {
            x86_mov_ri(b, X86_RAX, (uint64_t)i->imm);
            x86_alu_rr(b, true, op, rd, X86_RAX);
        }
        if (w64)
            note_flags(cg, op, rd);
    }
    if (!w64)
        x86_extend_rr(b, X86_LD_SX32, rd, rd);
}

static bool have_bmi2(void)
{
    static int cached = -1;   /* benign race: every thread computes the same */
    if (cached < 0)
        cached = __builtin_cpu_supports("bmi2") ? 1 : 0;
    return cached;
}

static void gen_shift(struct x86_cg *cg, const struct ir_insn *i, enum x86_shift k, bool w64)
{
    struct x86_buf *b = cg->buf;
    int ra = x86_ra_use(&cg->ra, i->a), rb = x86_ra_use(&cg->ra, i->b);
    int rd = x86_ra_def(&cg->ra, i->dst);
    if (have_bmi2()) {
        /* masks the count by 63 or 31 like shl/shr/sar, any registers */
        x86_shiftx(b, w64, k, rd, ra, rb);
        if (!w64)
            x86_extend_rr(b, X86_LD_SX32, rd, rd);
        return;
    }
    x86_mov_rr(b, false, X86_RCX, rb);     /* before rd is written: rd may be rb */
    if (rd != ra)
        x86_mov_rr(b, true, rd, ra);
    /* x86 masks the count by 63 (64-bit) or 31 (32-bit), as the IR does */
    x86_shift_cl(b, w64, k, rd);
    if (!w64)
        x86_extend_rr(b, X86_LD_SX32, rd, rd);
}

static void gen_shift_imm(struct x86_cg *cg, const struct ir_insn *i, enum x86_shift k, bool w64)
{
    struct x86_buf *b = cg->buf;
    int ra = x86_ra_use(&cg->ra, i->a);
    int rd = x86_ra_def(&cg->ra, i->dst);
    unsigned count = (unsigned)i->imm & (w64 ? 63 : 31);
    if (w64 && k == X86_SHL && rd != ra && count >= 1 && count <= 3) {
        x86_lea(b, rd, x86_mem_idx(X86_NOREG, ra, count, 0));
        return;
    }
    if (rd != ra)
        x86_mov_rr(b, true, rd, ra);
    if (count)
        x86_shift_ri(b, w64, k, rd, (uint8_t)count);
    if (!w64)
        x86_extend_rr(b, X86_LD_SX32, rd, rd);
}

static void gen_mul(struct x86_cg *cg, const struct ir_insn *i, bool w64)
{
    struct x86_buf *b = cg->buf;
    int ra = x86_ra_use(&cg->ra, i->a), rb = x86_ra_use(&cg->ra, i->b);
    int rd = x86_ra_def(&cg->ra, i->dst);
    if (rd == rb) {
        x86_imul_rr(b, true, rd, ra);      /* commutative */
    } else {
        if (rd != ra)
            x86_mov_rr(b, true, rd, ra);
        x86_imul_rr(b, true, rd, rb);
    }
    if (!w64)
        x86_extend_rr(b, X86_LD_SX32, rd, rd);
}

/* high half of a 128-bit product: rdx after mul/imul with rax = a */
static void gen_mulhigh(struct x86_cg *cg, const struct ir_insn *i)
{
    struct x86_buf *b = cg->buf;
    int ra = x86_ra_use(&cg->ra, i->a), rb = x86_ra_use(&cg->ra, i->b);
    x86_mov_rr(b, true, X86_RAX, ra);
    x86_unary(b, true, i->op == IR_mulh ? X86_IMUL1 : X86_MUL, rb);
    if (i->op == IR_mulhsu) {
        /* signed a * unsigned b = unsigned product - (a < 0 ? b << 64 : 0) */
        x86_mov_rr(b, true, X86_RAX, ra);
        x86_shift_ri(b, true, X86_SAR, X86_RAX, 63);
        x86_alu_rr(b, true, X86_AND, X86_RAX, rb);
        x86_alu_rr(b, true, X86_SUB, X86_RDX, X86_RAX);
    }
    int rd = x86_ra_def(&cg->ra, i->dst);
    x86_mov_rr(b, true, rd, X86_RDX);
}

static void patch_here(struct x86_buf *b, uint32_t field)
{
    x86_patch_rel32(b, field, x86_offset(b));
}

/*
 * Division with the IR's total semantics: x/0 = all ones, x%0 = x,
 * MIN/-1 = MIN, MIN%-1 = 0.  The quotient ends in rax, the remainder in
 * rdx; the divisor is never rax or rdx (those are not allocated).
 */
static void gen_div(struct x86_cg *cg, const struct ir_insn *i)
{
    struct x86_buf *b = cg->buf;
    bool w64 = i->op == IR_div || i->op == IR_divu || i->op == IR_rem || i->op == IR_remu;
    bool is_signed = i->op == IR_div || i->op == IR_rem || i->op == IR_div_32 || i->op == IR_rem_32;
    bool want_rem = i->op == IR_rem || i->op == IR_remu || i->op == IR_rem_32 || i->op == IR_remu_32;
    int ra = x86_ra_use(&cg->ra, i->a), rb = x86_ra_use(&cg->ra, i->b);

    x86_mov_rr(b, w64, X86_RAX, ra);
    x86_test_rr(b, w64, rb, rb);
    uint32_t to_zero = x86_jcc32(b, X86_CC_E);
    uint32_t to_minus1 = 0;
    if (is_signed) {
        x86_alu_ri(b, w64, X86_CMP, rb, -1);
        to_minus1 = x86_jcc32(b, X86_CC_E);
        if (w64) x86_cqo(b); else x86_cdq(b);
        x86_unary(b, w64, X86_IDIV, rb);
    } else {
        x86_alu_rr(b, false, X86_XOR, X86_RDX, X86_RDX);
        x86_unary(b, w64, X86_DIV, rb);
    }
    uint32_t done1 = x86_jmp32(b);
    uint32_t done2 = 0;
    if (is_signed) {
        /* b == -1: quotient -a (MIN stays MIN), remainder 0; no #DE */
        patch_here(b, to_minus1);
        if (want_rem)
            x86_alu_rr(b, false, X86_XOR, X86_RDX, X86_RDX);
        else
            x86_unary(b, w64, X86_NEG, X86_RAX);
        done2 = x86_jmp32(b);
    }
    patch_here(b, to_zero);
    if (want_rem)
        x86_mov_rr(b, w64, X86_RDX, X86_RAX);   /* x % 0 = x */
    else
        x86_mov_ri(b, X86_RAX, UINT64_MAX);     /* x / 0 = all ones */
    patch_here(b, done1);
    if (done2)
        patch_here(b, done2);

    int result = want_rem ? X86_RDX : X86_RAX;
    int rd = x86_ra_def(&cg->ra, i->dst);
    if (w64)
        x86_mov_rr(b, true, rd, result);
    else
        x86_extend_rr(b, X86_LD_SX32, rd, result);
}

static void gen_setcond(struct x86_cg *cg, const struct ir_insn *i, bool imm_form)
{
    struct x86_buf *b = cg->buf;
    int ra = x86_ra_use(&cg->ra, i->a);
    if (imm_form) {
        if (x86_fits_i32(i->imm)) {
            x86_alu_ri(b, true, X86_CMP, ra, (int32_t)i->imm);
        } else {
            x86_mov_ri(b, X86_RAX, (uint64_t)i->imm);
            x86_alu_rr(b, true, X86_CMP, ra, X86_RAX);
        }
    } else {
        int rb = x86_ra_use(&cg->ra, i->b);
        x86_alu_rr(b, true, X86_CMP, ra, rb);
    }
    x86_setcc(b, cond_cc(i->size), X86_RAX);
    int rd = x86_ra_def(&cg->ra, i->dst);
    x86_extend_rr(b, X86_LD_ZX8, rd, X86_RAX);
}

/* ---- memory ------------------------------------------------------------ */

/* A cold stub that calls C keeps the xmm registers in mask on the stack
 * (a multiple of 16 bytes: the stack stays aligned for the call). */
static unsigned xmm_save_bytes(unsigned mask)
{
    return ((unsigned)__builtin_popcount(mask) * 8 + 15) & ~15u;
}

static void emit_save_xmm(struct x86_buf *b, unsigned mask)
{
    if (!mask)
        return;
    x86_alu_ri(b, true, X86_SUB, X86_RSP, (int32_t)xmm_save_bytes(mask));
    int32_t off = 0;
    for (int n = 0; n < 16; n++)
        if (mask & (1u << n)) {
            x86_movsd_store(b, x86_mem(X86_RSP, off), n);
            off += 8;
        }
}

static void emit_restore_xmm(struct x86_buf *b, unsigned mask)
{
    if (!mask)
        return;
    int32_t off = 0;
    for (int n = 0; n < 16; n++)
        if (mask & (1u << n)) {
            x86_movsd_load(b, n, x86_mem(X86_RSP, off));
            off += 8;
        }
    x86_alu_ri(b, true, X86_ADD, X86_RSP, (int32_t)xmm_save_bytes(mask));
}

/* Around a cold stub's call into C: keep every caller-saved allocatable
 * register (six pushes keep the stack 16-byte aligned) and the live xmm
 * registers in mask. */
static const int8_t stub_saved[6] = { X86_RSI, X86_RDI, X86_R8, X86_R9, X86_R10, X86_R11 };

static void emit_stub_save(struct x86_buf *b, unsigned xmm_mask)
{
    for (int k = 0; k < 6; k++)
        x86_push(b, stub_saved[k]);
    emit_save_xmm(b, xmm_mask);
}

static void emit_stub_restore(struct x86_buf *b, unsigned xmm_mask)
{
    emit_restore_xmm(b, xmm_mask);
    for (int k = 5; k >= 0; k--)
        x86_pop(b, stub_saved[k]);
}

static void gen_load(struct x86_cg *cg, const struct ir_insn *i)
{
    int ra = x86_ra_use(&cg->ra, i->a);
    int addr = emit_guest_addr(cg, ra, i->imm, i->size & IR_SIZE_MASK);
    if ((i->size & IR_SIZE_MASK) == 3 && cg->fp_slot[i->dst]) {
        /* a double for FP ops: straight into an xmm register */
        int rd = x86_ra_def_xmm(&cg->ra, i->dst);
        x86_movsd_load(cg->buf, X86_XMM_NUM(rd), host_addr(addr));
        return;
    }
    int rd = x86_ra_def(&cg->ra, i->dst);
    x86_load(cg->buf, ext_kind(i->size), rd, host_addr(addr));
}

/*
 * page_excl[addr >> 12] != 0 (or the last byte's page's) -> slow store.
 * Only an unaligned access can reach a second page: the fast path tests
 * the alignment, and a cold stub checks the last byte's page.
 */
static void gen_store(struct x86_cg *cg, const struct ir_insn *i)
{
    struct x86_buf *b = cg->buf;
    unsigned size = i->size & IR_SIZE_MASK;
    int ra = x86_ra_use(&cg->ra, i->a);
    int where = x86_ra_where(&cg->ra, i->b);
    bool val_xmm = size == 3 && where >= 0 && X86_IS_XMM(where);
    int rv = val_xmm ? x86_ra_use_xmm(&cg->ra, i->b) : x86_ra_use(&cg->ra, i->b);
    int addr = emit_guest_addr(cg, ra, i->imm, size);

    /* the cross stub first: stubs are emitted in order, and it patches
     * a jump into the slow stub */
    unsigned cross = 0;
    if (size > 0) {
        cross = cg->n_stubs;
        add_stub(cg, STUB_STORE_CROSS);
    }
    unsigned slow = cg->n_stubs;
    struct x86_cold_stub *s = add_stub(cg, STUB_STORE_SLOW);
    s->val_reg = (int8_t)rv;
    s->val_xmm = val_xmm;
    s->xmm_saved = x86_ra_live_xmm(&cg->ra);
    s->addr_reg = (int8_t)addr;
    s->size = (uint8_t)size;
    x86_mov_rr(b, true, X86_RAX, addr);
    x86_shift_ri(b, true, X86_SHR, X86_RAX, GUEST_PAGE_BITS);
    x86_cmp_m8i(b, x86_mem_idx(X86_REG_PAGE_EXCL, X86_RAX, 0, 0), 0);
    cg->stubs[slow].jcc_field[0] = x86_jcc32(b, X86_CC_NE);
    if (size > 0) {
        struct x86_cold_stub *c = &cg->stubs[cross];
        c->addr_reg = (int8_t)addr;
        c->size = (uint8_t)size;
        c->slow_stub = slow;
        x86_test_ri(b, false, addr, (int32_t)((1u << size) - 1));
        c->jcc_field[0] = x86_jcc32(b, X86_CC_NE);
        c->resume = x86_offset(b);
    }
    if (val_xmm)
        x86_movsd_store(b, host_addr(addr), X86_XMM_NUM(rv));
    else
        x86_store(b, size, host_addr(addr), rv);
    cg->stubs[slow].resume = x86_offset(b);
}

/* One more in a --stats counter (nothing without --stats: a memory update
 * on a hot path otherwise) */
static void stat_inc(struct x86_buf *b, size_t off)
{
    if (opt.stats)
        x86_alu_mi(b, true, X86_ADD, x86_mem(X86_REG_CPU, (int32_t)off), 1);
}

/*
 * Inline LR/SC, for strategies that describe their common path
 * (monitor.h, enum monitor_lrsc_inline).  The guest address is in r11;
 * rax, rcx and rdx are free.  Anything off the common path jumps to a
 * STUB_LRSC_SLOW that calls the strategy's own function with every
 * allocatable register kept; both paths meet with the result in rax (LR:
 * the value, zero-extended; SC: 0 on success, 1 on failure).
 */
#define RES_FIELD(f) CPU_FIELD(res.f)

/* rdx = &tags[tag of the granule at r11]; uses rax */
static void emit_tag_address(struct x86_buf *b, const struct monitor_tags *t)
{
    x86_mov_rr(b, true, X86_RAX, X86_REG_ADDR);
    x86_shift_ri(b, true, X86_SHR, X86_RAX, GUEST_PAGE_BITS);
    x86_movabs(b, X86_RDX, t->page_hash);
    x86_imul_rr(b, true, X86_RAX, X86_RDX);
    x86_shift_ri(b, true, X86_SHR, X86_RAX, (uint8_t)(64 - t->tag_bits));
    x86_mov_rr(b, false, X86_RDX, X86_REG_ADDR);
    x86_alu_ri(b, false, X86_AND, X86_RDX, GUEST_PAGE_SIZE - 1);
    x86_shift_ri(b, false, X86_SHR, X86_RDX, 3);            /* 8-byte granules */
    x86_alu_rr(b, false, X86_ADD, X86_RAX, X86_RDX);
    x86_alu_ri(b, false, X86_AND, X86_RAX, (int32_t)((1u << t->tag_bits) - 1));
    x86_shift_ri(b, true, X86_SHL, X86_RAX, 6);              /* one line per tag */
    x86_movabs(b, X86_RDX, (uint64_t)(uintptr_t)t->tags);
    x86_alu_rr(b, true, X86_ADD, X86_RDX, X86_RAX);
}

/* CF = the bit of the granule at r11 in map (struct monitor_tags); uses
 * rax and rdx */
static void emit_granule_test(struct x86_buf *b, const uint64_t *map)
{
    x86_mov_rr(b, true, X86_RAX, X86_REG_ADDR);
    x86_shift_ri(b, true, X86_SHR, X86_RAX, 9);              /* 64 granules a word */
    x86_movabs(b, X86_RDX, (uint64_t)(uintptr_t)map);
    x86_load(b, X86_LD_64, X86_RAX, x86_mem_idx(X86_RDX, X86_RAX, 3, 0));
    x86_mov_rr(b, false, X86_RDX, X86_REG_ADDR);
    x86_shift_ri(b, false, X86_SHR, X86_RDX, 3);             /* bt takes it mod 64 */
    x86_bt_rr(b, true, X86_RAX, X86_RDX);
}

/* With rdx = &tag: a jump (its rel32 field) taken unless this vCPU owns
 * the tag; uses rax */
static uint32_t emit_jump_unless_owned(struct x86_buf *b, const struct monitor_tags *t)
{
    x86_load(b, X86_LD_ZX32, X86_RAX, CPU_FIELD(monitor_id));
    x86_alu_rm(b, false, X86_CMP, X86_RAX, x86_mem(X86_RDX, (int32_t)t->owner_offset));
    return x86_jcc32(b, X86_CC_NE);
}

/* With rdx = &tag: a jump taken unless the tag is shared (claims CAS it) */
static uint32_t emit_jump_unless_shared(struct x86_buf *b, const struct monitor_tags *t)
{
    x86_alu_mi(b, false, X86_CMP, x86_mem(X86_RDX, (int32_t)t->owner_offset), (int32_t)t->owner_shared);
    return x86_jcc32(b, X86_CC_NE);
}

static void gen_lr_inline(struct x86_cg *cg, unsigned size, struct x86_cold_stub *s,
                          unsigned si, unsigned *nj)
{
    struct x86_buf *b = cg->buf;
    enum x86_load_kind load = size == 3 ? X86_LD_64 : X86_LD_ZX32;
    x86_test_ri(b, false, X86_REG_ADDR, (int32_t)((1u << size) - 1));
    s->jcc_field[(*nj)++] = x86_jcc32(b, X86_CC_NE);
    if (monitor->lrsc_inline == MONITOR_LRSC_VALUE) {
        x86_load(b, load, X86_RAX, host_addr(X86_REG_ADDR));
        x86_store(b, 3, RES_FIELD(value), X86_RAX);
    } else {
        const struct monitor_tags *t = monitor->tags;
        if (t->alone_tags) {
            /* alone, with the mode's flag set: the stub; alone without
             * it: load_link, which sets it (exec/vcpu.h) */
            x86_movabs(b, X86_RDX, (uint64_t)(uintptr_t)&vcpu_running);
            x86_alu_mi(b, false, X86_CMP, x86_mem(X86_RDX, 0), (int32_t)(VCPU_SINGLE_HART | 1));
            struct x86_cold_stub *alone = add_stub(cg, STUB_LR_ALONE);   /* moves stubs: s is stale */
            alone->size = (uint8_t)size;
            alone->jcc_field[0] = x86_jcc32(b, X86_CC_E);
            x86_alu_mi(b, false, X86_CMP, x86_mem(X86_RDX, 0), 1);
            cg->stubs[si].jcc_field[(*nj)++] = x86_jcc32(b, X86_CC_E);
        }
        x86_mov_rr(b, true, X86_RAX, X86_REG_ADDR);
        x86_shift_ri(b, true, X86_SHR, X86_RAX, GUEST_PAGE_BITS);
        /* the page's state and recent-LR hint in one load: settled and
         * hinted, or the strategy (which settles, or sets the hint; the
         * hint is cleared only every so many slow stores) */
        x86_movabs(b, X86_RDX, (uint64_t)(uintptr_t)t->page_meta);
        x86_load(b, X86_LD_ZX16, X86_RCX, x86_mem_idx(X86_RDX, X86_RAX, 1, 0));
        x86_alu_ri(b, false, X86_CMP, X86_RCX, t->settled | 0x100);
        cg->stubs[si].jcc_field[(*nj)++] = x86_jcc32(b, X86_CC_NE);
        /* before this vCPU's next acknowledgement: a releaser's scan sees it */
        x86_store(b, 3, RES_FIELD(addr), X86_REG_ADDR);
        x86_mov_ri(b, X86_RCX, size);
        x86_store(b, 0, RES_FIELD(size), X86_RCX);
        /* the last LR's address was synced (that only grows) and its tag
         * is still in res.tag_ptr */
        x86_alu_rm(b, true, X86_CMP, X86_REG_ADDR, RES_FIELD(tag_addr));
        struct x86_cold_stub *tag = add_stub(cg, STUB_LR_TAG);   /* another address */
        tag->jcc_field[0] = x86_jcc32(b, X86_CC_NE);
        tag->slow_stub = si;
        x86_load(b, X86_LD_64, X86_RDX, RES_FIELD(tag_ptr));
        tag->target = x86_offset(b);
        x86_load(b, X86_LD_64, X86_RCX, x86_mem(X86_RDX, 0));
        x86_test_ri(b, false, X86_RCX, 1);
        cg->stubs[si].jcc_field[(*nj)++] = x86_jcc32(b, X86_CC_NE);   /* a write in progress */
        x86_load(b, load, X86_RAX, host_addr(X86_REG_ADDR));
        x86_alu_rm(b, true, X86_CMP, X86_RCX, x86_mem(X86_RDX, 0));  /* x86 keeps loads in order */
        cg->stubs[si].jcc_field[(*nj)++] = x86_jcc32(b, X86_CC_NE);
        x86_store(b, 3, RES_FIELD(tag), X86_RCX);
        return;
    }
    x86_mov_ri(b, X86_RCX, size);
    x86_store(b, 0, RES_FIELD(size), X86_RCX);
    x86_store(b, 3, RES_FIELD(addr), X86_REG_ADDR);
}

/*
 * Fences around atomics.  x86 is TSO, so only a fence that orders a
 * store before a later load (IR_FENCE_W_R: an aq SC or AMO, an rl AMO,
 * a guest fence rw,rw) costs an mfence, and a locked instruction is
 * already such a barrier.  So the fence is dropped
 *   - next to an AMO where the strategy lets the JIT do AMOs
 *     (amo_fast_path): a locked op on the data on every path;
 *   - right after an inline SC, which then makes itself a barrier on
 *     every path: cas's lock cmpxchg on the data, excl's data store as
 *     an xchg (its tag cmpxchg comes before the store and does not order
 *     it), an mfence where it fails or calls the strategy.
 */
static bool lrsc_is_inline(const struct ir_insn *i)
{
    unsigned size = i->size & IR_SIZE_MASK;
    return monitor->lrsc_inline != MONITOR_LRSC_CALL && (size == 2 || size == 3);
}

static bool is_barrier_amo(const struct ir_insn *i)
{
    return i->op == IR_amo && monitor->amo_fast_path;
}

/* Does the fence at cur_index sit right next to a barrier access? */
static bool fence_is_implied(const struct x86_cg *cg)
{
    const struct ir_insn *insns = cg->ra.insns;
    unsigned k = cg->cur_index;
    if (k > 0 && (is_barrier_amo(&insns[k - 1]) ||
                  (insns[k - 1].op == IR_st_cond && lrsc_is_inline(&insns[k - 1]))))
        return true;
    return k + 1 < cg->ra.n_insns && is_barrier_amo(&insns[k + 1]);
}

/* Must the SC at cur_index be a barrier itself (a W_R fence follows)? */
static bool sc_needs_barrier(const struct x86_cg *cg)
{
    const struct ir_insn *insns = cg->ra.insns;
    unsigned k = cg->cur_index;
    return k + 1 < cg->ra.n_insns && insns[k + 1].op == IR_fence &&
           (insns[k + 1].aux & IR_FENCE_W_R);
}

/* The SC's data store: an xchg (a full barrier) when one is needed. */
static void emit_sc_data_store(struct x86_buf *b, unsigned size, int rv, bool barrier)
{
    if (!barrier) {
        x86_store(b, size, host_addr(X86_REG_ADDR), rv);
        return;
    }
    x86_mov_rr(b, true, X86_RAX, rv);   /* xchg overwrites its register */
    x86_xchg_mr(b, size == 3, host_addr(X86_REG_ADDR), X86_RAX);
}

/* A failed SC: the reservation ends, rax = 1, and a barrier if the SC
 * must be one on every path. */
static void emit_sc_failed(struct x86_buf *b, bool barrier)
{
    x86_mov_mi(b, true, RES_FIELD(addr), -1);   /* RES_NONE */
    x86_mov_ri(b, X86_RAX, 1);
    if (barrier)
        x86_mfence(b);
}

static void gen_sc_inline(struct x86_cg *cg, unsigned size, int rv, struct x86_cold_stub *s,
                          unsigned si, unsigned *nj)
{
    struct x86_buf *b = cg->buf;
    bool w64 = size == 3;
    bool barrier = s->barrier;
    x86_test_ri(b, false, X86_REG_ADDR, (int32_t)((1u << size) - 1));
    s->jcc_field[(*nj)++] = x86_jcc32(b, X86_CC_NE);
    x86_alu_rm(b, true, X86_CMP, X86_REG_ADDR, RES_FIELD(addr));
    uint32_t miss1 = x86_jcc32(b, X86_CC_NE);
    x86_cmp_m8i(b, RES_FIELD(size), (uint8_t)size);
    uint32_t miss2 = x86_jcc32(b, X86_CC_NE);
    if (monitor->lrsc_inline == MONITOR_LRSC_TAGS) {
        /* The owner's path falls through to the success tail; the
         * others (a shared tag, a miss) are cold stubs, so the common SC
         * takes no jump (each taken jump on this path cost time here). */
        const struct monitor_tags *t = monitor->tags;
        x86_load(b, X86_LD_64, X86_RDX, RES_FIELD(tag_ptr));
        /* owned: nobody else wrote under the tag since the LR */
        uint32_t not_owner = emit_jump_unless_owned(b, t);
        emit_sc_data_store(b, size, rv, barrier);
        x86_alu_mi(b, true, X86_ADD, x86_mem(X86_RDX, 0), 2);
        uint32_t success = x86_offset(b);
        x86_mov_mi(b, true, RES_FIELD(addr), -1);          /* after the write */
        x86_alu_rr(b, false, X86_XOR, X86_RAX, X86_RAX);
        struct x86_cold_stub *sh = add_stub(cg, STUB_SC_SHARED);
        sh->jcc_field[0] = not_owner;
        sh->size = (uint8_t)size;
        sh->val_reg = (int8_t)rv;
        sh->barrier = barrier;
        sh->slow_stub = si;
        sh->target = success;
        struct x86_cold_stub *ms = add_stub(cg, STUB_SC_MISS);   /* right after it */
        ms->jcc_field[0] = miss1;
        ms->jcc_field[1] = miss2;
        ms->barrier = barrier;
        return;
    }
    uint32_t miss3;
    x86_mov_mi(b, true, RES_FIELD(addr), -1);   /* RES_NONE */
    x86_load(b, X86_LD_64, X86_RAX, RES_FIELD(value));
    x86_lock_cmpxchg_mr(b, w64, host_addr(X86_REG_ADDR), rv);
    miss3 = x86_jcc32(b, X86_CC_NE);
    x86_alu_rr(b, false, X86_XOR, X86_RAX, X86_RAX);
    uint32_t done = x86_jmp32(b);
    patch_here(b, miss1);
    patch_here(b, miss2);
    patch_here(b, miss3);
    emit_sc_failed(b, barrier);
    patch_here(b, done);
}

static void gen_lrsc_inline(struct x86_cg *cg, const struct ir_insn *i)
{
    struct x86_buf *b = cg->buf;
    unsigned size = i->size & IR_SIZE_MASK;
    int ra = x86_ra_use(&cg->ra, i->a);
    int rv = i->op == IR_st_cond ? x86_ra_use(&cg->ra, i->b) : -1;
    int addr = emit_guest_addr(cg, ra, 0, size);
    if (addr != X86_REG_ADDR)
        x86_mov_rr(b, true, X86_REG_ADDR, addr);
    unsigned si = cg->n_stubs, nj = 0;
    struct x86_cold_stub *s = add_stub(cg, STUB_LRSC_SLOW);
    s->aux = i->op;
    s->size = (uint8_t)size;
    s->val_reg = (int8_t)rv;
    s->pc = cg->cur_pc;
    s->xmm_saved = x86_ra_live_xmm(&cg->ra);
    s->barrier = i->op == IR_st_cond && sc_needs_barrier(cg);
    if (i->op == IR_ld_link)
        gen_lr_inline(cg, size, s, si, &nj);
    else
        gen_sc_inline(cg, size, rv, &cg->stubs[si], si, &nj);
    for (unsigned k = si; k < cg->n_stubs; k++)   /* the slow stub, and an LR's alone stub */
        cg->stubs[k].resume = x86_offset(b);
    if (opt.stats) {
        if (i->op == IR_ld_link) {
            stat_inc(b, offsetof(struct vcpu, stats.lr));
        } else {
            x86_alu_mr(b, true, X86_ADD, CPU_FIELD(stats.sc_fail), X86_RAX);
            x86_mov_rr(b, false, X86_RCX, X86_RAX);
            x86_alu_ri(b, false, X86_XOR, X86_RCX, 1);
            x86_alu_mr(b, true, X86_ADD, CPU_FIELD(stats.sc_ok), X86_RCX);
        }
    }
    int rd = x86_ra_def(&cg->ra, i->dst);
    if (i->op == IR_st_cond)
        x86_mov_rr(b, true, rd, X86_RAX);
    else
        emit_extend(b, i->size, rd, X86_RAX);
}

/*
 * excl's single-hart mode inline (monitor_tags.alone_tags): an LR that
 * read vcpu_running == VCPU_SINGLE_HART | 1 does what the strategy's
 * load_link does then: its reservation points at the vCPU's own tag
 * (owned by it from the start), so the SC takes the owner's inline path.
 * The page is never settled in this mode, so without this every LR of a
 * single-threaded program would call C.  The guest address is in r11
 * (aligned); the value goes to rax.
 */
static void emit_lr_alone(struct x86_buf *b, const struct x86_cold_stub *s)
{
    x86_load(b, X86_LD_ZX32, X86_RAX, CPU_FIELD(index));
    x86_shift_ri(b, true, X86_SHL, X86_RAX, 6);              /* one line per tag */
    x86_movabs(b, X86_RDX, (uint64_t)(uintptr_t)monitor->tags->alone_tags);
    x86_alu_rr(b, true, X86_ADD, X86_RDX, X86_RAX);
    x86_store(b, 3, RES_FIELD(addr), X86_REG_ADDR);
    x86_mov_ri(b, X86_RCX, s->size);
    x86_store(b, 0, RES_FIELD(size), X86_RCX);
    /* no res.tag: the owner's SC compares nothing.  (Reading the tag the
     * last SC bumped, and storing it, made a single-threaded LR/SC
     * hand-off loop take 0.031 s instead of 0.018 s.) */
    x86_store(b, 3, RES_FIELD(tag_ptr), X86_RDX);
    x86_mov_mi(b, true, RES_FIELD(tag_addr), -1);            /* RES_NONE */
    x86_load(b, s->size == 3 ? X86_LD_64 : X86_LD_ZX32, X86_RAX, host_addr(X86_REG_ADDR));
    x86_patch_rel32(b, x86_jmp32(b), s->resume);
}

/*
 * An excl SC whose tag this vCPU does not own (gen_sc_inline): a shared
 * tag is claimed with a cmpxchg on the value the LR read, which is the
 * check; a tag owned by another vCPU (or being revoked) takes the C path.
 * With rdx = &tag, r11 = the address.  The STUB_SC_MISS right after this
 * one is where a failed check goes.
 */
static void emit_sc_shared(struct x86_cg *cg, const struct x86_cold_stub *s)
{
    struct x86_buf *b = cg->buf;
    const struct monitor_tags *t = monitor->tags;
    x86_patch_rel32(b, emit_jump_unless_shared(b, t), cg->stubs[s->slow_stub].start);
    x86_load(b, X86_LD_64, X86_RAX, RES_FIELD(tag));
    x86_lea(b, X86_RCX, x86_mem(X86_RAX, 1));
    x86_lock_cmpxchg_mr(b, true, x86_mem(X86_RDX, 0), X86_RCX);
    struct x86_cold_stub *miss = &cg->stubs[s - cg->stubs + 1];
    miss->jcc_field[2] = x86_jcc32(b, X86_CC_NE);
    emit_sc_data_store(b, s->size, s->val_reg, s->barrier);
    x86_alu_ri(b, true, X86_ADD, X86_RCX, 1);
    x86_store(b, 3, x86_mem(X86_RDX, 0), X86_RCX);   /* publish t + 2 (x86: in order) */
    x86_patch_rel32(b, x86_jmp32(b), (uint32_t)s->target);
}

static void emit_lrsc_slow_stub(struct x86_cg *cg, const struct x86_cold_stub *s)
{
    struct x86_buf *b = cg->buf;
    emit_stub_save(b, s->xmm_saved);
    emit_set_pc(b, s->pc);   /* a fault or SIGBUS in the monitor reports it */
    if (s->aux == IR_st_cond) {
        x86_mov_rr(b, true, X86_RDX, s->val_reg);   /* first: it may be rsi */
        x86_mov_rr(b, true, X86_RSI, X86_REG_ADDR);
        x86_mov_ri(b, X86_RCX, s->size);
        x86_mov_rr(b, true, X86_RDI, X86_REG_CPU);
        emit_call_abs(b, (const void *)monitor->store_cond);
        x86_extend_rr(b, X86_LD_ZX8, X86_RAX, X86_RAX);
        x86_alu_ri(b, false, X86_XOR, X86_RAX, 1);   /* 0 on success */
        if (s->barrier)
            x86_mfence(b);
    } else {
        x86_mov_rr(b, true, X86_RSI, X86_REG_ADDR);
        x86_mov_ri(b, X86_RDX, s->size);
        x86_mov_rr(b, true, X86_RDI, X86_REG_CPU);
        emit_call_abs(b, (const void *)monitor->load_link);
    }
    emit_stub_restore(b, s->xmm_saved);
    x86_patch_rel32(b, x86_jmp32(b), s->resume);
}

/* LR/SC/AMO: bounds check, then the monitor's C function. */
static void gen_atomic(struct x86_cg *cg, const struct ir_insn *i)
{
    if ((i->op == IR_ld_link || i->op == IR_st_cond) && lrsc_is_inline(i)) {
        gen_lrsc_inline(cg, i);
        return;
    }
    struct x86_buf *b = cg->buf;
    unsigned size = i->size & IR_SIZE_MASK;
    int ra = x86_ra_use(&cg->ra, i->a);
    int addr = emit_guest_addr(cg, ra, 0, size);
    /* the address register may be caller-saved: keep it where the calls expect it */
    if (addr != X86_REG_ADDR)
        x86_mov_rr(b, true, X86_REG_ADDR, addr);
    emit_set_pc(b, cg->cur_pc);          /* a host fault inside the monitor reports it */
    x86_ra_spill_caller_saved(&cg->ra);

    switch (i->op) {
    case IR_ld_link:
        stat_inc(b, offsetof(struct vcpu, stats.lr));
        x86_mov_rr(b, true, X86_RSI, X86_REG_ADDR);
        x86_mov_ri(b, X86_RDX, size);
        x86_mov_rr(b, true, X86_RDI, X86_REG_CPU);
        emit_call_abs(b, (const void *)monitor->load_link);
        break;
    case IR_st_cond:
        x86_ra_load_into(&cg->ra, X86_RDX, i->b);
        x86_mov_rr(b, true, X86_RSI, X86_REG_ADDR);
        x86_mov_ri(b, X86_RCX, size);
        x86_mov_rr(b, true, X86_RDI, X86_REG_CPU);
        emit_call_abs(b, (const void *)monitor->store_cond);
        /* rax = ok; count it, then dst = !ok */
        x86_extend_rr(b, X86_LD_ZX8, X86_RAX, X86_RAX);
        if (opt.stats)
            x86_alu_mr(b, true, X86_ADD, CPU_FIELD(stats.sc_ok), X86_RAX);
        x86_alu_ri(b, false, X86_XOR, X86_RAX, 1);
        if (opt.stats)
            x86_alu_mr(b, true, X86_ADD, CPU_FIELD(stats.sc_fail), X86_RAX);
        break;
    default: /* IR_amo */
        stat_inc(b, offsetof(struct vcpu, stats.amo));
        x86_ra_load_into(&cg->ra, X86_RCX, i->b);
        x86_mov_rr(b, true, X86_RDX, X86_REG_ADDR);
        x86_mov_ri(b, X86_RSI, i->aux);
        x86_mov_ri(b, X86_R8, size);
        x86_mov_rr(b, true, X86_RDI, X86_REG_CPU);
        emit_call_abs(b, (const void *)monitor->amo);
        break;
    }
    int rd = x86_ra_def(&cg->ra, i->dst);
    if (i->op == IR_st_cond)
        x86_mov_rr(b, true, rd, X86_RAX);
    else
        emit_extend(b, i->size, rd, X86_RAX);
}

/* rcx = the value AMO `kind` stores, from the old value in rax and x */
static void emit_amo_new_value(struct x86_buf *b, enum ir_amo kind, bool w64, int x)
{
    static const enum x86_cc keep_old_if[] = {
        [IR_AMO_MIN] = X86_CC_L, [IR_AMO_MAX] = X86_CC_G,
        [IR_AMO_MINU] = X86_CC_B, [IR_AMO_MAXU] = X86_CC_A,
    };
    switch (kind) {
    case IR_AMO_AND: case IR_AMO_OR: case IR_AMO_XOR:
        x86_mov_rr(b, true, X86_RCX, X86_RAX);
        x86_alu_rr(b, w64, kind == IR_AMO_AND ? X86_AND : kind == IR_AMO_OR ? X86_OR : X86_XOR,
                   X86_RCX, x);
        break;
    default:   /* min/max: compared at the access width, as amo_result does */
        x86_alu_rr(b, w64, X86_CMP, X86_RAX, x);
        x86_mov_rr(b, true, X86_RCX, x);
        x86_cmov(b, w64, keep_old_if[kind], X86_RCX, X86_RAX);
        break;
    }
}

/* The host atomic for an AMO on [m]: the old value in rax; uses rcx. */
static void emit_amo_op(struct x86_buf *b, enum ir_amo kind, bool w64, struct x86_mem m, int rv)
{
    switch (kind) {
    case IR_AMO_SWAP:
        x86_mov_rr(b, true, X86_RAX, rv);
        x86_xchg_mr(b, w64, m, X86_RAX);
        break;
    case IR_AMO_ADD:
        x86_mov_rr(b, true, X86_RAX, rv);
        x86_lock_xadd_mr(b, w64, m, X86_RAX);
        break;
    default: {
        /* a failed cmpxchg leaves the current value in rax: retry with it */
        x86_load(b, w64 ? X86_LD_64 : X86_LD_ZX32, X86_RAX, m);
        uint32_t retry = x86_offset(b);
        emit_amo_new_value(b, kind, w64, rv);
        x86_lock_cmpxchg_mr(b, w64, m, X86_RCX);
        x86_patch_rel32(b, x86_jcc32(b, X86_CC_NE), retry);
        break;
    }
    }
}

/*
 * IR_amo under a strategy with amo_fast_path (monitor.h): naturally
 * aligned and on a page with page_excl == 0, the host atomic inline, like
 * a fast-path store; misaligned or marked, a cold stub calls monitor->amo
 * as the helper path does (it raises SIGBUS or tells the monitor).  Both
 * paths meet with the old value in rax.  stats.amo counts either way.
 */
static void gen_amo_inline(struct x86_cg *cg, const struct ir_insn *i)
{
    struct x86_buf *b = cg->buf;
    unsigned size = i->size & IR_SIZE_MASK;
    bool w64 = size == 3;
    enum ir_amo kind = (enum ir_amo)i->aux;
    int ra = x86_ra_use(&cg->ra, i->a), rv = x86_ra_use(&cg->ra, i->b);
    int addr = emit_guest_addr(cg, ra, 0, size);
    stat_inc(b, offsetof(struct vcpu, stats.amo));

    unsigned si = cg->n_stubs;
    struct x86_cold_stub *s = add_stub(cg, STUB_AMO_SLOW);
    s->addr_reg = (int8_t)addr;
    s->val_reg = (int8_t)rv;
    s->size = (uint8_t)size;
    s->aux = kind;
    s->xmm_saved = x86_ra_live_xmm(&cg->ra);
    x86_test_ri(b, false, addr, (int32_t)((1u << size) - 1));
    s->jcc_field[0] = x86_jcc32(b, X86_CC_NE);
    x86_mov_rr(b, true, X86_RAX, addr);
    x86_shift_ri(b, true, X86_SHR, X86_RAX, GUEST_PAGE_BITS);
    x86_cmp_m8i(b, x86_mem_idx(X86_REG_PAGE_EXCL, X86_RAX, 0, 0), 0);
    s->jcc_field[1] = x86_jcc32(b, X86_CC_NE);

    emit_amo_op(b, kind, w64, host_addr(addr), rv);
    cg->stubs[si].resume = x86_offset(b);
    int rd = x86_ra_def(&cg->ra, i->dst);
    emit_extend(b, i->size, rd, X86_RAX);
}

static void gen_helper_call(struct x86_cg *cg, const struct ir_insn *i)
{
    struct x86_buf *b = cg->buf;
    cg->frm_is_rne = false;   /* a helper may write frm (csrw) */
    emit_set_pc(b, cg->cur_pc);           /* helpers may read or report cpu->pc */
    /* homes up to date, but read the arguments from registers where they
     * are: rdx and rcx are never allocated, so load them first, then rsi,
     * then r8 and rdi, none of which is read after being written */
    bool keep_xmm = i->size & IR_CALL_KEEPS_FP;
    x86_ra_clean_caller_saved(&cg->ra, keep_xmm);
    static const int8_t arg_regs[3] = { X86_RSI, X86_RDX, X86_RCX };
    const uint16_t args[3] = { i->a, i->b, i->c };
    static const int order[3] = { 1, 2, 0 };
    for (int o = 0; o < 3; o++) {
        int k = order[o];
        if (args[k] == IR_SLOT_NONE)
            x86_alu_rr(b, false, X86_XOR, arg_regs[k], arg_regs[k]);
        else
            x86_ra_load_into(&cg->ra, arg_regs[k], args[k]);
    }
    x86_mov_ri(b, X86_R8, i->aux);
    x86_mov_rr(b, true, X86_RDI, X86_REG_CPU);
    x86_ra_forget_caller_saved(&cg->ra, keep_xmm);
    emit_call_abs(b, (const void *)(intptr_t)i->imm);
    if (i->dst != IR_SLOT_NONE) {
        int rd = x86_ra_def(&cg->ra, i->dst);
        x86_mov_rr(b, true, rd, X86_RAX);
    }
}

/*
 * fadd .. fle (ir.h, "Inline floating point").  SSE computes the IEEE
 * result in the host's default MXCSR (RNE, exceptions masked, no
 * FTZ/DAZ).  The inline path checks:
 *   - frm is RNE for a dynamic op;
 *   - single operands are boxed;
 *   - the result's biased exponent is in [2, max - 1]: then the op raised
 *     no flag but NX, which MXCSR's PE accrues for vcpu.fflags (the
 *     host-flag protocol, exec/host_fpflags.h);
 *   - comparisons: ordered (a NaN may raise invalid).
 * Any failed check goes to a cold stub that calls the exact helper
 * (which records every flag in vcpu.fflags).  Doubles live in xmm
 * registers; singles stay in general registers (boxing is integer work).
 */
static bool have_fma(void)
{
    static int fma = -1;
    if (fma < 0)
        fma = __builtin_cpu_supports("fma") ? 1 : 0;
    return fma;
}

static enum x86_fma fma_kind(enum ir_op op)
{
    switch (op) {
    case IR_fmsub:  return X86_FMSUB;    /*   a * b  - c */
    case IR_fnmsub: return X86_FNMADD;   /* -(a * b) + c */
    case IR_fnmadd: return X86_FNMSUB;   /* -(a * b) - c */
    default:        return X86_FMADD;
    }
}

static bool is_fma(enum ir_op op)
{
    return op == IR_fmadd || op == IR_fmsub || op == IR_fnmsub || op == IR_fnmadd;
}

/* The arithmetic itself: xmm0 = the result, from operands in xmm x[] */
static void emit_fp_arith(struct x86_buf *b, enum ir_op op, bool dbl, const int x[3])
{
    static const enum x86_sse_op sse[] = {
        [IR_fadd] = X86_SSE_ADD, [IR_fsub] = X86_SSE_SUB,
        [IR_fmul] = X86_SSE_MUL, [IR_fdiv] = X86_SSE_DIV,
    };
    if (op == IR_fsqrt) {
        x86_sse_arith(b, X86_SSE_SQRT, dbl, 0, x[0]);
    } else if (is_fma(op)) {
        if (x[2] != 0)
            x86_movaps(b, 0, x[2]);
        x86_vfma231(b, fma_kind(op), dbl, 0, x[0], x[1]);
    } else {
        if (x[0] != 0)
            x86_movaps(b, 0, x[0]);
        x86_sse_arith(b, sse[op], dbl, 0, x[1]);
    }
}

static void gen_fp(struct x86_cg *cg, const struct ir_insn *i)
{
    struct x86_buf *b = cg->buf;
    enum ir_op op = (enum ir_op)i->op;
    bool dbl = (i->size & IR_FP_FORMAT) == IR_FP_DOUBLE;
    unsigned n_in = ir_op_info[op].n_in;
    if (n_in == 3 && (!have_fma() || !dbl)) {
        gen_helper_call(cg, i);   /* single fma: too few scratch registers */
        return;
    }
    const uint16_t in[3] = { i->a, i->b, i->c };
    int reg[3] = { -1, -1, -1 };
    for (unsigned k = 0; k < n_in; k++)
        reg[k] = dbl ? x86_ra_use_xmm(&cg->ra, in[k]) : x86_ra_use(&cg->ra, in[k]);

    unsigned si = cg->n_stubs;
    struct x86_cold_stub *s = add_stub(cg, STUB_FP_HELPER);
    for (int k = 0; k < 3; k++)
        s->fp_reg[k] = (int8_t)reg[k];
    s->aux = i->aux;
    s->target = (uint64_t)i->imm;
    s->xmm_saved = x86_ra_live_xmm(&cg->ra);
    unsigned nj = 0;

    bool compare = op == IR_feq || op == IR_flt || op == IR_fle;
    if (!compare && (i->size & IR_FP_DYN_RM) && !cg->frm_is_rne) {
        x86_alu_mi(b, false, X86_CMP, CPU_FIELD(frm), IR_FRM_NEAREST_EVEN);
        cg->stubs[si].jcc_field[nj++] = x86_jcc32(b, X86_CC_NE);
    }
    /* the operands as xmm numbers: doubles are there, singles are moved */
    int x[3] = { 0, 0, 0 };
    if (dbl) {
        for (unsigned k = 0; k < n_in; k++)
            x[k] = X86_XMM_NUM(reg[k]);
    } else {
        for (unsigned k = 0; k < n_in; k++) {
            if ((k >= 1 && in[k] == in[0]) || (k == 2 && in[2] == in[1]))
                continue;   /* already checked */
            x86_mov_rr(b, true, X86_RCX, reg[k]);
            x86_shift_ri(b, true, X86_SHR, X86_RCX, 32);
            x86_alu_ri(b, false, X86_CMP, X86_RCX, -1);
            cg->stubs[si].jcc_field[nj++] = x86_jcc32(b, X86_CC_NE);
        }
        /* the first source in xmm0 (the result), the second in xmm1 */
        for (unsigned k = 0; k < n_in; k++) {
            x[k] = (int)k;
            x86_movq_xr(b, false, x[k], reg[k]);
        }
    }

    if (compare) {
        /* unordered (a NaN) -> the helper, which knows the flags */
        int xb = n_in > 1 ? x[1] : x[0];
        x86_ucomis(b, dbl, x[0], xb);
        cg->stubs[si].jcc_field[nj++] = x86_jcc32(b, X86_CC_P);
        x86_setcc(b, op == IR_feq ? X86_CC_E : op == IR_flt ? X86_CC_B : X86_CC_BE, X86_RAX);
        x86_extend_rr(b, X86_LD_ZX8, X86_RAX, X86_RAX);
        cg->stubs[si].resume = x86_offset(b);
        int rd = x86_ra_def(&cg->ra, i->dst);
        x86_mov_rr(b, true, rd, X86_RAX);
        return;
    }

    emit_fp_arith(b, op, dbl, x);
    /* biased exponent - 2 below max - 2, unsigned: finite and comfortably normal */
    unsigned frac_bits = dbl ? 52 : 23, max_exp = dbl ? 0x7ff : 0xff;
    x86_movq_rx(b, dbl, X86_RAX, 0);
    x86_lea(b, X86_RCX, x86_mem_idx(X86_RAX, X86_RAX, 0, 0));   /* drop the sign */
    x86_shift_ri(b, dbl, X86_SHR, X86_RCX, (uint8_t)(frac_bits + 1));
    x86_alu_ri(b, false, X86_SUB, X86_RCX, 2);
    x86_alu_ri(b, false, X86_CMP, X86_RCX, (int32_t)(max_exp - 2));
    cg->stubs[si].jcc_field[nj++] = x86_jcc32(b, X86_CC_AE);
    /* the stub resumes here with the result in xmm0 and rax */
    cg->stubs[si].resume = x86_offset(b);
    if (dbl) {
        int rd = x86_ra_def_xmm(&cg->ra, i->dst);
        x86_movaps(b, X86_XMM_NUM(rd), 0);
    } else {
        x86_movabs(b, X86_RCX, 0xffffffff00000000ull);
        x86_alu_rr(b, true, X86_OR, X86_RAX, X86_RCX);
        int rd = x86_ra_def(&cg->ra, i->dst);
        x86_mov_rr(b, true, rd, X86_RAX);
    }
}

/* The exact helper for an fp op whose inline checks failed: every
 * allocatable caller-saved register is kept; the result goes to xmm0 for
 * a double, rax otherwise (where both paths meet). */
static void emit_fp_helper_stub(struct x86_cg *cg, const struct x86_cold_stub *s)
{
    struct x86_buf *b = cg->buf;
    emit_stub_save(b, s->xmm_saved);
    emit_set_pc(b, s->pc);   /* the helper may report a bad frm at pc */
    /* rdx and rcx are never allocated: fill them first, then rsi */
    static const int8_t arg_regs[3] = { X86_RSI, X86_RDX, X86_RCX };
    static const int order[3] = { 1, 2, 0 };
    for (int o = 0; o < 3; o++) {
        int k = order[o];
        int r = s->fp_reg[k];
        if (r < 0)
            x86_alu_rr(b, false, X86_XOR, arg_regs[k], arg_regs[k]);
        else if (X86_IS_XMM(r))
            x86_movq_rx(b, true, arg_regs[k], X86_XMM_NUM(r));
        else if (r != arg_regs[k])
            x86_mov_rr(b, true, arg_regs[k], r);
    }
    x86_mov_ri(b, X86_R8, s->aux);
    x86_mov_rr(b, true, X86_RDI, X86_REG_CPU);
    emit_call_abs(b, (const void *)(uintptr_t)s->target);
    emit_stub_restore(b, s->xmm_saved);
    /* both paths meet with the result in rax, and a double's also in
     * xmm0 (a single is boxed again on the way: harmless) */
    x86_movq_xr(b, true, 0, X86_RAX);
    x86_patch_rel32(b, x86_jmp32(b), s->resume);
}

static void gen_clear_link(struct x86_cg *cg)
{
    x86_ra_spill_caller_saved(&cg->ra);
    x86_mov_rr(cg->buf, true, X86_RDI, X86_REG_CPU);
    emit_call_abs(cg->buf, (const void *)monitor->clear);
}

/* ---- control flow ---------------------------------------------------- */

static void add_direct_exit(struct x86_cg *cg, uint32_t field, unsigned slot, uint64_t target)
{
    cg->exits = grow(cg->exits, &cg->cap_exits, cg->n_exits + 1, sizeof(*cg->exits));
    cg->exits[cg->n_exits++] = (struct x86_direct_exit){ field, slot, target };
}

/* The stub a direct exit's rel32 points to until it is chained. */
static void emit_direct_exit_stub(struct x86_cg *cg, uint64_t target, unsigned slot)
{
    emit_set_pc(cg->buf, target);
    emit_leave(cg, slot == 0 ? BLOCK_EXIT_CHAIN0 : BLOCK_EXIT_CHAIN1, 0);
}

/*
 * The back edge of a self-loop.  The pinned guest registers stay in their
 * registers around the loop and are written home only when the block is
 * left (the loop head assumes them dirty); every other dirty guest
 * register is written home here (stores are off the critical path).
 * Compare, put back any pinned register that no longer holds its guest
 * register (its home is current then; mov/loads leave the flags alone)
 * and branch to the loop head, which polls the safe point.
 */
static void store_pinned(struct x86_cg *cg, unsigned p)
{
    struct x86_mem home = x86_mem(X86_REG_CPU, x86_slot_disp(cg->pinned_slot[p]));
    if (X86_IS_XMM(cg->pinned_reg[p]))
        x86_movsd_store(cg->buf, home, X86_XMM_NUM(cg->pinned_reg[p]));
    else
        x86_store(cg->buf, 3, home, cg->pinned_reg[p]);
}

static void load_pinned(struct x86_cg *cg, unsigned p)
{
    struct x86_mem home = x86_mem(X86_REG_CPU, x86_slot_disp(cg->pinned_slot[p]));
    if (X86_IS_XMM(cg->pinned_reg[p]))
        x86_movsd_load(cg->buf, X86_XMM_NUM(cg->pinned_reg[p]), home);
    else
        x86_load(cg->buf, X86_LD_64, cg->pinned_reg[p], home);
}

static void emit_back_edge_state(struct x86_cg *cg)
{
    x86_ra_writeback_globals_except(&cg->ra, cg->pinned_slot, cg->pinned_reg, cg->n_pinned);
    for (unsigned p = 0; p < cg->n_pinned; p++)
        if (x86_ra_where(&cg->ra, cg->pinned_slot[p]) != cg->pinned_reg[p])
            load_pinned(cg, p);
}

static void assume_loop_head_state(struct x86_cg *cg)
{
    for (unsigned p = 0; p < cg->n_pinned; p++)
        x86_ra_assume(&cg->ra, cg->pinned_slot[p], cg->pinned_reg[p], true);
}

static void gen_loop_back(struct x86_cg *cg, const struct ir_insn *i)
{
    struct x86_buf *b = cg->buf;
    enum x86_cc cc = emit_compare(cg, i);
    emit_back_edge_state(cg);
    x86_patch_rel32(b, x86_jcc32(b, cc), cg->loop_head);
    /* falling through, the registers are as at the loop head */
    const struct ir_insn *insns = cg->ra.insns;
    unsigned n_insns = cg->ra.n_insns, pos = cg->ra.pos;
    x86_ra_init(&cg->ra, b);
    cg->ra.insns = insns;
    cg->ra.n_insns = n_insns;
    cg->ra.pos = pos;
    assume_loop_head_state(cg);
}

/*
 * A side exit.  Its dirty guest registers are stored on the taken path
 * only, in a cold stub that then holds the patchable jump: the path that
 * stays in the block keeps them in registers.
 */
static void gen_brcond(struct x86_cg *cg, const struct ir_insn *i)
{
    if ((int)cg->cur_index == cg->loop_brcond) {
        gen_loop_back(cg, i);
        return;
    }

    struct x86_buf *b = cg->buf;
    if (cg->in_precount) {
        /* leaving before the stitched part ran: a stub takes its count
         * back, then holds the patchable jump */
        x86_ra_writeback_globals(&cg->ra);
        enum x86_cc cc = emit_compare(cg, i);
        struct x86_cold_stub *s = add_stub(cg, STUB_PRECOUNT_EXIT);
        s->uncount = cg->precount_n + i->aux;
        s->target = (uint64_t)i->imm;
        s->jcc_field[0] = x86_jcc32(b, cc);
        return;
    }
    enum x86_cc cc = emit_compare(cg, i);
    struct x86_cold_stub *s = add_stub(cg, STUB_SIDE_EXIT);
    s->target = (uint64_t)i->imm;
    s->n_wb = x86_ra_dirty_globals(&cg->ra, s->wb_reg, s->wb_slot);
    /* the block's later instructions, counted at its entry (--stats only) */
    s->uncount = opt.stats ? i->aux : 0;
    if (s->n_wb || s->uncount) {
        s->jcc_field[0] = x86_jcc32(b, cc);
        return;
    }
    cg->n_stubs--;   /* nothing to store: the jcc itself is the exit */
    /* the rel32 must be 4-byte aligned so chaining can patch it atomically */
    x86_align_field(b, 2, 4);
    uint32_t field = x86_jcc32(b, cc);
    add_direct_exit(cg, field, 0, (uint64_t)i->imm);
}

static void gen_goto_pc(struct x86_cg *cg, const struct ir_insn *i)
{
    struct x86_buf *b = cg->buf;
    if ((int)cg->cur_index == cg->loop_brcond) {
        /* unconditional back edge of a self-loop: as gen_loop_back */
        emit_back_edge_state(cg);
        x86_patch_rel32(b, x86_jmp32(b), cg->loop_head);
        return;
    }
    x86_ra_writeback_globals(&cg->ra);
    x86_align_field(b, 1, 4);
    uint32_t field = x86_jmp32(b);
    add_direct_exit(cg, field, 1, (uint64_t)i->imm);
    patch_here(b, field);
    emit_direct_exit_stub(cg, (uint64_t)i->imm, 1);
}

/*
 * goto_ind: try this vCPU's jmp_cache inline, else return to the loop.
 * No generation check: an entry is at worst a retired block, still
 * intact until this vCPU has been through the loop, which drops the
 * cache (jit.h, "Indirect jumps").
 */
_Static_assert(sizeof(struct jmp_cache_entry) == 24, "gen_goto_ind indexes by 3 * 8");

static void gen_goto_ind(struct x86_cg *cg, const struct ir_insn *i)
{
    struct x86_buf *b = cg->buf;
    int rv = x86_ra_use(&cg->ra, i->a);
    x86_ra_writeback_globals(&cg->ra);
    x86_mov_rr(b, true, X86_RAX, rv);
    x86_shift_ri(b, true, X86_SHR, X86_RAX, 1);
    x86_alu_ri(b, false, X86_AND, X86_RAX, VCPU_JMP_CACHE_SIZE - 1);
    x86_lea(b, X86_RAX, x86_mem_idx(X86_RAX, X86_RAX, 1, 0));   /* index * 3 */
    int32_t base = (int32_t)offsetof(struct vcpu, jmp_cache);
    x86_alu_rm(b, true, X86_CMP, rv,
               x86_mem_idx(X86_REG_CPU, X86_RAX, 3, base + (int32_t)offsetof(struct jmp_cache_entry, pc)));
    uint32_t miss1 = x86_jcc32(b, X86_CC_NE);
    x86_load(b, X86_LD_64, X86_RCX,
             x86_mem_idx(X86_REG_CPU, X86_RAX, 3, base + (int32_t)offsetof(struct jmp_cache_entry, host_code)));
    x86_test_rr(b, true, X86_RCX, X86_RCX);
    uint32_t miss2 = x86_jcc32(b, X86_CC_E);
    x86_jmp_r(b, X86_RCX);
    patch_here(b, miss1);
    patch_here(b, miss2);
    x86_store(b, 3, CPU_FIELD(pc), rv);   /* only the loop needs it */
    emit_leave(cg, BLOCK_EXIT_INDIRECT, 0);
}

static void gen_exit(struct x86_cg *cg, const struct ir_insn *i)
{
    struct x86_buf *b = cg->buf;
    x86_ra_writeback_globals(&cg->ra);
    emit_set_pc(b, (uint64_t)i->imm);
    x86_mov_mi(b, false, CPU_FIELD(exit_word), (int32_t)i->aux);
    emit_leave(cg, BLOCK_EXIT_SPECIAL, i->size);
}

/* ---- block ------------------------------------------------------------- */

/*
 * Does this block need to poll the safe point on entry?  Chained code
 * only returns to the execution loop (which acknowledges safe points)
 * through a poll or an exit, so every cycle of chained blocks must
 * contain a polling block.  A cycle needs a jump to an equal or lower
 * pc, so polling in every block with such a direct exit, or with an
 * indirect one (target unknown), is enough; straight-line chains need not
 * poll.  Blocks entered from the loop were just polled by it.
 */
static bool needs_poll(const struct x86_cg *cg, const struct ir_insn *insns, unsigned n)
{
    for (unsigned k = 0; k < n; k++) {
        enum ir_op op = (enum ir_op)insns[k].op;
        if (op == IR_goto_ind)
            return true;
        if ((op == IR_brcond || op == IR_goto_pc) && (uint64_t)insns[k].imm <= cg->tb->pc)
            return true;
    }
    return false;
}

static bool has_dynamic_fp(const struct x86_cg *cg)
{
    for (unsigned k = 0; k < cg->ra.n_insns; k++)
        if (cg->ra.insns[k].op >= IR_fadd && cg->ra.insns[k].op <= IR_fle &&
            (cg->ra.insns[k].size & IR_FP_DYN_RM))
            return true;
    return false;
}

static void emit_prologue(struct x86_cg *cg, bool poll)
{
    struct x86_buf *b = cg->buf;
    if (poll) {
        /* safe point: leave to the loop (which acknowledges) when asked */
        x86_cmp_m8i(b, CPU_FIELD(poll_request), 0);
        struct x86_cold_stub *s = add_stub(cg, STUB_LEAVE);
        s->pc = cg->tb->pc;
        s->jcc_field[0] = x86_jcc32(b, X86_CC_NE);
    }
    cg->frm_is_rne = false;
    if (has_dynamic_fp(cg)) {
        /* one frm test for the block's inline FP ops (until a helper call,
         * which may write frm); another mode: the interpreter runs it */
        x86_alu_mi(b, false, X86_CMP, CPU_FIELD(frm), IR_FRM_NEAREST_EVEN);
        struct x86_cold_stub *s = add_stub(cg, STUB_INTERPRET);
        s->pc = cg->tb->pc;
        s->jcc_field[0] = x86_jcc32(b, X86_CC_NE);
        cg->frm_is_rne = true;
    }
    if (opt.stats) {
        x86_alu_mi(b, true, X86_ADD, CPU_FIELD(stats.insns), (int32_t)(cg->tb->n_guest + cg->precount_n));
        x86_alu_mi(b, true, X86_ADD, CPU_FIELD(stats.blocks), cg->precount_n ? 2 : 1);
    }
    cg->in_precount = cg->precount_n != 0;
    cg->precount_start = x86_offset(b);
}

/* May the code before the stitched part count it in advance?  Not if it
 * calls out (a helper may read the instruction count) or leaves other
 * than by a side exit. */
static bool can_precount(const struct x86_cg *cg, const struct ir_insn *insns, unsigned n)
{
    if (!cg->stitch_n_guest || !opt.stats)
        return false;
    for (unsigned k = 0; k < n; k++) {
        switch ((enum ir_op)insns[k].op) {
        case IR_insn_start:
            if ((uint64_t)insns[k].imm == cg->stitch_pc)
                return true;
            break;
        case IR_call: case IR_ld_link: case IR_st_cond: case IR_amo: case IR_clear_link:
        case IR_exit: case IR_goto_ind: case IR_goto_pc:
            return false;
        default:
            break;
        }
    }
    return false;
}

/* Take back the count of a stitched part that was counted but not run. */
static void emit_uncount(struct x86_buf *b, uint32_t n_guest)
{
    x86_alu_mi(b, true, X86_SUB, CPU_FIELD(stats.insns), (int32_t)n_guest);
    x86_alu_mi(b, true, X86_SUB, CPU_FIELD(stats.blocks), 1);
}

/*
 * A store or AMO to a marked page, in its cold stub, under a strategy
 * with tags (monitor.h, MONITOR_LRSC_TAGS): claim the granule's tag, do
 * the access, publish; every store_call_every-th access, and anything off
 * this path (misaligned, a tag being written, a lost claim), calls the
 * strategy, for its release accounting (or to resolve a tag that is
 * neither this vCPU's nor shared).  The checks and the claim are the
 * shared thunk's (x86_emit_tag_thunk, guest address in r11):
 * emit_tag_claim leaves rdx = &tag and rcx = t + 1, and
 * emit_tag_call_path starts the call path, where call[] jumps to; the
 * stub's emit_tag_publish ends the inline path.
 */
#define TAG_CALLS 5   /* the jumps from emit_tag_check/claim to the call path */

/* The budget, the alignment, then a jump (returned) taken if an LR was
 * ever made on the granule; the path that falls through (the common one:
 * a lock's neighbours) needs the access alone. */
static uint32_t emit_tag_check(struct x86_buf *b, unsigned size, uint32_t call[TAG_CALLS])
{
    x86_alu_mi(b, false, X86_SUB, CPU_FIELD(inline_store_budget), 1);
    call[0] = x86_jcc32(b, X86_CC_BE);   /* was 0 or 1: call (and refill) */
    x86_test_ri(b, false, X86_REG_ADDR, (int32_t)((1u << size) - 1));
    call[1] = x86_jcc32(b, X86_CC_NE);
    emit_granule_test(b, monitor->tags->armed_words);
    return x86_jcc32(b, X86_CC_B);
}

/* An armed granule, but this vCPU alone in guest code with the
 * single-hart flag set (exec/vcpu.h): no other vCPU holds a reservation
 * (a syscall ends its own), and one that enters syncs with this vCPU
 * before its first access, so after this block's access: the plain
 * access, as for an unarmed granule (a lock's unlock whose waiter
 * sleeps in futex). */
static void emit_plain_if_alone(struct x86_buf *b, uint32_t plain)
{
    if (!monitor->tags->alone_tags)
        return;
    x86_movabs(b, X86_RDX, (uint64_t)(uintptr_t)&vcpu_running);
    x86_alu_mi(b, false, X86_CMP, x86_mem(X86_RDX, 0), (int32_t)(VCPU_SINGLE_HART | 1));
    x86_patch_rel32(b, x86_jcc32(b, X86_CC_E), plain);
}

static void emit_tag_claim(struct x86_buf *b, uint32_t call[TAG_CALLS])
{
    const struct monitor_tags *t = monitor->tags;
    emit_tag_address(b, t);
    /* owned: nothing to claim (only the owner writes under the tag) */
    uint32_t not_owner = emit_jump_unless_owned(b, t);
    x86_load(b, X86_LD_64, X86_RCX, x86_mem(X86_RDX, 0));
    x86_alu_ri(b, true, X86_ADD, X86_RCX, 1);
    uint32_t claimed = x86_jmp32(b);
    /* shared: cmpxchg an even value; anything else calls */
    patch_here(b, not_owner);
    call[2] = emit_jump_unless_shared(b, t);
    x86_load(b, X86_LD_64, X86_RAX, x86_mem(X86_RDX, 0));
    x86_test_ri(b, false, X86_RAX, 1);
    call[3] = x86_jcc32(b, X86_CC_NE);
    x86_lea(b, X86_RCX, x86_mem(X86_RAX, 1));
    x86_lock_cmpxchg_mr(b, true, x86_mem(X86_RDX, 0), X86_RCX);
    call[4] = x86_jcc32(b, X86_CC_NE);
    patch_here(b, claimed);
}

/* After the access under a claimed tag: publish t + 2 and go back. */
static void emit_tag_publish(struct x86_buf *b, const struct x86_cold_stub *s)
{
    x86_alu_ri(b, true, X86_ADD, X86_RCX, 1);
    x86_store(b, 3, x86_mem(X86_RDX, 0), X86_RCX);   /* t + 2 */
    stat_inc(b, offsetof(struct vcpu, stats.slow_stores));
    x86_patch_rel32(b, x86_jmp32(b), s->resume);
}

/* The call path starts here: refill the budget, then call the strategy. */
static void emit_tag_call_path(struct x86_buf *b, const uint32_t call[TAG_CALLS])
{
    for (int k = 0; k < TAG_CALLS; k++)
        patch_here(b, call[k]);
    x86_mov_mi(b, false, CPU_FIELD(inline_store_budget), (int32_t)monitor->tags->store_call_every);
}

/*
 * The tag work of every marked-page store and AMO, one thunk per access
 * size, called from the stub with the guest address in r11; the access
 * itself stays in the stub, so that a fault there maps to its guest pc.
 * Returns eax = 0: the plain access (no LR was ever made on the granule,
 * or this vCPU runs alone in single-hart mode); 1: the tag is claimed
 * (rdx = &tag, rcx = t + 1), access and publish; 2: call the strategy.
 * Uses rax, rcx, rdx and the flags, like the code it replaced, which
 * every stub carried and which made excl's code 63% larger than cas's
 * (store_heavy: 885 KB against 543 KB; 625 KB with the thunks).
 */
void x86_emit_tag_thunk(struct x86_buf *b, unsigned size)
{
    uint32_t call[TAG_CALLS];
    uint32_t armed = emit_tag_check(b, size, call);
    uint32_t plain = x86_offset(b);
    x86_alu_rr(b, false, X86_XOR, X86_RAX, X86_RAX);
    x86_ret(b);
    patch_here(b, armed);
    emit_plain_if_alone(b, plain);
    emit_tag_claim(b, call);
    x86_mov_ri(b, X86_RAX, 1);
    x86_ret(b);
    emit_tag_call_path(b, call);
    x86_mov_ri(b, X86_RAX, 2);
    x86_ret(b);
}

/* The claimed path follows the returned jumps' site; plain and call are
 * jumps (rel32 fields) to patch where those paths begin. */
struct tag_outcome { uint32_t plain, call; };

static struct tag_outcome emit_tag_thunk_call(struct x86_cg *cg, const struct x86_cold_stub *s)
{
    struct x86_buf *b = cg->buf;
    if (s->addr_reg != X86_REG_ADDR)
        x86_mov_rr(b, true, X86_REG_ADDR, s->addr_reg);
    add_reloc(cg, x86_call32(b), X86_RELOC_TAG_THUNK0 + s->size);
    x86_alu_ri(b, false, X86_CMP, X86_RAX, 1);
    struct tag_outcome o;
    o.plain = x86_jcc32(b, X86_CC_B);
    o.call = x86_jcc32(b, X86_CC_A);
    return o;
}

/* A side exit's patchable jump (chain slot 0) inside a cold stub, and the
 * exit stub it points to until it is chained. */
static void emit_side_exit_jump(struct x86_cg *cg, uint64_t target)
{
    struct x86_buf *b = cg->buf;
    x86_align_field(b, 1, 4);
    uint32_t field = x86_jmp32(b);
    add_direct_exit(cg, field, 0, target);
    patch_here(b, field);
    emit_direct_exit_stub(cg, target, 0);
}

/* A marked-page store's own write, with the guest address in r11. */
static void emit_stub_store(struct x86_buf *b, const struct x86_cold_stub *s)
{
    if (s->val_xmm)
        x86_movsd_store(b, host_addr(X86_REG_ADDR), X86_XMM_NUM(s->val_reg));
    else
        x86_store(b, s->size, host_addr(X86_REG_ADDR), s->val_reg);
}

static void emit_stub(struct x86_cg *cg, const struct x86_cold_stub *s)
{
    struct x86_buf *b = cg->buf;
    for (int k = 0; k < STUB_MAX_JCC; k++)
        if (s->jcc_field[k])
            patch_here(b, s->jcc_field[k]);
    switch (s->kind) {
    case STUB_PRECOUNT_EXIT:
        emit_uncount(b, s->uncount);
        emit_side_exit_jump(cg, s->target);
        break;
    case STUB_FAULT:
        if (s->uncount)
            emit_uncount(b, s->uncount);
        emit_set_pc(b, s->pc);
        x86_mov_rr(b, true, X86_RSI, s->addr_reg);
        x86_mov_rr(b, true, X86_RDI, X86_REG_CPU);
        emit_call_abs(b, (const void *)guest_segv);   /* does not return */
        break;
    case STUB_STORE_SLOW: {
        if (monitor->lrsc_inline == MONITOR_LRSC_TAGS) {
            struct tag_outcome o = emit_tag_thunk_call(cg, s);
            emit_stub_store(b, s);
            emit_tag_publish(b, s);
            patch_here(b, o.plain);
            emit_stub_store(b, s);
            x86_patch_rel32(b, x86_jmp32(b), s->resume);
            patch_here(b, o.call);
        }
        emit_stub_save(b, s->xmm_saved);
        /* rdx first: the address may be in rsi, the value never in rdx */
        if (s->val_xmm)
            x86_movq_rx(b, true, X86_RDX, X86_XMM_NUM(s->val_reg));
        else
            x86_mov_rr(b, true, X86_RDX, s->val_reg);
        x86_mov_rr(b, true, X86_RSI, s->addr_reg);
        x86_mov_rr(b, true, X86_RDI, X86_REG_CPU);
        x86_mov_ri(b, X86_RCX, s->size);
        emit_call_abs(b, (const void *)monitor->store_slow);
        emit_stub_restore(b, s->xmm_saved);
        x86_patch_rel32(b, x86_jmp32(b), s->resume);
        break;
    }
    case STUB_AMO_SLOW: {
        if (monitor->lrsc_inline == MONITOR_LRSC_TAGS) {
            struct tag_outcome o = emit_tag_thunk_call(cg, s);
            x86_push(b, X86_RDX);   /* the atomic needs rax and rcx */
            x86_push(b, X86_RCX);
            emit_amo_op(b, (enum ir_amo)s->aux, s->size == 3, host_addr(X86_REG_ADDR), s->val_reg);
            x86_pop(b, X86_RCX);
            x86_pop(b, X86_RDX);
            emit_tag_publish(b, s);
            patch_here(b, o.plain);
            emit_amo_op(b, (enum ir_amo)s->aux, s->size == 3, host_addr(X86_REG_ADDR), s->val_reg);
            x86_patch_rel32(b, x86_jmp32(b), s->resume);
            patch_here(b, o.call);
        }
        emit_set_pc(b, s->pc);   /* a fault or SIGBUS in the monitor reports it */
        emit_stub_save(b, s->xmm_saved);
        /* rdx and rcx are never allocated: read both operands first */
        x86_mov_rr(b, true, X86_RDX, s->addr_reg);
        x86_mov_rr(b, true, X86_RCX, s->val_reg);
        x86_mov_ri(b, X86_RSI, s->aux);
        x86_mov_ri(b, X86_R8, s->size);
        x86_mov_rr(b, true, X86_RDI, X86_REG_CPU);
        emit_call_abs(b, (const void *)monitor->amo);
        emit_stub_restore(b, s->xmm_saved);
        x86_patch_rel32(b, x86_jmp32(b), s->resume);
        break;
    }
    case STUB_STORE_CROSS:
        /* unaligned: the last byte's page must be plain too */
        x86_lea(b, X86_RAX, x86_mem(s->addr_reg, (int32_t)((1u << s->size) - 1)));
        x86_shift_ri(b, true, X86_SHR, X86_RAX, GUEST_PAGE_BITS);
        x86_cmp_m8i(b, x86_mem_idx(X86_REG_PAGE_EXCL, X86_RAX, 0, 0), 0);
        cg->stubs[s->slow_stub].jcc_field[1] = x86_jcc32(b, X86_CC_NE);
        x86_patch_rel32(b, x86_jmp32(b), s->resume);
        break;
    case STUB_LEAVE:
    case STUB_INTERPRET:
        /* at a loop head: pinned registers may be newer than their homes */
        for (unsigned p = 0; p < cg->n_pinned; p++)
            store_pinned(cg, p);
        emit_set_pc(b, s->pc);
        emit_leave(cg, s->kind == STUB_LEAVE ? BLOCK_EXIT_INDIRECT : BLOCK_EXIT_INTERPRET, 0);
        break;
    case STUB_FP_HELPER:
        emit_fp_helper_stub(cg, s);
        break;
    case STUB_LRSC_SLOW:
        emit_lrsc_slow_stub(cg, s);
        break;
    case STUB_LR_ALONE:
        emit_lr_alone(b, s);
        break;
    case STUB_SC_SHARED:
        emit_sc_shared(cg, s);
        break;
    case STUB_LR_TAG:
        /* an LR at another address than the last: its granule must be
         * synced, and its tag is computed and kept for the next one */
        emit_granule_test(b, monitor->tags->synced_words);
        x86_patch_rel32(b, x86_jcc32(b, X86_CC_AE), cg->stubs[s->slow_stub].start);   /* to be armed */
        emit_tag_address(b, monitor->tags);
        x86_store(b, 3, RES_FIELD(tag_addr), X86_REG_ADDR);
        x86_store(b, 3, RES_FIELD(tag_ptr), X86_RDX);
        x86_patch_rel32(b, x86_jmp32(b), (uint32_t)s->target);
        break;
    case STUB_SC_MISS:
        emit_sc_failed(b, s->barrier);
        x86_patch_rel32(b, x86_jmp32(b), s->resume);
        break;
    case STUB_SIDE_EXIT: {
        if (s->uncount)
            x86_alu_mi(b, true, X86_SUB, CPU_FIELD(stats.insns), (int32_t)s->uncount);
        for (unsigned k = 0; k < s->n_wb; k++) {
            struct x86_mem home = x86_mem(X86_REG_CPU, x86_slot_disp(s->wb_slot[k]));
            if (X86_IS_XMM(s->wb_reg[k]))
                x86_movsd_store(b, home, X86_XMM_NUM(s->wb_reg[k]));
            else
                x86_store(b, 3, home, s->wb_reg[k]);
        }
        emit_side_exit_jump(cg, s->target);
        break;
    }
    }
}

static bool is_inline_double(const struct ir_insn *i)
{
    return i->op >= IR_fadd && i->op <= IR_fle && (i->size & IR_FP_FORMAT) == IR_FP_DOUBLE;
}

static void compute_last_use(struct x86_cg *cg, const struct ir_insn *insns, unsigned n)
{
    memset(cg->last_use, 0, sizeof cg->last_use);
    memset(cg->fp_slot, 0, sizeof cg->fp_slot);
    for (unsigned k = 0; k < n; k++) {
        const struct ir_insn *i = &insns[k];
        if (is_inline_double(i)) {
            const uint16_t fp[4] = { i->a, i->b, i->c, i->dst };
            for (unsigned j = 0; j < 4; j++)
                if (fp[j] != IR_SLOT_NONE && (j < ir_op_info[i->op].n_in ||
                                              (j == 3 && i->op != IR_feq && i->op != IR_flt && i->op != IR_fle)))
                    cg->fp_slot[fp[j]] = true;
        }
        unsigned n_in = ir_op_info[i->op].n_in;
        const uint16_t in[3] = { i->a, i->b, i->c };
        for (unsigned j = 0; j < n_in; j++)
            if (in[j] != IR_SLOT_NONE)
                cg->last_use[in[j]] = k;
    }
}

/* Drop registers of temporaries that insn k read or wrote for the last time. */
static void release_dead_temps(struct x86_cg *cg, const struct ir_insn *i, unsigned k)
{
    unsigned n_in = ir_op_info[i->op].n_in;
    const uint16_t in[3] = { i->a, i->b, i->c };
    for (unsigned j = 0; j < n_in; j++)
        if (in[j] != IR_SLOT_NONE && in[j] >= IR_NUM_GLOBALS && cg->last_use[in[j]] <= k)
            x86_ra_kill(&cg->ra, in[j]);
    if (ir_op_info[i->op].n_out && i->dst != IR_SLOT_NONE && i->dst >= IR_NUM_GLOBALS &&
        cg->last_use[i->dst] <= k)
        x86_ra_kill(&cg->ra, i->dst);
}

static void gen_insn(struct x86_cg *cg, const struct ir_insn *i)
{
    struct x86_buf *b = cg->buf;
    switch ((enum ir_op)i->op) {
    case IR_insn_start:
        if (cg->stitch_n_guest && (uint64_t)i->imm == cg->stitch_pc) {
            if (cg->in_precount) {
                cg->in_precount = false;   /* counted by the prologue */
                cg->precount_end = x86_offset(b);
            } else if (opt.stats) {
                /* the stitched part starts: count it as its block would */
                x86_alu_mi(b, true, X86_ADD, CPU_FIELD(stats.insns), (int32_t)cg->stitch_n_guest);
                stat_inc(b, offsetof(struct vcpu, stats.blocks));
            }
        }
        cg->cur_pc = (uint64_t)i->imm;
        cg->map = grow(cg->map, &cg->cap_map, cg->n_map + 1, sizeof(*cg->map));
        cg->map[cg->n_map++] = (struct x86_pc_map){ .host_off = x86_offset(b), .guest_pc = cg->cur_pc };
        break;
    case IR_mov: {
        int where = x86_ra_where(&cg->ra, i->a);
        if (where >= 0 && X86_IS_XMM(where)) {
            /* fmv.d and friends: stay in the xmm class */
            int xa = x86_ra_use_xmm(&cg->ra, i->a);
            int xd = x86_ra_def_xmm(&cg->ra, i->dst);
            if (xd != xa)
                x86_movaps(b, X86_XMM_NUM(xd), X86_XMM_NUM(xa));
            break;
        }
        if (where < 0) {
            /* a copy of a value still at home: load it straight into dst */
            int rd = x86_ra_def(&cg->ra, i->dst);
            x86_load(b, X86_LD_64, rd, x86_mem(X86_REG_CPU, x86_slot_disp(i->a)));
            break;
        }
        int ra = x86_ra_use(&cg->ra, i->a);
        int rd = x86_ra_def(&cg->ra, i->dst);
        if (rd != ra)
            x86_mov_rr(b, true, rd, ra);
        break;
    }
    case IR_movi: {
        int rd = x86_ra_def(&cg->ra, i->dst);
        if (i->imm == 0)
            x86_alu_rr(b, false, X86_XOR, rd, rd);
        else
            x86_mov_ri(b, rd, (uint64_t)i->imm);
        break;
    }
    case IR_add:     gen_alu(cg, i, X86_ADD, true); break;
    case IR_addsh: {
        int ra = x86_ra_use(&cg->ra, i->a), rb = x86_ra_use(&cg->ra, i->b);
        int rd = x86_ra_def(&cg->ra, i->dst);
        x86_lea(b, rd, x86_mem_idx(ra, rb, (unsigned)i->imm, 0));
        break;
    }
    case IR_sub:     gen_alu(cg, i, X86_SUB, true); break;
    case IR_and:     gen_alu(cg, i, X86_AND, true); break;
    case IR_or:      gen_alu(cg, i, X86_OR, true); break;
    case IR_xor:     gen_alu(cg, i, X86_XOR, true); break;
    case IR_add_32:  gen_alu(cg, i, X86_ADD, false); break;
    case IR_sub_32:  gen_alu(cg, i, X86_SUB, false); break;
    case IR_addi:    gen_alu_imm(cg, i, X86_ADD, true); break;
    case IR_andi:    gen_alu_imm(cg, i, X86_AND, true); break;
    case IR_ori:     gen_alu_imm(cg, i, X86_OR, true); break;
    case IR_xori:    gen_alu_imm(cg, i, X86_XOR, true); break;
    case IR_addi_32: gen_alu_imm(cg, i, X86_ADD, false); break;
    case IR_shl:     gen_shift(cg, i, X86_SHL, true); break;
    case IR_shr:     gen_shift(cg, i, X86_SHR, true); break;
    case IR_sar:     gen_shift(cg, i, X86_SAR, true); break;
    case IR_shl_32:  gen_shift(cg, i, X86_SHL, false); break;
    case IR_shr_32:  gen_shift(cg, i, X86_SHR, false); break;
    case IR_sar_32:  gen_shift(cg, i, X86_SAR, false); break;
    case IR_shli:    gen_shift_imm(cg, i, X86_SHL, true); break;
    case IR_shri:    gen_shift_imm(cg, i, X86_SHR, true); break;
    case IR_sari:    gen_shift_imm(cg, i, X86_SAR, true); break;
    case IR_shli_32: gen_shift_imm(cg, i, X86_SHL, false); break;
    case IR_shri_32: gen_shift_imm(cg, i, X86_SHR, false); break;
    case IR_sari_32: gen_shift_imm(cg, i, X86_SAR, false); break;
    case IR_mul:     gen_mul(cg, i, true); break;
    case IR_mul_32:  gen_mul(cg, i, false); break;
    case IR_mulh: case IR_mulhu: case IR_mulhsu:
        gen_mulhigh(cg, i);
        break;
    case IR_div: case IR_divu: case IR_rem: case IR_remu:
    case IR_div_32: case IR_divu_32: case IR_rem_32: case IR_remu_32:
        gen_div(cg, i);
        break;
    case IR_setcond:  gen_setcond(cg, i, false); break;
    case IR_setcondi: gen_setcond(cg, i, true); break;
    case IR_ext: {
        int ra = x86_ra_use(&cg->ra, i->a);
        int rd = x86_ra_def(&cg->ra, i->dst);
        emit_extend(b, i->size, rd, ra);
        break;
    }
    case IR_ld:      gen_load(cg, i); break;
    case IR_st:      gen_store(cg, i); break;
    case IR_ld_link: case IR_st_cond:
        gen_atomic(cg, i);
        break;
    case IR_amo:
        /* the strategy is fixed at start-up, before any translation */
        if (monitor->amo_fast_path)
            gen_amo_inline(cg, i);
        else
            gen_atomic(cg, i);
        break;
    case IR_clear_link: gen_clear_link(cg); break;
    case IR_fence:
        /* x86 is TSO: only store->load ordering needs a real fence,
         * and a locked access next to it is one (fence_is_implied) */
        if ((i->aux & IR_FENCE_W_R) && !fence_is_implied(cg))
            x86_mfence(b);
        break;
    case IR_call:     gen_helper_call(cg, i); break;
    case IR_fadd: case IR_fsub: case IR_fmul: case IR_fdiv: case IR_fsqrt:
    case IR_fmadd: case IR_fmsub: case IR_fnmsub: case IR_fnmadd:
    case IR_feq: case IR_flt: case IR_fle:
        gen_fp(cg, i);
        break;
    case IR_brcond:   gen_brcond(cg, i); break;
    case IR_goto_pc:  gen_goto_pc(cg, i); break;
    case IR_goto_ind: gen_goto_ind(cg, i); break;
    case IR_exit:     gen_exit(cg, i); break;
    case IR_NUM_OPS:  break;
    }
}

/* Is this block `...; brcond -> own start; goto_pc`?  Then pick the guest
 * registers it reads most to keep in registers around the loop. */
static void plan_loop(struct x86_cg *cg, const struct ir_insn *insns, unsigned n)
{
    cg->loop_brcond = -1;
    cg->n_pinned = 0;
    if (n >= 1 && insns[n - 1].op == IR_goto_pc && (uint64_t)insns[n - 1].imm == cg->tb->pc)
        cg->loop_brcond = (int)n - 1;
    else if (n >= 2 && insns[n - 1].op == IR_goto_pc && insns[n - 2].op == IR_brcond &&
             (uint64_t)insns[n - 2].imm == cg->tb->pc)
        cg->loop_brcond = (int)n - 2;
    else
        return;
    /* first the registers live into the loop (read before written), the
     * most read first */
    unsigned count[IR_NUM_GLOBALS] = {0};
    bool written[IR_NUM_GLOBALS] = {0}, live_in[IR_NUM_GLOBALS] = {0};
    for (unsigned k = 0; k < n; k++) {
        const uint16_t in[3] = { insns[k].a, insns[k].b, insns[k].c };
        for (unsigned j = 0; j < ir_op_info[insns[k].op].n_in; j++)
            if (in[j] < IR_NUM_GLOBALS) {
                count[in[j]]++;
                live_in[in[j]] |= !written[in[j]];
            }
        if (ir_op_info[insns[k].op].n_out && insns[k].dst < IR_NUM_GLOBALS)
            written[insns[k].dst] = true;
    }
    /* then registers the loop writes: pinned, they are stored once when
     * the loop is left instead of on every back edge */
    for (unsigned s = 0; s < IR_NUM_GLOBALS; s++)
        count[s] = live_in[s] ? 1000 + count[s] : written[s] ? 1 + count[s] : 0;
    count[0] = 0;   /* x0 is a constant: not worth a register */
    /* each class keeps registers for the loop's temporaries */
    unsigned n_gpr = 0, n_xmm = 0;
    for (;;) {
        unsigned best = 0;
        for (unsigned s = 1; s < IR_NUM_GLOBALS; s++)
            if (count[s] > count[best])
                best = s;
        if (!count[best])
            break;
        count[best] = 0;
        /* doubles that FP ops use stay in xmm registers */
        bool xmm = cg->fp_slot[best];
        if (xmm ? n_xmm >= X86_MAX_PINNED_XMM : n_gpr >= X86_MAX_PINNED_GPR)
            continue;
        cg->pinned_slot[cg->n_pinned] = (uint16_t)best;
        cg->pinned_reg[cg->n_pinned] = (int8_t)(xmm ? x86_ra_nth_xmm(n_xmm++) : x86_ra_nth_reg(n_gpr++));
        cg->n_pinned++;
    }
}

bool x86_codegen_block(struct x86_cg *cg, struct x86_buf *buf, const struct tb *tb,
                       const struct ir_insn *insns, unsigned n)
{
    cg->buf = buf;
    cg->tb = tb;
    cg->cur_pc = tb->pc;
    cg->n_map = cg->n_exits = cg->n_relocs = cg->n_stubs = 0;
    cg->flags_at = UINT32_MAX;
    x86_ra_init(&cg->ra, buf);
    compute_last_use(cg, insns, n);
    plan_loop(cg, insns, n);

    for (unsigned p = 0; p < cg->n_pinned; p++)
        load_pinned(cg, p);
    assume_loop_head_state(cg);
    cg->precount_n = can_precount(cg, insns, n) ? cg->stitch_n_guest : 0;
    cg->precount_start = cg->precount_end = 0;
    cg->in_precount = false;
    cg->loop_head = x86_offset(buf);
    cg->ra.insns = insns;
    cg->ra.n_insns = n;
    emit_prologue(cg, needs_poll(cg, insns, n));
    for (unsigned k = 0; k < n && !buf->overflow; k++) {
        cg->cur_index = k;
        cg->ra.pos = k;
        gen_insn(cg, &insns[k]);
        release_dead_temps(cg, &insns[k], k);
        x86_ra_unlock_all(&cg->ra);
    }
    /* direct exit stubs for brcond, then the other cold paths */
    for (unsigned e = 0; e < cg->n_exits; e++) {
        if (cg->exits[e].slot != 0)
            continue;
        patch_here(buf, cg->exits[e].field);
        emit_direct_exit_stub(cg, cg->exits[e].target_pc, 0);
    }
    for (unsigned s = 0; s < cg->n_stubs; s++) {
        cg->stubs[s].start = x86_offset(buf);
        emit_stub(cg, &cg->stubs[s]);
    }
    return !buf->overflow;
}
