/*
 * Checks the x86-64 encoder against exact byte sequences, derived by hand
 * from the Intel SDM encoding rules (REX.W/R/X/B, ModRM, SIB, the
 * rbp/r13 and rsp/r12 special cases, byte registers needing REX).
 */
#include <stdio.h>
#include <string.h>

#include "backend/x86/x86_emit.h"

static int failures;

#include "encoder_expect.h"

static uint8_t mem[64];
static struct x86_buf buf;
static struct x86_buf *fresh(void)
{
    x86_buf_init(&buf, mem, sizeof mem);
    return &buf;
}

#define CASE(name, emit, ...) do {                          \
        static const uint8_t want_[] = { __VA_ARGS__ };     \
        struct x86_buf *b = fresh();                        \
        emit;                                               \
        expect(name, b, want_, sizeof want_);               \
    } while (0)

int main(void)
{
    CASE("mov rax, rbx", x86_mov_rr(b, true, X86_RAX, X86_RBX), 0x48, 0x89, 0xD8);
    CASE("mov r8d, ecx", x86_mov_rr(b, false, X86_R8, X86_RCX), 0x41, 0x89, 0xC8);
    CASE("mov rax, [rbp+0x10]", x86_load(b, X86_LD_64, X86_RAX, x86_mem(X86_RBP, 0x10)),
         0x48, 0x8B, 0x45, 0x10);
    CASE("mov rax, [r13]", x86_load(b, X86_LD_64, X86_RAX, x86_mem(X86_R13, 0)),
         0x49, 0x8B, 0x45, 0x00);
    CASE("mov rax, [rsp]", x86_load(b, X86_LD_64, X86_RAX, x86_mem(X86_RSP, 0)),
         0x48, 0x8B, 0x04, 0x24);
    CASE("mov rax, [r12+8]", x86_load(b, X86_LD_64, X86_RAX, x86_mem(X86_R12, 8)),
         0x49, 0x8B, 0x44, 0x24, 0x08);
    CASE("mov rdx, [rbp+0x2000]", x86_load(b, X86_LD_64, X86_RDX, x86_mem(X86_RBP, 0x2000)),
         0x48, 0x8B, 0x95, 0x00, 0x20, 0x00, 0x00);
    CASE("movzx eax, byte [r15+r11]",
         x86_load(b, X86_LD_ZX8, X86_RAX, x86_mem_idx(X86_R15, X86_R11, 0, 0)),
         0x43, 0x0F, 0xB6, 0x04, 0x1F);
    CASE("movsx r9, word [r15+r11]",
         x86_load(b, X86_LD_SX16, X86_R9, x86_mem_idx(X86_R15, X86_R11, 0, 0)),
         0x4F, 0x0F, 0xBF, 0x0C, 0x1F);
    CASE("movsxd rbx, dword [r15+r11]",
         x86_load(b, X86_LD_SX32, X86_RBX, x86_mem_idx(X86_R15, X86_R11, 0, 0)),
         0x4B, 0x63, 0x1C, 0x1F);
    CASE("mov rax, [rbp+rax*8+0x48]",
         x86_load(b, X86_LD_64, X86_RAX, x86_mem_idx(X86_RBP, X86_RAX, 3, 0x48)),
         0x48, 0x8B, 0x44, 0xC5, 0x48);
    CASE("mov rax, [rip+0x100]", x86_load(b, X86_LD_64, X86_RAX, x86_mem_rip(0x100)),
         0x48, 0x8B, 0x05, 0x00, 0x01, 0x00, 0x00);
    CASE("lea r11, [rsi+0x1000]", x86_lea(b, X86_R11, x86_mem(X86_RSI, 0x1000)),
         0x4C, 0x8D, 0x9E, 0x00, 0x10, 0x00, 0x00);
    CASE("lea r11, [rdi-8]", x86_lea(b, X86_R11, x86_mem(X86_RDI, -8)),
         0x4C, 0x8D, 0x5F, 0xF8);
    CASE("mov [r15+r11], sil", x86_store(b, 0, x86_mem_idx(X86_R15, X86_R11, 0, 0), X86_RSI),
         0x43, 0x88, 0x34, 0x1F);
    CASE("mov [rax], dx", x86_store(b, 1, x86_mem(X86_RAX, 0), X86_RDX), 0x66, 0x89, 0x10);
    CASE("mov [rbx], r8d", x86_store(b, 2, x86_mem(X86_RBX, 0), X86_R8), 0x44, 0x89, 0x03);
    CASE("mov [rbp+0x18], r13", x86_store(b, 3, x86_mem(X86_RBP, 0x18), X86_R13),
         0x4C, 0x89, 0x6D, 0x18);
    CASE("mov qword [rbp+0x2000], -5", x86_mov_mi(b, true, x86_mem(X86_RBP, 0x2000), -5),
         0x48, 0xC7, 0x85, 0x00, 0x20, 0x00, 0x00, 0xFB, 0xFF, 0xFF, 0xFF);
    CASE("add rax, 1", x86_alu_ri(b, true, X86_ADD, X86_RAX, 1), 0x48, 0x83, 0xC0, 0x01);
    CASE("cmp rcx, 0x12345", x86_alu_ri(b, true, X86_CMP, X86_RCX, 0x12345),
         0x48, 0x81, 0xF9, 0x45, 0x23, 0x01, 0x00);
    CASE("and r10d, -16", x86_alu_ri(b, false, X86_AND, X86_R10, -16), 0x41, 0x83, 0xE2, 0xF0);
    CASE("sub r12, r13", x86_alu_rr(b, true, X86_SUB, X86_R12, X86_R13), 0x4D, 0x29, 0xEC);
    CASE("xor eax, eax", x86_alu_rr(b, false, X86_XOR, X86_RAX, X86_RAX), 0x31, 0xC0);
    CASE("cmp rsi, [rax+8]", x86_alu_rm(b, true, X86_CMP, X86_RSI, x86_mem(X86_RAX, 8)),
         0x48, 0x3B, 0x70, 0x08);
    CASE("add qword [rbp+0x40], 3", x86_alu_mi(b, true, X86_ADD, x86_mem(X86_RBP, 0x40), 3),
         0x48, 0x83, 0x45, 0x40, 0x03);
    CASE("add [rbp+0x1000], r9", x86_alu_mr(b, true, X86_ADD, x86_mem(X86_RBP, 0x1000), X86_R9),
         0x4C, 0x01, 0x8D, 0x00, 0x10, 0x00, 0x00);
    CASE("cmp byte [r14+rax], 0", x86_cmp_m8i(b, x86_mem_idx(X86_R14, X86_RAX, 0, 0), 0),
         0x41, 0x80, 0x3C, 0x06, 0x00);
    CASE("test rdi, rdi", x86_test_rr(b, true, X86_RDI, X86_RDI), 0x48, 0x85, 0xFF);
    CASE("bt rax, rdx", x86_bt_rr(b, true, X86_RAX, X86_RDX), 0x48, 0x0F, 0xA3, 0xD0);
    CASE("bt r11, rcx", x86_bt_rr(b, true, X86_R11, X86_RCX), 0x49, 0x0F, 0xA3, 0xCB);
    CASE("shl r9, 3", x86_shift_ri(b, true, X86_SHL, X86_R9, 3), 0x49, 0xC1, 0xE1, 0x03);
    CASE("shr eax, 38", x86_shift_ri(b, false, X86_SHR, X86_RAX, 38), 0xC1, 0xE8, 0x26);
    CASE("sar rdx, cl", x86_shift_cl(b, true, X86_SAR, X86_RDX), 0x48, 0xD3, 0xFA);
    CASE("imul r10, rbx", x86_imul_rr(b, true, X86_R10, X86_RBX), 0x4C, 0x0F, 0xAF, 0xD3);
    CASE("idiv rsi", x86_unary(b, true, X86_IDIV, X86_RSI), 0x48, 0xF7, 0xFE);
    CASE("div r9d", x86_unary(b, false, X86_DIV, X86_R9), 0x41, 0xF7, 0xF1);
    CASE("neg rax", x86_unary(b, true, X86_NEG, X86_RAX), 0x48, 0xF7, 0xD8);
    CASE("cqo", x86_cqo(b), 0x48, 0x99);
    CASE("setl sil", x86_setcc(b, X86_CC_L, X86_RSI), 0x40, 0x0F, 0x9C, 0xC6);
    CASE("setb al", x86_setcc(b, X86_CC_B, X86_RAX), 0x0F, 0x92, 0xC0);
    CASE("movzx eax, sil", x86_extend_rr(b, X86_LD_ZX8, X86_RAX, X86_RSI), 0x40, 0x0F, 0xB6, 0xC6);
    CASE("movzx r8d, r9w", x86_extend_rr(b, X86_LD_ZX16, X86_R8, X86_R9), 0x45, 0x0F, 0xB7, 0xC1);
    CASE("movsxd rax, ecx", x86_extend_rr(b, X86_LD_SX32, X86_RAX, X86_RCX), 0x48, 0x63, 0xC1);
    CASE("movsx rbx, dil", x86_extend_rr(b, X86_LD_SX8, X86_RBX, X86_RDI), 0x48, 0x0F, 0xBE, 0xDF);
    CASE("mov eax, eax", x86_extend_rr(b, X86_LD_ZX32, X86_RAX, X86_RAX), 0x8B, 0xC0);
    CASE("cmovne rax, rcx", x86_cmov(b, true, X86_CC_NE, X86_RAX, X86_RCX), 0x48, 0x0F, 0x45, 0xC1);
    /* inline AMOs: [guest_base + addr], the forms gen_amo_inline emits */
    CASE("xchg [r15+rsi], rax", x86_xchg_mr(b, true, x86_mem_idx(X86_R15, X86_RSI, 0, 0), X86_RAX),
         0x49, 0x87, 0x04, 0x37);
    CASE("xchg [r15+r8], eax", x86_xchg_mr(b, false, x86_mem_idx(X86_R15, X86_R8, 0, 0), X86_RAX),
         0x43, 0x87, 0x04, 0x07);
    CASE("lock xadd [r15+rsi], rax", x86_lock_xadd_mr(b, true, x86_mem_idx(X86_R15, X86_RSI, 0, 0), X86_RAX),
         0xF0, 0x49, 0x0F, 0xC1, 0x04, 0x37);
    CASE("lock xadd [r15+rbx], ecx", x86_lock_xadd_mr(b, false, x86_mem_idx(X86_R15, X86_RBX, 0, 0), X86_RCX),
         0xF0, 0x41, 0x0F, 0xC1, 0x0C, 0x1F);
    CASE("lock cmpxchg [r15+r9], rcx", x86_lock_cmpxchg_mr(b, true, x86_mem_idx(X86_R15, X86_R9, 0, 0), X86_RCX),
         0xF0, 0x4B, 0x0F, 0xB1, 0x0C, 0x0F);
    CASE("lock cmpxchg [r15+rsi], ecx", x86_lock_cmpxchg_mr(b, false, x86_mem_idx(X86_R15, X86_RSI, 0, 0), X86_RCX),
         0xF0, 0x41, 0x0F, 0xB1, 0x0C, 0x37);
    CASE("movabs rax, imm64", x86_movabs(b, X86_RAX, 0x123456789abcdef0ull),
         0x48, 0xB8, 0xF0, 0xDE, 0xBC, 0x9A, 0x78, 0x56, 0x34, 0x12);
    CASE("mov ecx, 5", x86_mov_ri(b, X86_RCX, 5), 0xB9, 0x05, 0x00, 0x00, 0x00);
    CASE("mov r12d, 0x80000000", x86_mov_ri(b, X86_R12, 0x80000000u),
         0x41, 0xBC, 0x00, 0x00, 0x00, 0x80);
    CASE("mov r9, -1", x86_mov_ri(b, X86_R9, UINT64_MAX), 0x49, 0xC7, 0xC1, 0xFF, 0xFF, 0xFF, 0xFF);
    CASE("movabs r10, 1<<40", x86_mov_ri(b, X86_R10, 1ull << 40),
         0x49, 0xBA, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00);
    CASE("call r11", x86_call_r(b, X86_R11), 0x41, 0xFF, 0xD3);
    CASE("jmp rax", x86_jmp_r(b, X86_RAX), 0xFF, 0xE0);
    CASE("push r15", x86_push(b, X86_R15), 0x41, 0x57);
    CASE("push rbp", x86_push(b, X86_RBP), 0x55);
    CASE("pop rbx", x86_pop(b, X86_RBX), 0x5B);
    CASE("pop r12", x86_pop(b, X86_R12), 0x41, 0x5C);
    CASE("ret", x86_ret(b), 0xC3);
    CASE("mfence", x86_mfence(b), 0x0F, 0xAE, 0xF0);
    CASE("nop3", x86_nops(b, 3), 0x0F, 0x1F, 0x00);
    /* a forward jump over one byte, then a backward jcc to offset 0 */
    CASE("jmp +1; ret; jne 0", {
        uint32_t f = x86_jmp32(b);
        x86_ret(b);
        x86_patch_rel32(b, f, x86_offset(b));
        uint32_t g = x86_jcc32(b, X86_CC_NE);
        x86_patch_rel32(b, g, 0);
    }, 0xE9, 0x01, 0x00, 0x00, 0x00, 0xC3, 0x0F, 0x85, 0xF4, 0xFF, 0xFF, 0xFF);
    CASE("align rel32 field of a jmp at offset 1", {
        x86_ret(b);
        x86_align_field(b, 1, 4);
        x86_jmp32(b);
    }, 0xC3, 0x66, 0x90, 0xE9, 0x00, 0x00, 0x00, 0x00);

    /* running out of space is reported, never written past */
    {
        uint8_t small[8];
        struct x86_buf b;
        x86_buf_init(&b, small, 4);
        x86_movabs(&b, X86_RAX, 1);
        if (!b.overflow || x86_offset(&b) != 4) {
            printf("FAIL overflow not reported\n");
            failures++;
        }
    }

    if (failures) {
        printf("x86_encoder_test: %d failures\n", failures);
        return 1;
    }
    printf("x86_encoder_test: all passed\n");
    return 0;
}
