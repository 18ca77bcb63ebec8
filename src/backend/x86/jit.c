/* The x86-64 JIT backend; the concurrency protocol is in jit.h. */
#include "backend/x86/jit.h"

#include <inttypes.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "backend/x86/x86_codegen.h"
#include "backend/x86/x86_disas.h"
#include "backend/x86/x86_perfmap.h"
#include "backend/x86/x86_emit.h"
#include "exec/vcpu.h"
#include "ir/ir_opt.h"
#include "mem/guest_mem.h"
#include "monitor/monitor.h"
#include "util/diag.h"

/* A chunk of the code region: header, code, pc map, direct exits. */
struct jit_chunk {
    uint32_t size;              /* whole chunk, multiple of CHUNK_ALIGN */
    uint32_t in_use;
    uint32_t code_size, n_map, n_exits, map_off, exits_off;
    uint32_t precount_n, precount_start, precount_end;   /* see x86_codegen.h */
    struct tb *tb;
    struct jit_chunk *next_free;
    struct jit_chunk *index_next;   /* chain of its pc's bucket in block_index */
};
#define CHUNK_ALIGN  16u
#define CHUNK_HEADER 64u        /* code starts here: keeps rel32 fields aligned */
#define MIN_SPLIT    256u
_Static_assert(sizeof(struct jit_chunk) <= CHUNK_HEADER, "chunk header fits");

#define TRAMPOLINE_SIZE 4096u
#define SCRATCH_SIZE    (1u << 20)

static uint8_t *region;                     /* JIT_REGION_SIZE bytes */
static uint8_t *heap_start;                 /* first chunk */
static _Atomic(uint8_t *) heap_top;         /* end of the last chunk */
static struct jit_chunk *free_list;         /* under jit_lock */
static size_t bytes_in_use;                 /* under jit_lock */
static pthread_mutex_t jit_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t jit_once = PTHREAD_ONCE_INIT;

struct jit_ret { uint64_t how; struct tb *tb; };   /* rax, rdx */
typedef struct jit_ret (*jit_entry_fn)(struct vcpu *cpu, const void *code);
static jit_entry_fn jit_enter;
static uint8_t *jit_epilogue;
static uint64_t *guest_limits;   /* X86_RELOC_LIMIT0 + k, in the trampoline page */
static uint8_t *tag_thunks[4];   /* X86_RELOC_TAG_THUNK0 + k, likewise */

/* per translating thread: scratch code buffer, IR copy, codegen state */
struct jit_thread {
    uint8_t *scratch;
    struct ir_insn *insns;
    unsigned cap_insns;
    struct x86_cg cg;
};
static __thread struct jit_thread *jit_self;
static pthread_key_t jit_thread_key;   /* frees a thread's state when it exits */

static void free_thread_state(void *p)
{
    struct jit_thread *t = p;
    free(t->scratch);
    free(t->insns);
    free(t->cg.map);
    free(t->cg.exits);
    free(t->cg.relocs);
    free(t->cg.stubs);
    free(t);
}

static uint32_t round_up(uint32_t v, uint32_t a) { return (v + a - 1) & ~(a - 1); }

/*
 * Every block with JIT code, by guest pc, so that a translation can find
 * the IR of the block its back edge returns to (loop stitching, below).
 * Chunks enter when their code is installed and leave in free_code,
 * before the tb is freed; both under index_lock, which also covers
 * reading an indexed tb.
 */
#define INDEX_BUCKETS 4096u
static struct jit_chunk *block_index[INDEX_BUCKETS];
static pthread_mutex_t index_lock = PTHREAD_MUTEX_INITIALIZER;

static unsigned index_bucket(uint64_t pc) { return (unsigned)(pc >> 1) & (INDEX_BUCKETS - 1); }

/*
 * jit_enter(cpu, code): save the callee-saved registers, set up the
 * fixed registers (x86_regalloc.h) and jump to code.  Generated code
 * leaves through the epilogue with rax/rdx already set.
 */
