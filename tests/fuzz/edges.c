/*
 * Edge-value matrix (native), the systematic companion of gen.c.
 *
 *   edges > edges.S        writes a riscv64 program that runs every F/D
 *       computational instruction on every combination of a list of edge
 *       operands (zeros, ones, infinities, quiet/signalling NaNs with
 *       payloads, subnormals, extremes, integer boundaries, an unboxed
 *       single), under each static rounding mode and under dyn with each
 *       frm, and writes one 16-byte entry per case: the result, then the
 *       fflags it raised (cleared before each case; 0 for integer ops).
 *   edges -c A B           compares two outputs and names the first case
 *       that differs (instruction, rounding, operands, both results);
 *       status 1 if any differs.
 *
 * The same program then runs every RV64IM register-register and
 * register-immediate ALU instruction on every pair of integer edge
 * values (INT64_MIN / -1, division by zero, shifts by 31, 32, 63...),
 * twice: operands loaded from memory, and operands built with li right
 * before the instruction, which the IR optimiser propagates and may fold
 * at translation time (constant operands also take other JIT paths).
 *
 * Random sequences rarely hit, say, fmadd(inf, 0, qNaN) under rmm; this
 * program hits every such case every time.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N(array) ((int)(sizeof(array) / sizeof(array[0])))

static const uint64_t doubles[] = {
    0x0000000000000000ull, 0x8000000000000000ull, 0x3ff0000000000000ull, 0xbff8000000000000ull,
    0x4004000000000000ull, 0x7ff0000000000000ull, 0xfff0000000000000ull, 0x7ff8000000000000ull,
    0x7ff4000000000000ull, 0xfff8000000000123ull, 0x0000000000000001ull, 0x800fffffffffffffull,
    0x0010000000000000ull, 0x7fefffffffffffffull, 0x43e0000000000000ull, 0xc3e0000000000000ull,
    0x41efffffffe00000ull, 0x3fe0000000000001ull,
};
static const uint64_t singles[] = {   /* NaN-boxed, but for the last one */
    0xffffffff00000000ull, 0xffffffff80000000ull, 0xffffffff3f800000ull, 0xffffffffbfc00000ull,
    0xffffffff40200000ull, 0xffffffff7f800000ull, 0xffffffffff800000ull, 0xffffffff7fc00000ull,
    0xffffffff7fa00000ull, 0xffffffffffc00123ull, 0xffffffff00000001ull, 0xffffffff807fffffull,
    0xffffffff00800000ull, 0xffffffff7f7fffffull, 0xffffffff5f000000ull, 0xffffffffdf000000ull,
    0xffffffff4f800000ull, 0xffffffff3f000001ull, 0x000000003f800000ull,
};
/* FMA operands: a subset, cubed */
static const uint64_t fma_doubles[] = {
    0x0000000000000000ull, 0x8000000000000000ull, 0x3ff0000000000000ull, 0xbff8000000000000ull,
    0x7ff0000000000000ull, 0xfff0000000000000ull, 0x7ff8000000000000ull, 0x7ff4000000000000ull,
    0x0000000000000001ull, 0x7fefffffffffffffull,
};
static const uint64_t fma_singles[] = {
    0xffffffff00000000ull, 0xffffffff80000000ull, 0xffffffff3f800000ull, 0xffffffffbfc00000ull,
    0xffffffff7f800000ull, 0xffffffffff800000ull, 0xffffffff7fc00000ull, 0xffffffff7fa00000ull,
    0xffffffff00000001ull, 0xffffffff7f7fffffull,
};
static const uint64_t ints[] = {
    0, 1, 0xffffffffffffffffull, 0x7fffffffull, 0x80000000ull, 0xffffffff80000000ull, 0xffffffffull,
    0x7fffffffffffffffull, 0x8000000000000000ull, 0x0020000000000001ull, 0x1000001ull,
    0xffdfffffffffffffull, 0x8000000000000001ull, 0xffffffff80000001ull, 3, 0xffffff81ull,
    31, 32, 63,
};

/* operand tables (the tuples each loop walks) */
enum table { T_D1, T_S1, T_D2, T_S2, T_D3, T_S3, T_I1, T_I2, NTABLES };
static const char *table_names[NTABLES] = { "d1", "s1", "d2", "s2", "d3", "s3", "i1", "i2" };

static int table_length(enum table t)
{
    switch (t) {
    case T_D1: return N(doubles);
    case T_S1: return N(singles);
    case T_D2: return N(doubles) * N(doubles);
    case T_S2: return N(singles) * N(singles);
    case T_D3: return N(fma_doubles) * N(fma_doubles) * N(fma_doubles);
    case T_S3: return N(fma_singles) * N(fma_singles) * N(fma_singles);
    case T_I2: return N(ints) * N(ints);
    default: return N(ints);
    }
}
static int table_arity(enum table t)
{
    return t == T_D3 || t == T_S3 ? 3 : t == T_D2 || t == T_S2 || t == T_I2 ? 2 : 1;
}

