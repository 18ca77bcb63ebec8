/*
 * File syscalls.  Most pass straight to the host with guest pointers
 * translated: riscv64 and x86-64 share the asm-generic open flags, struct
 * flock, termios, statx, dirent64 and iovec layouts.  struct stat differs
 * and is converted.  /proc/self/exe names the guest program, not tandem.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <termios.h>
#include <unistd.h>

#include "linux/syscall_priv.h"

/* ---- guest paths (copied into tandem: see guest_path) ---- */

static int64_t sys_openat(struct vcpu *cpu, const uint64_t *a)
{
    char buf[PATH_MAX];
    const char *path;
    int64_t r = guest_path(a[1], buf, &path);
    if (r < 0)
        return r;
    /* for reading; a write open goes to the host file, which refuses
     * writes exactly as Linux does */
    if (linux_path_is_self_maps(path) && ((int)a[2] & O_ACCMODE) == O_RDONLY)
        return linux_open_self_maps((int)a[2]);
    return host_result(syscall(SYS_openat, (int)a[0], path, (int)a[2], (mode_t)a[3]));
}

/* Calls host_nr(dirfd, path, a2, a3, a4) with a[1] as a guest path. */
static int64_t path_at_call(long host_nr, const uint64_t *a)
{
    char buf[PATH_MAX];
    const char *path;
    int64_t r = guest_path(a[1], buf, &path);
    if (r < 0)
        return r;
    return host_result(syscall(host_nr, (int)a[0], path, a[2], a[3], a[4]));
}

static int64_t sys_mkdirat(struct vcpu *cpu, const uint64_t *a)    { return path_at_call(SYS_mkdirat, a); }
static int64_t sys_unlinkat(struct vcpu *cpu, const uint64_t *a)   { return path_at_call(SYS_unlinkat, a); }
static int64_t sys_faccessat(struct vcpu *cpu, const uint64_t *a)  { return path_at_call(SYS_faccessat, a); }
static int64_t sys_faccessat2(struct vcpu *cpu, const uint64_t *a) { return path_at_call(SYS_faccessat2, a); }
static int64_t sys_fchmodat(struct vcpu *cpu, const uint64_t *a)   { return path_at_call(SYS_fchmodat, a); }
static int64_t sys_fchownat(struct vcpu *cpu, const uint64_t *a)   { return path_at_call(SYS_fchownat, a); }

/* Single-path calls: host_nr(path, a1). */
static int64_t path_call(long host_nr, const uint64_t *a)
{
    char buf[PATH_MAX];
    const char *path;
    int64_t r = guest_path(a[0], buf, &path);
    if (r < 0)
        return r;
    return host_result(syscall(host_nr, path, a[1]));
}

static int64_t sys_chdir(struct vcpu *cpu, const uint64_t *a)    { return path_call(SYS_chdir, a); }
static int64_t sys_truncate(struct vcpu *cpu, const uint64_t *a) { return path_call(SYS_truncate, a); }

/* Two-path calls: (olddirfd, old, newdirfd, new, flags). */
static int64_t two_path_call(long host_nr, const uint64_t *a)
{
    char old_buf[PATH_MAX], new_buf[PATH_MAX];
    const char *oldp, *newp;
    int64_t r = guest_path(a[1], old_buf, &oldp);
    if (r < 0 || (r = guest_path(a[3], new_buf, &newp)) < 0)
        return r;
    return host_result(syscall(host_nr, (int)a[0], oldp, (int)a[2], newp, a[4]));
}

static int64_t sys_renameat(struct vcpu *cpu, const uint64_t *a)
{
    uint64_t b[5] = { a[0], a[1], a[2], a[3], 0 };
    return two_path_call(SYS_renameat2, b);
}

static int64_t sys_renameat2(struct vcpu *cpu, const uint64_t *a) { return two_path_call(SYS_renameat2, a); }
static int64_t sys_linkat(struct vcpu *cpu, const uint64_t *a)    { return two_path_call(SYS_linkat, a); }

static int64_t sys_symlinkat(struct vcpu *cpu, const uint64_t *a)
{
    char target[PATH_MAX], new_buf[PATH_MAX];
    int64_t r = guest_string(a[0], target, sizeof(target));
    const char *newp;
    if (r < 0 || (r = guest_path(a[2], new_buf, &newp)) < 0)
        return r;
    return host_result(syscall(SYS_symlinkat, target, (int)a[1], newp));
}

