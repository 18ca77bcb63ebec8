/*
 * epoll and timerfd, plus the calls that need nothing but their integer
 * arguments, a path or a fixed-size buffer (scheduling, memory locking,
 * identity changes, file-range copies, inotify, capabilities).
 *
 * struct epoll_event is the one layout that differs: x86-64 packs it into
 * 12 bytes, riscv64 has the natural 16 (u32 events, 4 bytes padding, u64
 * data), so events are converted both ways.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "linux/syscall_priv.h"

#define GUEST_EPOLL_EVENT_SIZE 16
#define EPOLL_BATCH 1024   /* events fetched per host call at most */

_Static_assert(sizeof(struct epoll_event) == 12, "x86-64 packs struct epoll_event");

struct guest_epoll_event {
    uint32_t events, pad;
    uint64_t data;
};

static int64_t sys_epoll_ctl(struct vcpu *cpu, const uint64_t *a)
{
    struct epoll_event ev, *evp = NULL;
    if (a[3]) {
        struct guest_epoll_event g;
        if (copy_from_guest(&g, a[3], sizeof(g)) < 0)
            return -EFAULT;
        ev.events = g.events;
        ev.data.u64 = g.data;
        evp = &ev;
    }
    return host_result(syscall(SYS_epoll_ctl, (int)a[0], (int)a[1], (int)a[2], evp));
}

/* epoll_pwait (timeout in ms) and epoll_pwait2 (a timespec): a[3] is
 * passed as is, translated first when it is a pointer. */
static int64_t epoll_wait_call(struct vcpu *cpu, const uint64_t *a, bool timespec)
{
    int maxevents = (int)a[2];
    if (maxevents <= 0 || maxevents > INT_MAX / GUEST_EPOLL_EVENT_SIZE)
        return -EINVAL;
    if (!guest_range_has_prot(a[1], (uint64_t)maxevents * GUEST_EPOLL_EVENT_SIZE, GPROT_WRITE))
        return -EFAULT;
    void *mask, *ts = NULL;
    if (!guest_ptr(a[4], 8, &mask))
        return -EFAULT;
    if (timespec && !guest_ptr(a[3], 16, &ts))
        return -EFAULT;
    /* events beyond the batch stay queued in the kernel for the next call */
    int n = maxevents < EPOLL_BATCH ? maxevents : EPOLL_BATCH;
    struct epoll_event *host = malloc((size_t)n * sizeof(*host));
    if (!host)
        return -ENOMEM;
    int64_t r = timespec
        ? host_result(syscall(SYS_epoll_pwait2, (int)a[0], host, n, ts, mask, (size_t)a[5]))
        : host_result(syscall(SYS_epoll_pwait, (int)a[0], host, n, (int)a[3], mask, (size_t)a[5]));
    for (int64_t i = 0; i < r; i++) {
        struct guest_epoll_event g = { .events = host[i].events, .data = host[i].data.u64 };
        if (copy_to_guest(a[1] + (uint64_t)i * sizeof(g), &g, sizeof(g)) < 0) {
            r = -EFAULT;
            break;
        }
    }
    free(host);
    return r;
}

static int64_t sys_epoll_pwait(struct vcpu *cpu, const uint64_t *a)  { return epoll_wait_call(cpu, a, false); }
static int64_t sys_epoll_pwait2(struct vcpu *cpu, const uint64_t *a) { return epoll_wait_call(cpu, a, true); }

/* struct itimerspec: two timespecs, 32 bytes on both */
static int64_t sys_timerfd_settime(struct vcpu *cpu, const uint64_t *a)
{
    void *new_value, *old_value;
    if (!guest_ptr(a[2], 32, &new_value) || !new_value || !guest_ptr(a[3], 32, &old_value))
        return -EFAULT;
    return host_result(syscall(SYS_timerfd_settime, (int)a[0], (int)a[1], new_value, old_value));
}