/* Operand k (0-based) of tuple n of table t. */
static uint64_t operand(enum table t, int n, int k)
{
    int size;
    const uint64_t *values;
    switch (t) {
    case T_D1: case T_D2: values = doubles; size = N(doubles); break;
    case T_S1: case T_S2: values = singles; size = N(singles); break;
    case T_D3: values = fma_doubles; size = N(fma_doubles); break;
    case T_S3: values = fma_singles; size = N(fma_singles); break;
    default: values = ints; size = N(ints); break;
    }
    for (int i = table_arity(t) - 1; i > k; i--)
        n /= size;
    return values[n % size];
}

/*
 * One loop of the program: an instruction (printf format taking the
 * destination and sources, then the rounding suffix), its operand table,
 * the register files of its result and sources, and a rounding choice:
 * -1 none, 0-4 static, 5-9 dyn with frm 0-4.
 */
struct variant {
    char insn[24];
    enum table table;
    char result;   /* 'f' or 'x' */
    char source;   /* 'f' or 'x' */
    int rm;
    char imm[8];   /* the immediate operand of an I-type form, or "" */
    int constants; /* operands made by li just before: the optimiser folds them */
};

static struct variant *variants;
static int nvariants, capacity;

static void add(const char *insn, enum table table, char result, char source, int rm)
{
    if (nvariants == capacity) {
        capacity = capacity ? 2 * capacity : 256;
        variants = realloc(variants, (size_t)capacity * sizeof *variants);
        if (!variants) {
            fprintf(stderr, "edges: out of memory\n");
            exit(2);
        }
    }
    snprintf(variants[nvariants].insn, sizeof variants[nvariants].insn, "%s", insn);
    variants[nvariants].table = table;
    variants[nvariants].result = result;
    variants[nvariants].source = source;
    variants[nvariants].rm = rm;
    variants[nvariants].imm[0] = '\0';
    variants[nvariants].constants = 0;
    nvariants++;
}

static void add_all_rm(const char *insn, enum table table, char result, char source)
{
    for (int rm = 0; rm < 10; rm++)
        add(insn, table, result, source, rm);
}

/* Integer ALU forms, each with loaded operands and with li constants. */
static void build_int_variants(void)
{
    static const char *rr[] = { "add", "sub", "sll", "slt", "sltu", "xor", "srl", "sra", "or", "and",
                                "addw", "subw", "sllw", "srlw", "sraw", "mul", "mulh", "mulhsu", "mulhu",
                                "div", "divu", "rem", "remu", "mulw", "divw", "divuw", "remw", "remuw" };
    static const char *ri[] = { "addi", "slti", "sltiu", "xori", "ori", "andi", "addiw" };
    static const char *imms[] = { "0", "1", "-1", "2047", "-2048", "1365" };
    static const char *shifts[] = { "slli", "srli", "srai" };
    static const char *shifts_w[] = { "slliw", "srliw", "sraiw" };
    static const char *shamts[] = { "0", "1", "31", "32", "63" };
    static const char *shamts_w[] = { "0", "1", "31" };
    for (int constants = 0; constants < 2; constants++) {
        for (int i = 0; i < N(rr); i++) {
            add(rr[i], T_I2, 'x', 'x', -1);
            variants[nvariants - 1].constants = constants;
        }
        for (int i = 0; i < N(ri) * N(imms) + N(shifts) * N(shamts) + N(shifts_w) * N(shamts_w); i++) {
            const char *op, *imm;
            int k = i;
            if (k < N(ri) * N(imms)) {
                op = ri[k / N(imms)], imm = imms[k % N(imms)];
            } else if ((k -= N(ri) * N(imms)) < N(shifts) * N(shamts)) {
                op = shifts[k / N(shamts)], imm = shamts[k % N(shamts)];
            } else {
                k -= N(shifts) * N(shamts);
                op = shifts_w[k / N(shamts_w)], imm = shamts_w[k % N(shamts_w)];
            }
            add(op, T_I1, 'x', 'x', -1);
            snprintf(variants[nvariants - 1].imm, sizeof variants[nvariants - 1].imm, "%s", imm);
            variants[nvariants - 1].constants = constants;
        }
    }
}

