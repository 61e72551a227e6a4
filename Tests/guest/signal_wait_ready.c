// A wait with a temporary signal mask (ppoll, pselect, epoll_pwait) whose mask unblocks a
// pending signal: descriptors that are ready already are the result, and the signal stays
// pending under the restored mask until the program unblocks it; with nothing ready, the signal
// ends the wait with EINTR (its handler runs inside the call) and pselect leaves its sets as
// they were.
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <unistd.h>

enum wait_kind { PPOLL, PSELECT, EPOLL_PWAIT };
static const char *const names[] = { "ppoll", "pselect", "epoll_pwait" };

static volatile int handler_runs;
static void on_usr1(int sig) { (void)sig; handler_runs++; }

// Waits on `fd` for input with SIGUSR1 pending and unblocked only by the wait's mask.
static void wait_with_pending_signal(enum wait_kind kind, int fd, int epoll_fd) {
    sigset_t usr1; sigemptyset(&usr1); sigaddset(&usr1, SIGUSR1);
    sigset_t none; sigemptyset(&none);
    handler_runs = 0;
    sigprocmask(SIG_BLOCK, &usr1, NULL);
    raise(SIGUSR1);
    int result = 0, set_kept = -1;
    if (kind == PPOLL) {
        struct pollfd p = { fd, POLLIN, 0 };
        result = ppoll(&p, 1, NULL, &none);
    } else if (kind == PSELECT) {
        fd_set read; FD_ZERO(&read); FD_SET(fd, &read);
        result = pselect(fd + 1, &read, NULL, NULL, NULL, &none);
        set_kept = FD_ISSET(fd, &read) != 0;
    } else {
        struct epoll_event event;
        result = epoll_pwait(epoll_fd, &event, 1, -1, &none);
    }
    int error = result < 0 ? errno : 0;
    int runs_in_call = handler_runs;
    sigset_t pending; sigpending(&pending);
    int still_pending = sigismember(&pending, SIGUSR1);
    sigprocmask(SIG_UNBLOCK, &usr1, NULL);
    printf("%s: result %d %s, handler ran %d time(s) in the call, pending after %d, ran %d in all",
           names[kind], result, error ? strerrorname_np(error) : "no error", runs_in_call, still_pending, handler_runs);
    if (set_kept >= 0) printf(", fd still in the set %d", set_kept);
    printf("\n");
}

int main(void) {
    alarm(10);
    struct sigaction sa; memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1; sigemptyset(&sa.sa_mask);
    sigaction(SIGUSR1, &sa, NULL);
    int pipe_fds[2];
    if (pipe(pipe_fds) != 0) return 1;
    int epoll_fd = epoll_create1(0);
    struct epoll_event event = { .events = EPOLLIN, .data.fd = pipe_fds[0] };
    epoll_ctl(epoll_fd, EPOLL_CTL_ADD, pipe_fds[0], &event);

    printf("nothing to read:\n");
    for (enum wait_kind kind = PPOLL; kind <= EPOLL_PWAIT; kind++) wait_with_pending_signal(kind, pipe_fds[0], epoll_fd);
    if (write(pipe_fds[1], "x", 1) != 1) return 1;
    printf("a byte to read:\n");
    for (enum wait_kind kind = PPOLL; kind <= EPOLL_PWAIT; kind++) wait_with_pending_signal(kind, pipe_fds[0], epoll_fd);
    return 0;
}
