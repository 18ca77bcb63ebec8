/*
 * RV64GC front-end: decodes guest instructions into IR.
 *
 * Decoding is declarative: each extension file (rv_i.c, rv_m.c, rv_a.c,
 * rv_f.c, rv_d.c, rv_c.c, rv_zicsr.c, rv_zifencei.c) exports a table of
 * struct rv_pattern, one line per instruction: mask/match bits, an operand
 * format and a trans_<insn>() that emits IR.  rv_decode.c walks the
 * tables; rv_translate.c builds a block.  Compressed patterns decode into
 * the same struct rv_args and reuse the base trans functions.
 *
 * The front-end never implements atomic semantics: LR/SC/AMO become
 * ld_link/st_cond/amo IR ops (shared/DESIGN.md rule 2).
 *
 * Concurrency: translation is done by the vCPU thread that missed in the
 * cache; everything here is either per-call (struct rv_ctx) or const.
 */
#ifndef TANDEM_RV_H
#define TANDEM_RV_H

#include <stdbool.h>
#include <stdint.h>

#include "ir/ir.h"

/* operand formats: which fields rv_decode fills in */
enum rv_format {
    RV_FMT_R, RV_FMT_I, RV_FMT_S, RV_FMT_B, RV_FMT_U, RV_FMT_J,
    RV_FMT_R4,       /* fused multiply-add: rs3, rm */
    RV_FMT_NONE,     /* no operands (ecall, ebreak, fence.i) */
    /* compressed formats decode into the same fields */
    RV_FMT_C_FIRST,
};

struct rv_args {
    uint8_t rd, rs1, rs2, rs3;
    uint8_t rm;          /* rounding mode field (funct3) for FP */
    uint8_t aq, rl;      /* A extension ordering bits */
    int64_t imm;         /* sign-extended immediate (I/S/B/U/J, shamt, csr) */
    uint32_t csr;        /* CSR number for Zicsr */
};

/* The guest code a block covers so far: straight runs of instructions
 * ("segments"), joined by direct jumps the block follows (rv_translate.c). */
#define RV_MAX_SEGMENTS 4
struct rv_walk {
    uint64_t start_pc;
    unsigned n_seg;
    uint64_t seg_start[RV_MAX_SEGMENTS];
    uint64_t seg_end[RV_MAX_SEGMENTS];   /* of finished segments */
};

struct rv_ctx {
    struct ir_block *b;
    struct rv_walk *walk; /* NULL: follow no jump */
    uint64_t next_pc;     /* 0, or where the block goes on (a followed jump) */
    uint64_t pc;         /* pc of the instruction being translated */
    uint32_t word;       /* its raw bits (the halfword, zero-extended, for RVC) */
    unsigned len;        /* 2 or 4 */
    bool ended;          /* the instruction ended the block */
};

typedef bool (*rv_trans_fn)(struct rv_ctx *ctx, const struct rv_args *a);
/* Fills args from an instruction word. */
typedef void (*rv_decode_fn)(uint32_t word, struct rv_args *a);

struct rv_pattern {
    uint32_t mask, match;
    const char *name;
    rv_decode_fn decode;  /* operand extraction for this pattern's format */
    rv_trans_fn trans;    /* returns false, having emitted nothing, if the operands
                             are reserved/illegal (shared ones: rv_trans.h) */
};

struct rv_pattern_table {
    const char *ext;      /* "I", "M", ... for tracing */
    const struct rv_pattern *patterns;
    unsigned count;
    bool compressed;      /* table matches 16-bit words */
};

extern const struct rv_pattern_table rv_i_table, rv_m_table, rv_a_table,
    rv_f_table, rv_d_table, rv_c_table, rv_zicsr_table, rv_zifencei_table;

/* Operand decoders shared by the tables (rv_decode.c). */
void rv_decode_r(uint32_t w, struct rv_args *a);
void rv_decode_r4(uint32_t w, struct rv_args *a);
void rv_decode_i(uint32_t w, struct rv_args *a);
void rv_decode_s(uint32_t w, struct rv_args *a);
void rv_decode_b(uint32_t w, struct rv_args *a);
void rv_decode_u(uint32_t w, struct rv_args *a);
void rv_decode_j(uint32_t w, struct rv_args *a);
void rv_decode_none(uint32_t w, struct rv_args *a);

/* Find the pattern that matches word (len 2 or 4); NULL if none. */
const struct rv_pattern *rv_lookup(uint32_t word, unsigned len, struct rv_args *args);

/* Translate the block at pc into b. Always ends b with a terminator. */
void rv_translate_block(struct ir_block *b, uint64_t pc);

/* Write "name operands" for the instruction into buf (for --trace). */
void rv_disassemble(char *buf, unsigned size, uint32_t word, unsigned len);

/*
 * Helpers for trans functions (rv_translate.c):
 *   reading x0 gives a slot that holds 0; writing x0 is discarded.
 */
uint16_t rv_xreg_read(struct rv_ctx *ctx, unsigned r);   /* slot holding x[r] */
uint16_t rv_xreg_dest(struct rv_ctx *ctx, unsigned r);   /* slot to write x[r] (a scratch temp for x0) */
void rv_illegal(struct rv_ctx *ctx);                     /* end the block with an illegal-instruction exit */
void rv_end_block_goto(struct rv_ctx *ctx, uint64_t target);

#endif
