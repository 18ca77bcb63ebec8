/*
 * trans_* functions shared between pattern tables.
 *
 * A compressed pattern (rv_c.c) decodes into the base instruction's
 * struct rv_args and calls the base trans function, so each instruction's
 * IR is written once.  The FP loads/stores used by RVC are defined by the
 * FP extension files (rv_f.c, rv_d.c).
 *
 * Every trans function returns false, having emitted nothing, when its
 * operands form a reserved encoding; rv_translate then ends the block
 * with an illegal-instruction exit.
 */
#ifndef TANDEM_RV_TRANS_H
#define TANDEM_RV_TRANS_H

#include <stdbool.h>
#include <stdint.h>

#include "frontend/riscv/rv.h"

/* RV64I (rv_i.c) */
bool trans_lui(struct rv_ctx *ctx, const struct rv_args *a);
/* May the block go on at target, the destination of a direct jump at
 * ctx->pc?  Then the jump costs nothing (rv_translate.c). */
bool rv_may_follow(const struct rv_ctx *ctx, uint64_t target);
/* Is pc inside the code the block holds so far (its own start included)? */
bool rv_block_holds(const struct rv_ctx *ctx, uint64_t pc);
bool trans_jal(struct rv_ctx *ctx, const struct rv_args *a);
bool trans_jalr(struct rv_ctx *ctx, const struct rv_args *a);
bool trans_beq(struct rv_ctx *ctx, const struct rv_args *a);
bool trans_bne(struct rv_ctx *ctx, const struct rv_args *a);
bool trans_lw(struct rv_ctx *ctx, const struct rv_args *a);
bool trans_ld(struct rv_ctx *ctx, const struct rv_args *a);
bool trans_sw(struct rv_ctx *ctx, const struct rv_args *a);
bool trans_sd(struct rv_ctx *ctx, const struct rv_args *a);
bool trans_addi(struct rv_ctx *ctx, const struct rv_args *a);
bool trans_addiw(struct rv_ctx *ctx, const struct rv_args *a);
bool trans_andi(struct rv_ctx *ctx, const struct rv_args *a);
bool trans_slli(struct rv_ctx *ctx, const struct rv_args *a);
bool trans_srli(struct rv_ctx *ctx, const struct rv_args *a);
bool trans_srai(struct rv_ctx *ctx, const struct rv_args *a);
bool trans_add(struct rv_ctx *ctx, const struct rv_args *a);
bool trans_sub(struct rv_ctx *ctx, const struct rv_args *a);
bool trans_xor(struct rv_ctx *ctx, const struct rv_args *a);
bool trans_or(struct rv_ctx *ctx, const struct rv_args *a);
bool trans_and(struct rv_ctx *ctx, const struct rv_args *a);
bool trans_addw(struct rv_ctx *ctx, const struct rv_args *a);
bool trans_subw(struct rv_ctx *ctx, const struct rv_args *a);
bool trans_ebreak(struct rv_ctx *ctx, const struct rv_args *a);

/* Zicsr (rv_zicsr.c): the CSR's name, or NULL if tandem does not know it */
const char *rv_csr_name(uint32_t csr);

/* F and D loads/stores (rv_f.c, rv_d.c; written by the FP engineer) */
bool trans_flw(struct rv_ctx *ctx, const struct rv_args *a);
bool trans_fsw(struct rv_ctx *ctx, const struct rv_args *a);
bool trans_fld(struct rv_ctx *ctx, const struct rv_args *a);
bool trans_fsd(struct rv_ctx *ctx, const struct rv_args *a);

#endif
