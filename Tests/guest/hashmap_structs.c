// Struct-heavy code: an open-addressing hash map with string keys counting words of generated
// text, structs passed and returned by value, unions, bitfields, flexible array members.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

struct entry { char *key; uint32_t hash; int count; };
struct map { struct entry *slots; size_t cap, used; };
static uint32_t fnv1a(const char *s) { uint32_t h = 2166136261u; while (*s) h = (h ^ (unsigned char)*s++) * 16777619u; return h; }
static void map_grow(struct map *m);
static struct entry *map_find(struct map *m, const char *k, uint32_t h) {
    size_t i = h & (m->cap - 1);
    while (m->slots[i].key && (m->slots[i].hash != h || strcmp(m->slots[i].key, k))) i = (i + 1) & (m->cap - 1);
    return &m->slots[i];
}
static void map_add(struct map *m, const char *k) {
    if ((m->used + 1) * 4 > m->cap * 3) map_grow(m);
    uint32_t h = fnv1a(k); struct entry *e = map_find(m, k, h);
    if (!e->key) { e->key = strdup(k); e->hash = h; m->used++; }
    e->count++;
}
static void map_grow(struct map *m) {
    struct map n = {calloc(m->cap * 2, sizeof(struct entry)), m->cap * 2, m->used};
    for (size_t i = 0; i < m->cap; i++) if (m->slots[i].key) *map_find(&n, m->slots[i].key, m->slots[i].hash) = m->slots[i];
    free(m->slots); *m = n;
}
static int by_count(const void *a, const void *b) { const struct entry *x = a, *y = b;
    if (x->count != y->count) return y->count - x->count; return strcmp(x->key, y->key); }

struct vec3 { double x, y, z; };
static struct vec3 cross(struct vec3 a, struct vec3 b) { return (struct vec3){a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x}; }
struct flags { unsigned a : 3; unsigned b : 5; signed c : 4; unsigned d : 20; };
union pun { uint64_t u; double d; uint8_t bytes[8]; struct { uint32_t lo, hi; } w; };
struct blob { size_t n; int data[]; };
struct big { char name[40]; int vals[16]; double weight; };
static struct big make_big(int seed) { struct big b; memset(&b, 0, sizeof b); snprintf(b.name, sizeof b.name, "item-%d", seed); for (int i = 0; i < 16; i++) b.vals[i] = seed * i; b.weight = seed / 4.0; return b; }
static int sum_big(struct big b) { int s = 0; for (int i = 0; i < 16; i++) s += b.vals[i]; return s + (int)b.weight + (int)strlen(b.name); }

int main(void) {
    static const char *syll[] = {"ka", "lo", "mi", "ne", "ru", "ta", "shi", "po", "e", "an"};
    struct map m = {calloc(16, sizeof(struct entry)), 16, 0};
    uint32_t s = 7;
    for (int w = 0; w < 30000; w++) {
        char word[32] = ""; s = s * 1664525u + 1013904223u; int parts = 1 + (int)((s >> 28) % 3);
        for (int p = 0; p < parts; p++) { s = s * 1664525u + 1013904223u; strcat(word, syll[(s >> 24) % 10]); }
        map_add(&m, word);
    }
    struct entry *list = malloc(m.used * sizeof *list); size_t n = 0;
    for (size_t i = 0; i < m.cap; i++) if (m.slots[i].key) list[n++] = m.slots[i];
    qsort(list, n, sizeof *list, by_count);
    printf("distinct %zu cap %zu\n", n, m.cap);
    for (size_t i = 0; i < 12; i++) printf("%s=%d ", list[i].key, list[i].count);
    printf("\nleast %s=%d\n", list[n - 1].key, list[n - 1].count);
    for (size_t i = 0; i < m.cap; i++) free(m.slots[i].key);
    free(m.slots); free(list);

    struct vec3 c = cross((struct vec3){1, 2, 3}, (struct vec3){4, 5, 6});
    printf("cross %g %g %g\n", c.x, c.y, c.z);
    struct flags f = {5, 17, -3, 0xABCDE}; f.b += 20; f.c -= 6; f.a++;
    printf("bitfields %u %u %d %x size %zu\n", f.a, f.b, f.c, f.d, sizeof f);
    union pun u; u.d = -2.5; printf("union %016llx lo %08x hi %08x b0 %02x b7 %02x\n", (unsigned long long)u.u, u.w.lo, u.w.hi, u.bytes[0], u.bytes[7]);
    struct blob *b = malloc(sizeof *b + 100 * sizeof(int)); b->n = 100; long t = 0;
    for (size_t i = 0; i < b->n; i++) b->data[i] = (int)(i * i); for (size_t i = 0; i < b->n; i++) t += b->data[i];
    printf("flex %ld\n", t); free(b);
    struct big arr[8]; for (int i = 0; i < 8; i++) arr[i] = make_big(i + 3);
    int tot = 0; for (int i = 0; i < 8; i++) tot += sum_big(arr[i]);
    struct big cp = arr[5]; cp.vals[0] = 999; printf("bigstructs %d %s %d %d\n", tot, cp.name, arr[5].vals[0], cp.vals[0]);
    return 0;
}
