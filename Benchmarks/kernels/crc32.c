/* crc32: table-driven CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320) over a pseudo-random
 * buffer, repeated. Byte loads, table lookups, shifts and xors in a dependent chain. */
#include "bench.h"

enum { SIZE = 1 << 20, ROUNDS = 24 };
static uint8_t buffer[SIZE];
static uint32_t table[256];

static void make_table(void) {
    for (uint32_t n = 0; n < 256; n++) {
        uint32_t c = n;
        for (int k = 0; k < 8; k++) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        table[n] = c;
    }
}

static uint32_t crc32(uint32_t crc, const uint8_t *p, size_t n) {
    crc = ~crc;
    while (n--) crc = table[(crc ^ *p++) & 0xFF] ^ (crc >> 8);
    return ~crc;
}

int main(int argc, char **argv) {
    int scale = bench_scale(argc, argv);
    make_table();
    printf("crc32(\"123456789\") = %08x\n", crc32(0, (const uint8_t *)"123456789", 9));
    uint64_t seed = 42;
    for (size_t i = 0; i < SIZE; i += 8) {
        uint64_t r = bench_rand(&seed);
        for (int k = 0; k < 8; k++) buffer[i + k] = (uint8_t)(r >> (8 * k));
    }
    uint64_t sum = 0;
    uint32_t crc = 0;
    for (int round = 0; round < ROUNDS * scale; round++) {
        crc = crc32(crc, buffer, SIZE);
        buffer[round % SIZE] ^= (uint8_t)crc;
        sum = bench_mix(sum, crc);
    }
    bench_report("crc32", sum);
    return 0;
}
