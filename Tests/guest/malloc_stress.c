// Deterministic malloc/calloc/realloc/free stress with content verification, including
// allocations above the mmap threshold and aligned allocations.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <malloc.h>

static uint64_t st = 0x9E3779B97F4A7C15ULL;
static uint64_t rnd(void) { st += 0x9E3779B97F4A7C15ULL; uint64_t z = st; z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL; z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL; return z ^ (z >> 31); }

enum { SLOTS = 512 };
static unsigned char *ptr[SLOTS]; static size_t len[SLOTS]; static unsigned char tag[SLOTS];

static int check(int i) { for (size_t k = 0; k < len[i]; k++) if (ptr[i][k] != (unsigned char)(tag[i] + k)) return 0; return 1; }
static void fill(int i) { for (size_t k = 0; k < len[i]; k++) ptr[i][k] = (unsigned char)(tag[i] + k); }

int main(void) {
    long ops[4] = {0}; int bad = 0; uint64_t total = 0;
    for (int step = 0; step < 10000; step++) {
        int i = (int)(rnd() % SLOTS); uint64_t r = rnd();
        size_t want = (r & 0xff) < 3 ? (size_t)(r >> 40) % (300 * 1024) : (r & 0xff) < 60 ? (size_t)(r >> 40) % 4096 : (size_t)(r >> 40) % 128;
        if (!ptr[i]) {
            if (r & 0x100) { ptr[i] = calloc(1, want + 1); for (size_t k = 0; k <= want; k++) if (ptr[i][k]) bad++; ops[0]++; }
            else { ptr[i] = malloc(want + 1); ops[1]++; }
            len[i] = want + 1; tag[i] = (unsigned char)r; fill(i);
        } else if (r & 0x200) {
            if (!check(i)) bad++;
            size_t keep = len[i] < want + 1 ? len[i] : want + 1;
            ptr[i] = realloc(ptr[i], want + 1); ops[2]++;
            for (size_t k = 0; k < keep; k++) if (ptr[i][k] != (unsigned char)(tag[i] + k)) { bad++; break; }
            len[i] = want + 1; fill(i);
        } else {
            if (!check(i)) bad++;
            free(ptr[i]); ptr[i] = NULL; len[i] = 0; ops[3]++;
        }
        total += want;
    }
    int live = 0; for (int i = 0; i < SLOTS; i++) if (ptr[i]) { if (!check(i)) bad++; live++; free(ptr[i]); }
    printf("calloc %ld malloc %ld realloc %ld free %ld live %d bad %d total %llu\n", ops[0], ops[1], ops[2], ops[3], live, bad, (unsigned long long)total);

    int aligned = 1;
    for (size_t al = 16; al <= 65536; al *= 4) {
        void *p = NULL; if (posix_memalign(&p, al, 1000) != 0 || ((uintptr_t)p & (al - 1))) aligned = 0; memset(p, 1, 1000); free(p);
        void *q = aligned_alloc(al, al * 2); if ((uintptr_t)q & (al - 1)) aligned = 0; memset(q, 2, al * 2); free(q);
        void *m = memalign(al, 77); if ((uintptr_t)m & (al - 1)) aligned = 0; free(m);
    }
    printf("aligned %d\n", aligned);
    /* Big blocks (mmap-backed) grown by realloc. */
    unsigned char *big = NULL; size_t sz = 0; uint64_t sum = 0;
    for (int k = 1; k <= 6; k++) {
        size_t nsz = (size_t)k * 300 * 1024; big = realloc(big, nsz);
        for (size_t j = sz; j < nsz; j++) big[j] = (unsigned char)(j * 7 + k);
        sz = nsz;
    }
    for (size_t j = 0; j < sz; j += 97) sum += big[j];
    free(big);
    printf("big sum %llu size %zu\n", (unsigned long long)sum, sz);
    printf("usable>=req %d\n", malloc_usable_size(malloc(100)) >= 100);
    return bad != 0;
}
