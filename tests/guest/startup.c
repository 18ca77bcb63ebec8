/* The initial process state: argv, envp and the auxiliary vector laid out
 * as the Linux riscv64 ABI says, and the auxv values libc relies on.
 * The test runner passes the arguments `first "second arg"` and sets
 * TANDEM_GUEST_ENV=visible. */
#include <elf.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

extern char **environ;
extern char _start[];

static int failures;

static void check(int ok, const char *what)
{
    printf("%s: %s\n", what, ok ? "yes" : "NO");
    if (!ok) failures++;
}

/* The auxv starts after envp's NULL terminator. */
static const Elf64_auxv_t *find_auxv(char **envp)
{
    while (*envp) envp++;
    return (const Elf64_auxv_t *)(envp + 1);
}

static uint64_t raw_auxv(const Elf64_auxv_t *av, uint64_t type)
{
    for (; av->a_type != AT_NULL; av++)
        if (av->a_type == type) return av->a_un.a_val;
    return 0;
}

int main(int argc, char **argv, char **envp)
{
    printf("argc: %d\n", argc);
    for (int i = 1; i < argc; i++)
        printf("argv[%d]: \"%s\"\n", i, argv[i]);
    const char *slash = strrchr(argv[0], '/');
    printf("argv[0] basename: %s\n", slash ? slash + 1 : argv[0]);
    check(argv[argc] == NULL, "argv is NULL-terminated");
    check(envp == argv + argc + 1, "envp follows argv");
    check(envp == environ, "environ is envp");
    const char *env = getenv("TANDEM_GUEST_ENV");
    printf("TANDEM_GUEST_ENV: %s\n", env ? env : "(unset)");

    const Elf64_auxv_t *av = find_auxv(envp);
    check(raw_auxv(av, AT_PAGESZ) == 4096, "raw auxv AT_PAGESZ is 4096");
    check(getauxval(AT_PAGESZ) == 4096, "getauxval(AT_PAGESZ) is 4096");
    check(sysconf(_SC_PAGESIZE) == 4096, "sysconf(_SC_PAGESIZE) is 4096");

    /* AT_HWCAP holds one bit per single-letter extension */
    unsigned long hwcap = getauxval(AT_HWCAP);
    const char *letters = "imafdc";
    printf("AT_HWCAP extensions:");
    for (const char *l = letters; *l; l++)
        if (hwcap & (1ul << (*l - 'a'))) printf(" %c", *l);
    printf("\n");
    unsigned long imafdc = 0;
    for (const char *l = letters; *l; l++) imafdc |= 1ul << (*l - 'a');
    check((hwcap & imafdc) == imafdc, "AT_HWCAP has IMAFDC");

    const uint8_t *random = (const uint8_t *)getauxval(AT_RANDOM);
    check(random != NULL, "AT_RANDOM is non-null");
    if (random) {
        unsigned nonzero = 0;
        for (int i = 0; i < 16; i++) nonzero += random[i] != 0;
        check(nonzero > 0, "AT_RANDOM bytes are not all zero");
    }

    const Elf64_Phdr *phdr = (const Elf64_Phdr *)getauxval(AT_PHDR);
    unsigned long phnum = getauxval(AT_PHNUM);
    check(phdr != NULL && phnum > 0, "AT_PHDR and AT_PHNUM are set");
    check(getauxval(AT_PHENT) == sizeof(Elf64_Phdr), "AT_PHENT is sizeof(Elf64_Phdr)");
    int loads = 0;
    for (unsigned long i = 0; phdr && i < phnum; i++) loads += phdr[i].p_type == PT_LOAD;
    check(loads >= 1, "program headers contain PT_LOAD");
    check(getauxval(AT_ENTRY) == (uintptr_t)_start, "AT_ENTRY is _start");
    check(getauxval(AT_UID) == getuid() && getauxval(AT_EUID) == geteuid(), "AT_UID/AT_EUID match getuid/geteuid");
    check(getauxval(AT_GID) == getgid() && getauxval(AT_EGID) == getegid(), "AT_GID/AT_EGID match getgid/getegid");
    check(getauxval(AT_SECURE) == 0, "AT_SECURE is 0");

    int probe;
    check(((uintptr_t)&probe & 3) == 0, "stack is usable");
    printf("%s: %d failures\n", failures ? "FAIL" : "OK", failures);
    return failures != 0;
}
