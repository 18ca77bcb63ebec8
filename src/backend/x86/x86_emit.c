/*
 * x86-64 encodings, following the Intel SDM volume 2 (chapter 2): an
 * optional 66 prefix, an optional REX (0100WRXB), the opcode, ModRM
 * (mod:2 reg:3 rm:3), an optional SIB (scale:2 index:3 base:3), then
 * displacement and immediate, little endian.
 */
#include "backend/x86/x86_emit.h"

#include <string.h>

/* encoding flags for the generic emitters below */
enum {
    ENC_W      = 1,  /* REX.W: 64-bit operand size */
    ENC_66     = 2,  /* operand-size prefix: 16-bit */
    ENC_BYTE_R = 4,  /* reg field names a byte register: spl..dil need REX */
    ENC_BYTE_M = 8,  /* r/m field names a byte register */
};

void x86_buf_init(struct x86_buf *b, void *mem, unsigned size)
{
    b->start = b->p = mem;
    b->end = b->start + size;
    b->overflow = false;
}

void x86_byte(struct x86_buf *b, uint8_t v)
{
    if (b->p < b->end)
        *b->p++ = v;
    else
        b->overflow = true;
}

void x86_imm32(struct x86_buf *b, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        x86_byte(b, (uint8_t)(v >> (8 * i)));
}

void x86_imm64(struct x86_buf *b, uint64_t v)
{
    x86_imm32(b, (uint32_t)v);
    x86_imm32(b, (uint32_t)(v >> 32));
}

/* opcode: 1 to 3 bytes, most significant first (e.g. 0x0FAF) */
static void put_opcode(struct x86_buf *b, uint32_t opcode)
{
    if (opcode > 0xffff)
        x86_byte(b, (uint8_t)(opcode >> 16));
    if (opcode > 0xff)
        x86_byte(b, (uint8_t)(opcode >> 8));
    x86_byte(b, (uint8_t)opcode);
}

static void put_prefixes(struct x86_buf *b, unsigned flags, int reg, int index, int rm)
{
    if (flags & ENC_66)
        x86_byte(b, 0x66);
    uint8_t rex = 0x40;
    if (flags & ENC_W) rex |= 8;
    if (reg >= 8) rex |= 4;
    if (index >= 8) rex |= 2;
    if (rm >= 8) rex |= 1;
    bool need = rex != 0x40;
    /* without REX, byte registers 4..7 mean ah, ch, dh, bh */
    if ((flags & ENC_BYTE_R) && reg >= 4 && reg < 8) need = true;
    if ((flags & ENC_BYTE_M) && rm >= 4 && rm < 8) need = true;
    if (need)
        x86_byte(b, rex);
}

static uint8_t modrm(unsigned mod, unsigned reg, unsigned rm)
{
    return (uint8_t)((mod << 6) | ((reg & 7) << 3) | (rm & 7));
}

/* op reg, r/m with a register r/m */
static void enc_rr(struct x86_buf *b, unsigned flags, uint32_t opcode, int reg, int rm)
{
    put_prefixes(b, flags, reg, 0, rm);
    put_opcode(b, opcode);
    x86_byte(b, modrm(3, (unsigned)reg, (unsigned)rm));
}

/* op reg, r/m with a memory r/m */
static void enc_rm(struct x86_buf *b, unsigned flags, uint32_t opcode, int reg, struct x86_mem m)
{
    int index = m.index == X86_NOREG ? 0 : m.index;
    int base = m.base == X86_NOREG ? 0 : m.base;
    put_prefixes(b, flags, reg, index, base);
    put_opcode(b, opcode);
    if (m.rip) {
        x86_byte(b, modrm(0, (unsigned)reg, 5));
        x86_imm32(b, (uint32_t)m.disp);
        return;
    }
    if (m.base == X86_NOREG) {
        /* [index << scale + disp32]: SIB with no base */
        x86_byte(b, modrm(0, (unsigned)reg, 4));
        x86_byte(b, (uint8_t)((m.scale << 6) | ((index & 7) << 3) | 5));
        x86_imm32(b, (uint32_t)m.disp);
        return;
    }
    /* rbp/r13 as base have no disp-less form; rsp/r12 need a SIB */
    unsigned mod;
    if (m.disp == 0 && (base & 7) != 5)
        mod = 0;
    else if (x86_fits_i8(m.disp))
        mod = 1;
    else
        mod = 2;
    if (m.index != X86_NOREG || (base & 7) == 4) {
        unsigned idx = m.index == X86_NOREG ? 4 : (unsigned)m.index;
        x86_byte(b, modrm(mod, (unsigned)reg, 4));
        x86_byte(b, (uint8_t)((m.scale << 6) | ((idx & 7) << 3) | (base & 7)));
    } else {
        x86_byte(b, modrm(mod, (unsigned)reg, (unsigned)base));
    }
    if (mod == 1)
        x86_byte(b, (uint8_t)m.disp);
    else if (mod == 2)
        x86_imm32(b, (uint32_t)m.disp);
}

