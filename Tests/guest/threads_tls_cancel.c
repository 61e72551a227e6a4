// Thread-local storage per thread, thread ids, pthread_cancel of a thread blocked in read(),
// cleanup handlers, detached threads, and exit of a thread while others run.
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>
#include <sys/syscall.h>

static __thread int tls_value = 7;
static __thread char tls_buffer[64];
static int fds[2];
static volatile int cleanup_ran;
static pid_t tids[8];

static void *tls_worker(void *arg) {
    long id = (long)arg;
    tls_value += (int)id;
    for (int i = 0; i < 64; i++) tls_buffer[i] = (char)id;
    usleep(1000);
    int sum = 0;
    for (int i = 0; i < 64; i++) sum += tls_buffer[i];
    tids[id] = (pid_t)syscall(SYS_gettid);
    return (void *)(long)(tls_value * 1000 + sum);
}
static void on_cleanup(void *arg) { (void)arg; cleanup_ran = 1; }
static void *blocked_reader(void *arg) {
    (void)arg; char c;
    pthread_cleanup_push(on_cleanup, NULL);
    read(fds[0], &c, 1);
    pthread_cleanup_pop(0);
    return NULL;
}
static void *detached(void *arg) { (void)arg; return NULL; }

int main(void) {
    pthread_t t[8];
    for (long i = 0; i < 8; i++) pthread_create(&t[i], NULL, tls_worker, (void *)i);
    int ok = 1;
    for (long i = 0; i < 8; i++) {
        void *r; pthread_join(t[i], &r);
        if ((long)r != (7 + i) * 1000 + 64 * i) ok = 0;
    }
    int distinct = 1;
    for (int i = 0; i < 8; i++) for (int j = 0; j < i; j++) if (tids[i] == tids[j] || tids[i] == getpid()) distinct = 0;
    printf("tls ok %d main tls %d distinct tids %d\n", ok, tls_value, distinct);

    pipe(fds);
    pthread_t reader;
    pthread_create(&reader, NULL, blocked_reader, NULL);
    usleep(50000);
    pthread_cancel(reader);
    void *result; pthread_join(reader, &result);
    printf("cancelled %d cleanup %d\n", result == PTHREAD_CANCELED, cleanup_ran);

    for (int i = 0; i < 100; i++) {
        pthread_t d; pthread_attr_t attr; pthread_attr_init(&attr);
        pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
        pthread_create(&d, &attr, detached, NULL);
        pthread_attr_destroy(&attr);
    }
    usleep(100000);
    printf("detached threads done\n");
    return 0;
}
