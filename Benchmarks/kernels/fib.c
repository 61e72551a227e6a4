/* fib: naive doubly recursive Fibonacci. Calls, returns, stack traffic and a compare per call. */
#include "bench.h"

/* noinline + the opaque argument keep the compiler from turning the recursion into a loop. */
__attribute__((noinline)) static uint64_t fib(uint32_t n) {
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

int main(int argc, char **argv) {
    int scale = bench_scale(argc, argv);
    volatile uint32_t n = 33;
    uint64_t sum = 0;
    for (int round = 0; round < 4 * scale; round++) {
        uint64_t f = fib(n);
        if (round == 0) printf("fib(%u) = %" PRIu64 "\n", (unsigned)n, f);
        sum = bench_mix(sum, f);
    }
    bench_report("fib", sum);
    return 0;
}
