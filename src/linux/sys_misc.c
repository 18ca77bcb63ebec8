/*
 * Identity, limits, randomness and the RISC-V specific calls.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "exec/tb_cache.h"
#include "linux/syscall_priv.h"

static int64_t sys_uname(struct vcpu *cpu, const uint64_t *a)
{
    struct utsname u;
    if (uname(&u) != 0)
        return -errno;
    snprintf(u.machine, sizeof(u.machine), "riscv64");
    return copy_to_guest(a[0], &u, sizeof(u));
}

static int64_t sys_getrandom(struct vcpu *cpu, const uint64_t *a)
{
    void *buf;
    if (!guest_ptr(a[0], a[1], &buf))
        return -EFAULT;
    linux_host_wrote(cpu, a[0], a[1]);
    int64_t r = host_result(syscall(SYS_getrandom, buf, (size_t)a[1], (unsigned)a[2]));
    if (r > 0)
        linux_host_wrote(cpu, a[0], (uint64_t)r);
    return r;
}

#define RLIMIT_SIZE 16   /* two 64-bit words on both */

static int64_t sys_prlimit64(struct vcpu *cpu, const uint64_t *a)
{
    void *newp, *oldp;
    if (!guest_ptr(a[2], RLIMIT_SIZE, &newp) || !guest_ptr(a[3], RLIMIT_SIZE, &oldp))
        return -EFAULT;
    return host_result(syscall(SYS_prlimit64, (pid_t)a[0], (int)a[1], newp, oldp));
}

static int64_t sys_getrlimit(struct vcpu *cpu, const uint64_t *a)
{
    void *p;
    if (!guest_ptr(a[1], RLIMIT_SIZE, &p))
        return -EFAULT;
    return host_result(syscall(SYS_getrlimit, (int)a[0], p));
}

static int64_t sys_setrlimit(struct vcpu *cpu, const uint64_t *a)
{
    void *p;
    if (!guest_ptr(a[1], RLIMIT_SIZE, &p))
        return -EFAULT;
    return host_result(syscall(SYS_setrlimit, (int)a[0], p));
}

static int64_t sys_getrusage(struct vcpu *cpu, const uint64_t *a)
{
    void *p;
    if (!guest_ptr(a[1], sizeof(struct rusage), &p))
        return -EFAULT;
    return host_result(syscall(SYS_getrusage, (int)a[0], p));
}

static int64_t sys_sysinfo(struct vcpu *cpu, const uint64_t *a)
{
    void *p;
    if (!guest_ptr(a[0], sizeof(struct sysinfo), &p))
        return -EFAULT;
    return host_result(syscall(SYS_sysinfo, p));
}

/* getresuid/getresgid: three int pointers */
static int64_t three_int_pointers(long host_nr, const uint64_t *a)
{
    void *p0, *p1, *p2;
    if (!guest_ptr(a[0], 4, &p0) || !guest_ptr(a[1], 4, &p1) || !guest_ptr(a[2], 4, &p2))
        return -EFAULT;
    return host_result(syscall(host_nr, p0, p1, p2));
}

static int64_t sys_getresuid(struct vcpu *cpu, const uint64_t *a) { return three_int_pointers(SYS_getresuid, a); }
static int64_t sys_getresgid(struct vcpu *cpu, const uint64_t *a) { return three_int_pointers(SYS_getresgid, a); }

static int64_t sys_getgroups(struct vcpu *cpu, const uint64_t *a)
{
    void *p;
    int size = (int)a[0];   /* the kernel's argument is an int */
    if (size < 0)
        return -EINVAL;
    if (!guest_ptr(a[1], (uint64_t)size * 4, &p))
        return -EFAULT;
    return host_result(syscall(SYS_getgroups, size, p));
}

/* Only options with plain integer arguments or a known buffer pass. */
static int64_t sys_prctl(struct vcpu *cpu, const uint64_t *a)
{
    void *p;
    switch ((int)a[0]) {
    case PR_SET_NAME: case PR_GET_NAME:
        if (!guest_ptr(a[1], 16, &p) || !p)
            return -EFAULT;
        return host_result(prctl((int)a[0], p, 0, 0, 0));
    case PR_GET_PDEATHSIG:
        if (!guest_ptr(a[1], 4, &p) || !p)
            return -EFAULT;
        return host_result(prctl((int)a[0], p, 0, 0, 0));
    case PR_SET_PDEATHSIG: case PR_GET_DUMPABLE: case PR_SET_DUMPABLE:
    case PR_SET_NO_NEW_PRIVS: case PR_GET_NO_NEW_PRIVS: case PR_SET_TIMERSLACK:
    case PR_GET_TIMERSLACK: case PR_SET_THP_DISABLE: case PR_GET_THP_DISABLE:
        return host_result(prctl((int)a[0], a[1], a[2], a[3], a[4]));
    default:
        return -EINVAL;
    }
}

/* Code may have been written: every vCPU must retranslate. */
static int64_t sys_riscv_flush_icache(struct vcpu *cpu, const uint64_t *a)
{
    tb_flush_all();
    return 0;
}

/* Deliberately absent features: glibc copes with -ENOSYS, so no report. */
static int64_t sys_enosys_quiet(struct vcpu *cpu, const uint64_t *a)
{
    return -ENOSYS;
}

static const struct sys_entry misc_entries[] = {
    { 140, "setpriority",        NULL, SYS_setpriority },
    { 141, "getpriority",        NULL, SYS_getpriority },
    { 148, "getresuid",          sys_getresuid, 0 },
    { 150, "getresgid",          sys_getresgid, 0 },
    { 154, "setpgid",            NULL, SYS_setpgid },
    { 155, "getpgid",            NULL, SYS_getpgid },
    { 156, "getsid",             NULL, SYS_getsid },
    { 157, "setsid",             NULL, SYS_setsid },
    { 158, "getgroups",          sys_getgroups, 0 },
    { 160, "uname",              sys_uname, 0 },
    { 163, "getrlimit",          sys_getrlimit, 0 },
    { 164, "setrlimit",          sys_setrlimit, 0 },
    { 165, "getrusage",          sys_getrusage, 0 },
    { 167, "prctl",              sys_prctl, 0 },
    { 174, "getuid",             NULL, SYS_getuid },
    { 175, "geteuid",            NULL, SYS_geteuid },
    { 176, "getgid",             NULL, SYS_getgid },
    { 177, "getegid",            NULL, SYS_getegid },
    { 179, "sysinfo",            sys_sysinfo, 0 },
    { 258, "riscv_hwprobe",      sys_enosys_quiet, 0 },
    { 259, "riscv_flush_icache", sys_riscv_flush_icache, 0 },
    { 261, "prlimit64",          sys_prlimit64, 0 },
    { 278, "getrandom",          sys_getrandom, 0 },
    { 283, "membarrier",         NULL, SYS_membarrier },
    { 293, "rseq",               sys_enosys_quiet, 0 },
};

const struct sys_table sys_misc_table = SYS_TABLE(misc_entries);
