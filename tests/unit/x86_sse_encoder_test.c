/*
 * Checks the JIT's SSE/FMA3 encoders (x86_emit.c) against exact bytes,
 * derived from the Intel SDM (66/F2/F3 prefixes before REX, 3-byte VEX
 * with inverted R/X/B and vvvv) and cross-checked with GNU as.
 *
 * The encoder is compiled in directly, so this test needs no link rule.
 */
#include <stdio.h>
#include <string.h>

#include "../../src/backend/x86/x86_emit.c"

static int failures;
static uint8_t mem[32];

#include "encoder_expect.h"

struct sse_case {
    const char *name;
    void (*emit)(struct x86_buf *b);
    uint8_t want[8];
    unsigned n;
};

static void movq_xmm0_r12(struct x86_buf *b) { x86_movq_xr(b, true, 0, X86_R12); }
static void movq_rax_xmm0(struct x86_buf *b) { x86_movq_rx(b, true, X86_RAX, 0); }
static void movq_r9_xmm0(struct x86_buf *b)  { x86_movq_rx(b, true, X86_R9, 0); }
static void movd_xmm1_eax(struct x86_buf *b) { x86_movq_xr(b, false, 1, X86_RAX); }
static void movd_eax_xmm0(struct x86_buf *b) { x86_movq_rx(b, false, X86_RAX, 0); }
static void mulsd_0_1(struct x86_buf *b)     { x86_sse_arith(b, X86_SSE_MUL, true, 0, 1); }
static void addss_2_7(struct x86_buf *b)     { x86_sse_arith(b, X86_SSE_ADD, false, 2, 7); }
static void subsd_0_1(struct x86_buf *b)     { x86_sse_arith(b, X86_SSE_SUB, true, 0, 1); }
static void divss_0_1(struct x86_buf *b)     { x86_sse_arith(b, X86_SSE_DIV, false, 0, 1); }
static void sqrtss_0_1(struct x86_buf *b)    { x86_sse_arith(b, X86_SSE_SQRT, false, 0, 1); }
static void ucomisd_0_1(struct x86_buf *b)   { x86_ucomis(b, true, 0, 1); }
static void ucomiss_3_5(struct x86_buf *b)   { x86_ucomis(b, false, 3, 5); }
static void test_rbp_byte(struct x86_buf *b) { x86_test_m8i(b, x86_mem(X86_RBP, 0x2208), 1); }
static void fma_sd_0_1_2(struct x86_buf *b)  { x86_vfmadd231(b, true, 0, 1, 2); }
static void fma_ss_0_1_2(struct x86_buf *b)  { x86_vfmadd231(b, false, 0, 1, 2); }

/* xmm8..xmm15 take REX.R / REX.B (VEX: inverted R / B), as GPRs do */
static void movsd_load_9(struct x86_buf *b)   { x86_movsd_load(b, 9, x86_mem(X86_RBP, 0x10)); }
static void movsd_store_4(struct x86_buf *b)  { x86_movsd_store(b, x86_mem_idx(X86_R15, X86_R11, 0, 0), 4); }
static void movaps_2_10(struct x86_buf *b)    { x86_movaps(b, 2, 10); }
static void addsd_10_3(struct x86_buf *b)     { x86_sse_arith(b, X86_SSE_ADD, true, 10, 3); }
static void fma_sd_10_11_12(struct x86_buf *b) { x86_vfmadd231(b, true, 10, 11, 12); }
static void fnmadd_sd_0_1_2(struct x86_buf *b) { x86_vfma231(b, X86_FNMADD, true, 0, 1, 2); }
static void fmsub_sd_0_1_2(struct x86_buf *b)  { x86_vfma231(b, X86_FMSUB, true, 0, 1, 2); }
static void movq_rdx_xmm9(struct x86_buf *b)  { x86_movq_rx(b, true, X86_RDX, 9); }

