// CSwiftQemu: the small C layer under swift-qemu. Each piece is here because Swift cannot
// express it:
//  - sq_syscall6: Swift cannot call the variadic syscall(2), and we want the raw kernel
//    return (negative errno) without touching the thread's errno.
//  - sq_atomic_*: host atomics on raw guest addresses (LR/SC, AMOs). Swift's Synchronization
//    module only offers atomics on values it owns, not on arbitrary memory.
//  - sq_fp_*: IEEE operations that must run under a chosen host rounding mode and report the
//    host exception flags (MXCSR). Swift gives no control of the floating-point environment
//    and may fold or move FP operations across such control.
//  - sq_jit_fault_*: the SIGSEGV/SIGBUS path of the JIT's host-fault memory access (ucontext
//    access and async-signal-safe lookups; see sq_jit_fault.h).
//  - sq_signal_*, sq_safe_syscall6: the host signal handler, the safe-syscall window and raw
//    signal calls (sq_signals.h explains each).
#ifndef CSWIFTQEMU_H
#define CSWIFTQEMU_H

#include <stdint.h>
#include <stddef.h>

/// Raw Linux syscall with six arguments; returns the kernel's result (-errno on failure).
long sq_syscall6(long number, long a1, long a2, long a3, long a4, long a5, long a6);

// ---- Atomics on guest memory (sequentially consistent; x86-64 LOCK-prefixed). ----
static inline uint64_t sq_atomic_xchg64(void *p, uint64_t v) { return __atomic_exchange_n((uint64_t *)p, v, __ATOMIC_SEQ_CST); }
static inline uint32_t sq_atomic_xchg32(void *p, uint32_t v) { return __atomic_exchange_n((uint32_t *)p, v, __ATOMIC_SEQ_CST); }
static inline uint64_t sq_atomic_add64(void *p, uint64_t v) { return __atomic_fetch_add((uint64_t *)p, v, __ATOMIC_SEQ_CST); }
static inline uint32_t sq_atomic_add32(void *p, uint32_t v) { return __atomic_fetch_add((uint32_t *)p, v, __ATOMIC_SEQ_CST); }
static inline uint64_t sq_atomic_and64(void *p, uint64_t v) { return __atomic_fetch_and((uint64_t *)p, v, __ATOMIC_SEQ_CST); }
static inline uint32_t sq_atomic_and32(void *p, uint32_t v) { return __atomic_fetch_and((uint32_t *)p, v, __ATOMIC_SEQ_CST); }
static inline uint64_t sq_atomic_or64(void *p, uint64_t v) { return __atomic_fetch_or((uint64_t *)p, v, __ATOMIC_SEQ_CST); }
static inline uint32_t sq_atomic_or32(void *p, uint32_t v) { return __atomic_fetch_or((uint32_t *)p, v, __ATOMIC_SEQ_CST); }
static inline uint64_t sq_atomic_xor64(void *p, uint64_t v) { return __atomic_fetch_xor((uint64_t *)p, v, __ATOMIC_SEQ_CST); }
static inline uint32_t sq_atomic_xor32(void *p, uint32_t v) { return __atomic_fetch_xor((uint32_t *)p, v, __ATOMIC_SEQ_CST); }
/// Compare-and-swap; returns the value found at p (equal to expected on success).
static inline uint64_t sq_atomic_cas64(void *p, uint64_t expected, uint64_t desired) {
    __atomic_compare_exchange_n((uint64_t *)p, &expected, desired, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    return expected;
}
static inline uint32_t sq_atomic_cas32(void *p, uint32_t expected, uint32_t desired) {
    __atomic_compare_exchange_n((uint32_t *)p, &expected, desired, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    return expected;
}
static inline void sq_fence_full(void) { __atomic_thread_fence(__ATOMIC_SEQ_CST); }

#include "sq_fp.h"
#include "sq_jit.h"
#include "sq_jit_fault.h"
#include "sq_signals.h"

#endif
