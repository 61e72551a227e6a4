// Signal storm: 2000 real-time signals queued with values from a sender thread while worker
// threads keep starting and exiting (every one delivered once: count and sum exact), then a
// 1 ms POSIX timer until 2000 expirations are accounted for (deliveries plus overruns).
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#define SIGNALS 2000
static atomic_long received, value_sum, timer_events;
static atomic_int stop_workers;

static void on_queued(int sig, siginfo_t *si, void *uc) {
    (void)sig; (void)uc; atomic_fetch_add(&received, 1); atomic_fetch_add(&value_sum, si->si_value.sival_int);
}
static void on_timer(int sig, siginfo_t *si, void *uc) {
    (void)sig; (void)uc; atomic_fetch_add(&timer_events, 1 + si->si_overrun);
}
static void *short_lived(void *arg) { (void)arg; volatile int x = 0; for (int i = 0; i < 1000; i++) x += i; return NULL; }
static void *churn(void *arg) {
    (void)arg;
    while (!atomic_load(&stop_workers)) {
        pthread_t t; if (pthread_create(&t, NULL, short_lived, NULL) == 0) pthread_join(t, NULL);
    }
    return NULL;
}
static void *sender(void *arg) {
    pid_t pid = *(pid_t *)arg;
    for (int i = 1; i <= SIGNALS; i++) {
        while (sigqueue(pid, SIGRTMIN, (union sigval){ .sival_int = i }) != 0 && errno == EAGAIN) usleep(100);
    }
    return NULL;
}

int main(void) {
    struct sigaction sa = {0}; sa.sa_sigaction = on_queued; sa.sa_flags = SA_SIGINFO | SA_RESTART;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGRTMIN, &sa, NULL);
    sa.sa_sigaction = on_timer; sigaction(SIGRTMIN + 1, &sa, NULL);
    pthread_t workers[3], send;
    for (int i = 0; i < 3; i++) pthread_create(&workers[i], NULL, churn, NULL);
    pid_t pid = getpid();
    pthread_create(&send, NULL, sender, &pid);
    pthread_join(send, NULL);
    while (atomic_load(&received) < SIGNALS) usleep(1000);
    printf("queued signals received %ld sum %ld expected %ld\n", (long)atomic_load(&received),
           (long)atomic_load(&value_sum), (long)SIGNALS * (SIGNALS + 1) / 2);

    timer_t timer; struct sigevent ev = {0};
    ev.sigev_notify = SIGEV_SIGNAL; ev.sigev_signo = SIGRTMIN + 1;
    timer_create(CLOCK_MONOTONIC, &ev, &timer);
    struct itimerspec its = { { 0, 1000000 }, { 0, 1000000 } };
    timer_settime(timer, 0, &its, NULL);
    while (atomic_load(&timer_events) < SIGNALS) usleep(1000);
    struct itimerspec off = {0}; timer_settime(timer, 0, &off, NULL);
    atomic_store(&stop_workers, 1);
    for (int i = 0; i < 3; i++) pthread_join(workers[i], NULL);
    printf("timer expirations accounted >= %d: %d\n", SIGNALS, atomic_load(&timer_events) >= SIGNALS);
    return 0;
}
