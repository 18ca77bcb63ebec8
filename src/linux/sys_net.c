/*
 * Sockets.  On both 64-bit ABIs struct sockaddr*, socklen_t and the
 * socket option values share layout, so calls pass through with guest
 * pointers translated.  sendmsg/recvmsg rebuild struct msghdr (same
 * layout, but it holds guest pointers) and copy the kernel's updates back.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "linux/syscall_priv.h"

#define SOCKADDR_MAX 128   /* sizeof(struct sockaddr_storage) */

/* A (sockaddr *, socklen_t) input pair. */
static bool addr_in(uint64_t addr, uint64_t len, void **out)
{
    return guest_ptr(addr, len, out);
}

/* A (sockaddr *, socklen_t *) output pair: the kernel writes at most *lenp. */
static bool addr_out(uint64_t addr, uint64_t lenp, void **a, void **l)
{
    uint32_t len = 0;
    if (lenp && copy_from_guest(&len, lenp, 4) < 0)
        return false;
    return guest_ptr(addr, len, a) && guest_ptr(lenp, 4, l);
}

static int64_t sys_socketpair(struct vcpu *cpu, const uint64_t *a)
{
    int fds[2];
    long r = syscall(SYS_socketpair, (int)a[0], (int)a[1], (int)a[2], fds);
    if (r < 0)
        return -errno;
    if (copy_to_guest(a[3], fds, sizeof(fds)) < 0) {
        close(fds[0]);
        close(fds[1]);
        return -EFAULT;
    }
    return 0;
}

/* bind, connect: (fd, addr, len) */
static int64_t addr_in_call(long host_nr, const uint64_t *a)
{
    void *sa;
    if (!addr_in(a[1], a[2], &sa))
        return -EFAULT;
    return host_result(syscall(host_nr, (int)a[0], sa, (socklen_t)a[2]));
}

static int64_t sys_bind(struct vcpu *cpu, const uint64_t *a)    { return addr_in_call(SYS_bind, a); }
static int64_t sys_connect(struct vcpu *cpu, const uint64_t *a) { return addr_in_call(SYS_connect, a); }

/* accept4, getsockname, getpeername: (fd, addr, lenp, flags) */
static int64_t addr_out_call(long host_nr, const uint64_t *a)
{
    void *sa, *lenp;
    if (!addr_out(a[1], a[2], &sa, &lenp))
        return -EFAULT;
    return host_result(syscall(host_nr, (int)a[0], sa, lenp, (int)a[3]));
}

static int64_t sys_accept(struct vcpu *cpu, const uint64_t *a)
{
    uint64_t b[4] = { a[0], a[1], a[2], 0 };
    return addr_out_call(SYS_accept4, b);
}

static int64_t sys_accept4(struct vcpu *cpu, const uint64_t *a)     { return addr_out_call(SYS_accept4, a); }
static int64_t sys_getsockname(struct vcpu *cpu, const uint64_t *a) { return addr_out_call(SYS_getsockname, a); }
static int64_t sys_getpeername(struct vcpu *cpu, const uint64_t *a) { return addr_out_call(SYS_getpeername, a); }

static int64_t sys_sendto(struct vcpu *cpu, const uint64_t *a)
{
    void *buf, *sa;
    if (!guest_ptr(a[1], a[2], &buf) || !addr_in(a[4], a[5], &sa))
        return -EFAULT;
    return host_result(syscall(SYS_sendto, (int)a[0], buf, (size_t)a[2], (int)a[3], sa,
                               (socklen_t)a[5]));
}

static int64_t sys_recvfrom(struct vcpu *cpu, const uint64_t *a)
{
    void *buf, *sa, *lenp;
    if (!guest_ptr(a[1], a[2], &buf) || !addr_out(a[4], a[5], &sa, &lenp))
        return -EFAULT;
    return host_result(syscall(SYS_recvfrom, (int)a[0], buf, (size_t)a[2], (int)a[3], sa, lenp));
}

static int64_t sys_setsockopt(struct vcpu *cpu, const uint64_t *a)
{
    void *val;
    if (!guest_ptr(a[3], a[4], &val))
        return -EFAULT;
    return host_result(syscall(SYS_setsockopt, (int)a[0], (int)a[1], (int)a[2], val,
                               (socklen_t)a[4]));
}

static int64_t sys_getsockopt(struct vcpu *cpu, const uint64_t *a)
{
    void *val, *lenp;
    if (!addr_out(a[3], a[4], &val, &lenp))
        return -EFAULT;
    return host_result(syscall(SYS_getsockopt, (int)a[0], (int)a[1], (int)a[2], val, lenp));
}

/* struct msghdr as the guest lays it out (the same as x86-64's) */
struct guest_msghdr {
    uint64_t name;
    uint32_t namelen, pad1;
    uint64_t iov, iovlen, control, controllen;
    int32_t flags, pad2;
};
_Static_assert(sizeof(struct guest_msghdr) == sizeof(struct msghdr), "msghdr layouts match");

static int64_t msg_call(long host_nr, const uint64_t *a, bool receiving)
{
    struct guest_msghdr gm;
    if (copy_from_guest(&gm, a[1], sizeof(gm)) < 0)
        return -EFAULT;
    struct iovec iov[MAX_IOV];
    int64_t r = iovec_from_guest(gm.iov, gm.iovlen, iov);
    if (r < 0)
        return r;
    struct msghdr m = { .msg_iov = iov, .msg_iovlen = gm.iovlen, .msg_namelen = gm.namelen,
                        .msg_controllen = gm.controllen, .msg_flags = gm.flags };
    if (!guest_ptr(gm.name, gm.namelen, &m.msg_name) ||
        !guest_ptr(gm.control, gm.controllen, &m.msg_control))
        return -EFAULT;
    r = host_result(syscall(host_nr, (int)a[0], &m, (int)a[2]));
    if (r >= 0 && receiving) {
        gm.namelen = m.msg_namelen;
        gm.controllen = m.msg_controllen;
        gm.flags = m.msg_flags;
        if (copy_to_guest(a[1], &gm, sizeof(gm)) < 0)
            return -EFAULT;
    }
    return r;
}

static int64_t sys_sendmsg(struct vcpu *cpu, const uint64_t *a) { return msg_call(SYS_sendmsg, a, false); }
static int64_t sys_recvmsg(struct vcpu *cpu, const uint64_t *a) { return msg_call(SYS_recvmsg, a, true); }

static const struct sys_entry net_entries[] = {
    { 198, "socket",      NULL, SYS_socket },
    { 199, "socketpair",  sys_socketpair, 0 },
    { 200, "bind",        sys_bind, 0 },
    { 201, "listen",      NULL, SYS_listen },
    { 202, "accept",      sys_accept, 0 },
    { 203, "connect",     sys_connect, 0 },
    { 204, "getsockname", sys_getsockname, 0 },
    { 205, "getpeername", sys_getpeername, 0 },
    { 206, "sendto",      sys_sendto, 0 },
    { 207, "recvfrom",    sys_recvfrom, 0 },
    { 208, "setsockopt",  sys_setsockopt, 0 },
    { 209, "getsockopt",  sys_getsockopt, 0 },
    { 210, "shutdown",    NULL, SYS_shutdown },
    { 211, "sendmsg",     sys_sendmsg, 0 },
    { 212, "recvmsg",     sys_recvmsg, 0 },
    { 242, "accept4",     sys_accept4, 0 },
};

const struct sys_table sys_net_table = SYS_TABLE(net_entries);
