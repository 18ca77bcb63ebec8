/*
 * RV64C: each compressed pattern has its own operand decoder, which fills
 * struct rv_args exactly as the equivalent base instruction would, and
 * then reuses the base trans function (ctx->len = 2 makes links pc + 2).
 * A trans_c_* wrapper exists only where the compressed form has reserved
 * operand values of its own.
 *
 * Pattern order matters where encodings overlap: rv_lookup takes the
 * first match, so c.ebreak comes before c.jalr before c.add, c.jr before
 * c.mv, c.addi16sp before c.lui.  RV32-only encodings (c.jal, c.flw,
 * c.fsw, ...) mean c.addiw, c.ld, c.sd, ... in RV64; every encoding not
 * listed is reserved and so illegal.
 */
#include "frontend/riscv/rv.h"
#include "frontend/riscv/rv_trans.h"

static uint32_t bits(uint32_t w, unsigned hi, unsigned lo)
{
    return (w >> lo) & ((1u << (hi - lo + 1)) - 1);
}

static int64_t sext(uint64_t value, unsigned width)
{
    return (int64_t)(value << (64 - width)) >> (64 - width);
}

/* the 3-bit register fields name x8..x15 */
static uint8_t creg(uint32_t w, unsigned lo) { return 8 + bits(w, lo + 2, lo); }

/* ---- operand decoders, one per immediate layout ---- */

static void decode_addi4spn(uint32_t w, struct rv_args *a)
{
    a->rd = creg(w, 2);
    a->rs1 = 2;
    a->imm = bits(w, 12, 11) << 4 | bits(w, 10, 7) << 6 | bits(w, 6, 6) << 2 | bits(w, 5, 5) << 3;
}

/* c.ld, c.sd, c.fld, c.fsd: 8-byte scaled offset */
static void decode_mem_d(uint32_t w, struct rv_args *a)
{
    a->rd = a->rs2 = creg(w, 2);
    a->rs1 = creg(w, 7);
    a->imm = bits(w, 12, 10) << 3 | bits(w, 6, 5) << 6;
}

/* c.lw, c.sw: 4-byte scaled offset */
static void decode_mem_w(uint32_t w, struct rv_args *a)
{
    a->rd = a->rs2 = creg(w, 2);
    a->rs1 = creg(w, 7);
    a->imm = bits(w, 12, 10) << 3 | bits(w, 6, 6) << 2 | bits(w, 5, 5) << 6;
}

static int64_t ci_imm(uint32_t w)
{
    return sext(bits(w, 12, 12) << 5 | bits(w, 6, 2), 6);
}

/* c.addi, c.addiw, c.nop: rd = rd + imm */
static void decode_ci(uint32_t w, struct rv_args *a)
{
    a->rd = a->rs1 = bits(w, 11, 7);
    a->imm = ci_imm(w);
}

/* c.li: rd = x0 + imm */
static void decode_li(uint32_t w, struct rv_args *a)
{
    a->rd = bits(w, 11, 7);
    a->rs1 = 0;
    a->imm = ci_imm(w);
}

static void decode_addi16sp(uint32_t w, struct rv_args *a)
{
    a->rd = a->rs1 = 2;
    a->imm = sext(bits(w, 12, 12) << 9 | bits(w, 6, 6) << 4 | bits(w, 5, 5) << 6 |
                  bits(w, 4, 3) << 7 | bits(w, 2, 2) << 5, 10);
}

static void decode_lui(uint32_t w, struct rv_args *a)
{
    a->rd = bits(w, 11, 7);
    a->imm = sext(bits(w, 12, 12) << 17 | bits(w, 6, 2) << 12, 18);
}

/* c.srli, c.srai: 6-bit shift amount on rd' */
static void decode_shift_creg(uint32_t w, struct rv_args *a)
{
    a->rd = a->rs1 = creg(w, 7);
    a->imm = bits(w, 12, 12) << 5 | bits(w, 6, 2);
}

static void decode_andi(uint32_t w, struct rv_args *a)
{
    a->rd = a->rs1 = creg(w, 7);
    a->imm = ci_imm(w);
}

/* c.sub ... c.addw: rd' = rd' op rs2' */
static void decode_ca(uint32_t w, struct rv_args *a)
{
    a->rd = a->rs1 = creg(w, 7);
    a->rs2 = creg(w, 2);
}

