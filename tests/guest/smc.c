/* Self-modifying code: writes RISC-V instructions into an executable
 * buffer, flushes the instruction cache, runs them, rewrites them and
 * checks that the new code (not a stale translation) runs.  Covers an
 * RWX mapping and a W^X mapping flipped with mprotect. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

static int failures;

static uint32_t addi(unsigned rd, unsigned rs1, int imm)
{
    return ((uint32_t)(imm & 0xfff) << 20) | (rs1 << 15) | (0u << 12) | (rd << 7) | 0x13;
}

static uint32_t add(unsigned rd, unsigned rs1, unsigned rs2)
{
    return (rs2 << 20) | (rs1 << 15) | (rd << 7) | 0x33;
}

static uint32_t mul(unsigned rd, unsigned rs1, unsigned rs2)
{
    return (1u << 25) | (rs2 << 20) | (rs1 << 15) | (rd << 7) | 0x33;
}

static const uint32_t RET = 0x00008067;   /* jalr x0, 0(ra) */
enum { A0 = 10, A1 = 11 };

typedef long (*fn2)(long, long);

static void expect(const char *what, long got, long want)
{
    printf("%s: %ld\n", what, got);
    if (got != want) {
        printf("FAIL %s: want %ld\n", what, want);
        failures++;
    }
}

static void emit(uint32_t *code, const uint32_t *insns, size_t n)
{
    memcpy(code, insns, n * sizeof insns[0]);
    __builtin___clear_cache((char *)code, (char *)(code + n));
}

static void rwx_buffer(void)
{
    uint32_t *code = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                          MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (code == MAP_FAILED) { perror("mmap"); failures++; return; }
    fn2 f = (fn2)(uintptr_t)code;

    const uint32_t ret_const[] = {addi(A0, 0, 42), RET};
    emit(code, ret_const, 2);
    long sum = 0;
    for (int i = 0; i < 1000; i++) sum += f(0, 0);   /* make the block hot */
    expect("rwx: constant 42 x1000", sum, 42000);

    const uint32_t do_add[] = {add(A0, A0, A1), RET};
    emit(code, do_add, 2);
    expect("rwx: rewritten to add(20, 22)", f(20, 22), 42);

    const uint32_t do_mul[] = {mul(A0, A0, A1), addi(A0, A0, -1), RET};
    emit(code, do_mul, 3);
    expect("rwx: rewritten to mul(6, 7) - 1", f(6, 7), 41);

    /* patch a single instruction in the middle of hot code */
    sum = 0;
    for (int round = 0; round < 50; round++) {
        code[1] = addi(A0, A0, round);
        __builtin___clear_cache((char *)&code[1], (char *)&code[2]);
        sum += f(2, 3);
    }
    expect("rwx: 50 patched immediates", sum, 50 * 6 + 49 * 50 / 2);

    /* on a single thread a plain fence.i is enough (no syscall) */
    const uint32_t copy_a1[] = {addi(A0, A1, 0), RET};
    emit(code, copy_a1, 2);
    sum = f(0, 1);
    for (int round = 1; round < 20; round++) {
        code[0] = addi(A0, A1, round * 3);
        __asm__ volatile("fence.i" ::: "memory");
        sum += f(0, 1);
    }
    expect("rwx: 20 rewrites with fence.i", sum, 20 + 3 * 19 * 20 / 2);
    munmap(code, 4096);
}

static void mprotect_flip(void)
{
    uint32_t *code = mmap(NULL, 8192, PROT_READ | PROT_WRITE,
                          MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (code == MAP_FAILED) { perror("mmap"); failures++; return; }
    fn2 f = (fn2)(uintptr_t)code;
    long total = 0;
    for (int version = 1; version <= 5; version++) {
        if (mprotect(code, 8192, PROT_READ | PROT_WRITE) != 0) failures++;
        /* a0 = a0 + a1 * version, written as a chain of adds */
        uint32_t insns[8];
        size_t n = 0;
        for (int k = 0; k < version; k++) insns[n++] = add(A0, A0, A1);
        insns[n++] = RET;
        emit(code, insns, n);
        if (mprotect(code, 8192, PROT_READ | PROT_EXEC) != 0) failures++;
        for (int i = 0; i < 100; i++) total += f(1, 10);
    }
    expect("mprotect: 5 versions x100", total, 100 * (5 + 10 * 15));
    munmap(code, 8192);
}

int main(void)
{
    rwx_buffer();
    mprotect_flip();
    printf("%s: %d failures\n", failures ? "FAIL" : "OK", failures);
    return failures != 0;
}
