// A signal held back by a handler's sa_mask ends a later wait whose temporary mask unblocks
// it. SIGUSR1 and SIGUSR2 become deliverable together; SIGUSR1 is delivered first and its
// handler blocks SIGUSR2 (sa_mask), so SIGUSR2 stays pending. The handler then waits with
// sigsuspend, pselect, ppoll or epoll_pwait under a mask without SIGUSR2: the kernel runs
// SIGUSR2's handler at once and the wait fails with EINTR. A wait whose mask still blocks
// SIGUSR2 times out instead. The alarm ends a run that would wait forever.
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <time.h>
#include <unistd.h>

enum wait_kind { SUSPEND, PSELECT, PPOLL, EPOLL_PWAIT, PPOLL_STILL_BLOCKED };
static const char *const names[] = { "sigsuspend", "pselect", "ppoll", "epoll_pwait", "ppoll, usr2 still blocked" };

static volatile enum wait_kind kind;
static volatile int usr2_runs, wait_result, wait_errno, usr2_runs_during_wait;
static int epoll_fd;

static void on_usr2(int sig) { (void)sig; usr2_runs++; }

static void on_usr1(int sig) {
    (void)sig;
    sigset_t unblocked; sigemptyset(&unblocked);
    sigset_t still_blocked; sigemptyset(&still_blocked); sigaddset(&still_blocked, SIGUSR2);
    struct timespec short_wait = { 0, 50 * 1000 * 1000 };
    struct epoll_event event;
    switch (kind) {
    case SUSPEND: wait_result = sigsuspend(&unblocked); break;
    case PSELECT: wait_result = pselect(0, NULL, NULL, NULL, NULL, &unblocked); break;
    case PPOLL: wait_result = ppoll(NULL, 0, NULL, &unblocked); break;
    case EPOLL_PWAIT: wait_result = epoll_pwait(epoll_fd, &event, 1, -1, &unblocked); break;
    case PPOLL_STILL_BLOCKED: wait_result = ppoll(NULL, 0, &short_wait, &still_blocked); break;
    }
    wait_errno = wait_result < 0 ? errno : 0;
    usr2_runs_during_wait = usr2_runs;
}

int main(void) {
    alarm(10);
    epoll_fd = epoll_create1(0);
    struct sigaction sa; memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr2; sigemptyset(&sa.sa_mask);
    sigaction(SIGUSR2, &sa, NULL);
    sa.sa_handler = on_usr1; sigaddset(&sa.sa_mask, SIGUSR2);
    sigaction(SIGUSR1, &sa, NULL);

    sigset_t both; sigemptyset(&both); sigaddset(&both, SIGUSR1); sigaddset(&both, SIGUSR2);
    for (kind = SUSPEND; kind <= PPOLL_STILL_BLOCKED; kind++) {
        usr2_runs = 0;
        sigprocmask(SIG_BLOCK, &both, NULL);
        raise(SIGUSR1);
        raise(SIGUSR2);
        sigprocmask(SIG_UNBLOCK, &both, NULL);
        printf("%s: result %d %s, usr2 handler ran %d time(s) during the wait, %d in all\n", names[kind],
               wait_result, wait_errno ? strerrorname_np(wait_errno) : "no error", usr2_runs_during_wait, usr2_runs);
    }
    return 0;
}