static unsigned wflag(bool w64) { return w64 ? ENC_W : 0; }

void x86_mov_rr(struct x86_buf *b, bool w64, int dst, int src)
{
    enc_rr(b, wflag(w64), 0x89, src, dst);
}

void x86_movabs(struct x86_buf *b, int dst, uint64_t imm)
{
    put_prefixes(b, ENC_W, 0, 0, dst);
    x86_byte(b, (uint8_t)(0xB8 + (dst & 7)));
    x86_imm64(b, imm);
}

void x86_mov_ri(struct x86_buf *b, int dst, uint64_t imm)
{
    if (imm <= UINT32_MAX) {
        /* writing a 32-bit register zero-extends */
        put_prefixes(b, 0, 0, 0, dst);
        x86_byte(b, (uint8_t)(0xB8 + (dst & 7)));
        x86_imm32(b, (uint32_t)imm);
    } else if (x86_fits_i32((int64_t)imm)) {
        enc_rr(b, ENC_W, 0xC7, 0, dst);
        x86_imm32(b, (uint32_t)imm);
    } else {
        x86_movabs(b, dst, imm);
    }
}

void x86_mov_mi(struct x86_buf *b, bool w64, struct x86_mem m, int32_t imm)
{
    enc_rm(b, wflag(w64), 0xC7, 0, m);
    x86_imm32(b, (uint32_t)imm);
}

struct load_enc { unsigned flags; uint32_t opcode; };
static const struct load_enc load_encs[] = {
    [X86_LD_ZX8]  = { 0, 0x0FB6 },
    [X86_LD_ZX16] = { 0, 0x0FB7 },
    [X86_LD_ZX32] = { 0, 0x8B },
    [X86_LD_64]   = { ENC_W, 0x8B },
    [X86_LD_SX8]  = { ENC_W, 0x0FBE },
    [X86_LD_SX16] = { ENC_W, 0x0FBF },
    [X86_LD_SX32] = { ENC_W, 0x63 },
};

void x86_load(struct x86_buf *b, enum x86_load_kind k, int dst, struct x86_mem m)
{
    enc_rm(b, load_encs[k].flags, load_encs[k].opcode, dst, m);
}

void x86_extend_rr(struct x86_buf *b, enum x86_load_kind k, int dst, int src)
{
    unsigned flags = load_encs[k].flags;
    if (k == X86_LD_ZX8 || k == X86_LD_SX8)
        flags |= ENC_BYTE_M;
    enc_rr(b, flags, load_encs[k].opcode, dst, src);
}

void x86_store(struct x86_buf *b, unsigned size_log2, struct x86_mem m, int src)
{
    switch (size_log2) {
    case 0:  enc_rm(b, ENC_BYTE_R, 0x88, src, m); break;
    case 1:  enc_rm(b, ENC_66, 0x89, src, m); break;
    case 2:  enc_rm(b, 0, 0x89, src, m); break;
    default: enc_rm(b, ENC_W, 0x89, src, m); break;
    }
}

void x86_lea(struct x86_buf *b, int dst, struct x86_mem m)
{
    enc_rm(b, ENC_W, 0x8D, dst, m);
}

void x86_alu_rr(struct x86_buf *b, bool w64, enum x86_alu op, int dst, int src)
{
    enc_rr(b, wflag(w64), (uint32_t)op * 8 + 1, src, dst);
}

void x86_alu_ri(struct x86_buf *b, bool w64, enum x86_alu op, int dst, int32_t imm)
{
    if (x86_fits_i8(imm)) {
        enc_rr(b, wflag(w64), 0x83, op, dst);
        x86_byte(b, (uint8_t)imm);
    } else {
        enc_rr(b, wflag(w64), 0x81, op, dst);
        x86_imm32(b, (uint32_t)imm);
    }
}

void x86_alu_rm(struct x86_buf *b, bool w64, enum x86_alu op, int dst, struct x86_mem m)
{
    enc_rm(b, wflag(w64), (uint32_t)op * 8 + 3, dst, m);
}

void x86_alu_mr(struct x86_buf *b, bool w64, enum x86_alu op, struct x86_mem m, int src)
{
    enc_rm(b, wflag(w64), (uint32_t)op * 8 + 1, src, m);
}

void x86_alu_mi(struct x86_buf *b, bool w64, enum x86_alu op, struct x86_mem m, int32_t imm)
{
    if (x86_fits_i8(imm)) {
        enc_rm(b, wflag(w64), 0x83, op, m);
        x86_byte(b, (uint8_t)imm);
    } else {
        enc_rm(b, wflag(w64), 0x81, op, m);
        x86_imm32(b, (uint32_t)imm);
    }
}

