// printf/snprintf integer, string and character conversions with flags, widths and precisions.
#include <stdio.h>
#include <stdint.h>
#include <inttypes.h>
#include <limits.h>
#include <stddef.h>

int main(void) {
    const long long vals[] = {0, 1, -1, 42, -42, 255, 65535, 2147483647, -2147483648LL, LLONG_MAX, LLONG_MIN, 1000000};
    const char *fmts[] = {"%d", "%5d", "%-5d|", "%05d", "%+d", "% d", "%.3d", "%8.3d", "%x", "%#x", "%X", "%#o", "%o", "%u", "%#08x", "%-+8d|"};
    for (unsigned i = 0; i < sizeof vals / sizeof *vals; i++) {
        for (unsigned f = 0; f < sizeof fmts / sizeof *fmts; f++) { printf(fmts[f], (int)vals[i]); putchar(' '); }
        printf("| %lld %llx %llo %llu %20lld|%-20lld|\n", vals[i], vals[i], vals[i], (unsigned long long)vals[i], vals[i], vals[i]);
    }
    printf("%hhd %hhu %hd %hu %ld %lu %zd %zu %td %jd %ju\n", (signed char)-3, (unsigned char)250, (short)-30000, (unsigned short)60000,
           LONG_MIN, ULONG_MAX, (ssize_t)-5, (size_t)123456789, (ptrdiff_t)-77, INTMAX_MIN, UINTMAX_MAX);
    printf("%" PRId8 " %" PRIu16 " %" PRIx32 " %" PRIX64 " %" PRIdFAST16 "\n", (int8_t)-128, (uint16_t)65535, (uint32_t)0xdeadbeef, (uint64_t)0xcafebabe12345678ULL, (int_fast16_t)-9);
    printf("[%c][%5c][%-3c][%%]\n", 'A', 'b', 'c');
    printf("[%s][%10s][%-10s][%.3s][%10.2s][%*s][%-*s][%.*s]\n", "str", "right", "left", "truncate", "ab", 6, "star", 6, "dash", 2, "precision");
    printf("[%p]\n", (void *)0);
    int n1 = 0, n2 = 0;
    printf("count%n this%n\n", &n1, &n2);
    printf("n1=%d n2=%d\n", n1, n2);
    printf("%1$s %2$s %1$s\n", "first", "second");
    char buf[16];
    int r = snprintf(buf, sizeof buf, "%s-%d-%s", "abcdefgh", 123456, "tail-is-long");
    printf("snprintf ret %d buf [%s]\n", r, buf);
    r = snprintf(NULL, 0, "%lld", LLONG_MIN);
    printf("measure %d\n", r);
    r = snprintf(buf, 1, "xyz"); printf("one-byte ret %d len %d\n", r, buf[0]);
    for (int w = 0; w < 25; w += 6) printf("[%*d][%-*x][%0*lld]\n", w, w * 1001, w, w * 4099, w, (long long)w * -3);
    unsigned long long acc = 0;
    for (int i = 0; i < 5000; i++) { char t[64]; int k = snprintf(t, sizeof t, "%d:%x:%o:%+05d", i * 7919, i * 31, i, -i); acc = acc * 131 + (unsigned)k; for (int j = 0; j < k; j++) acc += (unsigned char)t[j] * (unsigned)(j + 1); }
    printf("bulk %llu\n", acc);
    fprintf(stderr, "to stderr %d %s\n", 7, "ok");
    return 0;
}
