/* --perfmap; see x86_perfmap.h. */
#include "backend/x86/x86_perfmap.h"

#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

#include "util/diag.h"

static pthread_mutex_t perfmap_lock = PTHREAD_MUTEX_INITIALIZER;
static FILE *perfmap;
static pid_t perfmap_pid;
static int perfmap_failed;   /* reported once */

void x86_perfmap_note(const void *code, uint32_t size, uint64_t guest_pc)
{
    pthread_mutex_lock(&perfmap_lock);
    pid_t pid = getpid();
    if (perfmap && perfmap_pid != pid) {
        fclose(perfmap);   /* the parent's file: a forked child writes its own */
        perfmap = NULL;
        perfmap_failed = 0;
    }
    if (!perfmap && !perfmap_failed) {
        char path[64];
        snprintf(path, sizeof(path), "/tmp/perf-%d.map", (int)pid);
        perfmap = fopen(path, "w");
        perfmap_pid = pid;
        if (!perfmap) {
            perfmap_failed = 1;
            diag("--perfmap: cannot write %s", path);
        }
    }
    if (perfmap) {
        fprintf(perfmap, "%" PRIxPTR " %" PRIx32 " tandem-0x%" PRIx64 "\n", (uintptr_t)code, size,
                guest_pc);
        fflush(perfmap);
    }
    pthread_mutex_unlock(&perfmap_lock);
}
