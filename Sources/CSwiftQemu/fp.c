// IEEE 754 helpers of the IR interpreter, with RISC-V F/D semantics for rounding and flags.
//
// Why C: each operation must run under a chosen host rounding mode and report the host exception
// flags. Every SSE/x87 instruction that depends on the environment sits in the same `asm
// volatile` block as the MXCSR (or x87 control word) write and the status read, so neither the
// C nor the Swift compiler can fold it, move it or reorder it across the mode switch.
// The host MXCSR control bits (rounding, masks, DAZ/FTZ) are restored after each operation;
// DAZ and FTZ are always off while an operation runs.
//
// RMM (round to nearest, ties to max magnitude) has no SSE mode. It is computed by rounding to
// odd in a format at least two bits wider (binary64 for binary32 ops, the x87 64-bit significand
// for binary64 ops, a 128-bit integer for fused multiply-add) followed by one exact software
// rounding step (round_pack), which also derives OF/UF/NX. See docs/floating-point.md.
#include "include/sq_fp.h"
#include <string.h>
#include <cpuid.h>

typedef unsigned __int128 u128;

// ---------------------------------------------------------------------------------------------
// Host environment
// ---------------------------------------------------------------------------------------------

/// MXCSR with all exceptions masked, flags clear, DAZ/FTZ off, and the rounding control for a
/// RISC-V mode (MXCSR RC: 0 nearest, 1 down, 2 up, 3 toward zero). RMM maps to nearest: callers
/// only use that for results where ties cannot matter.
static const uint32_t mxcsr_for_rm[8] = {
    0x1f80u, 0x1f80u | (3u << 13), 0x1f80u | (1u << 13), 0x1f80u | (2u << 13),
    0x1f80u, 0x1f80u, 0x1f80u, 0x1f80u,
};

/// Host MXCSR status bits (IE 0, DE 1, ZE 2, OE 3, UE 4, PE 5) -> RISC-V flags; DE is dropped.
static inline uint32_t flags_from_mxcsr(uint32_t st) {
    return ((st & 1u) << 4) | ((st & 4u) << 1) | ((st & 8u) >> 1) | ((st & 16u) >> 3) | ((st & 32u) >> 5);
}

uint32_t sq_fp_host_mxcsr(void) {
    uint32_t v;
    __asm__ volatile("stmxcsr %0" : "=m"(v));
    return v;
}

#define FLAGS_OF_STATUS(s) ((((s) & 1u) << 4) | (((s) & 4u) << 1) | (((s) & 8u) >> 1) | (((s) & 16u) >> 3) | (((s) & 32u) >> 5))
#define FLAGS_4(s) FLAGS_OF_STATUS(s), FLAGS_OF_STATUS((s) + 1), FLAGS_OF_STATUS((s) + 2), FLAGS_OF_STATUS((s) + 3)
#define FLAGS_16(s) FLAGS_4(s), FLAGS_4((s) + 4), FLAGS_4((s) + 8), FLAGS_4((s) + 12)
/// flags_from_mxcsr for each value of the six status bits (translated code indexes it).
static const uint8_t host_flag_table[64] = {FLAGS_16(0), FLAGS_16(16), FLAGS_16(32), FLAGS_16(48)};

const uint8_t *sq_fp_host_flag_table(void) { return host_flag_table; }

void sq_fp_fold_host_flags(uint64_t *fflags) {
    uint32_t v;
    __asm__ volatile("stmxcsr %0" : "=m"(v));
    if ((v & 0x3fu) == 0) return;
    *fflags |= host_flag_table[v & 0x3fu];
    v &= ~0x3fu;
    __asm__ volatile("ldmxcsr %0" : : "m"(v) : "memory");
}

void sq_fp_clear_host_flags(void) {
    uint32_t v;
    __asm__ volatile("stmxcsr %0" : "=m"(v));
    if ((v & 0x3fu) == 0) return;
    v &= ~0x3fu;
    __asm__ volatile("ldmxcsr %0" : : "m"(v) : "memory");
}

static inline double d_from(uint64_t x) { double d; memcpy(&d, &x, 8); return d; }
static inline uint64_t d_bits(double d) { uint64_t x; memcpy(&x, &d, 8); return x; }
static inline float f_from(uint32_t x) { float f; memcpy(&f, &x, 4); return f; }
static inline uint32_t f_bits(float f) { uint32_t x; memcpy(&x, &f, 4); return x; }

