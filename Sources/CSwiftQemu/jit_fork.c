// A private copy of the JIT code region for a forked child (sq_jit.h, sq_jit_fork_*).
//
// The region is one memfd mapped twice with MAP_SHARED (jit.c): a host fork would leave parent
// and child writing the same pages. The parent copies the used part into a new memfd before
// the fork (no translated code runs then, so the copy is consistent and no race with the
// parent's later writes exists); the child maps the copy MAP_FIXED over both views, at the
// same addresses, so chained jumps and every recorded code address stay valid.
#define _GNU_SOURCE
#include "sq_jit.h"
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// The writable view of the region whose executable view starts at `rx`: the other mapping of
// the same memfd (same device and inode in /proc/self/maps) with permissions rw-s.
static void *find_rw_view(const void *rx) {
    FILE *maps = fopen("/proc/self/maps", "re");
    if (!maps) return NULL;
    char line[512];
    unsigned long long inode = 0;
    char device[32] = {0};
    int found = 0;
    // First pass: the rx mapping's identity.
    while (fgets(line, sizeof line, maps)) {
        unsigned long long start, end, offset, ino;
        char perms[8], dev[32];
        if (sscanf(line, "%llx-%llx %7s %llx %31s %llu", &start, &end, perms, &offset, dev, &ino) != 6) continue;
        if ((void *)(uintptr_t)start == rx) { inode = ino; strcpy(device, dev); found = 1; break; }
    }
    void *rw = NULL;
    if (found) {
        rewind(maps);
        while (fgets(line, sizeof line, maps)) {
            unsigned long long start, end, offset, ino;
            char perms[8], dev[32];
            if (sscanf(line, "%llx-%llx %7s %llx %31s %llu", &start, &end, perms, &offset, dev, &ino) != 6) continue;
            if (ino == inode && strcmp(dev, device) == 0 && strcmp(perms, "rw-s") == 0 && offset == 0) {
                rw = (void *)(uintptr_t)start;
                break;
            }
        }
    }
    fclose(maps);
    return rw;
}

int sq_jit_fork_prepare(const void *rx, size_t size, size_t used, void **rw) {
    static void *cached_rw;
    static const void *cached_rx;
    if (cached_rx != rx) {
        cached_rw = find_rw_view(rx);
        cached_rx = rx;
    }
    if (!cached_rw) return -ENOENT;
    int fd = (int)syscall(SYS_memfd_create, "swift-qemu-jit", 1u /* MFD_CLOEXEC */);
    if (fd < 0) return -errno;
    if (ftruncate(fd, (off_t)size) != 0) { int e = errno; close(fd); return -e; }
    size_t done = 0;
    while (done < used) {
        ssize_t n = pwrite(fd, (const char *)rx + done, used - done, (off_t)done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) { int e = n < 0 ? errno : EIO; close(fd); return -e; }
        done += (size_t)n;
    }
    *rw = cached_rw;
    return fd;
}

int sq_jit_fork_adopt(int fd, void *rw, void *rx, size_t size) {
    void *w = mmap(rw, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, fd, 0);
    if (w == MAP_FAILED) { int e = errno; close(fd); return -e; }
    void *x = mmap(rx, size, PROT_READ | PROT_EXEC, MAP_SHARED | MAP_FIXED, fd, 0);
    if (x == MAP_FAILED) { int e = errno; close(fd); return -e; }
    close(fd);
    return 0;
}
