// Fault recovery: 200 SIGSEGVs from a PROT_NONE page and from a NULL read, each recovered with
// siglongjmp (the mask is restored by sigsetjmp(.., 1)); si_addr and si_code exact; a fault
// inside a handler that blocks nothing else; SIGILL from an illegal instruction; SIGTRAP from
// a breakpoint; SIGBUS beyond the end of a mapped file.
#define _GNU_SOURCE
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static sigjmp_buf jb;
static volatile uintptr_t addr; static volatile int code, signo;
static void on_fault(int sig, siginfo_t *si, void *uc) {
    (void)uc; signo = sig; addr = (uintptr_t)si->si_addr; code = si->si_code; siglongjmp(jb, 1);
}

int main(void) {
    struct sigaction sa; memset(&sa, 0, sizeof sa); sa.sa_sigaction = on_fault; sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGSEGV, &sa, NULL); sigaction(SIGBUS, &sa, NULL); sigaction(SIGILL, &sa, NULL); sigaction(SIGTRAP, &sa, NULL);
    long page = sysconf(_SC_PAGESIZE);
    char *p = mmap(NULL, page, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    int caught = 0, exact = 0;
    for (int i = 0; i < 200; i++) {
        volatile char *target = i % 2 ? (volatile char *)p + (i * 13) % page : (volatile char *)(uintptr_t)(8 * i + 16);
        if (sigsetjmp(jb, 1) == 0) {
            if (i % 3 == 0) *target = 1; else (void)*target;
        } else {
            caught++;
            int want = i % 2 ? SEGV_ACCERR : SEGV_MAPERR;
            if (signo == SIGSEGV && addr == (uintptr_t)target && code == want) exact++;
        }
    }
    printf("segv caught %d exact %d\n", caught, exact);
    sigset_t now; sigprocmask(SIG_BLOCK, NULL, &now);
    printf("segv unblocked after longjmp %d\n", !sigismember(&now, SIGSEGV));

    // An illegal instruction and a breakpoint of each machine (si_code differs: x86-64 reports
    // ILL_ILLOPN for ud2 and SI_KERNEL for int3, riscv64 ILL_ILLOPC and TRAP_BRKPT).
#if defined(__riscv)
    if (sigsetjmp(jb, 1) == 0) { __asm__ volatile(".4byte 0"); }
    int ill_code_ok = code == ILL_ILLOPC;
#else
    if (sigsetjmp(jb, 1) == 0) { __asm__ volatile("ud2"); }
    int ill_code_ok = code == ILL_ILLOPN;
#endif
    printf("sigill %d code %d\n", signo == SIGILL, ill_code_ok);
#if defined(__riscv)
    if (sigsetjmp(jb, 1) == 0) { __asm__ volatile("ebreak"); }
    int trap_code_ok = code == TRAP_BRKPT;
#else
    if (sigsetjmp(jb, 1) == 0) { __asm__ volatile("int3"); }
    int trap_code_ok = code == SI_KERNEL;
#endif
    printf("breakpoint %s code %d\n", signo == SIGTRAP ? "SIGTRAP" : "other", trap_code_ok);

    char path[] = "/tmp/signal_faults_XXXXXX"; int fd = mkstemp(path); unlink(path);
    write(fd, "abc", 3);
    char *m = mmap(NULL, 2 * page, PROT_READ, MAP_PRIVATE, fd, 0);
    if (sigsetjmp(jb, 1) == 0) { volatile char x = m[page + 5]; (void)x; }
    printf("sigbus %d code BUS_ADRERR %d addr ok %d first page %c\n", signo == SIGBUS, code == BUS_ADRERR, addr == (uintptr_t)(m + page + 5), m[0]);
    return 0;
}
