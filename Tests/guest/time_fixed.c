// Deterministic time functions: gmtime/timegm of fixed epochs, localtime with a POSIX TZ rule,
// strftime formats, mktime normalisation; clocks are only checked for monotonicity.
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <sys/time.h>

int main(void) {
    const long long epochs[] = {0, 1, 86399, 86400, 951782400, 1000000000, 1234567890, 2147483647LL, 2147483648LL, -1, -86401,
        -2208988800LL, 4102444800LL, 253402300799LL, 1709210096};
    char buf[256];
    for (unsigned i = 0; i < sizeof epochs / sizeof *epochs; i++) {
        time_t t = (time_t)epochs[i]; struct tm tm; gmtime_r(&t, &tm);
        strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S %a %A %b %B %j %U %W %u %w %y %C %G-W%V %e %D %T %R %p %I %s", &tm);
        printf("%lld: %s yday=%d isdst=%d back=%lld\n", epochs[i], buf, tm.tm_yday, tm.tm_isdst, (long long)timegm(&tm));
    }
    setenv("TZ", "ABC+3DEF,M3.2.0,M11.1.0", 1); tzset();
    printf("tzname %s %s timezone %ld daylight %d\n", tzname[0], tzname[1], timezone, daylight);
    const long long lt[] = {1700000000, 1720000000, 1710054000, 1710057600, 0};
    for (unsigned i = 0; i < 5; i++) {
        time_t t = (time_t)lt[i]; struct tm tm; localtime_r(&t, &tm);
        strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S %Z %z", &tm);
        printf("local %lld: %s dst=%d gmtoff=%ld mktime=%lld\n", lt[i], buf, tm.tm_isdst, tm.tm_gmtoff, (long long)mktime(&tm));
    }
    struct tm n = {0}; n.tm_year = 124; n.tm_mon = 13; n.tm_mday = 35; n.tm_hour = 25; n.tm_min = 61; n.tm_isdst = -1;
    time_t m = mktime(&n); strftime(buf, sizeof buf, "%F %T", &n);
    printf("normalised %s wday %d -> %lld\n", buf, n.tm_wday, (long long)m);
    struct tm p = {0}; char *rest = strptime("2023-07-04 12:34:56", "%Y-%m-%d %H:%M:%S", &p);
    printf("strptime rest=%d %d/%d/%d %d:%d:%d\n", rest && !*rest, p.tm_year + 1900, p.tm_mon + 1, p.tm_mday, p.tm_hour, p.tm_min, p.tm_sec);
    time_t t0 = 1234567890; printf("ctime-gm %s", asctime(gmtime(&t0)));
    printf("difftime %.1f\n", difftime(1000, 250));
    struct timespec a, b; clock_gettime(CLOCK_MONOTONIC, &a); for (volatile int i = 0; i < 100000; i++) {} clock_gettime(CLOCK_MONOTONIC, &b);
    printf("monotonic ok %d\n", b.tv_sec > a.tv_sec || (b.tv_sec == a.tv_sec && b.tv_nsec >= a.tv_nsec));
    struct timeval tv; gettimeofday(&tv, NULL); time_t now = time(NULL);
    printf("realtime sane %d\n", now > 1600000000 && (tv.tv_sec - now) * (tv.tv_sec - now) <= 4);
    printf("cpu clock ok %d\n", clock() >= 0);
    return 0;
}
