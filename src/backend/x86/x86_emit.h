/*
 * A small x86-64 instruction encoder for the JIT.
 *
 * It knows encodings only (REX, ModRM/SIB, displacements, immediates,
 * relative branches); register allocation lives in x86_regalloc.c and
 * instruction selection in x86_codegen.c.  Every function appends to a
 * struct x86_buf; running past the end sets `overflow` instead of
 * writing, so a caller checks once per block.
 *
 * Concurrency: a buffer belongs to the thread that emits into it.
 */
#ifndef TANDEM_X86_EMIT_H
#define TANDEM_X86_EMIT_H

#include <stdbool.h>
#include <stdint.h>

enum x86_gpr {
    X86_RAX, X86_RCX, X86_RDX, X86_RBX, X86_RSP, X86_RBP, X86_RSI, X86_RDI,
    X86_R8, X86_R9, X86_R10, X86_R11, X86_R12, X86_R13, X86_R14, X86_R15,
    X86_NOREG = -1,
};

enum x86_cc {
    X86_CC_O, X86_CC_NO, X86_CC_B, X86_CC_AE, X86_CC_E, X86_CC_NE, X86_CC_BE, X86_CC_A,
    X86_CC_S, X86_CC_NS, X86_CC_P, X86_CC_NP, X86_CC_L, X86_CC_GE, X86_CC_LE, X86_CC_G,
};

/* The eight classic ALU ops share one encoding scheme (op * 8 + form). */
enum x86_alu { X86_ADD, X86_OR, X86_ADC, X86_SBB, X86_AND, X86_SUB, X86_XOR, X86_CMP };

/* Group-2 shifts: the ModRM reg field selects the kind. */
enum x86_shift { X86_SHL = 4, X86_SHR = 5, X86_SAR = 7 };

/* Group-3 unary ops on r/m (F7 /digit). */
enum x86_unary { X86_NOT = 2, X86_NEG = 3, X86_MUL = 4, X86_IMUL1 = 5, X86_DIV = 6, X86_IDIV = 7 };

/* Loads into a register, named by what they do to the upper bits. */
enum x86_load_kind {
    X86_LD_ZX8, X86_LD_ZX16, X86_LD_ZX32, X86_LD_64,
    X86_LD_SX8, X86_LD_SX16, X86_LD_SX32,
};

/* A memory operand: [base + index << scale + disp], or [rip + disp]. */
struct x86_mem {
    int8_t base;        /* enum x86_gpr or X86_NOREG with rip set */
    int8_t index;       /* X86_NOREG for none; never RSP */
    uint8_t scale;      /* log2: 0..3 */
    bool rip;
    int32_t disp;
};

static inline struct x86_mem x86_mem(int base, int32_t disp)
{
    return (struct x86_mem){ .base = (int8_t)base, .index = X86_NOREG, .disp = disp };
}
static inline struct x86_mem x86_mem_idx(int base, int index, unsigned scale, int32_t disp)
{
    return (struct x86_mem){ .base = (int8_t)base, .index = (int8_t)index,
                             .scale = (uint8_t)scale, .disp = disp };
}
/* [rip + disp]: disp counts from the end of the instruction. */
static inline struct x86_mem x86_mem_rip(int32_t disp)
{
    return (struct x86_mem){ .base = X86_NOREG, .index = X86_NOREG, .rip = true, .disp = disp };
}

struct x86_buf {
    uint8_t *start, *p, *end;
    bool overflow;
};

void x86_buf_init(struct x86_buf *b, void *mem, unsigned size);
static inline uint32_t x86_offset(const struct x86_buf *b) { return (uint32_t)(b->p - b->start); }
static inline bool x86_fits_i8(int64_t v) { return v >= -128 && v <= 127; }
static inline bool x86_fits_i32(int64_t v) { return v >= INT32_MIN && v <= INT32_MAX; }

void x86_byte(struct x86_buf *b, uint8_t v);
void x86_imm32(struct x86_buf *b, uint32_t v);
void x86_imm64(struct x86_buf *b, uint64_t v);

/* Register moves and immediates; w64 selects 64-bit operand size. */
void x86_mov_rr(struct x86_buf *b, bool w64, int dst, int src);
void x86_mov_ri(struct x86_buf *b, int dst, uint64_t imm);        /* shortest form */
void x86_movabs(struct x86_buf *b, int dst, uint64_t imm);        /* always 10 bytes */
void x86_mov_mi(struct x86_buf *b, bool w64, struct x86_mem m, int32_t imm);
void x86_load(struct x86_buf *b, enum x86_load_kind k, int dst, struct x86_mem m);
void x86_store(struct x86_buf *b, unsigned size_log2, struct x86_mem m, int src);
void x86_lea(struct x86_buf *b, int dst, struct x86_mem m);
/* Register-to-register extensions (same kinds as loads). */
void x86_extend_rr(struct x86_buf *b, enum x86_load_kind k, int dst, int src);

