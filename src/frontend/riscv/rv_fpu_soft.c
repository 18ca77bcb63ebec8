/*
 * Exact IEEE 754 binary32/binary64 arithmetic with RISC-V conventions:
 * canonical NaNs, tininess detected after rounding, saturating integer
 * conversions, all five rounding modes.
 *
 * Internally a finite non-zero value is (sign, exp, sig) with bit 62 of
 * sig set and value = sig * 2^(exp - 62).  The bits below the format's
 * precision are round bits; bit 0 is "sticky" (some lower bit was lost).
 * Having at least 10 bits below the precision keeps every add, mul, div,
 * sqrt and fma result correctly roundable after one jam.
 */
#include <math.h>

#include "frontend/riscv/rv_fpu.h"

typedef unsigned __int128 u128;

const struct fp_format fp_single = { 23, 8, 127, 0x7fc00000ull };
const struct fp_format fp_double = { 52, 11, 1023, 0x7ff8000000000000ull };

enum fp_kind { FK_ZERO, FK_FINITE, FK_INF, FK_QNAN, FK_SNAN };

struct fp_parts {
    bool sign;
    enum fp_kind kind;
    int32_t exp;
    uint64_t sig;
};

static uint64_t exp_all_ones(const struct fp_format *f) { return (1ull << f->exp_bits) - 1; }
static uint64_t frac_mask(const struct fp_format *f) { return (1ull << f->frac_bits) - 1; }
static uint64_t sign_bit(const struct fp_format *f) { return 1ull << (f->frac_bits + f->exp_bits); }
static uint64_t value_mask(const struct fp_format *f) { return (sign_bit(f) << 1) - 1; }

static uint64_t pack_zero(const struct fp_format *f, bool sign) { return sign ? sign_bit(f) : 0; }

static uint64_t pack_inf(const struct fp_format *f, bool sign)
{
    return pack_zero(f, sign) | exp_all_ones(f) << f->frac_bits;
}

static uint64_t pack_max_finite(const struct fp_format *f, bool sign)
{
    return pack_zero(f, sign) | (exp_all_ones(f) - 1) << f->frac_bits | frac_mask(f);
}

static int clz64(uint64_t x) { return __builtin_clzll(x); }

static int clz128(u128 x)
{
    uint64_t hi = (uint64_t)(x >> 64);
    return hi ? clz64(hi) : 64 + clz64((uint64_t)x);
}

/* Shift right, OR-ing every lost bit into bit 0. */
static uint64_t shift_right_jam64(uint64_t x, int n)
{
    if (n <= 0)
        return x;
    if (n >= 64)
        return x != 0;
    return x >> n | ((x & ((1ull << n) - 1)) != 0);
}

static u128 shift_right_jam128(u128 x, int n)
{
    if (n <= 0)
        return x;
    if (n >= 128)
        return x != 0;
    return x >> n | ((x & (((u128)1 << n) - 1)) != 0);
}

static struct fp_parts unpack(const struct fp_format *f, uint64_t a)
{
    struct fp_parts p = { .sign = (a & sign_bit(f)) != 0 };
    uint64_t biased = a >> f->frac_bits & exp_all_ones(f);
    uint64_t frac = a & frac_mask(f);
    int to_top = 62 - f->frac_bits;

    if (biased == exp_all_ones(f)) {
        if (frac == 0)
            p.kind = FK_INF;
        else
            p.kind = (frac >> (f->frac_bits - 1)) & 1 ? FK_QNAN : FK_SNAN;
    } else if (biased == 0) {
        if (frac == 0) {
            p.kind = FK_ZERO;
        } else {
            /* subnormal: normalise so that bit 62 is set */
            uint64_t sig = frac << to_top;
            int n = clz64(sig) - 1;
            p.kind = FK_FINITE;
            p.sig = sig << n;
            p.exp = 1 - f->bias - n;
        }
    } else {
        p.kind = FK_FINITE;
        p.sig = (frac | 1ull << f->frac_bits) << to_top;
        p.exp = (int32_t)biased - f->bias;
    }
    return p;
}

static bool is_nan(const struct fp_parts *p) { return p->kind == FK_QNAN || p->kind == FK_SNAN; }

/* Should the magnitude be rounded up, given round bits rbits of which
 * half is the halfway value, and the kept least significant bit lsb? */
