/*
 * One thread keeps unmapping and remapping a page while another passes
 * pointers into it to stat(): every call must return (0 or EFAULT), as on
 * Linux.  tandem reads the path and writes struct stat itself, holding
 * the mapping lock for reading so the page cannot go away in between.
 * (qemu-riscv64 trips an assertion of its own on this program.)
 * expect: done (50000 calls)
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <stdatomic.h>
#include <errno.h>
#include <unistd.h>
static char *page;
static atomic_int stop;
static void *flipper(void *a)
{
    while (!atomic_load(&stop)) {
        munmap(page, 4096);
        mmap(page, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
        strcpy(page, "/tmp");
    }
    return NULL;
}
int main(void)
{
    page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    strcpy(page, "/tmp");
    pthread_t t;
    pthread_create(&t, NULL, flipper, NULL);
    int ok = 0, efault = 0, other = 0;
    for (int i = 0; i < 50000; i++) {
        struct stat *st = (struct stat *)(page + 2048);
        int r = stat(page, st);
        if (r == 0) ok++; else if (errno == EFAULT) efault++; else other++;
    }
    atomic_store(&stop, 1);
    pthread_join(t, NULL);
    printf("done (%d calls)\n", ok + efault + other);
    return 0;
}
