// abort() kills the process with SIGABRT; flushed output before it must survive.
//! signal: SIGABRT
//! stderr: ignore
#include <stdio.h>
#include <stdlib.h>
int main(void) {
    printf("before abort\n"); fflush(stdout);
    abort();
}
