// Recursion: Ackermann, naive Fibonacci, mutual recursion, N-queens, Hanoi, permutations and a
// deep (but bounded) recursion that uses a few MiB of stack.
#include <stdio.h>
#include <string.h>

static unsigned long ack(unsigned long m, unsigned long n) { return m == 0 ? n + 1 : n == 0 ? ack(m - 1, 1) : ack(m - 1, ack(m, n - 1)); }
static long fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
static int is_odd(unsigned n);
static int is_even(unsigned n) { return n == 0 ? 1 : is_odd(n - 1); }
static int is_odd(unsigned n) { return n == 0 ? 0 : is_even(n - 1); }
static int queens(int n, int row, unsigned cols, unsigned d1, unsigned d2) {
    if (row == n) return 1; int count = 0;
    for (int c = 0; c < n; c++) { if ((cols >> c) & 1 || (d1 >> (row + c)) & 1 || (d2 >> (row - c + n)) & 1) continue;
        count += queens(n, row + 1, cols | 1u << c, d1 | 1u << (row + c), d2 | 1u << (row - c + n)); }
    return count;
}
static long moves; static int pegs[3];
static void hanoi(int n, int from, int to, int via) { if (!n) return; hanoi(n - 1, from, via, to); pegs[from]--; pegs[to]++; moves++; hanoi(n - 1, via, to, from); }
static int perm_count; static char perm_first[8], perm_last[8];
static void permute(char *s, int k, int n) {
    if (k == n) { if (!perm_count++) memcpy(perm_first, s, 8); memcpy(perm_last, s, 8); return; }
    for (int i = k; i < n; i++) { char t = s[k]; s[k] = s[i]; s[i] = t; permute(s, k + 1, n); t = s[k]; s[k] = s[i]; s[i] = t; }
}
static __attribute__((noinline)) long deep(long n, volatile signed char *prev) {
    volatile signed char frame[64]; frame[0] = (signed char)n; frame[63] = prev ? prev[0] : 0;
    if (n == 0) return frame[0] + frame[63];
    return deep(n - 1, frame) + (frame[0] & 1);
}
static double integrate(double (*f)(double), double a, double b, int depth) {
    double m = (a + b) / 2; if (depth == 0) return (b - a) * (f(a) + 4 * f(m) + f(b)) / 6;
    return integrate(f, a, m, depth - 1) + integrate(f, m, b, depth - 1);
}
static double sq(double x) { return x * x * x - x; }

int main(void) {
    printf("ack(2,3)=%lu ack(3,5)=%lu\n", ack(2, 3), ack(3, 5));
    printf("fib(27)=%ld\n", fib(27));
    printf("even(10001)=%d odd(7777)=%d\n", is_even(10001), is_odd(7777));
    for (int n = 1; n <= 9; n++) printf("queens(%d)=%d ", n, queens(n, 0, 0, 0, 0));
    printf("\n");
    pegs[0] = 16; hanoi(16, 0, 2, 1); printf("hanoi moves=%ld pegs=%d,%d,%d\n", moves, pegs[0], pegs[1], pegs[2]);
    char s[8] = "abcdefg"; permute(s, 0, 7); printf("perms=%d first=%s last=%s\n", perm_count, perm_first, perm_last);
    printf("deep=%ld\n", deep(30000, NULL));
    printf("simpson=%.10f\n", integrate(sq, 0.0, 2.0, 12));
    return 0;
}
