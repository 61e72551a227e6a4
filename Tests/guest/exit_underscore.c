// _exit skips atexit handlers and stdio flushing; exit status is taken modulo 256 (300 -> 44).
//! exit: 44
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
static void handler(void) { printf("must not appear\n"); }
int main(void) {
    atexit(handler);
    printf("flushed line\n"); fflush(stdout);
    printf("lost: never flushed\n");
    _exit(300);
}
