// io_pgetevents through the raw syscall (libaio has no wrapper in the riscv64 sysroot): the
// argument checks in the kernel's order (EFAULT for the timeout and the __aio_sigset, EINVAL
// for a sigsetsize other than 8, EFAULT for the mask, EINVAL for a bad context), a completed
// write reaped with the iocb address echoed back, and the temporary signal mask: a pending
// signal it unblocks ends the wait with EINTR (the handler runs, the old mask comes back)
// unless a completion is there already (then that is the result, and the handler still runs on
// the way back: the kernel keeps the temporary mask whenever a signal is pending), and a signal
// it blocks waits until the call has timed out.
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include <linux/aio_abi.h>

struct aio_sigset { const sigset_t *sigmask; size_t sigsetsize; };

static long pgetevents(aio_context_t ctx, long min, long max, struct io_event *ev, struct timespec *t,
                       const struct aio_sigset *usig) {
    return syscall(SYS_io_pgetevents, ctx, min, max, ev, t, usig);
}

static const char *err(long r) {
    if (r >= 0) return "ok";
    switch (errno) {
    case EINTR: return "EINTR";
    case EINVAL: return "EINVAL";
    case EFAULT: return "EFAULT";
    default: return "other";
    }
}

static volatile sig_atomic_t usr1_count, alrm_count;

static void on_usr1(int sig) { (void)sig; usr1_count++; }
static void on_alrm(int sig) { (void)sig; alrm_count++; }

int main(void) {
    char path[] = "/tmp/ipc-aio-pget-XXXXXX";
    int fd = mkstemp(path); unlink(path);
    aio_context_t ctx = 0;
    printf("setup %ld\n", syscall(SYS_io_setup, 8, &ctx));
    struct io_event ev[4];
    struct timespec zero = {0, 0};
    sigset_t empty; sigemptyset(&empty);
    struct aio_sigset good = {&empty, 8};

    long r = pgetevents(ctx, 0, 4, ev, &zero, &good);
    printf("no events %ld %s\n", r, err(r));
    r = pgetevents(ctx, 0, 4, ev, &zero, NULL);
    printf("no usig %ld %s\n", r, err(r));
    struct aio_sigset null_mask = {NULL, 3};
    r = pgetevents(ctx, 0, 4, ev, &zero, &null_mask);
    printf("null mask, any size %ld %s\n", r, err(r));
    struct aio_sigset bad_size = {&empty, 4};
    r = pgetevents(ctx, 0, 4, ev, &zero, &bad_size);
    printf("sigsetsize 4 %ld %s\n", r, err(r));
    r = pgetevents(ctx, 0, 4, ev, &zero, (const struct aio_sigset *)8);
    printf("bad usig %ld %s\n", r, err(r));
    struct aio_sigset bad_mask = {(const sigset_t *)8, 8};
    r = pgetevents(ctx, 0, 4, ev, &zero, &bad_mask);
    printf("bad mask %ld %s\n", r, err(r));
    r = pgetevents(ctx, 0, 4, ev, (struct timespec *)8, &good);
    printf("bad timeout %ld %s\n", r, err(r));
    r = pgetevents(ctx + 4096, 0, 4, ev, &zero, &good);
    printf("bad context %ld %s\n", r, err(r));
    r = pgetevents(ctx, 0, 4, ev, &zero, &bad_size);
    printf("size checked before context %ld %s\n", r, err(r));

    static char out[512] = "written through aio";
    struct iocb w;
    memset(&w, 0, sizeof w);
    w.aio_data = 0x77; w.aio_lio_opcode = IOCB_CMD_PWRITE; w.aio_fildes = fd;
    w.aio_buf = (unsigned long)out; w.aio_nbytes = sizeof out;
    struct iocb *list[1] = {&w};
    printf("submit %ld\n", syscall(SYS_io_submit, ctx, 1, list));
    struct timespec five = {5, 0};
    r = pgetevents(ctx, 1, 4, ev, &five, &good);
    printf("reaped %ld data %llx obj-is-iocb %d res %lld\n", r, (unsigned long long)ev[0].data,
           ev[0].obj == (unsigned long)&w, (long long)ev[0].res);

    // A pending SIGUSR1, blocked; the temporary mask unblocks it: EINTR, the handler ran, and
    // SIGUSR1 is blocked again afterwards.
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sigaction(SIGUSR1, &sa, NULL);
    sa.sa_handler = on_alrm;
    sigaction(SIGALRM, &sa, NULL);
    sigset_t usr1; sigemptyset(&usr1); sigaddset(&usr1, SIGUSR1);
    sigprocmask(SIG_BLOCK, &usr1, NULL);
    raise(SIGUSR1);
    r = pgetevents(ctx, 1, 4, ev, &five, &good);
    sigset_t now; sigprocmask(SIG_BLOCK, NULL, &now);
    printf("unblocked pending: %ld %s handler ran %d usr1 blocked after %d\n", r, err(r), (int)usr1_count,
           sigismember(&now, SIGUSR1));
    // SA_RESTART does not restart it either.
    sa.sa_handler = on_usr1; sa.sa_flags = SA_RESTART;
    sigaction(SIGUSR1, &sa, NULL);
    raise(SIGUSR1);
    r = pgetevents(ctx, 1, 4, ev, &five, &good);
    printf("with SA_RESTART: %ld %s handler ran %d\n", r, err(r), (int)usr1_count);
    // A completion already there is the result, not EINTR; the handler runs all the same, so
    // nothing is left pending. (A buffered write to a file completes within io_submit.)
    printf("submit again %ld\n", syscall(SYS_io_submit, ctx, 1, list));
    raise(SIGUSR1);
    int before = usr1_count;
    r = pgetevents(ctx, 1, 4, ev, &five, &good);
    sigset_t pending; sigpending(&pending);
    printf("completion and pending signal: %ld %s data %llx handler ran %d pending %d\n", r, err(r),
           (unsigned long long)ev[0].data, (int)usr1_count - before, sigismember(&pending, SIGUSR1));
    sigprocmask(SIG_UNBLOCK, &usr1, NULL);
    printf("after unblocking: handler ran %d\n", (int)usr1_count - before);

    // SIGALRM after 50 ms, blocked by the temporary mask during a 300 ms wait: the call times
    // out (0), and the handler runs only once the mask is restored.
    sigset_t alrm; sigemptyset(&alrm); sigaddset(&alrm, SIGALRM);
    struct aio_sigset block_alrm = {&alrm, 8};
    struct itimerval timer = {{0, 0}, {0, 50000}};
    setitimer(ITIMER_REAL, &timer, NULL);
    struct timespec short_wait = {0, 300000000};
    r = pgetevents(ctx, 1, 4, ev, &short_wait, &block_alrm);
    // A timeout (0, not EINTR) shows SIGALRM stayed blocked during the wait; its handler ran on
    // the way back from the call, once the old mask was restored.
    printf("blocked during wait: %ld %s handler ran after %d\n", r, err(r), (int)alrm_count);

    printf("destroy %ld\n", syscall(SYS_io_destroy, ctx));
    return 0;
}
