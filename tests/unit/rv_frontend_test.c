/*
 * RISC-V front-end unit test: decodes and translates raw instruction
 * words from a fake code buffer, without running them.
 *
 *   - golden disassembly for every operand layout (the decoders' fields
 *     and immediates; these strings were checked against binutils);
 *   - the reserved encodings the spec names are illegal, HINTs are not;
 *   - block structure: terminators, exits, the 64-insn limit, page ends,
 *     fetch faults, jalr with rd = rs1;
 *   - every 16-bit halfword and 200000 random 32-bit words translate
 *     into IR that ir_validate accepts (a fresh block for each input).
 *
 * Exit status 0 when every check passes.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exec/exec.h"
#include "frontend/riscv/rv.h"
#include "mem/guest_mem.h"

#define CODE_BASE 0x10000ull
#define CODE_PAGES 2

static uint8_t code[CODE_PAGES * GUEST_PAGE_SIZE];
static uint64_t code_end = CODE_BASE;   /* fetches at or past this fail */
static int failures;
struct tandem_options opt;   /* the CSR helpers read opt.stats */

bool guest_fetch16(uint64_t addr, uint16_t *out)
{
    if (addr < CODE_BASE || addr + 2 > code_end)
        return false;
    memcpy(out, code + (addr - CODE_BASE), 2);
    return true;
}

/* rv_fpu.o refers to it; nothing here runs guest code */
_Noreturn void guest_fatal_signal(struct vcpu *cpu, int sig, const char *fmt, ...)
{
    (void)cpu;
    fprintf(stderr, "unexpected guest_fatal_signal(%d)\n", sig);
    abort();
}

static void fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("FAIL: ", stdout);
    vprintf(fmt, ap);
    fputc('\n', stdout);
    va_end(ap);
    failures++;
}

/* Place words (halfwords when len is 2) at CODE_BASE + offset. */
static void put_code(uint64_t offset, uint32_t word, unsigned len)
{
    memcpy(code + offset, &word, len);
    if (CODE_BASE + offset + len > code_end)
        code_end = CODE_BASE + offset + len;
}

static void reset_code(void)
{
    memset(code, 0, sizeof(code));
    code_end = CODE_BASE;
}

static void translate_at(struct ir_block *b, uint64_t pc)
{
    ir_block_init(b, pc);
    rv_translate_block(b, pc);
    const char *bad = ir_validate(b);
    if (bad)
        fail("block at 0x%llx: %s", (unsigned long long)pc, bad);
}

static const struct ir_insn *last_insn(const struct ir_block *b)
{
    return &b->insns[b->n - 1];
}

/* Does the block end by going to guest address pc (its fall-through)? */
static bool ends_with_goto(const struct ir_block *b, uint64_t pc)
{
    return last_insn(b)->op == IR_goto_pc && (uint64_t)last_insn(b)->imm == pc;
}

/* Does the block hold a side exit to pc that takes back `after`
 * instructions (the guest instructions after it in the block)? */
static bool has_side_exit(struct ir_block *b, uint64_t pc, uint32_t after)
{
    ir_note_side_exits(b);
    for (uint32_t k = 0; k < b->n; k++)
        if (b->insns[k].op == IR_brcond && (uint64_t)b->insns[k].imm == pc && b->insns[k].aux == after)
            return true;
    return false;
}

/* Translate one instruction alone; return the exit reason, or 0 if it
 * does not leave through IR_exit. */
static unsigned exit_of_single(uint32_t word, unsigned len)
{
    struct ir_block b;
    reset_code();
    put_code(0, word, len);
    translate_at(&b, CODE_BASE);
    const struct ir_insn *i = last_insn(&b);
    unsigned why = (i->op == IR_exit && (uint64_t)i->imm == CODE_BASE) ? i->size : 0;
    ir_block_free(&b);
    return why;
}

/* ---- disassembly goldens ---- */

struct golden {
    uint32_t word;
    unsigned len;
    const char *text;
};

