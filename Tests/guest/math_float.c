// Single-precision arithmetic and libm (float), conversions between float, double and integers.
#include <stdio.h>
#include <math.h>
#include <fenv.h>
#include <float.h>
#include <stdint.h>
#include <string.h>

static uint32_t bits(float f) { uint32_t u; memcpy(&u, &f, 4); return u; }

int main(void) {
    static volatile const float xs[] = {0.0f, 0.5f, 1.0f, 2.0f, 3.0f, 10.0f, 0.1f, 100.5f, 1e-5f, 12345.678f, 0.75f, 7.25f, 1e30f, 1e-40f};
    for (unsigned i = 0; i < sizeof xs / sizeof *xs; i++) {
        float x = xs[i];
        printf("x=%a sqrtf=%a fmaf=%a x*x=%a x/3=%a x+0.1=%a sinf=%.6g expf=%.6g logf=%.6g powf=%.6g\n", x, sqrtf(x),
               fmaf(x, x, -1.0f), x * x, x / 3.0f, x + 0.1f, sinf(x), expf(x / 8.0f), x > 0 ? logf(x) : -1.0f, powf(x, 1.5f));
        printf("  floorf=%a ceilf=%a roundf=%a truncf=%a rintf=%a lrintf=%ld bits=%08x d=%a\n", floorf(x * 2.5f), ceilf(x * 2.5f),
               roundf(x * 2.5f), truncf(-x * 2.5f), rintf(x * 2.5f), x < 1e9f ? lrintf(x * 2.5f) : 0L, bits(x), (double)x);
    }
    const int modes[] = {FE_TONEAREST, FE_DOWNWARD, FE_UPWARD, FE_TOWARDZERO};
    for (int m = 0; m < 4; m++) {
        fesetround(modes[m]);
        volatile float one = 1.0f, three = 3.0f; volatile double d = 1.0 / 3.0; volatile long long big = 123456789012345LL;
        printf("mode %d: %a %a %a %a %a %ld %ld %ld\n", m, one / three, -one / three, sqrtf(2.0f), (float)d, (float)big,
               lrintf(2.5f), lrintf(-2.5f), lrintf(3.5f));
    }
    fesetround(FE_TONEAREST);
    printf("nextafterf %a %a %a\n", nextafterf(1.0f, 2.0f), nextafterf(0.0f, -1.0f), nextafterf(FLT_MAX, INFINITY));
    printf("fminf/fmaxf signed zero %d %d %d %d\n", signbit(fminf(-0.0f, 0.0f)) != 0, signbit(fminf(0.0f, -0.0f)) != 0,
           signbit(fmaxf(-0.0f, 0.0f)) != 0, signbit(fmaxf(0.0f, -0.0f)) != 0);
    printf("fminf nan %a %a isnan %d\n", fminf(NAN, 1.0f), fmaxf(2.0f, NAN), isnan(0.0f * INFINITY));
    printf("copysignf %a fabsf %a\n", copysignf(2.0f, -1.0f), fabsf(-3.5f));
    volatile float fi = 16777216.0f;
    printf("int edge %a %a %d %u %lld\n", fi + 1.0f, fi + 2.0f, (int)(fi * 64.0f), (unsigned)3.9e9f, (long long)-1.5e18f);
    volatile double dd = 0.1; volatile float ff = (float)dd;
    printf("d2f %a f2d %a %d\n", (double)ff, (double)(float)1e40, isinf((float)1e40));
    printf("subnormal %a %a %a\n", FLT_MIN / 8.0f, FLT_TRUE_MIN, FLT_TRUE_MIN / 2.0f);
    float acc = 0; for (int i = 1; i <= 20000; i++) acc += 1.0f / (float)i;
    float kahan = 0, comp = 0; for (int i = 1; i <= 20000; i++) { float y = 1.0f / (float)i - comp; float t = kahan + y; comp = (t - kahan) - y; kahan = t; }
    printf("harmonic %a kahan %a\n", acc, kahan);
    /* Comparisons with NaN (feq/flt/fle are quiet/signalling). */
    volatile float n = NAN, one = 1.0f;
    printf("cmp %d %d %d %d %d %d\n", n == n, n < one, n <= one, n > one, n != n, isless(n, one));
    feclearexcept(FE_ALL_EXCEPT);
    volatile int r1 = isless(n, one); int quiet = fetestexcept(FE_INVALID) != 0;
    volatile int r2 = n < one; int signalling = fetestexcept(FE_INVALID) != 0;
    printf("invalid quiet=%d signalling=%d %d %d\n", quiet, signalling, r1, r2);
    return 0;
}