static int64_t sys_timerfd_gettime(struct vcpu *cpu, const uint64_t *a)
{
    void *cur;
    if (!guest_ptr(a[1], 32, &cur) || !cur)
        return -EFAULT;
    return host_result(syscall(SYS_timerfd_gettime, (int)a[0], cur));
}

/* ---- scheduling ---- */

/* struct sched_param is one int on both */
static int64_t sys_sched_getparam(struct vcpu *cpu, const uint64_t *a)
{
    void *p;
    if (!guest_ptr(a[1], 4, &p) || !p)
        return -EINVAL;   /* Linux: EINVAL for a NULL param */
    return host_result(syscall(SYS_sched_getparam, (pid_t)a[0], p));
}

static int64_t sys_sched_setparam(struct vcpu *cpu, const uint64_t *a)
{
    void *p;
    if (!guest_ptr(a[1], 4, &p) || !p)
        return -EINVAL;
    return host_result(syscall(SYS_sched_setparam, (pid_t)a[0], p));
}

static int64_t sys_sched_setscheduler(struct vcpu *cpu, const uint64_t *a)
{
    void *p;
    if (!guest_ptr(a[2], 4, &p) || !p)
        return -EINVAL;
    return host_result(syscall(SYS_sched_setscheduler, (pid_t)a[0], (int)a[1], p));
}

static int64_t sys_getcpu(struct vcpu *cpu, const uint64_t *a)
{
    void *c, *node;
    if (!guest_ptr(a[0], 4, &c) || !guest_ptr(a[1], 4, &node))
        return -EFAULT;
    return host_result(syscall(SYS_getcpu, c, node, NULL));
}

/* ---- memory locking: guest ranges ---- */

static int64_t lock_range_call(long host_nr, const uint64_t *a)
{
    uint64_t start = a[0] & ~(GUEST_PAGE_SIZE - 1), len = a[1] + (a[0] - start);
    if (len < a[1] || !guest_range_ok(start, len))
        return -ENOMEM;
    if (!guest_range_mapped(start, len))
        return -ENOMEM;
    return host_result(syscall(host_nr, g2h(start), (size_t)len));
}

static int64_t sys_mlock(struct vcpu *cpu, const uint64_t *a)   { return lock_range_call(SYS_mlock, a); }
static int64_t sys_munlock(struct vcpu *cpu, const uint64_t *a) { return lock_range_call(SYS_munlock, a); }

static int64_t sys_mincore(struct vcpu *cpu, const uint64_t *a)
{
    if (a[0] & (GUEST_PAGE_SIZE - 1))
        return -EINVAL;
    uint64_t len = a[1];
    if (!guest_range_ok(a[0], len) || !guest_range_mapped(a[0], len))
        return -ENOMEM;
    uint64_t pages = (len + GUEST_PAGE_SIZE - 1) >> GUEST_PAGE_BITS;
    void *vec;
    if (!guest_ptr(a[2], pages, &vec) || !vec)
        return -EFAULT;
    return host_result(syscall(SYS_mincore, g2h(a[0]), (size_t)len, vec));
}

/* ---- files ---- */

static int64_t sys_memfd_create(struct vcpu *cpu, const uint64_t *a)
{
    char name[250];
    int64_t n = guest_string(a[0], name, sizeof(name));
    if (n < 0)
        return n == -ENAMETOOLONG ? -EINVAL : n;   /* Linux: a name of 250 bytes or more */
    return host_result(syscall(SYS_memfd_create, name, (unsigned)a[1]));
}

static int64_t sys_mknodat(struct vcpu *cpu, const uint64_t *a)
{
    char path[PATH_MAX];
    int64_t n = guest_string(a[1], path, sizeof(path));
    if (n < 0)
        return n;
    return host_result(syscall(SYS_mknodat, (int)a[0], path, (mode_t)a[2], (unsigned)a[3]));
}

