/*
 * Differential fuzz generator (native).  Two jobs:
 *
 *   gen [-l] [-n COUNT] [-u UPTO] SEED   writes to stdout a standalone riscv64
 *       assembly program: seeded random x/f registers, fcsr and a 4 KiB
 *       scratch buffer, then COUNT random RV64GC instructions, then one
 *       write(1) of the scratch buffer and every register, and exit(0).
 *       With -u only the first UPTO instructions of the same sequence are
 *       emitted (to bisect a difference down to one instruction).  With
 *       -l the sequence has LR/SC too (never compared with qemu).
 *   gen -c A B                      compares two such outputs; prints the
 *       first difference (registers, then the fflags log, then scratch)
 *       and exits 1, or exits 0 when they are equal.
 *   gen -p A                        prints the registers of an output.
 *
 * Guest register conventions: x9 (s1) is the reserved base register,
 * pointing at scratch + 2048 so every 12-bit offset stays inside the
 * buffer; sp points at scratch + 3584 for the sp-relative compressed
 * forms; neither is ever written by the random sequence.  Right after
 * the scratch buffer (sp + 512) lie the fflags log (one byte per item:
 * some FP instructions are followed by a read of fflags stored there, so
 * a wrong flag cannot hide behind the accumulated fcsr) and then the
 * register dump (sp + 1024).
 *
 * x27 (s11) accumulates the results of about half of the items and x26
 * (s10) is its scratch, so a wrong result shows even when a later item
 * overwrites it unread; both are reserved too.
 *
 * An item is one instruction or a short group (li + csrrw, auipc + jalr,
 * c.addi16sp + access + c.addi16sp back, a counted loop of items).
 * Control flow goes forward to local labels, except the counted loops'
 * backward branch, so every program ends.  The generator tracks the set
 * of frm values possible at each item (across branches) and never leaves
 * an invalid rounding mode behind, so a dyn-rm instruction never traps.
 * No LR/SC (qemu's differ from tandem's exact monitor), no system
 * instructions.  Each program draws its own mix: item-kind weights, with
 * or without control flow, all registers or a narrow set of a few.
 *
 * Every random draw happens in a statement of its own, so a seed gives
 * the same program whatever compiler built this file.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SCRATCH_SIZE 4096
#define FLAGLOG_SIZE 512
#define REGS_OFFSET (SCRATCH_SIZE + FLAGLOG_SIZE)
#define DUMP_SIZE (REGS_OFFSET + 65 * 8)   /* scratch, flag log, x0-x31, f0-f31, fcsr */
#define SP_TO_DUMP 512                     /* sp = scratch + 3584 */
#define BASE_REG 9                          /* s1 */
#define SP_REG 2
#define ACC_REG 27                          /* s11: sum of observed results */
#define TMP_REG 26                          /* s10: scratch for observing f registers */
#define DEFAULT_COUNT 300
#define ITEM_MAX 4096

/* ---- deterministic random numbers (splitmix64) ---- */

static uint64_t rng_state;

static uint64_t rnd(void)
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static unsigned below(unsigned n) { return (unsigned)(rnd() % n); }
static int chance(unsigned percent) { return below(100) < percent; }
static int64_t range(int64_t lo, int64_t hi) { return lo + (int64_t)(rnd() % (uint64_t)(hi - lo + 1)); }

#define PICK(array) (array[below(sizeof(array) / sizeof(array[0]))])

/* ---- interesting values ---- */

static const uint64_t int_edges[] = {
    0, 1, 2, 0xffffffffffffffffull, 0x8000000000000000ull, 0x7fffffffffffffffull,
    0x80000000ull, 0x7fffffffull, 0xffffffffull, 0xffffffff80000000ull,
    0x100000000ull, 0xffffffff7fffffffull, 31, 32, 63, 64, 0xfffffffffffff800ull,
};

static const uint64_t double_edges[] = {
    0, 0x8000000000000000ull, 0x3ff0000000000000ull, 0xbff0000000000000ull,
    0x7ff0000000000000ull, 0xfff0000000000000ull,            /* +-inf */
    0x7ff8000000000000ull, 0x7ff0000000000001ull,            /* qNaN, sNaN */
    0xfff8000000000001ull, 0x7ffc000000001234ull,            /* NaNs with payload */
    0x0000000000000001ull, 0x000fffffffffffffull,            /* subnormals */
    0x8000000000000001ull, 0x0010000000000000ull, 0x7fefffffffffffffull,
    0x43e0000000000000ull, 0x43f0000000000000ull, 0xc3e0000000000000ull, /* 2^63 2^64 -2^63 */
    0xc3e0000000000001ull, 0x43dfffffffffffffull, 0x43efffffffffffffull,
    0x41e0000000000000ull, 0x41f0000000000000ull, 0xc1e0000000000000ull, /* 2^31 2^32 -2^31 */
    0x41dfffffffc00000ull, 0x41efffffffe00000ull, 0xc1e0000000200000ull,
    0x3fe0000000000000ull, 0x3ff8000000000000ull, 0x4004000000000000ull, /* .5 1.5 2.5 */
    0xbfe0000000000000ull, 0xc004000000000000ull, 0x3fefffffffffffffull,
    0x36a0000000000000ull, 0x47efffffe0000000ull,            /* single's tiny / max */
};

static const uint32_t single_edges[] = {
    0, 0x80000000u, 0x3f800000u, 0xbf800000u, 0x7f800000u, 0xff800000u,
    0x7fc00000u, 0x7f800001u, 0xffc00001u, 0x7fa00000u,
    0x00000001u, 0x007fffffu, 0x80000001u, 0x00800000u, 0x7f7fffffu,
    0x5f000000u, 0x5f800000u, 0xdf000000u, 0x5effffffu, 0x5f7fffffu,
    0x4f000000u, 0x4f800000u, 0xcf000000u, 0x4effffffu, 0x4f7fffffu, 0xcf000001u,
    0x3f000000u, 0x3fc00000u, 0x40200000u, 0xbf000000u, 0xc0200000u, 0x3f7fffffu,
};