static int64_t sys_readlinkat(struct vcpu *cpu, const uint64_t *a)
{
    char path[PATH_MAX];
    int64_t n = guest_string(a[1], path, sizeof(path));
    if (n < 0)
        return n;
    void *buf;
    if ((int64_t)a[3] <= 0)
        return -EINVAL;
    if (!guest_ptr(a[2], a[3], &buf))
        return -EFAULT;
    if (linux_path_is_self_exe(path)) {
        const char *exe = linux_exe_path();
        size_t len = strlen(exe);
        if (len > a[3])
            len = a[3];
        return copy_to_guest(a[2], exe, len) < 0 ? -EFAULT : (int64_t)len;
    }
    return host_result(syscall(SYS_readlinkat, (int)a[0], path, buf, (size_t)a[3]));
}

static int64_t sys_getcwd(struct vcpu *cpu, const uint64_t *a)
{
    void *buf;
    /* Linux writes only the path, so a size larger than the rest of the
     * address space is fine: clamp it to what the check can accept */
    uint64_t size = a[1];
    if (a[0] < GUEST_SPACE && size > GUEST_SPACE - a[0])
        size = GUEST_SPACE - a[0];
    if (!guest_ptr(a[0], size, &buf))
        return -EFAULT;
    return host_result(syscall(SYS_getcwd, buf, (size_t)size));
}

/* ---- stat ---- */

/* struct stat of asm-generic (riscv64); x86-64's differs in order and size. */
struct riscv_stat {
    uint64_t st_dev, st_ino;
    uint32_t st_mode, st_nlink, st_uid, st_gid;
    uint64_t st_rdev, pad1;
    int64_t st_size;
    int32_t st_blksize, pad2;
    int64_t st_blocks;
    int64_t st_atime_sec;  uint64_t st_atime_nsec;
    int64_t st_mtime_sec;  uint64_t st_mtime_nsec;
    int64_t st_ctime_sec;  uint64_t st_ctime_nsec;
    uint32_t unused4, unused5;
};
_Static_assert(sizeof(struct riscv_stat) == 128, "riscv64 struct stat is 128 bytes");

static int64_t stat_to_guest(uint64_t addr, const struct stat *st)
{
    struct riscv_stat g = {
        .st_dev = st->st_dev, .st_ino = st->st_ino, .st_mode = st->st_mode,
        .st_nlink = (uint32_t)st->st_nlink, .st_uid = st->st_uid, .st_gid = st->st_gid,
        .st_rdev = st->st_rdev, .st_size = st->st_size, .st_blksize = (int32_t)st->st_blksize,
        .st_blocks = st->st_blocks,
        .st_atime_sec = st->st_atim.tv_sec, .st_atime_nsec = (uint64_t)st->st_atim.tv_nsec,
        .st_mtime_sec = st->st_mtim.tv_sec, .st_mtime_nsec = (uint64_t)st->st_mtim.tv_nsec,
        .st_ctime_sec = st->st_ctim.tv_sec, .st_ctime_nsec = (uint64_t)st->st_ctim.tv_nsec,
    };
    return copy_to_guest(addr, &g, sizeof(g));
}

static int64_t sys_fstat(struct vcpu *cpu, const uint64_t *a)
{
    struct stat st;
    if (fstat((int)a[0], &st) != 0)
        return -errno;
    return stat_to_guest(a[1], &st);
}

static int64_t sys_newfstatat(struct vcpu *cpu, const uint64_t *a)
{
    char path_buf[PATH_MAX];
    const char *path;
    int64_t r = guest_path(a[1], path_buf, &path);
    if (r < 0)
        return r;
    struct stat st;
    if (fstatat((int)a[0], path, &st, (int)a[3]) != 0)
        return -errno;
    return stat_to_guest(a[2], &st);
}

static int64_t sys_statx(struct vcpu *cpu, const uint64_t *a)
{
    char path_buf[PATH_MAX];
    const char *path;
    void *buf;
    int64_t r = guest_path(a[1], path_buf, &path);
    if (r < 0)
        return r;
    if (!guest_ptr(a[4], 256, &buf))
        return -EFAULT;
    return host_result(syscall(SYS_statx, (int)a[0], path, (int)a[2], (unsigned)a[3], buf));
}