static inline int is_nan64(uint64_t x) { return (x & 0x7fffffffffffffffull) > 0x7ff0000000000000ull; }
static inline int is_nan32(uint32_t x) { return (x & 0x7fffffffu) > 0x7f800000u; }
static inline int is_snan64(uint64_t x) { return is_nan64(x) && !(x & 0x0008000000000000ull); }
static inline int is_snan32(uint32_t x) { return is_nan32(x) && !(x & 0x00400000u); }

/// Puts the host MXCSR control bits back after an operation. Only the status bits (0-5) may
/// differ afterwards: they then hold the last operation's flags, which nothing else reads.
/// Skipping the reload when the control bits already match (RNE on a default host) saves one
/// LDMXCSR, the expensive part of an operation.
#define MXCSR_RESTORE(old, csr)                                                                \
    do {                                                                                       \
        if (((old) ^ (csr)) & ~0x3fu) __asm__ volatile("ldmxcsr %0" : : "m"(old) : "memory");  \
    } while (0)

// Run one SSE instruction `insn src, dst` under MXCSR `csr`; `st` receives the status afterwards.
#define SSE2(insn, dst, src, csr, st)                                                          \
    do {                                                                                       \
        uint32_t old_;                                                                         \
        __asm__ volatile("stmxcsr %[old]\n\tldmxcsr %[new]\n\t" insn " %[s], %[d]\n\t"         \
                         "stmxcsr %[stat]"                                                     \
                         : [d] "+x"(dst), [old] "=m"(old_), [stat] "=m"(st)                    \
                         : [s] "x"(src), [new] "m"(csr)                                        \
                         : "memory");                                                          \
        MXCSR_RESTORE(old_, csr);                                                              \
    } while (0)

// Run `vfmadd231 b, a, c` (c = a * b + c, one rounding) under MXCSR `csr`.
#define FMA3(insn, c, a, b, csr, st)                                                           \
    do {                                                                                       \
        uint32_t old_;                                                                         \
        __asm__ volatile("stmxcsr %[old]\n\tldmxcsr %[new]\n\t" insn " %[bb], %[aa], %[cc]\n\t" \
                         "stmxcsr %[stat]"                                                     \
                         : [cc] "+x"(c), [old] "=m"(old_), [stat] "=m"(st)                     \
                         : [aa] "x"(a), [bb] "x"(b), [new] "m"(csr)                            \
                         : "memory");                                                          \
        MXCSR_RESTORE(old_, csr);                                                              \
    } while (0)

// ---------------------------------------------------------------------------------------------
// Software rounding
// ---------------------------------------------------------------------------------------------

static inline int clz64(uint64_t x) { return __builtin_clzll(x); }
static inline int clz128(u128 x) {
    uint64_t hi = (uint64_t)(x >> 64);
    return hi ? clz64(hi) : 64 + clz64((uint64_t)x);
}

/// sig / 2^shift rounded to an integer in mode rm (shift >= 1); *inexact is set when bits were lost.
static inline uint64_t shift_round(uint64_t sig, int shift, int sign, uint32_t rm, int *inexact) {
    uint64_t k;
    int guard, sticky;
    if (shift > 64) {
        k = 0; guard = 0; sticky = sig != 0;
    } else if (shift == 64) {
        k = 0; guard = (int)(sig >> 63); sticky = (sig << 1) != 0;
    } else {
        k = sig >> shift;
        guard = (int)((sig >> (shift - 1)) & 1);
        sticky = (sig & ((1ull << (shift - 1)) - 1)) != 0;
    }
    int up;
    switch (rm) {
    case SQ_FP_RNE: up = guard && (sticky || (k & 1)); break;
    case SQ_FP_RDN: up = sign && (guard || sticky); break;
    case SQ_FP_RUP: up = !sign && (guard || sticky); break;
    case SQ_FP_RMM: up = guard; break;
    default: up = 0; break; // RTZ
    }
    *inexact = guard || sticky;
    return k + (uint64_t)up;
}

