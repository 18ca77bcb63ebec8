/* The vCPU table; see exec/vcpu.h for the lifetime rules. */
#include "exec/vcpu.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "util/diag.h"

__thread struct vcpu *current_vcpu;

struct vcpu *vcpu_table[VCPU_MAX];
_Atomic int vcpu_table_used;
_Atomic uint32_t vcpu_running;
static pthread_mutex_t vcpu_table_lock = PTHREAD_MUTEX_INITIALIZER;

static void vcpu_reset(struct vcpu *cpu, int index)
{
    struct vcpu_stats keep = cpu->stats;
    memset(cpu, 0, sizeof(*cpu));
    cpu->stats = keep;
    cpu->index = index;
    cpu->monitor_id = (uint32_t)index + 1;
    atomic_store(&cpu->res.addr, RES_NONE);
    cpu->res.tag_addr = RES_NONE;
    atomic_store(&cpu->outside_code, true);
}

struct vcpu *vcpu_new(void)
{
    pthread_mutex_lock(&vcpu_table_lock);
    int used = atomic_load(&vcpu_table_used);
    struct vcpu *cpu = NULL;
    for (int i = 0; i < used; i++) {
        if (!atomic_load(&vcpu_table[i]->active)) {
            cpu = vcpu_table[i];
            vcpu_reset(cpu, i);
            break;
        }
    }
    if (!cpu) {
        if (used == VCPU_MAX) {
            pthread_mutex_unlock(&vcpu_table_lock);
            return NULL;
        }
        cpu = aligned_alloc(64, (sizeof(struct vcpu) + 63) & ~(size_t)63);
        if (!cpu)
            die(TANDEM_EXIT_INTERNAL, "out of memory allocating a vCPU");
        memset(cpu, 0, sizeof(*cpu));
        vcpu_reset(cpu, used);
        vcpu_table[used] = cpu;
        atomic_store(&vcpu_table_used, used + 1);
    }
    atomic_store(&cpu->active, true);
    pthread_mutex_unlock(&vcpu_table_lock);
    return cpu;
}

void vcpu_release(struct vcpu *cpu)
{
    atomic_store(&cpu->in_guest, false);
    atomic_store(&cpu->outside_code, true);
    atomic_store(&cpu->active, false);
}
