/*
 * Socket calls whose lengths go both ways (getsockname, recvfrom with a
 * too-small address buffer, getsockopt) and SCM_RIGHTS through
 * sendmsg/recvmsg.  tandem keeps the in/out lengths in its own memory
 * while the kernel runs, and copies them back.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <unistd.h>
int main(void)
{
    int sv[2];
    socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    int p[2]; pipe(p);
    char data[] = "fd";
    struct iovec iov = { data, 2 };
    char cbuf[CMSG_SPACE(sizeof(int))];
    struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = cbuf, .msg_controllen = sizeof(cbuf) };
    struct cmsghdr *c = CMSG_FIRSTHDR(&m);
    c->cmsg_level = SOL_SOCKET; c->cmsg_type = SCM_RIGHTS; c->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(c), &p[1], sizeof(int));
    printf("sendmsg: %zd\n", sendmsg(sv[0], &m, 0));
    char rbuf[8] = {0}; char rc[CMSG_SPACE(sizeof(int))];
    struct iovec riov = { rbuf, sizeof(rbuf) };
    struct msghdr r = { .msg_iov = &riov, .msg_iovlen = 1, .msg_control = rc, .msg_controllen = sizeof(rc) };
    printf("recvmsg: %zd %s\n", recvmsg(sv[1], &r, 0), rbuf);
    c = CMSG_FIRSTHDR(&r);
    int fd = -1; if (c && c->cmsg_type == SCM_RIGHTS) memcpy(&fd, CMSG_DATA(c), sizeof(int));
    printf("got fd: %d, controllen %zu\n", fd >= 0, (size_t)r.msg_controllen);
    write(fd, "x", 1); char x; read(p[0], &x, 1); printf("through passed fd: %c\n", x);
    int s = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    bind(s, (void *)&a, sizeof(a));
    socklen_t len = sizeof(a); getsockname(s, (void *)&a, &len);
    printf("getsockname len %u port nonzero %d\n", len, a.sin_port != 0);
    sendto(s, "hi", 2, 0, (void *)&a, sizeof(a));
    struct sockaddr_in from; socklen_t fl = 4;  /* too small: truncated, full length reported */
    char b[4] = {0};
    printf("recvfrom %zd %s fromlen %u\n", recvfrom(s, b, 4, 0, (void *)&from, &fl), b, fl);
    int v = 0; socklen_t vl = sizeof(v);
    printf("getsockopt %d type %d len %u\n", getsockopt(s, SOL_SOCKET, SO_TYPE, &v, &vl), v, vl);
    return 0;
}