/// Round (-1)^sign * sig * 2^exp (sig != 0; bits beyond the target precision either exact or
/// rounded to odd with at least two spare bits) to binary32 (is64 = 0) or binary64 (is64 = 1)
/// in mode rm. Raises OF/UF/NX into *fl; tininess is detected after rounding.
static uint64_t round_pack(int is64, int sign, int exp, uint64_t sig, uint32_t rm, uint32_t *fl) {
    const int p = is64 ? 53 : 24, emax = is64 ? 1023 : 127, emin = 1 - emax;
    const uint64_t sign_bit = (uint64_t)sign << (is64 ? 63 : 31);
    const uint64_t inf = (uint64_t)(2 * emax + 1) << (p - 1);
    int lz = clz64(sig);
    sig <<= lz;
    exp -= lz;
    const int e = exp + 63; // value in [2^e, 2^(e+1))
    int inexact;
    uint64_t k = shift_round(sig, 64 - p, sign, rm, &inexact); // unbounded exponent
    const int e_rounded = e + (int)(k >> p);
    if (e >= emin) {
        if (e_rounded > emax) {
            *fl |= SQ_FP_OF | SQ_FP_NX;
            int to_inf = rm == SQ_FP_RNE || rm == SQ_FP_RMM || (rm == SQ_FP_RDN && sign) ||
                         (rm == SQ_FP_RUP && !sign);
            return sign_bit | (to_inf ? inf : inf - 1);
        }
        if (inexact) *fl |= SQ_FP_NX;
        // k carries the hidden bit (and a rounding carry) into the exponent field.
        return sign_bit | ((((uint64_t)(e + emax - 1)) << (p - 1)) + k);
    }
    const int tiny = e_rounded < emin;
    int sub_inexact;
    // Units of the subnormal grid are 2^(emin - p + 1).
    k = shift_round(sig, (emin - p + 1) - exp, sign, rm, &sub_inexact);
    if (sub_inexact) {
        *fl |= SQ_FP_NX;
        if (tiny) *fl |= SQ_FP_UF;
    }
    return sign_bit | k; // k == 2^(p-1) encodes the smallest normal
}

/// Splits finite nonzero-or-zero bits into sign, sig and exp with value sig * 2^exp.
static inline void unpack64(uint64_t x, int *sign, int *exp, uint64_t *sig) {
    int ef = (int)((x >> 52) & 0x7ff);
    uint64_t f = x & 0x000fffffffffffffull;
    *sign = (int)(x >> 63);
    if (ef == 0) { *sig = f; *exp = -1074; } else { *sig = f | (1ull << 52); *exp = ef - 1075; }
}

static inline void unpack32(uint32_t x, int *sign, int *exp, uint64_t *sig) {
    int ef = (int)((x >> 23) & 0xff);
    uint64_t f = x & 0x007fffffu;
    *sign = (int)(x >> 31);
    if (ef == 0) { *sig = f; *exp = -149; } else { *sig = f | (1ull << 23); *exp = ef - 150; }
}

static inline sq_fp_result res(uint64_t bits, uint32_t flags) {
    sq_fp_result r = {bits, flags};
    return r;
}

// ---------------------------------------------------------------------------------------------
// Hardware arithmetic (RNE, RTZ, RDN, RUP)
// ---------------------------------------------------------------------------------------------

#define HW_BINOP32(name, insn)                                                                 \
    static inline sq_fp_result name(uint32_t a, uint32_t b, uint32_t rm) {                     \
        float x = f_from(a), y = f_from(b);                                                    \
        uint32_t st, csr = mxcsr_for_rm[rm & 7];                                               \
        SSE2(insn, x, y, csr, st);                                                             \
        return res(f_bits(x), flags_from_mxcsr(st));                                           \
    }
#define HW_BINOP64(name, insn)                                                                 \
    static inline sq_fp_result name(uint64_t a, uint64_t b, uint32_t rm) {                     \
        double x = d_from(a), y = d_from(b);                                                   \
        uint32_t st, csr = mxcsr_for_rm[rm & 7];                                               \
        SSE2(insn, x, y, csr, st);                                                             \
        return res(d_bits(x), flags_from_mxcsr(st));                                           \
    }
HW_BINOP32(hw_add32, "addss")
HW_BINOP32(hw_sub32, "subss")
HW_BINOP32(hw_mul32, "mulss")
HW_BINOP32(hw_div32, "divss")
HW_BINOP32(hw_sqrt32_, "sqrtss")
HW_BINOP64(hw_add64, "addsd")
HW_BINOP64(hw_sub64, "subsd")
HW_BINOP64(hw_mul64, "mulsd")
HW_BINOP64(hw_div64, "divsd")
HW_BINOP64(hw_sqrt64_, "sqrtsd")

