/* CRC-32 (IEEE 802.3, reflected 0xEDB88320): the byte-table version and a
 * bit-at-a-time version, over a pseudo-random buffer. */
#include "../bench_common.h"

static uint32_t table[256];

static void make_table(void)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++)
            c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        table[i] = c;
    }
}

static uint32_t crc32_table(const uint8_t *p, size_t n)
{
    uint32_t c = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++)
        c = table[(c ^ p[i]) & 0xFF] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}

static uint32_t crc32_bitwise(const uint8_t *p, size_t n)
{
    uint32_t c = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++) {
        c ^= p[i];
        for (int k = 0; k < 8; k++)
            c = (c >> 1) ^ (0xEDB88320u & -(c & 1));
    }
    return c ^ 0xFFFFFFFFu;
}

int main(int argc, char **argv)
{
    double scale = bench_scale_arg(argc, argv, 1);
    size_t size = 1 << 20;
    long rounds = bench_scaled(45, scale);
    uint8_t *buf = bench_alloc(size);
    uint64_t seed = 11, sum = 0;

    make_table();
    if (crc32_table((const uint8_t *)"123456789", 9) != 0xCBF43926u) {
        fprintf(stderr, "crc32: wrong check value\n");
        return 1;
    }
    for (size_t i = 0; i < size; i++)
        buf[i] = (uint8_t)bench_rand(&seed);
    for (long r = 0; r < rounds; r++) {
        buf[(r * 4099) % size]++;
        sum = bench_mix(sum, crc32_table(buf, size));
        if (r % 8 == 0)
            sum = bench_mix(sum, crc32_bitwise(buf, size / 4));
    }
    bench_checksum("crc32", sum);
    free(buf);
    return 0;
}
