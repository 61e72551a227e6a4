// Signal delivery details: SA_SIGINFO fields from kill, tgkill and sigqueue (si_value), the
// handler's mask (sa_mask and the signal itself blocked, SA_NODEFER nesting), SA_RESETHAND,
// queued real-time signals delivered once each in order, the ucontext's saved mask, FP
// registers and rounding mode preserved across a handler, and sigaltstack with SA_ONSTACK.
#define _GNU_SOURCE
#include <fenv.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

static volatile int depth, max_depth, usr2_seen_blocked, order[16], order_count, value_sum;
static volatile int info_code, info_pid_ok, info_value;
static char *alt_base; static size_t alt_size;
static volatile int on_alt, alt_flags_onstack, uc_mask_has_usr1;

static void on_info(int sig, siginfo_t *si, void *ucv) {
    (void)sig; ucontext_t *uc = ucv;
    info_code = si->si_code; info_pid_ok = si->si_pid == getpid(); info_value = si->si_value.sival_int;
    uc_mask_has_usr1 = sigismember(&uc->uc_sigmask, SIGUSR1);
}
static void on_usr1_masking(int sig) {
    (void)sig; sigset_t now; sigprocmask(SIG_BLOCK, NULL, &now);
    usr2_seen_blocked = sigismember(&now, SIGUSR2) * 10 + sigismember(&now, SIGUSR1);
}
static volatile int raises_left;
static void on_nodefer(int sig) {
    (void)sig; depth++; if (depth > max_depth) max_depth = depth;
    if (raises_left > 0) { raises_left--; raise(SIGUSR1); }
    depth--;
}
static void on_rt(int sig, siginfo_t *si, void *uc) {
    (void)uc; order[order_count++] = (sig - SIGRTMIN) * 100 + si->si_value.sival_int; value_sum += si->si_value.sival_int;
}
static void on_fp(int sig) {
    (void)sig; volatile double x = 1.0, y = 3.0; volatile double z = x / y; (void)z;
    fesetround(FE_DOWNWARD); feraiseexcept(FE_DIVBYZERO);
}
static void on_alt_handler(int sig) {
    (void)sig; char local; on_alt = &local >= alt_base && &local < alt_base + alt_size;
    stack_t now; sigaltstack(NULL, &now); alt_flags_onstack = (now.ss_flags & SS_ONSTACK) != 0;
}

int main(void) {
    struct sigaction sa; memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_info; sa.sa_flags = SA_SIGINFO; sigemptyset(&sa.sa_mask);
    sigaction(SIGUSR2, &sa, NULL);
    kill(getpid(), SIGUSR2);
    printf("kill: code SI_USER %d pid %d\n", info_code == SI_USER, info_pid_ok);
    syscall(SYS_tgkill, getpid(), gettid(), SIGUSR2);
    printf("tgkill: code SI_TKILL %d\n", info_code == SI_TKILL);
    sigqueue(getpid(), SIGUSR2, (union sigval){ .sival_int = 4242 });
    printf("sigqueue: code SI_QUEUE %d value %d\n", info_code == SI_QUEUE, info_value);
    sigset_t block1; sigemptyset(&block1); sigaddset(&block1, SIGUSR1); sigprocmask(SIG_BLOCK, &block1, NULL);
    raise(SIGUSR1);  // stays pending; SIGUSR2's handler sees it in uc_sigmask
    raise(SIGUSR2);
    printf("uc_sigmask has usr1 %d\n", uc_mask_has_usr1);
    signal(SIGUSR1, SIG_IGN);  // discards the pending one
    sigprocmask(SIG_UNBLOCK, &block1, NULL);

    sa.sa_handler = on_usr1_masking; sa.sa_flags = 0; sigemptyset(&sa.sa_mask); sigaddset(&sa.sa_mask, SIGUSR2);
    sigaction(SIGUSR1, &sa, NULL);
    raise(SIGUSR1);
    printf("in handler: usr2 blocked %d usr1 blocked %d\n", usr2_seen_blocked / 10, usr2_seen_blocked % 10);

    sa.sa_handler = on_nodefer; sa.sa_flags = SA_NODEFER; sigemptyset(&sa.sa_mask);
    sigaction(SIGUSR1, &sa, NULL);
    raises_left = 3; raise(SIGUSR1);
    printf("nodefer max depth %d\n", max_depth);
    max_depth = 0; sa.sa_flags = 0; sigaction(SIGUSR1, &sa, NULL);
    raises_left = 3; raise(SIGUSR1);
    printf("deferred max depth %d raises left %d\n", max_depth, raises_left);

    sa.sa_handler = on_usr1_masking; sa.sa_flags = SA_RESETHAND; sigaction(SIGUSR1, &sa, NULL);
    raise(SIGUSR1);
    struct sigaction now; sigaction(SIGUSR1, NULL, &now);
    printf("resethand: now default %d\n", now.sa_handler == SIG_DFL);

    sa.sa_sigaction = on_rt; sa.sa_flags = SA_SIGINFO; sigemptyset(&sa.sa_mask);
    sigaddset(&sa.sa_mask, SIGRTMIN); sigaddset(&sa.sa_mask, SIGRTMIN + 1);
    sigaction(SIGRTMIN, &sa, NULL); sigaction(SIGRTMIN + 1, &sa, NULL);
    sigset_t rt; sigemptyset(&rt); sigaddset(&rt, SIGRTMIN); sigaddset(&rt, SIGRTMIN + 1);
    sigprocmask(SIG_BLOCK, &rt, NULL);
    for (int i = 1; i <= 5; i++) sigqueue(getpid(), SIGRTMIN + (i % 2), (union sigval){ .sival_int = i });
    sigprocmask(SIG_UNBLOCK, &rt, NULL);
    printf("rt delivered %d sum %d order", order_count, value_sum);
    for (int i = 0; i < order_count; i++) printf(" %d", order[i]);
    printf("\n");

    fesetround(FE_UPWARD); feclearexcept(FE_ALL_EXCEPT);
    volatile double a = 2.0, b = 7.0; double before = a / b;
    signal(SIGUSR1, on_fp); raise(SIGUSR1);
    double after = a / b;
    printf("fp: round upward kept %d flags clean %d same %d\n", fegetround() == FE_UPWARD,
           fetestexcept(FE_DIVBYZERO) == 0, before == after);
    fesetround(FE_TONEAREST);

    alt_size = 64 * 1024; alt_base = malloc(alt_size);
    stack_t ss = { .ss_sp = alt_base, .ss_size = alt_size, .ss_flags = 0 };
    printf("sigaltstack set %d\n", sigaltstack(&ss, NULL));
    stack_t small = { .ss_sp = alt_base, .ss_size = 100, .ss_flags = 0 };
    printf("too small ENOMEM %d\n", sigaltstack(&small, NULL) == -1);
    sa.sa_handler = on_alt_handler; sa.sa_flags = SA_ONSTACK; sigemptyset(&sa.sa_mask);
    sigaction(SIGUSR1, &sa, NULL); raise(SIGUSR1);
    printf("onstack: ran on alt %d ss_onstack %d\n", on_alt, alt_flags_onstack);
    sa.sa_flags = 0; sigaction(SIGUSR1, &sa, NULL); raise(SIGUSR1);
    printf("no SA_ONSTACK: ran on alt %d\n", on_alt);
    stack_t cur; sigaltstack(NULL, &cur);
    printf("after: flags %d size ok %d\n", cur.ss_flags, cur.ss_size == alt_size);
    return 0;
}