static int64_t sys_statfs(struct vcpu *cpu, const uint64_t *a)
{
    char path_buf[PATH_MAX];
    const char *path;
    void *buf;
    int64_t r = guest_path(a[0], path_buf, &path);
    if (r < 0)
        return r;
    if (!guest_ptr(a[1], 120, &buf))
        return -EFAULT;
    return host_result(syscall(SYS_statfs, path, buf));
}

static int64_t sys_fstatfs(struct vcpu *cpu, const uint64_t *a)
{
    void *buf;
    if (!guest_ptr(a[1], 120, &buf))
        return -EFAULT;
    return host_result(syscall(SYS_fstatfs, (int)a[0], buf));
}

static int64_t sys_utimensat(struct vcpu *cpu, const uint64_t *a)
{
    char path_buf[PATH_MAX];
    const char *path = NULL;
    void *times;
    if (a[1]) {
        int64_t r = guest_path(a[1], path_buf, &path);
        if (r < 0)
            return r;
    }
    if (!guest_ptr(a[2], 32, &times))
        return -EFAULT;
    return host_result(syscall(SYS_utimensat, (int)a[0], path, times, (int)a[3]));
}

/* ---- data transfer ---- */

/* Calls host_nr(fd, buf, count, a3) with [a1, a1+a2) a guest buffer that
 * the kernel reads, or writes when it is an input call (host_writes). */
static int64_t buffer_call(struct vcpu *cpu, long host_nr, const uint64_t *a, bool host_writes)
{
    void *buf;
    if (!guest_ptr(a[1], a[2], &buf))
        return -EFAULT;
    if (host_writes)
        linux_host_wrote(cpu, a[1], a[2]);
    int64_t r = host_result(syscall(host_nr, (int)a[0], buf, (size_t)a[2], a[3]));
    if (host_writes && r > 0)
        linux_host_wrote(cpu, a[1], (uint64_t)r);
    return r;
}

static int64_t sys_read(struct vcpu *cpu, const uint64_t *a)       { return buffer_call(cpu, SYS_read, a, true); }
static int64_t sys_write(struct vcpu *cpu, const uint64_t *a)      { return buffer_call(cpu, SYS_write, a, false); }
static int64_t sys_pread64(struct vcpu *cpu, const uint64_t *a)    { return buffer_call(cpu, SYS_pread64, a, true); }
static int64_t sys_pwrite64(struct vcpu *cpu, const uint64_t *a)   { return buffer_call(cpu, SYS_pwrite64, a, false); }
static int64_t sys_getdents64(struct vcpu *cpu, const uint64_t *a) { return buffer_call(cpu, SYS_getdents64, a, true); }

int64_t iovec_from_guest(uint64_t addr, uint64_t count, struct iovec *out)
{
    if (count > MAX_IOV)
        return -EINVAL;
    for (uint64_t i = 0; i < count; i++) {
        uint64_t pair[2];
        if (copy_from_guest(pair, addr + i * 16, 16) < 0)
            return -EFAULT;
        if ((int64_t)pair[1] < 0)
            return -EINVAL;   /* as Linux: a length that does not fit ssize_t */
        void *base;
        if (!guest_ptr(pair[0], pair[1], &base))
            return -EFAULT;
        out[i].iov_base = base;
        out[i].iov_len = pair[1];
    }
    return 0;
}

void iovec_host_wrote(struct vcpu *cpu, const struct iovec *iov, uint64_t count, uint64_t done)
{
    for (uint64_t i = 0; i < count && done > 0; i++) {
        uint64_t n = iov[i].iov_len < done ? iov[i].iov_len : done;
        if (iov[i].iov_base && n)
            linux_host_wrote(cpu, h2g(iov[i].iov_base), n);
        done -= n;
    }
}

/* host_nr(fd, iov, count, a3, a4) with a guest iovec at a1 */
static int64_t vector_call(struct vcpu *cpu, long host_nr, const uint64_t *a, bool host_writes)
{
    struct iovec iov[MAX_IOV];
    int64_t r = iovec_from_guest(a[1], a[2], iov);
    if (r < 0)
        return r;
    if (host_writes)
        iovec_host_wrote(cpu, iov, a[2], UINT64_MAX);
    r = host_result(syscall(host_nr, (int)a[0], iov, (int)a[2], a[3], a[4]));
    if (host_writes && r > 0)
        iovec_host_wrote(cpu, iov, a[2], (uint64_t)r);
    return r;
}

