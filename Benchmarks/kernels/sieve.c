/* sieve: the sieve of Eratosthenes over a byte array, repeated. Integer loads/stores, tight loops,
 * data-dependent branches. Checksum: prime count and a hash of every 1000th prime. */
#include "bench.h"
#include <string.h>

enum { LIMIT = 2000000, ROUNDS = 8 };
static uint8_t composite[LIMIT + 1];

int main(int argc, char **argv) {
    int scale = bench_scale(argc, argv);
    uint64_t sum = 0;
    for (int round = 0; round < ROUNDS * scale; round++) {
        memset(composite, 0, sizeof composite);
        uint32_t count = 0;
        for (uint32_t i = 2; i <= LIMIT; i++) {
            if (composite[i]) continue;
            count++;
            if (count % 1000 == 0) sum = bench_mix(sum, i);
            for (uint64_t j = (uint64_t)i * i; j <= LIMIT; j += i) composite[j] = 1;
        }
        sum = bench_mix(sum, count);
        if (round == 0) printf("primes below %d: %u\n", LIMIT, count);
    }
    bench_report("sieve", sum);
    return 0;
}
