// /proc/self/environ holds the initial environment (NUL-separated), even after setenv.
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>
extern char **environ;
int main(void) {
    static char buf[1 << 20]; size_t expected = 0; int same = 1, count = 0;
    char **initial = environ;
    int fd = open("/proc/self/environ", O_RDONLY);
    size_t n = 0; ssize_t r;
    while ((r = read(fd, buf + n, sizeof buf - 1 - n)) > 0) n += r;
    close(fd);
    for (char **e = initial; *e; e++, count++) {
        size_t len = strlen(*e) + 1;
        if (expected + len > n || memcmp(buf + expected, *e, len) != 0) same = 0;
        expected += len;
    }
    setenv("PROC_ENVIRON_TEST", "1", 1);
    printf("environ equals initial environment %d (entries>0 %d)\n", same && n == expected, count > 0);
    return 0;
}
