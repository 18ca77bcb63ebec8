/*
 * The single source of truth for tandem's IR operations.
 *
 * IR_OP(name, n_out, n_in, flags, description)
 *   n_out  number of slot results written (dst)
 *   n_in   number of slot operands read (a, b, c in that order)
 *   flags  IR_OPF_* below
 *
 * Operand conventions (see struct ir_insn in ir.h):
 *   dst/a/b/c are slot numbers; imm is a 64-bit immediate; size holds a
 *   memory size (log2 bytes, optionally | IR_MEM_SIGNED), a condition,
 *   an extension width or an AMO kind depending on the op.
 *   32-bit ("_32") ALU ops compute on the low 32 bits and sign-extend the
 *   result to 64 bits.  Division has total semantics so that no backend
 *   can trap: x/0 = all ones, x%0 = x, MIN/-1 = MIN, MIN%-1 = 0.
 */
#ifndef IR_OP
#error "define IR_OP before including ir_ops.h"
#endif

/* bookkeeping */
IR_OP(insn_start, 0, 0, IR_OPF_NONE, "marks the start of the guest insn at imm")
IR_OP(mov,        1, 1, IR_OPF_NONE, "dst = a")
IR_OP(movi,       1, 0, IR_OPF_NONE, "dst = imm")

/* 64-bit ALU, register forms */
IR_OP(add,   1, 2, IR_OPF_NONE, "dst = a + b")
IR_OP(sub,   1, 2, IR_OPF_NONE, "dst = a - b")
IR_OP(and,   1, 2, IR_OPF_NONE, "dst = a & b")
IR_OP(or,    1, 2, IR_OPF_NONE, "dst = a | b")
IR_OP(xor,   1, 2, IR_OPF_NONE, "dst = a ^ b")
IR_OP(shl,   1, 2, IR_OPF_NONE, "dst = a << (b & 63)")
IR_OP(shr,   1, 2, IR_OPF_NONE, "dst = a >> (b & 63), logical")
IR_OP(sar,   1, 2, IR_OPF_NONE, "dst = a >> (b & 63), arithmetic")
IR_OP(mul,   1, 2, IR_OPF_NONE, "dst = low 64 bits of a * b")
IR_OP(mulh,  1, 2, IR_OPF_NONE, "dst = high 64 bits of signed a * signed b")
IR_OP(mulhu, 1, 2, IR_OPF_NONE, "dst = high 64 bits of unsigned a * unsigned b")
IR_OP(mulhsu,1, 2, IR_OPF_NONE, "dst = high 64 bits of signed a * unsigned b")
IR_OP(div,   1, 2, IR_OPF_NONE, "dst = signed a / b (total, see above)")
IR_OP(divu,  1, 2, IR_OPF_NONE, "dst = unsigned a / b (total)")
IR_OP(rem,   1, 2, IR_OPF_NONE, "dst = signed a % b (total)")
IR_OP(remu,  1, 2, IR_OPF_NONE, "dst = unsigned a % b (total)")
IR_OP(setcond, 1, 2, IR_OPF_NONE, "dst = (a <size:cond> b) ? 1 : 0")

/* 64-bit ALU, immediate forms: b is replaced by imm */
IR_OP(addi,  1, 1, IR_OPF_NONE, "dst = a + imm")
IR_OP(andi,  1, 1, IR_OPF_NONE, "dst = a & imm")
IR_OP(ori,   1, 1, IR_OPF_NONE, "dst = a | imm")
IR_OP(xori,  1, 1, IR_OPF_NONE, "dst = a ^ imm")
IR_OP(shli,  1, 1, IR_OPF_NONE, "dst = a << (imm & 63)")
IR_OP(shri,  1, 1, IR_OPF_NONE, "dst = a >> (imm & 63), logical")
IR_OP(sari,  1, 1, IR_OPF_NONE, "dst = a >> (imm & 63), arithmetic")
IR_OP(setcondi, 1, 1, IR_OPF_NONE, "dst = (a <size:cond> imm) ? 1 : 0")
/* made by ir_optimize from shli + add (array indexing); imm is 1..3 */
IR_OP(addsh, 1, 2, IR_OPF_NONE, "dst = a + (b << imm)")

/* 32-bit ALU: operate on low 32 bits, sign-extend the 32-bit result */
IR_OP(add_32,  1, 2, IR_OPF_NONE, "dst = sext32(a + b)")
IR_OP(sub_32,  1, 2, IR_OPF_NONE, "dst = sext32(a - b)")
IR_OP(shl_32,  1, 2, IR_OPF_NONE, "dst = sext32(a << (b & 31))")
IR_OP(shr_32,  1, 2, IR_OPF_NONE, "dst = sext32((uint32)a >> (b & 31))")
IR_OP(sar_32,  1, 2, IR_OPF_NONE, "dst = sext32((int32)a >> (b & 31))")
IR_OP(mul_32,  1, 2, IR_OPF_NONE, "dst = sext32(a * b)")
IR_OP(div_32,  1, 2, IR_OPF_NONE, "dst = sext32((int32)a / (int32)b) (total)")
IR_OP(divu_32, 1, 2, IR_OPF_NONE, "dst = sext32((uint32)a / (uint32)b) (total)")
IR_OP(rem_32,  1, 2, IR_OPF_NONE, "dst = sext32((int32)a % (int32)b) (total)")
IR_OP(remu_32, 1, 2, IR_OPF_NONE, "dst = sext32((uint32)a % (uint32)b) (total)")
IR_OP(addi_32, 1, 1, IR_OPF_NONE, "dst = sext32(a + imm)")
IR_OP(shli_32, 1, 1, IR_OPF_NONE, "dst = sext32(a << (imm & 31))")
IR_OP(shri_32, 1, 1, IR_OPF_NONE, "dst = sext32((uint32)a >> (imm & 31))")
IR_OP(sari_32, 1, 1, IR_OPF_NONE, "dst = sext32((int32)a >> (imm & 31))")