static void build_variants(void)
{
    static const char *arith[] = { "fadd", "fsub", "fmul", "fdiv" };
    static const char *exact[] = { "fsgnj", "fsgnjn", "fsgnjx", "fmin", "fmax" };
    static const char *compare[] = { "feq", "flt", "fle" };
    static const char *fma[] = { "fmadd", "fmsub", "fnmsub", "fnmadd" };
    static const char *int_kinds[] = { "w", "wu", "l", "lu" };
    char name[24];
    for (int dbl = 0; dbl < 2; dbl++) {
        char p = dbl ? 'd' : 's';
        enum table one = dbl ? T_D1 : T_S1, two = dbl ? T_D2 : T_S2, three = dbl ? T_D3 : T_S3;
        for (int i = 0; i < N(arith); i++) {
            snprintf(name, sizeof name, "%s.%c", arith[i], p);
            add_all_rm(name, two, 'f', 'f');
        }
        for (int i = 0; i < N(exact); i++) {
            snprintf(name, sizeof name, "%s.%c", exact[i], p);
            add(name, two, 'f', 'f', -1);
        }
        for (int i = 0; i < N(compare); i++) {
            snprintf(name, sizeof name, "%s.%c", compare[i], p);
            add(name, two, 'x', 'f', -1);
        }
        snprintf(name, sizeof name, "fsqrt.%c", p);
        add_all_rm(name, one, 'f', 'f');
        snprintf(name, sizeof name, "fclass.%c", p);
        add(name, one, 'x', 'f', -1);
        for (int i = 0; i < N(int_kinds); i++) {
            snprintf(name, sizeof name, "fcvt.%s.%c", int_kinds[i], p);
            add_all_rm(name, one, 'x', 'f');
            snprintf(name, sizeof name, "fcvt.%c.%s", p, int_kinds[i]);
            if (dbl && int_kinds[i][0] == 'w')
                add(name, T_I1, 'f', 'x', -1);   /* exact: no rm */
            else
                add_all_rm(name, T_I1, 'f', 'x');
        }
        for (int i = 0; i < N(fma); i++) {
            snprintf(name, sizeof name, "%s.%c", fma[i], p);
            add_all_rm(name, three, 'f', 'f');
        }
    }
    add_all_rm("fcvt.s.d", T_D1, 'f', 'f');
    add("fcvt.d.s", T_S1, 'f', 'f', -1);
    build_int_variants();
}

static const char *rm_suffix(int rm)
{
    static const char *names[] = { ", rne", ", rtz", ", rdn", ", rup", ", rmm" };
    return rm < 0 ? "" : rm < 5 ? names[rm] : ", dyn";
}

static long total_entries(void)
{
    long n = 0;
    for (int v = 0; v < nvariants; v++)
        n += table_length(variants[v].table);
    return n;
}

/* rd x4, sources x12 (x13); flags entry 0 */
static void emit_int_case(const struct variant *x)
{
    if (x->imm[0])
        printf("\t%s x4, x12, %s\n", x->insn, x->imm);
    else
        printf("\t%s x4, x12, x13\n", x->insn);
    printf("\tsd x4, 0(s1)\n\tsd x0, 8(s1)\n\taddi s1, s1, 16\n");
}

static void emit_int_variant(const struct variant *x)
{
    int arity = table_arity(x->table);
    printf("# %s%s%s%s\n", x->insn, x->imm[0] ? " " : "", x->imm, x->constants ? " (constants)" : "");
    if (x->constants) {
        for (int n = 0; n < table_length(x->table); n++) {
            for (int k = 0; k < arity; k++)
                printf("\tli x%d, %" PRId64 "\n", 12 + k, (int64_t)operand(x->table, n, k));
            emit_int_case(x);
        }
        return;
    }
    printf("\tlla a0, table_%s\n\tli a1, %d\n1:\n", table_names[x->table], table_length(x->table));
    for (int k = 0; k < arity; k++)
        printf("\tld x%d, %d(a0)\n", 12 + k, 8 * k);
    emit_int_case(x);
    printf("\taddi a0, a0, %d\n\taddi a1, a1, -1\n\tbnez a1, 1b\n", 8 * arity);
}

