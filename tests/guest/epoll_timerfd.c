/*
 * epoll (whose struct epoll_event is 16 bytes on riscv64 but 12 on the
 * x86-64 host), timerfd, memfd and a few calls with small fixed buffers.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/mman.h>
#include <sys/timerfd.h>
#include <unistd.h>

int main(void)
{
    int p[2], q[2];
    if (pipe(p) || pipe(q))
        return 1;
    int ep = epoll_create1(EPOLL_CLOEXEC);
    struct epoll_event ev = { .events = EPOLLIN, .data.u64 = 0x1122334455667788ull };
    printf("ctl add: %d\n", epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev));
    ev.data.u64 = 0xaabbccdd00000001ull;
    printf("ctl add: %d\n", epoll_ctl(ep, EPOLL_CTL_ADD, q[0], &ev));
    printf("ctl add again: %d %s\n", epoll_ctl(ep, EPOLL_CTL_ADD, q[0], &ev),
           errno == EEXIST ? "EEXIST" : "?");
    write(p[1], "a", 1);
    write(q[1], "b", 1);
    struct epoll_event out[4];
    memset(out, 0x5a, sizeof(out));
    int n = epoll_wait(out == NULL ? -1 : ep, out, 4, 1000);
    printf("wait: %d\n", n);
    uint64_t seen = 0;
    for (int i = 0; i < n; i++)
        seen ^= out[i].data.u64 + out[i].events;
    printf("events xor: %llx\n", (unsigned long long)seen);
    printf("untouched: %02x\n", ((unsigned char *)&out[n])[0]);
    printf("ctl del: %d\n", epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL));
    printf("wait zero max: %d %s\n", epoll_wait(ep, out, 0, 0), errno == EINVAL ? "EINVAL" : "?");

    int tfd = timerfd_create(CLOCK_MONOTONIC, 0);
    struct itimerspec its = { .it_value = { 0, 20000000 } }, cur;
    printf("settime: %d\n", timerfd_settime(tfd, 0, &its, NULL));
    timerfd_gettime(tfd, &cur);
    printf("armed: %d\n", cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec > 0);
    uint64_t ticks = 0;
    printf("read: %zd ticks %llu\n", read(tfd, &ticks, 8), (unsigned long long)ticks);

    int mfd = memfd_create("tandem-test", 0);
    printf("memfd write: %zd\n", write(mfd, "hello", 5));
    char buf[8] = { 0 };
    printf("memfd pread: %zd %s\n", pread(mfd, buf, 5, 0), buf);

    struct sched_param sp;
    printf("getparam: %d prio %d\n", sched_getparam(0, &sp), sp.sched_priority);
    printf("scheduler: %d\n", sched_getscheduler(0));
    void *page = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    unsigned char vec[2];
    ((char *)page)[0] = 1;
    printf("mincore: %d first %d\n", mincore(page, 8192, vec), vec[0] & 1);
    return 0;
}