static uint64_t random_int(void)
{
    switch (below(6)) {
    case 0: case 1: return PICK(int_edges);
    case 2: return (uint64_t)range(-20, 20);
    case 3: return (uint64_t)(int64_t)(int32_t)rnd();
    case 4: {
        uint64_t v = rnd();
        return v >> below(64);
    }
    default: return rnd();
    }
}

/*
 * Magnitudes where conversions and rounding change behaviour: 0.5, 1,
 * 1.5, 2^31, 2^32, 2^63, 2^64 and the smallest normal, as doubles and as
 * singles; a value near one differs from it by a few units in the last
 * place.
 */
static const uint64_t double_boundaries[] = {
    0x3fe0000000000000ull, 0x3ff0000000000000ull, 0x3ff8000000000000ull, 0x41e0000000000000ull,
    0x41f0000000000000ull, 0x43e0000000000000ull, 0x43f0000000000000ull, 0x0010000000000000ull };
static const uint32_t single_boundaries[] = {
    0x3f000000u, 0x3f800000u, 0x3fc00000u, 0x4f000000u, 0x4f800000u, 0x5f000000u, 0x5f800000u, 0x00800000u };

/* A double of moderate magnitude with random mantissa: rounds interestingly. */
static uint64_t random_double(void)
{
    uint64_t sign = rnd() & 0x8000000000000000ull;
    if (chance(20)) {
        uint64_t near = PICK(double_boundaries);
        return sign | (near + (uint64_t)range(-3, 3));
    }
    uint64_t exp = (uint64_t)range(1023 - 70, 1023 + 70);
    return sign | exp << 52 | (rnd() & 0x000fffffffffffffull);
}

static uint32_t random_single(void)
{
    uint32_t sign = (uint32_t)rnd() & 0x80000000u;
    if (chance(20)) {
        uint32_t near = PICK(single_boundaries);
        return sign | (near + (uint32_t)range(-3, 3));
    }
    uint32_t exp = (uint32_t)range(127 - 40, 127 + 40);
    return sign | exp << 23 | ((uint32_t)rnd() & 0x007fffffu);
}

static uint64_t boxed(uint32_t s) { return 0xffffffff00000000ull | s; }

static uint64_t random_fp(void)
{
    switch (below(10)) {
    case 0: case 1: case 2: return PICK(double_edges);
    case 3: return random_double();
    case 4: case 5: case 6: return boxed(PICK(single_edges));
    case 7: return boxed(random_single());
    case 8: { /* not NaN-boxed: reads as the canonical NaN */
        uint64_t upper = chance(50) ? 0 : rnd() & 0xfffffffe00000000ull;
        return upper | PICK(single_edges);
    }
    default: return rnd();
    }
}

static uint64_t random_memory_word(void)
{
    switch (below(6)) {
    case 0: return random_int();
    case 1: return random_fp();
    case 2: {
        uint64_t upper = PICK(single_edges);
        return upper << 32 | random_single();
    }
    default: return rnd();
    }
}

/* ---- the instruction sequence ---- */

struct item {
    char text[ITEM_MAX];
    int label;            /* the label that goes right before it, or -1 */
};

static struct item *items;
static int nitems, cur;
static int next_label;
/*
 * The frm values the guest may have at the current item (bit n: frm = n).
 * A forward branch or jump adds the set at its source to its target's
 * incoming set, so CSR writes that may be skipped are accounted for.
 */
#define VALID_FRMS 0x1fu
static unsigned frm_mask;
static unsigned *frm_incoming;   /* per item */

static void emit(const char *fmt, ...)
{
    struct item *it = &items[cur];
    size_t used = strlen(it->text);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(it->text + used, ITEM_MAX - used, fmt, ap);
    va_end(ap);
}

/* Emits one compressed instruction (the file is otherwise .option norvc). */
static void emit_c(const char *fmt, ...)
{
    char buf[128];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    emit(".option rvc\n\t%s\n\t.option norvc", buf);
}

/*
 * The label right before the item `ahead` items later, made if needed;
 * items past the end share the label of the epilogue (item nitems).
 */
static int forward_label(int ahead)
{
    int at = cur + ahead < nitems ? cur + ahead : nitems;
    struct item *it = &items[at];
    frm_incoming[at] |= frm_mask;
    if (it->label < 0)
        it->label = next_label++;
    return it->label;
}

/* destinations never include sp or the base; x0 now and then */
static int loop_counter = -1;   /* reserved too, inside a loop body */

/*
 * Some programs use only a few registers (bit n of narrow_x: xn may be
 * used; 0 = all): long dependency chains, sources equal to destinations,
 * and register reuse in the JIT's allocator.
 */
static uint32_t narrow_x, narrow_f;

static int reserved(int r)
{
    return r == SP_REG || r == BASE_REG || r == ACC_REG || r == TMP_REG || r == loop_counter;
}
static int in_set(uint32_t set, int r) { return set == 0 || (set >> r & 1); }

static int xd(void)
{
    int r;
    if (chance(3))
        return 0;
    do
        r = (int)range(1, 31);
    while (reserved(r) || !in_set(narrow_x, r));
    return r;
}
static int xd_nz(void)
{
    int r;
    do
        r = xd();
    while (r == 0);
    return r;
}
/*
 * The registers the current item's instruction wrote (-1: none).  Half of
 * the time they are added into the accumulator x27 afterwards, so a wrong
 * result shows even when a later instruction overwrites it unread.
 */
static int obs_x = -1, obs_f = -1;

static void observe(void)
{
    if (obs_x > 0 && chance(50))
        emit("\n\tadd x%d, x%d, x%d", ACC_REG, ACC_REG, obs_x);
    if (obs_f >= 0 && chance(50))
        emit("\n\tfmv.x.d x%d, f%d\n\tadd x%d, x%d, x%d", TMP_REG, obs_f, ACC_REG, ACC_REG, TMP_REG);
    obs_x = obs_f = -1;
}

