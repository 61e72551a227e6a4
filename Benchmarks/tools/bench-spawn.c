/* bench-spawn: runs one program and reports its wall time, CPU time and peak RSS.
 *
 * Usage: bench-spawn TIMEOUT_SECONDS PROGRAM [ARG...]   (PROGRAM: a path, not searched in PATH)
 *
 * PROGRAM inherits stdin, stdout, stderr and the environment. When it has ended, one line goes to
 * file descriptor 3 (which PROGRAM does not inherit):
 *
 *     <status> <wall ns> <user+system CPU ns> <peak RSS KiB> <timed out: 0 or 1>
 *
 * <status> is the exit code, or minus the signal number that killed it (127: exec failed). A
 * program still running after TIMEOUT_SECONDS (0: no limit) is killed with SIGKILL.
 *
 * Why a C helper rather than timing from Python: ru_maxrss of a child includes the peak RSS of the
 * image it replaced at exec, and a child forked or vforked by the Python harness replaces a copy
 * of the ~13 MiB Python process, which would hide the emulators' own footprint. This helper is a
 * small static binary, so what it adds is a few hundred KiB at most, the same for every runner.
 * It also keeps the timer tight: CLOCK_MONOTONIC just before vfork and just after wait4.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void on_alarm(int sig) { (void)sig; /* only interrupts wait4 */ }

static long long now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static long long timeval_ns(struct timeval tv) {
    return (long long)tv.tv_sec * 1000000000LL + (long long)tv.tv_usec * 1000LL;
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: bench-spawn TIMEOUT_SECONDS PROGRAM [ARG...]\n");
        return 2;
    }
    unsigned timeout = (unsigned)strtoul(argv[1], NULL, 10);
    if (fcntl(3, F_SETFD, FD_CLOEXEC) != 0) {
        fprintf(stderr, "bench-spawn: file descriptor 3 (the report) is not open\n");
        return 2;
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm; /* no SA_RESTART: the alarm makes wait4 fail with EINTR */
    sigaction(SIGALRM, &sa, NULL);

    long long start = now_ns();
    pid_t pid = vfork();
    if (pid < 0) {
        perror("bench-spawn: vfork");
        return 2;
    }
    if (pid == 0) {
        execv(argv[2], argv + 2);
        _exit(127);
    }
    alarm(timeout);
    int status = 0, timed_out = 0;
    struct rusage usage;
    while (wait4(pid, &status, 0, &usage) < 0) {
        if (errno != EINTR) {
            perror("bench-spawn: wait4");
            return 2;
        }
        timed_out = 1;
        kill(pid, SIGKILL); /* not reaped yet, so the pid still names our child */
    }
    long long wall = now_ns() - start;
    alarm(0);
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : WIFSIGNALED(status) ? -WTERMSIG(status) : 1;
    long long cpu = timeval_ns(usage.ru_utime) + timeval_ns(usage.ru_stime);
    dprintf(3, "%d %lld %lld %ld %d\n", code, wall, cpu, usage.ru_maxrss, timed_out);
    return 0;
}
