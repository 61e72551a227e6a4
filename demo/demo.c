/* demo: the riscv64 program that scripts/demo runs through swift-qemu-riscv64.
 *
 * A small but real program: libc start-up, argc/argv, uname(2), stdio with printf's integer and
 * floating-point formatting, 64- and 128-bit integer arithmetic, a little libm. Everything it
 * prints is deterministic, so the same source built natively prints the same lines except the
 * uname machine field (that is what `make -C demo check` verifies).
 *
 * Build: make -C demo   (riscv64-linux-gnu-gcc -O2 -static -s, see demo/Makefile)
 */
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

/* Number of primes below `limit`, the largest of them, and the first ten (sieve of Eratosthenes). */
static void primes(uint32_t limit) {
    uint8_t *composite = calloc(limit, 1);
    if (!composite) { perror("calloc"); exit(1); }
    uint32_t count = 0, largest = 0;
    printf("  first primes:");
    for (uint32_t i = 2; i < limit; i++) {
        if (composite[i]) continue;
        if (count < 10) printf(" %u", i);
        count++;
        largest = i;
        for (uint64_t j = (uint64_t)i * i; j < limit; j += i) composite[j] = 1;
    }
    printf("\n  primes below %u: %u (largest %u)\n", limit, count, largest);
    free(composite);
}

/* The start below `limit` with the longest Collatz chain (3n+1 problem). */
static void collatz(uint32_t limit) {
    uint32_t best_start = 1, best_steps = 0;
    uint64_t highest = 1;
    for (uint32_t start = 1; start < limit; start++) {
        uint64_t n = start;
        uint32_t steps = 0;
        while (n != 1) {
            n = (n & 1) ? 3 * n + 1 : n >> 1;
            if (n > highest) highest = n;
            steps++;
        }
        if (steps > best_steps) { best_steps = steps; best_start = start; }
    }
    printf("  Collatz record below %u: %u takes %u steps (highest value seen %" PRIu64 ")\n",
           limit, best_start, best_steps, highest);
}

/* Bitwise CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320). */
static uint32_t crc32(const char *text) {
    uint32_t crc = 0xFFFFFFFFu;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        crc ^= *p;
        for (int k = 0; k < 8; k++) crc = (crc >> 1) ^ (0xEDB88320u & -(crc & 1));
    }
    return ~crc;
}

static int compare_strings(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv) {
    struct utsname un;
    printf("Hello from riscv64!\n");
    printf("This report was computed by a statically linked RV64GC Linux program.\n\n");

    printf("[system]\n");
    if (uname(&un) == 0) printf("  uname machine: %s\n", un.machine);
    else perror("uname");
    printf("  sizeof(long) = %zu, sizeof(void *) = %zu, sizeof(long double) = %zu\n",
           sizeof(long), sizeof(void *), sizeof(long double));

    printf("\n[arguments]\n  argc = %d\n", argc);
    for (int i = 1; i < argc; i++) printf("  argv[%d] = \"%s\"\n", i, argv[i]);
    if (argc > 2) {
        char **sorted = malloc((size_t)(argc - 1) * sizeof *sorted);
        if (!sorted) { perror("malloc"); return 1; }
        memcpy(sorted, argv + 1, (size_t)(argc - 1) * sizeof *sorted);
        qsort(sorted, (size_t)(argc - 1), sizeof *sorted, compare_strings);
        printf("  sorted:");
        for (int i = 0; i < argc - 1; i++) printf(" %s", sorted[i]);
        printf("\n");
        free(sorted);
    }

    printf("\n[integers]\n");
    primes(100000);
    collatz(100000);
    uint64_t fact = 1, fib_a = 0, fib_b = 1;
    for (int i = 2; i <= 20; i++) fact *= (uint64_t)i;
    for (int i = 0; i < 90; i++) { uint64_t t = fib_a + fib_b; fib_a = fib_b; fib_b = t; }
    printf("  20! = %" PRIu64 ", fib(90) = %" PRIu64 "\n", fact, fib_a);
    unsigned __int128 wide = (unsigned __int128)UINT64_MAX * UINT64_MAX;
    printf("  (2^64-1)^2 = 0x%016" PRIx64 "%016" PRIx64 "\n", (uint64_t)(wide >> 64), (uint64_t)wide);
    const char *fox = "The quick brown fox jumps over the lazy dog";
    printf("  crc32(\"%s\") = %08x\n", fox, crc32(fox));

    printf("\n[floating point]\n");
    double pi = 0;
    for (int k = 0; k < 1000000; k++) pi += (k & 1 ? -4.0 : 4.0) / (2.0 * k + 1.0);
    printf("  pi (Leibniz, 10^6 terms) = %.12f\n", pi);
    /* volatile: make libm do the work at run time instead of the compiler at build time. */
    volatile double one = 1.0, two = 2.0, ten = 10.0;
    printf("  pi (4 atan 1)            = %.12f\n", 4 * atan(one));
    printf("  sqrt(2) = %.15f, e = %.12f, ln(10) = %.12f\n", sqrt(two), exp(one), log(ten));
    float third = 1.0f / 3.0f;
    printf("  1/3 as float = %.9g, as double = %.17g\n", third, 1.0 / 3.0);
    printf("  6.02214076e23 / 1e-3 = %e, -0.0 = %g, 1/0 = %f\n", 6.02214076e23 / 1e-3, -0.0, 1.0 / 0.0);

    printf("\nGoodbye from riscv64.\n");
    return 0;
}
