// Host signal handler, safe-syscall window and raw signal calls (sq_signals.h says why C).
#define _GNU_SOURCE
#include "sq_signals.h"
#include "sq_jit_fault.h"
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

static __thread volatile uint64_t *tls_interrupt_word;
static __thread volatile int tls_queued_count;
static __thread sq_queued_signal tls_queue[SQ_SIGNAL_QUEUE_LENGTH];

/// The signals a host fault raises; never blocked on the host (sq_signal_set_host_mask).
static const uint64_t sync_signal_bits =
    (1ull << (SIGILL - 1)) | (1ull << (SIGTRAP - 1)) | (1ull << (SIGBUS - 1)) |
    (1ull << (SIGFPE - 1)) | (1ull << (SIGSEGV - 1));

/// The kernel's struct sigaction on x86-64 (sa_restorer is mandatory there).
struct kernel_sigaction {
    void *handler;
    unsigned long flags;
    void (*restorer)(void);
    uint64_t mask;
};
#define SQ_SA_RESTORER 0x04000000

#if defined(__x86_64__)
// sq_safe_syscall_raw(pending, number, a1..a6): rdi = &queued count, rsi = number, rdx, rcx,
// r8, r9, 8(%rsp), 16(%rsp) = a1..a6. The window is [sq_safe_syscall_start,
// sq_safe_syscall_end): a signal handled there has not been seen by the check or interrupted
// the syscall in a restartable way (the kernel moved RIP back onto `syscall`), so the handler
// moves RIP to sq_safe_syscall_interrupted. A signal after the syscall returned leaves RIP at
// sq_safe_syscall_end and the result stands.
__asm__(
    ".text\n"
    ".type sq_safe_syscall_raw, @function\n"
    "sq_safe_syscall_raw:\n"
    "    mov %rdi, %r11\n"
    "    mov %rsi, %rax\n"
    "    mov %rdx, %rdi\n"
    "    mov %rcx, %rsi\n"
    "    mov %r8, %rdx\n"
    "    mov %r9, %r10\n"
    "    mov 8(%rsp), %r8\n"
    "    mov 16(%rsp), %r9\n"
    "sq_safe_syscall_start:\n"
    "    cmpl $0, (%r11)\n"
    "    jne sq_safe_syscall_interrupted\n"
    "    syscall\n"
    "sq_safe_syscall_end:\n"
    "    ret\n"
    "sq_safe_syscall_interrupted:\n"
    "    mov $-512, %rax\n"
    "    ret\n"
    ".size sq_safe_syscall_raw, .-sq_safe_syscall_raw\n"
    ".type sq_signal_restorer, @function\n"
    "sq_signal_restorer:\n"
    "    mov $15, %eax\n"
    "    syscall\n"
    "    hlt\n"
    ".size sq_signal_restorer, .-sq_signal_restorer\n");
#else
#error "sq_safe_syscall_raw and sq_signal_restorer exist for x86-64 hosts only"
#endif

long sq_safe_syscall_raw(volatile int *pending, long number, long a1, long a2, long a3, long a4, long a5, long a6);
extern char sq_safe_syscall_start[], sq_safe_syscall_end[], sq_safe_syscall_interrupted[];
void sq_signal_restorer(void);

long sq_safe_syscall6(long number, long a1, long a2, long a3, long a4, long a5, long a6) {
    return sq_safe_syscall_raw(&tls_queued_count, number, a1, a2, a3, a4, a5, a6);
}

static int is_synchronous_fault(int signo, const siginfo_t *info) {
    return (sync_signal_bits & (1ull << (signo - 1))) && info->si_code > 0;
}

static void host_signal_handler(int signo, siginfo_t *info, void *context) {
    ucontext_t *uc = context;
    if (is_synchronous_fault(signo, info)) {
        // A guest access in translated code: the JIT's table sends it to the access's exact
        // out-of-line check, which leaves with the guest's fault.
        if (sq_jit_fault_redirect(signo, info, context)) return;
        // The emulator's own fault: the default action ends the process when the faulting
        // instruction runs again.
        struct kernel_sigaction dfl = {0};
        syscall(SYS_rt_sigaction, signo, &dfl, 0, sizeof(uint64_t));
        return;
    }
    int saved_errno = errno;
    int count = tls_queued_count;
    if (count < SQ_SIGNAL_QUEUE_LENGTH) {
        tls_queue[count].signo = signo;
        memcpy(tls_queue[count].info, info, sizeof tls_queue[count].info);
        tls_queued_count = count + 1;
    }
    if (tls_interrupt_word) *tls_interrupt_word = 1;
    // Keep every other asynchronous signal pending in the host kernel until the CPU loop has
    // delivered this one (sq_signal_take / sq_signal_set_host_mask).
    uint64_t *mask = (uint64_t *)&uc->uc_sigmask;
    *mask = ~sync_signal_bits;
    greg_t pc = uc->uc_mcontext.gregs[REG_RIP];
    if (pc >= (greg_t)sq_safe_syscall_start && pc < (greg_t)sq_safe_syscall_end)
        uc->uc_mcontext.gregs[REG_RIP] = (greg_t)sq_safe_syscall_interrupted;
    errno = saved_errno;
}

void sq_signal_bind_thread(volatile uint64_t *interrupt_word) {
    tls_interrupt_word = interrupt_word;
}

int sq_signal_install_handler(int signo, unsigned long extra_flags) {
    struct kernel_sigaction action = {
        .handler = (void *)host_signal_handler,
        .flags = SA_SIGINFO | SA_RESTART | SQ_SA_RESTORER | extra_flags,
        .restorer = sq_signal_restorer,
        .mask = ~0ull,
    };
    long r = syscall(SYS_rt_sigaction, signo, &action, 0, sizeof(uint64_t));
    return r < 0 ? -errno : 0;
}

int sq_signal_set_default(int signo, int ignore) {
    struct kernel_sigaction action = { .handler = ignore ? (void *)SIG_IGN : (void *)SIG_DFL };
    long r = syscall(SYS_rt_sigaction, signo, &action, 0, sizeof(uint64_t));
    return r < 0 ? -errno : 0;
}

int sq_signal_disposition(int signo) {
    struct kernel_sigaction old;
    if (syscall(SYS_rt_sigaction, signo, 0, &old, sizeof(uint64_t)) < 0) return -errno;
    if (old.handler == (void *)SIG_DFL) return 0;
    if (old.handler == (void *)SIG_IGN) return 1;
    return 2;
}

int sq_signal_queued_count(void) { return tls_queued_count; }

int sq_signal_take(sq_queued_signal *out, int capacity) {
    uint64_t all = ~0ull;
    syscall(SYS_rt_sigprocmask, SIG_SETMASK, &all, 0, sizeof(uint64_t));
    if (tls_interrupt_word) *tls_interrupt_word = 0;
    int count = tls_queued_count;
    if (count > capacity) count = capacity;
    memcpy(out, tls_queue, (size_t)count * sizeof *out);
    tls_queued_count = 0;
    return count;
}

int sq_signal_set_host_mask(uint64_t mask) {
    mask &= ~sync_signal_bits;
    long r = syscall(SYS_rt_sigprocmask, SIG_SETMASK, &mask, 0, sizeof(uint64_t));
    return r < 0 ? -errno : 0;
}

uint64_t sq_signal_host_mask(void) {
    uint64_t mask = 0;
    syscall(SYS_rt_sigprocmask, SIG_BLOCK, 0, &mask, sizeof(uint64_t));
    return mask;
}
