// setjmp/longjmp: basic, nested buffers, jumping out of deep recursion, volatile locals,
// and sigsetjmp/siglongjmp with a saved signal mask (no signal is delivered).
#include <stdio.h>
#include <setjmp.h>
#include <signal.h>

static jmp_buf env, env2;
static int depth_reached;
static void dive(int n) { char pad[128]; pad[0] = (char)n; depth_reached = n + pad[0] - (char)n; if (n == 500) longjmp(env, n); if (n < 100000) dive(n + 1); }
static void inner(void) { longjmp(env2, 7); }
static void middle(void) { volatile int r = setjmp(env); if (r == 0) { inner(); } printf("middle never here %d\n", r); }

int main(void) {
    volatile int counter = 0;
    int r = setjmp(env);
    counter++;
    if (r < 3) { printf("setjmp returned %d, counter %d\n", r, counter); longjmp(env, r + 1); }
    printf("after loop r=%d counter=%d\n", r, counter);
    r = setjmp(env);
    if (r == 0) dive(0);
    printf("dive returned %d depth %d\n", r, depth_reached);
    if ((r = setjmp(env)) == 0) longjmp(env, 0);
    printf("longjmp(0) gives %d\n", r);
    if ((r = setjmp(env2)) == 0) middle();
    printf("nested r=%d\n", r);
    sigjmp_buf senv; sigset_t set, old;
    sigemptyset(&set); sigaddset(&set, SIGUSR1); sigprocmask(SIG_BLOCK, &set, NULL);
    if ((r = sigsetjmp(senv, 1)) == 0) {
        sigprocmask(SIG_UNBLOCK, &set, NULL); sigaddset(&set, SIGUSR2); sigprocmask(SIG_BLOCK, &set, NULL);
        siglongjmp(senv, 5);
    }
    sigprocmask(SIG_BLOCK, NULL, &old);
    printf("siglongjmp r=%d usr1 blocked=%d usr2 blocked=%d\n", r, sigismember(&old, SIGUSR1), sigismember(&old, SIGUSR2));
    volatile double d = 1.5; volatile long acc = 0;
    for (int i = 0; i < 1000; i++) { if (setjmp(env) == 0) { acc += i; d *= 1.001; longjmp(env, 1); } }
    printf("loop acc=%ld d=%.6f\n", acc, d);
    return 0;
}
