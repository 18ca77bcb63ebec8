/*
 * Zicsr: the user-level CSRs a Linux program may touch.
 *
 *   fflags (0x001)  accrued FP exceptions, 5 bits (cpu->fflags)
 *   frm    (0x002)  dynamic rounding mode, 3 bits (cpu->frm)
 *   fcsr   (0x003)  frm << 5 | fflags
 *   cycle  (0xc00), instret (0xc02)  read-only.  Under --stats: the
 *                   guest instructions retired before this one.  The JIT
 *                   counts only under --stats (two memory updates per
 *                   block otherwise); without it both read host time in
 *                   nanoseconds, as qemu-user reads host ticks.  Backends
 *                   add a block's n_guest to cpu->stats.insns on entering it, so a
 *                   counter read ends its block: stats.insns then counts
 *                   exactly up to this instruction, and the value is
 *                   stats.insns - 1.  Blocks left early by a taken
 *                   branch or a fault count in full, so the value is an
 *                   upper bound, exact for straight-line code.  cycle
 *                   = instret: there is no cycle model.
 *   time   (0xc01)  read-only: CLOCK_MONOTONIC in 10 MHz ticks
 *
 * Each access is one IR call, to fcsr_helper (fflags, frm, fcsr) or
 * counter_helper (cycle, time, instret); its aux holds the CSR number and
 * the operation.  The spec's rules are applied at translation time:
 * csrrs/csrrc with rs1 = x0 and the immediate forms with uimm = 0 do not
 * write, so they may read a read-only CSR; any write to a read-only CSR,
 * and any access to an unknown CSR, is an illegal instruction.
 */
#include <stddef.h>
#include <time.h>

#include "exec/exec.h"
#include "exec/host_fpflags.h"
#include "exec/vcpu.h"
#include "frontend/riscv/rv.h"
#include "frontend/riscv/rv_trans.h"
#include "util/clock.h"

enum {
    CSR_FFLAGS = 0x001, CSR_FRM = 0x002, CSR_FCSR = 0x003,
    CSR_CYCLE = 0xc00, CSR_TIME = 0xc01, CSR_INSTRET = 0xc02,
};

enum csr_op { CSR_OP_READ, CSR_OP_WRITE, CSR_OP_SET, CSR_OP_CLEAR };

struct csr_info {
    uint32_t number;
    const char *name;
    bool read_only;
    bool counts_insns;   /* reads stats.insns: must end its block */
};

static const struct csr_info csrs[] = {
    { CSR_FFLAGS,  "fflags",  false, false },
    { CSR_FRM,     "frm",     false, false },
    { CSR_FCSR,    "fcsr",    false, false },
    { CSR_CYCLE,   "cycle",   true,  true },
    { CSR_TIME,    "time",    true,  false },
    { CSR_INSTRET, "instret", true,  true },
};

static const struct csr_info *find_csr(uint32_t number)
{
    for (size_t i = 0; i < sizeof(csrs) / sizeof(csrs[0]); i++)
        if (csrs[i].number == number)
            return &csrs[i];
    return NULL;
}

const char *rv_csr_name(uint32_t csr)
{
    const struct csr_info *info = find_csr(csr);
    return info ? info->name : NULL;
}

static uint64_t monotonic_ticks_10mhz(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 10000000u + (uint64_t)ts.tv_nsec / 100u;
}

/* cycle, instret, time: read-only (writes are refused at translation) */
static uint64_t counter_helper(struct vcpu *cpu, uint64_t unused_src, uint64_t unused_b,
                               uint64_t unused_c, uint32_t aux)
{
    switch (aux & 0xfff) {
    case CSR_CYCLE:
    case CSR_INSTRET: return opt.stats ? cpu->stats.insns - 1 : monotonic_ns();
    case CSR_TIME:    return monotonic_ticks_10mhz();
    }
    return 0;   /* unreachable: unknown CSRs are refused at translation */
}

/*
 * fflags, frm and fcsr (aux = csr | op << 12; src is rs1's value or the
 * uimm; returns the old value).  Built to leave the host's FP registers
 * alone (IR_CALL_KEEPS_FP): programs touch fflags around every quiet
 * compare (frflags; flt; fsflags) in the middle of FP code whose values
 * the JIT keeps in xmm registers.  Calls nothing.
 */
