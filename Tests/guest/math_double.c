// libm in double precision. Correctly rounded operations (sqrt, fma, rint, nextafter, arithmetic)
// are printed exactly with %a; transcendental functions, whose last bit may differ between the
// x86-64 and riscv64 glibc implementations, are printed to 12 significant digits.
#include <stdio.h>
#include <math.h>
#include <fenv.h>
#include <float.h>

static volatile double sink;
static void show_flags(const char *what) {
    printf("%s:%s%s%s%s%s\n", what, fetestexcept(FE_INEXACT) ? " inexact" : "", fetestexcept(FE_DIVBYZERO) ? " divbyzero" : "",
           fetestexcept(FE_INVALID) ? " invalid" : "", fetestexcept(FE_OVERFLOW) ? " overflow" : "",
           fetestexcept(FE_UNDERFLOW) ? " underflow" : "");
    feclearexcept(FE_ALL_EXCEPT);
}

int main(void) {
    static volatile const double xs[] = {0.0, 0.5, 1.0, 2.0, 3.0, 10.0, 0.1, 100.5, 1e-5, 12345.678, 0.75, 7.25};
    for (unsigned i = 0; i < sizeof xs / sizeof *xs; i++) {
        double x = xs[i];
        printf("x=%g sqrt=%a cbrt=%.12g sin=%.12g cos=%.12g tan=%.12g exp=%.12g log=%.12g log2=%.12g log10=%.12g\n",
               x, sqrt(x), cbrt(x), sin(x), cos(x), tan(x), exp(x), x > 0 ? log(x) : -1.0, x > 0 ? log2(x) : -1.0, x > 0 ? log10(x) : -1.0);
        printf("  atan=%.12g asin=%.12g sinh=%.12g tanh=%.12g expm1=%.12g log1p=%.12g pow(x,2.5)=%.12g pow(2,x)=%.12g\n",
               atan(x), x <= 1 ? asin(x) : 9.0, sinh(x), tanh(x), expm1(x), log1p(x), pow(x, 2.5), pow(2.0, x));
        printf("  floor=%a ceil=%a trunc=%a round=%a rint=%a fmod=%a remainder=%a hypot=%.12g atan2=%.12g erf=%.12g tgamma=%.12g\n",
               floor(x * 3.3), ceil(x * 3.3), trunc(-x * 3.3), round(x + 0.5), rint(x + 0.5), fmod(x * 7.0, 3.0),
               remainder(x * 7.0, 3.0), hypot(x, 3.0), atan2(x, -2.0), erf(x), x > 0 && x < 50 ? tgamma(x) : 0.0);
    }
    /* Correctly rounded: arithmetic, sqrt, fma. */
    volatile double a = 0.1, b = 0.2, c = 0.3, big = 1e308, tiny = 1e-310;
    printf("arith %a %a %a %a %a %a\n", a + b, a * b, c / a, c - b - a, big * 10.0 / 10.0 + 0.0, tiny / 3.0);
    printf("fma %a %a %a\n", fma(a, b, -0.02), fma(1.0 + DBL_EPSILON, 1.0 - DBL_EPSILON, -1.0), fma(big, 2.0, -big));
    printf("sqrt %a %a %a %a\n", sqrt(2.0), sqrt(DBL_MAX), sqrt(DBL_TRUE_MIN), sqrt(1e-300));
    printf("isnan sqrt(-1) %d, signbit(-0.0) %d, signbit(sqrt(-0.0)) %d\n", isnan(sqrt(-1.0)), signbit(-0.0), signbit(sqrt(-0.0)));

    /* Rounding modes: lrint, rint, nearbyint, llrint, and arithmetic under each mode. */
    const int modes[] = {FE_TONEAREST, FE_DOWNWARD, FE_UPWARD, FE_TOWARDZERO};
    const char *names[] = {"nearest", "down", "up", "zero"};
    static volatile const double rs[] = {2.5, 3.5, -2.5, -3.5, 1.4999999, -0.5, 0.5, 1e15 + 0.5, -7.75};
    for (int m = 0; m < 4; m++) {
        fesetround(modes[m]);
        printf("%-7s getround-ok=%d:", names[m], fegetround() == modes[m]);
        for (unsigned i = 0; i < sizeof rs / sizeof *rs; i++)
            printf(" %ld/%lld/%a/%a", lrint(rs[i]), llrint(rs[i]), rint(rs[i]), nearbyint(rs[i]));
        volatile double one = 1.0, three = 3.0;
        printf(" | 1/3=%a -1/3=%a sqrt2=%a fma=%a conv=%a\n", one / three, -one / three, sqrt(2.0), fma(one / three, three, -one),
               (double)(float)(one / three));
    }
    fesetround(FE_TONEAREST);

    /* nextafter, fmin/fmax with signed zeros, copysign, frexp/ldexp/modf, classification. */
    printf("nextafter %a %a %a %a %a\n", nextafter(1.0, 2.0), nextafter(1.0, 0.0), nextafter(0.0, 1.0), nextafter(-0.0, -1.0), nextafter(DBL_MAX, INFINITY));
    printf("fmin(-0,+0) signbit %d, fmin(+0,-0) %d, fmax(-0,+0) %d, fmax(+0,-0) %d\n", signbit(fmin(-0.0, 0.0)) != 0,
           signbit(fmin(0.0, -0.0)) != 0, signbit(fmax(-0.0, 0.0)) != 0, signbit(fmax(0.0, -0.0)) != 0);
    printf("fmin/fmax nan %g %g %g\n", fmin(NAN, 1.0), fmax(2.0, NAN), fmin(-1.0, 1.0));
    printf("copysign %g %g fabs %g\n", copysign(3.0, -0.0), copysign(-3.0, 1.0), fabs(-0.0));
    int e; double fr = frexp(1234.5, &e); double ip; double fp = modf(-3.75, &ip);
    printf("frexp %a %d ldexp %a %a modf %a %a ilogb %d logb %a scalbn %a\n", fr, e, ldexp(0.75, 10), ldexp(1.0, -1074), fp, ip, ilogb(1000.0), logb(0.01), scalbn(3.0, 5));
    printf("classify %d %d %d %d %d isinf %d isfinite %d\n", fpclassify(0.0) == FP_ZERO, fpclassify(DBL_TRUE_MIN) == FP_SUBNORMAL,
           fpclassify(1.0) == FP_NORMAL, fpclassify(INFINITY) == FP_INFINITE, fpclassify(NAN) == FP_NAN, isinf(-INFINITY), isfinite(DBL_MAX));

    /* IEEE exception flags. */
    feclearexcept(FE_ALL_EXCEPT);
    volatile double z = 0.0, one = 1.0, three = 3.0, hugev = DBL_MAX, m = DBL_MIN;
    sink = one / three; show_flags("1/3");
    sink = one / z; show_flags("1/0");
    sink = z / z; show_flags("0/0");
    sink = hugev * 2.0; show_flags("max*2");
    sink = m / 1e10; show_flags("min/1e10");
    sink = one + one; show_flags("1+1");
    sink = sqrt(-one); show_flags("sqrt(-1)");
    sink = (double)(long long)(three * 1e10); show_flags("conv");
    /* Float <-> int conversions in range (truncation toward zero). */
    const double cv[] = {2.9, -2.9, 1e18, -1e18, 4294967295.9, 0.999999};
    for (int i = 0; i < 6; i++) printf("conv %lld %ld %d ", (long long)cv[i], (long)cv[i], (int)(cv[i] / 1e9));
    printf("%llu %u\n", (unsigned long long)1.8e19, (unsigned)4.2e9);
    printf("i2d %a %a %a\n", (double)9007199254740993LL, (double)(unsigned long long)18446744073709551615ULL, (double)-9007199254740995LL);
    double s = 0; for (int i = 1; i <= 100000; i++) s += 1.0 / ((double)i * i);
    printf("basel %a\n", s);
    return 0;
}
