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
    return guest_ptr(addr, (socklen_t)len, out);
}

/*
 * A (buffer *, socklen_t *) output pair, as in accept4, getsockname,
 * recvfrom and getsockopt: the kernel reads *lenp, writes at most that
 * many bytes and stores the full length back.  The length lives in tandem
 * during the call: were the kernel handed the guest's own word, another
 * guest thread could grow it after the range check and make the kernel
 * write past the end of the guest address space.
 */
struct out_pair {
    uint64_t guest_buf, guest_lenp;
    void *buf;
    socklen_t len;
    socklen_t *lenp;     /* &len, or NULL when the guest passed none */
};

static int out_pair_begin(uint64_t addr, uint64_t lenp, struct out_pair *o)
{
    *o = (struct out_pair){ .guest_buf = addr, .guest_lenp = lenp };
    if (lenp) {
        if (copy_from_guest(&o->len, lenp, 4) < 0)
            return -EFAULT;
        o->lenp = &o->len;
    }
    return guest_ptr(addr, o->len, &o->buf) ? 0 : -EFAULT;
}

/* Copies the kernel's length back after a successful call. */
static int64_t out_pair_end(struct vcpu *cpu, const struct out_pair *o, socklen_t given, int64_t r)
{
    if (r < 0 || !o->lenp)
        return r;
    if (o->buf)
        linux_host_wrote(cpu, o->guest_buf, o->len < given ? o->len : given);
    return copy_to_guest(o->guest_lenp, &o->len, 4) < 0 ? -EFAULT : r;
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
static int64_t addr_out_call(struct vcpu *cpu, long host_nr, const uint64_t *a)
{
    struct out_pair o;
    int64_t r = out_pair_begin(a[1], a[2], &o);
    if (r < 0)
        return r;
    socklen_t given = o.len;
    r = host_result(syscall(host_nr, (int)a[0], o.buf, o.lenp, (int)a[3]));
    return out_pair_end(cpu, &o, given, r);
}

static int64_t sys_accept(struct vcpu *cpu, const uint64_t *a)
{
    uint64_t b[4] = { a[0], a[1], a[2], 0 };
    return addr_out_call(cpu, SYS_accept4, b);
}

static int64_t sys_accept4(struct vcpu *cpu, const uint64_t *a)     { return addr_out_call(cpu, SYS_accept4, a); }
static int64_t sys_getsockname(struct vcpu *cpu, const uint64_t *a) { return addr_out_call(cpu, SYS_getsockname, a); }
static int64_t sys_getpeername(struct vcpu *cpu, const uint64_t *a) { return addr_out_call(cpu, SYS_getpeername, a); }

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
    void *buf;
    struct out_pair o;
    if (!guest_ptr(a[1], a[2], &buf))
        return -EFAULT;
    int64_t r = out_pair_begin(a[4], a[5], &o);
    if (r < 0)
        return r;
    socklen_t given = o.len;
    linux_host_wrote(cpu, a[1], a[2]);
    r = host_result(syscall(SYS_recvfrom, (int)a[0], buf, (size_t)a[2], (int)a[3], o.buf, o.lenp));
    if (r > 0)
        linux_host_wrote(cpu, a[1], (uint64_t)r);
    return out_pair_end(cpu, &o, given, r);
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
    struct out_pair o;
    int64_t r = out_pair_begin(a[3], a[4], &o);
    if (r < 0)
        return r;
    socklen_t given = o.len;
    r = host_result(syscall(SYS_getsockopt, (int)a[0], (int)a[1], (int)a[2], o.buf, o.lenp));
    return out_pair_end(cpu, &o, given, r);
}

/* struct msghdr as the guest lays it out (the same as x86-64's) */
struct guest_msghdr {
    uint64_t name;
    uint32_t namelen, pad1;
    uint64_t iov, iovlen, control, controllen;
    int32_t flags, pad2;
};
_Static_assert(sizeof(struct guest_msghdr) == sizeof(struct msghdr), "msghdr layouts match");

static int64_t msg_call(struct vcpu *cpu, long host_nr, const uint64_t *a, bool receiving)
{
    struct guest_msghdr gm;
    if (copy_from_guest(&gm, a[1], sizeof(gm)) < 0)
        return -EFAULT;
    if (gm.iovlen > MAX_IOV)
        return -EMSGSIZE;   /* Linux's answer for msghdr, unlike readv's EINVAL */
    struct iovec iov[MAX_IOV];
    int64_t r = iovec_from_guest(gm.iov, gm.iovlen, iov);
    if (r < 0)
        return r;
    struct msghdr m = { .msg_iov = iov, .msg_iovlen = gm.iovlen, .msg_namelen = gm.namelen,
                        .msg_controllen = gm.controllen, .msg_flags = gm.flags };
    if (!guest_ptr(gm.name, gm.namelen, &m.msg_name) ||
        !guest_ptr(gm.control, gm.controllen, &m.msg_control))
        return -EFAULT;
    if (receiving) {
        iovec_host_wrote(cpu, iov, gm.iovlen, UINT64_MAX);
        linux_host_wrote(cpu, gm.name, gm.namelen);
        linux_host_wrote(cpu, gm.control, gm.controllen);
    }
    r = host_result(syscall(host_nr, (int)a[0], &m, (int)a[2]));
    if (r >= 0 && receiving) {
        iovec_host_wrote(cpu, iov, gm.iovlen, (uint64_t)r);
        if (m.msg_name)
            linux_host_wrote(cpu, gm.name, m.msg_namelen < gm.namelen ? m.msg_namelen : gm.namelen);
        if (m.msg_control)
            linux_host_wrote(cpu, gm.control, m.msg_controllen);
        gm.namelen = m.msg_namelen;
        gm.controllen = m.msg_controllen;
        gm.flags = m.msg_flags;
        if (copy_to_guest(a[1], &gm, sizeof(gm)) < 0)
            return -EFAULT;
    }
    return r;
}

static int64_t sys_sendmsg(struct vcpu *cpu, const uint64_t *a) { return msg_call(cpu, SYS_sendmsg, a, false); }
static int64_t sys_recvmsg(struct vcpu *cpu, const uint64_t *a) { return msg_call(cpu, SYS_recvmsg, a, true); }

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
