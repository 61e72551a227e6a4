// Stop and continue signals at their default dispositions, as job control uses them: a child
// stops itself with SIGTSTP, the parent sees WIFSTOPPED (waitpid WUNTRACED) and the SIGCHLD
// si_code, continues it with SIGCONT (WIFCONTINUED with WCONTINUED), and a SIGCONT handler in
// the child runs after the continue; a child stopped by SIGSTOP and killed while stopped.
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t continued;
static void on_cont(int sig) { (void)sig; continued = 1; }

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    int go[2];
    pipe(go);
    pid_t pid = fork();
    if (pid == 0) {
        signal(SIGCONT, on_cont);
        raise(SIGTSTP);
        // Exit only after the parent has seen the continue (else waitpid may see the exit).
        char c;
        read(go[0], &c, 1);
        printf("child resumed, SIGCONT handler ran %d\n", (int)continued);
        _exit(7);
    }
    int status;
    waitpid(pid, &status, WUNTRACED);
    printf("stopped %d by %s\n", WIFSTOPPED(status), WSTOPSIG(status) == SIGTSTP ? "SIGTSTP" : "other");
    siginfo_t info; memset(&info, 0, sizeof info);
    waitid(P_PID, pid, &info, WSTOPPED | WNOHANG | WNOWAIT);
    kill(pid, SIGCONT);
    waitpid(pid, &status, WCONTINUED);
    printf("continued %d\n", WIFCONTINUED(status));
    write(go[1], "x", 1);
    waitpid(pid, &status, 0);
    printf("exited %d status %d\n", WIFEXITED(status), WEXITSTATUS(status));

    pid = fork();
    if (pid == 0) {
        raise(SIGSTOP);
        printf("not reached\n");
        _exit(1);
    }
    waitpid(pid, &status, WUNTRACED);
    printf("stopped %d by %s\n", WIFSTOPPED(status), WSTOPSIG(status) == SIGSTOP ? "SIGSTOP" : "other");
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    printf("killed while stopped %d by SIGKILL %d\n", WIFSIGNALED(status), WTERMSIG(status) == SIGKILL);
    return 0;
}
