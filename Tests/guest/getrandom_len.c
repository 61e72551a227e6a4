// Randomness sources: only lengths and non-failure are printed, never the bytes.
#include <stdio.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/random.h>
int main(void) {
    unsigned char buf[4096]; size_t sizes[] = {0, 1, 16, 256, 4096};
    for (int i = 0; i < 5; i++) printf("getrandom(%zu)=%zd\n", sizes[i], getrandom(buf, sizes[i], 0));
    printf("nonblock %zd\n", getrandom(buf, 32, GRND_NONBLOCK));
    printf("getentropy %d too-big %d\n", getentropy(buf, 256), getentropy(buf, 257));
    int fd = open("/dev/urandom", O_RDONLY); printf("urandom read %zd\n", read(fd, buf, 1000)); close(fd);
    int zeros = 0; memset(buf, 0, 64); getrandom(buf, 64, 0); for (int i = 0; i < 64; i++) zeros += buf[i] == 0;
    printf("not all zero %d\n", zeros < 64);
    return 0;
}
