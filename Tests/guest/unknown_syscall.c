// A syscall number no kernel has gets -ENOSYS, and the program carries on.
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
int main(void) {
    long numbers[] = {9999, 1000, 100000, -5};
    for (unsigned i = 0; i < sizeof numbers / sizeof numbers[0]; i++) {
        errno = 0;
        long r = syscall(numbers[i], 1, 2, 3);
        printf("syscall(%ld) = %ld errno %s\n", numbers[i], r, strerror(errno));
    }
    printf("still running: pid > 0 is %d\n", getpid() > 0);
    return 0;
}
