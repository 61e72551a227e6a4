// Large stack frames: a 1 MiB local array touched on every page, VLAs and alloca, nested frames.
#include <stdio.h>
#include <string.h>
#include <alloca.h>
#include <stdint.h>

static __attribute__((noinline)) uint64_t big_frame(int seed) {
    volatile unsigned char arr[1 << 20];
    for (size_t i = 0; i < sizeof arr; i += 1024) arr[i] = (unsigned char)(i / 1024 + (size_t)seed);
    uint64_t s = 0; for (size_t i = 0; i < sizeof arr; i += 1024) s += arr[i];
    return s;
}
static __attribute__((noinline)) uint64_t vla(int n) {
    double m[n][n]; for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) m[i][j] = (i == j) ? 2.0 : 1.0 / (1 + i + j);
    double tr = 0; for (int i = 0; i < n; i++) tr += m[i][i] * m[n - 1 - i][i];
    return (uint64_t)(tr * 1000);
}
static __attribute__((noinline)) int use_alloca(size_t n) {
    char *p = alloca(n); memset(p, 'x', n); p[n - 1] = 0; return (int)strlen(p);
}
static __attribute__((noinline)) uint64_t nest(int depth) {
    volatile uint64_t local[2048]; for (int i = 0; i < 2048; i += 64) local[i] = (uint64_t)(depth * i);
    uint64_t s = local[64] + local[2047 - 63];
    return depth ? s + nest(depth - 1) : s;
}
int main(void) {
    printf("big frame %llu %llu\n", (unsigned long long)big_frame(1), (unsigned long long)big_frame(7));
    printf("vla %llu %llu\n", (unsigned long long)vla(10), (unsigned long long)vla(200));
    printf("alloca %d %d\n", use_alloca(100), use_alloca(500000));
    printf("nest %llu\n", (unsigned long long)nest(100));
    return 0;
}