static void decode_j(uint32_t w, struct rv_args *a)
{
    a->rd = 0;
    a->imm = sext(bits(w, 12, 12) << 11 | bits(w, 11, 11) << 4 | bits(w, 10, 9) << 8 |
                  bits(w, 8, 8) << 10 | bits(w, 7, 7) << 6 | bits(w, 6, 6) << 7 |
                  bits(w, 5, 3) << 1 | bits(w, 2, 2) << 5, 12);
}

/* c.beqz, c.bnez: compare rs1' with x0 */
static void decode_branch(uint32_t w, struct rv_args *a)
{
    a->rs1 = creg(w, 7);
    a->rs2 = 0;
    a->imm = sext(bits(w, 12, 12) << 8 | bits(w, 11, 10) << 3 | bits(w, 6, 5) << 6 |
                  bits(w, 4, 3) << 1 | bits(w, 2, 2) << 5, 9);
}

static void decode_slli(uint32_t w, struct rv_args *a)
{
    a->rd = a->rs1 = bits(w, 11, 7);
    a->imm = bits(w, 12, 12) << 5 | bits(w, 6, 2);
}

/* c.ldsp, c.fldsp */
static void decode_load_sp_d(uint32_t w, struct rv_args *a)
{
    a->rd = bits(w, 11, 7);
    a->rs1 = 2;
    a->imm = bits(w, 12, 12) << 5 | bits(w, 6, 5) << 3 | bits(w, 4, 2) << 6;
}

static void decode_load_sp_w(uint32_t w, struct rv_args *a)
{
    a->rd = bits(w, 11, 7);
    a->rs1 = 2;
    a->imm = bits(w, 12, 12) << 5 | bits(w, 6, 4) << 2 | bits(w, 3, 2) << 6;
}

/* c.sdsp, c.fsdsp */
static void decode_store_sp_d(uint32_t w, struct rv_args *a)
{
    a->rs1 = 2;
    a->rs2 = bits(w, 6, 2);
    a->imm = bits(w, 12, 10) << 3 | bits(w, 9, 7) << 6;
}

static void decode_store_sp_w(uint32_t w, struct rv_args *a)
{
    a->rs1 = 2;
    a->rs2 = bits(w, 6, 2);
    a->imm = bits(w, 12, 9) << 2 | bits(w, 8, 7) << 6;
}

/* c.jr: jalr x0, 0(rs1) */
static void decode_jr(uint32_t w, struct rv_args *a)
{
    a->rd = 0;
    a->rs1 = bits(w, 11, 7);
}

/* c.jalr: jalr ra, 0(rs1) */
static void decode_jalr(uint32_t w, struct rv_args *a)
{
    a->rd = 1;
    a->rs1 = bits(w, 11, 7);
}

/* c.mv: add rd, x0, rs2 */
static void decode_mv(uint32_t w, struct rv_args *a)
{
    a->rd = bits(w, 11, 7);
    a->rs1 = 0;
    a->rs2 = bits(w, 6, 2);
}

/* c.add: add rd, rd, rs2 */
static void decode_add(uint32_t w, struct rv_args *a)
{
    a->rd = a->rs1 = bits(w, 11, 7);
    a->rs2 = bits(w, 6, 2);
}

/* ---- guards for reserved operand values ---- */

/* also catches the all-zero halfword, which is defined illegal */
static bool trans_c_addi4spn(struct rv_ctx *ctx, const struct rv_args *a)
{
    return a->imm != 0 && trans_addi(ctx, a);
}

static bool trans_c_addiw(struct rv_ctx *ctx, const struct rv_args *a)
{
    return a->rd != 0 && trans_addiw(ctx, a);
}

static bool trans_c_addi16sp(struct rv_ctx *ctx, const struct rv_args *a)
{
    return a->imm != 0 && trans_addi(ctx, a);
}

static bool trans_c_lui(struct rv_ctx *ctx, const struct rv_args *a)
{
    return a->imm != 0 && trans_lui(ctx, a);
}

static bool trans_c_lwsp(struct rv_ctx *ctx, const struct rv_args *a)
{
    return a->rd != 0 && trans_lw(ctx, a);
}

static bool trans_c_ldsp(struct rv_ctx *ctx, const struct rv_args *a)
{
    return a->rd != 0 && trans_ld(ctx, a);
}

static bool trans_c_jr(struct rv_ctx *ctx, const struct rv_args *a)
{
    return a->rs1 != 0 && trans_jalr(ctx, a);
}

