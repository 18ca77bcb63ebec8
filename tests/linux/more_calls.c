/*
 * Calls qemu-riscv64 does not have (openat2) or that only need their
 * pointers translated: personality, inotify, openat2 (with /proc/self/exe
 * naming the guest program), syncfs.
 * expect: personality 0, inotify ok, openat2 ELF, syncfs 0, bad personality EINVAL
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <sys/inotify.h>
#include <sys/personality.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
    int persona = personality(0xffffffff);
    int in = inotify_init1(IN_CLOEXEC);
    int w = inotify_add_watch(in, "/tmp", IN_CREATE);
    int inotify_ok = in >= 0 && w > 0 && inotify_rm_watch(in, w) == 0;
    struct open_how how = { .flags = O_RDONLY };
    int fd = (int)syscall(SYS_openat2, AT_FDCWD, "/proc/self/exe", &how, sizeof(how));
    char hdr[4] = { 0 };
    if (fd < 0 || read(fd, hdr, 4) != 4)
        hdr[1] = '?';
    int sync = syncfs(fd);
    int bad = personality(0x0800000 /* ADDR_LIMIT_32BIT */);
    printf("personality %d, inotify %s, openat2 %.3s, syncfs %d, bad personality %s\n", persona,
           inotify_ok ? "ok" : "failed", hdr + 1, sync, bad == -1 && errno == EINVAL ? "EINVAL" : "set");
    return 0;
}