// sqrtss src, dst computes dst = sqrt(src): pass a as the source.
static inline sq_fp_result hw_sqrt32(uint32_t a, uint32_t unused, uint32_t rm) {
    (void)unused;
    return hw_sqrt32_(0, a, rm);
}
static inline sq_fp_result hw_sqrt64(uint64_t a, uint64_t unused, uint32_t rm) {
    (void)unused;
    return hw_sqrt64_(0, a, rm);
}

static inline sq_fp_result hw_arith32(uint32_t op, uint32_t a, uint32_t b, uint32_t rm) {
    switch (op) {
    case SQ_FP_ADD: return hw_add32(a, b, rm);
    case SQ_FP_SUB: return hw_sub32(a, b, rm);
    case SQ_FP_MUL: return hw_mul32(a, b, rm);
    case SQ_FP_DIV: return hw_div32(a, b, rm);
    default: return hw_sqrt32(a, b, rm);
    }
}

static inline sq_fp_result hw_arith64(uint32_t op, uint64_t a, uint64_t b, uint32_t rm) {
    switch (op) {
    case SQ_FP_ADD: return hw_add64(a, b, rm);
    case SQ_FP_SUB: return hw_sub64(a, b, rm);
    case SQ_FP_MUL: return hw_mul64(a, b, rm);
    case SQ_FP_DIV: return hw_div64(a, b, rm);
    default: return hw_sqrt64(a, b, rm);
    }
}

// ---------------------------------------------------------------------------------------------
// Reference (wide round-to-odd) arithmetic: RMM, and a cross-check for the tests
// ---------------------------------------------------------------------------------------------

sq_fp_result sq_fp_ref_arith32(uint32_t op, uint32_t a, uint32_t b, uint32_t rm) {
    // Specials, exact results and overflow-to-infinity are the same under RNE and RMM.
    sq_fp_result h = hw_arith32(op, a, b, rm == SQ_FP_RMM ? SQ_FP_RNE : rm);
    if (!(h.flags & SQ_FP_NX) || ((uint32_t)h.bits & 0x7f800000u) == 0x7f800000u) return h;
    // Finite inexact: the exact result of a binary32 op is within binary64's normal range, so
    // binary64 round-toward-zero plus the inexact bit (round to odd, 53 >= 24 + 2) carries
    // everything the final rounding needs.
    double x = (double)f_from(a), y = (double)f_from(b);
    uint32_t st, csr = mxcsr_for_rm[SQ_FP_RTZ];
    switch (op) {
    case SQ_FP_ADD: SSE2("addsd", x, y, csr, st); break;
    case SQ_FP_SUB: SSE2("subsd", x, y, csr, st); break;
    case SQ_FP_MUL: SSE2("mulsd", x, y, csr, st); break;
    case SQ_FP_DIV: SSE2("divsd", x, y, csr, st); break;
    default: y = x; SSE2("sqrtsd", x, y, csr, st); break;
    }
    int sign, exp;
    uint64_t sig;
    unpack64(d_bits(x), &sign, &exp, &sig);
    sig |= (st >> 5) & 1; // round to odd
    uint32_t fl = 0;
    uint64_t bits = round_pack(0, sign, exp, sig, rm, &fl);
    return res(bits, fl);
}

/// op on a and b in the x87 unit: 64-bit significand, round toward zero. Returns the 80-bit
/// result split into sign, exponent and significand, with the inexact bit ORed into it.
static void x87_odd(uint32_t op, uint64_t a, uint64_t b, int *sign, int *exp, uint64_t *sig) {
    double x = d_from(a), y = d_from(b);
    unsigned char r[10];
    uint16_t old, sw, cw = 0x0f7f; // all masked, 64-bit precision, round toward zero
#define X87(body)                                                                              \
    __asm__ volatile("fnstcw %[old]\n\tfldcw %[cw]\n\tfnclex\n\tfldl %[x]\n\t" body            \
                     "\n\tfstpt %[r]\n\tfnstsw %[sw]\n\tfldcw %[old]"                          \
                     : [r] "=m"(r), [sw] "=m"(sw), [old] "+m"(old)                             \
                     : [x] "m"(x), [y] "m"(y), [cw] "m"(cw)                                    \
                     : "memory", "st")
    switch (op) {
    case SQ_FP_ADD: X87("faddl %[y]"); break;
    case SQ_FP_SUB: X87("fsubl %[y]"); break;
    case SQ_FP_MUL: X87("fmull %[y]"); break;
    case SQ_FP_DIV: X87("fdivl %[y]"); break;
    default: X87("fsqrt"); break;
    }
#undef X87
    uint64_t mant;
    uint16_t se;
    memcpy(&mant, r, 8);
    memcpy(&se, r + 8, 2);
    *sign = se >> 15;
    *exp = (int)(se & 0x7fff) - 16383 - 63;
    *sig = mant | ((sw >> 5) & 1); // PE: round to odd (64 >= 53 + 2)
}