static const struct golden goldens[] = {
    { 0xfffff537, 4, "lui a0, 0xfffff" },
    { 0x80000197, 4, "auipc gp, 0x80000" },
    { 0x7ff7f0ef, 4, "jal ra, pc+524286" },
    { 0x800280e7, 4, "jalr ra, -2048(t0)" },
    { 0x7eb50fe3, 4, "beq a0, a1, pc+4094" },
    { 0x80941063, 4, "bne s0, s1, pc-4096" },
    { 0xfff58503, 4, "lb a0, -1(a1)" },
    { 0x00823483, 4, "ld s1, 8(tp)" },
    { 0x80a10023, 4, "sb a0, -2048(sp)" },
    { 0xfff6b613, 4, "sltiu a2, a3, -1" },
    { 0x03fa9a13, 4, "slli s4, s5, 63" },
    { 0x401cdc13, 4, "srai s8, s9, 1" },
    { 0x4111509b, 4, "sraiw ra, sp, 17" },
    { 0x40c58533, 4, "sub a0, a1, a2" },
    { 0x407302bb, 4, "subw t0, t1, t2" },
    { 0x0330000f, 4, "fence rw, rw" },
    { 0x8330000f, 4, "fence.tso" },
    { 0x0000100f, 4, "fence.i" },
    { 0x00000073, 4, "ecall" },
    { 0x02c5c533, 4, "div a0, a1, a2" },
    { 0x1405b52f, 4, "lr.d.aq a0, (a1)" },
    { 0x1ad7262f, 4, "sc.w.rl a2, a3, (a4)" },
    { 0xe6b6252f, 4, "amomaxu.w.aqrl a0, a1, (a2)" },
    { 0x00359573, 4, "csrrw a0, fcsr, a1" },
    { 0x0030d573, 4, "csrrwi a0, fcsr, 1" },
    { 0xc0002573, 4, "csrrs a0, cycle, zero" },
    { 0x1fe8, 2, "c.addi4spn a0, sp, 1020" },
    { 0x3fe8, 2, "c.fld fa0, 248(a5)" },
    { 0x5c74, 2, "c.lw a3, 124(s0)" },
    { 0xe5c0, 2, "c.sd s0, 136(a1)" },
    { 0x1501, 2, "c.addi a0, -32" },
    { 0x35fd, 2, "c.addiw a1, -1" },
    { 0x5281, 2, "c.li t0, -32" },
    { 0x7101, 2, "c.addi16sp sp, -512" },
    { 0x617d, 2, "c.addi16sp sp, 496" },
    { 0x7901, 2, "c.lui s2, 0xfffe0" },
    { 0x917d, 2, "c.srli a0, 63" },
    { 0x9a01, 2, "c.andi a2, -32" },
    { 0x9fb9, 2, "c.addw a5, a4" },
    { 0x1e7e, 2, "c.slli t3, 63" },
    { 0x347e, 2, "c.fldsp fs0, 504(sp)" },
    { 0x50fe, 2, "c.lwsp ra, 252(sp)" },
    { 0x8082, 2, "c.jr ra" },
    { 0x857e, 2, "c.mv a0, t6" },
    { 0x9002, 2, "c.ebreak" },
    { 0x9282, 2, "c.jalr t0" },
    { 0x9446, 2, "c.add s0, a7" },
    { 0xbffe, 2, "c.fsdsp ft11, 504(sp)" },
    { 0xdfaa, 2, "c.swsp a0, 252(sp)" },
    { 0xaffd, 2, "c.j pc+2046" },
    { 0xb001, 2, "c.j pc-2048" },
    { 0xcd7d, 2, "c.beqz a0, pc+254" },
    { 0xf081, 2, "c.bnez s1, pc-256" },
    { 0x0000, 2, "illegal 0x0000" },
};

