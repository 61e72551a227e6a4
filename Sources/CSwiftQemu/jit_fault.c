// Host faults inside translated code: the fault-table registry and the signal-side lookup
// (sq_jit_fault.h, docs/jit.md "Memory access").
//
// Data layout, built for lock-free lookups from a signal handler on any thread:
//  - a fixed array of region slots, each guarded by a sequence number (odd while the slot is
//    being written), so a reader never trusts a half-written slot;
//  - per region, an append-only index of {block code offset, fault table offset}, sorted by
//    code offset because the code cache bump-allocates; `count` is published with a release
//    store after the entry is written, and read with an acquire load;
//  - per block, the fault table itself lives in the code region after the block's code and
//    exit records (read through the executable view, which is readable).
// Writers (compilation, reset, registration) are serialized by their callers (the translation
// cache); a reset happens only when no code of the region runs.
#define _GNU_SOURCE
#include "sq_jit_fault.h"
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#define SQ_JIT_FAULT_MAX_REGIONS 256

struct sq_jit_fault_block {
    uint32_t code;   // offset of the block's first byte in the region
    uint32_t table;  // offset of its fault table in the region
};

struct sq_jit_fault_region {
    uint64_t seq;                        // even: stable; odd: being (un)registered
    uintptr_t rx;                        // executable view; 0: slot free
    size_t size;
    struct sq_jit_fault_block *blocks;   // the index (mmap'ed, NORESERVE)
    size_t capacity;
    size_t count;                        // published entries
    int claimed;                         // slot owned by a registration
};

static struct sq_jit_fault_region regions[SQ_JIT_FAULT_MAX_REGIONS];

int sq_jit_fault_region_register(const void *rx, size_t size) {
    // Blocks are 16-byte aligned and longer than 16 bytes: at most size/16 of them.
    size_t capacity = size / 16 + 1;
    size_t bytes = capacity * sizeof(struct sq_jit_fault_block);
    void *index = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (index == MAP_FAILED) return -1;
    for (int i = 0; i < SQ_JIT_FAULT_MAX_REGIONS; i++) {
        int expected = 0;
        if (!__atomic_compare_exchange_n(&regions[i].claimed, &expected, 1, 0, __ATOMIC_ACQ_REL, __ATOMIC_RELAXED)) continue;
        struct sq_jit_fault_region *r = &regions[i];
        __atomic_store_n(&r->seq, r->seq + 1, __ATOMIC_RELAXED);   // odd
        __atomic_thread_fence(__ATOMIC_RELEASE);
        __atomic_store_n(&r->count, 0, __ATOMIC_RELAXED);
        __atomic_store_n(&r->blocks, (struct sq_jit_fault_block *)index, __ATOMIC_RELAXED);
        __atomic_store_n(&r->capacity, capacity, __ATOMIC_RELAXED);
        __atomic_store_n(&r->size, size, __ATOMIC_RELAXED);
        __atomic_store_n(&r->rx, (uintptr_t)rx, __ATOMIC_RELAXED);
        __atomic_store_n(&r->seq, r->seq + 1, __ATOMIC_RELEASE);   // even again
        return i;
    }
    munmap(index, bytes);
    return -1;
}

void sq_jit_fault_region_unregister(int handle) {
    if (handle < 0 || handle >= SQ_JIT_FAULT_MAX_REGIONS) return;
    struct sq_jit_fault_region *r = &regions[handle];
    struct sq_jit_fault_block *index = r->blocks;
    size_t bytes = r->capacity * sizeof(struct sq_jit_fault_block);
    __atomic_store_n(&r->seq, r->seq + 1, __ATOMIC_RELAXED);
    __atomic_thread_fence(__ATOMIC_RELEASE);
    __atomic_store_n(&r->rx, 0, __ATOMIC_RELAXED);
    __atomic_store_n(&r->size, 0, __ATOMIC_RELAXED);
    __atomic_store_n(&r->count, 0, __ATOMIC_RELAXED);
    __atomic_store_n(&r->blocks, NULL, __ATOMIC_RELAXED);
    __atomic_store_n(&r->seq, r->seq + 1, __ATOMIC_RELEASE);
    if (index) munmap(index, bytes);
    __atomic_store_n(&r->claimed, 0, __ATOMIC_RELEASE);
}

void sq_jit_fault_region_reset(int handle) {
    if (handle < 0 || handle >= SQ_JIT_FAULT_MAX_REGIONS) return;
    __atomic_store_n(&regions[handle].count, 0, __ATOMIC_RELEASE);
}

