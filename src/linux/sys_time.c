/*
 * Time syscalls.  riscv64 has a 64-bit time_t, so struct timespec,
 * timeval, itimerval and tms match x86-64 and only pointers need
 * translating.  There is no vDSO: glibc falls back to these syscalls.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <sys/syscall.h>
#include <sys/times.h>
#include <unistd.h>

#include "linux/syscall_priv.h"

#define TIMESPEC_SIZE 16

/* host_nr(int a0, a[1] as a pointer of size1, a[2] as a pointer of size2) */
static int64_t two_pointer_call(long host_nr, const uint64_t *a, size_t size1, size_t size2)
{
    void *p1, *p2;
    if (!guest_ptr(a[1], size1, &p1) || !guest_ptr(a[2], size2, &p2))
        return -EFAULT;
    return host_result(syscall(host_nr, (long)a[0], p1, p2));
}

static int64_t sys_clock_gettime(struct vcpu *cpu, const uint64_t *a)
{
    void *ts;
    if (!guest_ptr(a[1], TIMESPEC_SIZE, &ts))
        return -EFAULT;
    return host_result(syscall(SYS_clock_gettime, (clockid_t)a[0], ts));
}

static int64_t sys_clock_getres(struct vcpu *cpu, const uint64_t *a)
{
    void *ts;
    if (!guest_ptr(a[1], TIMESPEC_SIZE, &ts))
        return -EFAULT;
    return host_result(syscall(SYS_clock_getres, (clockid_t)a[0], ts));
}

static int64_t sys_gettimeofday(struct vcpu *cpu, const uint64_t *a)
{
    void *tv, *tz;
    if (!guest_ptr(a[0], 16, &tv) || !guest_ptr(a[1], 8, &tz))
        return -EFAULT;
    return host_result(syscall(SYS_gettimeofday, tv, tz));
}

static int64_t sys_nanosleep(struct vcpu *cpu, const uint64_t *a)
{
    void *req, *rem;
    if (!guest_ptr(a[0], TIMESPEC_SIZE, &req) || !guest_ptr(a[1], TIMESPEC_SIZE, &rem))
        return -EFAULT;
    return host_result(syscall(SYS_nanosleep, req, rem));
}

static int64_t sys_clock_nanosleep(struct vcpu *cpu, const uint64_t *a)
{
    void *req, *rem;
    if (!guest_ptr(a[2], TIMESPEC_SIZE, &req) || !guest_ptr(a[3], TIMESPEC_SIZE, &rem))
        return -EFAULT;
    return host_result(syscall(SYS_clock_nanosleep, (clockid_t)a[0], (int)a[1], req, rem));
}

static int64_t sys_times(struct vcpu *cpu, const uint64_t *a)
{
    void *buf;
    if (!guest_ptr(a[0], sizeof(struct tms), &buf))
        return -EFAULT;
    return host_result(syscall(SYS_times, buf));
}

static int64_t sys_getitimer(struct vcpu *cpu, const uint64_t *a)
{
    void *val;
    if (!guest_ptr(a[1], 32, &val))
        return -EFAULT;
    return host_result(syscall(SYS_getitimer, (int)a[0], val));
}

static int64_t sys_setitimer(struct vcpu *cpu, const uint64_t *a)
{
    return two_pointer_call(SYS_setitimer, a, 32, 32);
}

static const struct sys_entry time_entries[] = {
    { 101, "nanosleep",       sys_nanosleep, 0 },
    { 102, "getitimer",       sys_getitimer, 0 },
    { 103, "setitimer",       sys_setitimer, 0 },
    { 113, "clock_gettime",   sys_clock_gettime, 0 },
    { 114, "clock_getres",    sys_clock_getres, 0 },
    { 115, "clock_nanosleep", sys_clock_nanosleep, 0 },
    { 153, "times",           sys_times, 0 },
    { 169, "gettimeofday",    sys_gettimeofday, 0 },
};

const struct sys_table sys_time_table = SYS_TABLE(time_entries);