static bool round_up(int rm, bool sign, uint64_t rbits, uint64_t half, bool lsb)
{
    switch (rm) {
    case RV_RM_RNE: return rbits > half || (rbits == half && lsb);
    case RV_RM_RTZ: return false;
    case RV_RM_RDN: return sign && rbits != 0;
    case RV_RM_RUP: return !sign && rbits != 0;
    case RV_RM_RMM: return rbits >= half;
    default:        return false;
    }
}

/* Does an overflow in this mode and direction give infinity (or the
 * largest finite value)? */
static bool overflow_to_inf(int rm, bool sign)
{
    switch (rm) {
    case RV_RM_RTZ: return false;
    case RV_RM_RDN: return sign;
    case RV_RM_RUP: return !sign;
    default:        return true;
    }
}

/* Round (sign, exp, sig) to the format; sig must have bit 62 set. */
static uint64_t round_pack(const struct fp_format *f, bool sign, int32_t exp, uint64_t sig,
                           int rm, uint32_t *flags)
{
    int shift = 62 - f->frac_bits;
    uint64_t round_mask = (1ull << shift) - 1, half = 1ull << (shift - 1);
    int32_t emin = 1 - f->bias;
    uint64_t s = pack_zero(f, sign);

    if (exp > f->bias) {
        *flags |= RV_FF_OF | RV_FF_NX;
        return overflow_to_inf(rm, sign) ? pack_inf(f, sign) : pack_max_finite(f, sign);
    }
    if (exp < emin) {
        /* RISC-V detects tininess after rounding: the value is tiny unless
         * rounding it with an unbounded exponent reaches 2^emin. */
        bool tiny = true;
        if (exp == emin - 1) {
            uint64_t m = (sig >> shift) +
                round_up(rm, sign, sig & round_mask, half, (sig >> shift) & 1);
            tiny = (m >> (f->frac_bits + 1)) == 0;
        }
        sig = shift_right_jam64(sig, emin - exp);
        uint64_t rbits = sig & round_mask;
        uint64_t m = (sig >> shift) + round_up(rm, sign, rbits, half, (sig >> shift) & 1);
        if (rbits) {
            *flags |= RV_FF_NX;
            if (tiny)
                *flags |= RV_FF_UF;
        }
        /* m == 2^frac_bits carries into the exponent field: the smallest normal */
        return s | m;
    }

    uint64_t rbits = sig & round_mask;
    uint64_t m = (sig >> shift) + round_up(rm, sign, rbits, half, (sig >> shift) & 1);
    /* m is in [2^p-1, 2^p]; adding it to exponent - 1 lets a carry bump the exponent */
    uint64_t bits = ((uint64_t)(exp + f->bias - 1) << f->frac_bits) + m;
    if ((bits >> f->frac_bits) >= exp_all_ones(f)) {
        *flags |= RV_FF_OF | RV_FF_NX;
        return overflow_to_inf(rm, sign) ? pack_inf(f, sign) : pack_max_finite(f, sign);
    }
    if (rbits)
        *flags |= RV_FF_NX;
    return s | bits;
}

/* Normalise a non-zero sig so bit 62 is set, adjusting exp. */
static uint64_t normalise(uint64_t sig, int32_t *exp)
{
    if (sig >> 63) {
        *exp += 1;
        return shift_right_jam64(sig, 1);
    }
    int n = clz64(sig) - 1;
    *exp -= n;
    return sig << n;
}

/* NaN operand handling shared by the arithmetic ops. */
static uint64_t nan_result(const struct fp_format *f, const struct fp_parts *a,
                           const struct fp_parts *b, uint32_t *flags)
{
    if (a->kind == FK_SNAN || (b && b->kind == FK_SNAN))
        *flags |= RV_FF_NV;
    return f->canonical_nan;
}

static uint64_t invalid(const struct fp_format *f, uint32_t *flags)
{
    *flags |= RV_FF_NV;
    return f->canonical_nan;
}

/* Exact zero result of x - x: +0, or -0 when rounding down. */
static uint64_t cancel_zero(const struct fp_format *f, int rm)
{
    return pack_zero(f, rm == RV_RM_RDN);
}