sq_fp_result sq_fp_ref_arith64(uint32_t op, uint64_t a, uint64_t b, uint32_t rm) {
    sq_fp_result h = hw_arith64(op, a, b, rm == SQ_FP_RMM ? SQ_FP_RNE : rm);
    if (!(h.flags & SQ_FP_NX) || (h.bits & 0x7ff0000000000000ull) == 0x7ff0000000000000ull) return h;
    int sign, exp;
    uint64_t sig;
    x87_odd(op, a, b, &sign, &exp, &sig);
    uint32_t fl = 0;
    uint64_t bits = round_pack(1, sign, exp, sig, rm, &fl);
    return res(bits, fl);
}

sq_fp_result sq_fp_add32(uint32_t a, uint32_t b, uint32_t rm) {
    return rm == SQ_FP_RMM ? sq_fp_ref_arith32(SQ_FP_ADD, a, b, rm) : hw_add32(a, b, rm);
}
sq_fp_result sq_fp_sub32(uint32_t a, uint32_t b, uint32_t rm) {
    return rm == SQ_FP_RMM ? sq_fp_ref_arith32(SQ_FP_SUB, a, b, rm) : hw_sub32(a, b, rm);
}
sq_fp_result sq_fp_mul32(uint32_t a, uint32_t b, uint32_t rm) {
    return rm == SQ_FP_RMM ? sq_fp_ref_arith32(SQ_FP_MUL, a, b, rm) : hw_mul32(a, b, rm);
}
sq_fp_result sq_fp_div32(uint32_t a, uint32_t b, uint32_t rm) {
    return rm == SQ_FP_RMM ? sq_fp_ref_arith32(SQ_FP_DIV, a, b, rm) : hw_div32(a, b, rm);
}
sq_fp_result sq_fp_sqrt32(uint32_t a, uint32_t rm) {
    return rm == SQ_FP_RMM ? sq_fp_ref_arith32(SQ_FP_SQRT, a, 0, rm) : hw_sqrt32(a, 0, rm);
}
sq_fp_result sq_fp_add64(uint64_t a, uint64_t b, uint32_t rm) {
    return rm == SQ_FP_RMM ? sq_fp_ref_arith64(SQ_FP_ADD, a, b, rm) : hw_add64(a, b, rm);
}
sq_fp_result sq_fp_sub64(uint64_t a, uint64_t b, uint32_t rm) {
    return rm == SQ_FP_RMM ? sq_fp_ref_arith64(SQ_FP_SUB, a, b, rm) : hw_sub64(a, b, rm);
}
sq_fp_result sq_fp_mul64(uint64_t a, uint64_t b, uint32_t rm) {
    return rm == SQ_FP_RMM ? sq_fp_ref_arith64(SQ_FP_MUL, a, b, rm) : hw_mul64(a, b, rm);
}
sq_fp_result sq_fp_div64(uint64_t a, uint64_t b, uint32_t rm) {
    return rm == SQ_FP_RMM ? sq_fp_ref_arith64(SQ_FP_DIV, a, b, rm) : hw_div64(a, b, rm);
}
sq_fp_result sq_fp_sqrt64(uint64_t a, uint32_t rm) {
    return rm == SQ_FP_RMM ? sq_fp_ref_arith64(SQ_FP_SQRT, a, 0, rm) : hw_sqrt64(a, 0, rm);
}

// ---------------------------------------------------------------------------------------------
// Fused multiply-add
// ---------------------------------------------------------------------------------------------

static int host_fma = -1; // -1 unknown, 0 no, 1 yes (benign race: every thread computes the same)

