/*
 * pthread_getattr_np on the main thread: glibc finds the main stack in
 * /proc/self/maps, which must list the guest's own mappings at guest
 * addresses.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static int contains(const pthread_attr_t *at, const void *p)
{
    void *addr;
    size_t size;
    pthread_attr_getstack(at, &addr, &size);
    return (uintptr_t)p >= (uintptr_t)addr && (uintptr_t)p < (uintptr_t)addr + size;
}

static void *thread_main(void *arg)
{
    (void)arg;
    pthread_attr_t at;
    int local = 0;
    int r = pthread_getattr_np(pthread_self(), &at);
    printf("thread: %d, stack holds a local: %d\n", r, r == 0 && contains(&at, &local));
    return NULL;
}

int main(void)
{
    pthread_attr_t at;
    int local = 0;
    int r = pthread_getattr_np(pthread_self(), &at);
    printf("main: %d, stack holds a local: %d\n", r, r == 0 && contains(&at, &local));
    pthread_t t;
    pthread_create(&t, NULL, thread_main, NULL);
    pthread_join(t, NULL);

    FILE *f = fopen("/proc/self/maps", "r");
    char line[256];
    int stack = 0, exec = 0, lines = 0;
    while (f && fgets(line, sizeof(line), f)) {
        unsigned long from, to;
        char perms[8];
        if (sscanf(line, "%lx-%lx %7s", &from, &to, perms) == 3) {
            lines++;
            exec += (uintptr_t)&main >= from && (uintptr_t)&main < to && perms[2] == 'x';
            stack += (uintptr_t)&local >= from && (uintptr_t)&local < to && strstr(line, "[stack]");
        }
    }
    printf("maps: parsed %d, code found %d, stack found %d\n", lines > 0, exec, stack);
    printf("write open: %s\n", fopen("/proc/self/maps", "w") ? "opened" : "refused");
    return 0;
}
