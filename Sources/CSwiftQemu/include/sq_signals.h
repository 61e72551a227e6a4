// Host signal plumbing for guest signal delivery (docs/signals.md). Each piece is C because
// Swift cannot express it:
//  - the host signal handler itself: it runs asynchronously on the interrupted thread, must
//    not allocate, lock or call into Swift, and edits the interrupted context (ucontext_t:
//    the mask to restore and, inside the safe-syscall window, the instruction pointer);
//  - the safe-syscall window: hand-written assembly whose start and end addresses the handler
//    compares with the interrupted RIP, so a guest signal that arrives between the
//    "nothing pending" check and the kernel entry makes the syscall return -SQ_ERESTARTSYS
//    instead of blocking with the signal undelivered;
//  - raw rt_sigaction with an x86-64 sa_restorer (glibc's sigaction refuses the two real-time
//    signals it reserves for itself, which guest programs may use) and raw rt_sigprocmask;
//  - per-thread queues in thread-local storage the handler can reach.
// A synchronous fault (si_code > 0 of SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP) goes to the
// JIT's sq_jit_fault_redirect (sq_jit_fault.h); one it does not claim is the emulator's own and
// takes the default action.
#ifndef SQ_SIGNALS_H
#define SQ_SIGNALS_H
#include <stdint.h>

/// Queued signals per thread before the CPU loop drains them. Every asynchronous signal stays
/// blocked on the host from the first queued one until the drain, so only signals that are
/// never blocked on the host (the synchronous fault signals, when sent with kill) can queue
/// behind it.
#define SQ_SIGNAL_QUEUE_LENGTH 8

/// The internal "interrupted, restart if the handler allows it" result of sq_safe_syscall6
/// (the kernel's ERESTARTSYS; never returned to a guest).
#define SQ_ERESTARTSYS 512

/// One queued host signal: its number and the kernel's siginfo (128 bytes, the generic 64-bit
/// layout that x86-64, riscv64 and aarch64 share).
typedef struct {
    int32_t signo;
    int32_t padding;
    uint8_t info[128];
} sq_queued_signal;

/// Binds the calling thread's interrupt word (in its CPU frame header): the handler sets it
/// to 1 when it queues a signal, so translated code leaves at the next block entry.
void sq_signal_bind_thread(volatile uint64_t *interrupt_word);

/// Installs the emulator's handler for host signal `signo`, with `extra_flags` (SA_NOCLDSTOP,
/// SA_NOCLDWAIT) added to its own. Returns 0 or -errno.
int sq_signal_install_handler(int signo, unsigned long extra_flags);

/// Sets the host disposition of `signo` to SIG_DFL (`ignore` 0) or SIG_IGN (1). 0 or -errno.
int sq_signal_set_default(int signo, int ignore);

/// The host disposition of `signo`: 0 SIG_DFL, 1 SIG_IGN, 2 a handler, or -errno.
int sq_signal_disposition(int signo);

/// Signals queued on this thread and not yet taken (nonzero: deliver at the next safe point).
int sq_signal_queued_count(void);

/// Blocks every host signal on this thread, moves the queued signals to `out` (at most
/// `capacity`) and clears the interrupt word. Returns how many. The caller then sets the host
/// mask again with sq_signal_set_host_mask.
int sq_signal_take(sq_queued_signal *out, int capacity);

/// Sets this thread's host signal mask to `mask` (bit n-1 = signal n) except the synchronous
/// fault signals (SIGILL, SIGTRAP, SIGBUS, SIGFPE, SIGSEGV), which stay deliverable so host
/// faults in translated code can be handled. Returns 0 or -errno.
int sq_signal_set_host_mask(uint64_t mask);

/// This thread's host signal mask (bit n-1 = signal n).
uint64_t sq_signal_host_mask(void);

/// A raw syscall made on the guest's behalf through the safe-syscall window: returns the
/// kernel's result, or -SQ_ERESTARTSYS when a signal was queued before the kernel was entered
/// or interrupted the call in a way the kernel would restart.
long sq_safe_syscall6(long number, long a1, long a2, long a3, long a4, long a5, long a6);

#endif
