/*
 * The Linux user-mode personality: ELF loading, the initial stack and the
 * riscv64 system-call ABI mapped onto the x86-64 host kernel.
 *
 * Concurrency: syscalls run on the calling vCPU's host thread.  Shared
 * state (brk, the guest mapping allocator) is guarded by mmap_lock
 * (mem/guest_mem.h); the unknown-syscall warning set uses atomics.
 */
#ifndef TANDEM_LINUX_USER_H
#define TANDEM_LINUX_USER_H

#include <stdint.h>

struct vcpu;

struct guest_image {
    uint64_t entry;        /* entry point (after load bias) */
    uint64_t phdr;         /* guest address of the program headers */
    uint64_t phnum, phent;
    uint64_t load_bias;    /* non-zero for static-pie */
    uint64_t brk_start;    /* end of the highest loaded segment, page aligned */
    uint64_t stack_top;
    uint64_t sp;           /* initial stack pointer */
};

/* Load path into guest memory; on bad input prints one line and exits
 * with the TANDEM_EXIT_* status from util/diag.h. */
void elf_load(const char *path, struct guest_image *img);

/* Build argv/envp/auxv on the guest stack; sets img->sp. */
void linux_build_stack(struct guest_image *img, int argc, char **argv, char **envp,
                       const char *exec_path);

/* Handle the ecall at cpu->pc: a7 = number, a0..a5 = args, result in a0.
 * Advances cpu->pc past the ecall unless the thread exits. */
void linux_syscall(struct vcpu *cpu);

void linux_init(const struct guest_image *img);

#endif
