/*
 * The byte check shared by the encoder tests: the buffer must hold exactly
 * want[0..n), else one FAIL line with both byte strings.  The including
 * test defines `static int failures;` first.
 */
#ifndef TANDEM_ENCODER_EXPECT_H
#define TANDEM_ENCODER_EXPECT_H

#include <stdio.h>
#include <string.h>

static void expect(const char *name, const struct x86_buf *b, const uint8_t *want, unsigned n)
{
    unsigned got = x86_offset(b);
    if (!b->overflow && got == n && memcmp(b->start, want, n) == 0)
        return;
    failures++;
    printf("FAIL %s: got", name);
    for (unsigned i = 0; i < got; i++)
        printf(" %02x", b->start[i]);
    printf(", want");
    for (unsigned i = 0; i < n; i++)
        printf(" %02x", want[i]);
    printf("\n");
}

#endif
