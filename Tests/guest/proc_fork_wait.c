// fork and the wait family: exit codes through wait4/waitpid/waitid, death by SIGKILL and
// SIGTERM sent by the parent (WIFSIGNALED/WTERMSIG, waitid si_code/si_status), WNOHANG on a
// running child, ECHILD without children, clone3 with CLONE_PARENT_SETTID/CLONE_CHILD_SETTID,
// and that the child's memory is a copy. No pids are printed.
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <signal.h>
#include <unistd.h>
#include <sched.h>
#include <stdint.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <linux/sched.h>

static int shared_value = 1;

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    int codes[] = {0, 1, 42, 255};
    for (int i = 0; i < 4; i++) {
        pid_t pid = fork();
        if (pid == 0) { shared_value = 99; _exit(codes[i]); }
        int status = 0;
        pid_t got = waitpid(pid, &status, 0);
        printf("exit %d: same pid %d, exited %d, status %d, parent value %d\n", codes[i], got == pid,
               WIFEXITED(status), WEXITSTATUS(status), shared_value);
    }
    // wait4 with rusage.
    pid_t pid = fork();
    if (pid == 0) _exit(5);
    struct rusage usage;
    int status = 0;
    pid_t got = wait4(pid, &status, 0, &usage);
    printf("wait4: same pid %d, status %d, rusage sane %d\n", got == pid, WEXITSTATUS(status), usage.ru_maxrss >= 0);
    // Death by signals sent by the parent.
    int signals[] = {SIGKILL, SIGTERM, SIGUSR1};
    for (int i = 0; i < 3; i++) {
        int ready[2];
        pipe(ready);
        pid = fork();
        if (pid == 0) { close(ready[0]); write(ready[1], "r", 1); for (;;) pause(); }
        char byte;
        close(ready[1]);
        read(ready[0], &byte, 1);
        close(ready[0]);
        // WNOHANG on a running child.
        got = waitpid(pid, &status, WNOHANG);
        printf("WNOHANG while running: %d\n", (int)got);
        kill(pid, signals[i]);
        if (i == 1) {
            siginfo_t info;
            memset(&info, 0, sizeof info);
            int r = waitid(P_PID, pid, &info, WEXITED);
            printf("waitid signal %d: r %d, si_signo %d, si_code %s, si_status %d, same pid %d\n", signals[i], r,
                   info.si_signo, info.si_code == CLD_KILLED ? "CLD_KILLED" : info.si_code == CLD_DUMPED ? "CLD_DUMPED" : "other",
                   info.si_status, info.si_pid == pid);
        } else {
            got = waitpid(pid, &status, 0);
            printf("signal %d: same pid %d, signaled %d, termsig %d, exited %d\n", signals[i], got == pid,
                   WIFSIGNALED(status), WTERMSIG(status), WIFEXITED(status));
        }
    }
    // waitid on a normal exit.
    pid = fork();
    if (pid == 0) _exit(77);
    siginfo_t info;
    memset(&info, 0, sizeof info);
    int r = waitid(P_ALL, 0, &info, WEXITED);
    printf("waitid exit: r %d, si_signo %d, si_code %s, si_status %d, same pid %d\n", r, info.si_signo,
           info.si_code == CLD_EXITED ? "CLD_EXITED" : "other", info.si_status, info.si_pid == pid);
    // No children left.
    errno = 0;
    got = waitpid(-1, &status, 0);
    printf("no children: %d errno ECHILD %d\n", (int)got, errno == ECHILD);
    // clone3, fork-style, with parent and child tid pointers.
    static int32_t parent_tid, child_tid;
    struct clone_args args;
    memset(&args, 0, sizeof args);
    args.flags = CLONE_PARENT_SETTID | CLONE_CHILD_SETTID;
    args.parent_tid = (uintptr_t)&parent_tid;
    args.child_tid = (uintptr_t)&child_tid;
    args.exit_signal = SIGCHLD;
    long c = syscall(SYS_clone3, &args, sizeof args);
    if (c == 0) _exit(child_tid == getpid() ? 11 : 12);
    if (c < 0) { printf("clone3 failed errno %d\n", errno); return 1; }
    waitpid((pid_t)c, &status, 0);
    printf("clone3: parent_tid right %d, child saw its tid %d, parent child_tid untouched %d\n",
           parent_tid == c, WEXITSTATUS(status) == 11, child_tid == 0);
    // clone3 argument checks.
    errno = 0;
    long small = syscall(SYS_clone3, &args, (size_t)32);
    int small_errno = errno;
    printf("clone3 small size: %ld errno EINVAL %d\n", small, small_errno == EINVAL);
    return 0;
}