static void test_disassembly(void)
{
    char buf[96];
    for (size_t i = 0; i < sizeof(goldens) / sizeof(goldens[0]); i++) {
        const struct golden *g = &goldens[i];
        rv_disassemble(buf, sizeof(buf), g->word, g->len);
        if (strcmp(buf, g->text) != 0)
            fail("disassemble %08x: got \"%s\", want \"%s\"", g->word, buf, g->text);
    }
    /* a tiny buffer is truncated, never overrun */
    char small[6] = "zzzzz";
    rv_disassemble(small, 4, 0x40c58533, 4);
    if (strlen(small) != 3)
        fail("disassemble into 4 bytes: \"%s\"", small);
}

/* ---- legality ---- */

struct legality {
    uint32_t word;
    unsigned len;
    bool illegal;
    const char *what;
};

static const struct legality legalities[] = {
    { 0x0000, 2, true, "all-zero halfword" },
    { 0x0020, 2, false, "c.addi4spn s0, sp, 8" },
    { 0x6101, 2, true, "c.addi16sp with imm 0" },
    { 0x6501, 2, true, "c.lui a0 with imm 0" },
    { 0x6001, 2, true, "c.lui x0 with imm 0" },
    { 0x6005, 2, false, "c.lui x0, 1 (HINT)" },
    { 0x4002, 2, true, "c.lwsp x0" },
    { 0x6002, 2, true, "c.ldsp x0" },
    { 0x8002, 2, true, "c.jr x0" },
    { 0x2001, 2, true, "c.addiw x0" },
    { 0x4001, 2, false, "c.li x0 (HINT)" },
    { 0x8006, 2, false, "c.mv x0, ra (HINT)" },
    { 0x0002, 2, false, "c.slli x0, 0 (HINT)" },
    { 0x8001, 2, false, "c.srli s0, 0 (HINT)" },
    { 0x9c41, 2, true, "reserved CA encoding (funct 10, bit 12 set)" },
    { 0x8000, 2, true, "quadrant 0 funct3 100" },
    { 0x0200101b, 4, true, "slliw with shamt[5] = 1" },
    { 0x0200501b, 4, true, "srliw with shamt[5] = 1" },
    { 0x02001013, 4, false, "slli with shamt[5] = 1" },
    { 0x1010252f, 4, true, "lr.w with rs2 != 0" },
    { 0xc0059573, 4, true, "csrrw to read-only cycle" },
    { 0xc010e573, 4, true, "csrrsi to read-only time with uimm != 0" },
    { 0xc0102573, 4, false, "csrrs time, x0 (read only)" },
    { 0x7c002573, 4, true, "unknown CSR 0x7c0" },
    { 0x00000013, 4, false, "addi x0, x0, 0" },
    { 0xffffffff, 4, true, "all ones" },
    { 0x0000007f, 4, true, "48-bit-and-longer prefix" },
};

static void test_legality(void)
{
    for (size_t i = 0; i < sizeof(legalities) / sizeof(legalities[0]); i++) {
        const struct legality *l = &legalities[i];
        bool illegal = exit_of_single(l->word, l->len) == IR_EXIT_ILLEGAL;
        if (illegal != l->illegal)
            fail("%s (%08x): %s", l->what, l->word, illegal ? "illegal" : "accepted");
    }
    /* the illegal exit carries the raw bits */
    struct ir_block b;
    reset_code();
    put_code(0, 0x1010252f, 4);
    translate_at(&b, CODE_BASE);
    if (last_insn(&b)->aux != 0x1010252f)
        fail("illegal exit word %08x", last_insn(&b)->aux);
    ir_block_free(&b);
}

/* ---- block structure ---- */

static void test_exits(void)
{
    struct { uint32_t word; unsigned len; unsigned why; uint64_t pc_delta; } cases[] = {
        { 0x00000073, 4, IR_EXIT_SYSCALL, 0 },
        { 0x00100073, 4, IR_EXIT_BREAKPOINT, 0 },
        { 0x9002, 2, IR_EXIT_BREAKPOINT, 0 },
        { 0x0000100f, 4, IR_EXIT_FLUSH_CODE, 4 },
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct ir_block b;
        reset_code();
        put_code(0, cases[i].word, cases[i].len);
        put_code(cases[i].len, 0x00000013, 4);   /* must not be translated */
        translate_at(&b, CODE_BASE);
        const struct ir_insn *x = last_insn(&b);
        if (x->op != IR_exit || x->size != cases[i].why ||
            (uint64_t)x->imm != CODE_BASE + cases[i].pc_delta || b.n_guest != 1)
            fail("exit for %08x: op %u reason %u pc 0x%llx n_guest %u", cases[i].word,
                 x->op, x->size, (unsigned long long)x->imm, b.n_guest);
        ir_block_free(&b);
    }
}

