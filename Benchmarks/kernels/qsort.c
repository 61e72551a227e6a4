/* qsort: libc qsort with a comparator over pseudo-random records, repeated. Indirect calls into
 * the comparator from libc, many short calls and returns, unpredictable branches. */
#include "bench.h"

enum { COUNT = 200000, ROUNDS = 3 };

struct record { uint32_t key; uint32_t tie; };
static struct record records[COUNT];

static int compare(const void *pa, const void *pb) {
    const struct record *a = pa, *b = pb;
    if (a->key != b->key) return a->key < b->key ? -1 : 1;
    return (a->tie > b->tie) - (a->tie < b->tie);
}

int main(int argc, char **argv) {
    int scale = bench_scale(argc, argv);
    uint64_t seed = 7, sum = 0;
    for (int round = 0; round < ROUNDS * scale; round++) {
        for (uint32_t i = 0; i < COUNT; i++) {
            uint64_t r = bench_rand(&seed);
            records[i].key = (uint32_t)(r % 1000003);
            records[i].tie = i;  /* unique tie-breaker: the sorted order is fully determined */
        }
        qsort(records, COUNT, sizeof records[0], compare);
        for (uint32_t i = 1; i < COUNT; i++)
            if (compare(&records[i - 1], &records[i]) > 0) { printf("qsort: not sorted\n"); return 1; }
        for (uint32_t i = 0; i < COUNT; i += 997) sum = bench_mix(sum, (uint64_t)records[i].key << 32 | records[i].tie);
    }
    bench_report("qsort", sum);
    return 0;
}
