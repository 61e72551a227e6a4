// printf of doubles and floats: %f %e %g %a, flags, precisions, rounding, specials, subnormals.
#include <stdio.h>
#include <float.h>
#include <math.h>
#include <stdlib.h>

int main(void) {
    const double v[] = {0.0, -0.0, 1.0, -1.0, 0.1, 0.5, 1.5, 2.5, -2.5, 3.14159265358979, 2.718281828459045,
        1e10, 1e-10, 123456789.0, 1.0 / 3.0, 2.0 / 3.0, 1e300, 1e-300, DBL_MAX, DBL_MIN, DBL_MIN / 4, DBL_TRUE_MIN,
        DBL_EPSILON, 0.125, 1e15 + 0.3, 9.999999999, 0.000123456, 5e-324, 1.7976931348623157e308, 100, 1e21, 1e22};
    const char *fmts[] = {"%f", "%.0f", "%.1f", "%.3f", "%10.4f", "%-12.2f|", "%+.2f", "%e", "%.0e", "%.3E", "%g", "%.3g",
        "%.10g", "%#g", "%G", "%a", "%A", "%.3a", "%.17g", "%#.0f", "% .5e", "%015.3f"};
    for (unsigned i = 0; i < sizeof v / sizeof *v; i++) {
        for (unsigned f = 0; f < sizeof fmts / sizeof *fmts; f++) {
            if (fabs(v[i]) > 1e30 && (f <= 6 || f == 19 || f == 21)) continue;   /* keep %f lines short */
            printf(fmts[f], v[i]); putchar(' ');
        }
        putchar('\n');
    }
    const double sp[] = {INFINITY, -INFINITY};
    for (int i = 0; i < 2; i++) printf("%f %e %g %a %10f %-10F|\n", sp[i], sp[i], sp[i], sp[i], sp[i], sp[i]);
    printf("nan: %f %F %e %g %a\n", fabs(NAN), fabs(NAN), fabs(NAN), fabs(NAN), fabs(NAN));
    printf("float: %f %e %g %a %.9g\n", 0.1f, 1.0f / 3.0f, 16777217.0f, 0.1f, (double)FLT_MAX);
    printf("half-even: %.0f %.0f %.0f %.0f %.1f %.1f %.2f\n", 0.5, 1.5, 2.5, 3.5, 0.25, 0.35, 1.005);
    printf("%.60f\n", 0.1);
    printf("%.40e\n", 1.0 / 7.0);
    printf("%.400f\n", DBL_TRUE_MIN);
    printf("%f\n", 1e308);
    printf("%*.*f|%-*.*e|\n", 12, 3, 3.14159, 14, 2, 31415.9);
    double acc = 0; unsigned long long h = 0;
    for (int i = 1; i <= 3000; i++) {
        char b[64]; double x = (double)i * 1.37e-3 * (i % 2 ? 1 : -1) * pow(10.0, (i % 40) - 20);
        int k = snprintf(b, sizeof b, "%.*g", 1 + i % 17, x);
        double y = strtod(b, NULL); acc += y;
        for (int j = 0; j < k; j++) h = h * 33 + (unsigned char)b[j];
    }
    printf("bulk %llx %.6e\n", h, acc);
    return 0;
}
