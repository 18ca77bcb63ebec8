/*
 * Disassembler for --trace: "mnemonic operands" with ABI register names.
 *
 * The pattern tables give the mnemonic and the decoded struct rv_args;
 * an operand template chosen from the mnemonic says how to print them.
 * Template letters:
 *   d s t   rd, rs1, rs2 as x registers     D S T R  rd, rs1, rs2, rs3 as f registers
 *   i       signed immediate                u        upper immediate (imm >> 12)
 *   o       imm(rs1), a memory operand      a        (rs1), an atomic's address
 *   b       pc-relative target              c        CSR name
 *   z       5-bit uimm in the rs1 field     f        fence pred, succ
 *   h       shift amount (imm & 63; the funct6 above it is not printed)
 * Compressed instructions keep their own mnemonic and their short
 * assembler form (c.addi sp, -16), so their templates are listed.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "frontend/riscv/rv.h"
#include "frontend/riscv/rv_trans.h"

static const char *const xreg_names[32] = {
    "zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2",
    "s0", "s1", "a0", "a1", "a2", "a3", "a4", "a5",
    "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7",
    "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
};

static const char *const freg_names[32] = {
    "ft0", "ft1", "ft2", "ft3", "ft4", "ft5", "ft6", "ft7",
    "fs0", "fs1", "fa0", "fa1", "fa2", "fa3", "fa4", "fa5",
    "fa6", "fa7", "fs2", "fs3", "fs4", "fs5", "fs6", "fs7",
    "fs8", "fs9", "fs10", "fs11", "ft8", "ft9", "ft10", "ft11",
};

static const char *const rm_names[8] = { "rne", "rtz", "rdn", "rup", "rmm", "rm5", "rm6", "dyn" };

struct c_template {
    const char *name, *template;
};

static const struct c_template c_templates[] = {
    { "c.addi4spn", "d,s,i" }, { "c.fld", "D,o" }, { "c.lw", "d,o" }, { "c.ld", "d,o" },
    { "c.fsd", "T,o" }, { "c.sw", "t,o" }, { "c.sd", "t,o" },
    { "c.nop", "" }, { "c.addi", "d,i" }, { "c.addiw", "d,i" }, { "c.li", "d,i" },
    { "c.addi16sp", "d,i" }, { "c.lui", "d,u" }, { "c.srli", "d,h" }, { "c.srai", "d,h" },
    { "c.andi", "d,i" }, { "c.sub", "d,t" }, { "c.xor", "d,t" }, { "c.or", "d,t" },
    { "c.and", "d,t" }, { "c.subw", "d,t" }, { "c.addw", "d,t" }, { "c.j", "b" },
    { "c.beqz", "s,b" }, { "c.bnez", "s,b" },
    { "c.slli", "d,h" }, { "c.fldsp", "D,o" }, { "c.lwsp", "d,o" }, { "c.ldsp", "d,o" },
    { "c.jr", "s" }, { "c.mv", "d,t" }, { "c.ebreak", "" }, { "c.jalr", "s" },
    { "c.add", "d,t" }, { "c.fsdsp", "T,o" }, { "c.swsp", "t,o" }, { "c.sdsp", "t,o" },
};

static bool is(const char *name, const char *s) { return strcmp(name, s) == 0; }
static bool starts(const char *name, const char *prefix) { return strncmp(name, prefix, strlen(prefix)) == 0; }

static bool is_one_of(const char *name, const char *const *list)
{
    for (; *list; list++)
        if (is(name, *list))
            return true;
    return false;
}

/* x for integer operands of fcvt ("w", "wu", "l", "lu"), f for "s"/"d" */
static char fcvt_class(const char *type, size_t len)
{
    return (type[0] == 'w' || type[0] == 'l') && len <= 2 ? 'x' : 'f';
}

static const char *fp_template(const char *name)
{
    static const char *const loads[] = { "flw", "fld", NULL };
    static const char *const stores[] = { "fsw", "fsd", NULL };
    if (is_one_of(name, loads))  return "D,o";
    if (is_one_of(name, stores)) return "T,o";
    if (starts(name, "fmadd") || starts(name, "fmsub") ||
        starts(name, "fnmadd") || starts(name, "fnmsub"))
        return "D,S,T,R";
    if (starts(name, "fcvt.")) {
        const char *dst = name + 5, *dot = strchr(dst, '.');
        if (!dot)
            return "D,S";
        char to = fcvt_class(dst, (size_t)(dot - dst));
        char from = fcvt_class(dot + 1, strlen(dot + 1));
        if (to == 'x')   return "d,S";
        if (from == 'x') return "D,s";
        return "D,S";
    }
    if (starts(name, "fmv.x.") || starts(name, "fclass")) return "d,S";
    if (starts(name, "fmv."))  return "D,s";   /* fmv.w.x, fmv.d.x */
    if (starts(name, "feq") || starts(name, "flt") || starts(name, "fle")) return "d,S,T";
    if (starts(name, "fsqrt")) return "D,S";
    return "D,S,T";
}

