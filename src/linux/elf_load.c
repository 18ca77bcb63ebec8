/*
 * ELF loader for static and static-pie riscv64 executables.  Segments are
 * copied into anonymous guest mappings (zeroing the bss for free); the
 * final page protections are applied once everything is in place.
 * Every malformed input ends with one line and a TANDEM_EXIT_* status.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "linux/linux_user.h"
#include "mem/guest_mem.h"
#include "util/diag.h"

#ifndef EM_RISCV
#define EM_RISCV 243
#endif

/* static-pie executables are placed here (plus their own lowest vaddr) */
#define PIE_LOAD_BASE 0x1000000000ull

#define PAGE_DOWN(x) ((x) & ~(GUEST_PAGE_SIZE - 1))
#define PAGE_UP(x)   (((x) + GUEST_PAGE_SIZE - 1) & ~(GUEST_PAGE_SIZE - 1))

struct elf_file {
    const char *path;
    int fd;
    uint64_t size;
    Elf64_Ehdr eh;
    Elf64_Phdr *ph;
};

static const char *machine_name(unsigned m, bool is64)
{
    switch (m) {
    case EM_386:     return "x86 (i386)";
    case EM_X86_64:  return "x86-64";
    case EM_ARM:     return "32-bit ARM";
    case EM_AARCH64: return "AArch64";
    case EM_PPC:     return "PowerPC";
    case EM_PPC64:   return "PowerPC64";
    case EM_S390:    return "s390";
    case EM_MIPS:    return "MIPS";
    case EM_SPARCV9: return "SPARC64";
    case EM_RISCV:   return is64 ? "big-endian RISC-V" : "32-bit RISC-V";
    case 258:        return "LoongArch";
    default:         return NULL;
    }
}

static void read_exact(struct elf_file *f, void *buf, uint64_t len, uint64_t off)
{
    if (off > f->size || len > f->size - off)
        die(TANDEM_EXIT_NOT_ELF, "%s: not an ELF file (truncated)", f->path);
    uint8_t *p = buf;
    while (len) {
        ssize_t n = pread(f->fd, p, len, (off_t)off);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            die(TANDEM_EXIT_NO_FILE, "%s: cannot read: %s", f->path, strerror(errno));
        if (n == 0)
            die(TANDEM_EXIT_NOT_ELF, "%s: not an ELF file (truncated)", f->path);
        p += n;
        off += (uint64_t)n;
        len -= (uint64_t)n;
    }
}

static void open_file(struct elf_file *f, const char *path)
{
    f->path = path;
    f->fd = open(path, O_RDONLY | O_CLOEXEC);
    if (f->fd < 0)
        die(TANDEM_EXIT_NO_FILE, "%s: cannot open: %s", path, strerror(errno));
    struct stat st;
    if (fstat(f->fd, &st) != 0)
        die(TANDEM_EXIT_NO_FILE, "%s: cannot stat: %s", path, strerror(errno));
    if (!S_ISREG(st.st_mode))
        die(TANDEM_EXIT_NO_FILE, "%s: not a regular file", path);
    f->size = (uint64_t)st.st_size;
}

