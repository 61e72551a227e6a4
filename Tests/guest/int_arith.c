// Integer arithmetic: C-defined division/modulo corner cases, 64/32-bit mixing, wraparound,
// overflow builtins, and the RISC-V M-extension results for division by zero and overflow
// (the native build computes the architecture-defined values in C, so it stays a valid oracle).
#include <stdint.h>
#include <stdio.h>
#include <inttypes.h>

static volatile int64_t vals64[] = {0, 1, -1, 2, -2, 3, -3, 7, -7, 1000000007, -1000000007,
    INT64_MAX, INT64_MIN, INT64_MAX - 1, INT64_MIN + 1, 0x123456789abcdefLL, (int64_t)0xfedcba9876543210ULL,
    INT32_MAX, INT32_MIN, (int64_t)UINT32_MAX, 0x80000000LL, 0x7fffffffLL + 1};
#define N64 (sizeof vals64 / sizeof vals64[0])

/* RISC-V division semantics (Unprivileged ISA, "Division Operations"): x/0 = -1 (all ones),
   x%0 = x, INT_MIN/-1 = INT_MIN, INT_MIN%-1 = 0. W forms operate on 32 bits and sign-extend. */
#if defined(__riscv)
static int64_t rv_div(int64_t a, int64_t b) { int64_t r; __asm__("div %0,%1,%2" : "=r"(r) : "r"(a), "r"(b)); return r; }
static int64_t rv_rem(int64_t a, int64_t b) { int64_t r; __asm__("rem %0,%1,%2" : "=r"(r) : "r"(a), "r"(b)); return r; }
static uint64_t rv_divu(uint64_t a, uint64_t b) { uint64_t r; __asm__("divu %0,%1,%2" : "=r"(r) : "r"(a), "r"(b)); return r; }
static uint64_t rv_remu(uint64_t a, uint64_t b) { uint64_t r; __asm__("remu %0,%1,%2" : "=r"(r) : "r"(a), "r"(b)); return r; }
static int64_t rv_divw(int64_t a, int64_t b) { int64_t r; __asm__("divw %0,%1,%2" : "=r"(r) : "r"(a), "r"(b)); return r; }
static int64_t rv_remw(int64_t a, int64_t b) { int64_t r; __asm__("remw %0,%1,%2" : "=r"(r) : "r"(a), "r"(b)); return r; }
static int64_t rv_divuw(int64_t a, int64_t b) { int64_t r; __asm__("divuw %0,%1,%2" : "=r"(r) : "r"(a), "r"(b)); return r; }
static int64_t rv_remuw(int64_t a, int64_t b) { int64_t r; __asm__("remuw %0,%1,%2" : "=r"(r) : "r"(a), "r"(b)); return r; }
static int64_t rv_mulh(int64_t a, int64_t b) { int64_t r; __asm__("mulh %0,%1,%2" : "=r"(r) : "r"(a), "r"(b)); return r; }
static int64_t rv_mulhu(int64_t a, int64_t b) { int64_t r; __asm__("mulhu %0,%1,%2" : "=r"(r) : "r"(a), "r"(b)); return r; }
static int64_t rv_mulhsu(int64_t a, int64_t b) { int64_t r; __asm__("mulhsu %0,%1,%2" : "=r"(r) : "r"(a), "r"(b)); return r; }
static int64_t rv_mulw(int64_t a, int64_t b) { int64_t r; __asm__("mulw %0,%1,%2" : "=r"(r) : "r"(a), "r"(b)); return r; }
#else
static int64_t rv_div(int64_t a, int64_t b) { if (b == 0) return -1; if (a == INT64_MIN && b == -1) return a; return a / b; }
static int64_t rv_rem(int64_t a, int64_t b) { if (b == 0) return a; if (a == INT64_MIN && b == -1) return 0; return a % b; }
static uint64_t rv_divu(uint64_t a, uint64_t b) { return b == 0 ? UINT64_MAX : a / b; }
static uint64_t rv_remu(uint64_t a, uint64_t b) { return b == 0 ? a : a % b; }
static int64_t rv_divw(int64_t a, int64_t b) { int32_t x = (int32_t)a, y = (int32_t)b;
    if (y == 0) { return -1; }
    if (x == INT32_MIN && y == -1) { return x; }
    return (int32_t)(x / y); }
static int64_t rv_remw(int64_t a, int64_t b) { int32_t x = (int32_t)a, y = (int32_t)b;
    if (y == 0) { return x; }
    if (x == INT32_MIN && y == -1) { return 0; }
    return (int32_t)(x % y); }
static int64_t rv_divuw(int64_t a, int64_t b) { uint32_t x = (uint32_t)a, y = (uint32_t)b;
    return (int32_t)(y == 0 ? UINT32_MAX : x / y); }
static int64_t rv_remuw(int64_t a, int64_t b) { uint32_t x = (uint32_t)a, y = (uint32_t)b;
    return (int32_t)(y == 0 ? x : x % y); }
