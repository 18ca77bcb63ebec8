/* libc string and memory routines: memcpy of blocks of many sizes, strlen
 * and strchr over NUL-terminated records, memcmp and memset. */
#include "../bench_common.h"

int main(int argc, char **argv)
{
    double scale = bench_scale_arg(argc, argv, 1);
    size_t size = 1 << 20;
    long rounds = bench_scaled(800, scale);
    char *src = bench_alloc(size + 4096);
    char *dst = bench_alloc(size + 4096);
    uint64_t seed = 13, sum = 0;

    /* Records of random length 1..200, each NUL-terminated. */
    for (size_t i = 0; i < size; i++) {
        uint64_t r = bench_rand(&seed);
        src[i] = r % 200 == 0 ? '\0' : (char)('a' + r % 26);
    }
    src[size - 1] = '\0';

    for (long r = 0; r < rounds; r++) {
        /* strlen walk over every record */
        uint64_t total = 0, records = 0, commas = 0;
        for (size_t off = 0; off < size; ) {
            size_t len = strlen(src + off);
            total += len;
            records++;
            if (strchr(src + off, 'q'))
                commas++;
            off += len + 1;
        }
        sum = bench_mix(sum, total ^ (records << 32) ^ commas);
        /* memcpy of blocks whose size and alignment vary */
        size_t off = 0;
        uint64_t blk = (uint64_t)r;
        while (off + 4096 < size) {
            blk = blk * 6364136223846793005ULL + 1442695040888963407ULL;
            size_t n = 1 + (size_t)((blk >> 33) % 4000);
            memcpy(dst + off + (blk & 7), src + off, n);
            off += n;
        }
        sum = bench_mix(sum, (uint64_t)memcmp(dst, src, size) > 0);
        sum = bench_mix(sum, (uint64_t)(unsigned char)dst[(size_t)r * 977 % size]);
        memset(dst, r & 0xFF, size / 2);
    }
    bench_checksum("strmem", sum);
    free(src);
    free(dst);
    return 0;
}
