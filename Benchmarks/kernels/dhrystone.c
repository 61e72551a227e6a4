/* dhrystone: a Dhrystone-like mix written for this harness (not the original benchmark): record
 * copies through pointers, small string copies and compares, enum switches, array updates and
 * short non-inlined procedure calls, in the proportions of typical systems code. */
#include "bench.h"
#include <string.h>

enum ident { IDENT_1, IDENT_2, IDENT_3, IDENT_4, IDENT_5 };

struct record {
    struct record *next;
    enum ident discr;
    enum ident kind;
    int32_t int_comp;
    uint8_t str_comp[31];
};

static struct record glob_a, glob_b;
static struct record *glob_ptr;
static int32_t glob_int;
static uint8_t glob_char_1, glob_char_2;
static int32_t arr_1[50];
static int32_t arr_2[50][50];
static uint8_t str_1[31], str_2[31];

__attribute__((noinline)) static enum ident func_1(uint8_t c1, uint8_t c2) {
    uint8_t loc = c1;
    if (loc != c2) return IDENT_1;
    glob_char_1 = loc;
    return IDENT_2;
}

__attribute__((noinline)) static int func_2(const uint8_t *s1, const uint8_t *s2) {
    int i = 2;
    uint8_t c = 0;
    while (i <= 2)
        if (func_1(s1[i], s2[i + 1]) == IDENT_1) { c = 'A'; i++; }
    if (c >= 'W' && c < 'Z') i = 7;
    if (c == 'R') return 1;
    if (memcmp(s1, s2, 31) > 0) { glob_int = i + 7; return 1; }
    return 0;
}

__attribute__((noinline)) static int func_3(enum ident e) { return e == IDENT_3; }

__attribute__((noinline)) static void proc_7(int32_t a, int32_t b, int32_t *out) { *out = b + a + 2; }

__attribute__((noinline)) static void proc_6(enum ident in, enum ident *out) {
    *out = in;
    if (!func_3(in)) *out = IDENT_4;
    switch (in) {
    case IDENT_1: *out = IDENT_1; break;
    case IDENT_2: *out = glob_int > 100 ? IDENT_1 : IDENT_4; break;
    case IDENT_3: *out = IDENT_2; break;
    case IDENT_4: break;
    case IDENT_5: *out = IDENT_3; break;
    }
}

__attribute__((noinline)) static void proc_8(int32_t a1[50], int32_t a2[50][50], int32_t p1, int32_t p2) {
    int32_t loc = p1 + 5;
    a1[loc] = p2;
    a1[loc + 1] = a1[loc];
    a1[loc + 30] = loc;
    for (int32_t i = loc; i <= loc + 1; i++) a2[loc][i] = loc;
    a2[loc][loc - 1] += 1;
    a2[loc + 20][loc] = a1[loc];
    glob_int = 5;
}

__attribute__((noinline)) static void proc_3(struct record **out) {
    if (glob_ptr) *out = glob_ptr->next;
    proc_7(10, glob_int, &glob_ptr->int_comp);
}

__attribute__((noinline)) static void proc_1(struct record *p) {
    struct record *next = p->next;
    *next = *glob_ptr;
    p->int_comp = 5;
    next->int_comp = p->int_comp;
    next->next = p->next;
    proc_3(&next->next);
    if (next->discr == IDENT_1) {
        next->int_comp = 6;
        proc_6(p->kind, &next->kind);
        next->next = glob_ptr->next;
        proc_7(next->int_comp, 10, &next->int_comp);
    } else {
        *p = *p->next;
    }
}

int main(int argc, char **argv) {
    int scale = bench_scale(argc, argv);
    const long runs = 3000000L * scale;
    glob_ptr = &glob_a;
    glob_a.next = &glob_b;
    glob_a.discr = IDENT_1;
    glob_a.kind = IDENT_3;
    glob_a.int_comp = 40;
    memcpy(glob_a.str_comp, "DHRYSTONE PROGRAM, SOME STRING", 31);
    memcpy(str_1, "DHRYSTONE PROGRAM, 1'ST STRING", 31);
    arr_2[8][7] = 10;
    uint64_t sum = 0;
    for (long run = 1; run <= runs; run++) {
        int32_t i1 = 2, i2 = 3, i3;
        enum ident e = IDENT_2;
        memcpy(str_2, "DHRYSTONE PROGRAM, 2'ND STRING", 31);
        str_2[20] = (uint8_t)('A' + run % 26);
        int b = !func_2(str_1, str_2);
        while (i1 < i2) {
            i3 = 5 * i1 - i2;
            proc_7(i1, i2, &i3);
            i1++;
        }
        proc_8(arr_1, arr_2, i1, i3);
        proc_1(glob_ptr);
        for (uint8_t c = 'A'; c <= glob_char_2; c++)
            if (e == func_1(c, 'C')) proc_6(IDENT_1, &e);
        glob_char_2 = (uint8_t)('A' + run % 3);
        i2 = i2 * i1;
        i1 = i2 / i3;
        i2 = 7 * (i2 - i3) - i1;
        if ((run & 1023) == 0)
            sum = bench_mix(sum, (uint64_t)(uint32_t)i1 << 32 | (uint32_t)(i2 + glob_a.int_comp + b + e));
    }
    sum = bench_mix(sum, (uint64_t)(uint32_t)arr_2[8][7] << 32 | (uint32_t)glob_int);
    bench_report("dhrystone", sum);
    return 0;
}
