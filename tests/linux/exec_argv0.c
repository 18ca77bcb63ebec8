/*
 * execve of a riscv64 program (here, itself) runs it under a fresh
 * tandem; the new program must see the argv[0] it was given, and not the
 * variable that carries it across.  (qemu-riscv64 would need binfmt_misc
 * to run the exec'd riscv64 program.)
 * expect: argv0 custom-name, argv1 child, carrier hidden
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc == 1) {
        execl("/proc/self/exe", "custom-name", "child", (char *)NULL);
        puts("exec failed");
        return 1;
    }
    printf("argv0 %s, argv1 %s, carrier %s\n", argv[0], argv[1],
           getenv("TANDEM_EXEC_ARGV0") ? "visible" : "hidden");
    return 0;
}
