// Robust mutexes: a thread that dies holding one leaves it to the next locker with EOWNERDEAD
// (the kernel walks the dead thread's robust list), pthread_mutex_consistent makes it usable
// again; PR_GET_TID_ADDRESS, thread names, and exit of the main thread while another thread
// finishes the process.
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

static pthread_mutex_t robust;
static void *die_holding(void *arg) {
    (void)arg;
    pthread_mutex_lock(&robust);
    return NULL;  // exits with the mutex held
}
static void *last_thread(void *arg) {
    pthread_t main_thread = *(pthread_t *)arg;
    pthread_join(main_thread, NULL);
    printf("last thread finishes after main exited\n");
    fflush(stdout);
    return NULL;
}

int main(void) {
    pthread_mutexattr_t attr;
    pthread_mutexattr_init(&attr);
    pthread_mutexattr_setrobust(&attr, PTHREAD_MUTEX_ROBUST);
    pthread_mutex_init(&robust, &attr);
    pthread_t t;
    pthread_create(&t, NULL, die_holding, NULL);
    pthread_join(t, NULL);
    int r = pthread_mutex_lock(&robust);
    printf("lock after owner died: %s\n", r == EOWNERDEAD ? "EOWNERDEAD" : strerror(r));
    printf("consistent %d\n", pthread_mutex_consistent(&robust));
    pthread_mutex_unlock(&robust);
    printf("lock again %d\n", pthread_mutex_lock(&robust));
    pthread_mutex_unlock(&robust);

    int *tid_address = NULL;
    int got = prctl(PR_GET_TID_ADDRESS, &tid_address);
    printf("PR_GET_TID_ADDRESS %d nonzero %d\n", got, tid_address != NULL);
    prctl(PR_SET_NAME, "robust-main");
    char name[16] = {0};
    prctl(PR_GET_NAME, name);
    printf("name %s\n", name);

    static pthread_t self;
    self = pthread_self();
    pthread_t last;
    pthread_create(&last, NULL, last_thread, &self);
    pthread_exit(NULL);
}
