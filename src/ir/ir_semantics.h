/*
 * The value semantics of IR conditions and extensions, shared by every
 * place that evaluates IR (the interpreter, constant folding), so they can
 * never disagree.
 */
#ifndef TANDEM_IR_SEMANTICS_H
#define TANDEM_IR_SEMANTICS_H

#include <stdbool.h>
#include <stdint.h>

#include "ir/ir.h"

static inline uint64_t ir_sext32(uint64_t v) { return (uint64_t)(int64_t)(int32_t)v; }

/* a <cond> b for setcond/setcondi/brcond */
static inline bool ir_cond_holds(unsigned cond, uint64_t a, uint64_t b)
{
    switch (cond) {
    case IR_EQ:  return a == b;
    case IR_NE:  return a != b;
    case IR_LT:  return (int64_t)a < (int64_t)b;
    case IR_GE:  return (int64_t)a >= (int64_t)b;
    case IR_LTU: return a < b;
    default:     return a >= b;  /* IR_GEU */
    }
}

/* Zero- or sign-extend the low 1 << (size & IR_SIZE_MASK) bytes of v. */
static inline uint64_t ir_extend(uint64_t v, unsigned size)
{
    switch (size) {
    case 0: return (uint8_t)v;
    case 1: return (uint16_t)v;
    case 2: return (uint32_t)v;
    case 0 | IR_MEM_SIGNED: return (uint64_t)(int64_t)(int8_t)v;
    case 1 | IR_MEM_SIGNED: return (uint64_t)(int64_t)(int16_t)v;
    case 2 | IR_MEM_SIGNED: return (uint64_t)(int64_t)(int32_t)v;
    default: return v;
    }
}

#endif
