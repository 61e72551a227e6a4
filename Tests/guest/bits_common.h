// Shared body of bit_tricks.c and bitmanip_zb.c (same source, two -march settings).
static uint64_t xs_state = 88172645463325252ULL;
static uint64_t xs(void) { xs_state ^= xs_state << 13; xs_state ^= xs_state >> 7; xs_state ^= xs_state << 17; return xs_state; }
static uint64_t rotl64(uint64_t x, unsigned r) { return (x << (r & 63)) | (x >> ((64 - r) & 63)); }
static uint32_t rotr32(uint32_t x, unsigned r) { return (x >> (r & 31)) | (x << ((32 - r) & 31)); }
static uint64_t bitrev64(uint64_t x) {
    x = ((x >> 1) & 0x5555555555555555ULL) | ((x & 0x5555555555555555ULL) << 1);
    x = ((x >> 2) & 0x3333333333333333ULL) | ((x & 0x3333333333333333ULL) << 2);
    x = ((x >> 4) & 0x0F0F0F0F0F0F0F0FULL) | ((x & 0x0F0F0F0F0F0F0F0FULL) << 4);
    return __builtin_bswap64(x);
}
static int run_bits(const char *tag) {
    static const uint64_t fixed[] = {0, 1, 2, 3, 0x80, 0xff, 0x8000000000000000ULL, 0xffffffffffffffffULL,
        0x00000000ffffffffULL, 0xffffffff00000000ULL, 0x0123456789abcdefULL, 0x8000000080000000ULL};
    printf("tag %s\n", tag);
    for (unsigned i = 0; i < sizeof fixed / sizeof fixed[0]; i++) {
        volatile uint64_t x = fixed[i]; uint32_t w = (uint32_t)x;
        printf("%016" PRIx64 " pop %d clz %d ctz %d pop32 %d clz32 %d ctz32 %d par %d bswap %016" PRIx64 " bs32 %08x rev %016" PRIx64 "\n",
               (uint64_t)x, __builtin_popcountll(x), x ? __builtin_clzll(x) : 64, x ? __builtin_ctzll(x) : 64,
               __builtin_popcount(w), w ? __builtin_clz(w) : 32, w ? __builtin_ctz(w) : 32,
               __builtin_parityll(x), __builtin_bswap64(x), __builtin_bswap32(w), bitrev64(x));
    }
    uint64_t h = 0;
    for (int i = 0; i < 20000; i++) {
        uint64_t x = xs(); uint32_t w = (uint32_t)(x >> 17); unsigned r = (unsigned)(x >> 58);
        h += (uint64_t)__builtin_popcountll(x) + (uint64_t)(x ? __builtin_clzll(x) : 64) * 3 + (uint64_t)__builtin_ctzll(x | 1ULL << 63) * 7;
        h ^= rotl64(x, r) + rotr32(w, r) + (x & ~h) + (x | ~h) + ~(x ^ h);
        h += __builtin_bswap64(x) ^ __builtin_bswap32(w) ^ (uint16_t)__builtin_bswap16((uint16_t)w);
        h += (x & -x) ^ (x & (x - 1)) ^ (w & (w - 1));           /* lowest set bit, clear lowest */
        h += (uint64_t)(int64_t)(int8_t)x + (uint64_t)(int64_t)(int16_t)x + (uint64_t)(uint16_t)x + (uint64_t)(uint32_t)x;
        int64_t a = (int64_t)x, b = (int64_t)h;
        h += (uint64_t)(a < b ? a : b) ^ (uint64_t)(a > b ? a : b) ^ (x < h ? x : h);
        h = rotl64(h, 5) * 0x9e3779b97f4a7c15ULL;
    }
    printf("%s hash %016" PRIx64 "\n", tag, h);
    /* Next power of two, isolate bits, count with loops (Kernighan). */
    for (uint64_t v = 1; v < (1ULL << 62); v = v * 5 + 3) {
        uint64_t p = v - 1; p |= p >> 1; p |= p >> 2; p |= p >> 4; p |= p >> 8; p |= p >> 16; p |= p >> 32; p++;
        int k = 0; for (uint64_t t = v; t; t &= t - 1) k++;
        if (v % 7 == 1) printf("v %" PRIu64 " nextpow2 %" PRIu64 " bits %d\n", v, p, k);
    }
    return 0;
}