uint64_t fp_add(const struct fp_format *f, uint64_t a, uint64_t b, int rm, uint32_t *flags)
{
    struct fp_parts x = unpack(f, a), y = unpack(f, b);

    if (is_nan(&x) || is_nan(&y))
        return nan_result(f, &x, &y, flags);
    if (x.kind == FK_INF) {
        if (y.kind == FK_INF && x.sign != y.sign)
            return invalid(f, flags);
        return a;
    }
    if (y.kind == FK_INF)
        return b;
    if (x.kind == FK_ZERO && y.kind == FK_ZERO)
        return x.sign == y.sign ? a : cancel_zero(f, rm);
    if (x.kind == FK_ZERO)
        return b;
    if (y.kind == FK_ZERO)
        return a;

    /* make x the larger magnitude */
    if (x.exp < y.exp || (x.exp == y.exp && x.sig < y.sig)) {
        struct fp_parts t = x;
        x = y;
        y = t;
    }
    int32_t exp = x.exp;
    uint64_t ys = shift_right_jam64(y.sig, x.exp - y.exp);
    uint64_t sig;
    if (x.sign == y.sign) {
        sig = x.sig + ys;
    } else {
        sig = x.sig - ys;
        if (sig == 0)
            return cancel_zero(f, rm);
    }
    sig = normalise(sig, &exp);
    return round_pack(f, x.sign, exp, sig, rm, flags);
}

uint64_t fp_mul(const struct fp_format *f, uint64_t a, uint64_t b, int rm, uint32_t *flags)
{
    struct fp_parts x = unpack(f, a), y = unpack(f, b);
    bool sign = x.sign ^ y.sign;

    if (is_nan(&x) || is_nan(&y))
        return nan_result(f, &x, &y, flags);
    if ((x.kind == FK_INF && y.kind == FK_ZERO) || (x.kind == FK_ZERO && y.kind == FK_INF))
        return invalid(f, flags);
    if (x.kind == FK_INF || y.kind == FK_INF)
        return pack_inf(f, sign);
    if (x.kind == FK_ZERO || y.kind == FK_ZERO)
        return pack_zero(f, sign);

    /* product in [2^124, 2^126) = value * 2^(124 - exp) */
    u128 prod = (u128)x.sig * y.sig;
    int32_t exp = x.exp + y.exp;
    uint64_t sig;
    if (prod >> 125) {
        sig = (uint64_t)shift_right_jam128(prod, 63);
        exp += 1;
    } else {
        sig = (uint64_t)shift_right_jam128(prod, 62);
    }
    return round_pack(f, sign, exp, sig, rm, flags);
}

uint64_t fp_div(const struct fp_format *f, uint64_t a, uint64_t b, int rm, uint32_t *flags)
{
    struct fp_parts x = unpack(f, a), y = unpack(f, b);
    bool sign = x.sign ^ y.sign;

    if (is_nan(&x) || is_nan(&y))
        return nan_result(f, &x, &y, flags);
    if ((x.kind == FK_INF && y.kind == FK_INF) || (x.kind == FK_ZERO && y.kind == FK_ZERO))
        return invalid(f, flags);
    if (x.kind == FK_INF)
        return pack_inf(f, sign);
    if (y.kind == FK_INF || x.kind == FK_ZERO)
        return pack_zero(f, sign);
    if (y.kind == FK_ZERO) {
        *flags |= RV_FF_DZ;
        return pack_inf(f, sign);
    }

    /* scale the dividend so the quotient lands in [2^62, 2^63) */
    int32_t exp = x.exp - y.exp;
    u128 num = (u128)x.sig << 62;
    if (x.sig < y.sig) {
        num <<= 1;
        exp -= 1;
    }
    uint64_t q = (uint64_t)(num / y.sig);
    bool exact = num % y.sig == 0;
    return round_pack(f, sign, exp, q | !exact, rm, flags);
}

/* floor(sqrt(x)) for x < 2^126. */
static uint64_t isqrt128(u128 x)
{
    /* the long double estimate is within a few units; fix it up exactly */
    uint64_t r = (uint64_t)sqrtl((long double)x);
    while ((u128)r * r > x)
        r--;
    while ((u128)(r + 1) * (r + 1) <= x)
        r++;
    return r;
}

