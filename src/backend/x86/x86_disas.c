/* Host-code disassembly for --trace; see x86_disas.h. */
#include "backend/x86/x86_disas.h"

#include <dlfcn.h>
#include <inttypes.h>
#include <pthread.h>

#ifdef HAVE_CAPSTONE
#include <capstone/capstone.h>

#ifndef CAPSTONE_SONAME
#define CAPSTONE_SONAME "libcapstone.so"
#endif

static struct {
    cs_err (*open)(cs_arch, cs_mode, csh *);
    size_t (*disasm)(csh, const uint8_t *, size_t, uint64_t, size_t, cs_insn **);
    void (*free)(cs_insn *, size_t);
    cs_err (*close)(csh *);
} cs;
static pthread_once_t cs_once = PTHREAD_ONCE_INIT;
static const char *cs_missing;   /* why there is no disassembly, or NULL */

static void load_capstone(void)
{
    /* the build's own soname first, then the -dev package's link */
    void *h = dlopen(CAPSTONE_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (!h)
        h = dlopen("libcapstone.so", RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        cs_missing = "cannot load " CAPSTONE_SONAME;
        return;
    }
    *(void **)&cs.open = dlsym(h, "cs_open");
    *(void **)&cs.disasm = dlsym(h, "cs_disasm");
    *(void **)&cs.free = dlsym(h, "cs_free");
    *(void **)&cs.close = dlsym(h, "cs_close");
    if (!cs.open || !cs.disasm || !cs.free || !cs.close)
        cs_missing = CAPSTONE_SONAME " lacks the cs_* functions";
}

void x86_disas_print(FILE *f, const uint8_t *code, uint32_t size, const struct x86_pc_map *map,
                     unsigned n_map)
{
    pthread_once(&cs_once, load_capstone);
    csh h;
    if (cs_missing || cs.open(CS_ARCH_X86, CS_MODE_64, &h) != CS_ERR_OK) {
        fprintf(f, "  (no disassembly: %s)\n", cs_missing ? cs_missing : "capstone failed to open");
        return;
    }
    cs_insn *insn;
    size_t n = cs.disasm(h, code, size, (uint64_t)(uintptr_t)code, 0, &insn);
    unsigned next_map = 0;
    for (size_t k = 0; k < n; k++) {
        uint32_t off = (uint32_t)(insn[k].address - (uintptr_t)code);
        while (next_map < n_map && map[next_map].host_off <= off)
            fprintf(f, "  -- guest 0x%" PRIx64 "\n", map[next_map++].guest_pc);
        fprintf(f, "  0x%04x:  %-8s %s\n", off, insn[k].mnemonic, insn[k].op_str);
    }
    cs.free(insn, n);
    cs.close(&h);
}

#else

void x86_disas_print(FILE *f, const uint8_t *code, uint32_t size, const struct x86_pc_map *map,
                     unsigned n_map)
{
    (void)code, (void)size, (void)map, (void)n_map;
    fprintf(f, "  (built without capstone: no disassembly)\n");
}

#endif
