// The program break: sbrk grows and shrinks it, the new memory is usable and zeroed. stdout gets
// a static buffer and nothing is printed until the end, so malloc never moves the break meanwhile.
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

static char outbuf[1 << 16];

int main(void) {
    setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
    long r[16] = {0};
    char *start = sbrk(0);
    char *p = sbrk(4096);
    r[0] = p == start;
    r[1] = (char *)sbrk(0) - start;
    r[2] = 1; for (int i = 0; i < 4096; i++) if (p[i]) r[2] = 0;
    memset(p, 0x7e, 4096);
    char *q = sbrk(1 << 20); r[3] = q == p + 4096;
    for (int i = 0; i < (1 << 20); i += 4096) q[i] = (char)(i >> 12);
    for (int i = 0; i < (1 << 20); i += 4096) r[4] += (unsigned char)q[i];
    sbrk(-(1 << 20)); r[5] = (char *)sbrk(0) - start;
    char *again = sbrk(8192); r[6] = again == p + 4096; r[7] = p[4095] == 0x7e;
    r[8] = brk(start); r[9] = sbrk(0) == start;
    r[10] = sbrk(13) == start; r[11] = (char *)sbrk(0) - start;
    printf("sbrk(4096) returned old break %ld\ngrew by %ld\nzeroed %ld\ngrow 1MiB contiguous %ld\nsum %ld\nshrunk %ld\n"
           "regrow same %ld first-byte-kept %ld\nbrk to start %ld now-at-start %ld\nodd size %ld delta %ld\n",
           r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11]);
    return 0;
}