static int xs(void)
{
    int r;
    if (chance(5))
        return 0;
    do
        r = (int)range(0, 31);
    while (!in_set(narrow_x, r) && chance(95));
    return r;
}
static int cxd(void)   /* x8..x15 but the base */
{
    int r;
    do
        r = (int)range(8, 15);
    while (r == BASE_REG || r == loop_counter || !in_set(narrow_x, r));
    return r;
}
static int cxs(void)
{
    int r;
    do
        r = (int)range(8, 15);
    while (!in_set(narrow_x, r) && chance(95));
    return r;
}
static int fr(void)
{
    int r;
    do
        r = (int)below(32);
    while (!in_set(narrow_f, r));
    return r;
}

/* narrow_x: two of x8-x15 (for compressed forms) and three more */
static void choose_register_sets(void)
{
    int i, r;
    narrow_x = narrow_f = 0;
    if (!chance(30))
        return;
    for (i = 0; i < 2; i++) {
        do
            r = (int)range(8, 15);
        while (reserved(r) || (narrow_x >> r & 1));
        narrow_x |= 1u << r;
    }
    for (i = 0; i < 3; i++) {
        do
            r = (int)range(1, 31);
        while (reserved(r) || (narrow_x >> r & 1));
        narrow_x |= 1u << r;
    }
    for (i = 0; i < 4; i++)
        narrow_f |= 1u << below(32);
}

/*
 * What each f register last received, 's' or 'd' (approximate across
 * branches).  Sources mostly match the operation's format: mixing them
 * makes canonical NaNs, which would soon fill the register file.
 */
static char ftype[32];

static int fsrc(char p)
{
    int i, r;
    if (chance(85))
        for (i = 0; i < 32; i++) {
            r = fr();
            if (ftype[r] == p)
                return r;
        }
    return fr();
}
static int fdst(char p)
{
    int r = fr();
    ftype[r] = p;
    return r;
}
static const char *rm_static(void)
{
    static const char *names[] = { "rne", "rtz", "rdn", "rup", "rmm", "dyn" };
    return PICK(names);
}
/* ", rm" or nothing (the assembler's default is dyn) */
static const char *rm(void)
{
    static char buf[8];
    if (chance(15))
        return "";
    snprintf(buf, sizeof buf, ", %s", rm_static());
    return buf;
}

static void li(int r, uint64_t v) { emit("li x%d, %" PRId64 "\n\t", r, (int64_t)v); }

/*
 * Every random draw below is a separate statement: C leaves the order of
 * argument evaluation open, and a seed must give the same program
 * whatever compiler built this generator.
 */

static void gen_alu(void)
{
    static const char *rr[] = { "add", "sub", "sll", "slt", "sltu", "xor", "srl", "sra", "or", "and",
                                "addw", "subw", "sllw", "srlw", "sraw",
                                "mul", "mulh", "mulhsu", "mulhu", "div", "divu", "rem", "remu",
                                "mulw", "divw", "divuw", "remw", "remuw" };
    const char *op = PICK(rr);
    int rd = xd(), rs1 = xs(), rs2 = xs();
    emit("%s x%d, x%d, x%d", op, rd, rs1, rs2);
    obs_x = rd;
}

static void gen_alu_imm(void)
{
    static const char *ri[] = { "addi", "slti", "sltiu", "xori", "ori", "andi", "addiw" };
    static const char *sh[] = { "slli", "srli", "srai" };
    static const char *shw[] = { "slliw", "srliw", "sraiw" };
    static const int imm_edges[] = { 0, -1, 1, -2048, 2047, 31, 32 };
    int kind = (int)below(5), rd = xd(), rs = xs(), imm;
    const char *op;
    obs_x = rd;
    switch (kind) {
    case 0: case 1:
        op = PICK(ri);
        imm = chance(30) ? PICK(imm_edges) : (int)range(-2048, 2047);
        emit("%s x%d, x%d, %d", op, rd, rs, imm);
        break;
    case 2:
        op = PICK(sh);
        emit("%s x%d, x%d, %d", op, rd, rs, (int)below(64));
        break;
    case 3:
        op = PICK(shw);
        emit("%s x%d, x%d, %d", op, rd, rs, (int)below(32));
        break;
    default:
        op = chance(50) ? "lui" : "auipc";
        emit("%s x%d, %d", op, rd, (int)below(1 << 20));
        break;
    }
}

/* A byte offset from the base (s1 = scratch + 2048) for an access of `size`. */
static int base_offset(int size)
{
    int off = (int)range(-2048, 2048 - size);
    if (chance(70))
        off &= ~(size - 1);
    return off;
}
/*
 * sp = scratch + 3584: offsets -2048 .. 512 - size stay inside; now and
 * then an access straddles sp + 512, the next page (the flag log, which
 * is data like any other until the dump).
 */
static int sp_offset(int size)
{
    int off = (int)range(-2048, 512 - size);
    if (size > 1 && chance(10))
        return 512 - size + (int)range(1, size - 1);
    if (chance(70))
        off &= ~(size - 1);
    return off;
}

static void gen_mem(void)
{
    static const struct { const char *name; int size; char file; } ops[] = {
        { "lb", 1, 'x' }, { "lbu", 1, 'x' }, { "lh", 2, 'x' }, { "lhu", 2, 'x' }, { "lw", 4, 'x' },
        { "lwu", 4, 'x' }, { "ld", 8, 'x' }, { "flw", 4, 'f' }, { "fld", 8, 'f' },
        { "sb", 1, 'x' }, { "sh", 2, 'x' }, { "sw", 4, 'x' }, { "sd", 8, 'x' }, { "fsw", 4, 'f' },
        { "fsd", 8, 'f' } };
    int k = (int)below(sizeof ops / sizeof ops[0]);
    int is_store = ops[k].name[ops[k].name[0] == 'f'] == 's';
    int use_sp = chance(20);
    char p = ops[k].size == 4 ? 's' : 'd';
    int reg = ops[k].file == 'x' ? (is_store ? xs() : xd()) : is_store ? fsrc(p) : fdst(p);
    int off = use_sp ? sp_offset(ops[k].size) : base_offset(ops[k].size);
    emit("%s %c%d, %d(x%d)", ops[k].name, ops[k].file, reg, off, use_sp ? SP_REG : BASE_REG);
    if (!is_store)
        *(ops[k].file == 'x' ? &obs_x : &obs_f) = reg;
}

