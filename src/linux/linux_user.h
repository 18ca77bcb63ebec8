/*
 * The Linux user-mode personality: ELF loading, the initial stack and the
 * riscv64 system-call ABI mapped onto the x86-64 host kernel.
 *
 * Concurrency: syscalls run on the calling vCPU's host thread.  Shared
 * state (brk, the guest mapping allocator) is guarded by mmap_lock
 * (mem/guest_mem.h); the unknown-syscall warning set uses atomics.
 *
 * Layout: ET_EXEC loads at its own addresses, static-pie at 0x1000000000;
 * brk follows the highest segment; mmap hands out ranges top-down below
 * GUEST_MMAP_TOP; the 8 MiB stack ends at GUEST_STACK_TOP.
 *
 * Threads: each guest thread is a host pthread (clone with CLONE_VM);
 * the guest tid is the host tid.  Fork-style clone uses host fork(), with
 * the other vCPUs parked so that the child inherits no held lock.
 * CLONE_VM | CLONE_VFORK (vfork, posix_spawn) makes a host process that
 * shares the address space, as Linux does, on a vCPU of its own; the
 * parent sleeps until it execs or exits.  execve of
 * a riscv64 program runs a fresh tandem with the same --backend and
 * --atomics; other programs (the host's /bin/sh) run natively.
 *
 * Known limitations: signals are not delivered to guest handlers; they
 * are recorded (rt_sigaction, sigaltstack) and an unblocked signal takes
 * its host default action (see sys_signal.c for the exceptions).  The
 * blocked mask is real: blocked signals stay pending for sigtimedwait
 * and signalfd.
 * Robust futex lists are walked when a thread dies and at exit_group.
 * Writes the kernel makes into guest buffers (read, recvmsg, getrandom
 * ...) break other vCPUs' reservations on them (linux_host_wrote), except
 * for an LR and SC that both happen while the syscall runs.
 * An execve of a riscv64 program runs it under a fresh tandem and keeps
 * the guest's argv[0] (passed in the environment).  mremap keeps
 * the moved pages, but a grown tail is anonymous memory even for a file
 * mapping.
 * -v -v traces every syscall on stderr.
 */
#ifndef TANDEM_LINUX_USER_H
#define TANDEM_LINUX_USER_H

#include <stdbool.h>
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
/* A system call that can be answered without blocking or writing guest
 * memory, in guest code (a futex call the kernel would not act on):
 * true if it was, with pc and a0 set as linux_syscall sets them. */
bool linux_syscall_quick(struct vcpu *cpu);

void linux_init(const struct guest_image *img);

#endif
