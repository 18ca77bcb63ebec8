/* Integer sorting: glibc qsort, a hand-written quicksort and a top-down
 * mergesort over the same pseudo-random keys. */
#include "../bench_common.h"

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

static void insertion_sort(uint32_t *a, long n)
{
    for (long i = 1; i < n; i++) {
        uint32_t v = a[i];
        long j = i - 1;
        while (j >= 0 && a[j] > v) {
            a[j + 1] = a[j];
            j--;
        }
        a[j + 1] = v;
    }
}

/* Hoare partition around a median of three; recurse on the smaller side
 * so the stack stays O(log n). */
static void quick_sort(uint32_t *a, long n)
{
    while (n > 16) {
        uint32_t x = a[0], y = a[n / 2], z = a[n - 1];
        uint32_t pivot = x < y ? (y < z ? y : (x < z ? z : x))
                               : (x < z ? x : (y < z ? z : y));
        long i = -1, j = n;
        for (;;) {
            do i++; while (a[i] < pivot);
            do j--; while (a[j] > pivot);
            if (i >= j)
                break;
            uint32_t t = a[i]; a[i] = a[j]; a[j] = t;
        }
        long left = j + 1;
        if (left < n - left) {
            quick_sort(a, left);
            a += left;
            n -= left;
        } else {
            quick_sort(a + left, n - left);
            n = left;
        }
    }
    insertion_sort(a, n);
}

static void merge_sort(uint32_t *a, uint32_t *tmp, long n)
{
    if (n <= 16) {
        insertion_sort(a, n);
        return;
    }
    long half = n / 2;
    merge_sort(a, tmp, half);
    merge_sort(a + half, tmp, n - half);
    long i = 0, j = half, k = 0;
    while (i < half && j < n)
        tmp[k++] = a[j] < a[i] ? a[j++] : a[i++];
    while (i < half)
        tmp[k++] = a[i++];
    while (j < n)
        tmp[k++] = a[j++];
    memcpy(a, tmp, (size_t)n * sizeof *a);
}

static uint64_t sorted_sum(const uint32_t *a, long n)
{
    uint64_t sum = 0;
    for (long i = 1; i < n; i++) {
        if (a[i - 1] > a[i]) {
            fprintf(stderr, "sort: not sorted at %ld\n", i);
            exit(1);
        }
    }
    for (long i = 0; i < n; i += 97)
        sum = bench_mix(sum, a[i]);
    return sum;
}

int main(int argc, char **argv)
{
    double scale = bench_scale_arg(argc, argv, 1);
    long n = bench_scaled(300000, scale);
    int rounds = 3;
    uint32_t *orig = bench_alloc((size_t)n * sizeof *orig);
    uint32_t *a = bench_alloc((size_t)n * sizeof *a);
    uint32_t *tmp = bench_alloc((size_t)n * sizeof *tmp);
    uint64_t seed = 42, sum = 0;

    for (int r = 0; r < rounds; r++) {
        for (long i = 0; i < n; i++)
            orig[i] = (uint32_t)bench_rand(&seed);
        memcpy(a, orig, (size_t)n * sizeof *a);
        qsort(a, (size_t)n, sizeof *a, cmp_u32);
        sum = bench_mix(sum, sorted_sum(a, n));
        memcpy(a, orig, (size_t)n * sizeof *a);
        quick_sort(a, n);
        sum = bench_mix(sum, sorted_sum(a, n));
        memcpy(a, orig, (size_t)n * sizeof *a);
        merge_sort(a, tmp, n);
        sum = bench_mix(sum, sorted_sum(a, n));
    }
    bench_checksum("sort", sum);
    free(orig);
    free(a);
    free(tmp);
    return 0;
}