/* A fresh integer, often an edge value (li expands to several instructions). */
static void gen_int_reload(void)
{
    int rd = xd_nz();
    li(rd, random_int());
}

/*
 * sp moves and comes back: c.addi16sp, one sp-relative access corrected
 * for the move, c.addi16sp back.
 */
static void gen_sp_move(void)
{
    int move, off, size = 1 << below(4), rd = xd();
    do {
        move = (int)range(-31, 31) * 16;   /* both move and -move fit */
        off = sp_offset(size);
    } while (move == 0 || off - move < -2048 || off - move > 2047);
    emit_c("c.addi16sp sp, %d", move);
    emit("\n\t%s x%d, %d(sp)\n\t", size == 8 ? "ld" : size == 4 ? "lw" : size == 2 ? "lh" : "lb", rd,
         off - move);
    emit_c("c.addi16sp sp, %d", -move);
    obs_x = rd;
}

/*
 * Compressed HINTs, which must run as no-ops (the assembler will not
 * write most of them, so they are raw halfwords).
 */
static void gen_hint(void)
{
    unsigned imm = (unsigned)range(1, 63);              /* nonzero 6-bit immediate */
    unsigned imm_bits = (imm >> 5 & 1) << 12 | (imm & 31) << 2;
    unsigned r = (unsigned)range(1, 31), cr = (unsigned)range(0, 7);
    unsigned word;
    const char *what;
    switch (below(9)) {
    case 0: word = 0x0001 | imm_bits; what = "c.nop with an immediate"; break;
    case 1: word = 0x0001 | r << 7; what = "c.addi with immediate 0"; break;
    case 2: word = 0x4001 | imm_bits; what = "c.li x0"; break;
    case 3: word = 0x6001 | imm_bits; what = "c.lui x0"; break;
    case 4: word = 0x8002 | r << 2; what = "c.mv x0"; break;
    case 5: word = 0x9002 | r << 2; what = "c.add x0"; break;
    case 6: word = 0x0002 | imm_bits; what = "c.slli x0"; break;
    case 7: word = 0x0002 | r << 7; what = "c.slli with shift 0"; break;
    default: word = (chance(50) ? 0x8001 : 0x8401) | cr << 7; what = "c.srli/c.srai with shift 0"; break;
    }
    emit(".2byte 0x%04x  # hint: %s", word, what);
}

static void gen_fence(void)
{
    static const char *fences[] = { "fence", "fence rw, rw", "fence r, r", "fence w, w", "fence.tso",
                                    "fence iorw, iorw" };
    emit("%s", PICK(fences));
}

static void gen_amo(void)
{
    static const char *ops[] = { "amoswap", "amoadd", "amoxor", "amoand", "amoor",
                                 "amomin", "amomax", "amominu", "amomaxu" };
    static const char *order[] = { "", ".aq", ".rl", ".aqrl" };
    int size = chance(50) ? 4 : 8;
    int addr = xd_nz();
    int off = base_offset(size) & ~(size - 1);
    const char *op = PICK(ops), *ord = PICK(order);
    int rd = xd(), rs2 = xs();
    emit("addi x%d, x%d, %d\n\t", addr, BASE_REG, off);
    emit("%s.%c%s x%d, x%d, (x%d)", op, size == 4 ? 'w' : 'd', ord, rd, rs2, addr);
    obs_x = rd;
}

static void gen_branch(void)
{
    static const char *conds[] = { "beq", "bne", "blt", "bge", "bltu", "bgeu" };
    int label = forward_label((int)range(1, 4));
    if (chance(25)) {
        const char *op = chance(50) ? "c.beqz" : "c.bnez";
        emit_c("%s x%d, .Lt%d", op, cxs(), label);
    } else {
        const char *op = PICK(conds);
        int rs1 = xs(), rs2 = xs();
        emit("%s x%d, x%d, .Lt%d", op, rs1, rs2, label);
    }
}

static void gen_jump(void)
{
    int label = forward_label((int)range(1, 4));
    int tmp, rd;
    const char *op;
    switch (below(5)) {
    case 0: emit("jal x%d, .Lt%d", xd(), label); break;
    case 1: emit_c("c.j .Lt%d", label); break;
    case 2:
        tmp = xd_nz();
        rd = xd();
        /* .Lp names the auipc; several jumps may share a target */
        emit(".Lp%d: auipc x%d, %%pcrel_hi(.Lt%d)\n\t", cur, tmp, label);
        emit("jalr x%d, %%pcrel_lo(.Lp%d)(x%d)", rd, cur, tmp);
        break;
    default:
        tmp = xd_nz();
        op = chance(50) ? "c.jr" : "c.jalr";
        emit("lla x%d, .Lt%d\n\t", tmp, label);
        emit_c("%s x%d", op, tmp);
        break;
    }
}

