// qsort and bsearch with several comparators: ints, strings, structs with tie-breaking, reverse.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct rec { int key; char name[12]; int seq; };
static int cmp_int(const void *a, const void *b) { int x = *(const int *)a, y = *(const int *)b; return (x > y) - (x < y); }
static int cmp_int_desc(const void *a, const void *b) { return cmp_int(b, a); }
static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }
static int cmp_rec(const void *a, const void *b) { const struct rec *x = a, *y = b;
    if (x->key != y->key) return x->key < y->key ? -1 : 1; int c = strcmp(x->name, y->name); return c ? c : x->seq - y->seq; }
static int cmp_double(const void *a, const void *b) { double x = *(const double *)a, y = *(const double *)b; return (x > y) - (x < y); }
static unsigned long long st = 0x2545F4914F6CDD1DULL;
static unsigned rnd(void) { st ^= st >> 12; st ^= st << 25; st ^= st >> 27; return (unsigned)((st * 2685821657736338717ULL) >> 33); }

int main(void) {
    enum { N = 20000 };
    static int a[N];
    for (int i = 0; i < N; i++) a[i] = (int)(rnd() % 100000) - 50000;
    qsort(a, N, sizeof *a, cmp_int);
    long long h = 0; int sorted = 1;
    for (int i = 0; i < N; i++) { h = h * 31 + a[i]; if (i && a[i - 1] > a[i]) sorted = 0; }
    printf("ints sorted=%d min=%d max=%d median=%d hash=%lld\n", sorted, a[0], a[N - 1], a[N / 2], h);
    int hits = 0; long long pos = 0;
    for (int k = -50000; k < 50000; k += 37) { int *p = bsearch(&k, a, N, sizeof *a, cmp_int); if (p) { hits++; pos += *p == k; } }
    printf("bsearch hits=%d exact=%lld\n", hits, pos);
    qsort(a, N, sizeof *a, cmp_int_desc);
    printf("desc first=%d last=%d\n", a[0], a[N - 1]);

    static char storage[3000][16]; static char *words[3000];
    for (int i = 0; i < 3000; i++) { int len = 1 + rnd() % 10; for (int j = 0; j < len; j++) storage[i][j] = (char)('a' + rnd() % 6); storage[i][len] = 0; words[i] = storage[i]; }
    qsort(words, 3000, sizeof *words, cmp_str);
    for (int i = 0; i < 3000; i += 250) printf("%s ", words[i]);
    printf("\n");
    const char *key = "abc"; char **w = bsearch(&key, words, 3000, sizeof *words, cmp_str);
    printf("found abc: %s\n", w ? *w : "(none)");

    static struct rec recs[5000];
    for (int i = 0; i < 5000; i++) { recs[i].key = (int)(rnd() % 50); snprintf(recs[i].name, sizeof recs[i].name, "n%u", rnd() % 7); recs[i].seq = i; }
    qsort(recs, 5000, sizeof *recs, cmp_rec);
    for (int i = 0; i < 5000; i += 500) printf("(%d,%s,%d) ", recs[i].key, recs[i].name, recs[i].seq);
    printf("\n");
    double d[1000]; for (int i = 0; i < 1000; i++) d[i] = (double)(rnd() % 1000000) / 7.0 - 50000.0;
    qsort(d, 1000, sizeof *d, cmp_double);
    printf("doubles %.6f %.6f %.6f\n", d[0], d[500], d[999]);
    /* Small arrays and already-sorted / reverse-sorted inputs. */
    for (int n = 0; n < 8; n++) { int s[8]; for (int i = 0; i < n; i++) s[i] = n - i; qsort(s, (size_t)n, sizeof *s, cmp_int); for (int i = 0; i < n; i++) printf("%d", s[i]); printf("|"); }
    printf("\n");
    return 0;
}