static void emit_trampoline(void)
{
    struct x86_buf b;
    x86_buf_init(&b, region, TRAMPOLINE_SIZE);
    static const int8_t saved[6] = { X86_RBP, X86_RBX, X86_R12, X86_R13, X86_R14, X86_R15 };
    for (int k = 0; k < 6; k++)
        x86_push(&b, saved[k]);
    x86_alu_ri(&b, true, X86_SUB, X86_RSP, 8);   /* 16-byte aligned for helper calls */
    x86_mov_rr(&b, true, X86_REG_CPU, X86_RDI);
    x86_movabs(&b, X86_RAX, (uint64_t)(uintptr_t)&guest_base);
    x86_load(&b, X86_LD_64, X86_REG_GUEST_BASE, x86_mem(X86_RAX, 0));
    x86_movabs(&b, X86_RAX, (uint64_t)(uintptr_t)&page_excl);
    x86_load(&b, X86_LD_64, X86_REG_PAGE_EXCL, x86_mem(X86_RAX, 0));
    x86_jmp_r(&b, X86_RSI);

    x86_align_field(&b, 0, 16);
    jit_epilogue = b.p;
    x86_alu_ri(&b, true, X86_ADD, X86_RSP, 8);
    for (int k = 5; k >= 0; k--)
        x86_pop(&b, saved[k]);
    x86_ret(&b);
    jit_enter = (jit_entry_fn)(void *)region;

    if (monitor->lrsc_inline == MONITOR_LRSC_TAGS) {
        for (unsigned k = 0; k < 4; k++) {
            x86_align_field(&b, 0, 16);
            tag_thunks[k] = b.p;
            x86_emit_tag_thunk(&b, k);
        }
    }
    if (b.p > region + TRAMPOLINE_SIZE - 64)
        die(TANDEM_EXIT_INTERNAL, "the JIT's trampoline page is full");

    /* near the code, so that bounds checks can compare with [rip + disp32] */
    guest_limits = (uint64_t *)(void *)(region + TRAMPOLINE_SIZE - 64);
    for (unsigned k = 0; k < 4; k++)
        guest_limits[k] = GUEST_SPACE - (1u << k) + 1;
}