static void gen_compressed(void)
{
    static const char *shifts[] = { "c.srli", "c.srai" };
    static const char *ca[] = { "c.sub", "c.xor", "c.or", "c.and", "c.subw", "c.addw" };
    int kind = (int)below(20);
    int r = xd_nz(), cr = cxd(), cs = cxs();
    int nz6 = (int)range(-32, 30);
    int imm6 = (int)range(-32, 31);
    const char *op;
    if (nz6 >= 0)
        nz6++;   /* nonzero, -32..31 */
    if (kind <= 3 || kind == 8 || kind == 9 || kind == 13 || kind == 14)
        obs_x = r;
    else if (kind <= 7 || kind == 10 || kind == 11 || kind == 18)
        obs_x = cr;
    switch (kind) {
    case 0: emit_c("c.addi x%d, %d", r, nz6); break;
    case 1: emit_c("c.addiw x%d, %d", r, imm6); break;
    case 2: emit_c("c.li x%d, %d", r, imm6); break;
    case 3: /* the assembler wants the 6-bit immediate as 1..31 or 0xfffe0..0xfffff */
        emit_c("c.lui x%d, %d", r, nz6 > 0 ? nz6 : 0x100000 + nz6);
        break;
    case 4: op = PICK(shifts); emit_c("%s x%d, %d", op, cr, (int)range(1, 63)); break;
    case 5: emit_c("c.andi x%d, %d", cr, imm6); break;
    case 6: case 7: op = PICK(ca); emit_c("%s x%d, x%d", op, cr, cs); break;
    case 8: op = chance(50) ? "c.mv" : "c.add"; emit_c("%s x%d, x%d", op, r, (int)range(1, 31)); break;
    case 9: emit_c("c.slli x%d, %d", r, (int)range(1, 63)); break;
    case 10: emit_c("c.lw x%d, %d(x%d)", cr, (int)below(32) * 4, BASE_REG); break;
    case 11: emit_c("c.ld x%d, %d(x%d)", cr, (int)below(32) * 8, BASE_REG); break;
    case 12:
        if (chance(50))
            emit_c("c.sw x%d, %d(x%d)", cs, (int)below(32) * 4, BASE_REG);
        else
            emit_c("c.sd x%d, %d(x%d)", cs, (int)below(32) * 8, BASE_REG);
        break;
    case 13: emit_c("c.lwsp x%d, %d(sp)", r, (int)below(64) * 4); break;
    case 14: emit_c("c.ldsp x%d, %d(sp)", r, (int)below(64) * 8); break;
    case 15:
        r = xs();
        if (chance(50))
            emit_c("c.swsp x%d, %d(sp)", r, (int)below(64) * 4);
        else
            emit_c("c.sdsp x%d, %d(sp)", r, (int)below(64) * 8);
        break;
    case 16:
        op = chance(50) ? "c.fld" : "c.fsd";
        if (op[3] == 'l')
            ftype[cs] = 'd', obs_f = cs;
        emit_c("%s f%d, %d(x%d)", op, cs, (int)below(32) * 8, BASE_REG);
        break;
    case 17:
        op = chance(50) ? "c.fldsp" : "c.fsdsp";
        r = op[3] == 'l' ? fdst('d') : fsrc('d');
        if (op[3] == 'l')
            obs_f = r;
        emit_c("%s f%d, %d(sp)", op, r, (int)below(64) * 8);
        break;
    case 18: emit_c("c.addi4spn x%d, sp, %d", cr, (int)range(1, 255) * 4); break;
    default: emit_c("c.nop"); break;
    }
}

/*
 * Loads a fresh value from the constant pools (fpool_d, fpool_s: mostly
 * moderate numbers, some edge values), so that NaNs and infinities do
 * not take over the register file.
 */
#define POOL_SIZE 128
static void gen_fp_reload(void)
{
    char p = chance(50) ? 's' : 'd';
    int tmp = xd_nz(), index = (int)below(POOL_SIZE), rd = fdst(p);
    emit("lla x%d, fpool_%c + %d\n\t", tmp, p, index * (p == 's' ? 4 : 8));
    emit("%s f%d, 0(x%d)", p == 's' ? "flw" : "fld", rd, tmp);
}

/* Sometimes logs fflags (and sometimes clears them) after an FP item. */
static void log_fflags(void)
{
    int t, clear;
    if (!chance(50))
        return;
    t = xd_nz();
    clear = chance(50);
    emit("\n\tcsrr%c x%d, fflags, x0\n\tsb x%d, %d(sp)", clear ? 'w' : 's', t, t,
         SP_TO_DUMP + cur % FLAGLOG_SIZE);
}

static void gen_fp_arith(void)
{
    static const char *r3[] = { "fadd", "fsub", "fmul", "fdiv" };
    static const char *r4[] = { "fmadd", "fmsub", "fnmsub", "fnmadd" };
    char p = chance(50) ? 's' : 'd';
    int kind = (int)below(4);
    const char *op3 = PICK(r3), *op4 = PICK(r4);
    int rs1 = fsrc(p), rs2 = fsrc(p), rs3 = fsrc(p), rd = fdst(p);
    const char *mode = rm();
    switch (kind) {
    case 0: case 1: emit("%s.%c f%d, f%d, f%d%s", op3, p, rd, rs1, rs2, mode); break;
    case 2: emit("fsqrt.%c f%d, f%d%s", p, rd, rs1, mode); break;
    default: emit("%s.%c f%d, f%d, f%d, f%d%s", op4, p, rd, rs1, rs2, rs3, mode); break;
    }
    obs_f = rd;
    log_fflags();
}