/* ALU */
void x86_alu_rr(struct x86_buf *b, bool w64, enum x86_alu op, int dst, int src);
void x86_alu_ri(struct x86_buf *b, bool w64, enum x86_alu op, int dst, int32_t imm);
void x86_alu_rm(struct x86_buf *b, bool w64, enum x86_alu op, int dst, struct x86_mem m);
void x86_alu_mr(struct x86_buf *b, bool w64, enum x86_alu op, struct x86_mem m, int src);
void x86_alu_mi(struct x86_buf *b, bool w64, enum x86_alu op, struct x86_mem m, int32_t imm);
void x86_cmp_m8i(struct x86_buf *b, struct x86_mem m, uint8_t imm);
void x86_test_rr(struct x86_buf *b, bool w64, int a, int c);
void x86_test_ri(struct x86_buf *b, bool w64, int reg, int32_t imm);
/* CF = bit (bit mod the operand size) of reg */
void x86_bt_rr(struct x86_buf *b, bool w64, int reg, int bit);
void x86_shift_ri(struct x86_buf *b, bool w64, enum x86_shift k, int dst, uint8_t count);
void x86_shift_cl(struct x86_buf *b, bool w64, enum x86_shift k, int dst);
/* BMI2 (check the host first): dst = src shifted by count (masked to the
 * operand size), flags untouched. */
void x86_shiftx(struct x86_buf *b, bool w64, enum x86_shift k, int dst, int src, int count);
void x86_imul_rr(struct x86_buf *b, bool w64, int dst, int src);
void x86_unary(struct x86_buf *b, bool w64, enum x86_unary k, int reg);
void x86_cqo(struct x86_buf *b);   /* sign-extend rax into rdx */
void x86_cdq(struct x86_buf *b);   /* sign-extend eax into edx */
void x86_setcc(struct x86_buf *b, enum x86_cc cc, int dst8);
void x86_cmov(struct x86_buf *b, bool w64, enum x86_cc cc, int dst, int src);
/* Atomic read-modify-writes on memory (all fully ordered on x86).
 * xchg [m], reg (locked without a prefix); lock xadd [m], reg;
 * lock cmpxchg [m], reg (compares with rax/eax, which gets the old value
 * on failure; ZF says success). */
void x86_xchg_mr(struct x86_buf *b, bool w64, struct x86_mem m, int reg);
void x86_lock_xadd_mr(struct x86_buf *b, bool w64, struct x86_mem m, int reg);
void x86_lock_cmpxchg_mr(struct x86_buf *b, bool w64, struct x86_mem m, int reg);

/* Control flow.  The rel32 forms return the offset of their rel32 field
 * so it can be patched (x86_patch_rel32) once the target is known. */
uint32_t x86_jmp32(struct x86_buf *b);
uint32_t x86_jcc32(struct x86_buf *b, enum x86_cc cc);
uint32_t x86_call32(struct x86_buf *b);   /* call rel32; returns the field */
void x86_call_r(struct x86_buf *b, int reg);
void x86_jmp_r(struct x86_buf *b, int reg);
void x86_push(struct x86_buf *b, int reg);
void x86_pop(struct x86_buf *b, int reg);
void x86_ret(struct x86_buf *b);
void x86_mfence(struct x86_buf *b);
/* Multi-byte NOPs totalling n bytes (n <= 15). */
void x86_nops(struct x86_buf *b, unsigned n);
/* Pad with NOPs so that the offset + skip is a multiple of align. */
void x86_align_field(struct x86_buf *b, unsigned skip, unsigned align);

/* Make the rel32 at offset `field` point to buffer offset `target`. */
void x86_patch_rel32(struct x86_buf *b, uint32_t field, uint32_t target);
/* The same on live code: field and target are absolute addresses. */
static inline int32_t x86_rel32(uintptr_t field, uintptr_t target)
{
    return (int32_t)(target - (field + 4));
}


/* SSE scalar floating point on xmm0..xmm15.  movq moves the raw bits
 * between a general register and an xmm (w64 false: 32-bit movd, the
 * upper bits of the destination zeroed). */
enum x86_sse_op { X86_SSE_SQRT = 0x51, X86_SSE_ADD = 0x58, X86_SSE_MUL = 0x59,
                  X86_SSE_SUB = 0x5c, X86_SSE_DIV = 0x5e };
void x86_movq_xr(struct x86_buf *b, bool w64, int xmm, int gpr);
void x86_movq_rx(struct x86_buf *b, bool w64, int gpr, int xmm);
/* movsd xmm, m64 (upper half zeroed) / movsd m64, xmm */
void x86_movsd_load(struct x86_buf *b, int xmm, struct x86_mem m);
void x86_movsd_store(struct x86_buf *b, struct x86_mem m, int xmm);
/* movaps dst, src: the whole register */
void x86_movaps(struct x86_buf *b, int dst, int src);
/* dst = dst op src (sqrt: dst = sqrt(src)), sd or ss */
void x86_sse_arith(struct x86_buf *b, enum x86_sse_op op, bool is_double, int dst, int src);
/* ucomisd / ucomiss a, b: ZF PF CF from an unordered compare */
void x86_ucomis(struct x86_buf *b, bool is_double, int a, int bx);
/* test byte [m], imm */
void x86_test_m8i(struct x86_buf *b, struct x86_mem m, uint8_t imm);
/* FMA3 (check the host first), one rounding:
 *   X86_FMADD  dst =   src1 * src2  + dst     X86_FMSUB  dst =   src1 * src2  - dst
 *   X86_FNMADD dst = -(src1 * src2) + dst     X86_FNMSUB dst = -(src1 * src2) - dst */
enum x86_fma { X86_FMADD = 0xb9, X86_FMSUB = 0xbb, X86_FNMADD = 0xbd, X86_FNMSUB = 0xbf };
void x86_vfma231(struct x86_buf *b, enum x86_fma kind, bool is_double, int dst, int src1, int src2);
void x86_vfmadd231(struct x86_buf *b, bool is_double, int dst, int src1, int src2);

#endif
