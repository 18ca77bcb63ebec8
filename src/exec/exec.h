/*
 * The execution loop: one host thread per vCPU runs blocks until the guest
 * thread exits.  Backends implement run_block.
 */
#ifndef TANDEM_EXEC_H
#define TANDEM_EXEC_H

#include <stdbool.h>
#include <stdint.h>

struct vcpu;
struct tb;
struct ir_block;

/* How a block left. */
enum block_exit {
    BLOCK_EXIT_CHAIN0,   /* brcond taken: cpu->pc is the target */
    BLOCK_EXIT_CHAIN1,   /* goto_pc: cpu->pc is the target */
    BLOCK_EXIT_INDIRECT, /* goto_ind: cpu->pc is the target */
    BLOCK_EXIT_SPECIAL,  /* IR exit: cpu->exit_reason says why, cpu->pc is where */
    BLOCK_EXIT_INTERPRET,/* run cpu->exit_tb (at cpu->pc) in the interpreter: the
                            JIT's code assumed something that does not hold */
};

struct backend {
    const char *name;
    /* Optional: generate host code for a new tb before it is published. */
    void (*prepare)(struct tb *tb);
    /* Run tb on cpu (and, for a JIT, any blocks chained after it); sets
     * cpu->pc to the next guest pc, cpu->exit_tb to the block that left,
     * and returns how it left. */
    enum block_exit (*run_block)(struct vcpu *cpu, struct tb *tb, unsigned *exit_reason);
    /* Optional: after run_block left `from` through chain slot `slot`
     * and the loop found `to`, let the backend link them directly.
     * Called with no lock held; must be safe while other vCPUs run `from`. */
    void (*chain)(struct tb *from, int slot, struct tb *to);
    /* Optional: tb is in the cache now (a vCPU that lost the race to
     * translate the same pc frees its copy without this call). */
    void (*published)(const struct tb *tb);
    /* Optional: release backend resources of a retired tb. */
    void (*free_code)(struct tb *tb);
    /* Optional: map a host pc inside generated code to the guest pc of the
     * instruction that was running; false if host_pc is not generated code. */
    bool (*fault_pc)(uintptr_t host_pc, uint64_t *guest_pc);
};

extern const struct backend *backend;

/* The guest front-end, as the execution layer sees it. */
struct frontend {
    const char *name;
    /* Fill b (initialised with ir_block_init(b, pc)) with the block at pc. */
    void (*translate)(struct ir_block *b, uint64_t pc);
    /* Describe the guest insn at pc for --trace ("word  mnemonic ops");
     * returns its length in bytes, 0 if it cannot be read. */
    unsigned (*disassemble)(char *buf, unsigned size, uint64_t pc);
};
extern const struct frontend *frontend;
extern const struct frontend riscv_frontend;
extern const struct backend interp_backend;
extern const struct backend jit_backend __attribute__((weak));

/* Disassemble a block's host code (--trace), provided by the JIT. */
#include <stdio.h>
void jit_dump_block(FILE *f, const struct tb *tb) __attribute__((weak));

/* Print per-vCPU statistics (--stats) to stderr. */
void stats_print_all(void);

/* Global run-time options. */
struct tandem_options {
    int verbose;
    bool trace;          /* print each block's guest insns and IR at translation */
    bool trace_exec;     /* print each block's pc as it runs */
    bool stats;
    bool perfmap;        /* name JIT blocks in /tmp/perf-PID.map for perf */
    unsigned jit_pad;    /* TANDEM_JIT_PAD: bytes before the first JIT block */
    unsigned jit_spread; /* TANDEM_JIT_SPREAD: seed of the gaps between JIT blocks, 0 none */
};
extern struct tandem_options opt;

/* Run cpu until its guest thread exits; never returns. */
_Noreturn void cpu_loop(struct vcpu *cpu);

/* Report and die, following the default action of sig (SIGSEGV, SIGILL, ...). */
_Noreturn void guest_fatal_signal(struct vcpu *cpu, int sig, const char *fmt, ...);

#endif