uint64_t fp_sqrt(const struct fp_format *f, uint64_t a, int rm, uint32_t *flags)
{
    struct fp_parts x = unpack(f, a);

    if (is_nan(&x))
        return nan_result(f, &x, NULL, flags);
    if (x.kind == FK_ZERO)
        return a;                       /* sqrt(-0) = -0 */
    if (x.sign)
        return invalid(f, flags);
    if (x.kind == FK_INF)
        return a;

    /* make the power of two even so it halves exactly */
    int k = (x.exp & 1) ? 63 : 62;
    u128 radicand = (u128)x.sig << k;   /* in [2^124, 2^126) */
    uint64_t r = isqrt128(radicand);    /* in [2^62, 2^63) */
    bool exact = (u128)r * r == radicand;
    int32_t exp = (x.exp - 62 - k) / 2 + 62;
    return round_pack(f, false, exp, r | !exact, rm, flags);
}

uint64_t fp_fma(const struct fp_format *f, uint64_t a, uint64_t b, uint64_t c, int rm, uint32_t *flags)
{
    struct fp_parts x = unpack(f, a), y = unpack(f, b), z = unpack(f, c);
    bool inf_times_zero = (x.kind == FK_INF && y.kind == FK_ZERO) ||
                          (x.kind == FK_ZERO && y.kind == FK_INF);
    bool psign = x.sign ^ y.sign;

    if (is_nan(&x) || is_nan(&y) || is_nan(&z)) {
        /* RISC-V: inf * 0 is invalid even when the addend is a quiet NaN */
        if (x.kind == FK_SNAN || y.kind == FK_SNAN || z.kind == FK_SNAN || inf_times_zero)
            *flags |= RV_FF_NV;
        return f->canonical_nan;
    }
    if (inf_times_zero)
        return invalid(f, flags);
    if (x.kind == FK_INF || y.kind == FK_INF) {
        if (z.kind == FK_INF && z.sign != psign)
            return invalid(f, flags);
        return pack_inf(f, psign);
    }
    if (z.kind == FK_INF)
        return c;
    if (x.kind == FK_ZERO || y.kind == FK_ZERO) {
        if (z.kind != FK_ZERO)
            return c;
        return psign == z.sign ? pack_zero(f, psign) : cancel_zero(f, rm);
    }
    if (z.kind == FK_ZERO) {
        /* exact product plus zero: just the rounded product */
        return fp_mul(f, a, b, rm, flags);
    }

    /* both terms as value * 2^(124 - E) in 128 bits, aligned to the larger E */
    u128 p = (u128)x.sig * y.sig;       /* top bit 124 or 125 */
    int32_t pe = x.exp + y.exp;
    u128 q = (u128)z.sig << 62;         /* top bit 124 */
    int32_t qe = z.exp;
    int32_t e;
    if (pe >= qe) {
        q = shift_right_jam128(q, pe - qe);
        e = pe;
    } else {
        p = shift_right_jam128(p, qe - pe);
        e = qe;
    }

    bool sign;
    u128 sum;
    if (psign == z.sign) {
        sum = p + q;
        sign = psign;
    } else if (p >= q) {
        sum = p - q;
        sign = psign;
    } else {
        sum = q - p;
        sign = z.sign;
    }
    if (sum == 0)
        return cancel_zero(f, rm);

    /* bring the top bit to 126, then keep 64 bits with a sticky bit */
    int n = clz128(sum) - 1;
    sum <<= n;
    uint64_t sig = (uint64_t)(sum >> 64) | ((uint64_t)sum != 0);
    return round_pack(f, sign, e - n + 2, sig, rm, flags);
}

uint64_t fp_to_int(const struct fp_format *f, uint64_t a, int int_bits, bool is_signed,
                   int rm, uint32_t *flags)
{
    struct fp_parts x = unpack(f, a);
    uint64_t umax = int_bits == 64 ? UINT64_MAX : (1ull << int_bits) - 1;
    uint64_t smax = umax >> 1, smin_mag = smax + 1;
    uint64_t max = is_signed ? smax : umax;
    uint64_t min = is_signed ? (uint64_t)-(int64_t)smin_mag : 0;
    uint64_t result;

    switch (x.kind) {
    case FK_QNAN: case FK_SNAN:
        *flags |= RV_FF_NV;
        result = max;
        break;
    case FK_INF:
        *flags |= RV_FF_NV;
        result = x.sign ? min : max;
        break;
    case FK_ZERO:
        result = 0;
        break;
    default: {
        /* fixed point with 64 fraction bits; |value| >= 2^64 always overflows */
        u128 fixed = 0;
        if (x.exp < 64)
            fixed = x.exp >= -2 ? (u128)x.sig << (x.exp + 2)
                                : shift_right_jam128(x.sig, -(x.exp + 2));
        uint64_t ip = (uint64_t)(fixed >> 64), frac = (uint64_t)fixed;
        u128 mag = (u128)ip + round_up(rm, x.sign, frac, 1ull << 63, ip & 1);
        bool ok;
        if (x.exp >= 64)
            ok = false;
        else if (x.sign)
            ok = is_signed ? mag <= smin_mag : mag == 0;
        else
            ok = mag <= max;
        if (!ok) {
            *flags |= RV_FF_NV;
            result = x.sign ? min : max;
        } else {
            if (frac)
                *flags |= RV_FF_NX;
            result = x.sign ? -(uint64_t)mag : (uint64_t)mag;
        }
    }
    }
    if (int_bits == 32)
        result = (uint64_t)(int64_t)(int32_t)(uint32_t)result;
    return result;
}

