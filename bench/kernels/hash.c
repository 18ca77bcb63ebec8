/* Hashing a buffer: FNV-1a byte at a time, and a murmur-like 64-bit
 * word mixer, over the same pseudo-random buffer several times. */
#include "../bench_common.h"

static uint64_t fnv1a(const uint8_t *p, size_t n, uint64_t h)
{
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 0x100000001B3ULL;
    }
    return h;
}

static uint64_t murmur_like(const uint8_t *p, size_t n, uint64_t h)
{
    size_t words = n / 8;
    for (size_t i = 0; i < words; i++) {
        uint64_t k;
        memcpy(&k, p + i * 8, 8);
        k *= 0x87C37B91114253D5ULL;
        k = (k << 31) | (k >> 33);
        k *= 0x4CF5AD432745937FULL;
        h ^= k;
        h = ((h << 27) | (h >> 37)) * 5 + 0x52DCE729;
    }
    h ^= h >> 33;
    h *= 0xFF51AFD7ED558CCDULL;
    h ^= h >> 33;
    return h;
}

int main(int argc, char **argv)
{
    double scale = bench_scale_arg(argc, argv, 1);
    size_t size = 1 << 20;
    long rounds = bench_scaled(120, scale);
    uint8_t *buf = bench_alloc(size);
    uint64_t seed = 7, sum = 0;

    for (size_t i = 0; i < size; i += 8) {
        uint64_t r = bench_rand(&seed);
        memcpy(buf + i, &r, 8);
    }
    for (long r = 0; r < rounds; r++) {
        buf[r % size] ^= (uint8_t)r;        /* keep each round distinct */
        sum = bench_mix(sum, fnv1a(buf, size, 0xCBF29CE484222325ULL));
        for (int k = 0; k < 4; k++)
            sum = bench_mix(sum, murmur_like(buf, size, (uint64_t)r + k));
    }
    bench_checksum("hash", sum);
    free(buf);
    return 0;
}
