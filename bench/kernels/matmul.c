/* Dense double-precision matrix multiply, C = A * B, in i-k-j order
 * (the inner loop streams rows of B and C). */
#include "../bench_common.h"

int main(int argc, char **argv)
{
    double scale = bench_scale_arg(argc, argv, 1);
    long n = 320;
    long reps = bench_scaled(4, scale);
    double *a = bench_alloc((size_t)(n * n) * sizeof *a);
    double *b = bench_alloc((size_t)(n * n) * sizeof *b);
    double *c = bench_alloc((size_t)(n * n) * sizeof *c);
    uint64_t seed = 9, sum = 0;

    for (long i = 0; i < n * n; i++) {
        a[i] = (double)(bench_rand(&seed) % 2001) / 1000.0 - 1.0;
        b[i] = (double)(bench_rand(&seed) % 2001) / 1000.0 - 1.0;
    }
    for (long r = 0; r < reps; r++) {
        memset(c, 0, (size_t)(n * n) * sizeof *c);
        for (long i = 0; i < n; i++)
            for (long k = 0; k < n; k++) {
                double aik = a[i * n + k];
                for (long j = 0; j < n; j++)
                    c[i * n + j] += aik * b[k * n + j];
            }
        a[r % (n * n)] += 0.5;     /* each repetition multiplies new data */
        for (long i = 0; i < n * n; i += 37)
            sum = bench_mix(sum, bench_dbits(c[i]));
    }
    bench_checksum("matmul", sum);
    free(a); free(b); free(c);
    return 0;
}