uint64_t fp_from_int(const struct fp_format *f, uint64_t v, int int_bits, bool is_signed,
                     int rm, uint32_t *flags)
{
    if (int_bits == 32)
        v = is_signed ? (uint64_t)(int64_t)(int32_t)v : (uint32_t)v;
    bool sign = is_signed && (int64_t)v < 0;
    uint64_t mag = sign ? -v : v;
    if (mag == 0)
        return 0;
    int32_t exp = 62;
    uint64_t sig = normalise(mag, &exp);
    return round_pack(f, sign, exp, sig, rm, flags);
}

uint64_t fp_convert(const struct fp_format *to, const struct fp_format *from, uint64_t a,
                    int rm, uint32_t *flags)
{
    struct fp_parts x = unpack(from, a);

    switch (x.kind) {
    case FK_QNAN: case FK_SNAN: return nan_result(to, &x, NULL, flags);
    case FK_INF:                return pack_inf(to, x.sign);
    case FK_ZERO:               return pack_zero(to, x.sign);
    default:                    return round_pack(to, x.sign, x.exp, x.sig, rm, flags);
    }
}

/* A key whose unsigned order is the numeric order, with -0 < +0. */
static uint64_t order_key(const struct fp_format *f, uint64_t a)
{
    return (a & sign_bit(f)) ? ~a & value_mask(f) : a | sign_bit(f);
}

static bool both_zero(const struct fp_format *f, uint64_t a, uint64_t b)
{
    return ((a | b) & ~sign_bit(f) & value_mask(f)) == 0;
}

/* NaN operands of a comparison: sets NV for sNaN, or for any NaN if signaling. */
static bool compare_nan(const struct fp_format *f, uint64_t a, uint64_t b, bool signaling,
                        uint32_t *flags)
{
    struct fp_parts x = unpack(f, a), y = unpack(f, b);
    if (!is_nan(&x) && !is_nan(&y))
        return false;
    if (signaling || x.kind == FK_SNAN || y.kind == FK_SNAN)
        *flags |= RV_FF_NV;
    return true;
}

uint64_t fp_eq(const struct fp_format *f, uint64_t a, uint64_t b, uint32_t *flags)
{
    if (compare_nan(f, a, b, false, flags))
        return 0;
    return a == b || both_zero(f, a, b);
}

uint64_t fp_lt(const struct fp_format *f, uint64_t a, uint64_t b, uint32_t *flags)
{
    if (compare_nan(f, a, b, true, flags))
        return 0;
    return !both_zero(f, a, b) && order_key(f, a) < order_key(f, b);
}

uint64_t fp_le(const struct fp_format *f, uint64_t a, uint64_t b, uint32_t *flags)
{
    if (compare_nan(f, a, b, true, flags))
        return 0;
    return both_zero(f, a, b) || order_key(f, a) <= order_key(f, b);
}

/* fmin/fmax: a NaN operand is ignored unless both are NaN. */
static uint64_t min_max(const struct fp_format *f, uint64_t a, uint64_t b, bool want_max,
                        uint32_t *flags)
{
    struct fp_parts x = unpack(f, a), y = unpack(f, b);
    if (x.kind == FK_SNAN || y.kind == FK_SNAN)
        *flags |= RV_FF_NV;
    if (is_nan(&x) && is_nan(&y))
        return f->canonical_nan;
    if (is_nan(&x))
        return b;
    if (is_nan(&y))
        return a;
    bool a_smaller = order_key(f, a) < order_key(f, b);
    return a_smaller != want_max ? a : b;
}

