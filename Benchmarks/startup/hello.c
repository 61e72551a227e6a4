/* Start-up benchmark: the smallest useful program, linked statically.
 *
 * Benchmarks/run builds it natively and for riscv64 (both -static) and times 200 runs of each
 * under every runner: what is measured is process creation, ELF loading, the emulator's own
 * start-up, the translation of libc's start-up code, one write and exit. It is not a kernel
 * (it lives outside Benchmarks/kernels) and is not in the speed table.
 */
#include <stdio.h>

int main(void) {
    puts("hello, world");
    return 0;
}
