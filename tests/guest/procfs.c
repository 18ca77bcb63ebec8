/* Host views the guest must see through the translator: readlink of
 * /proc/self/exe names the guest program (not the translator), and
 * getdents64 lists a directory.  Only deterministic facts are printed. */
#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static int failures;

static void check(int ok, const char *what)
{
    printf("%s: %s\n", what, ok ? "yes" : "NO");
    if (!ok) failures++;
}

static void self_exe(const char *argv0)
{
    char target[4096];
    ssize_t n = readlink("/proc/self/exe", target, sizeof target - 1);
    check(n > 0, "readlink(/proc/self/exe) works");
    if (n <= 0) return;
    target[n] = '\0';
    const char *base = strrchr(target, '/');
    base = base ? base + 1 : target;
    printf("/proc/self/exe basename: %s\n", base);
    check(target[0] == '/', "/proc/self/exe is absolute");
    /* it must be the same file as argv[0], the guest program */
    struct stat a, b;
    check(stat(target, &a) == 0 && stat(argv0, &b) == 0 && a.st_ino == b.st_ino && a.st_dev == b.st_dev,
          "/proc/self/exe is the guest program");
}

struct linux_dirent64 {
    uint64_t d_ino;
    int64_t d_off;
    unsigned short d_reclen;
    unsigned char d_type;
    char d_name[];
};

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void list_with_getdents(void)
{
    char dir[] = "/tmp/tandem-procfs-XXXXXX";
    if (!mkdtemp(dir)) { perror("mkdtemp"); failures++; return; }
    const char *names[] = {"alpha", "beta", "gamma", "delta-with-a-longer-name"};
    char path[128];
    for (int i = 0; i < 4; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        int fd = open(path, O_CREAT | O_WRONLY, 0600);
        check(fd >= 0, "create file");
        close(fd);
    }
    int fd = open(dir, O_RDONLY | O_DIRECTORY);
    check(fd >= 0, "open directory");
    /* a small buffer forces several getdents64 calls */
    char buf[96];
    char *found[16];
    int count = 0, calls = 0, regular = 0;
    for (;;) {
        long n = syscall(SYS_getdents64, fd, buf, sizeof buf);
        if (n <= 0) { check(n == 0, "getdents64 ends with 0"); break; }
        calls++;
        for (long off = 0; off < n;) {
            struct linux_dirent64 *d = (struct linux_dirent64 *)(buf + off);
            if (count < 16) found[count++] = strdup(d->d_name);
            regular += d->d_type == DT_REG;
            off += d->d_reclen;
        }
    }
    close(fd);
    check(calls > 1, "small buffer needed several getdents64 calls");
    qsort(found, count, sizeof found[0], compare_names);
    printf("getdents64 (%d entries, %d regular):", count, regular);
    for (int i = 0; i < count; i++) {
        printf(" %s", found[i]);
        free(found[i]);
    }
    printf("\n");
    for (int i = 0; i < 4; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        unlink(path);
    }
    check(rmdir(dir) == 0, "directory removed");
}

int main(int argc, char **argv)
{
    self_exe(argv[0]);
    list_with_getdents();
    char cwd[4096];
    check(getcwd(cwd, sizeof cwd) != NULL && cwd[0] == '/', "getcwd is absolute");
    printf("%s: %d failures\n", failures ? "FAIL" : "OK", failures);
    return failures != 0;
}
