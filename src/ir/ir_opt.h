/*
 * Target-neutral IR optimisation for one block: constant propagation and
 * folding, strength reduction to immediate forms, and dead-code removal.
 * Used by the JIT on its private copy of a tb's IR; the result has the
 * same meaning as the input under the reference interpreter.
 *
 * Concurrency: pure function of its argument; no shared state.
 */
#ifndef TANDEM_IR_OPT_H
#define TANDEM_IR_OPT_H

#include "ir/ir.h"

/* Optimise insns[0..n) in place; returns the new count. */
unsigned ir_optimize(struct ir_insn *insns, unsigned n);

#endif
