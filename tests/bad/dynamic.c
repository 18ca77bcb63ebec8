/* Built without -static: a dynamically linked riscv64 executable, which
 * tandem refuses with status 68 (it has no dynamic loader support). */
#include <stdio.h>

int main(void)
{
    puts("a dynamic executable must not run under tandem");
    return 0;
}