static void check_header(struct elf_file *f)
{
    unsigned char ident[EI_NIDENT + 4] = { 0 };
    if (f->size < EI_NIDENT || f->size < 4)
        die(TANDEM_EXIT_NOT_ELF, "%s: not an ELF file", f->path);
    uint64_t want = f->size < sizeof(ident) ? f->size : sizeof(ident);
    read_exact(f, ident, want, 0);
    if (memcmp(ident, ELFMAG, SELFMAG) != 0)
        die(TANDEM_EXIT_NOT_ELF, "%s: not an ELF file", f->path);

    /* e_machine sits at offset 18 in both classes */
    bool is64 = ident[EI_CLASS] == ELFCLASS64;
    bool little = ident[EI_DATA] == ELFDATA2LSB;
    if (want < 20)
        die(TANDEM_EXIT_NOT_ELF, "%s: not an ELF file (truncated)", f->path);
    unsigned machine = little ? (unsigned)(ident[18] | ident[19] << 8)
                              : (unsigned)(ident[19] | ident[18] << 8);
    if (!is64 || !little || machine != EM_RISCV) {
        const char *name = machine_name(machine, is64);
        if (machine == EM_RISCV && is64 && little)
            name = NULL;
        if (name)
            die(TANDEM_EXIT_WRONG_ARCH, "%s: ELF executable for %s, not riscv64", f->path, name);
        die(TANDEM_EXIT_WRONG_ARCH, "%s: ELF executable for machine %u (%s, %s), not riscv64",
            f->path, machine, is64 ? "64-bit" : "32-bit", little ? "little-endian" : "big-endian");
    }

    read_exact(f, &f->eh, sizeof(f->eh), 0);
    if (f->eh.e_type != ET_EXEC && f->eh.e_type != ET_DYN)
        die(TANDEM_EXIT_NOT_ELF, "%s: not an ELF executable (type %u)", f->path, f->eh.e_type);
    if (f->eh.e_phentsize != sizeof(Elf64_Phdr) || f->eh.e_phnum == 0 || f->eh.e_phnum > 256)
        die(TANDEM_EXIT_NOT_ELF, "%s: not an ELF file (bad program headers)", f->path);
    f->ph = calloc(f->eh.e_phnum, sizeof(Elf64_Phdr));
    if (!f->ph)
        die(TANDEM_EXIT_INTERNAL, "out of memory");
    read_exact(f, f->ph, (uint64_t)f->eh.e_phnum * sizeof(Elf64_Phdr), f->eh.e_phoff);
}

/* Checks every PT_LOAD; returns the lowest and highest page bounds. */
static void check_segments(struct elf_file *f, uint64_t *lo, uint64_t *hi)
{
    *lo = UINT64_MAX;
    *hi = 0;
    for (unsigned i = 0; i < f->eh.e_phnum; i++) {
        const Elf64_Phdr *p = &f->ph[i];
        if (p->p_type == PT_INTERP)
            die(TANDEM_EXIT_DYNAMIC, "%s: dynamically linked executables are not supported; "
                "link with -static", f->path);
        if (p->p_type != PT_LOAD || p->p_memsz == 0)
            continue;
        if (p->p_filesz > p->p_memsz || p->p_offset > f->size || p->p_filesz > f->size - p->p_offset)
            die(TANDEM_EXIT_NOT_ELF, "%s: not an ELF file (truncated segment)", f->path);
        if (!guest_range_ok(p->p_vaddr, p->p_memsz) || p->p_vaddr + p->p_memsz > GUEST_MMAP_TOP)
            die(TANDEM_EXIT_NOT_ELF, "%s: segment at 0x%llx is outside the guest address space",
                f->path, (unsigned long long)p->p_vaddr);
        if (PAGE_DOWN(p->p_vaddr) < *lo)
            *lo = PAGE_DOWN(p->p_vaddr);
        if (PAGE_UP(p->p_vaddr + p->p_memsz) > *hi)
            *hi = PAGE_UP(p->p_vaddr + p->p_memsz);
    }
    if (*hi == 0)
        die(TANDEM_EXIT_NOT_ELF, "%s: not an ELF file (nothing to load)", f->path);
}

static int seg_prot(const Elf64_Phdr *p)
{
    return ((p->p_flags & PF_R) ? GPROT_READ : 0) | ((p->p_flags & PF_W) ? GPROT_WRITE : 0) |
           ((p->p_flags & PF_X) ? GPROT_EXEC : 0);
}

/* A page shared by two segments gets the union of their permissions;
 * -1 means no segment covers the page. */
static int page_final_prot(const struct elf_file *f, uint64_t bias, uint64_t page)
{
    int prot = -1;
    for (unsigned i = 0; i < f->eh.e_phnum; i++) {
        const Elf64_Phdr *p = &f->ph[i];
        if (p->p_type != PT_LOAD || p->p_memsz == 0)
            continue;
        uint64_t s = PAGE_DOWN(p->p_vaddr + bias), e = PAGE_UP(p->p_vaddr + bias + p->p_memsz);
        if (page >= s && page < e)
            prot = (prot < 0 ? 0 : prot) | seg_prot(p);
    }
    return prot;
}

