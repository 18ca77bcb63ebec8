/*
 * --perfmap: name each translated block in /tmp/perf-PID.map, the file
 * Linux perf reads for code it cannot find in a binary, so `perf report`
 * shows guest pcs ("tandem-0x10abc") instead of bare JIT addresses.  As
 * with QEMU's -perfmap, a chunk that is freed and reused keeps its old
 * line too; perf takes the newest.
 *
 * Concurrency: translating threads append under one mutex; the file is
 * reopened under the new pid after a fork.
 */
#ifndef TANDEM_X86_PERFMAP_H
#define TANDEM_X86_PERFMAP_H

#include <stdint.h>

void x86_perfmap_note(const void *code, uint32_t size, uint64_t guest_pc);

#endif
