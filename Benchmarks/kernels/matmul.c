/* matmul: dense double-precision matrix multiply C = A * B (i-k-j loop order, row-major), then a
 * checksum of C. FP multiply/add streams with strided and sequential loads. Built with
 * -ffp-contract=off so riscv64 and x86-64 round identically. */
#include "bench.h"

enum { N = 256 };
static double a[N][N], b[N][N], c[N][N];

int main(int argc, char **argv) {
    int scale = bench_scale(argc, argv);
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            a[i][j] = (double)((i * 31 + j * 17) % 97) / 97.0 - 0.5;
            b[i][j] = (double)((i * 13 + j * 7) % 89) / 89.0 + 0.25;
        }
    uint64_t sum = 0, bits;
    for (int round = 0; round < 4 * scale; round++) {
        for (int i = 0; i < N; i++)
            for (int j = 0; j < N; j++) c[i][j] = 0;
        for (int i = 0; i < N; i++)
            for (int k = 0; k < N; k++) {
                double aik = a[i][k];
                for (int j = 0; j < N; j++) c[i][j] += aik * b[k][j];
            }
        double trace = 0;
        for (int i = 0; i < N; i++) trace += c[i][i];
        if (round == 0) printf("trace: %.6f\n", trace);
        for (int i = 0; i < N; i += 5)
            for (int j = 0; j < N; j += 7) { __builtin_memcpy(&bits, &c[i][j], 8); sum = bench_mix(sum, bits); }
        a[round % N][(round * 3) % N] += 1.0;  /* next round differs */
    }
    bench_report("matmul", sum);
    return 0;
}
