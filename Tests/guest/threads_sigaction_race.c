// Signal dispositions are one table per process, shared by its threads: several threads call
// sigaction at once (each on signals of its own, alternating two handlers and flag sets and
// checking that the old action it gets back is exactly the one it set last) while a sender
// thread keeps signals coming to the process, so deliveries read the table meanwhile. Nothing
// may be lost or torn, and at the end every signal runs the handler its thread left in place.
// Then all threads flip one shared signal between two whole actions.
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define THREADS 4
#define PER_THREAD 2
#define ROUNDS 20000
#define SHARED_ROUNDS 60000

static atomic_long handled_a, handled_b, handled_usr, sent;
static atomic_int stop_sender;
static atomic_int final_hits[65];

static void handler_a(int sig) { (void)sig; atomic_fetch_add(&handled_a, 1); }
static void handler_b(int sig) { (void)sig; atomic_fetch_add(&handled_b, 1); }
static void handler_final(int sig) { atomic_fetch_add(&final_hits[sig], 1); }
static void handler_usr(int sig, siginfo_t *info, void *uc) { (void)sig; (void)info; (void)uc; atomic_fetch_add(&handled_usr, 1); }

// glibc copies only the kernel's 64 bits of a returned sa_mask: compare signal by signal.
static int same_mask(const sigset_t *a, const sigset_t *b) {
    for (int sig = 1; sig <= 64; sig++)
        if (sigismember(a, sig) != sigismember(b, sig)) return 0;
    return 1;
}

static int signal_of(int thread, int k) { return SIGRTMIN + 1 + thread * PER_THREAD + k; }

static void *flipper(void *arg) {
    int thread = (int)(long)arg;
    long wrong = 0;
    struct sigaction last[PER_THREAD];
    for (int k = 0; k < PER_THREAD; k++) {
        memset(&last[k], 0, sizeof last[k]);
        last[k].sa_handler = handler_a;
        sigemptyset(&last[k].sa_mask);
        sigaction(signal_of(thread, k), &last[k], NULL);
    }
    for (int round = 0; round < ROUNDS; round++) {
        int k = round % PER_THREAD;
        struct sigaction next, old;
        memset(&next, 0, sizeof next);
        next.sa_handler = (round / PER_THREAD) % 2 ? handler_a : handler_b;
        next.sa_flags = (round / PER_THREAD) % 3 == 0 ? SA_RESTART : SA_NODEFER;
        sigemptyset(&next.sa_mask);
        sigaddset(&next.sa_mask, SIGRTMIN + 1 + (round % (THREADS * PER_THREAD)));
        sigaction(signal_of(thread, k), &next, &old);
        if (old.sa_handler != last[k].sa_handler || (old.sa_flags & (SA_RESTART | SA_NODEFER)) != last[k].sa_flags
            || !same_mask(&old.sa_mask, &last[k].sa_mask))
            wrong++;
        last[k] = next;
        // Now and then one of its own signals, handled by whichever handler is in place.
        if (round % 64 == 0) {
            atomic_fetch_add(&sent, 1);
            pthread_kill(pthread_self(), signal_of(thread, k));
        }
    }
    struct sigaction final;
    memset(&final, 0, sizeof final);
    final.sa_handler = handler_final;
    for (int k = 0; k < PER_THREAD; k++) sigaction(signal_of(thread, k), &final, NULL);
    return (void *)wrong;
}

// Phase two: every thread flips the same signal between two complete actions; each old action
// it gets back must be one of the two as a whole (never one's handler with the other's flags
// or mask), since installing and returning the old one is a single step.
static struct sigaction shared_config[2];

static int is_config(const struct sigaction *a, int k) {
    return a->sa_handler == shared_config[k].sa_handler
        && (a->sa_flags & (SA_RESTART | SA_NODEFER)) == shared_config[k].sa_flags
        && same_mask(&a->sa_mask, &shared_config[k].sa_mask);
}

static void *shared_flipper(void *arg) {
    long torn = 0;
    for (int round = 0; round < SHARED_ROUNDS; round++) {
        struct sigaction old;
        sigaction(SIGUSR2, &shared_config[(round + (int)(long)arg) % 2], &old);
        if (!is_config(&old, 0) && !is_config(&old, 1)) torn++;
        if (round % 64 == 0) {
            atomic_fetch_add(&sent, 1);
            pthread_kill(pthread_self(), SIGUSR2);
        }
    }
    return (void *)torn;
}

static void *sender(void *arg) {
    (void)arg;
    while (!atomic_load(&stop_sender)) {
        kill(getpid(), SIGUSR1);
        usleep(100);
    }
    return NULL;
}

int main(void) {
    struct sigaction usr;
    memset(&usr, 0, sizeof usr);
    usr.sa_sigaction = handler_usr;
    usr.sa_flags = SA_SIGINFO | SA_RESTART;
    sigaction(SIGUSR1, &usr, NULL);

    pthread_t send, threads[THREADS];
    pthread_create(&send, NULL, sender, NULL);
    for (long t = 0; t < THREADS; t++) pthread_create(&threads[t], NULL, flipper, (void *)t);
    long wrong = 0;
    for (int t = 0; t < THREADS; t++) {
        void *result;
        pthread_join(threads[t], &result);
        wrong += (long)result;
    }
    atomic_store(&stop_sender, 1);
    pthread_join(send, NULL);

    printf("old actions returned exactly as set: %s\n", wrong == 0 ? "yes" : "no");
    printf("own signals handled during the flips: %s\n", handled_a + handled_b == sent ? "yes" : "no");
    printf("process signals delivered meanwhile: %s\n", handled_usr > 0 ? "yes" : "no");
    int all = 1;
    for (int t = 0; t < THREADS; t++)
        for (int k = 0; k < PER_THREAD; k++) {
            int sig = signal_of(t, k);
            raise(sig);
            if (atomic_load(&final_hits[sig]) != 1) all = 0;
        }
    printf("every signal runs the handler its thread left: %s\n", all ? "yes" : "no");
    if (wrong) fprintf(stderr, "%ld sigaction calls returned another old action\n", wrong);

    for (int k = 0; k < 2; k++) {
        memset(&shared_config[k], 0, sizeof shared_config[k]);
        shared_config[k].sa_handler = k ? handler_b : handler_a;
        shared_config[k].sa_flags = k ? SA_NODEFER : SA_RESTART;
        sigemptyset(&shared_config[k].sa_mask);
        if (k) { sigaddset(&shared_config[k].sa_mask, SIGINT); sigaddset(&shared_config[k].sa_mask, SIGRTMIN + 3); }
    }
    sigaction(SIGUSR2, &shared_config[0], NULL);
    atomic_store(&sent, 0);
    atomic_store(&handled_a, 0);
    atomic_store(&handled_b, 0);
    atomic_store(&stop_sender, 0);
    pthread_create(&send, NULL, sender, NULL);
    for (long t = 0; t < THREADS; t++) pthread_create(&threads[t], NULL, shared_flipper, (void *)t);
    long torn = 0;
    for (int t = 0; t < THREADS; t++) {
        void *result;
        pthread_join(threads[t], &result);
        torn += (long)result;
    }
    atomic_store(&stop_sender, 1);
    pthread_join(send, NULL);
    printf("shared signal: every old action one of the two whole actions: %s\n", torn == 0 ? "yes" : "no");
    printf("shared signal: handled as often as sent: %s\n", handled_a + handled_b == sent ? "yes" : "no");
    if (torn) fprintf(stderr, "%ld torn old actions\n", torn);
    return 0;
}