HOST_NO_FP_REGS static uint64_t fcsr_helper(struct vcpu *cpu, uint64_t src, uint64_t unused_b,
                            uint64_t unused_c, uint32_t aux)
{
    uint32_t csr = aux & 0xfff;
    enum csr_op op = aux >> 12;
    cpu->fflags = host_fp_guest_flags(cpu->fflags);   /* NX pending in MXCSR */
    uint64_t old = csr == CSR_FFLAGS ? cpu->fflags & 0x1f
                 : csr == CSR_FRM    ? cpu->frm & 7
                 : (cpu->frm & 7) << 5 | (cpu->fflags & 0x1f);
    uint64_t v = op == CSR_OP_WRITE ? src : op == CSR_OP_SET ? old | src
               : op == CSR_OP_CLEAR ? old & ~src : old;
    if (op != CSR_OP_READ) {
        if (csr == CSR_FFLAGS) {
            cpu->fflags = v & 0x1f;
        } else if (csr == CSR_FRM) {
            cpu->frm = v & 7;
        } else {
            cpu->fflags = v & 0x1f;
            cpu->frm = (v >> 5) & 7;
        }
        if (!(cpu->fflags & IR_FFLAG_INEXACT))
            host_fp_clear();   /* a pending NX must not come back */
    }
    return old;
}

/* imm_form: the rs1 field is a 5-bit zero-extended uimm, not a register */
static bool gen_csr(struct rv_ctx *ctx, const struct rv_args *a, enum csr_op op, bool imm_form)
{
    /* csrrs/csrrc(i) with x0 / uimm 0 only read; csrrw(i) always writes */
    bool writes = op == CSR_OP_WRITE || a->rs1 != 0;
    const struct csr_info *info = find_csr(a->csr);
    if (!info || (writes && info->read_only))
        return false;
    if (!writes)
        op = CSR_OP_READ;

    uint16_t src = rv_xreg_read(ctx, a->rs1);
    if (imm_form) {
        src = ir_temp(ctx->b);
        ir_movi(ctx->b, src, a->rs1);
    }
    bool fp = info->number <= CSR_FCSR;
    ir_call_flags(ctx->b, fp ? fcsr_helper : counter_helper, fp ? IR_CALL_KEEPS_FP : 0,
                  rv_xreg_dest(ctx, a->rd), src, RV_X(0), RV_X(0),
                  info->number | (uint32_t)op << 12);
    if (info->counts_insns)
        rv_end_block_goto(ctx, ctx->pc + ctx->len);
    return true;
}

static bool trans_csrrw(struct rv_ctx *ctx, const struct rv_args *a)  { return gen_csr(ctx, a, CSR_OP_WRITE, false); }
static bool trans_csrrs(struct rv_ctx *ctx, const struct rv_args *a)  { return gen_csr(ctx, a, CSR_OP_SET, false); }
static bool trans_csrrc(struct rv_ctx *ctx, const struct rv_args *a)  { return gen_csr(ctx, a, CSR_OP_CLEAR, false); }
static bool trans_csrrwi(struct rv_ctx *ctx, const struct rv_args *a) { return gen_csr(ctx, a, CSR_OP_WRITE, true); }
static bool trans_csrrsi(struct rv_ctx *ctx, const struct rv_args *a) { return gen_csr(ctx, a, CSR_OP_SET, true); }
static bool trans_csrrci(struct rv_ctx *ctx, const struct rv_args *a) { return gen_csr(ctx, a, CSR_OP_CLEAR, true); }

static const struct rv_pattern patterns[] = {
    { 0x0000707f, 0x00001073, "csrrw",  rv_decode_i, trans_csrrw },
    { 0x0000707f, 0x00002073, "csrrs",  rv_decode_i, trans_csrrs },
    { 0x0000707f, 0x00003073, "csrrc",  rv_decode_i, trans_csrrc },
    { 0x0000707f, 0x00005073, "csrrwi", rv_decode_i, trans_csrrwi },
    { 0x0000707f, 0x00006073, "csrrsi", rv_decode_i, trans_csrrsi },
    { 0x0000707f, 0x00007073, "csrrci", rv_decode_i, trans_csrrci },
};

const struct rv_pattern_table rv_zicsr_table = {
    "Zicsr", patterns, sizeof(patterns) / sizeof(patterns[0]), false
};
