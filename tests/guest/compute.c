/* A CPU-bound program with many small blocks, indirect calls through
 * function pointers, a switch-dispatched bytecode interpreter and deep
 * recursion, so the translator's block chaining and indirect-jump paths
 * get a workout.  Every result is checked against a known value. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static int failures;

static void expect(const char *what, uint64_t got, uint64_t want)
{
    printf("%s: %llu\n", what, (unsigned long long)got);
    if (got != want) {
        printf("FAIL %s: want %llu\n", what, (unsigned long long)want);
        failures++;
    }
}

/* noinline keeps the recursion real at -O2 */
static __attribute__((noinline)) uint64_t fib(unsigned n)
{
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

static __attribute__((noinline)) unsigned ackermann(unsigned m, unsigned n)
{
    if (m == 0) return n + 1;
    if (n == 0) return ackermann(m - 1, 1);
    return ackermann(m - 1, ackermann(m, n - 1));
}

static unsigned count_primes(unsigned limit)
{
    static uint8_t composite[200001];
    unsigned count = 0;
    memset(composite, 0, sizeof composite);
    for (unsigned i = 2; i <= limit; i++) {
        if (composite[i]) continue;
        count++;
        for (unsigned j = i * 2; j <= limit; j += i) composite[j] = 1;
    }
    return count;
}

static uint32_t crc32(const uint8_t *p, size_t n)
{
    uint32_t crc = 0xffffffff;
    for (size_t i = 0; i < n; i++) {
        crc ^= p[i];
        for (int b = 0; b < 8; b++)
            crc = (crc >> 1) ^ (0xedb88320 & -(crc & 1));
    }
    return ~crc;
}

/* Function pointers: a chain of transforms picked by the data. */
typedef uint64_t (*transform)(uint64_t);
static uint64_t t_rotate(uint64_t x) { return (x << 13) | (x >> 51); }
static uint64_t t_mix(uint64_t x) { return x * 0x9e3779b97f4a7c15ull; }
static uint64_t t_xorshift(uint64_t x) { return x ^ (x >> 29); }
static uint64_t t_add(uint64_t x) { return x + 0x632be59bd9b4e019ull; }
static const transform transforms[] = {t_rotate, t_mix, t_xorshift, t_add};

static uint64_t run_transforms(unsigned rounds)
{
    uint64_t x = 1;
    for (unsigned i = 0; i < rounds; i++)
        x = transforms[(x >> 7) & 3](x);
    return x;
}

/* A tiny stack machine: computes sum_{i<n} (i*i mod 7) with a loop. */
enum op { PUSH, LOAD, STORE, ADD, MUL, MOD, LT, JZ, JMP, HALT };
struct insn { enum op op; int64_t arg; };

static int64_t interpret(const struct insn *code, int64_t *vars)
{
    int64_t stack[16];
    int sp = 0, pc = 0;
    for (;;) {
        const struct insn *i = &code[pc++];
        switch (i->op) {
        case PUSH: stack[sp++] = i->arg; break;
        case LOAD: stack[sp++] = vars[i->arg]; break;
        case STORE: vars[i->arg] = stack[--sp]; break;
        case ADD: sp--; stack[sp - 1] += stack[sp]; break;
        case MUL: sp--; stack[sp - 1] *= stack[sp]; break;
        case MOD: sp--; stack[sp - 1] %= stack[sp]; break;
        case LT: sp--; stack[sp - 1] = stack[sp - 1] < stack[sp]; break;
        case JZ: if (stack[--sp] == 0) pc = (int)i->arg; break;
        case JMP: pc = (int)i->arg; break;
        case HALT: return vars[1];
        }
    }
}

static int64_t bytecode_sum(int64_t n)
{
    /* vars: 0 = i, 1 = sum, 2 = n */
    const struct insn code[] = {
        {LOAD, 0}, {LOAD, 2}, {LT, 0}, {JZ, 16},
        {LOAD, 1}, {LOAD, 0}, {LOAD, 0}, {MUL, 0}, {PUSH, 7}, {MOD, 0}, {ADD, 0}, {STORE, 1},
        {LOAD, 0}, {PUSH, 1}, {ADD, 0}, {STORE, 0},
        {JMP, 0},
    };
    struct insn program[18];
    memcpy(program, code, sizeof code);
    program[3].arg = 17;
    program[16] = (struct insn){JMP, 0};
    program[17] = (struct insn){HALT, 0};
    int64_t vars[3] = {0, 0, n};
    return interpret(program, vars);
}

int main(void)
{
    expect("fib(27)", fib(27), 196418);
    expect("ackermann(2, 300)", ackermann(2, 300), 603);
    expect("primes below 200000", count_primes(200000), 17984);

    static uint8_t buf[64 * 1024];
    for (size_t i = 0; i < sizeof buf; i++) buf[i] = (uint8_t)(i * 7 + (i >> 8));
    uint32_t c = crc32(buf, sizeof buf);
    printf("crc32 of 64 KiB: %08x\n", c);
    expect("crc32 of \"123456789\"", crc32((const uint8_t *)"123456789", 9), 0xcbf43926);

    uint64_t x = run_transforms(1000000);
    printf("transforms: %016llx\n", (unsigned long long)x);

    /* i*i mod 7 over one period 0..6 sums to 0+1+4+2+2+4+1 = 14 */
    expect("bytecode sum", bytecode_sum(210000), 420000);

    printf("%s: %d failures\n", failures ? "FAIL" : "OK", failures);
    return failures != 0;
}
