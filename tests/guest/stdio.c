/* printf formats (integers, floats, strings), sscanf, puts and snprintf;
 * every formatted string is also checked against its expected text. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static int failures;

static void expect(const char *what, const char *got, const char *want)
{
    if (strcmp(got, want) != 0) {
        printf("FAIL %s: got \"%s\", want \"%s\"\n", what, got, want);
        failures++;
    }
}

static void check_integer_formats(void)
{
    char buf[128];
    snprintf(buf, sizeof buf, "%d %i %u %x %X %o", -42, 17, 4000000000u, 0xbeef, 0xbeef, 8);
    expect("ints", buf, "-42 17 4000000000 beef BEEF 10");
    snprintf(buf, sizeof buf, "%ld %lu %lld", -9000000000L, 18446744073709551615UL, -1LL);
    expect("longs", buf, "-9000000000 18446744073709551615 -1");
    snprintf(buf, sizeof buf, "[%5d] [%-5d] [%05d] [%+d] [% d]", 42, 42, 42, 42, 42);
    expect("widths", buf, "[   42] [42   ] [00042] [+42] [ 42]");
    snprintf(buf, sizeof buf, "%#x %#o %hhd %hd", 255, 8, 300, 70000);
    expect("alt/short", buf, "0xff 010 44 4464");
    snprintf(buf, sizeof buf, "%" PRId64 " %" PRIx64, INT64_MIN, UINT64_MAX);
    expect("int64", buf, "-9223372036854775808 ffffffffffffffff");
    puts(buf);
}

static void check_float_formats(void)
{
    char buf[160];
    snprintf(buf, sizeof buf, "%f %.2f %10.3f %-10.1f|", 3.14159265, 2.675, -1.5, 0.25);
    expect("fixed", buf, "3.141593 2.67     -1.500 0.2       |");
    snprintf(buf, sizeof buf, "%e %.3E %g %g %g", 12345.678, 0.000123, 1e-5, 123456789.0, 0.5);
    expect("exp/general", buf, "1.234568e+04 1.230E-04 1e-05 1.23457e+08 0.5");
    snprintf(buf, sizeof buf, "%a %f %f %f", 1.0, 1.0 / 0.0, -1.0 / 0.0, 0.0 / 0.0);
    /* glibc prints the sign of the default NaN, which RISC-V makes positive */
    expect("hex/inf/nan", buf, "0x1p+0 inf -inf nan");
    snprintf(buf, sizeof buf, "%.17g %.9g", 0.1, 1.0f / 3.0f);
    expect("round-trip", buf, "0.10000000000000001 0.333333343");
    snprintf(buf, sizeof buf, "%.20Lf", 1.0L / 3.0L);
    expect("long double", buf, "0.33333333333333333333");
    puts(buf);
}

static void check_strings(void)
{
    char buf[128];
    snprintf(buf, sizeof buf, "[%s] [%10s] [%-6s] [%.3s] [%c%c]", "hi", "right", "left", "truncate", 'o', 'k');
    expect("strings", buf, "[hi] [     right] [left  ] [tru] [ok]");
    int n = snprintf(buf, 8, "%s", "0123456789");
    if (n != 10 || strcmp(buf, "0123456") != 0) {
        printf("FAIL snprintf truncation: n=%d buf=%s\n", n, buf);
        failures++;
    }
    puts(buf);
}

static void check_scanf(void)
{
    int i;
    unsigned x;
    double d;
    char word[32];
    long l;
    int fields = sscanf("  -123 0x1F 2.5e3 hello 99999999999 rest", "%d %x %lf %31s %ld", &i, &x, &d, word, &l);
    if (fields != 5 || i != -123 || x != 0x1f || d != 2500.0 || strcmp(word, "hello") != 0 || l != 99999999999L) {
        printf("FAIL sscanf: fields=%d i=%d x=%u d=%g word=%s l=%ld\n", fields, i, x, d, word, l);
        failures++;
    }
    printf("sscanf read %d fields: %d %u %.1f %s %ld\n", fields, i, x, d, word, l);
    char a[8], b[8];
    fields = sscanf("key=value", "%7[^=]=%7s", a, b);
    printf("sscanf scanset: %d [%s] [%s]\n", fields, a, b);
    if (fields != 2 || strcmp(a, "key") != 0 || strcmp(b, "value") != 0)
        failures++;
}

int main(void)
{
    check_integer_formats();
    check_float_formats();
    check_strings();
    check_scanf();
    fputs("fputs to stdout\n", stdout);
    fprintf(stdout, "%s: %d failures\n", failures ? "FAIL" : "OK", failures);
    return failures != 0;
}
