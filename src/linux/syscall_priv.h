/*
 * Private to src/linux: the system-call table format shared by the topic
 * files (sys_*.c), guest-buffer helpers and cross-file state.
 *
 * Concurrency: the tables are const; the dispatch array is built once by
 * linux_init before any guest thread runs.  Helpers here are thread-safe.
 */
#ifndef TANDEM_LINUX_SYSCALL_PRIV_H
#define TANDEM_LINUX_SYSCALL_PRIV_H

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "exec/vcpu.h"
#include "mem/guest_mem.h"

/* RISC-V integer registers used by the syscall ABI */
#define RV_REG_SP 2
#define RV_REG_TP 4
#define RV_REG_A0 10
#define RV_REG_A7 17

/* a[0..5] are the guest's a0..a5; the result (or -errno) goes to a0. */
typedef int64_t (*sys_handler)(struct vcpu *cpu, const uint64_t *a);

struct sys_entry {
    uint16_t nr;          /* riscv64 (asm-generic) number */
    const char *name;
    sys_handler fn;       /* NULL: integer-only arguments, passed to host_nr as is */
    long host_nr;         /* x86-64 number when fn is NULL */
};

struct sys_table {
    const struct sys_entry *entries;
    unsigned count;
};

#define SYS_TABLE(arr) { arr, sizeof(arr) / sizeof(arr[0]) }

extern const struct sys_table sys_thread_table, sys_mm_table, sys_fs_table, sys_time_table,
    sys_misc_table, sys_signal_table, sys_net_table, sys_event_table, sys_futex_table;

/* -1/errno from libc's syscall() becomes -errno */
static inline int64_t host_result(long r)
{
    return r == -1 ? -(int64_t)errno : r;
}

/* Translate a guest pointer the host kernel will use (it reports EFAULT
 * for unmapped pages itself).  0 stays NULL.  False if the range leaves
 * the guest address space. */
static inline bool guest_ptr(uint64_t addr, uint64_t len, void **out)
{
    if (addr == 0) {
        *out = NULL;
        return true;
    }
    if (!guest_range_ok(addr, len ? len : 1))
        return false;
    *out = g2h(addr);
    return true;
}

/* Copies that tandem itself does: 0 or -EFAULT if the guest range is not
 * mapped with the needed permission. */
int copy_to_guest(uint64_t addr, const void *src, size_t len);
int copy_from_guest(void *dst, uint64_t addr, size_t len);
/* Length of the NUL-terminated guest string at addr (at most max), or
 * -EFAULT, or -ENAMETOOLONG. */
int64_t guest_strlen(uint64_t addr, size_t max);
/* The guest string at addr copied into buf (NUL included); its length,
 * -EFAULT, or -ENAMETOOLONG when no NUL is in the first size bytes.
 * tandem passes such copies to the host: the guest cannot change or
 * unmap them while tandem looks at them. */
int64_t guest_string(uint64_t addr, char *buf, size_t size);
/* A path argument: copied into buf (PATH_MAX bytes); /proc/self/exe
 * becomes the guest program.  0 or -errno. */
int64_t guest_path(uint64_t addr, char *buf, const char **out);
/* A malloc'd copy of the guest string (at most max bytes with the NUL);
 * NULL with *err = -errno on failure. */
char *guest_strdup(uint64_t addr, size_t max, int64_t *err);
/* Converts a guest iovec array (count <= MAX_IOV pairs of pointer and
 * length, the same layout on both) into out[]; 0, -EINVAL or -EFAULT. */
#define MAX_IOV 1024
struct iovec;
int64_t iovec_from_guest(uint64_t addr, uint64_t count, struct iovec *out);
/* The host (the kernel during a syscall, or tandem itself) writes or has
 * written [addr, addr+len) behind the monitor's back: break every other
 * vCPU's reservation that overlaps it, as a guest store would.  Called
 * before and after the write, so only an LR taken while the syscall runs
 * and its SC before the syscall returns can miss the write. */
void linux_host_wrote(struct vcpu *self, uint64_t addr, uint64_t len);
/* linux_host_wrote for the first done bytes of a translated iovec
 * (UINT64_MAX: all of it). */
void iovec_host_wrote(struct vcpu *cpu, const struct iovec *iov, uint64_t count, uint64_t done);
/* A 32-bit store that respects the exclusive monitor (tid words). */
void guest_store_u32(struct vcpu *cpu, uint64_t addr, uint32_t val);

/* Environment entry that carries a guest's argv[0] across an execve of
 * another riscv64 program through a fresh tandem (stack.c removes it). */
#define LINUX_ARGV0_ENV "TANDEM_EXEC_ARGV0="

/* sys_futex.c: answer a futex call that would have no effect without
 * the kernel; true with *result set if it did.  And forget the waiters
 * of a fork child's parent. */
bool linux_futex_quick(const uint64_t *a, int64_t *result);
void linux_futex_fork_child(void);

/* stack.c: the guest program's absolute path, for /proc/self/exe */
const char *linux_exe_path(void);
/* True if the guest path names our own executable (/proc/self/exe ...). */
bool linux_path_is_self_exe(const char *path);

/* sys_mm.c; linux_brk_range gives the heap's [start, end) */
void linux_mm_init(uint64_t brk_start);
void linux_brk_range(uint64_t *start, uint64_t *end);

/* procfs.c: /proc/self/maps in guest terms, as an fd open for reading
 * (or -errno) */
bool linux_path_is_self_maps(const char *path);
int64_t linux_open_self_maps(int guest_flags);

/* sys_thread.c */
void linux_thread_init(void);
_Noreturn void linux_exit_process(int status);

/* robust.c: each vCPU's robust futex list, walked when its thread dies
 * (robust_exit) or the process exits (robust_exit_all) */
void robust_set(struct vcpu *cpu, uint64_t head);
uint64_t robust_get(struct vcpu *cpu);
void robust_forget_all(void);
void robust_exit(struct vcpu *cpu);
void robust_exit_all(struct vcpu *self);

/* sys_signal.c: a copy of the guest's disposition table (65 entries of
 * handler, flags, mask), kept across a CLONE_VM vfork child's changes */
struct linux_sig_saved {
    uint64_t words[65 * 3];
};
void linux_signals_save(struct linux_sig_saved *out);
void linux_signals_restore(const struct linux_sig_saved *in);
/* sys_signal.c: dispositions the guest inherits; host dispositions
 * around an execve (exec_failed: put the guest's back) */
void linux_signal_init(void);
/* sys_signal.c: the first guest thread takes the host's blocked mask */
void linux_signal_thread_start(struct vcpu *cpu);
void linux_signals_for_exec(bool exec_failed);
/* sys_signal.c: the guest's disposition of sig (SIG_DFL 0, SIG_IGN 1, or a handler) */
uint64_t linux_sig_disposition(int sig);

#endif