/* (fd_in, loff_t *off_in, fd_out, loff_t *off_out, len, flags) */
static int64_t offsets_call(long host_nr, const uint64_t *a)
{
    void *off_in, *off_out;
    if (!guest_ptr(a[1], 8, &off_in) || !guest_ptr(a[3], 8, &off_out))
        return -EFAULT;
    return host_result(syscall(host_nr, (int)a[0], off_in, (int)a[2], off_out, (size_t)a[4],
                               (unsigned)a[5]));
}

static int64_t sys_splice(struct vcpu *cpu, const uint64_t *a)          { return offsets_call(SYS_splice, a); }
static int64_t sys_copy_file_range(struct vcpu *cpu, const uint64_t *a) { return offsets_call(SYS_copy_file_range, a); }

static int64_t sys_setgroups(struct vcpu *cpu, const uint64_t *a)
{
    int size = (int)a[0];
    void *list;
    if (size < 0)
        return -EINVAL;
    if (!guest_ptr(a[1], (uint64_t)size * 4, &list))
        return -EFAULT;
    return host_result(syscall(SYS_setgroups, size, list));
}

/* ---- a few more with paths or small fixed buffers ---- */

static int64_t sys_chroot(struct vcpu *cpu, const uint64_t *a)
{
    char path[PATH_MAX];
    int64_t n = guest_string(a[0], path, sizeof(path));
    if (n < 0)
        return n;
    return host_result(syscall(SYS_chroot, path));
}

static int64_t sys_inotify_add_watch(struct vcpu *cpu, const uint64_t *a)
{
    char path[PATH_MAX];
    int64_t n = guest_string(a[1], path, sizeof(path));
    if (n < 0)
        return n;
    return host_result(syscall(SYS_inotify_add_watch, (int)a[0], path, (uint32_t)a[2]));
}

/* openat2(dirfd, path, struct open_how *, size): the kernel reads size
 * bytes of open_how (and checks that a longer one has a zero tail) */
static int64_t sys_openat2(struct vcpu *cpu, const uint64_t *a)
{
    char buf[PATH_MAX];
    const char *path;
    void *how;
    int64_t n = guest_path(a[1], buf, &path);
    if (n < 0)
        return n;
    if (a[3] > GUEST_PAGE_SIZE)
        return -E2BIG;
    if (!guest_ptr(a[2], a[3], &how))
        return -EFAULT;
    return host_result(syscall(SYS_openat2, (int)a[0], path, how, (size_t)a[3]));
}

static int64_t sys_sched_rr_get_interval(struct vcpu *cpu, const uint64_t *a)
{
    void *ts;
    if (!guest_ptr(a[1], 16, &ts))
        return -EFAULT;
    return host_result(syscall(SYS_sched_rr_get_interval, (pid_t)a[0], ts));
}

static int64_t sys_clock_settime(struct vcpu *cpu, const uint64_t *a)
{
    void *ts;
    if (!guest_ptr(a[1], 16, &ts))
        return -EFAULT;
    return host_result(syscall(SYS_clock_settime, (clockid_t)a[0], ts));
}

/* capget/capset: an 8-byte header and up to two 12-byte data records */
static int64_t capability_call(long host_nr, const uint64_t *a)
{
    void *header, *data;
    if (!guest_ptr(a[0], 8, &header) || !guest_ptr(a[1], 24, &data))
        return -EFAULT;
    return host_result(syscall(host_nr, header, data));
}

static int64_t sys_capget(struct vcpu *cpu, const uint64_t *a) { return capability_call(SYS_capget, a); }
static int64_t sys_capset(struct vcpu *cpu, const uint64_t *a) { return capability_call(SYS_capset, a); }

/* Query, or PER_LINUX with ADDR_NO_RANDOMIZE (which only matters to
 * programs exec'd later): other flags (ADDR_LIMIT_32BIT ...) would change
 * tandem's own host mappings. */
