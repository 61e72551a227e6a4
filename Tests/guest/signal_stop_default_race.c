// A stop signal that arrives while its handler is being replaced by SIG_DFL must stop the
// process *with that signal*: the parent's waitpid(WUNTRACED) reports WSTOPSIG == SIGTSTP,
// whether the handler or the default action won. The child switches SIGTSTP between a handler
// and SIG_DFL in a loop while the parent sends SIGTSTP again and again; each signal either
// runs the handler (which answers through a pipe) or stops the child (which the parent then
// continues with SIGCONT). Under an emulator, a signal its host handler caught just before the
// guest's sigaction(SIG_DFL) reaches the default action late, and must still stop with SIGTSTP,
// not with a substitute such as SIGSTOP. Then SIGTTIN and SIGTTOU the same way, once each.
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define ROUNDS 1500

static int answer[2];

static void on_signal(int sig) {
    char c = (char)sig;
    write(answer[1], &c, 1);
}

static void child_loop(int sig) {
    struct sigaction handled, dfl;
    memset(&handled, 0, sizeof handled);
    memset(&dfl, 0, sizeof dfl);
    handled.sa_handler = on_signal;
    handled.sa_flags = SA_RESTART;
    dfl.sa_handler = SIG_DFL;
    for (;;) {
        sigaction(sig, &handled, NULL);
        sigaction(sig, &dfl, NULL);
    }
}

// Sends `sig` ROUNDS times; returns the number of stops reported with another signal, and
// counts the outcomes.
static int run(int sig, int *stops, int *handled, int *lost) {
    pid_t pid = fork();
    if (pid == 0) child_loop(sig);
    int wrong = 0;
    *stops = *handled = *lost = 0;
    for (int round = 0; round < ROUNDS; round++) {
        kill(pid, sig);
        int done = 0;
        for (int waited = 0; !done && waited < 5000; waited++) {
            int status;
            pid_t r = waitpid(pid, &status, WUNTRACED | WNOHANG);
            if (r == pid && WIFSTOPPED(status)) {
                if (WSTOPSIG(status) != sig) wrong++;
                (*stops)++;
                kill(pid, SIGCONT);
                waitpid(pid, &status, WCONTINUED);
                done = 1;
                break;
            }
            if (r == pid) {
                printf("child ended unexpectedly (status 0x%x)\n", status);
                return -1;
            }
            struct pollfd p = { .fd = answer[0], .events = POLLIN };
            if (poll(&p, 1, 1) == 1) {
                char c;
                read(answer[0], &c, 1);
                (*handled)++;
                done = 1;
            }
        }
        if (!done && ++*lost == 3) break;  // give up soon: 5 s per lost signal
    }
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
    // Answers that came after a round had already counted a stop (none expected).
    struct pollfd p = { .fd = answer[0], .events = POLLIN };
    while (poll(&p, 1, 0) == 1) {
        char c;
        read(answer[0], &c, 1);
        (*handled)++;
    }
    return wrong;
}

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    pipe(answer);
    // The kernel discards SIGTSTP, SIGTTIN and SIGTTOU at SIG_DFL in an orphaned process group.
    // A group of our own, whose leader's parent (the harness) is in another group of the same
    // session, is not orphaned, whatever group the harness runs in.
    setpgid(0, 0);
    const int sigs[] = { SIGTSTP, SIGTTIN, SIGTTOU };
    const char *names[] = { "SIGTSTP", "SIGTTIN", "SIGTTOU" };
    for (int i = 0; i < 3; i++) {
        int stops, handled, lost;
        int wrong = run(sigs[i], &stops, &handled, &lost);
        if (wrong < 0) return 1;
        printf("%s: every stop reported as %s: %s\n", names[i], names[i], wrong == 0 ? "yes" : "no");
        printf("%s: every signal stopped the child or ran its handler: %s\n", names[i],
               stops + handled == ROUNDS && lost == 0 ? "yes" : "no");
        if (wrong || lost || stops + handled != ROUNDS)
            fprintf(stderr, "%s: %d stops (%d with another signal), %d handled, %d lost\n", names[i], stops, wrong, handled, lost);
    }
    return 0;
}