static int64_t sys_readv(struct vcpu *cpu, const uint64_t *a)   { return vector_call(cpu, SYS_readv, a, true); }
static int64_t sys_writev(struct vcpu *cpu, const uint64_t *a)  { return vector_call(cpu, SYS_writev, a, false); }
static int64_t sys_preadv(struct vcpu *cpu, const uint64_t *a)  { return vector_call(cpu, SYS_preadv, a, true); }
static int64_t sys_pwritev(struct vcpu *cpu, const uint64_t *a) { return vector_call(cpu, SYS_pwritev, a, false); }

static int64_t sys_sendfile(struct vcpu *cpu, const uint64_t *a)
{
    void *off;
    if (!guest_ptr(a[2], 8, &off))
        return -EFAULT;
    return host_result(syscall(SYS_sendfile, (int)a[0], (int)a[1], off, (size_t)a[3]));
}

static int64_t sys_pipe2(struct vcpu *cpu, const uint64_t *a)
{
    int fds[2];
    if (pipe2(fds, (int)a[1]) != 0)
        return -errno;
    if (copy_to_guest(a[0], fds, sizeof(fds)) < 0) {
        close(fds[0]);
        close(fds[1]);
        return -EFAULT;
    }
    return 0;
}

static int64_t sys_ppoll(struct vcpu *cpu, const uint64_t *a)
{
    void *fds, *ts, *mask;
    unsigned nfds = (unsigned)a[1];   /* the kernel's argument is an unsigned int */
    if (!guest_ptr(a[0], (uint64_t)nfds * sizeof(struct pollfd), &fds) ||
        !guest_ptr(a[2], 16, &ts) || !guest_ptr(a[3], 8, &mask))
        return -EFAULT;
    return host_result(syscall(SYS_ppoll, fds, nfds, ts, mask, (size_t)a[4]));
}

static int64_t sys_pselect6(struct vcpu *cpu, const uint64_t *a)
{
    int n = (int)a[0];   /* the kernel's argument is an int */
    if (n < 0)
        return -EINVAL;
    uint64_t set_bytes = (((uint64_t)n + 63) / 64) * 8;
    void *in, *out, *ex, *ts;
    if (!guest_ptr(a[1], set_bytes, &in) || !guest_ptr(a[2], set_bytes, &out) ||
        !guest_ptr(a[3], set_bytes, &ex) || !guest_ptr(a[4], 16, &ts))
        return -EFAULT;
    /* the sixth argument points to { const sigset_t *ss; size_t ss_len } */
    struct { void *ss; size_t len; } sig = { NULL, 8 }, *sigp = NULL;
    if (a[5]) {
        uint64_t pair[2];
        if (copy_from_guest(pair, a[5], 16) < 0 || !guest_ptr(pair[0], 8, &sig.ss))
            return -EFAULT;
        sig.len = pair[1];
        sigp = &sig;
    }
    return host_result(syscall(SYS_pselect6, n, in, out, ex, ts, sigp));
}

/* ---- descriptors ---- */

static int64_t sys_fcntl(struct vcpu *cpu, const uint64_t *a)
{
    int cmd = (int)a[1];
    size_t arg_size;
    switch (cmd) {
    case F_GETLK: case F_SETLK: case F_SETLKW:
    case F_OFD_GETLK: case F_OFD_SETLK: case F_OFD_SETLKW:
        arg_size = 32;   /* struct flock, identical on both */
        break;
    case F_GETOWN_EX: case F_SETOWN_EX:
        arg_size = 8;
        break;
    case F_DUPFD: case F_GETFD: case F_SETFD: case F_GETFL: case F_SETFL:
    case F_SETOWN: case F_GETOWN: case F_SETSIG: case F_GETSIG:
    case F_SETLEASE: case F_GETLEASE: case F_NOTIFY: case F_DUPFD_CLOEXEC:
    case F_SETPIPE_SZ: case F_GETPIPE_SZ: case F_ADD_SEALS: case F_GET_SEALS:
        return host_result(syscall(SYS_fcntl, (int)a[0], cmd, a[2]));
    default:
        return -EINVAL;
    }
    void *p;
    if (!guest_ptr(a[2], arg_size, &p) || !p)
        return -EFAULT;
    return host_result(syscall(SYS_fcntl, (int)a[0], cmd, p));
}

