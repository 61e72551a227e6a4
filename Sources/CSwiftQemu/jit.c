// Entry trampoline, dual-mapped code region and CPUID for the x86-64 JIT (sq_jit.h).
#define _GNU_SOURCE
#include "sq_jit.h"
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <errno.h>
#include <cpuid.h>

#if defined(__x86_64__)
// Stack at the call of the block: 6 saved registers, the counter pointer twice and our return
// address keep rsp 16-byte aligned inside translated code, so it may call C/Swift helpers
// directly. Translated code counts retired guest instructions in r12 (from 0); the trampoline
// adds r12 to *instret when the code returns. rbx, rbp, r13, r11, r10, r9 and r8, in that
// order, hold the pinned guest slots whose indices the bytes of the frame header word at -120
// name (JITFrame.pinnedSlots; 0 ends the list): loaded before the call (after r8, the counter
// pointer, is pushed), stored back after it.
__asm__(
    ".text\n"
    ".globl sq_jit_enter\n"
    ".type sq_jit_enter, @function\n"
    "sq_jit_enter:\n"
    "    push %rbx\n"
    "    push %rbp\n"
    "    push %r12\n"
    "    push %r13\n"
    "    push %r14\n"
    "    push %r15\n"
    "    push %r8\n"
    "    push %r8\n"
    "    mov %rsi, %r15\n"
    "    mov %rdx, %r14\n"
    "    xor %r12d, %r12d\n"
    "    movzbl -120(%r15), %eax\n"
    "    test %eax, %eax\n"
    "    jz 1f\n"
    "    mov (%r15,%rax,8), %rbx\n"
    "    movzbl -119(%r15), %eax\n"
    "    test %eax, %eax\n"
    "    jz 1f\n"
    "    mov (%r15,%rax,8), %rbp\n"
    "    movzbl -118(%r15), %eax\n"
    "    test %eax, %eax\n"
    "    jz 1f\n"
    "    mov (%r15,%rax,8), %r13\n"
    "    movzbl -117(%r15), %eax\n"
    "    test %eax, %eax\n"
    "    jz 1f\n"
    "    mov (%r15,%rax,8), %r11\n"
    "    movzbl -116(%r15), %eax\n"
    "    test %eax, %eax\n"
    "    jz 1f\n"
    "    mov (%r15,%rax,8), %r10\n"
    "    movzbl -115(%r15), %eax\n"
    "    test %eax, %eax\n"
    "    jz 1f\n"
    "    mov (%r15,%rax,8), %r9\n"
    "    movzbl -114(%r15), %eax\n"
    "    test %eax, %eax\n"
    "    jz 1f\n"
    "    mov (%r15,%rax,8), %r8\n"
    "1:  call *%rdi\n"
    "    movzbl -120(%r15), %ecx\n"
    "    test %ecx, %ecx\n"
    "    jz 2f\n"
    "    mov %rbx, (%r15,%rcx,8)\n"
    "    movzbl -119(%r15), %ecx\n"
    "    test %ecx, %ecx\n"
    "    jz 2f\n"
    "    mov %rbp, (%r15,%rcx,8)\n"
    "    movzbl -118(%r15), %ecx\n"
    "    test %ecx, %ecx\n"
    "    jz 2f\n"
    "    mov %r13, (%r15,%rcx,8)\n"
    "    movzbl -117(%r15), %ecx\n"
    "    test %ecx, %ecx\n"
    "    jz 2f\n"
    "    mov %r11, (%r15,%rcx,8)\n"
    "    movzbl -116(%r15), %ecx\n"
    "    test %ecx, %ecx\n"
    "    jz 2f\n"
    "    mov %r10, (%r15,%rcx,8)\n"
    "    movzbl -115(%r15), %ecx\n"
    "    test %ecx, %ecx\n"
    "    jz 2f\n"
    "    mov %r9, (%r15,%rcx,8)\n"
    "    movzbl -114(%r15), %ecx\n"
    "    test %ecx, %ecx\n"
    "    jz 2f\n"
    "    mov %r8, (%r15,%rcx,8)\n"
    "2:"
    "    mov (%rsp), %rcx\n"
    "    add %r12, (%rcx)\n"
    "    add $16, %rsp\n"
    "    pop %r15\n"
    "    pop %r14\n"
    "    pop %r13\n"
    "    pop %r12\n"
    "    pop %rbp\n"
    "    pop %rbx\n"
    "    ret\n"
    ".size sq_jit_enter, .-sq_jit_enter\n");

// The host code of a jump-cache entry whose block is not compiled yet (JumpCache): `jmpr`'s
// inline probe jumps here with rax = the guest target, and it leaves as the block's own miss path
// does (pc slot, at frame offset 8, = rax; an exit record of kind `indirect`, 2, in rax; `ret` to
// the trampoline). The record has no block: the engine reads none for `indirect`.
__asm__(
    ".text\n"
    ".globl sq_jit_indirect_miss\n"
    ".type sq_jit_indirect_miss, @function\n"
    "sq_jit_indirect_miss:\n"
    "    mov %rax, 8(%r15)\n"
    "    lea sq_jit_indirect_record(%rip), %rax\n"
    "    ret\n"
    ".size sq_jit_indirect_miss, .-sq_jit_indirect_miss\n"
    ".section .rodata\n"
    ".balign 8\n"
    "sq_jit_indirect_record:\n"
    "    .quad 0\n"
    "    .long 2\n"
    "    .long 0\n"
    "    .quad 0\n"
    "    .quad 0\n"
    ".text\n");

uint32_t sq_jit_cpu_features(void) {
    unsigned a, b, c, d;
    uint32_t f = 0;
    if (__get_cpuid(1, &a, &b, &c, &d) && (c & (1u << 23))) f |= SQ_JIT_POPCNT;
    if (__get_cpuid(0x80000001, &a, &b, &c, &d) && (c & (1u << 5))) f |= SQ_JIT_LZCNT;
    if (__get_cpuid_count(7, 0, &a, &b, &c, &d) && (b & (1u << 3))) f |= SQ_JIT_BMI1;
    return f;
}
#else
const void *sq_jit_enter(const void *code, uint64_t *frame, void *memory_base, uint8_t *page_flags, uint64_t *instret) {
    (void)code; (void)frame; (void)memory_base; (void)page_flags; (void)instret;
    return 0;
}
uint32_t sq_jit_cpu_features(void) { return 0; }
void sq_jit_indirect_miss(void) {}
#endif

int sq_jit_region_create(size_t size, void **rw, void **rx) {
    int fd = (int)syscall(SYS_memfd_create, "swift-qemu-jit", 1u /* MFD_CLOEXEC */);
    if (fd < 0) return -errno;
    if (ftruncate(fd, (off_t)size) != 0) { int e = errno; close(fd); return -e; }
    void *w = mmap(0, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (w == MAP_FAILED) { int e = errno; close(fd); return -e; }
    void *x = mmap(0, size, PROT_READ | PROT_EXEC, MAP_SHARED, fd, 0);
    if (x == MAP_FAILED) { int e = errno; munmap(w, size); close(fd); return -e; }
    close(fd);
    *rw = w;
    *rx = x;
    return 0;
}

void sq_jit_region_destroy(void *rw, void *rx, size_t size) {
    munmap(rw, size);
    munmap(rx, size);
}
