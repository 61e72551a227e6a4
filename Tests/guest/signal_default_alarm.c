// Default actions taken by the host kernel: SIGALRM at its default disposition ends the
// process while it sleeps in pause(); SIGCHLD and SIGWINCH at theirs are ignored; an ignored
// SIGINT stays ignored; a handler that was reset to SIG_DFL no longer runs.
//! signal: SIGALRM
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

static void on_alarm(int sig) { (void)sig; write(1, "handler ran\n", 12); }

int main(void) {
    raise(SIGCHLD);
    raise(SIGWINCH);
    signal(SIGINT, SIG_IGN);
    raise(SIGINT);
    signal(SIGALRM, on_alarm);
    signal(SIGALRM, SIG_DFL);
    printf("still running\n");
    fflush(stdout);
    alarm(1);
    pause();
    printf("not reached\n");
    return 0;
}
