// JIT support that Swift cannot express (see CSwiftQemu.h for the target's purpose):
//  - sq_jit_enter: a hand-written entry trampoline that saves the callee-saved registers, loads
//    the pinned registers of translated code and calls it; translated code leaves with `ret`.
//    Swift cannot control register assignment or the stack at this level.
//  - sq_jit_region_create: the code cache's dual mapping (one memfd mapped RW and RX, so no page
//    is ever writable and executable at once); memfd_create is not exposed to Swift by Glibc.
//  - sq_jit_cpu_features: CPUID (inline assembly).
//  - sq_jit_indirect_miss: three instructions outside any block's code that the jump cache
//    names as the code of blocks not compiled yet (a fixed address, valid in every code region).
#ifndef SQ_JIT_H
#define SQ_JIT_H
#include <stdint.h>
#include <stddef.h>

/// Runs translated code at `code` with r15 = frame, r14 = guest memory base, r12 = 0
/// (translated code adds each block's instruction count to it; on return the trampoline adds
/// r12 to `*instret`), and rbx, rbp, r13, r11, r10, r9, r8 loaded from the frame slots whose
/// indices are the bytes of the frame header word at frame - 120, up to the first 0 (the JIT's
/// pinned guest slots; stored back to the same slots when the code returns). `page_flags` is unused (the
/// JIT reads the table from the frame header). Returns what translated code left in rax: a
/// pointer to the exit record of the exit it took (docs/jit.md).
const void *sq_jit_enter(const void *code, uint64_t *frame, void *memory_base, uint8_t *page_flags, uint64_t *instret);

/// Creates a code region of `size` bytes mapped twice: `*rw` read/write, `*rx` read/execute.
/// Returns 0 or a negative errno.
int sq_jit_region_create(size_t size, void **rw, void **rx);

/// Unmaps both views of a region made by sq_jit_region_create.
void sq_jit_region_destroy(void *rw, void *rx, size_t size);

/// Host CPU features the JIT uses.
enum {
    SQ_JIT_LZCNT = 1,
    SQ_JIT_BMI1 = 2,   // tzcnt
    SQ_JIT_POPCNT = 4,
};

/// SQ_JIT_* bits of the host CPU (CPUID).
uint32_t sq_jit_cpu_features(void);

/// Not to be called: its address is the jump cache's code pointer for blocks that are not
/// compiled yet. Entered by a `jmp` from translated code with rax = the guest target, it sets
/// the pc slot and returns to the trampoline with an `indirect` exit record.
void sq_jit_indirect_miss(void);

// Fork support (jit_fork.c). In C because it maps a memfd MAP_FIXED over the code region and
// parses /proc/self/maps to find the writable view; memfd_create is not exposed to Swift by
// Glibc, and the writable view's address is private to JITCodeCache.
/// Parent side, before a host fork: a new memfd (MFD_CLOEXEC) of `size` bytes holding the first
/// `used` bytes of the region whose executable view is `rx`; `*rw` receives the writable view.
/// Returns the descriptor or a negative errno.
int sq_jit_fork_prepare(const void *rx, size_t size, size_t used, void **rw);

/// Child side, after a host fork: maps `fd` (from sq_jit_fork_prepare) MAP_FIXED over both views
/// so the child's code region is private; closes `fd`. Returns 0 or a negative errno.
int sq_jit_fork_adopt(int fd, void *rw, void *rx, size_t size);

#endif