static void finish_run(struct elf_file *f, uint64_t start, uint64_t end, int prot)
{
    if (end <= start)
        return;
    int r = prot < 0 ? guest_unmap(start, end - start) : guest_protect(start, end - start, prot);
    if (r < 0)
        die(TANDEM_EXIT_NO_MEMORY, "%s: cannot protect segments: %s", f->path, strerror(-r));
}

static void load_segments(struct elf_file *f, uint64_t bias, uint64_t lo, uint64_t hi)
{
    pthread_rwlock_wrlock(&mmap_lock);
    int r = guest_map_fixed(lo + bias, hi - lo, GPROT_READ | GPROT_WRITE,
                            MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (r < 0)
        die(TANDEM_EXIT_NO_MEMORY, "%s: cannot map segments: %s", f->path, strerror(-r));
    for (unsigned i = 0; i < f->eh.e_phnum; i++) {
        const Elf64_Phdr *p = &f->ph[i];
        if (p->p_type == PT_LOAD && p->p_filesz)
            read_exact(f, g2h(p->p_vaddr + bias), p->p_filesz, p->p_offset);
    }
    /* Now the final protections, coalesced into runs of equal pages;
     * gaps between segments are unmapped again. */
    uint64_t run_start = lo + bias;
    int run_prot = page_final_prot(f, bias, run_start);
    for (uint64_t page = lo + bias + GUEST_PAGE_SIZE; page < hi + bias; page += GUEST_PAGE_SIZE) {
        int prot = page_final_prot(f, bias, page);
        if (prot == run_prot)
            continue;
        finish_run(f, run_start, page, run_prot);
        run_start = page;
        run_prot = prot;
    }
    finish_run(f, run_start, hi + bias, run_prot);
    pthread_rwlock_unlock(&mmap_lock);
}

/* AT_PHDR: PT_PHDR if present, else the loaded bytes that hold e_phoff. */
static uint64_t find_phdr(const struct elf_file *f, uint64_t bias)
{
    for (unsigned i = 0; i < f->eh.e_phnum; i++)
        if (f->ph[i].p_type == PT_PHDR)
            return f->ph[i].p_vaddr + bias;
    for (unsigned i = 0; i < f->eh.e_phnum; i++) {
        const Elf64_Phdr *p = &f->ph[i];
        if (p->p_type == PT_LOAD && f->eh.e_phoff >= p->p_offset &&
            f->eh.e_phoff + (uint64_t)f->eh.e_phnum * sizeof(Elf64_Phdr) <= p->p_offset + p->p_filesz)
            return p->p_vaddr + bias + (f->eh.e_phoff - p->p_offset);
    }
    return 0;
}

void elf_load(const char *path, struct guest_image *img)
{
    struct elf_file f = { 0 };
    open_file(&f, path);
    check_header(&f);
    uint64_t lo, hi;
    check_segments(&f, &lo, &hi);

    uint64_t bias = 0;
    if (f.eh.e_type == ET_DYN) {
        bias = PIE_LOAD_BASE - lo;
        if (!guest_range_ok(lo + bias, hi - lo) || hi + bias > GUEST_MMAP_TOP)
            die(TANDEM_EXIT_NOT_ELF, "%s: image too large for the guest address space", path);
    }
    if (f.eh.e_entry + bias < lo + bias || f.eh.e_entry + bias >= hi + bias)
        die(TANDEM_EXIT_NOT_ELF, "%s: entry point 0x%llx is outside the loaded segments", path,
            (unsigned long long)f.eh.e_entry);
    load_segments(&f, bias, lo, hi);

    memset(img, 0, sizeof(*img));
    img->entry = f.eh.e_entry + bias;
    img->phdr = find_phdr(&f, bias);
    img->phnum = f.eh.e_phnum;
    img->phent = f.eh.e_phentsize;
    img->load_bias = bias;
    img->brk_start = hi + bias;
    free(f.ph);
    close(f.fd);
}