void x86_cmp_m8i(struct x86_buf *b, struct x86_mem m, uint8_t imm)
{
    enc_rm(b, 0, 0x80, X86_CMP, m);
    x86_byte(b, imm);
}

void x86_test_rr(struct x86_buf *b, bool w64, int a, int c)
{
    enc_rr(b, wflag(w64), 0x85, c, a);
}

void x86_bt_rr(struct x86_buf *b, bool w64, int reg, int bit)
{
    enc_rr(b, wflag(w64), 0x0FA3, bit, reg);
}

void x86_test_ri(struct x86_buf *b, bool w64, int reg, int32_t imm)
{
    enc_rr(b, wflag(w64), 0xF7, 0, reg);
    x86_imm32(b, (uint32_t)imm);
}

void x86_shift_ri(struct x86_buf *b, bool w64, enum x86_shift k, int dst, uint8_t count)
{
    enc_rr(b, wflag(w64), 0xC1, k, dst);
    x86_byte(b, count);
}

void x86_shift_cl(struct x86_buf *b, bool w64, enum x86_shift k, int dst)
{
    enc_rr(b, wflag(w64), 0xD3, k, dst);
}

void x86_imul_rr(struct x86_buf *b, bool w64, int dst, int src)
{
    enc_rr(b, wflag(w64), 0x0FAF, dst, src);
}

void x86_unary(struct x86_buf *b, bool w64, enum x86_unary k, int reg)
{
    enc_rr(b, wflag(w64), 0xF7, k, reg);
}

void x86_cqo(struct x86_buf *b) { x86_byte(b, 0x48); x86_byte(b, 0x99); }
void x86_cdq(struct x86_buf *b) { x86_byte(b, 0x99); }

void x86_setcc(struct x86_buf *b, enum x86_cc cc, int dst8)
{
    enc_rr(b, ENC_BYTE_M, 0x0F90 + cc, 0, dst8);
}

void x86_cmov(struct x86_buf *b, bool w64, enum x86_cc cc, int dst, int src)
{
    enc_rr(b, wflag(w64), 0x0F40 + cc, dst, src);
}

void x86_xchg_mr(struct x86_buf *b, bool w64, struct x86_mem m, int reg)
{
    enc_rm(b, wflag(w64), 0x87, reg, m);
}

/* the lock prefix goes before REX, which must come right before the opcode */
void x86_lock_xadd_mr(struct x86_buf *b, bool w64, struct x86_mem m, int reg)
{
    x86_byte(b, 0xF0);
    enc_rm(b, wflag(w64), 0x0FC1, reg, m);
}

void x86_lock_cmpxchg_mr(struct x86_buf *b, bool w64, struct x86_mem m, int reg)
{
    x86_byte(b, 0xF0);
    enc_rm(b, wflag(w64), 0x0FB1, reg, m);
}

/* A rel32 operand of 0, to patch; returns its offset. */
static uint32_t rel32_field(struct x86_buf *b)
{
    uint32_t field = x86_offset(b);
    x86_imm32(b, 0);
    return field;
}

uint32_t x86_jmp32(struct x86_buf *b)
{
    x86_byte(b, 0xE9);
    return rel32_field(b);
}

uint32_t x86_call32(struct x86_buf *b)
{
    x86_byte(b, 0xE8);
    return rel32_field(b);
}

uint32_t x86_jcc32(struct x86_buf *b, enum x86_cc cc)
{
    x86_byte(b, 0x0F);
    x86_byte(b, (uint8_t)(0x80 + cc));
    return rel32_field(b);
}

void x86_call_r(struct x86_buf *b, int reg) { enc_rr(b, 0, 0xFF, 2, reg); }
void x86_jmp_r(struct x86_buf *b, int reg) { enc_rr(b, 0, 0xFF, 4, reg); }

void x86_push(struct x86_buf *b, int reg)
{
    put_prefixes(b, 0, 0, 0, reg);
    x86_byte(b, (uint8_t)(0x50 + (reg & 7)));
}

void x86_pop(struct x86_buf *b, int reg)
{
    put_prefixes(b, 0, 0, 0, reg);
    x86_byte(b, (uint8_t)(0x58 + (reg & 7)));
}

void x86_ret(struct x86_buf *b) { x86_byte(b, 0xC3); }

void x86_mfence(struct x86_buf *b)
{
    x86_byte(b, 0x0F); x86_byte(b, 0xAE); x86_byte(b, 0xF0);
}

