/*
 * Accrued floating-point flags as a program sees them through <fenv.h>,
 * compared with qemu-riscv64.  The JIT leaves NX pending in the host's
 * MXCSR while fflags lacks it, and records every other flag through its
 * exact helpers (exec/host_fpflags.h); these cases cover reading a
 * pending NX, clearing it, a stale NX after a write that keeps NX, the
 * quiet-compare idiom (frflags; flt; fsflags), flags raised in a hot
 * loop, and a thread created while NX was only pending (a new thread
 * inherits its creator's floating-point environment).
 */
#include <fenv.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>

static volatile double one = 1.0, two = 2.0, three = 3.0, zero = 0.0;
static volatile double huge = 1e300, tiny = 1e-300, qnan = NAN;

static void show(const char *what)
{
    int f = fetestexcept(FE_ALL_EXCEPT);
    printf("%-28s%s%s%s%s%s%s\n", what, f ? "" : " none",
           f & FE_INVALID ? " NV" : "", f & FE_DIVBYZERO ? " DZ" : "",
           f & FE_OVERFLOW ? " OF" : "", f & FE_UNDERFLOW ? " UF" : "",
           f & FE_INEXACT ? " NX" : "");
}

static void *child(void *arg)
{
    (void)arg;
    show("thread: inherited");
    feclearexcept(FE_ALL_EXCEPT);
    volatile double r = one * two;
    (void)r;
    show("thread: cleared, exact op");
    return NULL;
}

int main(void)
{
    volatile double r;

    feclearexcept(FE_ALL_EXCEPT);
    r = one / three;
    show("1/3");
    feclearexcept(FE_ALL_EXCEPT);
    r = one * two;
    show("cleared, 1*2");
    feclearexcept(FE_ALL_EXCEPT);
    feraiseexcept(FE_INEXACT);
    r = one * two;
    show("raised NX, 1*2");
    feclearexcept(FE_INEXACT);
    r = two + three;
    show("NX cleared, 2+3");

    feclearexcept(FE_ALL_EXCEPT);
    r = zero / zero;
    show("0/0");
    feclearexcept(FE_ALL_EXCEPT);
    r = one / zero;
    show("1/0");
    feclearexcept(FE_ALL_EXCEPT);
    r = huge * huge;
    show("huge*huge");
    feclearexcept(FE_ALL_EXCEPT);
    r = tiny * tiny;
    show("tiny*tiny");
    feclearexcept(FE_ALL_EXCEPT);
    r = sqrt(-one);
    show("sqrt(-1)");
    feclearexcept(FE_ALL_EXCEPT);
    r = one - one;
    show("1-1");

    /* quiet compares: GCC brackets a signalling flt with frflags/fsflags */
    feclearexcept(FE_ALL_EXCEPT);
    r = one / three;
    int q = isless(qnan, one) + isgreater(one, qnan);
    printf("isless/isgreater with NaN: %d\n", q);
    show("  after (NX kept, no NV)");
    feclearexcept(FE_ALL_EXCEPT);
    q = qnan < one;
    printf("NaN < 1: %d\n", q);
    show("  after (NV)");

    /* a loop that stays on the inline path, then flags */
    feclearexcept(FE_ALL_EXCEPT);
    double acc = 0.0;
    for (int i = 1; i <= 100000; i++)
        acc = acc * 0.5 + (double)i;
    printf("loop result %.17g\n", acc);
    show("after the loop");
    feclearexcept(FE_ALL_EXCEPT);
    acc = 0.0;
    for (int i = 1; i <= 1000; i++)
        acc += 0.25;
    printf("exact loop result %.17g\n", acc);
    show("after the exact loop");

    /* dynamic rounding set before a hot loop: blocks entered with frm
     * other than RNE (the JIT hands them to the interpreter) */
    static const struct { int mode; const char *name; } modes[] = {
        { FE_UPWARD, "upward" }, { FE_DOWNWARD, "downward" },
        { FE_TOWARDZERO, "toward zero" }, { FE_TONEAREST, "to nearest" },
    };
    for (unsigned m = 0; m < sizeof modes / sizeof modes[0]; m++) {
        fesetround(modes[m].mode);
        double s = 0.0;
        for (int i = 1; i <= 2000; i++)
            s += one / (three * i) - s * 1e-7;
        volatile double x = s;
        fesetround(FE_TONEAREST);
        printf("rounding %-12s %a\n", modes[m].name, x);
    }

    /* the creator's pending NX reaches a new thread; the thread's own
     * changes do not come back */
    feclearexcept(FE_ALL_EXCEPT);
    r = one / three;
    pthread_t t;
    if (pthread_create(&t, NULL, child, NULL) != 0)
        return 1;
    pthread_join(t, NULL);
    show("creator after join");
    (void)r;
    return 0;
}
