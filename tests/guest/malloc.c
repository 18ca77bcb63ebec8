/* malloc/calloc/realloc/free across many sizes, with content checks, and
 * a large allocation that glibc serves with mmap. */
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures;

static void fail(const char *what, size_t n)
{
    printf("FAIL %s (size %zu)\n", what, n);
    failures++;
}

static unsigned char pattern(size_t i, size_t seed)
{
    return (unsigned char)(i * 31 + seed * 7 + 1);
}

static void fill(unsigned char *p, size_t n, size_t seed)
{
    for (size_t i = 0; i < n; i++)
        p[i] = pattern(i, seed);
}

static int intact(const unsigned char *p, size_t n, size_t seed)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != pattern(i, seed))
            return 0;
    return 1;
}

static void many_sizes(void)
{
    enum { COUNT = 400 };
    unsigned char *blocks[COUNT];
    size_t sizes[COUNT];
    for (size_t i = 0; i < COUNT; i++) {
        sizes[i] = (i * i * 13) % 5000 + 1;
        blocks[i] = malloc(sizes[i]);
        if (!blocks[i]) { fail("malloc", sizes[i]); return; }
        if ((uintptr_t)blocks[i] % 16 != 0) fail("alignment", sizes[i]);
        fill(blocks[i], sizes[i], i);
    }
    /* free every third block, then reallocate to interleave the heap */
    for (size_t i = 0; i < COUNT; i += 3) {
        free(blocks[i]);
        sizes[i] = sizes[i] / 2 + 8;
        blocks[i] = malloc(sizes[i]);
        fill(blocks[i], sizes[i], i);
    }
    size_t total = 0;
    for (size_t i = 0; i < COUNT; i++) {
        if (!intact(blocks[i], sizes[i], i)) fail("contents", sizes[i]);
        total += sizes[i];
        free(blocks[i]);
    }
    printf("many sizes: %d blocks, %zu bytes\n", COUNT, total);
}

static void growing_realloc(void)
{
    unsigned char *p = NULL;
    size_t n = 0;
    for (size_t step = 1; step <= 20; step++) {
        size_t grown = step * step * 100;
        p = realloc(p, grown);
        if (!p) { fail("realloc", grown); return; }
        if (!intact(p, n, 5)) fail("realloc kept contents", grown);
        fill(p, grown, 5);
        n = grown;
    }
    p = realloc(p, 10);
    if (!intact(p, 10, 5)) fail("realloc shrink", 10);
    free(p);
    printf("realloc: grew to %zu bytes and shrank to 10\n", n);
}

static void calloc_zeroes(void)
{
    /* dirty the heap first so calloc cannot rely on fresh pages only */
    void *dirty = malloc(64 * 1024);
    memset(dirty, 0xa5, 64 * 1024);
    free(dirty);
    for (size_t n = 1; n <= 65536; n *= 4) {
        unsigned char *p = calloc(n, 3);
        for (size_t i = 0; i < n * 3; i++)
            if (p[i] != 0) { fail("calloc zero", n * 3); break; }
        free(p);
    }
    volatile size_t huge = SIZE_MAX / 2; /* volatile: keep gcc from flagging it */
    if (calloc(huge, 4) != NULL) fail("calloc overflow", 0);
    printf("calloc: zeroed\n");
}

static void big_mmap_allocation(void)
{
    size_t n = 3 * 1024 * 1024 + 123;
    unsigned char *p = malloc(n);
    if (!p) { fail("big malloc", n); return; }
    /* glibc serves this with mmap: the chunk header marks it IS_MMAPPED */
    size_t header = ((size_t *)p)[-1];
    fill(p, n, 9);
    unsigned long sum = 0;
    for (size_t i = 0; i < n; i += 4096) sum += p[i];
    if (!intact(p, n, 9)) fail("big contents", n);
    p = realloc(p, 2 * n);
    if (!intact(p, n, 9)) fail("big realloc", 2 * n);
    free(p);
    printf("big allocation: %zu bytes, mmapped %s, page sum %lu\n", n, (header & 2) ? "yes" : "no", sum);
}

int main(void)
{
    many_sizes();
    growing_realloc();
    calloc_zeroes();
    big_mmap_allocation();
    printf("%s: %d failures\n", failures ? "FAIL" : "OK", failures);
    return failures != 0;
}
