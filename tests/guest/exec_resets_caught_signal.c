/*
 * execve resets caught signals to SIG_DFL.  tandem ignores SIGPIPE on the
 * host while the guest has a handler for it; the program it execs must
 * not inherit that: the shell below dies of its own SIGPIPE, so this
 * process ends with the status of SIGPIPE (141 to the shell).
 */
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

static void on_pipe(int sig)
{
    (void)sig;
}

int main(void)
{
    signal(SIGPIPE, on_pipe);
    puts("exec");
    fflush(stdout);
    execl("/bin/sh", "sh", "-c", "kill -PIPE $$; echo survived SIGPIPE", (char *)NULL);
    puts("exec failed");
    return 1;
}
