// glibc string functions over many lengths and alignments (exercises their word-at-a-time paths).
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <stdint.h>

static uint32_t seed = 12345;
static uint32_t rnd(void) { seed = seed * 1103515245u + 12345u; return (seed >> 8) & 0xffffff; }
static uint64_t fnv(const void *p, size_t n) { const unsigned char *b = p; uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) h = (h ^ b[i]) * 1099511628211ULL; return h; }

int main(void) {
    static char src[4096], dst[4096];
    for (int i = 0; i < 4096; i++) src[i] = (char)('a' + rnd() % 26);
    uint64_t h = 0;
    for (size_t len = 0; len < 300; len += (len < 40 ? 1 : 7))
        for (size_t sa = 0; sa < 8; sa++)
            for (size_t da = 0; da < 8; da += 3) {
                memset(dst, '#', 1024);
                memcpy(dst + da, src + sa, len);
                h = h * 31 + fnv(dst, 1024);
                memmove(dst + da + 1, dst + da, len);                 /* overlapping forward */
                memmove(dst + da, dst + da + 3, len);                 /* overlapping backward */
                h = h * 31 + fnv(dst, 1024);
                dst[da + len] = 0;
                h = h * 31 + strlen(dst + da) + (uint64_t)(memcmp(dst + da, src + sa, len) > 0);
            }
    printf("copy hash %016llx\n", (unsigned long long)h);

    for (size_t off = 0; off < 16; off++)
        for (size_t len = 0; len < 70; len += 3) {
            char *s = dst + off; memcpy(s, src, len); s[len] = 0;
            if (len % 9 == 0) printf("strlen(%zu,%zu)=%zu strnlen=%zu ", off, len, strlen(s), strnlen(s, 20));
        }
    printf("\n");

    const char *hay = "the quick brown fox jumps over the lazy dog; the end of the quick test";
    const char *needles[] = {"the", "quick", "dog;", "fox jumps", "", "xyz", "test", "t", "end of the quick test", "the lazy cat"};
    for (unsigned i = 0; i < sizeof needles / sizeof *needles; i++) {
        const char *p = strstr(hay, needles[i]);
        printf("strstr(%s)=%ld ", needles[i], p ? (long)(p - hay) : -1L);
        p = strcasestr(hay, "QUICK");
        printf("casestr=%ld\n", p ? (long)(p - hay) : -1L);
    }
    printf("strchr %ld strrchr %ld memchr %ld memrchr %ld rawmemchr %ld\n", (long)(strchr(hay, 'q') - hay),
           (long)(strrchr(hay, 'q') - hay), (long)((const char *)memchr(hay, 'z', strlen(hay)) - hay),
           (long)((const char *)memrchr(hay, 'e', strlen(hay)) - hay), (long)((const char *)rawmemchr(hay, ';') - hay));
    printf("strchr nul %ld, missing %p\n", (long)(strchr(hay, 0) - hay), (void *)strchr(hay, '!'));
    printf("spn %zu cspn %zu pbrk %s\n", strspn(hay, "eht q"), strcspn(hay, "xyz"), strpbrk(hay, "jz"));
    const char *cmps[][2] = {{"abc", "abd"}, {"abc", "abc"}, {"abcd", "abc"}, {"", "a"}, {"ABC", "abc"}, {"\x80", "\x7f"}};
    for (unsigned i = 0; i < 6; i++) {
        int a = strcmp(cmps[i][0], cmps[i][1]), b = strncmp(cmps[i][0], cmps[i][1], 2), c = strcasecmp(cmps[i][0], cmps[i][1]);
        printf("cmp %d %d %d ", (a > 0) - (a < 0), (b > 0) - (b < 0), (c > 0) - (c < 0));
    }
    printf("\n");

    char buf[128];
    strcpy(buf, "hello"); strcat(buf, ", "); strncat(buf, "world!!!", 6);
    printf("%s|%zu\n", buf, strlen(buf));
    char *e = stpcpy(buf, "stp"); e = stpcpy(e, "cpy"); printf("%s %ld\n", buf, (long)(e - buf));
    memset(buf, 'x', sizeof buf); strncpy(buf, "ab", 5); printf("strncpy %d %d %d %d\n", buf[0], buf[2], buf[4], buf[5]);
    char tok[] = "  alpha, beta;;gamma  ,delta ";
    for (char *save, *t = strtok_r(tok, " ,;", &save); t; t = strtok_r(NULL, " ,;", &save)) printf("[%s]", t);
    printf("\n");
    char *d = strdup("duplicate me"); char *nd = strndup("duplicate me", 4);
    printf("%s %s\n", d, nd); free(d); free(nd);
    char rev[] = "0123456789abcdefghij";
    for (size_t i = 0, j = strlen(rev) - 1; i < j; i++, j--) { char t = rev[i]; rev[i] = rev[j]; rev[j] = t; }
    printf("rev %s\n", rev);
    printf("ffs %d %d %d\n", ffs(0), ffs(0x80), ffsll(1LL << 40));
    static char big1[100000], big2[100000];
    memset(big1, 'q', sizeof big1); memset(big2, 'q', sizeof big2); big2[99999] = 'r';
    printf("bigcmp %d\n", memcmp(big1, big2, sizeof big1) < 0);
    big1[99998] = 0;
    printf("biglen %zu\n", strlen(big1));
    return 0;
}
