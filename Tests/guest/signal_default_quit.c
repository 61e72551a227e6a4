// A core-dumping signal at its default disposition (SIGQUIT sent with kill while blocked,
// then unblocked) ends the process with that signal, after the output flushed before it.
//! signal: SIGQUIT
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

int main(void) {
    sigset_t set; sigemptyset(&set); sigaddset(&set, SIGQUIT);
    sigprocmask(SIG_BLOCK, &set, NULL);
    kill(getpid(), SIGQUIT);
    printf("quit pending, unblocking\n");
    fflush(stdout);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    printf("not reached\n");
    return 0;
}
