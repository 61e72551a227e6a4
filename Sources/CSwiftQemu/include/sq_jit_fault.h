// Host faults inside translated code (docs/jit.md, "Memory access"). Why each piece is C:
//  - sq_jit_fault_redirect: runs inside a SIGSEGV/SIGBUS handler. It reads and rewrites the
//    interrupted context's RIP (ucontext_t, which Swift cannot name portably), and it must be
//    async-signal-safe: no allocation, no locks, no Swift runtime calls (which may take locks
//    or allocate). It only reads plain memory published with atomic stores.
//  - the fault-table registry (sq_jit_fault_region_*, sq_jit_fault_block_add): the data the
//    handler reads, laid out in C so its memory and atomic publication are under our control
//    (a lock-free append-only index per code region; Swift arrays may be reallocated while a
//    handler reads them).
//  - sq_jit_fault_install: sigaction with SA_SIGINFO and sigaltstack, which Swift cannot
//    express (a `@convention(c)` Swift handler would run Swift in signal context). Temporary:
//    the guest-signal work owns the process's single SIGSEGV/SIGBUS handler and will call
//    sq_jit_fault_redirect from it.
#ifndef SQ_JIT_FAULT_H
#define SQ_JIT_FAULT_H
#include <stdint.h>
#include <stddef.h>
#include <signal.h>

/// Looks the faulting host pc of a SIGSEGV/SIGBUS up in the registered code regions. When it is
/// a guest memory access of translated code (one listed in its block's fault table), sets the
/// context's RIP to that access's out-of-line slow path and returns 1 (the handler then just
/// returns); otherwise returns 0 and changes nothing. Async-signal-safe.
int sq_jit_fault_redirect(int signo, siginfo_t *info, void *ucontext);

/// Installs a SIGSEGV+SIGBUS handler (SA_SIGINFO|SA_ONSTACK, with a sigaltstack for the calling
/// thread) that calls sq_jit_fault_redirect and otherwise ends the process with the signal's
/// default action. Idempotent. Temporary, until guest signal delivery owns the handler.
void sq_jit_fault_install(void);

/// Registers the executable view `[rx, rx + size)` of a code region. Returns a handle (>= 0)
/// for the calls below, or -1 when no slot or no memory for the index is left.
int sq_jit_fault_region_register(const void *rx, size_t size);

/// Forgets a region (no translated code of it may run any more).
void sq_jit_fault_region_unregister(int handle);

/// Forgets every block of a region (its code is being reused; none of it runs).
void sq_jit_fault_region_reset(int handle);

/// Adds a block whose code starts at byte `code_offset` of the region and whose fault table
/// starts at byte `table_offset` (both from the region's start). Blocks must be added in
/// increasing code order (the code cache allocates by bumping a pointer). The table must
/// already be in the region: a 32-bit count, then `count` pairs of 32-bit offsets from the
/// block's start (the access instruction, its slow path), sorted by access offset.
/// Returns 0, or -1 when the index is full or the order is wrong.
int sq_jit_fault_block_add(int handle, size_t code_offset, size_t table_offset);

#endif
