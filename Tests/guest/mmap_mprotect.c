// Anonymous and file-backed mmap, mprotect round trips, mremap, munmap, MAP_FIXED inside a
// reservation, madvise(DONTNEED) zeroing, MAP_SHARED file writes visible through read().
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <stdint.h>
#include <unistd.h>
#include <fcntl.h>
#include <sys/mman.h>

int main(void) {
    size_t pg = (size_t)sysconf(_SC_PAGESIZE);
    unsigned char *a = mmap(NULL, 64 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    printf("mmap ok %d aligned %d\n", a != MAP_FAILED, ((uintptr_t)a % pg) == 0);
    int zero = 1; for (size_t i = 0; i < 64 * pg; i += 512) if (a[i]) zero = 0;
    printf("zero-filled %d\n", zero);
    for (size_t i = 0; i < 64 * pg; i++) a[i] = (unsigned char)(i ^ (i >> 8));
    printf("mprotect ro %d\n", mprotect(a, 16 * pg, PROT_READ));
    unsigned long s = 0; for (size_t i = 0; i < 16 * pg; i++) s += a[i];
    printf("read ro sum %lu\n", s);
    printf("mprotect rw %d\n", mprotect(a, 16 * pg, PROT_READ | PROT_WRITE));
    a[5] = 0xAA; printf("write after rw %d\n", a[5]);
    int p1 = mprotect(a + 32 * pg, pg, PROT_NONE); int p2 = mprotect(a + 32 * pg, pg, PROT_READ | PROT_WRITE);
    printf("mprotect none+back %d %d\n", p1, p2);
    printf("value kept %d\n", a[32 * pg + 7] == (unsigned char)((32 * pg + 7) ^ ((32 * pg + 7) >> 8)));
    printf("madvise %d\n", madvise(a + 8 * pg, 2 * pg, MADV_DONTNEED));
    printf("after dontneed %d %d %d\n", a[8 * pg], a[9 * pg + 100], a[10 * pg + 1] == (unsigned char)((10 * pg + 1) ^ ((10 * pg + 1) >> 8)));
    unsigned char *r = mremap(a, 64 * pg, 256 * pg, MREMAP_MAYMOVE);
    printf("mremap ok %d kept %d new-zero %d\n", r != MAP_FAILED, r[63 * pg + 3] == (unsigned char)((63 * pg + 3) ^ ((63 * pg + 3) >> 8)), r[200 * pg] == 0);
    memset(r + 100 * pg, 0x5c, 150 * pg); printf("tail %d\n", r[255 * pg + pg - 1]);
    printf("munmap middle %d\n", munmap(r + 10 * pg, 20 * pg));
    printf("munmap all %d\n", munmap(r, 256 * pg));
    unsigned char *res = mmap(NULL, 16 * pg, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    unsigned char *fx = mmap(res + 4 * pg, 2 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    printf("fixed at offset %ld\n", (long)(fx - res)); fx[0] = 1; fx[2 * pg - 1] = 2; printf("fixed rw %d\n", fx[0] + fx[2 * pg - 1]);
    munmap(res, 16 * pg);
    int fd = open("mapped.bin", O_RDWR | O_CREAT | O_TRUNC, 0600); ftruncate(fd, (off_t)(3 * pg));
    char *fm = mmap(NULL, 3 * pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    strcpy(fm + pg + 10, "shared mapping text"); msync(fm, 3 * pg, MS_SYNC);
    char rb[32] = {0}; pread(fd, rb, 19, (off_t)pg + 10); printf("pread via fd [%s]\n", rb);
    pwrite(fd, "XYZ", 3, 5); printf("mapping sees write [%.3s]\n", fm + 5);
    char *pm = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, (off_t)pg); pm[10] = 's';
    pread(fd, rb, 6, (off_t)pg + 10); rb[6] = 0; printf("private cow [%.6s] file [%s]\n", pm + 10, rb);
    munmap(fm, 3 * pg); munmap(pm, pg); close(fd); unlink("mapped.bin");
    unsigned char *big = mmap(NULL, 64u << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    for (size_t i = 0; i < (64u << 20); i += pg * 16) big[i] = 1;
    unsigned cnt = 0; for (size_t i = 0; i < (64u << 20); i += pg * 16) cnt += big[i];
    printf("64MiB touched %u unmap %d\n", cnt, munmap(big, 64u << 20));
    return 0;
}