static const char *template_for(const char *name)
{
    static const char *const none[] = { "ecall", "ebreak", "fence.i", NULL };
    static const char *const branches[] = { "beq", "bne", "blt", "bge", "bltu", "bgeu", NULL };
    static const char *const loads[] = { "lb", "lh", "lw", "ld", "lbu", "lhu", "lwu", NULL };
    static const char *const stores[] = { "sb", "sh", "sw", "sd", NULL };
    static const char *const alu_imm[] = { "addi", "slti", "sltiu", "xori", "ori", "andi", "addiw", NULL };
    static const char *const shift_imm[] = { "slli", "srli", "srai", "slliw", "srliw", "sraiw", NULL };

    if (starts(name, "c.")) {
        for (size_t i = 0; i < sizeof(c_templates) / sizeof(c_templates[0]); i++)
            if (is(name, c_templates[i].name))
                return c_templates[i].template;
        return "";
    }
    if (is_one_of(name, none))        return "";
    if (is(name, "fence"))            return "f";
    if (name[0] == 'f')               return fp_template(name);
    if (is(name, "lui") || is(name, "auipc")) return "d,u";
    if (is(name, "jal"))              return "d,b";
    if (is(name, "jalr"))             return "d,o";
    if (is_one_of(name, branches))    return "s,t,b";
    if (is_one_of(name, loads))       return "d,o";
    if (is_one_of(name, stores))      return "t,o";
    if (starts(name, "lr."))          return "d,a";
    if (starts(name, "sc.") || starts(name, "amo")) return "d,t,a";
    if (starts(name, "csrr"))
        return name[strlen(name) - 1] == 'i' ? "d,c,z" : "d,c,s";
    if (is_one_of(name, alu_imm))     return "d,s,i";
    if (is_one_of(name, shift_imm))   return "d,s,h";
    return "d,s,t";
}

/* rounding mode is printed only where an instruction has one and it is static */
static bool has_rounding_mode(const char *name)
{
    static const char *const prefixes[] = {
        "fadd", "fsub", "fmul", "fdiv", "fsqrt", "fmadd", "fmsub", "fnmadd", "fnmsub", "fcvt", NULL
    };
    for (const char *const *p = prefixes; *p; p++)
        if (starts(name, *p))
            return true;
    return false;
}

struct out {
    char *buf;
    unsigned size, used;
};

static void put(struct out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(struct out *o, const char *fmt, ...)
{
    if (o->used >= o->size)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(o->buf + o->used, o->size - o->used, fmt, ap);
    va_end(ap);
    if (n > 0)
        o->used += (unsigned)n;
}

static void put_fence_set(struct out *o, unsigned set)
{
    if (!set) {
        put(o, "0");
        return;
    }
    static const char letters[] = "iorw";
    for (unsigned i = 0; i < 4; i++)
        if (set & (8u >> i))
            put(o, "%c", letters[i]);
}

static void put_operand(struct out *o, char kind, const struct rv_args *a, uint32_t word)
{
    switch (kind) {
    case 'd': put(o, "%s", xreg_names[a->rd]); break;
    case 's': put(o, "%s", xreg_names[a->rs1]); break;
    case 't': put(o, "%s", xreg_names[a->rs2]); break;
    case 'D': put(o, "%s", freg_names[a->rd]); break;
    case 'S': put(o, "%s", freg_names[a->rs1]); break;
    case 'T': put(o, "%s", freg_names[a->rs2]); break;
    case 'R': put(o, "%s", freg_names[a->rs3]); break;
    case 'i': put(o, "%lld", (long long)a->imm); break;
    case 'h': put(o, "%u", (unsigned)(a->imm & 63)); break;
    case 'u': put(o, "0x%llx", (unsigned long long)(((uint64_t)a->imm >> 12) & 0xfffff)); break;
    case 'o': put(o, "%lld(%s)", (long long)a->imm, xreg_names[a->rs1]); break;
    case 'a': put(o, "(%s)", xreg_names[a->rs1]); break;
    case 'b': put(o, "pc%+lld", (long long)a->imm); break;
    case 'z': put(o, "%u", a->rs1); break;
    case 'c': {
        const char *csr = rv_csr_name(a->csr);
        if (csr)
            put(o, "%s", csr);
        else
            put(o, "0x%03x", a->csr);
        break;
    }
    case 'f':
        put_fence_set(o, (word >> 24) & 15);
        put(o, ", ");
        put_fence_set(o, (word >> 20) & 15);
        break;
    default:
        put(o, "%c", kind);   /* separators */
        break;
    }
}

void rv_disassemble(char *buf, unsigned size, uint32_t word, unsigned len)
{
    struct out o = { buf, size, 0 };
    struct rv_args a;

    if (size == 0)
        return;
    buf[0] = 0;
    if (len == 2)
        word &= 0xffff;
    const struct rv_pattern *p = rv_lookup(word, len, &a);
    if (!p || (len == 2 && word == 0)) {
        put(&o, "illegal 0x%0*x", len == 2 ? 4 : 8, word);
        return;
    }

    const char *name = p->name;
    if (is(name, "fence") && (word >> 20) == 0x833) {
        put(&o, "fence.tso");
        return;
    }
    /* the aq/rl ordering suffixes of atomics */
    const char *order = "";
    if (starts(name, "lr.") || starts(name, "sc.") || starts(name, "amo"))
        order = a.aq && a.rl ? ".aqrl" : a.aq ? ".aq" : a.rl ? ".rl" : "";
    put(&o, "%s%s", name, order);

    const char *template = template_for(name);
    if (*template)
        put(&o, " ");
    for (const char *t = template; *t; t++) {
        if (*t == ',')
            put(&o, ", ");
        else
            put_operand(&o, *t, &a, word);
    }
    if (name[0] == 'f' && has_rounding_mode(name) && a.rm != 7)
        put(&o, ", %s", rm_names[a.rm]);
}
