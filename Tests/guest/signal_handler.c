// Signal handlers: raise/kill to self, sigaction with SA_SIGINFO (si_signo, si_code, si_addr),
// recovery from a real SIGSEGV with siglongjmp, blocked and pending signals, alarm-free.
#define _GNU_SOURCE
#include <stdio.h>
#include <signal.h>
#include <setjmp.h>
#include <string.h>
#include <unistd.h>
#include <stdint.h>
#include <sys/mman.h>

static volatile sig_atomic_t got_usr1, got_usr2; static volatile int last_code;
static volatile uintptr_t fault_addr; static sigjmp_buf jb;
static void on_usr1(int sig) { got_usr1 += sig; }
static void on_info(int sig, siginfo_t *si, void *uc) { (void)uc; got_usr2 = sig; last_code = si->si_code; }
static void on_segv(int sig, siginfo_t *si, void *uc) { (void)uc; (void)sig; fault_addr = (uintptr_t)si->si_addr; last_code = si->si_code; siglongjmp(jb, 1); }

int main(void) {
    signal(SIGUSR1, on_usr1);
    raise(SIGUSR1); kill(getpid(), SIGUSR1);
    printf("usr1 count-sum %d\n", (int)got_usr1);
    struct sigaction sa; memset(&sa, 0, sizeof sa); sa.sa_sigaction = on_info; sa.sa_flags = SA_SIGINFO; sigemptyset(&sa.sa_mask);
    sigaction(SIGUSR2, &sa, NULL);
    sigset_t set; sigemptyset(&set); sigaddset(&set, SIGUSR2); sigprocmask(SIG_BLOCK, &set, NULL);
    raise(SIGUSR2);
    sigset_t pend; sigpending(&pend);
    printf("pending usr2 %d delivered %d\n", sigismember(&pend, SIGUSR2), (int)got_usr2);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    printf("after unblock delivered %d code-is-tkill %d\n", (int)got_usr2, last_code == SI_TKILL);

    sa.sa_sigaction = on_segv; sa.sa_flags = SA_SIGINFO; sigaction(SIGSEGV, &sa, NULL);
    long page = sysconf(_SC_PAGESIZE);
    char *p = mmap(NULL, (size_t)page * 2, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    mprotect(p + page, (size_t)page, PROT_NONE);
    if (sigsetjmp(jb, 1) == 0) { p[page + 123] = 1; printf("no fault?\n"); }
    printf("segv caught offset %ld code-accerr %d\n", (long)(fault_addr - (uintptr_t)p), last_code == SEGV_ACCERR);
    if (sigsetjmp(jb, 1) == 0) { *(volatile char *)(uintptr_t)8 = 1; printf("no fault?\n"); }
    printf("segv caught addr %lu code-maperr %d\n", (unsigned long)fault_addr, last_code == SEGV_MAPERR);
    signal(SIGUSR1, SIG_IGN); raise(SIGUSR1); printf("ignored ok\n");
    return 0;
}