/* Terminal ioctls have the same numbers and layouts on both (asm-generic). */
static int64_t sys_ioctl(struct vcpu *cpu, const uint64_t *a)
{
    unsigned long req = (unsigned)a[1];
    size_t arg_size;
    switch (req) {
    case TCGETS: case TCSETS: case TCSETSW: case TCSETSF:
        arg_size = 36;   /* kernel struct termios */
        break;
    case TIOCGWINSZ: case TIOCSWINSZ:
        arg_size = 8;
        break;
    case TIOCGPGRP: case TIOCSPGRP: case FIONREAD: case FIONBIO: case TIOCGPTN: case TIOCSPTLCK:
        arg_size = 4;
        break;
    case FIOCLEX: case FIONCLEX: case TCFLSH: case TCSBRK: case TCXONC: case TIOCSCTTY:
        return host_result(syscall(SYS_ioctl, (int)a[0], req, a[2]));
    default:
        return -ENOTTY;
    }
    void *p;
    if (!guest_ptr(a[2], arg_size, &p) || !p)
        return -EFAULT;
    return host_result(syscall(SYS_ioctl, (int)a[0], req, p));
}

static const struct sys_entry fs_entries[] = {
    { 17,  "getcwd",     sys_getcwd, 0 },
    { 19,  "eventfd2",   NULL, SYS_eventfd2 },
    { 23,  "dup",        NULL, SYS_dup },
    { 24,  "dup3",       NULL, SYS_dup3 },
    { 25,  "fcntl",      sys_fcntl, 0 },
    { 29,  "ioctl",      sys_ioctl, 0 },
    { 32,  "flock",      NULL, SYS_flock },
    { 34,  "mkdirat",    sys_mkdirat, 0 },
    { 35,  "unlinkat",   sys_unlinkat, 0 },
    { 36,  "symlinkat",  sys_symlinkat, 0 },
    { 37,  "linkat",     sys_linkat, 0 },
    { 38,  "renameat",   sys_renameat, 0 },
    { 43,  "statfs",     sys_statfs, 0 },
    { 44,  "fstatfs",    sys_fstatfs, 0 },
    { 45,  "truncate",   sys_truncate, 0 },
    { 46,  "ftruncate",  NULL, SYS_ftruncate },
    { 47,  "fallocate",  NULL, SYS_fallocate },
    { 48,  "faccessat",  sys_faccessat, 0 },
    { 49,  "chdir",      sys_chdir, 0 },
    { 50,  "fchdir",     NULL, SYS_fchdir },
    { 52,  "fchmod",     NULL, SYS_fchmod },
    { 53,  "fchmodat",   sys_fchmodat, 0 },
    { 54,  "fchownat",   sys_fchownat, 0 },
    { 55,  "fchown",     NULL, SYS_fchown },
    { 56,  "openat",     sys_openat, 0 },
    { 57,  "close",      NULL, SYS_close },
    { 59,  "pipe2",      sys_pipe2, 0 },
    { 61,  "getdents64", sys_getdents64, 0 },
    { 62,  "lseek",      NULL, SYS_lseek },
    { 63,  "read",       sys_read, 0 },
    { 64,  "write",      sys_write, 0 },
    { 65,  "readv",      sys_readv, 0 },
    { 66,  "writev",     sys_writev, 0 },
    { 67,  "pread64",    sys_pread64, 0 },
    { 68,  "pwrite64",   sys_pwrite64, 0 },
    { 69,  "preadv",     sys_preadv, 0 },
    { 70,  "pwritev",    sys_pwritev, 0 },
    { 71,  "sendfile",   sys_sendfile, 0 },
    { 72,  "pselect6",   sys_pselect6, 0 },
    { 73,  "ppoll",      sys_ppoll, 0 },
    { 78,  "readlinkat", sys_readlinkat, 0 },
    { 79,  "newfstatat", sys_newfstatat, 0 },
    { 80,  "fstat",      sys_fstat, 0 },
    { 81,  "sync",       NULL, SYS_sync },
    { 82,  "fsync",      NULL, SYS_fsync },
    { 83,  "fdatasync",  NULL, SYS_fdatasync },
    { 88,  "utimensat",  sys_utimensat, 0 },
    { 166, "umask",      NULL, SYS_umask },
    { 276, "renameat2",  sys_renameat2, 0 },
    { 291, "statx",      sys_statx, 0 },
    { 439, "faccessat2", sys_faccessat2, 0 },
};

const struct sys_table sys_fs_table = SYS_TABLE(fs_entries);