static void test_limits(void)
{
    struct ir_block b;

    /* 100 nops: the block stops at 64 and continues at the 65th */
    reset_code();
    for (unsigned i = 0; i < 100; i++)
        put_code(4 * i, 0x00000013, 4);
    translate_at(&b, CODE_BASE);
    if (b.n_guest != 64 || b.end_pc != CODE_BASE + 256 ||
        !ends_with_goto(&b, CODE_BASE + 256))
        fail("64-insn limit: n_guest %u end 0x%llx", b.n_guest, (unsigned long long)b.end_pc);
    ir_block_free(&b);

    /* a block never runs onto the next page */
    reset_code();
    for (unsigned i = 0; i < 8; i++)
        put_code(GUEST_PAGE_SIZE - 8 + 4 * i, 0x00000013, 4);
    translate_at(&b, CODE_BASE + GUEST_PAGE_SIZE - 8);
    if (b.n_guest != 2 || b.end_pc != CODE_BASE + GUEST_PAGE_SIZE)
        fail("page end: n_guest %u end 0x%llx", b.n_guest, (unsigned long long)b.end_pc);
    ir_block_free(&b);

    /* an insn straddling the page end is translated alone */
    reset_code();
    for (unsigned i = 0; i < 4; i++)
        put_code(GUEST_PAGE_SIZE - 6 + 4 * i, 0x00000013, 4);
    translate_at(&b, CODE_BASE + GUEST_PAGE_SIZE - 6);
    if (b.n_guest != 1 || b.end_pc != CODE_BASE + GUEST_PAGE_SIZE - 2)
        fail("before a straddling insn: n_guest %u", b.n_guest);
    ir_block_free(&b);
    translate_at(&b, CODE_BASE + GUEST_PAGE_SIZE - 2);
    if (b.n_guest != 1 || b.end_pc != CODE_BASE + GUEST_PAGE_SIZE + 2)
        fail("straddling insn: n_guest %u", b.n_guest);
    ir_block_free(&b);

    /* fetch fault on the first insn: exit at pc */
    reset_code();
    translate_at(&b, CODE_BASE);
    if (last_insn(&b)->op != IR_exit || last_insn(&b)->size != IR_EXIT_FETCH_FAULT ||
        (uint64_t)last_insn(&b)->imm != CODE_BASE)
        fail("fetch fault on first insn");
    ir_block_free(&b);

    /* a later 32-bit insn whose second half is unmapped: stop before it */
    reset_code();
    put_code(0, 0x0001, 2);          /* c.nop */
    put_code(2, 0x0013, 2);          /* first half of a 32-bit insn */
    translate_at(&b, CODE_BASE);
    if (b.n_guest != 1 || !ends_with_goto(&b, CODE_BASE + 2))
        fail("fetch fault on a later insn: n_guest %u", b.n_guest);
    ir_block_free(&b);
}

