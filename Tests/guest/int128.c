// __int128 arithmetic: multiplication, division and modulo (libgcc __divti3/__udivti3/__modti3),
// shifts, comparisons, conversions to and from double, printing via repeated division.
#include <stdio.h>
#include <stdint.h>
#include <string.h>
typedef unsigned __int128 u128; typedef __int128 s128;

static char *u128str(u128 v, char *buf) { char t[48]; int n = 0; do { t[n++] = (char)('0' + (int)(v % 10)); v /= 10; } while (v); for (int i = 0; i < n; i++) buf[i] = t[n - 1 - i]; buf[n] = 0; return buf; }
static char *s128str(s128 v, char *buf) { if (v < 0) { buf[0] = '-'; u128str(-(u128)v, buf + 1); return buf; } return u128str((u128)v, buf); }
static void hex(u128 v) { printf("%016llx%016llx", (unsigned long long)(v >> 64), (unsigned long long)v); }

int main(void) {
    char b1[48], b2[48], b3[48];
    u128 f = 1; for (int i = 1; i <= 34; i++) f *= (u128)i;
    printf("34! = %s\n", u128str(f, b1));
    u128 max = ~(u128)0; s128 smin = (s128)((u128)1 << 127), smax = (s128)(max >> 1);
    printf("umax %s\nsmax %s\nsmin %s\n", u128str(max, b1), s128str(smax, b2), s128str(smin, b3));
    static volatile const uint64_t seeds[] = {1, 3, 0xffffffffffffffffULL, 0x8000000000000000ULL, 1000000007ULL, 0x123456789abcdef0ULL, 7};
    for (int i = 0; i < 7; i++) for (int j = 0; j < 7; j++) {
        u128 a = ((u128)seeds[i] << 64) | seeds[(i + j) % 7], d = ((u128)seeds[j] << (j * 9)) | seeds[(j + 3) % 7];
        if (!d) continue;
        u128 q = a / d, r = a % d; s128 sa = (s128)a, sd = (s128)d, sq = sa / sd, sr = sa % sd;
        if ((i * 7 + j) % 4 == 0) { hex(q); printf(" "); hex(r); printf(" %s %s\n", s128str(sq, b1), s128str(sr, b2)); }
        if (q * d + r != a || (s128)(sq * sd + sr) != sa || r >= d) printf("identity broken at %d,%d\n", i, j);
    }
    u128 x = 0x0123456789abcdefULL; x = (x << 64) | 0xfedcba9876543210ULL;
    for (int s = 0; s < 128; s += 13) { hex(x << s); printf(" "); hex(x >> s); printf(" "); hex((u128)((s128)(x << 60) >> s)); printf("\n"); }
    s128 m1 = -1, p1 = 1; printf("cmp %d %d %d %d\n", m1 < p1, (u128)m1 > (u128)p1, smin < smax, (u128)smin > (u128)smax);
    printf("mul64x64 "); hex((u128)0xffffffffffffffffULL * 0xffffffffffffffffULL); printf("\n");
    printf("to double %a %a %a\n", (double)f, (double)smin, (double)(s128)-12345);
    printf("from double %s %s\n", s128str((s128)1e30, b1), s128str((s128)-1.5e25, b2));
    u128 fib_a = 0, fib_b = 1; for (int i = 0; i < 180; i++) { u128 t = fib_a + fib_b; fib_a = fib_b; fib_b = t; }
    printf("fib180 %s\n", u128str(fib_a, b1));
    u128 p = 1, base = 3, e = 200, mod = ((u128)1 << 62) - 57; while (e) { if (e & 1) p = p * base % mod; base = base * base % mod; e >>= 1; }
    printf("3^200 mod 2^62-57 = %s\n", u128str(p, b1));
    printf("clz128 %d ctz128 %d pop %d\n", __builtin_clzll((uint64_t)(x >> 64)), __builtin_ctzll((uint64_t)x), __builtin_popcountll((uint64_t)x) + __builtin_popcountll((uint64_t)(x >> 64)));
    return 0;
}
