// Pointer chasing: singly linked list build/reverse/merge-sort, a binary search tree with
// in-order traversal and deletion, and a shuffled cyclic pointer chase.
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>

struct node { long v; struct node *next; };
struct tree { long key; struct tree *l, *r; };
static uint32_t s = 42; static uint32_t rnd(void) { s ^= s << 13; s ^= s >> 17; s ^= s << 5; return s; }
static struct node *merge(struct node *a, struct node *b) { struct node head = {0, NULL}, *t = &head;
    while (a && b) { if (a->v <= b->v) { t->next = a; a = a->next; } else { t->next = b; b = b->next; } t = t->next; } t->next = a ? a : b; return head.next; }
static struct node *msort(struct node *h) { if (!h || !h->next) return h; struct node *slow = h, *fast = h->next;
    while (fast && fast->next) { slow = slow->next; fast = fast->next->next; } struct node *b = slow->next; slow->next = NULL; return merge(msort(h), msort(b)); }
static struct tree *insert(struct tree *t, long k) { if (!t) { t = calloc(1, sizeof *t); t->key = k; return t; } if (k < t->key) t->l = insert(t->l, k); else if (k > t->key) t->r = insert(t->r, k); return t; }
static struct tree *delete(struct tree *t, long k) {
    if (!t) return NULL; if (k < t->key) t->l = delete(t->l, k); else if (k > t->key) t->r = delete(t->r, k);
    else { if (!t->l || !t->r) { struct tree *c = t->l ? t->l : t->r; free(t); return c; } struct tree *m = t->r; while (m->l) m = m->l; t->key = m->key; t->r = delete(t->r, m->key); }
    return t; }
static long inorder_n, inorder_sum, prev_key = -1, ordered = 1;
static void inorder(struct tree *t) { if (!t) return; inorder(t->l); if (t->key <= prev_key) ordered = 0; prev_key = t->key; inorder_n++; inorder_sum += t->key; inorder(t->r); }
static int height(struct tree *t) { if (!t) return 0; int a = height(t->l), b = height(t->r); return 1 + (a > b ? a : b); }
static void free_tree(struct tree *t) { if (!t) return; free_tree(t->l); free_tree(t->r); free(t); }

int main(void) {
    struct node *h = NULL;
    for (int i = 0; i < 50000; i++) { struct node *n = malloc(sizeof *n); n->v = rnd() % 100000; n->next = h; h = n; }
    struct node *r = NULL; while (h) { struct node *n = h->next; h->next = r; r = h; h = n; } h = r;
    printf("head after reverse %ld\n", h->v);
    h = msort(h); long cnt = 0, sorted = 1, sum = 0; for (struct node *p = h; p; p = p->next) { cnt++; sum += p->v; if (p->next && p->v > p->next->v) sorted = 0; }
    printf("sorted %ld count %ld sum %ld min %ld\n", sorted, cnt, sum, h->v);
    while (h) { struct node *n = h->next; free(h); h = n; }
    struct tree *t = NULL; for (int i = 0; i < 20000; i++) t = insert(t, rnd() % 50000);
    inorder(t); printf("bst n %ld sum %ld ordered %ld height %d\n", inorder_n, inorder_sum, ordered, height(t));
    for (long k = 0; k < 50000; k += 3) t = delete(t, k);
    inorder_n = inorder_sum = 0; prev_key = -1; inorder(t); printf("after delete n %ld sum %ld ordered %ld\n", inorder_n, inorder_sum, ordered);
    free_tree(t);
    enum { N = 1 << 16 }; struct node *ring = malloc(N * sizeof *ring); uint32_t *perm = malloc(N * sizeof *perm);
    for (uint32_t i = 0; i < N; i++) perm[i] = i; for (uint32_t i = N - 1; i > 0; i--) { uint32_t j = rnd() % (i + 1); uint32_t t2 = perm[i]; perm[i] = perm[j]; perm[j] = t2; }
    for (uint32_t i = 0; i < N; i++) { ring[perm[i]].v = perm[i]; ring[perm[i]].next = &ring[perm[(i + 1) % N]]; }
    struct node *p = &ring[0]; uint64_t acc = 0; for (int i = 0; i < 500000; i++) { acc = acc * 31 + (uint64_t)p->v; p = p->next; }
    printf("chase %llu\n", (unsigned long long)acc);
    free(ring); free(perm);
    return 0;
}
