/*
 * IR to x86-64 for one block.  The output is position independent except
 * for the rel32 fields listed in `relocs`, which must be pointed at their
 * target (the shared exit epilogue, or a guest-address limit constant for
 * the rip-relative bounds checks) once the code has its final address
 * (jit.c).
 *
 * Generated-code conventions (see also x86_regalloc.h):
 *   entry:  polls the safe point, counts stats.insns / stats.blocks (only under --stats:
 *           the counters cost two memory updates per block);
 *   exits:  leave with eax = enum block_exit | exit reason << 8 and
 *           rdx = the struct tb * that left, then jump to the epilogue.
 *
 * Concurrency: a context belongs to the translating thread.
 */
#ifndef TANDEM_X86_CODEGEN_H
#define TANDEM_X86_CODEGEN_H

#include <stdbool.h>
#include <stdint.h>

#include "backend/x86/x86_emit.h"
#include "backend/x86/x86_regalloc.h"
#include "exec/tb_cache.h"

/* host code offset where guest insn guest_pc starts (for fault_pc) */
struct x86_pc_map { uint32_t host_off; uint32_t pad; uint64_t guest_pc; };

/* a patchable direct exit: the rel32 at `field` jumps to its exit stub
 * until block chaining points it at the successor's code */
struct x86_direct_exit { uint32_t field; uint32_t slot; uint64_t target_pc; };

/* what a relocated rel32 field points to */
enum x86_reloc_target {
    X86_RELOC_EPILOGUE,
    /* a uint64_t: the first guest address at which an access of
     * 1 << k bytes no longer fits the guest space, for k = 0..3 */
    X86_RELOC_LIMIT0,
    /* the tag thunk for accesses of 1 << k bytes (x86_emit_tag_thunk) */
    X86_RELOC_TAG_THUNK0 = X86_RELOC_LIMIT0 + 4,
};
struct x86_reloc { uint32_t field; uint32_t target; };

struct x86_cold_stub;

#define X86_MAX_PINNED_GPR 6    /* of 8 allocatable */
#define X86_MAX_PINNED_XMM 10   /* of 14 */
#define X86_MAX_PINNED (X86_MAX_PINNED_GPR + X86_MAX_PINNED_XMM)

struct x86_cg {
    struct x86_buf *buf;
    const struct tb *tb;
    struct x86_ra ra;
    uint64_t cur_pc;
    uint32_t last_use[IR_NUM_SLOTS];
    bool fp_slot[IR_NUM_SLOTS];    /* an operand or result of an inline double op */
    bool frm_is_rne;               /* checked at the block's entry, no helper call since */
    /* the flags are those of `test flags_reg, flags_reg` while the code
     * ends at flags_at (a 64-bit and/or/xor just emitted there) */
    uint32_t flags_at;
    int8_t flags_reg;

    /* a block whose brcond or final goto_pc jumps back to its own start
     * loops inside its code, keeping the most-read guest registers in
     * fixed registers */
    unsigned cur_index;
    int loop_brcond;               /* insn index of the back edge, or -1 */
    uint32_t loop_head;            /* code offset of the poll at the loop head */
    unsigned n_pinned;
    uint16_t pinned_slot[X86_MAX_PINNED];
    int8_t pinned_reg[X86_MAX_PINNED];

    /* set by the caller: a loop head's IR follows the block's own
     * (loop stitching, jit.c); its stitch_n_guest instructions are
     * counted where its first insn_start (pc stitch_pc) is reached.
     * stitch_n_guest 0: nothing stitched. */
    uint64_t stitch_pc;
    uint32_t stitch_n_guest;
    /* output: when the code before the stitched part calls nothing, the
     * prologue counts both parts at once ("precounting", one memory
     * update per iteration instead of two); exits before the stitched
     * part take its count back.  precount_n: its instructions (0: not
     * precounted); host code in [precount_start, precount_end) has
     * counted it without having run it (for faults). */
    uint32_t precount_n, precount_start, precount_end;
    bool in_precount;

    struct x86_pc_map *map;        unsigned n_map, cap_map;
    struct x86_direct_exit *exits; unsigned n_exits, cap_exits;
    struct x86_reloc *relocs;      unsigned n_relocs, cap_relocs;
    struct x86_cold_stub *stubs;   unsigned n_stubs, cap_stubs;
};

/* A marked-page store's or AMO's tag work under a tag strategy
 * (MONITOR_LRSC_TAGS), shared by every stub for accesses of 1 << size
 * bytes: the JIT emits one per size next to its trampoline. */
void x86_emit_tag_thunk(struct x86_buf *b, unsigned size);

/* Generate tb's code from insns[0..n) (an optimised copy of tb->insns).
 * False if the buffer overflowed. */
bool x86_codegen_block(struct x86_cg *cg, struct x86_buf *buf, const struct tb *tb,
                       const struct ir_insn *insns, unsigned n);

#endif