/* ---- the table ---- */

#define MASK_F3   0xe003u   /* funct3 and quadrant */
#define MASK_RD0  0xef83u   /* ... and rd (bits 11:7) */
#define MASK_F2   0xec03u   /* ... and funct2 at 11:10 (c.srli, c.srai, c.andi) */
#define MASK_CA   0xfc63u   /* c.sub ... c.addw */
#define MASK_CR   0xf003u   /* funct4 and quadrant */
#define MASK_CR0  0xf07fu   /* ... and rs2 = 0 */

static const struct rv_pattern patterns[] = {
    /* quadrant 0 */
    { MASK_F3,  0x0000, "c.addi4spn", decode_addi4spn, trans_c_addi4spn },
    { MASK_F3,  0x2000, "c.fld",      decode_mem_d,    trans_fld },
    { MASK_F3,  0x4000, "c.lw",       decode_mem_w,    trans_lw },
    { MASK_F3,  0x6000, "c.ld",       decode_mem_d,    trans_ld },
    { MASK_F3,  0xa000, "c.fsd",      decode_mem_d,    trans_fsd },
    { MASK_F3,  0xc000, "c.sw",       decode_mem_w,    trans_sw },
    { MASK_F3,  0xe000, "c.sd",       decode_mem_d,    trans_sd },

    /* quadrant 1 */
    { MASK_RD0, 0x0001, "c.nop",      decode_ci,       trans_addi },
    { MASK_F3,  0x0001, "c.addi",     decode_ci,       trans_addi },
    { MASK_F3,  0x2001, "c.addiw",    decode_ci,       trans_c_addiw },
    { MASK_F3,  0x4001, "c.li",       decode_li,       trans_addi },
    { MASK_RD0, 0x6101, "c.addi16sp", decode_addi16sp, trans_c_addi16sp },
    { MASK_F3,  0x6001, "c.lui",      decode_lui,      trans_c_lui },
    { MASK_F2,  0x8001, "c.srli",     decode_shift_creg, trans_srli },
    { MASK_F2,  0x8401, "c.srai",     decode_shift_creg, trans_srai },
    { MASK_F2,  0x8801, "c.andi",     decode_andi,     trans_andi },
    { MASK_CA,  0x8c01, "c.sub",      decode_ca,       trans_sub },
    { MASK_CA,  0x8c21, "c.xor",      decode_ca,       trans_xor },
    { MASK_CA,  0x8c41, "c.or",       decode_ca,       trans_or },
    { MASK_CA,  0x8c61, "c.and",      decode_ca,       trans_and },
    { MASK_CA,  0x9c01, "c.subw",     decode_ca,       trans_subw },
    { MASK_CA,  0x9c21, "c.addw",     decode_ca,       trans_addw },
    { MASK_F3,  0xa001, "c.j",        decode_j,        trans_jal },
    { MASK_F3,  0xc001, "c.beqz",     decode_branch,   trans_beq },
    { MASK_F3,  0xe001, "c.bnez",     decode_branch,   trans_bne },

    /* quadrant 2 */
    { MASK_F3,  0x0002, "c.slli",     decode_slli,       trans_slli },
    { MASK_F3,  0x2002, "c.fldsp",    decode_load_sp_d,  trans_fld },
    { MASK_F3,  0x4002, "c.lwsp",     decode_load_sp_w,  trans_c_lwsp },
    { MASK_F3,  0x6002, "c.ldsp",     decode_load_sp_d,  trans_c_ldsp },
    { MASK_CR0, 0x8002, "c.jr",       decode_jr,         trans_c_jr },
    { MASK_CR,  0x8002, "c.mv",       decode_mv,         trans_add },
    { 0xffff,   0x9002, "c.ebreak",   rv_decode_none,    trans_ebreak },
    { MASK_CR0, 0x9002, "c.jalr",     decode_jalr,       trans_jalr },
    { MASK_CR,  0x9002, "c.add",      decode_add,        trans_add },
    { MASK_F3,  0xa002, "c.fsdsp",    decode_store_sp_d, trans_fsd },
    { MASK_F3,  0xc002, "c.swsp",     decode_store_sp_w, trans_sw },
    { MASK_F3,  0xe002, "c.sdsp",     decode_store_sp_d, trans_sd },
};

const struct rv_pattern_table rv_c_table = {
    "C", patterns, sizeof(patterns) / sizeof(patterns[0]), true
};
