// A real invalid store (address 16) must become a guest SIGSEGV that kills the process.
//! signal: SIGSEGV
//! stderr: ignore
#include <stdio.h>
int main(void) {
    printf("about to fault\n"); fflush(stdout);
    volatile int *p = (volatile int *)16;
    *p = 1;
    printf("not reached\n");
    return 0;
}
