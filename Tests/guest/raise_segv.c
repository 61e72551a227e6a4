// raise(SIGSEGV) with the default action terminates the process by SIGSEGV.
//! signal: SIGSEGV
//! stderr: ignore
#include <stdio.h>
#include <signal.h>
int main(void) {
    printf("raising SIGSEGV\n"); fflush(stdout);
    raise(SIGSEGV);
    printf("not reached\n");
    return 0;
}
