/* tandem [options] PROGRAM [ARGS...]: start-up and option parsing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exec/exec.h"
#include "exec/tb_cache.h"
#include "exec/vcpu.h"
#include "frontend/riscv/rv.h"
#include "linux/linux_user.h"
#include "mem/guest_mem.h"
#include "monitor/monitor.h"
#include "util/diag.h"

#define TANDEM_VERSION "0.1.0"

void fault_init(void);

struct tandem_options opt;
const struct backend *backend = &interp_backend;
const struct frontend *frontend = &riscv_frontend;

static void usage(FILE *f)
{
    fprintf(f,
            "usage: tandem [options] PROGRAM [ARGS...]\n"
            "Run a statically linked riscv64 Linux program on this host.\n"
            "\n"
            "options:\n"
            "  -v, --verbose       say what is loaded and how it runs\n"
            "  --trace             print each block's guest instructions (disassembled),\n"
            "                      its IR and, with the JIT, its host code, as translated\n"
            "  --stats             print per-vCPU counters at exit: instructions, blocks,\n"
            "                      LR/SC/AMO counts and exclusive-monitor events\n"
            "  --perfmap           name translated blocks by guest pc in /tmp/perf-PID.map,\n"
            "                      so that Linux perf can attribute JIT samples\n"
            "  --backend=NAME      interp or jit (default: %s)\n"
            "  --atomics=NAME      LR/SC strategy: %s (default: %s)\n"
            "  -h, --help          show this help\n"
            "  --version           show the version\n"
            "\n"
            "Exit status: the guest's, or 128+N when the guest dies of signal N;\n"
            "64 bad options, 65 unreadable program, 66 not ELF, 67 wrong machine,\n"
            "68 dynamically linked, 69 no memory, 70 internal error.\n",
            backend->name, monitor_names(), monitor_default()->name);
}

static _Noreturn void bad_option(const char *fmt, const char *arg)
{
    fprintf(stderr, "tandem: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, " (try 'tandem --help')\n");
    exit(TANDEM_EXIT_USAGE);
}

static const struct backend *backend_by_name(const char *name)
{
    if (strcmp(name, "interp") == 0)
        return &interp_backend;
    if (strcmp(name, "jit") == 0 && &jit_backend)
        return &jit_backend;
    return NULL;
}

/* Parses options up to PROGRAM; returns the index of PROGRAM in argv. */
static int parse_options(int argc, char **argv)
{
    monitor_select(monitor_default()->name);
    if (&jit_backend)
        backend = &jit_backend;   /* the interpreter stays as the reference */
    if (getenv("TANDEM_BACKEND") && !(backend = backend_by_name(getenv("TANDEM_BACKEND"))))
        bad_option("unknown backend '%s' in TANDEM_BACKEND", getenv("TANDEM_BACKEND"));
    /* Where JIT code lands moves small loops by 10-20% (docs/ARCHITECTURE.md);
     * benchmarks shift all of it by this many bytes to average that out. */
    const char *pad = getenv("TANDEM_JIT_PAD");
    if (pad) {
        char *end;
        unsigned long n = strtoul(pad, &end, 10);
        if (!*pad || *end || n % 16 || n >= 4096)
            bad_option("bad TANDEM_JIT_PAD '%s' (want a multiple of 16 below 4096)", pad);
        opt.jit_pad = (unsigned)n;
    }
    /* ... and TANDEM_JIT_SPREAD moves blocks against each other, which
     * the pad cannot: a change to one block's size moves all after it */
    const char *spread = getenv("TANDEM_JIT_SPREAD");
    if (spread) {
        char *end;
        unsigned long n = strtoul(spread, &end, 10);
        if (!*spread || *end || n > 65535)
            bad_option("bad TANDEM_JIT_SPREAD '%s' (want a seed from 0 to 65535)", spread);
        opt.jit_spread = (unsigned)n;
    }

    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--") == 0) {
            i++;
            break;
        } else if (strcmp(a, "-v") == 0 || strcmp(a, "--verbose") == 0) {
            opt.verbose++;
        } else if (strcmp(a, "--trace") == 0) {
            opt.trace = true;
        } else if (strcmp(a, "--stats") == 0) {
            opt.stats = true;
        } else if (strcmp(a, "--perfmap") == 0) {
            opt.perfmap = true;
        } else if (strncmp(a, "--backend=", 10) == 0) {
            if (!(backend = backend_by_name(a + 10)))
                bad_option("unknown backend '%s'; choose interp or jit", a + 10);
        } else if (strncmp(a, "--atomics=", 10) == 0) {
            if (!monitor_select(a + 10)) {
                fprintf(stderr, "tandem: unknown atomics strategy '%s'; choose one of: %s\n",
                        a + 10, monitor_names());
                exit(TANDEM_EXIT_USAGE);
            }
        } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage(stdout);
            exit(0);
        } else if (strcmp(a, "--version") == 0) {
            printf("tandem %s (backend %s, atomics %s)\n", TANDEM_VERSION, backend->name,
                   monitor->name);
            exit(0);
        } else {
            bad_option("unknown option '%s'", a);
        }
    }
    if (i >= argc)
        bad_option("%s", "no PROGRAM given");
    return i;
}

int main(int argc, char **argv, char **envp)
{
    int prog = parse_options(argc, argv);
    const char *path = argv[prog];

    guest_mem_init();
    if (monitor->init)
        monitor->init();
    tb_cache_init();
    fault_init();

    struct guest_image img;
    memset(&img, 0, sizeof(img));
    elf_load(path, &img);
    linux_build_stack(&img, argc - prog, argv + prog, envp, path);
    linux_init(&img);

    struct vcpu *cpu = vcpu_new();
    cpu->pc = img.entry;
    cpu->regs[RV_X(2)] = img.sp;
    if (opt.verbose)
        diag("running %s: entry 0x%llx, sp 0x%llx, backend %s, atomics %s", path,
             (unsigned long long)img.entry, (unsigned long long)img.sp, backend->name,
             monitor->name);
    cpu_loop(cpu);
}
