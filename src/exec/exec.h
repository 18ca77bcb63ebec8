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

/* How a block left. */
enum block_exit {
    BLOCK_EXIT_CHAIN0,   /* brcond taken: cpu->pc is the target */
    BLOCK_EXIT_CHAIN1,   /* goto_pc: cpu->pc is the target */
    BLOCK_EXIT_INDIRECT, /* goto_ind: cpu->pc is the target */
    BLOCK_EXIT_SPECIAL,  /* IR exit: cpu->exit_reason says why, cpu->pc is where */
};

struct backend {
    const char *name;
    /* Optional: generate host code for a new tb before it is published. */
    void (*prepare)(struct tb *tb);
    /* Run tb on cpu; sets cpu->pc to the next guest pc. */
    enum block_exit (*run_block)(struct vcpu *cpu, const struct tb *tb, unsigned *exit_reason);
};

extern const struct backend *backend;
extern const struct backend interp_backend;

/* Global run-time options. */
struct tandem_options {
    int verbose;
    bool trace;          /* print each block's guest insns and IR at translation */
    bool trace_exec;     /* print each block's pc as it runs */
    bool stats;
};
extern struct tandem_options opt;

/* Run cpu until its guest thread exits; never returns. */
_Noreturn void cpu_loop(struct vcpu *cpu);

/* Report and die, following the default action of sig (SIGSEGV, SIGILL, ...). */
_Noreturn void guest_fatal_signal(struct vcpu *cpu, int sig, const char *fmt, ...);

#endif