static void test_control_flow(void)
{
    struct ir_block b;

    /* jalr ra, 4(ra): the target is taken from ra before ra is written */
    reset_code();
    put_code(0, 0x004080e7, 4);
    translate_at(&b, CODE_BASE);
    int target_computed = -1, link_written = -1;
    uint16_t target_slot = IR_SLOT_NONE;
    for (uint32_t k = 0; k < b.n; k++) {
        const struct ir_insn *i = &b.insns[k];
        if (i->op == IR_addi && i->a == 1 && i->imm == 4) {
            target_computed = (int)k;
            target_slot = i->dst;
        }
        if (i->dst == 1 && i->op == IR_movi && (uint64_t)i->imm == CODE_BASE + 4)
            link_written = (int)k;
    }
    const struct ir_insn *end = last_insn(&b);
    if (target_computed < 0 || link_written < target_computed || target_slot == 1 ||
        end->op != IR_goto_ind || end->a != target_slot)
        fail("jalr ra, 4(ra) ordering");
    ir_block_free(&b);

    /* c.li a0, -32 is a constant move into a0 */
    reset_code();
    put_code(0, 0x5501, 2);
    put_code(2, 0x8082, 2);   /* c.jr ra ends the block */
    translate_at(&b, CODE_BASE);
    if (b.insns[1].op != IR_movi || b.insns[1].dst != 10 || b.insns[1].imm != -32)
        fail("c.li a0, -32");
    ir_block_free(&b);

    /* c.beqz a0, +8: brcond to pc+8, then fall through to pc+2 */
    reset_code();
    put_code(0, 0xc501, 2);
    translate_at(&b, CODE_BASE);
    const struct ir_insn *br = &b.insns[b.n - 2];
    if (br->op != IR_brcond || br->size != IR_EQ || br->a != 10 || br->b != 0 ||
        (uint64_t)br->imm != CODE_BASE + 8 || !ends_with_goto(&b, CODE_BASE + 2))
        fail("c.beqz");
    ir_block_free(&b);

    /* j within the page: the block goes on at the target (the word it
     * skips is never read); j back to the block's start ends it */
    reset_code();
    put_code(0, 0x00150513, 4);    /* addi a0, a0, 1 */
    put_code(4, 0x0080006f, 4);    /* j +8 */
    put_code(8, 0x00000000, 4);    /* (illegal: skipped) */
    put_code(12, 0x00250513, 4);   /* addi a0, a0, 2 */
    put_code(16, 0xff1ff06f, 4);   /* j -16: the start */
    translate_at(&b, CODE_BASE);
    uint64_t starts[8];
    unsigned n_starts = 0;
    bool has_exit = false;
    for (uint32_t k = 0; k < b.n; k++) {
        if (b.insns[k].op == IR_insn_start && n_starts < 8)
            starts[n_starts++] = (uint64_t)b.insns[k].imm - CODE_BASE;
        has_exit |= b.insns[k].op == IR_exit;
    }
    if (b.n_guest != 4 || n_starts != 4 || starts[0] != 0 || starts[1] != 4 || starts[2] != 12 ||
        starts[3] != 16 || has_exit || !ends_with_goto(&b, CODE_BASE))
        fail("j +8 followed, j to the start not");
    ir_block_free(&b);

    /* j to the next page is not followed: a block depends on one page */
    reset_code();
    put_code(0, 0x00150513, 4);    /* addi a0, a0, 1 */
    put_code(4, 0x7fd0006f, 4);    /* j +4092: offset 4096 */
    put_code(4096, 0x00250513, 4);
    translate_at(&b, CODE_BASE);
    if (b.n_guest != 2 || !ends_with_goto(&b, CODE_BASE + 4096))
        fail("j to another page ends the block");
    ir_block_free(&b);

    /* a forward branch is a side exit and the block goes on, after a
     * followed jump (a switch dispatch's bounds check) or not (a fast
     * path's tests); the exit takes back the count of what follows it */
    reset_code();
    put_code(0, 0x00150513, 4);    /* addi a0, a0, 1 */
    put_code(4, 0x0080006f, 4);    /* j +8 */
    put_code(12, 0x04050063, 4);   /* beqz a0, +64 */
    put_code(16, 0x00250513, 4);   /* addi a0, a0, 2 */
    put_code(20, 0x00008067, 4);   /* ret */
    translate_at(&b, CODE_BASE);
    if (b.n_guest != 5 || !has_side_exit(&b, CODE_BASE + 76, 2) || last_insn(&b)->op != IR_goto_ind)
        fail("forward branch after a followed jump goes on");
    ir_block_free(&b);

    reset_code();
    put_code(0, 0x00050463, 4);    /* beqz a0, +8 */
    put_code(4, 0x00250513, 4);    /* addi a0, a0, 2 */
    put_code(8, 0x00008067, 4);    /* ret */
    translate_at(&b, CODE_BASE);
    if (b.n_guest != 3 || !has_side_exit(&b, CODE_BASE + 8, 2) || last_insn(&b)->op != IR_goto_ind)
        fail("forward branch in a straight block goes on");
    ir_block_free(&b);

    /* a backward branch ends it: a loop, best translated from its head */
    reset_code();
    put_code(0, 0x00150513, 4);    /* addi a0, a0, 1 */
    put_code(4, 0xfe050ee3, 4);    /* beqz a0, -4 */
    put_code(8, 0x00250513, 4);
    translate_at(&b, CODE_BASE);
    if (b.n_guest != 2 || !ends_with_goto(&b, CODE_BASE + 8))
        fail("backward branch ends the block");
    ir_block_free(&b);

    /* a branch back into the block's own code ends it (a loop) */
    reset_code();
    put_code(0, 0x00150513, 4);    /* addi a0, a0, 1 */
    put_code(4, 0x0080006f, 4);    /* j +8 */
    put_code(12, 0x00250513, 4);   /* addi a0, a0, 2 */
    put_code(16, 0xfe050ae3, 4);   /* beqz a0, -12: offset 4 */
    put_code(20, 0x00350513, 4);
    translate_at(&b, CODE_BASE);
    if (b.n_guest != 4 || !ends_with_goto(&b, CODE_BASE + 20))
        fail("branch back into the block ends it");
    ir_block_free(&b);
}

