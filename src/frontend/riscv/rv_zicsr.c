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
 *                   nanoseconds, as qemu-user reads host ticks.  Backends add a block's
 *                   n_guest to cpu->stats.insns on entering it, so a
 *                   counter read ends its block: stats.insns then counts
 *                   exactly up to this instruction, and the value is
 *                   stats.insns - 1.  Blocks left early by a taken
 *                   branch or a fault count in full, so the value is an
 *                   upper bound, exact for straight-line code.  cycle
 *                   = instret: there is no cycle model.
 *   time   (0xc01)  read-only: CLOCK_MONOTONIC in 10 MHz ticks
 *
 * Each access is one IR call to csr_helper; its aux holds the CSR number
 * and the operation.  The spec's rules are applied at translation time:
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

static uint64_t monotonic_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static uint64_t csr_read(struct vcpu *cpu, uint32_t csr)
{
    switch (csr) {
    case CSR_FFLAGS:  return cpu->fflags & 0x1f;
    case CSR_FRM:     return cpu->frm & 7;
    case CSR_FCSR:    return (cpu->frm & 7) << 5 | (cpu->fflags & 0x1f);
    case CSR_CYCLE:
    case CSR_INSTRET: return opt.stats ? cpu->stats.insns - 1 : monotonic_ns();
    case CSR_TIME:    return monotonic_ticks_10mhz();
    }
    return 0;   /* unreachable: unknown CSRs are refused at translation */
}

static void csr_write(struct vcpu *cpu, uint32_t csr, uint64_t value)
{
    switch (csr) {
    case CSR_FFLAGS: cpu->fflags = value & 0x1f; break;
    case CSR_FRM:    cpu->frm = value & 7; break;
    case CSR_FCSR:
        cpu->fflags = value & 0x1f;
        cpu->frm = (value >> 5) & 7;
        break;
    }
}

/* aux = csr | op << 12; src is rs1's value or the uimm; returns the old value */
static uint64_t csr_helper(struct vcpu *cpu, uint64_t src, uint64_t unused_b,
                           uint64_t unused_c, uint32_t aux)
{
    uint32_t csr = aux & 0xfff;
    enum csr_op op = aux >> 12;
    if (csr <= CSR_FCSR)
        cpu->fflags = host_fp_guest_flags(cpu->fflags);   /* NX pending in MXCSR */
    uint64_t old = csr_read(cpu, csr);

    switch (op) {
    case CSR_OP_READ:  break;
    case CSR_OP_WRITE: csr_write(cpu, csr, src); break;
    case CSR_OP_SET:   csr_write(cpu, csr, old | src); break;
    case CSR_OP_CLEAR: csr_write(cpu, csr, old & ~src); break;
    }
    if (csr <= CSR_FCSR && op != CSR_OP_READ && !(cpu->fflags & IR_FFLAG_INEXACT))
        host_fp_clear();   /* a pending NX must not come back */
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
    ir_call(ctx->b, csr_helper, rv_xreg_dest(ctx, a->rd), src, RV_X(0), RV_X(0),
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
