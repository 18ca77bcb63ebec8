/*
 * The initial guest stack, laid out as the RISC-V psABI and Linux do:
 *   sp -> argc, argv[0..argc-1], NULL, envp[..], NULL, auxv pairs, AT_NULL
 *   ... then the strings and the 16 AT_RANDOM bytes near the top.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <elf.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <unistd.h>

#include "linux/linux_user.h"
#include "linux/syscall_priv.h"
#include "util/diag.h"

#define STACK_SIZE (8ull << 20)

/* ISA letters reported in AT_HWCAP: one bit per letter, bit (letter - 'A') */
#define HWCAP_LETTER(c) (1ull << ((c) - 'A'))
#define RV64GC_HWCAP (HWCAP_LETTER('I') | HWCAP_LETTER('M') | HWCAP_LETTER('A') | \
                      HWCAP_LETTER('F') | HWCAP_LETTER('D') | HWCAP_LETTER('C'))

static char exe_path[PATH_MAX];

const char *linux_exe_path(void)
{
    return exe_path;
}

bool linux_path_is_self_exe(const char *path)
{
    if (strcmp(path, "/proc/self/exe") == 0 || strcmp(path, "/proc/thread-self/exe") == 0)
        return true;
    char mine[64];
    snprintf(mine, sizeof(mine), "/proc/%d/exe", (int)getpid());
    return strcmp(path, mine) == 0;
}

/* Copies bytes just below *top (descending) and returns their guest address. */
static uint64_t push_bytes(uint64_t *top, const void *data, size_t len)
{
    *top -= len;
    memcpy(g2h(*top), data, len);
    return *top;
}

static uint64_t push_string(uint64_t *top, const char *s)
{
    return push_bytes(top, s, strlen(s) + 1);
}

static void put_word(uint64_t *slot, uint64_t value)
{
    memcpy(g2h(*slot), &value, 8);
    *slot += 8;
}

void linux_build_stack(struct guest_image *img, int argc, char **argv, char **envp,
                       const char *exec_path)
{
    if (!realpath(exec_path, exe_path))
        snprintf(exe_path, sizeof(exe_path), "%s", exec_path);

    uint64_t top = GUEST_STACK_TOP, bottom = GUEST_STACK_TOP - STACK_SIZE;
    pthread_rwlock_wrlock(&mmap_lock);
    int r = guest_map_fixed(bottom, STACK_SIZE, GPROT_READ | GPROT_WRITE,
                            MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    pthread_rwlock_unlock(&mmap_lock);
    if (r < 0)
        die(TANDEM_EXIT_NO_MEMORY, "cannot map the guest stack: %s", strerror(-r));
    img->stack_top = top;

    /* an execve through tandem passes the guest's argv[0] this way */
    const char *argv0 = NULL;
    int envc = 0, env_in = 0;
    char **env = calloc(1, sizeof(char *));
    while (envp && envp[env_in]) {
        const char *e = envp[env_in++];
        if (strncmp(e, LINUX_ARGV0_ENV, strlen(LINUX_ARGV0_ENV)) == 0) {
            argv0 = e + strlen(LINUX_ARGV0_ENV);
            continue;
        }
        char **grown = env ? realloc(env, (size_t)(envc + 2) * sizeof(char *)) : NULL;
        if (!grown)
            die(TANDEM_EXIT_INTERNAL, "out of memory");
        env = grown;
        env[envc++] = (char *)e;
    }
    if (!env)
        die(TANDEM_EXIT_INTERNAL, "out of memory");
    env[envc] = NULL;
    envp = env;
    size_t strings = strlen(exec_path) + 1 + 16 + 64;
    if (argv0)
        strings += strlen(argv0) + 1;
    for (int i = 0; i < argc; i++)
        strings += strlen(argv[i]) + 1;
    for (int i = 0; i < envc; i++)
        strings += strlen(envp[i]) + 1;
    if (strings + (size_t)(argc + envc + 64) * 8 > STACK_SIZE / 2)
        die(TANDEM_EXIT_USAGE, "argument list and environment too long");

    uint64_t execfn = push_string(&top, exec_path);
    uint64_t platform = push_string(&top, "riscv64");
    uint64_t *arg_addr = calloc((size_t)argc + 1, sizeof(uint64_t));
    uint64_t *env_addr = calloc((size_t)envc + 1, sizeof(uint64_t));
    if (!arg_addr || !env_addr)
        die(TANDEM_EXIT_INTERNAL, "out of memory");
    for (int i = argc; i-- > 0;)
        arg_addr[i] = push_string(&top, i == 0 && argv0 ? argv0 : argv[i]);
    for (int i = envc; i-- > 0;)
        env_addr[i] = push_string(&top, envp[i]);
    uint8_t random_bytes[16];
    if (getrandom(random_bytes, sizeof(random_bytes), 0) != (ssize_t)sizeof(random_bytes))
        for (unsigned i = 0; i < sizeof(random_bytes); i++)
            random_bytes[i] = (uint8_t)(rand() ^ (getpid() << i));
    top &= ~15ull;
    uint64_t random_addr = push_bytes(&top, random_bytes, sizeof(random_bytes));

    const uint64_t auxv[][2] = {
        { AT_PHDR, img->phdr },     { AT_PHENT, img->phent },  { AT_PHNUM, img->phnum },
        { AT_PAGESZ, GUEST_PAGE_SIZE }, { AT_BASE, 0 },        { AT_FLAGS, 0 },
        { AT_ENTRY, img->entry },   { AT_UID, getuid() },      { AT_EUID, geteuid() },
        { AT_GID, getgid() },       { AT_EGID, getegid() },    { AT_SECURE, 0 },
        { AT_RANDOM, random_addr }, { AT_HWCAP, RV64GC_HWCAP }, { AT_CLKTCK, 100 },
        { AT_EXECFN, execfn },      { AT_PLATFORM, platform }, { AT_NULL, 0 },
    };
    size_t n_auxv = sizeof(auxv) / sizeof(auxv[0]);
    size_t words = 1 + (size_t)argc + 1 + (size_t)envc + 1 + 2 * n_auxv;
    uint64_t sp = (top - words * 8) & ~15ull;

    uint64_t slot = sp;
    put_word(&slot, (uint64_t)argc);
    for (int i = 0; i < argc; i++)
        put_word(&slot, arg_addr[i]);
    put_word(&slot, 0);
    for (int i = 0; i < envc; i++)
        put_word(&slot, env_addr[i]);
    put_word(&slot, 0);
    for (size_t i = 0; i < n_auxv; i++) {
        put_word(&slot, auxv[i][0]);
        put_word(&slot, auxv[i][1]);
    }
    free(arg_addr);
    free(env_addr);
    free(env);
    img->sp = sp;
}