int sq_fp_host_has_fma(void) {
    int v = __atomic_load_n(&host_fma, __ATOMIC_RELAXED);
    if (v >= 0) return v;
    unsigned eax, ebx, ecx, edx;
    v = 0;
    if (__get_cpuid(1, &eax, &ebx, &ecx, &edx)) {
        const unsigned fma = 1u << 12, osxsave = 1u << 27, avx = 1u << 28;
        if ((ecx & (fma | osxsave | avx)) == (fma | osxsave | avx)) {
            uint32_t lo, hi;
            __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
            v = (lo & 6u) == 6u; // the OS saves XMM and YMM state
        }
    }
    __atomic_store_n(&host_fma, v, __ATOMIC_RELAXED);
    return v;
}

static inline u128 shift_right_jam128(u128 x, int d) {
    if (d == 0) return x;
    if (d >= 128) return x != 0;
    return (x >> d) | ((x << (128 - d)) != 0);
}

/// Software a * b + c, one rounding, binary32 (is64 = 0) or binary64 (is64 = 1), any mode.
static sq_fp_result soft_fma(int is64, uint64_t a, uint64_t b, uint64_t c, uint32_t rm) {
    const int w = is64 ? 64 : 32;
    const uint64_t sign_mask = 1ull << (w - 1);
    const uint64_t exp_mask = is64 ? 0x7ff0000000000000ull : 0x7f800000ull;
    const uint64_t frac_mask = is64 ? 0x000fffffffffffffull : 0x007fffffull;
    const uint64_t quiet = is64 ? 0x0008000000000000ull : 0x00400000ull;
    const uint64_t default_nan = sign_mask | exp_mask | quiet; // x86 "indefinite"
#define ISNAN(x) (((x) & exp_mask) == exp_mask && ((x) & frac_mask))
#define ISINF(x) (((x) & ~sign_mask) == exp_mask)
#define ISZERO(x) (((x) & ~sign_mask) == 0)
    uint32_t fl = 0;
    const int sa = (int)(a >> (w - 1)), sb = (int)(b >> (w - 1)), sc = (int)(c >> (w - 1));
    const int sp = sa ^ sb;
    if (ISNAN(a) || ISNAN(b) || ISNAN(c)) {
        if ((ISNAN(a) && !(a & quiet)) || (ISNAN(b) && !(b & quiet)) || (ISNAN(c) && !(c & quiet)))
            fl |= SQ_FP_NV;
        if ((ISINF(a) && ISZERO(b)) || (ISZERO(a) && ISINF(b))) fl |= SQ_FP_NV;
        uint64_t n = ISNAN(a) ? a : ISNAN(b) ? b : c;
        return res(n | quiet, fl);
    }
    if ((ISINF(a) && ISZERO(b)) || (ISZERO(a) && ISINF(b))) return res(default_nan, SQ_FP_NV);
    if (ISINF(a) || ISINF(b)) {
        if (ISINF(c) && sc != sp) return res(default_nan, SQ_FP_NV);
        return res(((uint64_t)sp << (w - 1)) | exp_mask, 0);
    }
    if (ISINF(c)) return res(c, 0);
    if (ISZERO(a) || ISZERO(b)) {
        if (!ISZERO(c)) return res(c, 0);
        int s = sp == sc ? sc : rm == SQ_FP_RDN;
        return res((uint64_t)s << (w - 1), 0);
    }
    int ea, eb, ec, xs;
    uint64_t ma, mb, mc;
    if (is64) { unpack64(a, &xs, &ea, &ma); unpack64(b, &xs, &eb, &mb); unpack64(c, &xs, &ec, &mc); }
    else { unpack32((uint32_t)a, &xs, &ea, &ma); unpack32((uint32_t)b, &xs, &eb, &mb); unpack32((uint32_t)c, &xs, &ec, &mc); }
    // Exact product, normalized so its top bit is bit 125 (two bits of headroom for the sum).
    u128 p = (u128)ma * mb;
    int sh = 125 - (127 - clz128(p));
    p <<= sh;
    int e = ea + eb - sh;
    int sign = sp;
    u128 r = p;
    if (!ISZERO(c)) {
        int shc = 125 - (63 - clz64(mc));
        u128 q = (u128)mc << shc;
        int eq = ec - shc;
        if (e >= eq) q = shift_right_jam128(q, e - eq > 200 ? 200 : e - eq);
        else { p = shift_right_jam128(p, eq - e > 200 ? 200 : eq - e); e = eq; }
        if (sp == sc) {
            r = p + q;
        } else if (p >= q) {
            r = p - q;
        } else {
            r = q - p;
            sign = sc;
        }
        if (r == 0) return res((uint64_t)(rm == SQ_FP_RDN) << (w - 1), 0); // exact cancellation
    }
    int lz = clz128(r);
    r <<= lz;
    e -= lz;
    uint64_t sig = (uint64_t)(r >> 64) | ((uint64_t)r != 0);
    uint64_t bits = round_pack(is64, sign, e + 64, sig, rm, &fl);
    return res(bits, fl);
#undef ISNAN
#undef ISINF
#undef ISZERO
}

