/* File-system syscalls in a private temporary directory: create, write,
 * read, lseek, pread/pwrite, stat/fstat, rename, readdir, unlink, rmdir. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int failures;
static char dir[64];

#define CHECK(cond) check((cond), #cond, __LINE__)
static void check(int ok, const char *what, int line)
{
    if (!ok) {
        printf("FAIL line %d: %s (errno %d)\n", line, what, errno);
        failures++;
    }
}

static void path_in_dir(char *out, size_t size, const char *name)
{
    snprintf(out, size, "%s/%s", dir, name);
}

static void write_read_seek(void)
{
    char path[128];
    path_in_dir(path, sizeof path, "data.bin");
    int fd = open(path, O_CREAT | O_EXCL | O_RDWR, 0640);
    CHECK(fd >= 0);
    char block[1000];
    for (int i = 0; i < 1000; i++) block[i] = (char)('a' + i % 26);
    for (int i = 0; i < 10; i++) CHECK(write(fd, block, sizeof block) == sizeof block);
    CHECK(lseek(fd, 0, SEEK_CUR) == 10000);
    CHECK(lseek(fd, 2026, SEEK_SET) == 2026);
    char got[27] = {0};
    CHECK(read(fd, got, 26) == 26);
    CHECK(strcmp(got, "abcdefghijklmnopqrstuvwxyz") == 0);
    CHECK(lseek(fd, -3, SEEK_END) == 9997);
    CHECK(read(fd, got, 26) == 3);
    CHECK(read(fd, got, 26) == 0);
    CHECK(pwrite(fd, "XYZ", 3, 20000) == 3);       /* leaves a hole */
    CHECK(pread(fd, got, 4, 19999) == 4 && memcmp(got, "\0XYZ", 4) == 0);

    struct stat st, fst;
    CHECK(fstat(fd, &fst) == 0);
    CHECK(close(fd) == 0);
    CHECK(stat(path, &st) == 0);
    CHECK(st.st_size == 20003 && fst.st_size == 20003);
    CHECK(S_ISREG(st.st_mode) && (st.st_mode & 0777) == 0640);
    CHECK(st.st_ino == fst.st_ino);
    printf("data.bin: size %lld, mode %o, regular %d\n",
           (long long)st.st_size, (unsigned)(st.st_mode & 0777), S_ISREG(st.st_mode));

    FILE *f = fopen(path, "r");
    CHECK(f != NULL);
    CHECK(fseek(f, 27, SEEK_SET) == 0);
    CHECK(fgetc(f) == 'b');
    CHECK(ftell(f) == 28);
    fclose(f);
}

static void stdio_text_file(void)
{
    char path[128];
    path_in_dir(path, sizeof path, "lines.txt");
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    for (int i = 1; i <= 50; i++) fprintf(f, "line %d squared %d\n", i, i * i);
    CHECK(fclose(f) == 0);
    f = fopen(path, "r");
    char line[64];
    int count = 0, sum = 0, a, b;
    while (fgets(line, sizeof line, f)) {
        CHECK(sscanf(line, "line %d squared %d", &a, &b) == 2 && b == a * a);
        count++;
        sum += b;
    }
    fclose(f);
    CHECK(count == 50 && sum == 42925);
    printf("lines.txt: %d lines, sum of squares %d\n", count, sum);
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void list_directory(void)
{
    char path[128];
    path_in_dir(path, sizeof path, "subdir");
    CHECK(mkdir(path, 0755) == 0);
    path_in_dir(path, sizeof path, "lines.txt");
    char renamed[128];
    path_in_dir(renamed, sizeof renamed, "renamed.txt");
    CHECK(rename(path, renamed) == 0);
    CHECK(access(path, F_OK) == -1 && errno == ENOENT);

    DIR *d = opendir(dir);
    CHECK(d != NULL);
    char *names[16];
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < 16)
        names[n++] = strdup(e->d_name);
    closedir(d);
    /* readdir order depends on the file system: sort before printing */
    qsort(names, n, sizeof names[0], compare_names);
    printf("directory:");
    for (int i = 0; i < n; i++) {
        printf(" %s", names[i]);
        free(names[i]);
    }
    printf("\n");
    CHECK(n == 5);
}

static void clean_up(void)
{
    const char *files[] = {"data.bin", "renamed.txt"};
    char path[128];
    for (int i = 0; i < 2; i++) {
        path_in_dir(path, sizeof path, files[i]);
        CHECK(unlink(path) == 0);
    }
    path_in_dir(path, sizeof path, "subdir");
    CHECK(rmdir(path) == 0);
    CHECK(rmdir(dir) == 0);
    CHECK(open(path, O_RDONLY) == -1 && errno == ENOENT);
    printf("cleaned up\n");
}

int main(void)
{
    umask(022); /* the mode check below must not depend on the caller */
    strcpy(dir, "/tmp/tandem-files-XXXXXX");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    write_read_seek();
    stdio_text_file();
    list_directory();
    clean_up();
    printf("%s: %d failures\n", failures ? "FAIL" : "OK", failures);
    return failures != 0;
}
