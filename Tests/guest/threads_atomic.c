// 64 threads x 100000 atomic increments, plus a mutex-protected counter and a condition
// variable barrier; the totals are exact.
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

#define THREADS 64
#define ITERATIONS 100000
static atomic_long counter;
static long locked_counter;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static int arrived, released;

static void *work(void *arg) {
    long id = (long)arg;
    for (int i = 0; i < ITERATIONS; i++) atomic_fetch_add_explicit(&counter, 1, memory_order_relaxed);
    for (int i = 0; i < 1000; i++) { pthread_mutex_lock(&lock); locked_counter += id; pthread_mutex_unlock(&lock); }
    pthread_mutex_lock(&lock);
    if (++arrived == THREADS) { released = 1; pthread_cond_broadcast(&cond); }
    while (!released) pthread_cond_wait(&cond, &lock);
    pthread_mutex_unlock(&lock);
    return (void *)(id * 2);
}

int main(void) {
    pthread_t t[THREADS];
    for (long i = 0; i < THREADS; i++) pthread_create(&t[i], NULL, work, (void *)i);
    long joined = 0;
    for (int i = 0; i < THREADS; i++) { void *r; pthread_join(t[i], &r); joined += (long)r; }
    printf("atomic %ld expected %ld\n", (long)atomic_load(&counter), (long)THREADS * ITERATIONS);
    printf("mutex %ld expected %ld\n", locked_counter, 1000L * (THREADS - 1) * THREADS / 2);
    printf("joined %ld barrier %d\n", joined, arrived);
    return 0;
}
