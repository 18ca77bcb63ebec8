/*
 * Diagnostics: one line on stderr, written with a single write(2) so that
 * lines from several vCPU threads never interleave mid-line.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "util/diag.h"

static void vdiag(const char *fmt, va_list ap)
{
    char line[1024];
    int n = snprintf(line, sizeof(line), "tandem: ");
    int m = vsnprintf(line + n, sizeof(line) - (size_t)n - 1, fmt, ap);
    if (m < 0)
        m = 0;
    size_t len = (size_t)n + (size_t)m;
    if (len > sizeof(line) - 2)
        len = sizeof(line) - 2;
    line[len++] = '\n';
    fflush(stdout);    /* keep tandem's own stdout (e.g. --trace) ordered before the message */
    ssize_t w = write(STDERR_FILENO, line, len);
    (void)w;
}

void diag(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vdiag(fmt, ap);
    va_end(ap);
}

_Noreturn void die(int status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vdiag(fmt, ap);
    va_end(ap);
    fflush(NULL);
    _exit(status);
}
