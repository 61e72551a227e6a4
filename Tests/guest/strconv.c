// String <-> number conversions: atoi/strtol/strtoull with bases, errors and end pointers,
// strtod/strtof round trips through %.17g/%a, sscanf, snprintf.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <limits.h>
#include <float.h>

int main(void) {
    const char *ints[] = {"0", "42", "-17", "  +99abc", "0x1F", "0777", "2147483647", "2147483648", "-9223372036854775808",
        "9223372036854775808", "18446744073709551615", "18446744073709551616", "junk", "", "-0", "1e5", "0b101", "zz"};
    for (unsigned i = 0; i < sizeof ints / sizeof *ints; i++) {
        char *end; errno = 0; long l = strtol(ints[i], &end, 0); int e1 = errno;
        errno = 0; unsigned long long u = strtoull(ints[i], NULL, 10); int e2 = errno;
        errno = 0; long b36 = strtol(ints[i], NULL, 36); int e3 = errno;
        printf("[%s] atoi=%d strtol=%ld end=%ld erange=%d strtoull=%llu erange=%d b36=%ld/%d\n", ints[i], atoi(ints[i]), l,
               (long)(end - ints[i]), e1 == ERANGE, u, e2 == ERANGE, b36, e3 == ERANGE);
    }
    printf("bases %ld %ld %ld %ld %lld\n", strtol("1010", NULL, 2), strtol("ff", NULL, 16), strtol("z", NULL, 36), strtol("0x10", NULL, 16), strtoll("-777", NULL, 8));
    const char *dbls[] = {"0", "1.5", "-2.25e-3", "1e308", "1e309", "4.9e-324", "2e-324", "0x1.8p3", "inf", "-Infinity", "nan", "3.14159265358979323846",
        "  12.5xyz", ".5", "5.", "1e", "0.1", "123456789012345678901234567890", "2.2250738585072011e-308"};
    for (unsigned i = 0; i < sizeof dbls / sizeof *dbls; i++) {
        char *end; errno = 0; double d = strtod(dbls[i], &end); int e = errno; float f = strtof(dbls[i], NULL);
        if (d != d) printf("[%s] nan end=%ld\n", dbls[i], (long)(end - dbls[i]));
        else printf("[%s] %a %.17g end=%ld erange=%d f=%a atof=%g\n", dbls[i], d, d, (long)(end - dbls[i]), e == ERANGE, (double)f, atof(dbls[i]));
    }
    /* Round trips: %.17g and %a must reproduce the exact double. */
    unsigned long long s = 1; int ok17 = 0, oka = 0, okg = 0;
    for (int i = 0; i < 20000; i++) {
        s = s * 6364136223846793005ULL + 1442695040888963407ULL;
        double d; unsigned long long bits = (s >> 1) & 0x7fefffffffffffffULL; memcpy(&d, &bits, 8);
        char b[64]; snprintf(b, sizeof b, "%.17g", d); ok17 += strtod(b, NULL) == d;
        snprintf(b, sizeof b, "%a", d); oka += strtod(b, NULL) == d;
        snprintf(b, sizeof b, "%.15g", d); double r = strtod(b, NULL); snprintf(b + 32, 32, "%.15g", r); okg += strcmp(b, b + 32) == 0;
    }
    printf("roundtrip %d %d %d of 20000\n", ok17, oka, okg);
    int a, b; char word[16]; double x; unsigned hx;
    int n = sscanf("  12 -7 hello 3.5e2 ff", "%d %d %15s %lf %x", &a, &b, word, &x, &hx);
    printf("sscanf %d: %d %d %s %g %u\n", n, a, b, word, x, hx);
    n = sscanf("10,20;rest", "%d,%d;%s", &a, &b, word); printf("sscanf2 %d %d %d %s\n", n, a, b, word);
    char num[32]; snprintf(num, sizeof num, "%d", INT_MIN); printf("INT_MIN roundtrip %d\n", atoi(num) == INT_MIN);
    printf("strtod(DBL_MAX str) %d\n", strtod("1.7976931348623157e308", NULL) == DBL_MAX);
    return 0;
}
