// The same bit tricks compiled with -march=rv64gc_zba_zbb_zbs (see Makefile), so the guest
// code uses clz/ctz/cpop/rev8/rol/ror/andn/orn/xnor/min/max/sext/zext, sh1add.., bset/bclr/binv/bext.
#include <stdint.h>
#include <stdio.h>
#include <inttypes.h>
#include "bits_common.h"
int main(void) {
    int rc = run_bits("zb");
    /* Address-generation patterns that map to sh1add/sh2add/sh3add and add.uw. */
    static uint64_t table[64]; static uint32_t t32[64]; static uint16_t t16[64];
    for (int i = 0; i < 64; i++) { table[i] = (uint64_t)i * 0x9e3779b97f4a7c15ULL; t32[i] = (uint32_t)(i * 2654435761u); t16[i] = (uint16_t)(i * 40503u); }
    volatile uint32_t idx = 5; uint64_t acc = 0;
    for (uint32_t k = 0; k < 64; k++) acc += table[(idx + k) & 63] ^ t32[(k * 7) & 63] ^ t16[(k * 3) & 63];
    printf("shadd %016" PRIx64 "\n", acc);
    volatile uint64_t v = 0xf0f0f0f0f0f0f0f0ULL;
    for (int b = 0; b < 64; b += 9)
        printf("bit %d: set %016" PRIx64 " clr %016" PRIx64 " inv %016" PRIx64 " ext %d\n", b, (uint64_t)(
               v | (1ULL << b)), (uint64_t)(v & ~(1ULL << b)), (uint64_t)(v ^ (1ULL << b)), (int)((v >> b) & 1));
    volatile int64_t s1 = -7, s2 = 12;
    printf("minmax %" PRId64 " %" PRId64 " %" PRIu64 " %" PRIu64 "\n", s1 < s2 ? s1 : s2, s1 > s2 ? s1 : s2,
           (uint64_t)s1 < (uint64_t)s2 ? (uint64_t)s1 : (uint64_t)s2, (uint64_t)s1 > (uint64_t)s2 ? (uint64_t)s1 : (uint64_t)s2);
    volatile uint32_t w = 0xdeadbeef;
    printf("uw %" PRIx64 " %" PRIx64 " sext %" PRId64 " %" PRId64 "\n", (uint64_t)w, (uint64_t)w << 3,
           (int64_t)(int8_t)w, (int64_t)(int16_t)w);
    return rc;
}
