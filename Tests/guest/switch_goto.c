// A bytecode interpreter twice: a big switch (jump table) and GCC computed goto (indirect jumps).
#include <stdio.h>
#include <stdint.h>

enum { PUSH, ADD, SUB, MUL, DIVM, DUP, SWAP, DROP, JNZ, DEC, XOR, SHL, SHR, ROT, OVER, NOP0, NOP1, NOP2, NOP3, NOP4, HALT };
static const int64_t prog[] = {
    PUSH, 0,            /* acc */
    PUSH, 20000,        /* counter */
    /* loop @4: */ SWAP, PUSH, 31, MUL, OVER, XOR, PUSH, 1000003, DIVM, OVER, PUSH, 3, SHL, ADD, OVER, PUSH, 2, SHR, SUB,
    NOP0, NOP1, NOP2, NOP3, NOP4, SWAP, DEC, DUP, JNZ, 4, DROP, HALT };

static int64_t run_switch(void) {
    int64_t st[64]; int sp = 0; size_t pc = 0;
    for (;;) {
        switch (prog[pc++]) {
        case PUSH: st[sp++] = prog[pc++]; break;
        case ADD: sp--; st[sp - 1] += st[sp]; break;
        case SUB: sp--; st[sp - 1] -= st[sp]; break;
        case MUL: sp--; st[sp - 1] *= st[sp]; break;
        case DIVM: sp--; st[sp - 1] %= st[sp]; break;
        case DUP: st[sp] = st[sp - 1]; sp++; break;
        case SWAP: { int64_t t = st[sp - 1]; st[sp - 1] = st[sp - 2]; st[sp - 2] = t; break; }
        case DROP: sp--; break;
        case JNZ: { int64_t t = st[--sp]; if (t) pc = (size_t)prog[pc]; else pc++; break; }
        case DEC: st[sp - 1]--; break;
        case XOR: sp--; st[sp - 1] ^= st[sp]; break;
        case SHL: sp--; st[sp - 1] <<= st[sp]; break;
        case SHR: sp--; st[sp - 1] = (int64_t)((uint64_t)st[sp - 1] >> st[sp]); break;
        case ROT: { int64_t t = st[sp - 3]; st[sp - 3] = st[sp - 2]; st[sp - 2] = st[sp - 1]; st[sp - 1] = t; break; }
        case OVER: st[sp] = st[sp - 2]; sp++; break;
        case NOP0: case NOP1: case NOP2: case NOP3: case NOP4: break;
        case HALT: return st[sp - 1];
        default: return -1;
        }
    }
}

static int64_t run_goto(void) {
    static void *const labels[] = {&&l_push, &&l_add, &&l_sub, &&l_mul, &&l_divm, &&l_dup, &&l_swap, &&l_drop, &&l_jnz, &&l_dec,
        &&l_xor, &&l_shl, &&l_shr, &&l_rot, &&l_over, &&l_nop, &&l_nop, &&l_nop, &&l_nop, &&l_nop, &&l_halt};
    int64_t st[64]; int sp = 0; size_t pc = 0;
#define NEXT goto *labels[prog[pc++]]
    NEXT;
l_push: st[sp++] = prog[pc++]; NEXT;
l_add: sp--; st[sp - 1] += st[sp]; NEXT;
l_sub: sp--; st[sp - 1] -= st[sp]; NEXT;
l_mul: sp--; st[sp - 1] *= st[sp]; NEXT;
l_divm: sp--; st[sp - 1] %= st[sp]; NEXT;
l_dup: st[sp] = st[sp - 1]; sp++; NEXT;
l_swap: { int64_t t = st[sp - 1]; st[sp - 1] = st[sp - 2]; st[sp - 2] = t; } NEXT;
l_drop: sp--; NEXT;
l_jnz: { int64_t t = st[--sp]; if (t) pc = (size_t)prog[pc]; else pc++; } NEXT;
l_dec: st[sp - 1]--; NEXT;
l_xor: sp--; st[sp - 1] ^= st[sp]; NEXT;
l_shl: sp--; st[sp - 1] <<= st[sp]; NEXT;
l_shr: sp--; st[sp - 1] = (int64_t)((uint64_t)st[sp - 1] >> st[sp]); NEXT;
l_rot: { int64_t t = st[sp - 3]; st[sp - 3] = st[sp - 2]; st[sp - 2] = st[sp - 1]; st[sp - 1] = t; } NEXT;
l_over: st[sp] = st[sp - 2]; sp++; NEXT;
l_nop: NEXT;
l_halt: return st[sp - 1];
#undef NEXT
}

static const char *classify(int c) {
    switch (c) {
    case 0: return "zero"; case 1: return "one"; case 2: case 3: return "few"; case 4 ... 9: return "several";
    case 10: return "ten"; case 11: return "eleven"; case 12: return "dozen"; case 13: return "baker"; case 42: return "answer";
    case 100: return "hundred"; case 255: return "byte"; case 256: return "byte+1"; case 1000: return "thousand"; case -1: return "minus";
    default: return c < 0 ? "negative" : "other";
    }
}

int main(void) {
    int64_t a = run_switch(), b = run_goto();
    printf("switch %lld goto %lld same %d\n", (long long)a, (long long)b, a == b);
    for (int c = -3; c < 260; c += (c < 15 ? 1 : 41)) printf("%d:%s ", c, classify(c));
    printf("42:%s 1000:%s\n", classify(42), classify(1000));
    return 0;
}