uint64_t fp_min(const struct fp_format *f, uint64_t a, uint64_t b, uint32_t *flags)
{
    return min_max(f, a, b, false, flags);
}

uint64_t fp_max(const struct fp_format *f, uint64_t a, uint64_t b, uint32_t *flags)
{
    return min_max(f, a, b, true, flags);
}

uint64_t fp_class(const struct fp_format *f, uint64_t a)
{
    struct fp_parts x = unpack(f, a);
    bool subnormal = (a >> f->frac_bits & exp_all_ones(f)) == 0;

    switch (x.kind) {
    case FK_INF:    return x.sign ? 1u << 0 : 1u << 7;
    case FK_ZERO:   return x.sign ? 1u << 3 : 1u << 4;
    case FK_SNAN:   return 1u << 8;
    case FK_QNAN:   return 1u << 9;
    default:
        if (subnormal)
            return x.sign ? 1u << 2 : 1u << 5;
        return x.sign ? 1u << 1 : 1u << 6;
    }
}

/* ---- one RISC-V F/D operation on unboxed operands ---- */

/* fsgnj family on a single or double; the sign comes from b. */
static uint64_t sign_inject(enum rv_fpu_op op, uint64_t a, uint64_t b, uint64_t sign)
{
    uint64_t s = b & sign;
    if (op == RV_FOP_SGNJN)
        s ^= sign;
    else if (op == RV_FOP_SGNJX)
        s ^= a & sign;
    return (a & ~sign) | s;
}

uint64_t rv_fpu_compute_soft(enum rv_fpu_op op, const struct fp_format *f, uint64_t a, uint64_t b,
                             uint64_t c, int rm, uint32_t *fl)
{
    uint64_t sign = f == &fp_double ? 1ull << 63 : 0x80000000ull;

    switch (op) {
    case RV_FOP_ADD:   return fp_add(f, a, b, rm, fl);
    case RV_FOP_SUB:   return fp_add(f, a, b ^ sign, rm, fl);
    case RV_FOP_MUL:   return fp_mul(f, a, b, rm, fl);
    case RV_FOP_DIV:   return fp_div(f, a, b, rm, fl);
    case RV_FOP_SQRT:  return fp_sqrt(f, a, rm, fl);
    /* the negations flip the product or addend sign, as the spec defines them */
    case RV_FOP_MADD:  return fp_fma(f, a, b, c, rm, fl);
    case RV_FOP_MSUB:  return fp_fma(f, a, b, c ^ sign, rm, fl);
    case RV_FOP_NMSUB: return fp_fma(f, a ^ sign, b, c, rm, fl);
    case RV_FOP_NMADD: return fp_fma(f, a ^ sign, b, c ^ sign, rm, fl);
    case RV_FOP_SGNJ: case RV_FOP_SGNJN: case RV_FOP_SGNJX:
        return sign_inject(op, a, b, sign);
    case RV_FOP_MIN:   return fp_min(f, a, b, fl);
    case RV_FOP_MAX:   return fp_max(f, a, b, fl);
    case RV_FOP_EQ:    return fp_eq(f, a, b, fl);
    case RV_FOP_LT:    return fp_lt(f, a, b, fl);
    case RV_FOP_LE:    return fp_le(f, a, b, fl);
    case RV_FOP_CLASS: return fp_class(f, a);
    case RV_FOP_TO_W:  return fp_to_int(f, a, 32, true, rm, fl);
    case RV_FOP_TO_WU: return fp_to_int(f, a, 32, false, rm, fl);
    case RV_FOP_TO_L:  return fp_to_int(f, a, 64, true, rm, fl);
    case RV_FOP_TO_LU: return fp_to_int(f, a, 64, false, rm, fl);
    case RV_FOP_FROM_W:  return fp_from_int(f, a, 32, true, rm, fl);
    case RV_FOP_FROM_WU: return fp_from_int(f, a, 32, false, rm, fl);
    case RV_FOP_FROM_L:  return fp_from_int(f, a, 64, true, rm, fl);
    case RV_FOP_FROM_LU: return fp_from_int(f, a, 64, false, rm, fl);
    case RV_FOP_CVT_S_D: return fp_convert(&fp_single, &fp_double, a, rm, fl);
    case RV_FOP_CVT_D_S: return fp_convert(&fp_double, &fp_single, a, rm, fl);
    }
    return 0;
}
