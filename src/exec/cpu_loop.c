/* The per-vCPU execution loop: find a block, run it, handle how it left. */
#include <inttypes.h>
#include <signal.h>
#include <string.h>

#include "exec/exec.h"
#include "exec/host_fpflags.h"
#include "exec/safepoint.h"
#include "exec/tb_cache.h"
#include "exec/vcpu.h"
#include "linux/linux_user.h"
#include "monitor/monitor.h"

void fault_thread_init(void);

static struct tb *lookup(struct vcpu *cpu, uint64_t pc)
{
    unsigned h = (pc >> 1) & (VCPU_JMP_CACHE_SIZE - 1);
    struct jmp_cache_entry *e = &cpu->jmp_cache[h];
    if (e->tb && e->pc == pc)
        return e->tb;
    struct tb *tb = tb_find(cpu, pc);
    /* The entry may outlive a flush until this vCPU passes the poll
     * above the generation check in cpu_loop: retired blocks are freed
     * only after that, so the JIT may enter it without checking. */
    *e = (struct jmp_cache_entry){ .pc = pc, .host_code = tb->host_code, .tb = tb };
    return tb;
}

/* Start (or go back to) running guest code.  A vCPU that ran alone
 * meanwhile may hold reservations made on the assumption that no other
 * hart could store (single-hart mode, exec/vcpu.h): the monitor deals
 * with them first. */
static void enter_guest(struct vcpu *cpu)
{
    uint32_t before = vcpu_enter_guest(cpu);
    if ((before & VCPU_SINGLE_HART) && (before & VCPU_RUNNING_COUNT) && monitor->end_single_hart)
        monitor->end_single_hart(cpu);
}

static void handle_special_exit(struct vcpu *cpu, unsigned reason)
{
    switch (reason) {
    case IR_EXIT_SYSCALL:
        /* Linux ends every reservation on a trap (DESIGN.md, B); ending it
         * before the call keeps a blocking syscall from holding a page
         * exclusive meanwhile */
        monitor->clear(cpu);
        /* one that returns at once stays in guest code: leaving would
         * take this vCPU out of vcpu_running, and coming back from there
         * may stop the world (single-hart mode) */
        if (linux_syscall_quick(cpu))
            break;
        vcpu_leave_guest(cpu);
        linux_syscall(cpu);
        enter_guest(cpu);
        break;
    case IR_EXIT_FLUSH_CODE:
        tb_flush_all();
        break;
    case IR_EXIT_ILLEGAL:
        if ((cpu->exit_word & 3) == 3)
            guest_fatal_signal(cpu, SIGILL, "illegal instruction 0x%08" PRIx32 " at pc 0x%" PRIx64,
                               cpu->exit_word, cpu->pc);
        guest_fatal_signal(cpu, SIGILL, "illegal instruction 0x%04" PRIx32 " at pc 0x%" PRIx64,
                           cpu->exit_word & 0xffff, cpu->pc);
    case IR_EXIT_BREAKPOINT:
        guest_fatal_signal(cpu, SIGTRAP, "breakpoint (ebreak) at pc 0x%" PRIx64, cpu->pc);
    case IR_EXIT_FETCH_FAULT:
        guest_fatal_signal(cpu, SIGSEGV, "guest segfault: instruction fetch at address 0x%" PRIx64
                           " (pc 0x%" PRIx64 ")", cpu->pc, cpu->pc);
    default:
        guest_fatal_signal(cpu, SIGABRT, "internal error: unknown block exit %u at pc 0x%" PRIx64,
                           reason, cpu->pc);
    }
}

_Noreturn void cpu_loop(struct vcpu *cpu)
{
    current_vcpu = cpu;
    fault_thread_init();
    host_fp_clear();   /* cpu->fflags has every flag: none pending */
    enter_guest(cpu);

    struct tb *prev = NULL;   /* block that left through a chain slot */
    int prev_slot = 0;
    for (;;) {
        safepoint_poll(cpu);
        uint64_t gen = atomic_load_explicit(&tb_generation, memory_order_acquire);
        if (gen != cpu->tb_gen) {
            memset(cpu->jmp_cache, 0, sizeof(cpu->jmp_cache));
            cpu->tb_gen = gen;
            prev = NULL;
        }

        struct tb *tb = NULL;
        if (prev) {
            tb = atomic_load_explicit(&prev->chain[prev_slot], memory_order_acquire);
            if (tb && (tb->pc != cpu->pc || tb->generation != gen))
                tb = NULL;
        }
        if (!tb) {
            tb = lookup(cpu, cpu->pc);
            /* tb_find may have flushed (size bound): then prev is gone */
            if (prev && atomic_load(&tb_generation) == gen && tb->generation == gen) {
                atomic_store_explicit(&prev->chain[prev_slot], tb, memory_order_release);
                if (backend->chain)
                    backend->chain(prev, prev_slot, tb);
            }
        }

        unsigned reason = 0;
        enum block_exit how = backend->run_block(cpu, tb, &reason);
        while (how == BLOCK_EXIT_INTERPRET)
            how = interp_backend.run_block(cpu, cpu->exit_tb, &reason);
        prev = NULL;
        switch (how) {
        case BLOCK_EXIT_CHAIN0:
        case BLOCK_EXIT_CHAIN1:
            prev = cpu->exit_tb;
            prev_slot = how == BLOCK_EXIT_CHAIN0 ? 0 : 1;
            break;
        case BLOCK_EXIT_INDIRECT:
            break;
        case BLOCK_EXIT_SPECIAL:
            handle_special_exit(cpu, reason);
            break;
        case BLOCK_EXIT_INTERPRET:
            break;   /* not left by the interpreter */
        }
    }
}
