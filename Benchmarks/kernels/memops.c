/* memops: libc memcpy/memset/strlen/memchr over large buffers, then pointer chasing through a
 * random cyclic permutation (one dependent load per step, cache-missing). Exercises the guest
 * libc's string routines and the emulator's memory-access path. */
#include "bench.h"
#include <string.h>

enum { SIZE = 4 << 20, ROUNDS = 4, NODES = 1 << 20, STEPS = 1 << 20 };

static uint8_t src[SIZE], dst[SIZE];
static uint32_t next_node[NODES];

int main(int argc, char **argv) {
    int scale = bench_scale(argc, argv);
    uint64_t seed = 99, sum = 0;
    for (size_t i = 0; i < SIZE; i++) src[i] = (uint8_t)(1 + (i * 7 + (i >> 9)) % 255);  /* no NUL */
    src[SIZE - 1] = 0;
    for (int round = 0; round < ROUNDS * scale; round++) {
        size_t shift = (size_t)round * 4093 % 4096;
        memcpy(dst, src + shift, SIZE - shift);
        memset(dst + SIZE - shift, 0, shift);
        size_t len = strlen((const char *)dst);
        const uint8_t *hit = memchr(dst, 0x42, SIZE);
        memmove(dst + 1, dst, SIZE / 2);
        sum = bench_mix(sum, len);
        sum = bench_mix(sum, hit ? (uint64_t)(hit - dst) : 0);
        sum = bench_mix(sum, (uint64_t)dst[SIZE / 3] << 8 | dst[SIZE / 2]);
    }
    /* Sattolo's algorithm: a single cycle through all NODES, so the chase visits every node. */
    for (uint32_t i = 0; i < NODES; i++) next_node[i] = i;
    for (uint32_t i = NODES - 1; i > 0; i--) {
        uint32_t j = (uint32_t)(bench_rand(&seed) % i);
        uint32_t t = next_node[i]; next_node[i] = next_node[j]; next_node[j] = t;
    }
    uint32_t node = 0;
    for (long step = 0; step < (long)STEPS * scale; step++) {
        node = next_node[node];
        if ((step & 4095) == 0) sum = bench_mix(sum, node);
    }
    sum = bench_mix(sum, node);
    bench_report("memops", sum);
    return 0;
}
