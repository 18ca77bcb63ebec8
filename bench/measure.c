/* measure: run one command, then report its wall time and peak RSS.
 *   measure RESULT_FILE COMMAND [ARGS...]
 * The command's stdout and stderr pass through unchanged.  RESULT_FILE
 * gets one line "SECONDS MAXRSS_KIB EXIT_STATUS".  The peak RSS comes from
 * wait4()'s rusage, so no external `time` package is needed. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: measure RESULT_FILE COMMAND [ARGS...]\n");
        return 64;
    }
    FILE *result = fopen(argv[1], "w");
    if (!result) {
        fprintf(stderr, "measure: cannot write %s: %s\n", argv[1], strerror(errno));
        return 64;
    }
    double start = now_seconds();
    pid_t pid = fork();
    if (pid < 0) {
        fprintf(stderr, "measure: fork: %s\n", strerror(errno));
        return 70;
    }
    if (pid == 0) {
        execvp(argv[2], argv + 2);
        fprintf(stderr, "measure: cannot run %s: %s\n", argv[2], strerror(errno));
        _exit(127);
    }
    int status;
    struct rusage ru;
    while (wait4(pid, &status, 0, &ru) < 0) {
        if (errno != EINTR) {
            fprintf(stderr, "measure: wait4: %s\n", strerror(errno));
            return 70;
        }
    }
    double elapsed = now_seconds() - start;
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    fprintf(result, "%.6f %ld %d\n", elapsed, ru.ru_maxrss, code);
    fclose(result);
    return code;
}