static const struct sse_case cases[] = {
    { "movsd xmm9, [rbp + 0x10]", movsd_load_9, { 0xf2, 0x44, 0x0f, 0x10, 0x4d, 0x10 }, 6 },
    { "movsd [r15 + r11], xmm4", movsd_store_4, { 0xf2, 0x43, 0x0f, 0x11, 0x24, 0x1f }, 6 },
    { "movaps xmm2, xmm10", movaps_2_10, { 0x41, 0x0f, 0x28, 0xd2 }, 4 },
    { "addsd xmm10, xmm3", addsd_10_3, { 0xf2, 0x44, 0x0f, 0x58, 0xd3 }, 5 },
    { "vfmadd231sd xmm10, xmm11, xmm12", fma_sd_10_11_12, { 0xc4, 0x42, 0xa1, 0xb9, 0xd4 }, 5 },
    { "vfnmadd231sd xmm0, xmm1, xmm2", fnmadd_sd_0_1_2, { 0xc4, 0xe2, 0xf1, 0xbd, 0xc2 }, 5 },
    { "vfmsub231sd xmm0, xmm1, xmm2", fmsub_sd_0_1_2, { 0xc4, 0xe2, 0xf1, 0xbb, 0xc2 }, 5 },
    { "movq rdx, xmm9", movq_rdx_xmm9, { 0x66, 0x4c, 0x0f, 0x7e, 0xca }, 5 },
    { "movq xmm0, r12", movq_xmm0_r12, { 0x66, 0x49, 0x0f, 0x6e, 0xc4 }, 5 },
    { "movq rax, xmm0", movq_rax_xmm0, { 0x66, 0x48, 0x0f, 0x7e, 0xc0 }, 5 },
    { "movq r9, xmm0",  movq_r9_xmm0,  { 0x66, 0x49, 0x0f, 0x7e, 0xc1 }, 5 },
    { "movd xmm1, eax", movd_xmm1_eax, { 0x66, 0x0f, 0x6e, 0xc8 }, 4 },
    { "movd eax, xmm0", movd_eax_xmm0, { 0x66, 0x0f, 0x7e, 0xc0 }, 4 },
    { "mulsd xmm0, xmm1", mulsd_0_1,   { 0xf2, 0x0f, 0x59, 0xc1 }, 4 },
    { "addss xmm2, xmm7", addss_2_7,   { 0xf3, 0x0f, 0x58, 0xd7 }, 4 },
    { "subsd xmm0, xmm1", subsd_0_1,   { 0xf2, 0x0f, 0x5c, 0xc1 }, 4 },
    { "divss xmm0, xmm1", divss_0_1,   { 0xf3, 0x0f, 0x5e, 0xc1 }, 4 },
    { "sqrtss xmm0, xmm1", sqrtss_0_1, { 0xf3, 0x0f, 0x51, 0xc1 }, 4 },
    { "ucomisd xmm0, xmm1", ucomisd_0_1, { 0x66, 0x0f, 0x2e, 0xc1 }, 4 },
    { "ucomiss xmm3, xmm5", ucomiss_3_5, { 0x0f, 0x2e, 0xdd }, 3 },
    { "test byte [rbp + 0x2208], 1", test_rbp_byte, { 0xf6, 0x85, 0x08, 0x22, 0x00, 0x00, 0x01 }, 7 },
    { "vfmadd231sd xmm0, xmm1, xmm2", fma_sd_0_1_2, { 0xc4, 0xe2, 0xf1, 0xb9, 0xc2 }, 5 },
    { "vfmadd231ss xmm0, xmm1, xmm2", fma_ss_0_1_2, { 0xc4, 0xe2, 0x71, 0xb9, 0xc2 }, 5 },
};

int main(void)
{
    unsigned n = sizeof cases / sizeof cases[0];
    for (unsigned k = 0; k < n; k++) {
        struct x86_buf b;
        x86_buf_init(&b, mem, sizeof mem);
        cases[k].emit(&b);
        expect(cases[k].name, &b, cases[k].want, cases[k].n);
    }
    if (failures) {
        printf("%d of %u SSE encodings wrong\n", failures, n);
        return 1;
    }
    printf("all %u SSE encodings match\n", n);
    return 0;
}
