/* qsort and bsearch, string functions, strtol/strtod and libm, each
 * checked against values worked out by hand or exact identities. */
#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures;

#define CHECK(cond) check((cond), #cond)
static void check(int ok, const char *what)
{
    if (!ok) {
        printf("FAIL %s\n", what);
        failures++;
    }
}

static int compare_ints(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static int compare_strings(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void sorting(void)
{
    enum { N = 5000 };
    static int v[N];
    uint32_t seed = 12345;
    long sum = 0;
    for (int i = 0; i < N; i++) {
        seed = seed * 1103515245 + 12345;
        v[i] = (int)(seed >> 8) % 100000 - 50000;
        sum += v[i];
    }
    qsort(v, N, sizeof v[0], compare_ints);
    long after = 0;
    int sorted = 1;
    for (int i = 0; i < N; i++) {
        after += v[i];
        if (i && v[i - 1] > v[i]) sorted = 0;
    }
    CHECK(sorted && after == sum);
    printf("qsort %d ints: min %d max %d median %d\n", N, v[0], v[N - 1], v[N / 2]);
    int key = v[1234];
    int *hit = bsearch(&key, v, N, sizeof v[0], compare_ints);
    CHECK(hit && *hit == key);

    const char *words[] = {"pear", "apple", "fig", "banana", "cherry", "date", "apricot"};
    qsort(words, 7, sizeof words[0], compare_strings);
    printf("sorted words:");
    for (int i = 0; i < 7; i++) printf(" %s", words[i]);
    printf("\n");
    CHECK(strcmp(words[0], "apple") == 0 && strcmp(words[6], "pear") == 0);
}

static void strings(void)
{
    char buf[64];
    strcpy(buf, "Hello, ");
    strcat(buf, "RISC-V world");
    CHECK(strlen(buf) == 19);
    CHECK(strcmp("abc", "abd") < 0 && strncmp("abcX", "abcY", 3) == 0);
    CHECK(strcasecmp("TaNdEm", "tandem") == 0);
    CHECK(strchr(buf, 'R') == buf + 7 && strrchr(buf, 'o') == buf + 15);
    CHECK(strstr(buf, "world") == buf + 14 && strstr(buf, "mars") == NULL);
    memmove(buf + 2, buf, 10);               /* overlapping move */
    CHECK(memcmp(buf, "HeHello, RIS", 12) == 0);
    printf("memmove: %.12s\n", buf);

    char csv[] = "one,two,,three";
    int fields = 0;
    for (char *t = strtok(csv, ","); t; t = strtok(NULL, ",")) fields++;
    CHECK(fields == 3);
    for (char *p = buf; *p; p++) *p = (char)toupper((unsigned char)*p);
    printf("upper: %s, %d tokens\n", buf, fields);
    CHECK(strspn("123abc", "0123456789") == 3 && strcspn("abc;def", ";") == 3);

    char *end;
    CHECK(strtol("-0x7fffffff", &end, 16) == -0x7fffffff && *end == '\0');
    CHECK(strtoul("777", NULL, 8) == 511);
    CHECK(strtoll("9223372036854775807", NULL, 10) == INT64_MAX);
    CHECK(strtod("6.02214076e23", NULL) == 6.02214076e23);
    CHECK(atoi("  42xyz") == 42);
    /* large memset/memcpy use the library's wide loops */
    static char big[100000], copy[100000];
    memset(big, 'z', sizeof big);
    big[77777] = 'q';
    memcpy(copy, big, sizeof big);
    CHECK(memchr(copy, 'q', sizeof copy) == copy + 77777);
}

static void math(void)
{
    /* exact identities first */
    CHECK(sqrt(144.0) == 12.0 && sqrtf(2.25f) == 1.5f);
    CHECK(floor(-2.5) == -3.0 && ceil(-2.5) == -2.0 && trunc(-2.7) == -2.0);
    CHECK(round(2.5) == 3.0 && rint(2.5) == 2.0 && nearbyint(3.5) == 4.0);
    CHECK(fabs(-0.0) == 0.0 && !signbit(fabs(-0.0)));
    CHECK(fma(2.0, 3.0, 1.0) == 7.0);
    CHECK(fmod(10.0, 3.0) == 1.0 && ldexp(1.0, 10) == 1024.0);
    CHECK(pow(2.0, 0.5) == sqrt(2.0) && exp(0.0) == 1.0 && log(1.0) == 0.0);
    CHECK(isnan(sqrt(-1.0)) && isinf(1.0 / 0.0) && isinf(exp(1000.0)));
    CHECK(fmin(1.0, NAN) == 1.0 && fmax(-1.0, 2.0) == 2.0);
    CHECK(lround(-3.5) == -4 && llrint(1e15 + 0.5) == 1000000000000000LL);

    /* approximate results, printed with fewer digits than are exact */
    double pi = 4 * atan(1.0);
    CHECK(fabs(sin(pi / 6) - 0.5) < 1e-15 && fabs(cos(pi / 3) - 0.5) < 1e-15);
    CHECK(fabs(exp(log(10.0)) - 10.0) < 1e-14);
    printf("pi %.15f e %.15f\n", pi, exp(1.0));
    printf("sin(1) %.12f cos(1) %.12f tan(1) %.12f\n", sin(1.0), cos(1.0), tan(1.0));
    printf("log10(2) %.12f cbrt(27) %.12f hypot(3,4) %.12f\n", log10(2.0), cbrt(27.0), hypot(3.0, 4.0));
    printf("atan2(1,-1) %.12f asin(1) %.12f erf(0.5) %.12f\n", atan2(1.0, -1.0), asin(1.0), erf(0.5));
    printf("float: sinf(0.5) %.6f expf(1) %.6f powf(3,4) %.1f\n", sinf(0.5f), expf(1.0f), powf(3.0f, 4.0f));

    double series = 0;
    for (int k = 1; k <= 100000; k++) series += 1.0 / ((double)k * k);
    CHECK(fabs(series - pi * pi / 6) < 1.1e-5);
    printf("basel series (100000 terms) %.9f\n", series);
}

int main(void)
{
    sorting();
    strings();
    math();
    printf("%s: %d failures\n", failures ? "FAIL" : "OK", failures);
    return failures != 0;
}
