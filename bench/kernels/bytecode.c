/* A small stack-machine interpreter: a switch-dispatched loop over a
 * bytecode program that runs nested loops and arithmetic.  Stresses
 * indirect branches and unpredictable control flow. */
#include "../bench_common.h"

enum op { PUSH, LOAD, STORE, ADD, SUB, MUL, XOR, SHR, AND, DUP, DROP, JNZ, JMP, HALT };

struct insn {
    uint8_t op;
    int32_t arg;
};

/* vars[0] = outer counter, vars[1] = inner counter, vars[2] = accumulator,
 * vars[3] = inner count (set by main). */
static const struct insn program[] = {
    /* 0 */ {LOAD, 3}, {STORE, 1},                         /* inner = n */
    /* 2 */ {LOAD, 2}, {PUSH, 31}, {MUL, 0}, {LOAD, 1}, {XOR, 0},
    /* 7 */ {DUP, 0}, {PUSH, 7}, {SHR, 0}, {XOR, 0},
    /* 11 */ {PUSH, 0xFFFFFF}, {AND, 0}, {STORE, 2},      /* acc = mix */
    /* 14 */ {LOAD, 1}, {PUSH, 1}, {SUB, 0}, {DUP, 0}, {STORE, 1},
    /* 19 */ {JNZ, 2},                                     /* while inner */
    /* 20 */ {LOAD, 0}, {PUSH, 1}, {SUB, 0}, {DUP, 0}, {STORE, 0},
    /* 25 */ {JNZ, 0},                                     /* while outer */
    /* 26 */ {HALT, 0},
};

static int64_t run(const struct insn *code, int64_t *vars)
{
    int64_t stack[64];
    int sp = 0;
    int pc = 0;
    for (;;) {
        const struct insn *in = &code[pc++];
        switch (in->op) {
        case PUSH:  stack[sp++] = in->arg; break;
        case LOAD:  stack[sp++] = vars[in->arg]; break;
        case STORE: vars[in->arg] = stack[--sp]; break;
        case ADD:   sp--; stack[sp - 1] += stack[sp]; break;
        case SUB:   sp--; stack[sp - 1] -= stack[sp]; break;
        case MUL:   sp--; stack[sp - 1] *= stack[sp]; break;
        case XOR:   sp--; stack[sp - 1] ^= stack[sp]; break;
        case SHR:   sp--; stack[sp - 1] = (int64_t)((uint64_t)stack[sp - 1] >> stack[sp]); break;
        case AND:   sp--; stack[sp - 1] &= stack[sp]; break;
        case DUP:   stack[sp] = stack[sp - 1]; sp++; break;
        case DROP:  sp--; break;
        case JNZ:   if (stack[--sp]) pc = in->arg; break;
        case JMP:   pc = in->arg; break;
        case HALT:  return vars[2];
        default:
            fprintf(stderr, "bytecode: bad op %d at %d\n", in->op, pc - 1);
            exit(1);
        }
    }
}

int main(int argc, char **argv)
{
    double scale = bench_scale_arg(argc, argv, 1);
    int64_t vars[4] = { bench_scaled(3000, scale), 0, 1, 1000 };
    int64_t acc = run(program, vars);
    bench_checksum("bytecode", (uint64_t)acc);
    return 0;
}
