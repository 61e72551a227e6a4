// UTF-8 bytes pass through unchanged: manual decoding/encoding of code points, byte counts,
// printing multibyte text, and the reading of such text from argv.
#include <stdio.h>
#include <string.h>
#include <stdint.h>

static int decode(const unsigned char *s, uint32_t *cp) {
    if (s[0] < 0x80) { *cp = s[0]; return 1; }
    if ((s[0] & 0xE0) == 0xC0) { *cp = ((uint32_t)(s[0] & 0x1F) << 6) | (s[1] & 0x3F); return 2; }
    if ((s[0] & 0xF0) == 0xE0) { *cp = ((uint32_t)(s[0] & 0x0F) << 12) | ((uint32_t)(s[1] & 0x3F) << 6) | (s[2] & 0x3F); return 3; }
    *cp = ((uint32_t)(s[0] & 0x07) << 18) | ((uint32_t)(s[1] & 0x3F) << 12) | ((uint32_t)(s[2] & 0x3F) << 6) | (s[3] & 0x3F); return 4;
}
static int encode(uint32_t cp, unsigned char *o) {
    if (cp < 0x80) { o[0] = (unsigned char)cp; return 1; }
    if (cp < 0x800) { o[0] = (unsigned char)(0xC0 | cp >> 6); o[1] = (unsigned char)(0x80 | (cp & 0x3F)); return 2; }
    if (cp < 0x10000) { o[0] = (unsigned char)(0xE0 | cp >> 12); o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F)); o[2] = (unsigned char)(0x80 | (cp & 0x3F)); return 3; }
    o[0] = (unsigned char)(0xF0 | cp >> 18); o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F)); o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F)); o[3] = (unsigned char)(0x80 | (cp & 0x3F)); return 4;
}

int main(int argc, char **argv) {
    const char *texts[] = {"héllo wörld", "日本語のテキスト", "Ελληνικά", "emoji 😀🎉🚀", "mixed: a→b ≠ c ∑ ∞", "Ünïcödé ﬁ ß", "\xe2\x82\xac 100"};
    for (unsigned t = 0; t < sizeof texts / sizeof *texts; t++) {
        const unsigned char *s = (const unsigned char *)texts[t]; size_t bytes = strlen(texts[t]); int cps = 0; uint32_t sum = 0;
        unsigned char re[128]; size_t rl = 0;
        for (size_t i = 0; i < bytes;) { uint32_t cp; i += (size_t)decode(s + i, &cp); cps++; sum += cp; rl += (size_t)encode(cp, re + rl); }
        printf("%s | bytes %zu codepoints %d sum %u reencoded-equal %d\n", texts[t], bytes, cps, sum, rl == bytes && memcmp(re, s, bytes) == 0);
    }
    for (uint32_t cp = 0x3B1; cp < 0x3C1; cp++) { unsigned char b[4]; int n = encode(cp, b); fwrite(b, 1, (size_t)n, stdout); }
    unsigned char b[4]; int n = encode(0x1F600, b); printf(" %d bytes: %02x %02x %02x %02x\n", n, b[0], b[1], b[2], b[3]);
    for (int i = 1; i < argc; i++) { int high = 0; for (const char *p = argv[i]; *p; p++) high += (unsigned char)*p >= 0x80; printf("argv[%d] non-ascii bytes %d: %s\n", i, high, argv[i]); }
    fprintf(stderr, "stderr: ✓ done\n");
    return 0;
}
