// Memory calls on guest ranges: mlock family, mincore, process_vm_readv/writev on the
// process itself, pkey_alloc (no keys on riscv64: compared by success only), msync.
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/uio.h>

int main(void) {
    long page = sysconf(_SC_PAGESIZE);
    char *m = mmap(NULL, 4 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    m[0] = 1; m[2 * page] = 1;
    int locked = mlock(m, page);
    int unlocked = munlock(m, page);
    printf("mlock %d munlock %d\n", locked, unlocked);
    printf("mlock2 onfault %d\n", mlock2(m, 2 * page, MLOCK_ONFAULT));
    munlock(m, 2 * page);
    unsigned char vec[4];
    int core = mincore(m, 4 * page, vec);
    printf("mincore %d resident %d %d\n", core, vec[0] & 1, vec[2] & 1);
    errno = 0;
    core = mincore(m + 1, page, vec);
    printf("mincore unaligned %d errno %d\n", core, errno);
    munmap(m + 3 * page, page);
    errno = 0;
    core = mincore(m, 4 * page, vec);
    printf("mincore unmapped %d errno %d\n", core, errno);

    char src[32] = "process_vm self copy", dst[32] = {0};
    struct iovec local = {dst, sizeof dst}, remote = {src, sizeof src};
    ssize_t got = process_vm_readv(getpid(), &local, 1, &remote, 1, 0);
    printf("readv %zd %s\n", got, dst);
    strcpy(src, "written back");
    struct iovec l2 = {src, 13}, r2 = {dst, 13};
    got = process_vm_writev(getpid(), &l2, 1, &r2, 1, 0);
    printf("writev %zd %s\n", got, dst);
    printf("msync %d\n", msync(m, page, MS_SYNC));
    printf("mlockall-munlockall %d\n", munlockall());
    return 0;
}
