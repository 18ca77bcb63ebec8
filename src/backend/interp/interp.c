/*
 * The reference backend: interprets IR directly.  It defines the meaning
 * of every IR op; the JIT must match it bit for bit.
 *
 * Slots are cpu->regs[], so guest registers and temporaries are read and
 * written in place and the guest state is exact at every insn_start: a
 * fault in the middle of a block reports cpu->pc of the faulting insn.
 */
#include <inttypes.h>
#include <stdint.h>

#include "exec/exec.h"
#include "exec/tb_cache.h"
#include "exec/vcpu.h"
#include "ir/ir.h"
#include "ir/ir_semantics.h"
#include "mem/guest_access.h"
#include "monitor/monitor.h"



/* Division with total semantics (see ir_ops.h). */
static uint64_t div_s64(uint64_t a, uint64_t b)
{
    if (b == 0) return UINT64_MAX;
    if ((int64_t)a == INT64_MIN && (int64_t)b == -1) return a;
    return (uint64_t)((int64_t)a / (int64_t)b);
}
static uint64_t rem_s64(uint64_t a, uint64_t b)
{
    if (b == 0) return a;
    if ((int64_t)a == INT64_MIN && (int64_t)b == -1) return 0;
    return (uint64_t)((int64_t)a % (int64_t)b);
}
static uint64_t div_s32(uint64_t a, uint64_t b)
{
    int32_t x = (int32_t)a, y = (int32_t)b;
    if (y == 0) return UINT64_MAX;
    if (x == INT32_MIN && y == -1) return ir_sext32((uint32_t)x);
    return ir_sext32((uint32_t)(x / y));
}
static uint64_t rem_s32(uint64_t a, uint64_t b)
{
    int32_t x = (int32_t)a, y = (int32_t)b;
    if (y == 0) return ir_sext32((uint32_t)x);
    if (x == INT32_MIN && y == -1) return 0;
    return ir_sext32((uint32_t)(x % y));
}
static uint64_t divu_32(uint64_t a, uint64_t b)
{
    uint32_t x = (uint32_t)a, y = (uint32_t)b;
    return y ? ir_sext32(x / y) : UINT64_MAX;
}
static uint64_t remu_32(uint64_t a, uint64_t b)
{
    uint32_t x = (uint32_t)a, y = (uint32_t)b;
    return y ? ir_sext32(x % y) : ir_sext32(x);
}


static enum block_exit interp_run_block(struct vcpu *cpu, struct tb *tb, unsigned *exit_reason)
{
    uint64_t *v = cpu->regs;
    const struct ir_insn *i = tb->insns;

    static const void *const dispatch[IR_NUM_OPS] = {
#define IR_OP(name, nout, nin, flags, desc) [IR_##name] = &&op_##name,
#include "ir/ir_ops.h"
#undef IR_OP
    };
#define NEXT() do { i++; goto *dispatch[i->op]; } while (0)
#define BINOP(name, expr) op_##name: { uint64_t a = v[i->a], b = v[i->b]; v[i->dst] = (expr); NEXT(); }
#define BINOPI(name, expr) op_##name: { uint64_t a = v[i->a], b = (uint64_t)i->imm; v[i->dst] = (expr); NEXT(); }

    cpu->stats.blocks++;
    cpu->stats.insns += tb->n_guest;
    cpu->exit_tb = tb;
    goto *dispatch[i->op];

op_insn_start:
    cpu->pc = (uint64_t)i->imm;
    NEXT();
op_mov:  v[i->dst] = v[i->a]; NEXT();
op_movi: v[i->dst] = (uint64_t)i->imm; NEXT();

    BINOP(add, a + b)
    BINOP(sub, a - b)
    BINOP(and, a & b)
    BINOP(or, a | b)
    BINOP(xor, a ^ b)
    BINOP(shl, a << (b & 63))
    BINOP(shr, a >> (b & 63))
    BINOP(sar, (uint64_t)((int64_t)a >> (b & 63)))
    BINOP(mul, a * b)
    BINOP(mulh, (uint64_t)(((__int128)(int64_t)a * (__int128)(int64_t)b) >> 64))
    BINOP(mulhu, (uint64_t)(((unsigned __int128)a * b) >> 64))
    BINOP(mulhsu, (uint64_t)(((__int128)(int64_t)a * (__int128)(unsigned __int128)b) >> 64))
    BINOP(div, div_s64(a, b))
    BINOP(divu, b ? a / b : UINT64_MAX)
    BINOP(rem, rem_s64(a, b))
    BINOP(remu, b ? a % b : a)
    BINOP(setcond, ir_cond_holds(i->size, a, b))

    BINOPI(addi, a + b)
    BINOPI(andi, a & b)
    BINOPI(ori, a | b)
    BINOPI(xori, a ^ b)
    BINOPI(shli, a << (b & 63))
    BINOPI(shri, a >> (b & 63))
    BINOPI(sari, (uint64_t)((int64_t)a >> (b & 63)))
    BINOPI(setcondi, ir_cond_holds(i->size, a, b))
    op_addsh: { v[i->dst] = v[i->a] + (v[i->b] << (i->imm & 63)); NEXT(); }