static void emit_program(void)
{
    long bytes = total_entries() * 16;
    printf("# tandem edge matrix: %d variants, %ld cases\n", nvariants, bytes / 16);
    printf(".option norvc\n.option norelax\n.text\n.globl _start\n_start:\n");
    printf("\tlla s1, results\n");
    for (int v = 0; v < nvariants; v++) {
        const struct variant *x = &variants[v];
        int arity = table_arity(x->table);
        if (x->source == 'x' && x->result == 'x') {
            emit_int_variant(x);
            continue;
        }
        printf("# %s%s\n", x->insn, x->rm >= 5 ? " (dyn)" : "");
        if (x->rm >= 5)
            printf("\tfsrmi %d\n", x->rm - 5);
        printf("\tlla a0, table_%s\n\tli a1, %d\n", table_names[x->table], table_length(x->table));
        printf("1:\n");
        for (int k = 0; k < arity; k++)
            printf("\t%s %c%d, %d(a0)\n", x->source == 'f' ? "fld" : "ld", x->source,
                   x->source == 'f' ? k + 1 : 12, 8 * k);
        printf("\tfsflags x0\n");
        if (x->source == 'x')
            printf("\t%s %c4, x12%s\n", x->insn, x->result, rm_suffix(x->rm));
        else if (arity == 1)
            printf("\t%s %c4, f1%s\n", x->insn, x->result, rm_suffix(x->rm));
        else if (arity == 2)
            printf("\t%s %c4, f1, f2%s\n", x->insn, x->result, rm_suffix(x->rm));
        else
            printf("\t%s %c4, f1, f2, f3%s\n", x->insn, x->result, rm_suffix(x->rm));
        printf("\tfrflags t0\n\t%s %c4, 0(s1)\n\tsd t0, 8(s1)\n", x->result == 'f' ? "fsd" : "sd", x->result);
        printf("\taddi s1, s1, 16\n\taddi a0, a0, %d\n\taddi a1, a1, -1\n\tbnez a1, 1b\n", 8 * arity);
    }
    /* write(1, results, size) until all is written */
    printf("\tlla s1, results\n\tli s2, %ld\n", bytes);
    printf("2:\tli a0, 1\n\tmv a1, s1\n\tmv a2, s2\n\tli a7, 64\n\tecall\n");
    printf("\tblez a0, 3f\n\tadd s1, s1, a0\n\tsub s2, s2, a0\n\tbnez s2, 2b\n");
    printf("\tli a0, 0\n\tli a7, 93\n\tecall\n");
    printf("3:\tli a0, 1\n\tli a7, 93\n\tecall\n");
    printf(".data\n.balign 8\n");
    for (int t = 0; t < NTABLES; t++) {
        printf("table_%s:\n", table_names[t]);
        for (int n = 0; n < table_length(t); n++)
            for (int k = 0; k < table_arity(t); k++)
                printf("\t.dword 0x%016" PRIx64 "\n", operand(t, n, k));
    }
    printf(".bss\n.balign 16\nresults:\n\t.space %ld\n", bytes);
}

static unsigned char *read_all(const char *path, long *size)
{
    FILE *f = fopen(path, "rb");
    unsigned char *buf;
    if (!f) {
        printf("cannot read %s\n", path);
        exit(2);
    }
    fseek(f, 0, SEEK_END);
    *size = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = malloc((size_t)*size + 1);
    if (!buf || fread(buf, 1, (size_t)*size, f) != (size_t)*size) {
        printf("cannot read %s\n", path);
        exit(2);
    }
    fclose(f);
    return buf;
}

static uint64_t word(const unsigned char *buf, long entry, int half)
{
    uint64_t v;
    memcpy(&v, buf + entry * 16 + half * 8, 8);
    return v;
}

static int compare(const char *a_path, const char *b_path)
{
    long na, nb, want = total_entries() * 16, entry, differing = 0, first = -1;
    unsigned char *a = read_all(a_path, &na), *b = read_all(b_path, &nb);
    int v, n, k;

    if (na != want || nb != want) {
        printf("output length %ld vs %ld (want %ld)\n", na, nb, want);
        return 1;
    }
    for (entry = 0; entry < want / 16; entry++)
        if (memcmp(a + entry * 16, b + entry * 16, 16) != 0 && differing++ == 0)
            first = entry;
    if (differing == 0)
        return 0;
    for (v = 0, entry = first; entry >= table_length(variants[v].table); v++)
        entry -= table_length(variants[v].table);
    n = (int)entry;
    printf("%s%s", variants[v].insn, rm_suffix(variants[v].rm));
    if (variants[v].rm >= 5)
        printf(" (frm=%d)", variants[v].rm - 5);
    if (variants[v].imm[0])
        printf(" imm %s", variants[v].imm);
    if (variants[v].constants)
        printf(" (li constants)");
    for (k = 0; k < table_arity(variants[v].table); k++)
        printf("%s0x%016" PRIx64, k ? ", " : " ", operand(variants[v].table, n, k));
    printf(": 0x%016" PRIx64 " fflags 0x%02" PRIx64 " vs 0x%016" PRIx64 " fflags 0x%02" PRIx64
           " (%ld cases differ)\n", word(a, first, 0), word(a, first, 1), word(b, first, 0), word(b, first, 1),
           differing);
    return 1;
}

int main(int argc, char **argv)
{
    build_variants();
    if (argc == 1) {
        emit_program();
        return 0;
    }
    if (argc == 4 && strcmp(argv[1], "-c") == 0)
        return compare(argv[2], argv[3]);
    fprintf(stderr, "usage: edges > edges.S\n       edges -c OUT_A OUT_B\n");
    return 2;
}