static void gen_fp_misc(void)
{
    static const char *r3[] = { "fsgnj", "fsgnjn", "fsgnjx", "fmin", "fmax" };
    static const char *cmp[] = { "feq", "flt", "fle" };
    static const char *ints[] = { "w", "wu", "l", "lu" };
    char p = chance(50) ? 's' : 'd';
    int kind = (int)below(9);
    const char *op3 = PICK(r3), *opc = PICK(cmp), *i = PICK(ints);
    int xr = xd(), xsrc = xs(), rd, rs1, rs2;
    const char *mode = rm();
    int variant = (int)below(10), static_rm = (int)below(5);
    char to = p;   /* the format written to rd */
    if (kind == 6)
        p = variant < 5 ? 'd' : 's', to = variant < 5 ? 's' : 'd';
    rs1 = fsrc(p);
    rs2 = fsrc(p);
    rd = -1;
    if (kind <= 1 || kind == 5 || kind == 6 || kind == 8)   /* the forms with an f destination */
        obs_f = rd = fdst(to);
    else
        obs_x = xr;
    switch (kind) {
    case 0: case 1: emit("%s.%c f%d, f%d, f%d", op3, p, rd, rs1, rs2); break;
    case 2: emit("%s.%c x%d, f%d, f%d", opc, p, xr, rs1, rs2); break;
    case 3: emit("fclass.%c x%d, f%d", p, xr, rs1); break;
    case 4: emit("fcvt.%s.%c x%d, f%d%s", i, p, xr, rs1, mode); break;
    case 5:
        if (p == 'd' && i[0] == 'w') {
            /* int32 -> double is exact: the assembler takes no rm, so a
               static rm field is encoded by hand (it must be ignored) */
            if (variant < 3)
                emit(".insn r 0x53, %d, 0x69, f%d, x%d, x%d  # fcvt.d.%s rm=%d", static_rm, rd, xsrc,
                     i[1] == 'u', i, static_rm);
            else
                emit("fcvt.d.%s f%d, x%d", i, rd, xsrc);
        } else {
            emit("fcvt.%c.%s f%d, x%d%s", p, i, rd, xsrc, mode);
        }
        break;
    case 6:
        if (variant < 5)
            emit("fcvt.s.d f%d, f%d%s", rd, rs1, mode);
        else if (variant < 8)
            emit("fcvt.d.s f%d, f%d", rd, rs1);
        else
            emit(".insn r 0x53, %d, 0x21, f%d, f%d, f0  # fcvt.d.s rm=%d", static_rm, rd, rs1, static_rm);
        break;
    case 7: emit("fmv.x.%c x%d, f%d", p == 's' ? 'w' : 'd', xr, rs1); break;
    default: emit("fmv.%c.x f%d, x%d", p == 's' ? 'w' : 'd', rd, xsrc); break;
    }
    log_fflags();
}

/* The frm after writing `value` to csr (1 fflags, 2 frm, 3 fcsr) with op, from `old`. */
/* The frm bits in a value written to csr (1 fflags, 2 frm, 3 fcsr). */
static unsigned frm_bits(int csr, uint64_t value)
{
    return csr == 1 ? 0 : csr == 2 ? (unsigned)(value & 7) : (unsigned)(value >> 5 & 7);
}

static unsigned frm_after(unsigned old, int csr, char op, uint64_t value)
{
    unsigned bits = frm_bits(csr, value);
    if (csr == 1)
        return old;
    switch (op) {
    case 'w': return bits;
    case 's': return old | bits;
    default: return old & ~bits;
    }
}

/* The set of frm values possible after the write, from the set now. */
static unsigned frm_mask_after(int csr, char op, uint64_t value)
{
    unsigned mask = 0;
    for (unsigned old = 0; old < 8; old++)
        if (frm_mask & 1u << old)
            mask |= 1u << frm_after(old, csr, op, value);
    return mask;
}

static void gen_csr(void)
{
    static const char *names[] = { "", "fflags", "frm", "fcsr" };
    int csr = (int)range(1, 3);
    char op = "wsc"[below(3)];
    int imm_form = chance(40);
    int plain_read = chance(25);
    uint64_t value = 0;
    int tries, src = 0, rd;

    /*
     * Every frm that may reach here must leave a valid one (0-4).  In a
     * loop body a later item's write reaches the next iteration's earlier
     * items, which the masks do not follow: there frm may only be set
     * outright (csrrw), never or-ed or cleared.
     */
    for (tries = 0; tries < 20 && !plain_read; tries++) {
        value = imm_form ? below(32) : (chance(50) ? below(256) : rnd());
        if (loop_counter >= 0 && op != 'w' && frm_bits(csr, value) != 0)
            continue;
        if ((frm_mask_after(csr, op, value) & ~VALID_FRMS) == 0)
            break;
    }
    if (tries == 20)
        plain_read = 1;
    if (!plain_read && !imm_form) {
        src = xd_nz();
        li(src, value);
    }
    rd = xd();
    obs_x = rd;
    if (plain_read) {
        emit("csrrs x%d, %s, x0", rd, names[csr]);
        return;
    }
    frm_mask = frm_mask_after(csr, op, value);
    if (imm_form)
        emit("csrr%ci x%d, %s, %d", op, rd, names[csr], (int)value);
    else
        emit("csrr%c x%d, %s, x%d", op, rd, names[csr], src);
}

/* An item that goes straight through: no branch, jump or loop. */
/*
 * The straight item kinds and their base weights; each program scales
 * every weight by 0, 1, 2 or 4, so some programs concentrate on a few
 * kinds.
 */
static const struct {
    void (*gen)(void);
    unsigned weight;
} kinds[] = {
    { gen_alu, 11 }, { gen_int_reload, 3 }, { gen_alu_imm, 10 }, { gen_mem, 12 }, { gen_amo, 4 },
    { gen_compressed, 12 }, { gen_fp_arith, 14 }, { gen_fp_misc, 14 }, { gen_fp_reload, 6 },
    { gen_csr, 4 }, { gen_sp_move, 3 }, { gen_fence, 2 }, { gen_hint, 2 },
};
#define NKINDS ((int)(sizeof kinds / sizeof kinds[0]))
static unsigned kind_weight[NKINDS], kind_total;

static void choose_weights(void)
{
    static const unsigned scale[] = { 0, 1, 1, 1, 2, 4 };
    int i;
    kind_total = 0;
    for (i = 0; i < NKINDS; i++) {
        kind_weight[i] = chance(50) ? kinds[i].weight : kinds[i].weight * PICK(scale);
        kind_total += kind_weight[i];
    }
    if (kind_total == 0)
        for (i = 0; i < NKINDS; i++)
            kind_total += kind_weight[i] = kinds[i].weight;
}

static void gen_straight(void)
{
    unsigned w = below(kind_total);
    int i = 0;
    while (w >= kind_weight[i])
        w -= kind_weight[i++];
    kinds[i].gen();
    observe();
}

/*
 * A counted loop: 1-16 iterations of 1-6 straight items.  A backward
 * branch makes a block that jumps to itself, which the JIT runs as a
 * self-loop with pinned registers.  The counter is reserved in the body.
 */