static void test_atomics(void)
{
    struct ir_block b;
    reset_code();
    put_code(0, 0x1005a52f, 4);   /* lr.w a0, (a1) */
    put_code(4, 0x18d5a62f, 4);   /* sc.w a2, a3, (a1) */
    put_code(8, 0x0cb6302f, 4);   /* amoswap.d.aq zero, a1, (a2) */
    translate_at(&b, CODE_BASE);
    bool lr = false, sc = false, amo = false, fence_after_amo = false;
    for (uint32_t k = 0; k < b.n; k++) {
        const struct ir_insn *i = &b.insns[k];
        if (i->op == IR_ld_link)
            lr = i->dst == 10 && i->a == 11 && i->size == (2 | IR_MEM_SIGNED);
        if (i->op == IR_st_cond)
            sc = i->dst == 12 && i->a == 11 && i->b == 13 && i->size == 2;
        if (i->op == IR_amo) {
            amo = i->dst >= IR_NUM_GLOBALS && i->a == 12 && i->b == 11 &&
                  i->size == 3 && i->aux == IR_AMO_SWAP;
            fence_after_amo = k + 1 < b.n && b.insns[k + 1].op == IR_fence &&
                              b.insns[k + 1].aux == IR_FENCE_ALL;
        }
    }
    if (!lr || !sc || !amo || !fence_after_amo)
        fail("atomics: lr %d sc %d amo %d aq-fence %d", lr, sc, amo, fence_after_amo);
    ir_block_free(&b);
}

/* ---- every input yields valid IR ---- */

static void test_all_inputs_valid(void)
{
    for (uint32_t h = 0; h < 0x10000; h++) {
        if ((h & 3) == 3)
            continue;
        exit_of_single(h, 2);   /* translate_at reports invalid IR */
    }
    uint64_t x = 0x9e3779b97f4a7c15ull;
    for (unsigned i = 0; i < 200000; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        exit_of_single((uint32_t)x | 3, 4);
    }
}

int main(void)
{
    test_disassembly();
    test_legality();
    test_exits();
    test_limits();
    test_control_flow();
    test_atomics();
    test_all_inputs_valid();
    if (failures) {
        printf("rv_frontend_test: %d failures\n", failures);
        return 1;
    }
    printf("rv_frontend_test: PASS\n");
    return 0;
}