void x86_nops(struct x86_buf *b, unsigned n)
{
    /* the recommended multi-byte NOP sequences (SDM, NOP instruction) */
    static const uint8_t nop[8][8] = {
        {0},
        {0x90},
        {0x66, 0x90},
        {0x0F, 0x1F, 0x00},
        {0x0F, 0x1F, 0x40, 0x00},
        {0x0F, 0x1F, 0x44, 0x00, 0x00},
        {0x66, 0x0F, 0x1F, 0x44, 0x00, 0x00},
        {0x0F, 0x1F, 0x80, 0x00, 0x00, 0x00, 0x00},
    };
    while (n > 0) {
        unsigned k = n > 7 ? 7 : n;
        for (unsigned i = 0; i < k; i++)
            x86_byte(b, nop[k][i]);
        n -= k;
    }
}

void x86_align_field(struct x86_buf *b, unsigned skip, unsigned align)
{
    unsigned mis = (x86_offset(b) + skip) % align;
    if (mis)
        x86_nops(b, align - mis);
}

void x86_patch_rel32(struct x86_buf *b, uint32_t field, uint32_t target)
{
    int32_t rel = (int32_t)(target - (field + 4));
    if (field + 4 <= (uint32_t)(b->end - b->start))
        memcpy(b->start + field, &rel, 4);
}

/* BMI2 shlx/shrx/sarx dst, src, count: VEX.LZ.0F38.W F7 /r, vvvv = count,
 * the prefix (pp) selects the kind. */
void x86_shiftx(struct x86_buf *b, bool w64, enum x86_shift k, int dst, int src, int count)
{
    unsigned pp = k == X86_SHL ? 1 : k == X86_SAR ? 2 : 3;   /* 66, F3, F2 */
    x86_byte(b, 0xC4);
    x86_byte(b, (uint8_t)((dst >= 8 ? 0 : 0x80) | 0x40 | (src >= 8 ? 0 : 0x20) | 0x02));
    x86_byte(b, (uint8_t)((w64 ? 0x80 : 0) | ((~(unsigned)count & 15) << 3) | pp));
    x86_byte(b, 0xF7);
    x86_byte(b, modrm(3, (unsigned)dst, (unsigned)src));
}

/* ---- SSE scalar floating point (xmm0..xmm15: REX.R/B as for GPRs) ---- */

void x86_movq_xr(struct x86_buf *b, bool w64, int xmm, int gpr)
{
    enc_rr(b, ENC_66 | wflag(w64), 0x0f6e, xmm, gpr);
}

void x86_movq_rx(struct x86_buf *b, bool w64, int gpr, int xmm)
{
    enc_rr(b, ENC_66 | wflag(w64), 0x0f7e, xmm, gpr);
}

void x86_movsd_load(struct x86_buf *b, int xmm, struct x86_mem m)
{
    x86_byte(b, 0xf2);   /* mandatory prefix: before any REX */
    enc_rm(b, 0, 0x0f10, xmm, m);
}

void x86_movsd_store(struct x86_buf *b, struct x86_mem m, int xmm)
{
    x86_byte(b, 0xf2);
    enc_rm(b, 0, 0x0f11, xmm, m);
}

void x86_movaps(struct x86_buf *b, int dst, int src)
{
    enc_rr(b, 0, 0x0f28, dst, src);
}

void x86_sse_arith(struct x86_buf *b, enum x86_sse_op op, bool is_double, int dst, int src)
{
    x86_byte(b, is_double ? 0xf2 : 0xf3);
    enc_rr(b, 0, 0x0f00u | (uint32_t)op, dst, src);
}

void x86_vfma231(struct x86_buf *b, enum x86_fma kind, bool is_double, int dst, int src1, int src2)
{
    /* 3-byte VEX: R X B inverted, map 0F38; W selects sd/ss,
     * vvvv = ~src1, L = 0, pp = 66 */
    x86_byte(b, 0xc4);
    x86_byte(b, (uint8_t)((dst >= 8 ? 0 : 0x80) | 0x40 | (src2 >= 8 ? 0 : 0x20) | 0x02));
    x86_byte(b, (uint8_t)((is_double ? 0x80 : 0) | ((~(unsigned)src1 & 15) << 3) | 1));
    x86_byte(b, (uint8_t)kind);
    x86_byte(b, modrm(3, (unsigned)dst, (unsigned)src2));
}

void x86_vfmadd231(struct x86_buf *b, bool is_double, int dst, int src1, int src2)
{
    x86_vfma231(b, X86_FMADD, is_double, dst, src1, src2);
}

void x86_ucomis(struct x86_buf *b, bool is_double, int a, int bx)
{
    enc_rr(b, is_double ? ENC_66 : 0, 0x0f2e, a, bx);
}

void x86_test_m8i(struct x86_buf *b, struct x86_mem m, uint8_t imm)
{
    enc_rm(b, 0, 0xf6, 0, m);
    x86_byte(b, imm);
}
