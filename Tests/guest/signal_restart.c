// A blocking read interrupted by timer signals: restarted with SA_RESTART (the read completes
// when the handler finally writes to the pipe), -1/EINTR without it. Also sigsuspend,
// sigtimedwait, sigwaitinfo and signalfd with blocked signals, and nanosleep's EINTR.
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <poll.h>
#include <sys/select.h>
#include <sys/signalfd.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static int fds[2];
static volatile int ticks;
static void on_alarm(int sig) {
    (void)sig;
    if (++ticks == 3) { char c = 'x'; write(fds[1], &c, 1); }
}
static void start_timer(void) {
    struct itimerval it = { { 0, 20000 }, { 0, 20000 } };
    setitimer(ITIMER_REAL, &it, NULL);
}
static void stop_timer(void) {
    struct itimerval it; memset(&it, 0, sizeof it); setitimer(ITIMER_REAL, &it, NULL);
}

int main(void) {
    pipe(fds);
    struct sigaction sa; memset(&sa, 0, sizeof sa); sa.sa_handler = on_alarm; sa.sa_flags = SA_RESTART;
    sigaction(SIGALRM, &sa, NULL);
    start_timer();
    char c = 0; ssize_t n = read(fds[0], &c, 1);
    stop_timer();
    printf("SA_RESTART read %zd '%c' ticks>=3 %d\n", n, c, ticks >= 3);

    ticks = 0; sa.sa_flags = 0; sigaction(SIGALRM, &sa, NULL);
    start_timer();
    n = read(fds[0], &c, 1);
    int e = errno;
    stop_timer();
    printf("no SA_RESTART read %zd EINTR %d ticks %d\n", n, e == EINTR, ticks);

    alarm(0); ticks = 0; start_timer();
    struct timespec ts = { 5, 0 };
    int r = nanosleep(&ts, &ts);
    e = errno; stop_timer();
    printf("nanosleep %d EINTR %d remaining>3s %d\n", r, e == EINTR, ts.tv_sec >= 3);

    // A loop without syscalls still sees the timer: translated code leaves at a block entry.
    ticks = 0; sa.sa_flags = SA_RESTART; sigaction(SIGALRM, &sa, NULL);
    start_timer();
    volatile unsigned long spins = 0;
    while (ticks < 5) spins++;
    stop_timer();
    printf("busy loop saw 5 ticks %d\n", ticks >= 5);
    read(fds[0], &c, 1);

    sigset_t usr1, old; sigemptyset(&usr1); sigaddset(&usr1, SIGUSR1);
    sa.sa_handler = on_alarm; sigaction(SIGUSR1, &sa, NULL);
    sigprocmask(SIG_BLOCK, &usr1, &old);
    ticks = 10; raise(SIGUSR1);
    sigset_t waitmask; sigprocmask(SIG_BLOCK, NULL, &waitmask); sigdelset(&waitmask, SIGUSR1);
    r = sigsuspend(&waitmask); e = errno;
    sigset_t after; sigprocmask(SIG_BLOCK, NULL, &after);
    printf("sigsuspend %d EINTR %d ticks %d usr1 blocked again %d\n", r, e == EINTR, ticks, sigismember(&after, SIGUSR1));

    // pselect and ppoll with a temporary mask that unblocks a pending signal: EINTR at once,
    // the handler runs, and the old mask is back afterwards.
    ticks = 20; raise(SIGUSR1);
    struct timespec five = { 5, 0 };
    r = pselect(0, NULL, NULL, NULL, &five, &waitmask); e = errno;
    sigprocmask(SIG_BLOCK, NULL, &after);
    printf("pselect %d EINTR %d ticks %d usr1 blocked again %d\n", r, e == EINTR, ticks, sigismember(&after, SIGUSR1));
    raise(SIGUSR1);
    struct pollfd none[1] = { { -1, 0, 0 } };
    r = ppoll(none, 1, &five, &waitmask); e = errno;
    sigprocmask(SIG_BLOCK, NULL, &after);
    printf("ppoll %d EINTR %d ticks %d usr1 blocked again %d\n", r, e == EINTR, ticks, sigismember(&after, SIGUSR1));

    sigqueue(getpid(), SIGUSR1, (union sigval){ .sival_int = 77 });
    siginfo_t si; struct timespec zero = { 1, 0 };
    r = sigtimedwait(&usr1, &si, &zero);
    printf("sigtimedwait %d value %d code SI_QUEUE %d handler ticks %d\n", r == SIGUSR1, si.si_value.sival_int, si.si_code == SI_QUEUE, ticks);
    struct timespec shortwait = { 0, 10000000 };
    r = sigtimedwait(&usr1, &si, &shortwait); e = errno;
    printf("sigtimedwait empty %d EAGAIN %d\n", r, e == EAGAIN);

    int sfd = signalfd(-1, &usr1, SFD_CLOEXEC);
    kill(getpid(), SIGUSR1);
    struct signalfd_siginfo fi;
    n = read(sfd, &fi, sizeof fi);
    printf("signalfd read %d signo %u pid ok %d\n", n == (ssize_t)sizeof fi, fi.ssi_signo, fi.ssi_pid == (unsigned)getpid());
    raise(SIGUSR1);
    r = sigwaitinfo(&usr1, &si);
    printf("sigwaitinfo %d code SI_TKILL %d\n", r == SIGUSR1, si.si_code == SI_TKILL);
    sigprocmask(SIG_SETMASK, &old, NULL);
    return 0;
}