static int64_t rv_mulh(int64_t a, int64_t b) { return (int64_t)(((__int128)a * b) >> 64); }
static int64_t rv_mulhu(int64_t a, int64_t b) { return (int64_t)(((unsigned __int128)(uint64_t)a * (uint64_t)b) >> 64); }
static int64_t rv_mulhsu(int64_t a, int64_t b) { return (int64_t)(((__int128)a * (__int128)(unsigned __int128)(uint64_t)b) >> 64); }
static int64_t rv_mulw(int64_t a, int64_t b) { return (int32_t)((uint32_t)a * (uint32_t)b); }
#endif

int main(void) {
    uint64_t h = 0;
    for (unsigned i = 0; i < N64; i++) {
        for (unsigned j = 0; j < N64; j++) {
            int64_t a = vals64[i], b = vals64[j];
            int64_t r[12] = { rv_div(a, b), rv_rem(a, b), (int64_t)rv_divu(a, b), (int64_t)rv_remu(a, b),
                rv_divw(a, b), rv_remw(a, b), rv_divuw(a, b), rv_remuw(a, b),
                rv_mulh(a, b), rv_mulhu(a, b), rv_mulhsu(a, b), rv_mulw(a, b) };
            if (i % 5 == 0 && j % 3 == 0)
                printf("%" PRId64 " %" PRId64 ": %" PRId64 " %" PRId64 " %" PRIu64 " %" PRIu64 " | %" PRId64 " %" PRId64
                       " %" PRId64 " %" PRId64 " | %" PRIx64 " %" PRIx64 " %" PRIx64 " %" PRIx64 "\n",
                       a, b, r[0], r[1], (uint64_t)r[2], (uint64_t)r[3], r[4], r[5], r[6], r[7],
                       (uint64_t)r[8], (uint64_t)r[9], (uint64_t)r[10], (uint64_t)r[11]);
            for (int k = 0; k < 12; k++) h = (h ^ (uint64_t)r[k]) * 0x100000001b3ULL;
        }
    }
    printf("hash %016" PRIx64 "\n", h);

    /* C semantics: truncation toward zero, sign of remainder follows dividend. */
    for (int a = -9; a <= 9; a += 3)
        for (int b = -4; b <= 4; b++)
            if (b) printf("%d/%d=%d %d%%%d=%d  ", a, b, a / b, a, b, a % b);
    printf("\n");

    /* 64/32-bit mixing, sign and zero extension. */
    volatile int32_t s32 = -5; volatile uint32_t u32 = 0xfffffffbu;
    volatile int64_t s64 = s32; volatile uint64_t z64 = u32;
    printf("ext %" PRId64 " %" PRIu64 " %" PRId64 " %u\n", s64, z64, (int64_t)(int32_t)u32, (uint32_t)s64);
    volatile uint32_t a32 = 0xffffffffu, b32 = 2;
    printf("wrap32 %u %u %u\n", a32 + b32, a32 * b32, b32 - a32);
    volatile int64_t big = 0x1234567890LL;
    printf("trunc %d %u %hd %hhu\n", (int32_t)big, (uint32_t)big, (short)big, (unsigned char)big);
    printf("mix %" PRId64 " %" PRIu64 "\n", (int64_t)s32 * (int64_t)u32, (uint64_t)u32 * u32);
    volatile int sh = 31;
    printf("shifts %x %x %d %" PRIx64 " %" PRIx64 "\n", 1u << sh, 0x80000000u >> sh, -8 >> 1,
           (uint64_t)1 << (sh + 32), (uint64_t)(INT64_MIN >> (sh + 1)));
    /* 32-bit ops whose results must be sign-extended on RV64 (addw, subw, sllw, srlw, sraw). */
    volatile int32_t x = 0x7fffffff, y = 1;
    int32_t sum = (int32_t)((uint32_t)x + (uint32_t)y);
    printf("addw %d subw %d sllw %d srlw %u sraw %d\n", sum, (int32_t)((uint32_t)-x - 2u),
           (int32_t)((uint32_t)x << 4), (uint32_t)sum >> 3, sum >> 3);

    /* Overflow-checking builtins. */
    int64_t o1, o2; int32_t o3, o4;
    int f1 = __builtin_add_overflow(INT64_MAX, (int64_t)y, &o1);
    int f2 = __builtin_mul_overflow((int64_t)x, (int64_t)x, &o2);
    int f3 = __builtin_sub_overflow(INT32_MIN, y, &o3);
    int f4 = __builtin_mul_overflow(x, 2, &o4);
    printf("ovf %d %d %d %d %" PRId64 " %" PRId64 " %d %d\n", f1, f2, f3, f4, o1, o2, o3, o4);

    /* Comparisons signed vs unsigned (slt/sltu). */
    volatile int64_t m1 = -1; volatile uint64_t um1 = (uint64_t)-1;
    printf("cmp %d %d %d %d\n", m1 < 0, um1 > 0, (int64_t)um1 < 1, (uint64_t)m1 < 1);
    /* Collatz steps for a range (loops, branches). */
    uint64_t total = 0;
    for (uint64_t n = 1; n < 3000; n++) { uint64_t c = n; while (c != 1) { c = (c & 1) ? 3 * c + 1 : c / 2; total++; } }
    printf("collatz %" PRIu64 "\n", total);
    return 0;
}
