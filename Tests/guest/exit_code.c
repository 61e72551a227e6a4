// Exit status 42 after atexit handlers run (in reverse order) and buffered stdio is flushed.
//! exit: 42
#include <stdio.h>
#include <stdlib.h>
static void first(void) { printf("atexit first (runs last)\n"); }
static void second(void) { printf("atexit second (runs first)\n"); fprintf(stderr, "stderr from atexit\n"); }
int main(void) {
    atexit(first); atexit(second);
    printf("buffered line without flush");
    printf(" ...continued\n");
    exit(42);
}