static int64_t sys_personality(struct vcpu *cpu, const uint64_t *a)
{
    uint32_t persona = (uint32_t)a[0];
    if (persona != 0xffffffffu && (persona & ~0x0040000u) != 0)
        return -EINVAL;
    return host_result(syscall(SYS_personality, persona));
}

static const struct sys_entry event_entries[] = {
    { 26,  "inotify_init1",          NULL, SYS_inotify_init1 },
    { 27,  "inotify_add_watch",      sys_inotify_add_watch, 0 },
    { 28,  "inotify_rm_watch",       NULL, SYS_inotify_rm_watch },
    { 51,  "chroot",                 sys_chroot, 0 },
    { 90,  "capget",                 sys_capget, 0 },
    { 91,  "capset",                 sys_capset, 0 },
    { 92,  "personality",            sys_personality, 0 },
    { 112, "clock_settime",          sys_clock_settime, 0 },
    { 127, "sched_rr_get_interval",  sys_sched_rr_get_interval, 0 },
    { 267, "syncfs",                 NULL, SYS_syncfs },
    { 434, "pidfd_open",             NULL, SYS_pidfd_open },
    { 437, "openat2",                sys_openat2, 0 },
    { 20,  "epoll_create1",          NULL, SYS_epoll_create1 },
    { 21,  "epoll_ctl",              sys_epoll_ctl, 0 },
    { 22,  "epoll_pwait",            sys_epoll_pwait, 0 },
    { 33,  "mknodat",                sys_mknodat, 0 },
    { 76,  "splice",                 sys_splice, 0 },
    { 77,  "tee",                    NULL, SYS_tee },
    { 84,  "sync_file_range",        NULL, SYS_sync_file_range },
    { 85,  "timerfd_create",         NULL, SYS_timerfd_create },
    { 86,  "timerfd_settime",        sys_timerfd_settime, 0 },
    { 87,  "timerfd_gettime",        sys_timerfd_gettime, 0 },
    { 118, "sched_setparam",         sys_sched_setparam, 0 },
    { 119, "sched_setscheduler",     sys_sched_setscheduler, 0 },
    { 120, "sched_getscheduler",     NULL, SYS_sched_getscheduler },
    { 121, "sched_getparam",         sys_sched_getparam, 0 },
    { 125, "sched_get_priority_max", NULL, SYS_sched_get_priority_max },
    { 126, "sched_get_priority_min", NULL, SYS_sched_get_priority_min },
    { 143, "setregid",               NULL, SYS_setregid },
    { 144, "setgid",                 NULL, SYS_setgid },
    { 145, "setreuid",               NULL, SYS_setreuid },
    { 146, "setuid",                 NULL, SYS_setuid },
    { 147, "setresuid",              NULL, SYS_setresuid },
    { 149, "setresgid",              NULL, SYS_setresgid },
    { 151, "setfsuid",               NULL, SYS_setfsuid },
    { 152, "setfsgid",               NULL, SYS_setfsgid },
    { 159, "setgroups",              sys_setgroups, 0 },
    { 168, "getcpu",                 sys_getcpu, 0 },
    { 223, "fadvise64",              NULL, SYS_fadvise64 },
    { 228, "mlock",                  sys_mlock, 0 },
    { 229, "munlock",                sys_munlock, 0 },
    { 230, "mlockall",               NULL, SYS_mlockall },
    { 231, "munlockall",             NULL, SYS_munlockall },
    { 232, "mincore",                sys_mincore, 0 },
    { 279, "memfd_create",           sys_memfd_create, 0 },
    { 285, "copy_file_range",        sys_copy_file_range, 0 },
    { 436, "close_range",            NULL, SYS_close_range },
    { 441, "epoll_pwait2",           sys_epoll_pwait2, 0 },
};

const struct sys_table sys_event_table = SYS_TABLE(event_entries);