sq_fp_result sq_fp_ref_fma32(uint32_t a, uint32_t b, uint32_t c, uint32_t rm) {
    return soft_fma(0, a, b, c, rm);
}

sq_fp_result sq_fp_ref_fma64(uint64_t a, uint64_t b, uint64_t c, uint32_t rm) {
    return soft_fma(1, a, b, c, rm);
}

sq_fp_result sq_fp_fma32(uint32_t a, uint32_t b, uint32_t c, uint32_t rm) {
    if (rm == SQ_FP_RMM || !sq_fp_host_has_fma()) return soft_fma(0, a, b, c, rm);
    float x = f_from(a), y = f_from(b), z = f_from(c);
    uint32_t st, csr = mxcsr_for_rm[rm & 7];
    FMA3("vfmadd231ss", z, x, y, csr, st);
    uint32_t fl = flags_from_mxcsr(st);
    // RISC-V: inf * 0 is invalid even when c is a quiet NaN.
    uint32_t ma = a & 0x7fffffffu, mb = b & 0x7fffffffu;
    if ((ma == 0x7f800000u && mb == 0) || (ma == 0 && mb == 0x7f800000u)) fl |= SQ_FP_NV;
    return res(f_bits(z), fl);
}

sq_fp_result sq_fp_fma64(uint64_t a, uint64_t b, uint64_t c, uint32_t rm) {
    if (rm == SQ_FP_RMM || !sq_fp_host_has_fma()) return soft_fma(1, a, b, c, rm);
    double x = d_from(a), y = d_from(b), z = d_from(c);
    uint32_t st, csr = mxcsr_for_rm[rm & 7];
    FMA3("vfmadd231sd", z, x, y, csr, st);
    uint32_t fl = flags_from_mxcsr(st);
    const uint64_t inf = 0x7ff0000000000000ull, abs = 0x7fffffffffffffffull;
    uint64_t ma = a & abs, mb = b & abs;
    if ((ma == inf && mb == 0) || (ma == 0 && mb == inf)) fl |= SQ_FP_NV;
    return res(d_bits(z), fl);
}

// ---------------------------------------------------------------------------------------------
// Conversions
// ---------------------------------------------------------------------------------------------

sq_fp_result sq_fp_ref_cvt64to32(uint64_t a, uint32_t rm) {
    int sign, exp;
    uint64_t sig;
    if (is_nan64(a)) {
        uint32_t n = (uint32_t)(a >> 32 & 0x80000000u) | 0x7fc00000u | (uint32_t)((a >> 29) & 0x003fffffu);
        return res(n, is_snan64(a) ? SQ_FP_NV : 0);
    }
    if ((a & 0x7fffffffffffffffull) == 0x7ff0000000000000ull) return res((uint32_t)(a >> 32 & 0x80000000u) | 0x7f800000u, 0);
    if ((a & 0x7fffffffffffffffull) == 0) return res((uint32_t)(a >> 32), 0);
    unpack64(a, &sign, &exp, &sig);
    uint32_t fl = 0;
    uint64_t bits = round_pack(0, sign, exp, sig, rm, &fl);
    return res(bits, fl);
}

sq_fp_result sq_fp_cvt64to32(uint64_t a, uint32_t rm) {
    if (rm == SQ_FP_RMM) return sq_fp_ref_cvt64to32(a, rm);
    double x = d_from(a);
    float y = 0;
    uint32_t st, csr = mxcsr_for_rm[rm & 7];
    SSE2("cvtsd2ss", y, x, csr, st);
    return res(f_bits(y), flags_from_mxcsr(st));
}