/* extension: size = IR_EXT_* width (log2 bytes: 0=8, 1=16, 2=32) | IR_MEM_SIGNED */
IR_OP(ext,   1, 1, IR_OPF_NONE, "dst = sign- or zero-extend the low bits of a")

/* memory: address = a + imm; size = log2 bytes | IR_MEM_SIGNED */
IR_OP(ld,      1, 1, IR_OPF_MEM | IR_OPF_MAY_FAULT, "dst = load [a + imm]")
IR_OP(st,      0, 2, IR_OPF_MEM | IR_OPF_MAY_FAULT | IR_OPF_SIDE_EFFECT, "store b to [a + imm]")

/* atomics: all go through the exclusive monitor (src/monitor/monitor.h) */
IR_OP(ld_link, 1, 1, IR_OPF_MEM | IR_OPF_MAY_FAULT | IR_OPF_SIDE_EFFECT, "dst = load-reserved [a]")
IR_OP(st_cond, 1, 2, IR_OPF_MEM | IR_OPF_MAY_FAULT | IR_OPF_SIDE_EFFECT, "store-conditional b to [a]; dst = 0 on success, 1 on failure")
IR_OP(amo,     1, 2, IR_OPF_MEM | IR_OPF_MAY_FAULT | IR_OPF_SIDE_EFFECT, "atomically [a] = aux-op([a], b); dst = old value")
IR_OP(clear_link, 0, 0, IR_OPF_SIDE_EFFECT, "end this vCPU's reservation")
IR_OP(fence,   0, 0, IR_OPF_SIDE_EFFECT, "memory fence; aux = IR_FENCE_* predecessor/successor bits")

/* helper call: dst = ((ir_helper_fn)imm)(cpu, a, b, c, aux) */
IR_OP(call,    1, 3, IR_OPF_SIDE_EFFECT | IR_OPF_MAY_FAULT, "call a C helper")

/*
 * floating point.  size = IR_FP_SINGLE or IR_FP_DOUBLE, | IR_FP_DYN_RM;
 * imm = an ir_helper_fn called like `call` with (a, b, c, aux), which
 * defines the result and the exception flags it ORs into vcpu.fflags
 * (IR_FFLAG_*).  The op means: the IEEE operation rounded to nearest-even
 * (or, with IR_FP_DYN_RM, in vcpu.frm's mode), as the helper computes it.
 * A backend may compute it without the helper only where the answer is
 * provably the same: see "Inline floating point" in ir.h.
 */
IR_OP(fadd,   1, 2, IR_OPF_SIDE_EFFECT | IR_OPF_MAY_FAULT, "dst = a + b")
IR_OP(fsub,   1, 2, IR_OPF_SIDE_EFFECT | IR_OPF_MAY_FAULT, "dst = a - b")
IR_OP(fmul,   1, 2, IR_OPF_SIDE_EFFECT | IR_OPF_MAY_FAULT, "dst = a * b")
IR_OP(fdiv,   1, 2, IR_OPF_SIDE_EFFECT | IR_OPF_MAY_FAULT, "dst = a / b")
IR_OP(fsqrt,  1, 1, IR_OPF_SIDE_EFFECT | IR_OPF_MAY_FAULT, "dst = sqrt(a)")
IR_OP(fmadd,  1, 3, IR_OPF_SIDE_EFFECT | IR_OPF_MAY_FAULT, "dst = a * b + c, one rounding")
IR_OP(fmsub,  1, 3, IR_OPF_SIDE_EFFECT | IR_OPF_MAY_FAULT, "dst = a * b - c, one rounding")
IR_OP(fnmsub, 1, 3, IR_OPF_SIDE_EFFECT | IR_OPF_MAY_FAULT, "dst = -(a * b) + c, one rounding")
IR_OP(fnmadd, 1, 3, IR_OPF_SIDE_EFFECT | IR_OPF_MAY_FAULT, "dst = -(a * b) - c, one rounding")
/* comparisons: no IR_FP_DYN_RM; invalid on a signalling NaN (feq) or any NaN (flt, fle) */
IR_OP(feq,    1, 2, IR_OPF_SIDE_EFFECT | IR_OPF_MAY_FAULT, "dst = a == b ? 1 : 0")
IR_OP(flt,    1, 2, IR_OPF_SIDE_EFFECT | IR_OPF_MAY_FAULT, "dst = a < b ? 1 : 0")
IR_OP(fle,    1, 2, IR_OPF_SIDE_EFFECT | IR_OPF_MAY_FAULT, "dst = a <= b ? 1 : 0")

/* control flow; every block ends with exactly one terminator */
IR_OP(brcond,      0, 2, IR_OPF_SIDE_EFFECT, "if (a <size:cond> b) leave the block to guest pc imm (chain slot 0); aux = guest insns after it")
IR_OP(goto_pc,     0, 0, IR_OPF_SIDE_EFFECT | IR_OPF_BLOCK_END, "leave the block to guest pc imm (chain slot 1)")
IR_OP(goto_ind,    0, 1, IR_OPF_SIDE_EFFECT | IR_OPF_BLOCK_END, "leave the block to guest pc a")
IR_OP(exit,        0, 0, IR_OPF_SIDE_EFFECT | IR_OPF_BLOCK_END, "leave the block with exit reason size (enum ir_exit_reason); guest pc = imm, aux = detail (insn word)")
