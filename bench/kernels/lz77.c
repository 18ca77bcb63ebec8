/* LZ77-style compression: hash-chain match finding over a generated,
 * partly repetitive text, emitting (literal | length,distance) tokens;
 * then decompression, which must reproduce the input. */
#include "../bench_common.h"

#define WINDOW     32768
#define HASH_BITS  15
#define MIN_MATCH  4
#define MAX_MATCH  258
#define MAX_CHAIN  32

struct token {
    uint16_t length;   /* 0: literal */
    uint16_t dist;
    uint8_t literal;
};

static uint32_t hash4(const uint8_t *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return (v * 2654435761u) >> (32 - HASH_BITS);
}

static long compress(const uint8_t *in, long n, struct token *out,
                     int32_t *head, int32_t *prev)
{
    long ntok = 0;
    for (long i = 0; i < (1 << HASH_BITS); i++)
        head[i] = -1;
    long i = 0;
    while (i < n) {
        int best_len = 0, best_dist = 0;
        if (i + MIN_MATCH <= n) {
            uint32_t h = hash4(in + i);
            int32_t cand = head[h];
            for (int chain = 0; cand >= 0 && i - cand <= WINDOW && chain < MAX_CHAIN; chain++) {
                int len = 0;
                long limit = n - i < MAX_MATCH ? n - i : MAX_MATCH;
                while (len < limit && in[cand + len] == in[i + len])
                    len++;
                if (len > best_len) {
                    best_len = len;
                    best_dist = (int)(i - cand);
                }
                cand = prev[cand % WINDOW];
            }
            prev[i % WINDOW] = head[h];
            head[h] = (int32_t)i;
        }
        if (best_len >= MIN_MATCH) {
            out[ntok++] = (struct token){ (uint16_t)best_len, (uint16_t)best_dist, 0 };
            /* Insert the skipped positions so later matches can find them. */
            for (long k = i + 1; k < i + best_len && k + MIN_MATCH <= n; k++) {
                uint32_t h = hash4(in + k);
                prev[k % WINDOW] = head[h];
                head[h] = (int32_t)k;
            }
            i += best_len;
        } else {
            out[ntok++] = (struct token){ 0, 0, in[i] };
            i++;
        }
    }
    return ntok;
}

static long decompress(const struct token *tok, long ntok, uint8_t *out)
{
    long n = 0;
    for (long t = 0; t < ntok; t++) {
        if (tok[t].length == 0) {
            out[n++] = tok[t].literal;
        } else {
            for (int k = 0; k < tok[t].length; k++, n++)
                out[n] = out[n - tok[t].dist];
        }
    }
    return n;
}

int main(int argc, char **argv)
{
    double scale = bench_scale_arg(argc, argv, 1);
    long n = 1 << 20;
    long rounds = bench_scaled(6, scale);
    static const char *words[] = { "the ", "quick ", "brown ", "fox ", "jumps ",
        "over ", "lazy ", "dog ", "emulator ", "translates ", "RISC-V ",
        "blocks ", "into ", "x86 ", "code ", "\n" };
    uint8_t *in = bench_alloc((size_t)n);
    uint8_t *back = bench_alloc((size_t)n);
    struct token *tok = bench_alloc((size_t)n * sizeof *tok);
    int32_t *head = bench_alloc(sizeof(int32_t) << HASH_BITS);
    int32_t *prev = bench_alloc(sizeof(int32_t) * WINDOW);
    uint64_t seed = 5, sum = 0;

    for (long r = 0; r < rounds; r++) {
        long i = 0;
        while (i < n) {
            uint64_t x = bench_rand(&seed);
            const char *w = words[x % 16];
            if ((x >> 8) % 8 == 0) {          /* some noise bytes */
                in[i++] = (uint8_t)(x >> 16);
                continue;
            }
            for (; *w && i < n; w++)
                in[i++] = (uint8_t)*w;
        }
        long ntok = compress(in, n, tok, head, prev);
        if (decompress(tok, ntok, back) != n || memcmp(in, back, (size_t)n) != 0) {
            fprintf(stderr, "lz77: round trip failed\n");
            return 1;
        }
        sum = bench_mix(sum, (uint64_t)ntok);
        for (long t = 0; t < ntok; t += 61)
            sum = bench_mix(sum, tok[t].length * 65536u + tok[t].dist + tok[t].literal);
    }
    bench_checksum("lz77", sum);
    free(in); free(back); free(tok); free(head); free(prev);
    return 0;
}