sq_fp_result sq_fp_cvt32to64(uint32_t a) {
    if (is_nan32(a)) {
        uint64_t n = ((uint64_t)(a & 0x80000000u) << 32) | 0x7ff8000000000000ull | ((uint64_t)(a & 0x003fffffu) << 29);
        return res(n, is_snan32(a) ? SQ_FP_NV : 0);
    }
    uint64_t s = (uint64_t)(a & 0x80000000u) << 32;
    uint32_t m = a & 0x7fffffffu;
    if (m == 0x7f800000u) return res(s | 0x7ff0000000000000ull, 0);
    if (m == 0) return res(s, 0);
    int sign, exp;
    uint64_t sig;
    unpack32(a, &sign, &exp, &sig);
    int lz = clz64(sig) - 11; // hidden bit to bit 52
    sig <<= lz;
    exp -= lz;
    // value = sig * 2^exp with sig in [2^52, 2^53): biased exponent exp + 52 + 1023.
    return res(s | ((uint64_t)(exp + 1075) << 52) | (sig & 0x000fffffffffffffull), 0);
}

static sq_fp_result int_to_float(int is64, uint64_t x, uint32_t type, uint32_t rm) {
    int sign = 0;
    uint64_t mag;
    switch (type & 3) {
    case SQ_FP_INT_S32: { int32_t v = (int32_t)(uint32_t)x; sign = v < 0; mag = sign ? 0 - (uint64_t)(int64_t)v : (uint64_t)v; break; }
    case SQ_FP_INT_U32: mag = (uint32_t)x; break;
    case SQ_FP_INT_S64: sign = (int64_t)x < 0; mag = sign ? 0 - x : x; break;
    default: mag = x; break;
    }
    if (mag == 0) return res(0, 0);
    uint32_t fl = 0;
    uint64_t bits = round_pack(is64, sign, 0, mag, rm, &fl);
    return res(bits, fl);
}

sq_fp_result sq_fp_int_to_f32(uint64_t x, uint32_t type, uint32_t rm) { return int_to_float(0, x, type, rm); }
sq_fp_result sq_fp_int_to_f64(uint64_t x, uint32_t type, uint32_t rm) { return int_to_float(1, x, type, rm); }

/// Rounds (-1)^sign * sig * 2^exp to an integer of `type`, saturating; nan/inf select specials.
static sq_fp_result float_to_int(int sign, int exp, uint64_t sig, int nan, int inf, uint32_t type, uint32_t rm) {
    static const uint64_t max_pos[4] = {0x7fffffffull, 0xffffffffull, 0x7fffffffffffffffull, 0xffffffffffffffffull};
    static const uint64_t max_neg[4] = {0x80000000ull, 0, 0x8000000000000000ull, 0}; // magnitudes
    type &= 3;
    const int is32 = type < 2;
    uint64_t maxv = max_pos[type];
    uint64_t minv = type == SQ_FP_INT_S32 ? 0xffffffff80000000ull : type == SQ_FP_INT_S64 ? 0x8000000000000000ull : 0;
    if (is32) maxv = (uint64_t)(int64_t)(int32_t)(uint32_t)maxv; // sign-extend (u32 max -> all ones)
    if (nan) return res(maxv, SQ_FP_NV);
    if (inf) return res(sign ? minv : maxv, SQ_FP_NV);
    if (sig == 0) return res(0, 0);
    uint64_t m;
    int inexact = 0, huge = 0;
    if (exp >= 0) {
        if (64 - clz64(sig) + exp > 64) huge = 1;
        else m = sig << exp;
    } else {
        m = shift_round(sig, -exp, sign, rm, &inexact);
    }
    if (huge || (sign ? m > max_neg[type] : m > max_pos[type])) return res(sign ? minv : maxv, SQ_FP_NV);
    uint64_t v = sign ? 0 - m : m;
    if (is32) v = (uint64_t)(int64_t)(int32_t)(uint32_t)v;
    return res(v, inexact ? SQ_FP_NX : 0);
}

sq_fp_result sq_fp_f32_to_int(uint32_t a, uint32_t type, uint32_t rm) {
    int sign, exp;
    uint64_t sig;
    unpack32(a, &sign, &exp, &sig);
    return float_to_int(sign, exp, sig, is_nan32(a), (a & 0x7fffffffu) == 0x7f800000u, type, rm);
}

sq_fp_result sq_fp_f64_to_int(uint64_t a, uint32_t type, uint32_t rm) {
    int sign, exp;
    uint64_t sig;
    unpack64(a, &sign, &exp, &sig);
    return float_to_int(sign, exp, sig, is_nan64(a), (a & 0x7fffffffffffffffull) == 0x7ff0000000000000ull, type, rm);
}