static void jit_init(void)
{
    region = mmap(NULL, JIT_REGION_SIZE, PROT_READ | PROT_WRITE | PROT_EXEC,
                  MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (region == MAP_FAILED)
        die(TANDEM_EXIT_NO_MEMORY, "cannot map %u MiB for JIT code", JIT_REGION_SIZE >> 20);
    emit_trampoline();
    if (pthread_key_create(&jit_thread_key, free_thread_state) != 0)
        die(TANDEM_EXIT_INTERNAL, "cannot create the JIT's thread key");
    heap_start = region + TRAMPOLINE_SIZE + opt.jit_pad;   /* see TANDEM_JIT_PAD */
    atomic_store(&heap_top, heap_start);
}

static struct jit_thread *thread_state(void)
{
    if (!jit_self) {
        jit_self = calloc(1, sizeof(*jit_self));
        if (jit_self)
            jit_self->scratch = malloc(SCRATCH_SIZE);
        if (!jit_self || !jit_self->scratch)
            die(TANDEM_EXIT_INTERNAL, "out of memory in the JIT");
        pthread_setspecific(jit_thread_key, jit_self);
    }
    return jit_self;
}

bool jit_code_full(void)
{
    pthread_mutex_lock(&jit_lock);
    bool full = bytes_in_use > (size_t)JIT_REGION_SIZE / 4 * 3;
    pthread_mutex_unlock(&jit_lock);
    return full;
}

/* ---- chunk allocator (jit_lock held) ------------------------------- */

static void push_free(struct jit_chunk *c)
{
    c->in_use = 0;
    c->tb = NULL;
    c->next_free = free_list;
    free_list = c;
}

/* Merge neighbouring free chunks and rebuild the free list. */
static void coalesce(void)
{
    free_list = NULL;
    uint8_t *top = atomic_load(&heap_top);
    for (uint8_t *p = heap_start; p < top;) {
        struct jit_chunk *c = (struct jit_chunk *)p;
        if (!c->in_use) {
            uint8_t *q = p + c->size;
            while (q < top && !((struct jit_chunk *)q)->in_use) {
                c->size += ((struct jit_chunk *)q)->size;
                q = p + c->size;
            }
            push_free(c);
        }
        p += c->size;
    }
}

static struct jit_chunk *take_free(uint32_t size)
{
    for (struct jit_chunk **pp = &free_list; *pp; pp = &(*pp)->next_free) {
        struct jit_chunk *c = *pp;
        if (c->size < size)
            continue;
        *pp = c->next_free;
        if (c->size - size >= MIN_SPLIT) {
            struct jit_chunk *rest = (struct jit_chunk *)((uint8_t *)c + size);
            rest->size = c->size - size;
            push_free(rest);
            c->size = size;
        }
        return c;
    }
    return NULL;
}

static struct jit_chunk *chunk_alloc(uint32_t size)
{
    struct jit_chunk *c = take_free(size);
    if (!c) {
        uint8_t *top = atomic_load(&heap_top);
        if ((size_t)(region + JIT_REGION_SIZE - top) >= size) {
            c = (struct jit_chunk *)top;
            c->size = size;
            atomic_store(&heap_top, top + size);
        }
    }
    if (!c) {
        coalesce();
        c = take_free(size);
    }
    if (c) {
        c->in_use = 1;
        c->next_free = NULL;
        bytes_in_use += c->size;
    }
    return c;
}

static struct jit_chunk *chunk_of(const struct tb *tb)
{
    return (struct jit_chunk *)((uint8_t *)tb->host_code - CHUNK_HEADER);
}

static uint8_t *chunk_code(struct jit_chunk *c) { return (uint8_t *)c + CHUNK_HEADER; }

static struct x86_pc_map *chunk_map(struct jit_chunk *c)
{
    return (struct x86_pc_map *)((uint8_t *)c + c->map_off);
}

static struct x86_direct_exit *chunk_exits(struct jit_chunk *c)
{
    return (struct x86_direct_exit *)((uint8_t *)c + c->exits_off);
}

/* ---- backend hooks -------------------------------------------------- */

static void reserve_insns(struct jit_thread *t, unsigned n)
{
    if (t->cap_insns < n) {
        t->cap_insns = n;
        t->insns = realloc(t->insns, t->cap_insns * sizeof(*t->insns));
        if (!t->insns)
            die(TANDEM_EXIT_INTERNAL, "out of memory in the JIT");
    }
}

#define STITCH_MAX_INSNS 256   /* IR ops of a loop head worth copying */

/* No way out of insns[0..n-1) but brcond side exits? */
static bool only_side_exits(const struct ir_insn *insns, unsigned n)
{
    for (unsigned k = 0; k + 1 < n; k++)
        if (ir_op_info[insns[k].op].flags & IR_OPF_BLOCK_END)
            return false;
    return true;
}

/* Does t's IR go back to to_pc at its end (`...; goto_pc to_pc` or
 * `...; brcond -> to_pc; goto_pc`), with only side exits before? */
static bool loops_back_to(const struct tb *t, uint64_t to_pc)
{
    unsigned n = t->n_insns;
    if (n < 2 || n > STITCH_MAX_INSNS || t->insns[n - 1].op != IR_goto_pc ||
        !only_side_exits(t->insns, n))
        return false;
    if ((uint64_t)t->insns[n - 1].imm == to_pc)
        return true;
    return t->insns[n - 2].op == IR_brcond && (uint64_t)t->insns[n - 2].imm == to_pc;
}

static unsigned max_temp(const struct ir_insn *insns, unsigned n)
{
    unsigned m = IR_NUM_GLOBALS;
    for (unsigned k = 0; k < n; k++) {
        const uint16_t s[4] = { insns[k].dst, insns[k].a, insns[k].b, insns[k].c };
        for (unsigned j = 0; j < 4; j++)
            if (s[j] != IR_SLOT_NONE && s[j] >= m)
                m = s[j] + 1u;
    }
    return m;
}

/* The block of the current generation at pc (index_lock held), or NULL. */
static const struct tb *indexed_block(uint64_t pc, uint64_t gen)
{
    for (struct jit_chunk *c = block_index[index_bucket(pc)]; c; c = c->index_next)
        if (c->tb->pc == pc && __atomic_load_n(&c->tb->generation, __ATOMIC_ACQUIRE) == gen)
            return c->tb;
    return NULL;
}

/* Append other's IR at t->insns[at], its temporaries renamed above first's. */
static void append_renamed(struct jit_thread *t, unsigned at, const struct tb *first,
                           const struct tb *other)
{
    unsigned base = max_temp(first->insns, first->n_insns);
    struct ir_insn *dst = &t->insns[at];
    memcpy(dst, other->insns, other->n_insns * sizeof(*dst));
    for (unsigned k = 0; k < other->n_insns; k++) {
        uint16_t *slots[4] = { &dst[k].dst, &dst[k].a, &dst[k].b, &dst[k].c };
        for (unsigned j = 0; j < 4; j++)
            if (*slots[j] != IR_SLOT_NONE && *slots[j] >= IR_NUM_GLOBALS)
                *slots[j] = (uint16_t)(*slots[j] + base - IR_NUM_GLOBALS);
    }
}

/* Can other be appended to first?  Its temporaries must fit, and its
 * start must not be one of first's own instructions (the insn_start that
 * counts other's instructions must be other's alone). */
static bool temps_fit(const struct tb *first, const struct tb *other)
{
    for (unsigned k = 0; k < first->n_insns; k++)
        if (first->insns[k].op == IR_insn_start && (uint64_t)first->insns[k].imm == other->pc)
            return false;   /* (a block may follow jumps: not one range) */
    return max_temp(first->insns, first->n_insns) + max_temp(other->insns, other->n_insns) -
           IR_NUM_GLOBALS <= IR_NUM_SLOTS;
}

/*
 * Loop stitching.  A loop often takes two blocks: a head H (`i++; if
 * (i >= n) leave; goto B`) and a body B (`...; brcond -> H; goto_pc
 * next`, or `...; goto_pc H`).  Whichever of the two is translated
 * second finds the other, which goes back to it, and gets the other's IR
 * appended, so that the pair loops inside one piece of code with
 * registers kept (the self-loop of x86_codegen.h):
 *   - the block's final goto_pc X: X's IR replaces the goto_pc;
 *   - else its brcond -> X (then goto_pc next): the brcond is inverted
 *     into a side exit to `next`, and X's IR follows.
 * X's IR must end going back to the block (loops_back_to), which is then
 * the back edge to the block's own start.  The appended IR (temporaries
 * renamed, brconds side exits) is exactly what X's block would run, and
 * its instructions are counted where it starts (stitch_pc).  Only blocks
 * of the generation being translated are used: the new block is
 * published only in that generation.
 * Returns the number of IR ops written to t->insns, or 0 (not stitched).
 */
static unsigned stitch_loop(struct jit_thread *t, const struct tb *tb, uint64_t *other_pc,
                            uint32_t *other_n_guest)
{
    unsigned n = tb->n_insns;
    if (n < 2 || n > STITCH_MAX_INSNS || tb->insns[n - 1].op != IR_goto_pc ||
        !only_side_exits(tb->insns, n))
        return 0;
    uint64_t gen = atomic_load(&tb_generation);
    unsigned total = 0;
    pthread_mutex_lock(&index_lock);

    uint64_t x = (uint64_t)tb->insns[n - 1].imm;
    const struct tb *other = x != tb->pc ? indexed_block(x, gen) : NULL;
    bool invert = false;
    if (!other || !loops_back_to(other, tb->pc) || !temps_fit(tb, other)) {
        other = NULL;
        if (n >= 3 && tb->insns[n - 2].op == IR_brcond) {
            x = (uint64_t)tb->insns[n - 2].imm;
            other = x != tb->pc ? indexed_block(x, gen) : NULL;
            if (other && loops_back_to(other, tb->pc) && temps_fit(tb, other))
                invert = true;
            else
                other = NULL;
        }
    }
    if (other) {
        total = n - 1 + other->n_insns;
        reserve_insns(t, total);
        memcpy(t->insns, tb->insns, (n - 1) * sizeof(*t->insns));
        if (invert) {
            struct ir_insn *exit = &t->insns[n - 2];
            exit->size ^= 1;   /* IR_EQ/NE, LT/GE, LTU/GEU are pairs */
            exit->imm = tb->insns[n - 1].imm;
        }
        append_renamed(t, n - 1, tb, other);
        *other_pc = other->pc;
        *other_n_guest = other->n_guest;
    }
    pthread_mutex_unlock(&index_lock);
    return total;
}

static unsigned optimised_copy(struct jit_thread *t, const struct tb *tb, uint64_t *head_pc,
                               uint32_t *head_n_guest)
{
    *head_n_guest = 0;
    unsigned n = stitch_loop(t, tb, head_pc, head_n_guest);
    if (!n) {
        reserve_insns(t, tb->n_insns);
        memcpy(t->insns, tb->insns, tb->n_insns * sizeof(*t->insns));
        n = tb->n_insns;
    }
    return ir_optimize(t->insns, n);
}

/* TANDEM_JIT_SPREAD: 0-48 bytes more for each chunk, chosen by the seed
 * and the chunk's number, so the blocks after it land elsewhere relative
 * to each other (the seed 0: none). */
static uint32_t spread_gap(void)
{
    static _Atomic uint64_t chunks;
    if (!opt.jit_spread)
        return 0;
    uint64_t k = atomic_fetch_add(&chunks, 1) + 1;
    uint64_t h = (k * 0x9e3779b97f4a7c15ull) ^ ((uint64_t)opt.jit_spread * 0xbf58476d1ce4e5b9ull);
    h ^= h >> 31;
    h *= 0x94d049bb133111ebull;
    return (uint32_t)(h >> 62) * CHUNK_ALIGN;
}

static void jit_prepare(struct tb *tb)
{
    pthread_once(&jit_once, jit_init);
    struct jit_thread *t = thread_state();
    tb->host_code = NULL;

    struct x86_cg *cg = &t->cg;
    unsigned n = optimised_copy(t, tb, &cg->stitch_pc, &cg->stitch_n_guest);
    struct x86_buf buf;
    x86_buf_init(&buf, t->scratch, SCRATCH_SIZE);
    if (!x86_codegen_block(cg, &buf, tb, t->insns, n))
        return;   /* enormous block: the interpreter runs it */

    uint32_t code_size = x86_offset(&buf);
    uint32_t map_off = CHUNK_HEADER + round_up(code_size, 8);
    uint32_t exits_off = map_off + cg->n_map * (uint32_t)sizeof(struct x86_pc_map);
    uint32_t size = round_up(exits_off + cg->n_exits * (uint32_t)sizeof(struct x86_direct_exit),
                             CHUNK_ALIGN) + spread_gap();

    if (jit_code_full())
        tb_flush_all();   /* safe here: see jit.h */

    pthread_mutex_lock(&jit_lock);
    struct jit_chunk *c = chunk_alloc(size);
    pthread_mutex_unlock(&jit_lock);
    if (!c)
        return;

    c->tb = tb;
    c->precount_n = cg->precount_n;
    c->precount_start = cg->precount_start;
    c->precount_end = cg->precount_end;
    c->code_size = code_size;
    c->n_map = cg->n_map;
    c->n_exits = cg->n_exits;
    c->map_off = map_off;
    c->exits_off = exits_off;
    uint8_t *code = chunk_code(c);
    memcpy(code, t->scratch, code_size);
    for (unsigned r = 0; r < cg->n_relocs; r++) {
        const struct x86_reloc *rl = &cg->relocs[r];
        uintptr_t target = rl->target == X86_RELOC_EPILOGUE ? (uintptr_t)jit_epilogue
            : rl->target >= X86_RELOC_TAG_THUNK0
                ? (uintptr_t)tag_thunks[rl->target - X86_RELOC_TAG_THUNK0]
                : (uintptr_t)&guest_limits[rl->target - X86_RELOC_LIMIT0];
        int32_t rel = x86_rel32((uintptr_t)(code + rl->field), target);
        memcpy(code + rl->field, &rel, 4);
    }
    memcpy(chunk_map(c), cg->map, cg->n_map * sizeof(struct x86_pc_map));
    memcpy(chunk_exits(c), cg->exits, cg->n_exits * sizeof(struct x86_direct_exit));
    tb->host_code = code;

    pthread_mutex_lock(&index_lock);
    unsigned h = index_bucket(tb->pc);
    c->index_next = block_index[h];
    block_index[h] = c;
    pthread_mutex_unlock(&index_lock);
}

static enum block_exit jit_run_block(struct vcpu *cpu, struct tb *tb, unsigned *exit_reason)
{
    if (!tb->host_code)
        return interp_backend.run_block(cpu, tb, exit_reason);
    struct jit_ret r = jit_enter(cpu, tb->host_code);
    cpu->exit_tb = r.tb;
    *exit_reason = (unsigned)(r.how >> 8) & 0xff;
    return (enum block_exit)(r.how & 0xff);
}

static void jit_chain(struct tb *from, int slot, struct tb *to)
{
    if (!from->host_code || !to->host_code || from->generation != to->generation)
        return;
    struct jit_chunk *c = chunk_of(from);
    struct x86_direct_exit *e = chunk_exits(c);
    for (unsigned k = 0; k < c->n_exits; k++) {
        if (e[k].slot != (uint32_t)slot || e[k].target_pc != to->pc)
            continue;
        uint8_t *field = chunk_code(c) + e[k].field;
        int32_t rel = x86_rel32((uintptr_t)field, (uintptr_t)to->host_code);
        /* aligned 4-byte store: other vCPUs see the old or the new jump */
        __atomic_store_n((int32_t *)(void *)field, rel, __ATOMIC_RELEASE);
    }
}

/* Named only once it is the pc's block: a race loser's code is freed and
 * reused, and its line would name the next block's code. */
static void jit_published(const struct tb *tb)
{
    if (opt.perfmap && tb->host_code) {
        const struct jit_chunk *c = chunk_of(tb);
        x86_perfmap_note(tb->host_code, c->code_size, tb->pc);
    }
}

static void jit_free_code(struct tb *tb)
{
    if (!tb->host_code)
        return;
    struct jit_chunk *c = chunk_of(tb);
    pthread_mutex_lock(&index_lock);
    for (struct jit_chunk **pp = &block_index[index_bucket(tb->pc)]; *pp; pp = &(*pp)->index_next) {
        if (*pp == c) {
            *pp = c->index_next;
            break;
        }
    }
    pthread_mutex_unlock(&index_lock);
    pthread_mutex_lock(&jit_lock);
    bytes_in_use -= c->size;
    push_free(c);
    pthread_mutex_unlock(&jit_lock);
    tb->host_code = NULL;
}

static bool jit_fault_pc(uintptr_t host_pc, uint64_t *guest_pc)
{
    if (!region || host_pc < (uintptr_t)heap_start || host_pc >= (uintptr_t)atomic_load(&heap_top))
        return false;
    uint8_t *top = atomic_load(&heap_top);
    for (uint8_t *p = heap_start; p < top;) {
        struct jit_chunk *c = (struct jit_chunk *)p;
        if (c->size == 0)
            return false;
        if (host_pc < (uintptr_t)p + c->size) {
            if (!c->in_use || !c->tb || host_pc < (uintptr_t)chunk_code(c))
                return false;
            uint32_t off = (uint32_t)(host_pc - (uintptr_t)chunk_code(c));
            /* a fault before a precounted stitched part ran: take its count back */
            if (c->precount_n && off >= c->precount_start && off < c->precount_end &&
                current_vcpu) {
                current_vcpu->stats.insns -= c->precount_n;
                current_vcpu->stats.blocks -= 1;
            }
            const struct x86_pc_map *m = chunk_map(c);
            *guest_pc = c->tb->pc;
            unsigned lo = 0, hi = c->n_map;   /* last entry with host_off <= off */
            while (lo < hi) {
                unsigned mid = (lo + hi) / 2;
                if (m[mid].host_off <= off)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            if (lo > 0)
                *guest_pc = m[lo - 1].guest_pc;
            return true;
        }
        p += c->size;
    }
    return false;
}

void jit_dump_block(FILE *f, const struct tb *tb)
{
    if (!tb->host_code)
        return;
    struct jit_chunk *c = chunk_of(tb);
    fprintf(f, "OUT: host code %p, %u bytes\n", tb->host_code, c->code_size);
    x86_disas_print(f, tb->host_code, c->code_size, chunk_map(c), c->n_map);
}

const struct backend jit_backend = {
    .name = "jit",
    .prepare = jit_prepare,
    .run_block = jit_run_block,
    .chain = jit_chain,
    .published = jit_published,
    .free_code = jit_free_code,
    .fault_pc = jit_fault_pc,
};
