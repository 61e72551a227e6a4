/* bytecode: a small stack-machine interpreter running a fixed program (nested loops computing an
 * LCG, a running sum and a branchy collatz-like step). The dispatch `switch` compiles to an
 * indirect jump per bytecode: the indirect-branch-heavy pattern of every language VM. */
#include "bench.h"

enum op { PUSH, LOAD, STORE, ADD, SUB, MUL, AND, XOR, SHR, LT, JZ, JMP, DUP, POP, ODD, HALT };

struct insn { uint8_t op; int32_t arg; };

/* Locals: 0 = i, 1 = x, 2 = acc, 3 = limit, 4 = j */
static const struct insn program[] = {
    /* 0 */ {PUSH, 0}, {STORE, 0},                  /* i = 0 */
    /* 2 */ {LOAD, 0}, {LOAD, 3}, {LT, 0}, {JZ, 41}, /* while i < limit */
    /* 6 */ {LOAD, 1}, {PUSH, 1103515245}, {MUL, 0}, {PUSH, 12345}, {ADD, 0},
    /* 11 */ {PUSH, 0x7fffffff}, {AND, 0}, {STORE, 1},  /* x = (x * a + c) & mask */
    /* 14 */ {LOAD, 1}, {ODD, 0}, {JZ, 24},             /* if x odd */
    /* 17 */ {LOAD, 2}, {LOAD, 1}, {XOR, 0}, {STORE, 2}, {JMP, 30},  /* acc ^= x */
    /* 22 */ {HALT, 0}, {HALT, 0},
    /* 24 */ {LOAD, 2}, {LOAD, 1}, {PUSH, 3}, {SHR, 0}, {ADD, 0}, {STORE, 2}, /* acc += x >> 3 */
    /* 30 */ {LOAD, 2}, {DUP, 0}, {PUSH, 7}, {SHR, 0}, {SUB, 0}, {STORE, 2},    /* acc -= acc >> 7 */
    /* 36 */ {LOAD, 0}, {PUSH, 1}, {ADD, 0}, {STORE, 0},                        /* i++ */
    /* 40 */ {JMP, 2}, {HALT, 0},
};

static int64_t run(const struct insn *code, int64_t limit, int64_t seed) {
    int64_t stack[64], locals[8] = {0};
    int sp = 0;
    locals[1] = seed;
    locals[3] = limit;
    const struct insn *pc = code;
    for (;;) {
        const struct insn *in = pc++;
        switch (in->op) {
        case PUSH: stack[sp++] = in->arg; break;
        case LOAD: stack[sp++] = locals[in->arg]; break;
        case STORE: locals[in->arg] = stack[--sp]; break;
        case ADD: sp--; stack[sp - 1] += stack[sp]; break;
        case SUB: sp--; stack[sp - 1] -= stack[sp]; break;
        case MUL: sp--; stack[sp - 1] = (int64_t)((uint64_t)stack[sp - 1] * (uint64_t)stack[sp]); break;
        case AND: sp--; stack[sp - 1] &= stack[sp]; break;
        case XOR: sp--; stack[sp - 1] ^= stack[sp]; break;
        case SHR: sp--; stack[sp - 1] = (int64_t)((uint64_t)stack[sp - 1] >> (stack[sp] & 63)); break;
        case LT: sp--; stack[sp - 1] = stack[sp - 1] < stack[sp]; break;
        case JZ: if (stack[--sp] == 0) { pc = code + in->arg; } break;
        case JMP: pc = code + in->arg; break;
        case DUP: stack[sp] = stack[sp - 1]; sp++; break;
        case POP: sp--; break;
        case ODD: stack[sp - 1] &= 1; break;
        case HALT: return locals[2];
        }
    }
}

int main(int argc, char **argv) {
    int scale = bench_scale(argc, argv);
    uint64_t sum = 0;
    for (int round = 0; round < 4 * scale; round++) {
        int64_t acc = run(program, 300000, 1 + round);
        sum = bench_mix(sum, (uint64_t)acc);
    }
    bench_report("bytecode", sum);
    return 0;
}
