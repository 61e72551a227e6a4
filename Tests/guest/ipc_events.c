// Event descriptors: poll, epoll (the event struct differs between riscv64 and x86-64),
// eventfd, timerfd, inotify, memfd, close_range.
#define _GNU_SOURCE
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/timerfd.h>

int main(void) {
    // eventfd
    int efd = eventfd(3, EFD_CLOEXEC | EFD_NONBLOCK);
    uint64_t v = 4; write(efd, &v, 8);
    v = 0; ssize_t r = read(efd, &v, 8);
    uint64_t first = v; ssize_t again = read(efd, &v, 8);
    printf("eventfd read %zd value %llu again %zd\n", r, (unsigned long long)first, again);

    // epoll over a pipe and the eventfd, with 64-bit user data.
    int p[2]; pipe2(p, O_CLOEXEC);
    int ep = epoll_create1(EPOLL_CLOEXEC);
    struct epoll_event ev = {.events = EPOLLIN, .data.u64 = 0x1122334455667788ULL};
    printf("ctl add pipe %d\n", epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev));
    ev.events = EPOLLIN | EPOLLET; ev.data.u64 = 0xdeadbeefcafef00dULL;
    printf("ctl add eventfd %d\n", epoll_ctl(ep, EPOLL_CTL_ADD, efd, &ev));
    struct epoll_event out[4]; memset(out, 0, sizeof out);
    printf("wait empty %d\n", epoll_wait(ep, out, 4, 0));
    write(p[1], "x", 1); v = 1; write(efd, &v, 8);
    int n = epoll_wait(ep, out, 4, 1000);
    uint64_t seen = 0; unsigned events = 0;
    for (int i = 0; i < n; i++) { seen ^= out[i].data.u64; events |= out[i].events; }
    printf("wait %d data-xor %llx events %x\n", n, (unsigned long long)seen, events);
    struct timespec ts = {0, 1000000};
    int n2 = syscall(SYS_epoll_pwait2, ep, out, 4, &ts, NULL, 8);
    printf("pwait2 %d first %llx\n", n2, n2 > 0 ? (unsigned long long)out[0].data.u64 : 0ULL);
    int del1 = epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL);
    int del2 = epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL);
    printf("ctl del %d again %d\n", del1, del2);
    printf("bad maxevents %d\n", epoll_wait(ep, out, 0, 0));

    // poll
    struct pollfd pfd[2] = {{p[0], POLLIN, 0}, {p[1], POLLOUT, 0}};
    int polled = poll(pfd, 2, 100);
    printf("poll %d revents %x %x\n", polled, pfd[0].revents, pfd[1].revents);

    // timerfd: one 20 ms expiry.
    int tfd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC);
    struct itimerspec its = {{0, 0}, {0, 20000000}}, cur;
    printf("settime %d\n", timerfd_settime(tfd, 0, &its, NULL));
    timerfd_gettime(tfd, &cur);
    printf("gettime pending %d interval %ld\n", cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec > 0, (long)cur.it_interval.tv_nsec);
    uint64_t expirations = 0;
    ssize_t tr = read(tfd, &expirations, 8);
    printf("timerfd read %zd expirations %llu\n", tr, (unsigned long long)expirations);

    // inotify on a fresh directory.
    char dir[] = "/tmp/ipc-events-XXXXXX"; mkdtemp(dir);
    int in = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
    int wd = inotify_add_watch(in, dir, IN_CREATE | IN_DELETE);
    char file[64]; snprintf(file, sizeof file, "%s/child", dir);
    close(open(file, O_CREAT | O_WRONLY, 0600)); unlink(file);
    char buf[4096] __attribute__((aligned(8)));
    r = read(in, buf, sizeof buf);
    for (char *q = buf; q < buf + r;) {
        struct inotify_event *e = (struct inotify_event *)q;
        printf("inotify wd-ok %d mask %x name %s\n", e->wd == wd, e->mask, e->len ? e->name : "");
        q += sizeof *e + e->len;
    }
    printf("rm_watch %d\n", inotify_rm_watch(in, wd));
    rmdir(dir);

    // memfd: write, size, map, seal.
    int mfd = memfd_create("ipc-test", MFD_CLOEXEC | MFD_ALLOW_SEALING);
    write(mfd, "memfd contents", 14);
    struct stat st; fstat(mfd, &st);
    char *m = mmap(NULL, 4096, PROT_READ, MAP_SHARED, mfd, 0);
    printf("memfd size %lld mapped %.14s\n", (long long)st.st_size, m);
    int sealed = fcntl(mfd, F_ADD_SEALS, F_SEAL_GROW);
    int grown = ftruncate(mfd, 8192);
    printf("seal %d grow-after-seal %d\n", sealed, grown);
    munmap(m, 4096);

    // close_range closes a block of descriptors.
    int base = dup2(efd, 100); dup2(efd, 101); dup2(efd, 102);
    int closed = (int)syscall(SYS_close_range, base, 102, 0);
    int after1 = fcntl(100, F_GETFD), after2 = fcntl(102, F_GETFD);
    printf("close_range %d fcntl after %d %d\n", closed, after1, after2);
    return 0;
}
