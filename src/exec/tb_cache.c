/* The shared translation cache; the protocol is in exec/tb_cache.h. */
#include "exec/tb_cache.h"

#include <inttypes.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "exec/exec.h"
#include "exec/safepoint.h"
#include "exec/vcpu.h"
#include "util/diag.h"

#define TB_TABLE_BITS 16
#define TB_TABLE_SIZE (1u << TB_TABLE_BITS)
#define TB_TABLE_MAX_FILL (TB_TABLE_SIZE / 2)   /* flush beyond this: the size bound */

_Atomic uint64_t tb_generation = 1;

static _Atomic(struct tb *) tb_table[TB_TABLE_SIZE];
static unsigned tb_table_fill;                  /* under tb_lock */
static struct tb *tb_all;                       /* every live tb, under tb_lock */
static pthread_mutex_t tb_lock = PTHREAD_MUTEX_INITIALIZER;
static _Atomic uint64_t tb_translated;

static unsigned tb_hash(uint64_t pc)
{
    return (unsigned)(((pc >> 1) * 0x9e3779b97f4a7c15ull) >> (64 - TB_TABLE_BITS));
}

void tb_cache_init(void) {}

uint64_t tb_translated_count(void) { return atomic_load(&tb_translated); }

static struct tb *table_lookup(uint64_t pc)
{
    for (unsigned h = tb_hash(pc), n = 0; n < TB_TABLE_SIZE; h = (h + 1) & (TB_TABLE_SIZE - 1), n++) {
        struct tb *tb = atomic_load_explicit(&tb_table[h], memory_order_acquire);
        if (!tb)
            return NULL;
        if (tb->pc == pc)
            return tb;
    }
    return NULL;
}

static void trace_block(const struct ir_block *b, const struct tb *tb)
{
    flockfile(stderr);
    fprintf(stderr, "IN: block 0x%" PRIx64 "\n", b->pc);
    char line[128];
    /* each guest instruction once, in block order: a block may follow jumps */
    uint64_t last = UINT64_MAX;
    for (unsigned k = 0; k < b->n; k++) {
        uint64_t pc = (uint64_t)b->insns[k].imm;
        if (b->insns[k].op != IR_insn_start || pc == last)
            continue;
        last = pc;
        if (frontend->disassemble(line, sizeof(line), pc))
            fprintf(stderr, "  0x%" PRIx64 ":  %s\n", pc, line);
    }
    ir_print_block(stderr, b);
    if (tb->host_code && &jit_dump_block)
        jit_dump_block(stderr, tb);
    fputc('\n', stderr);
    funlockfile(stderr);
}

static struct tb *translate(uint64_t pc)
{
    struct ir_block b;
    ir_block_init(&b, pc);
    frontend->translate(&b, pc);
    ir_note_side_exits(&b);
    const char *bad = ir_validate(&b);
    if (bad)
        die(TANDEM_EXIT_INTERNAL, "invalid IR for block 0x%" PRIx64 ": %s", pc, bad);

    struct tb *tb = calloc(1, sizeof(*tb) + b.n * sizeof(struct ir_insn));
    if (!tb)
        die(TANDEM_EXIT_INTERNAL, "out of memory translating 0x%" PRIx64, pc);
    tb->pc = pc;
    tb->end_pc = b.end_pc;
    tb->n_guest = b.n_guest;
    tb->n_insns = b.n;
    memcpy(tb->insns, b.insns, b.n * sizeof(struct ir_insn));
    if (backend->prepare)
        backend->prepare(tb);
    if (opt.trace)
        trace_block(&b, tb);
    ir_block_free(&b);
    atomic_fetch_add(&tb_translated, 1);
    return tb;
}

static void tb_free(struct tb *tb)
{
    if (backend->free_code)
        backend->free_code(tb);
    free(tb);
}

struct tb *tb_find(struct vcpu *cpu, uint64_t pc)
{
    struct tb *tb = table_lookup(pc);
    if (tb)
        return tb;

    /* The size bound: flush before translating, while this vCPU holds no tb. */
    pthread_mutex_lock(&tb_lock);
    bool full = tb_table_fill >= TB_TABLE_MAX_FILL;
    pthread_mutex_unlock(&tb_lock);
    if (full)
        tb_flush_all();

    for (;;) {
        uint64_t gen = atomic_load(&tb_generation);
        struct tb *fresh = translate(pc);
        pthread_mutex_lock(&tb_lock);
        /* A flush during translation may have made what we read stale
         * (fence.i after a code write): translate again. */
        bool stale = atomic_load(&tb_generation) != gen;
        tb = stale ? NULL : table_lookup(pc);   /* another vCPU may have won the race */
        if (!tb && !stale) {
            fresh->generation = gen;
            fresh->retired_next = tb_all;
            tb_all = fresh;
            unsigned h = tb_hash(pc);
            while (atomic_load_explicit(&tb_table[h], memory_order_relaxed))
                h = (h + 1) & (TB_TABLE_SIZE - 1);
            atomic_store_explicit(&tb_table[h], fresh, memory_order_release);
            tb_table_fill++;
            pthread_mutex_unlock(&tb_lock);
            if (backend->published)
                backend->published(fresh);
            return fresh;
        }
        pthread_mutex_unlock(&tb_lock);
        tb_free(fresh);
        if (tb)
            return tb;
    }
}

void tb_flush_all(void)
{
    pthread_mutex_lock(&tb_lock);
    struct tb *retired = tb_all;
    tb_all = NULL;
    tb_table_fill = 0;
    for (unsigned h = 0; h < TB_TABLE_SIZE; h++)
        atomic_store_explicit(&tb_table[h], NULL, memory_order_relaxed);
    atomic_fetch_add(&tb_generation, 1);  /* seq_cst: ordered before the epoch bump below */
    pthread_mutex_unlock(&tb_lock);

    /* Once every other vCPU has been at a block boundary, none can still
     * be running (or about to enter through a stale pointer) a retired block. */
    safepoint_sync_code(current_vcpu);
    while (retired) {
        struct tb *next = retired->retired_next;
        tb_free(retired);
        retired = next;
    }
}
