/* Exits with status 3 after printing through stdio, which must be
 * flushed by exit(). */
#include <stdio.h>
#include <stdlib.h>

static void say_goodbye(void)
{
    printf("atexit handler ran\n");
}

int main(void)
{
    atexit(say_goodbye);
    printf("exiting with status 3\n");
    exit(3);
}