int sq_jit_fault_block_add(int handle, size_t code_offset, size_t table_offset) {
    if (handle < 0 || handle >= SQ_JIT_FAULT_MAX_REGIONS) return -1;
    struct sq_jit_fault_region *r = &regions[handle];
    size_t n = r->count;
    if (n >= r->capacity || table_offset > UINT32_MAX || table_offset < code_offset) return -1;
    if (n > 0 && r->blocks[n - 1].code >= code_offset) return -1;
    r->blocks[n].code = (uint32_t)code_offset;
    r->blocks[n].table = (uint32_t)table_offset;
    __atomic_store_n(&r->count, n + 1, __ATOMIC_RELEASE);
    return 0;
}

/// The slow-path address for a fault at `pc`, or 0.
static uintptr_t lookup(uintptr_t pc) {
    for (int i = 0; i < SQ_JIT_FAULT_MAX_REGIONS; i++) {
        struct sq_jit_fault_region *r = &regions[i];
        uint64_t seq = __atomic_load_n(&r->seq, __ATOMIC_ACQUIRE);
        if (seq & 1) continue;
        uintptr_t rx = __atomic_load_n(&r->rx, __ATOMIC_RELAXED);
        size_t size = __atomic_load_n(&r->size, __ATOMIC_RELAXED);
        if (rx == 0 || pc < rx || pc - rx >= size) continue;
        struct sq_jit_fault_block *blocks = __atomic_load_n(&r->blocks, __ATOMIC_RELAXED);
        size_t count = __atomic_load_n(&r->count, __ATOMIC_ACQUIRE);
        __atomic_thread_fence(__ATOMIC_ACQUIRE);
        if (__atomic_load_n(&r->seq, __ATOMIC_RELAXED) != seq || blocks == NULL) continue;
        // Code runs in this region, so it cannot be unregistered under us: search its index for
        // the last block starting at or before pc.
        uint32_t offset = (uint32_t)(pc - rx);
        size_t lo = 0, hi = count;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (blocks[mid].code <= offset) lo = mid + 1; else hi = mid;
        }
        if (lo == 0) return 0;
        struct sq_jit_fault_block b = blocks[lo - 1];
        if (offset >= b.table) return 0;   // past the block's code: not one of its accesses
        const uint32_t *table = (const uint32_t *)(rx + b.table);
        uint32_t entries = table[0];
        const uint32_t *pairs = table + 1;
        uint32_t want = offset - b.code;
        size_t l = 0, h = entries;
        while (l < h) {
            size_t mid = l + (h - l) / 2;
            uint32_t at = pairs[2 * mid];
            if (at == want) return rx + b.code + pairs[2 * mid + 1];
            if (at < want) l = mid + 1; else h = mid;
        }
        return 0;
    }
    return 0;
}

int sq_jit_fault_redirect(int signo, siginfo_t *info, void *ucontext) {
#if defined(__x86_64__)
    if ((signo != SIGSEGV && signo != SIGBUS) || info == NULL || ucontext == NULL) return 0;
    if (info->si_code <= 0) return 0;   // sent by kill/tgkill/sigqueue, not a fault
    ucontext_t *uc = (ucontext_t *)ucontext;
    uintptr_t slow = lookup((uintptr_t)uc->uc_mcontext.gregs[REG_RIP]);
    if (slow == 0) return 0;
    uc->uc_mcontext.gregs[REG_RIP] = (greg_t)slow;
    return 1;
#else
    (void)signo; (void)info; (void)ucontext;
    return 0;
#endif
}

static void fault_handler(int signo, siginfo_t *info, void *ucontext) {
    if (sq_jit_fault_redirect(signo, info, ucontext)) return;
    // Not translated code (an emulator bug): the default action. Returning re-executes the
    // faulting instruction, which faults again and ends the process with this signal; a
    // signal that was sent rather than raised by a fault is sent again (it stays blocked until
    // the handler returns).
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = SIG_DFL;
    sigemptyset(&sa.sa_mask);
    sigaction(signo, &sa, NULL);
    if (info == NULL || info->si_code <= 0) raise(signo);
}

void sq_jit_fault_install(void) {
    static int installed = 0;
    int expected = 0;
    if (!__atomic_compare_exchange_n(&installed, &expected, 1, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) return;
    // An alternate stack for the calling thread, so that a fault on stack overflow still runs
    // the handler (and dies with SIGSEGV, not a silent double fault).
    stack_t current;
    if (sigaltstack(NULL, &current) == 0 && (current.ss_flags & SS_DISABLE)) {
        size_t size = 64 * 1024;
        void *stack = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (stack != MAP_FAILED) {
            stack_t ss = { .ss_sp = stack, .ss_size = size, .ss_flags = 0 };
            sigaltstack(&ss, NULL);
        }
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = fault_handler;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
}