static void gen_loop(void)
{
    int counter = xd_nz();
    int iterations = chance(80) ? (int)range(1, 4) : (int)range(5, 16), body = (int)range(1, 6), i;
    li(counter, (uint64_t)iterations);
    emit(".Ll%d:\n\t", cur);
    loop_counter = counter;
    for (i = 0; i < body; i++) {
        gen_straight();
        emit("\n\t");
    }
    loop_counter = -1;
    emit("addi x%d, x%d, -1\n\t", counter, counter);
    if (counter >= 8 && counter <= 15 && chance(50))
        emit_c("c.bnez x%d, .Ll%d", counter, cur);
    else
        emit("bnez x%d, .Ll%d", counter, cur);
}

/*
 * Percent of items that branch, jump or loop; a quarter of the programs
 * have none, so their one long block exceeds any block-size limit.
 */
static unsigned control_percent;

/*
 * With -l, LR/SC too (for comparing tandem's backends with each other
 * only): an LR, up to two straight items, an SC, on an aligned scratch
 * address held in a register reserved meanwhile; sometimes an SC alone.
 */
static int with_lrsc;

static void gen_lrsc(void)
{
    static const char *order[] = { "", ".aq", ".rl", ".aqrl" };
    int size = chance(50) ? 4 : 8, addr = xd_nz(), between = (int)range(0, 2), lone_sc = chance(15);
    int off = base_offset(size) & ~(size - 1), i, rd, rs2;
    const char *ord = PICK(order);
    char w = size == 4 ? 'w' : 'd';
    emit("addi x%d, x%d, %d\n\t", addr, BASE_REG, off);
    loop_counter = addr;   /* keep the address until the SC */
    if (!lone_sc) {
        rd = xd();
        emit("lr.%c%s x%d, (x%d)\n\t", w, ord, rd, addr);
    }
    for (i = 0; i < between; i++) {
        gen_straight();
        emit("\n\t");
    }
    loop_counter = -1;
    ord = PICK(order);
    rd = xd();
    rs2 = xs();
    emit("sc.%c%s x%d, x%d, (x%d)", w, ord, rd, rs2, addr);
    obs_x = rd;
    observe();
}

static void gen_item(void)
{
    unsigned w = below(100);
    if (with_lrsc && w >= 95) gen_lrsc();
    else if (w < control_percent / 2) gen_branch();
    else if (w < control_percent * 3 / 4) gen_jump();
    else if (w < control_percent) gen_loop();
    else gen_straight();
}

static void print_label(const struct item *it)
{
    if (it->label >= 0)
        printf(".Lt%d:\n", it->label);
}

static void generate(uint64_t seed, int count, int upto)
{
    uint64_t init_x[32], init_f[32];
    uint64_t fcsr;
    int i;

    rng_state = seed * 0x2545f4914f6cdd1dull + 1;
    for (i = 0; i < 32; i++)
        init_x[i] = random_int();
    for (i = 0; i < 32; i++) {
        init_f[i] = random_fp();
        ftype[i] = init_f[i] >> 32 == 0xffffffffu ? 's' : 'd';
    }
    fcsr = below(5) << 5;
    fcsr |= below(32);
    choose_weights();
    choose_register_sets();
    control_percent = chance(25) ? 0 : 12;
    frm_mask = 1u << (fcsr >> 5);

    items = calloc((size_t)count + 1, sizeof *items);
    frm_incoming = calloc((size_t)count + 1, sizeof *frm_incoming);
    if (!items || !frm_incoming) {
        fprintf(stderr, "gen: out of memory\n");
        exit(2);
    }
    nitems = count;
    next_label = 0;
    for (i = 0; i <= count; i++)
        items[i].label = -1;
    for (cur = 0; cur < count; cur++) {
        frm_mask |= frm_incoming[cur];
        gen_item();
    }
    if (upto < 0 || upto > count)
        upto = count;

    printf("# tandem differential fuzz program, seed %" PRIu64 ", %d of %d instructions\n", seed, upto, count);
    printf(".option norvc\n.option norelax\n.text\n.globl _start\n_start:\n");
    printf("\tlla x%d, init_f\n", BASE_REG);
    for (i = 0; i < 32; i++)
        printf("\tfld f%d, %d(x%d)\n", i, 8 * i, BASE_REG);
    printf("\tli x1, %" PRIu64 "\n\tfscsr x0, x1\n", fcsr);
    printf("\tlla x%d, init_x\n", BASE_REG);
    for (i = 1; i < 32; i++)
        if (i != SP_REG && i != BASE_REG)
            printf("\tld x%d, %d(x%d)\n", i, 8 * i, BASE_REG);
    printf("\tlla sp, scratch + 3584\n\tlla x%d, scratch + 2048\n", BASE_REG);
    printf("# ---- random sequence ----\n");
    for (i = 0; i < upto; i++) {
        print_label(&items[i]);
        printf("\t%s\n", items[i].text);
    }
    for (; i <= count; i++)
        print_label(&items[i]);
    printf("# ---- dump: x0-x31, f0-f31, fcsr after the scratch buffer and the flag log ----\n");
    for (i = 0; i < 32; i++)
        printf("\tsd x%d, %d(sp)\n", i, SP_TO_DUMP + FLAGLOG_SIZE + 8 * i);
    for (i = 0; i < 32; i++)
        printf("\tfsd f%d, %d(sp)\n", i, SP_TO_DUMP + FLAGLOG_SIZE + 256 + 8 * i);
    printf("\tfrcsr x1\n\tsd x1, %d(sp)\n", SP_TO_DUMP + FLAGLOG_SIZE + 512);
    printf("\tli a0, 1\n\tlla a1, scratch\n\tli a2, %d\n\tli a7, 64\n\tecall\n", DUMP_SIZE);
    printf("\tli a0, 0\n\tli a7, 93\n\tecall\n");
    printf(".data\n.balign 64\ninit_x:\n");
    for (i = 0; i < 32; i++)
        printf("\t.dword 0x%016" PRIx64 "\n", init_x[i]);
    printf("init_f:\n");
    for (i = 0; i < 32; i++)
        printf("\t.dword 0x%016" PRIx64 "\n", init_f[i]);
    printf("fpool_d:\n");
    for (i = 0; i < POOL_SIZE; i++)
        printf("\t.dword 0x%016" PRIx64 "\n", chance(75) ? random_double() : PICK(double_edges));
    printf("fpool_s:\n");
    for (i = 0; i < POOL_SIZE; i++)
        printf("\t.word 0x%08" PRIx32 "\n", chance(75) ? random_single() : PICK(single_edges));
    printf(".balign 4096\nscratch:\n");
    for (i = 0; i < SCRATCH_SIZE / 8; i++)
        printf("\t.dword 0x%016" PRIx64 "\n", random_memory_word());
    printf("dump:\n\t.space %d\n", DUMP_SIZE - SCRATCH_SIZE);
    free(items);
    free(frm_incoming);
}

