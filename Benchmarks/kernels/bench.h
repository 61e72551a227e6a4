/* Shared helpers for the benchmark kernels (header-only, no state of its own).
 *
 * Every kernel is deterministic: the same binary prints the same lines on every run, and the
 * riscv64 and x86-64 builds print the same lines (the harness checks this). Rules that keep it so:
 * no plain `char` arithmetic (signed on x86-64, unsigned on riscv64), fixed-width integer types,
 * FP built with -ffp-contract=off (no fused multiply-add on one side only), no libm calls other
 * than the correctly rounded sqrt.
 *
 * Every kernel takes an optional scale factor as argv[1] (default 1): the work is repeated that
 * many times, so the harness can lengthen a kernel without editing it.
 */
#ifndef BENCH_H
#define BENCH_H

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* Scale factor from argv[1] (a positive integer); 1 when absent or invalid. */
static inline int bench_scale(int argc, char **argv) {
    if (argc < 2) return 1;
    long v = strtol(argv[1], NULL, 10);
    return v > 0 && v < 1000000 ? (int)v : 1;
}

/* splitmix64: a small deterministic PRNG (Steele, Lea, Flood 2014). */
static inline uint64_t bench_rand(uint64_t *state) {
    uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* Folds a value into a running 64-bit checksum (FNV-1a style over the 8 bytes at once). */
static inline uint64_t bench_mix(uint64_t sum, uint64_t value) {
    return (sum ^ value) * 0x100000001B3ull + (value >> 17);
}

/* The one line every kernel ends with; the harness compares it across native and emulators. */
static inline void bench_report(const char *name, uint64_t checksum) {
    printf("%s checksum: %016" PRIx64 "\n", name, checksum);
}

#endif