    BINOP(add_32, ir_sext32(a + b))
    BINOP(sub_32, ir_sext32(a - b))
    BINOP(shl_32, ir_sext32((uint32_t)a << (b & 31)))
    BINOP(shr_32, ir_sext32((uint32_t)a >> (b & 31)))
    BINOP(sar_32, ir_sext32((uint32_t)((int32_t)a >> (b & 31))))
    BINOP(mul_32, ir_sext32((uint32_t)a * (uint32_t)b))
    BINOP(div_32, div_s32(a, b))
    BINOP(divu_32, divu_32(a, b))
    BINOP(rem_32, rem_s32(a, b))
    BINOP(remu_32, remu_32(a, b))
    BINOPI(addi_32, ir_sext32(a + b))
    BINOPI(shli_32, ir_sext32((uint32_t)a << (b & 31)))
    BINOPI(shri_32, ir_sext32((uint32_t)a >> (b & 31)))
    BINOPI(sari_32, ir_sext32((uint32_t)((int32_t)a >> (b & 31))))

op_ext:
    v[i->dst] = ir_extend(v[i->a], i->size);
    NEXT();

op_ld:
    v[i->dst] = ir_extend(mem_load(cpu, v[i->a] + (uint64_t)i->imm, i->size & IR_SIZE_MASK), i->size);
    NEXT();
op_st:
    mem_store(cpu, v[i->a] + (uint64_t)i->imm, v[i->b], i->size & IR_SIZE_MASK);
    NEXT();

op_ld_link: {
    uint64_t addr = v[i->a];
    guest_check_range(cpu, addr, 1u << (i->size & IR_SIZE_MASK));
    cpu->stats.lr++;
    v[i->dst] = ir_extend(monitor->load_link(cpu, addr, i->size & IR_SIZE_MASK), i->size);
    NEXT();
}
op_st_cond: {
    uint64_t addr = v[i->a];
    guest_check_range(cpu, addr, 1u << (i->size & IR_SIZE_MASK));
    bool ok = monitor->store_cond(cpu, addr, v[i->b], i->size & IR_SIZE_MASK);
    if (ok) cpu->stats.sc_ok++; else cpu->stats.sc_fail++;
    v[i->dst] = ok ? 0 : 1;
    NEXT();
}
op_amo: {
    uint64_t addr = v[i->a];
    guest_check_range(cpu, addr, 1u << (i->size & IR_SIZE_MASK));
    cpu->stats.amo++;
    uint64_t old = monitor->amo(cpu, (enum ir_amo)i->aux, addr, v[i->b], i->size & IR_SIZE_MASK);
    v[i->dst] = ir_extend(old, i->size);
    NEXT();
}
op_clear_link:
    monitor->clear(cpu);
    NEXT();
op_fence:
    /* x86 is TSO: only store->load ordering needs a real fence */
    if (i->aux & IR_FENCE_W_R)
        atomic_thread_fence(memory_order_seq_cst);
    else
        atomic_signal_fence(memory_order_seq_cst);
    NEXT();

op_call: {
    ir_helper_fn fn = (ir_helper_fn)(intptr_t)i->imm;
    uint64_t a = i->a == IR_SLOT_NONE ? 0 : v[i->a];
    uint64_t b = i->b == IR_SLOT_NONE ? 0 : v[i->b];
    uint64_t c = i->c == IR_SLOT_NONE ? 0 : v[i->c];
    uint64_t r = fn(cpu, a, b, c, i->aux);
    if (i->dst != IR_SLOT_NONE)
        v[i->dst] = r;
    NEXT();
}

    /* floating point: the helper is the definition (ir_ops.h) */
op_fadd: op_fsub: op_fmul: op_fdiv: op_fsqrt:
op_fmadd: op_fmsub: op_fnmsub: op_fnmadd:
op_feq: op_flt: op_fle: {
    ir_helper_fn fn = (ir_helper_fn)(intptr_t)i->imm;
    uint64_t a = v[i->a];
    uint64_t b = i->b == IR_SLOT_NONE ? 0 : v[i->b];
    uint64_t c = i->c == IR_SLOT_NONE ? 0 : v[i->c];
    v[i->dst] = fn(cpu, a, b, c, i->aux);
    NEXT();
}

op_brcond:
    if (ir_cond_holds(i->size, v[i->a], v[i->b])) {
        cpu->stats.insns -= i->aux;   /* counted with the block, not run */
        cpu->pc = (uint64_t)i->imm;
        return BLOCK_EXIT_CHAIN0;
    }
    NEXT();
op_goto_pc:
    cpu->pc = (uint64_t)i->imm;
    return BLOCK_EXIT_CHAIN1;
op_goto_ind:
    cpu->pc = v[i->a];
    return BLOCK_EXIT_INDIRECT;
op_exit:
    cpu->pc = (uint64_t)i->imm;
    cpu->exit_word = i->aux;
    *exit_reason = i->size;
    return BLOCK_EXIT_SPECIAL;

#undef NEXT
#undef BINOP
#undef BINOPI
}

const struct backend interp_backend = {
    .name = "interp",
    .run_block = interp_run_block,
};
