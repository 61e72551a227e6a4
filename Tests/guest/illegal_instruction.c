// An illegal instruction after buffered output has been flushed: the process dies of SIGILL on
// riscv64 (the all-zero parcel is defined to be illegal) as on x86-64 (ud2).
//! signal: SIGILL
//! stderr: ignore
#include <stdio.h>
int main(void) {
    printf("before the illegal instruction\n");
    fflush(stdout);
#if defined(__riscv)
    __asm__ volatile(".4byte 0");
#else
    __asm__ volatile("ud2");
#endif
    printf("not reached\n");
    return 0;
}