/* ---- comparing two dumps ---- */

static long read_dump(const char *path, unsigned char *buf)
{
    FILE *f = fopen(path, "rb");
    long n;
    if (!f) {
        printf("cannot read %s\n", path);
        exit(2);
    }
    n = (long)fread(buf, 1, DUMP_SIZE + 1, f);
    fclose(f);
    return n;
}

static uint64_t word_at(const unsigned char *buf, int off)
{
    uint64_t v;
    memcpy(&v, buf + off, 8);
    return v;
}

static int compare(const char *a_path, const char *b_path)
{
    static unsigned char a[DUMP_SIZE + 1], b[DUMP_SIZE + 1];
    long na = read_dump(a_path, a), nb = read_dump(b_path, b);
    int off, diffs = 0, first_reg = -1, first_log = -1, first_mem = -1;

    if (na != DUMP_SIZE || nb != DUMP_SIZE) {
        printf("output length %ld vs %ld (want %d)\n", na, nb, DUMP_SIZE);
        return 1;
    }
    for (off = 0; off < DUMP_SIZE; off += 8) {
        if (word_at(a, off) == word_at(b, off))
            continue;
        diffs++;
        /* the accumulator only says that something differed earlier */
        if (off >= REGS_OFFSET && (first_reg < 0 || first_reg == REGS_OFFSET + 8 * ACC_REG))
            first_reg = off;
        if (off < SCRATCH_SIZE && first_mem < 0)
            first_mem = off;
    }
    for (off = SCRATCH_SIZE; off < REGS_OFFSET && first_log < 0; off++)
        if (a[off] != b[off])
            first_log = off;
    if (diffs == 0)
        return 0;
    /* registers name the culprit best, then the flag log, then memory */
    if (first_reg >= 0) {
        int reg = (first_reg - REGS_OFFSET) / 8;
        if (reg == ACC_REG)
            printf("x%d (the accumulator of observed results)", reg);
        else if (reg < 32)
            printf("x%d", reg);
        else if (reg < 64)
            printf("f%d", reg - 32);
        else
            printf("fcsr");
        printf(" 0x%016" PRIx64 " vs 0x%016" PRIx64, word_at(a, first_reg), word_at(b, first_reg));
    } else if (first_log >= 0) {
        printf("fflags logged after item %d: 0x%02x vs 0x%02x", first_log - SCRATCH_SIZE, a[first_log],
               b[first_log]);
    } else {
        printf("scratch+%d 0x%016" PRIx64 " vs 0x%016" PRIx64, first_mem, word_at(a, first_mem),
               word_at(b, first_mem));
    }
    printf(" (%d words differ)\n", diffs);
    return 1;
}

/* Prints a dump's registers, one "name value" line each. */
static int print_dump(const char *path)
{
    static unsigned char d[DUMP_SIZE + 1];
    int i;
    if (read_dump(path, d) != DUMP_SIZE) {
        printf("%s is not a whole dump\n", path);
        return 1;
    }
    for (i = 0; i < 32; i++)
        printf("x%d 0x%016" PRIx64 "\n", i, word_at(d, REGS_OFFSET + 8 * i));
    for (i = 0; i < 32; i++)
        printf("f%d 0x%016" PRIx64 "\n", i, word_at(d, REGS_OFFSET + 256 + 8 * i));
    printf("fcsr 0x%02" PRIx64 "\n", word_at(d, REGS_OFFSET + 512));
    return 0;
}

static void usage(void)
{
    fprintf(stderr, "usage: gen [-l] [-n COUNT] [-u UPTO] SEED > prog.S   (-l: LR/SC too)\n"
                    "       gen -c DUMP_A DUMP_B    (first difference; status 1 if any)\n"
                    "       gen -p DUMP             (print the registers)\n");
    exit(2);
}

static long parse_number(const char *s)
{
    char *end;
    long v = strtol(s, &end, 0);
    if (*s == '\0' || *end != '\0' || v < 0) {
        fprintf(stderr, "gen: not a number: %s\n", s);
        exit(2);
    }
    return v;
}

int main(int argc, char **argv)
{
    int count = DEFAULT_COUNT, upto = -1, i = 1;
    if (argc == 4 && strcmp(argv[1], "-c") == 0)
        return compare(argv[2], argv[3]);
    if (argc == 3 && strcmp(argv[1], "-p") == 0)
        return print_dump(argv[2]);
    while (i < argc - 1) {
        if (strcmp(argv[i], "-l") == 0) {
            with_lrsc = 1;
            i++;
            continue;
        }
        if (strcmp(argv[i], "-n") == 0 && i + 2 < argc)
            count = (int)parse_number(argv[i + 1]);
        else if (strcmp(argv[i], "-u") == 0 && i + 2 < argc)
            upto = (int)parse_number(argv[i + 1]);
        else
            usage();
        i += 2;
    }
    if (i != argc - 1 || count < 1 || count > 100000)
        usage();
    generate((uint64_t)parse_number(argv[i]), count, upto);
    return 0;
}
