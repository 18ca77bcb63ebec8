/*
 * Operand decoders for the 32-bit formats, and rv_lookup(): the search of
 * the per-extension pattern tables.
 *
 * The tables are scanned once (pthread_once, since any vCPU thread may
 * translate first) into buckets keyed by the bits every pattern fixes:
 * the major opcode for 32-bit words, quadrant and funct3 for 16-bit ones.
 * A lookup then tests only the few patterns of one bucket, in table
 * order, so an earlier, more specific pattern wins over a later one.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "frontend/riscv/rv.h"
#include "util/diag.h"

static int64_t sext(uint64_t value, unsigned bits)
{
    return (int64_t)(value << (64 - bits)) >> (64 - bits);
}

static uint32_t bits(uint32_t w, unsigned hi, unsigned lo)
{
    return (w >> lo) & ((1u << (hi - lo + 1)) - 1);
}

void rv_decode_r(uint32_t w, struct rv_args *a)
{
    a->rd = bits(w, 11, 7);
    a->rs1 = bits(w, 19, 15);
    a->rs2 = bits(w, 24, 20);
    a->rm = bits(w, 14, 12);
    a->aq = bits(w, 26, 26);
    a->rl = bits(w, 25, 25);
}

void rv_decode_r4(uint32_t w, struct rv_args *a)
{
    rv_decode_r(w, a);
    a->rs3 = bits(w, 31, 27);
    a->aq = a->rl = 0;   /* bits 26:25 are the FP format there */
}

void rv_decode_i(uint32_t w, struct rv_args *a)
{
    a->rd = bits(w, 11, 7);
    a->rs1 = bits(w, 19, 15);
    a->rm = bits(w, 14, 12);
    a->imm = sext(bits(w, 31, 20), 12);
    a->csr = bits(w, 31, 20);
}

void rv_decode_s(uint32_t w, struct rv_args *a)
{
    a->rs1 = bits(w, 19, 15);
    a->rs2 = bits(w, 24, 20);
    a->rm = bits(w, 14, 12);
    a->imm = sext(bits(w, 31, 25) << 5 | bits(w, 11, 7), 12);
}

void rv_decode_b(uint32_t w, struct rv_args *a)
{
    a->rs1 = bits(w, 19, 15);
    a->rs2 = bits(w, 24, 20);
    a->imm = sext(bits(w, 31, 31) << 12 | bits(w, 7, 7) << 11 |
                  bits(w, 30, 25) << 5 | bits(w, 11, 8) << 1, 13);
}

void rv_decode_u(uint32_t w, struct rv_args *a)
{
    a->rd = bits(w, 11, 7);
    a->imm = sext(w & 0xfffff000u, 32);
}

void rv_decode_j(uint32_t w, struct rv_args *a)
{
    a->rd = bits(w, 11, 7);
    a->imm = sext(bits(w, 31, 31) << 20 | bits(w, 19, 12) << 12 |
                  bits(w, 20, 20) << 11 | bits(w, 30, 21) << 1, 21);
}

void rv_decode_none(uint32_t w, struct rv_args *a)
{
    (void)w;
    (void)a;
}

/* ---- pattern index ---- */

#define RV_NUM_BUCKETS 32
#define KEY32_MASK 0x0000007cu   /* opcode bits 6:2 */
#define KEY16_MASK 0x0000e003u   /* funct3 (15:13) and quadrant (1:0) */

struct rv_bucket {
    const struct rv_pattern **patterns;
    unsigned count;
};

static struct rv_bucket index32[RV_NUM_BUCKETS], index16[RV_NUM_BUCKETS];
static pthread_once_t index_once = PTHREAD_ONCE_INIT;

static const struct rv_pattern_table *const tables[] = {
    &rv_i_table, &rv_m_table, &rv_a_table, &rv_f_table, &rv_d_table,
    &rv_zicsr_table, &rv_zifencei_table, &rv_c_table,
};
#define NUM_TABLES (sizeof(tables) / sizeof(tables[0]))

static uint32_t key32_bits(unsigned key) { return key << 2; }
static uint32_t key16_bits(unsigned key) { return (key & 3) | (key >> 2) << 13; }

/* Could a word in bucket `key` match p?  Only the key bits p fixes count. */
static bool pattern_in_bucket(const struct rv_pattern *p, bool compressed, unsigned key)
{
    uint32_t key_mask = compressed ? KEY16_MASK : KEY32_MASK;
    uint32_t key_word = compressed ? key16_bits(key) : key32_bits(key);
    return ((p->match ^ key_word) & p->mask & key_mask) == 0;
}

static void fill_bucket(struct rv_bucket *bucket, bool compressed, unsigned key)
{
    unsigned n = 0;
    for (int pass = 0; pass < 2; pass++) {
        for (unsigned t = 0; t < NUM_TABLES; t++) {
            const struct rv_pattern_table *table = tables[t];
            if (table->compressed != compressed)
                continue;
            for (unsigned i = 0; i < table->count; i++) {
                const struct rv_pattern *p = &table->patterns[i];
                if (!pattern_in_bucket(p, compressed, key))
                    continue;
                if (pass == 1)
                    bucket->patterns[bucket->count++] = p;
                else
                    n++;
            }
        }
        if (pass == 0) {
            bucket->patterns = calloc(n ? n : 1, sizeof(*bucket->patterns));
            if (!bucket->patterns)
                die(TANDEM_EXIT_INTERNAL, "out of memory building the decoder index");
        }
    }
}

static void build_index(void)
{
    for (unsigned key = 0; key < RV_NUM_BUCKETS; key++) {
        fill_bucket(&index32[key], false, key);
        fill_bucket(&index16[key], true, key);
    }
}

const struct rv_pattern *rv_lookup(uint32_t word, unsigned len, struct rv_args *args)
{
    pthread_once(&index_once, build_index);

    const struct rv_bucket *bucket;
    if (len == 2) {
        word &= 0xffff;
        bucket = &index16[(word & 3) | (word >> 13) << 2];
    } else {
        if ((word & 3) != 3)
            return NULL;
        bucket = &index32[(word >> 2) & 31];
    }
    for (unsigned i = 0; i < bucket->count; i++) {
        const struct rv_pattern *p = bucket->patterns[i];
        if ((word & p->mask) == p->match) {
            memset(args, 0, sizeof(*args));
            p->decode(word, args);
            return p;
        }
    }
    return NULL;
}
