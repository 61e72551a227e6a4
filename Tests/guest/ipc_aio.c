// Linux native AIO through the raw syscalls (what libaio does): io_setup, io_submit of
// PWRITE/PREAD/PREADV, io_getevents with the iocb address and user data echoed back,
// io_cancel of a finished request, io_destroy.
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <time.h>
#include <unistd.h>
#include <linux/aio_abi.h>
#include <sys/syscall.h>
#include <sys/uio.h>

static long io_setup(unsigned n, aio_context_t *ctx) { return syscall(SYS_io_setup, n, ctx); }
static long io_destroy(aio_context_t ctx) { return syscall(SYS_io_destroy, ctx); }
static long io_submit(aio_context_t ctx, long n, struct iocb **iocbs) { return syscall(SYS_io_submit, ctx, n, iocbs); }
static long io_getevents(aio_context_t ctx, long min, long max, struct io_event *ev, struct timespec *t) {
    return syscall(SYS_io_getevents, ctx, min, max, ev, t);
}

int main(void) {
    char path[] = "/tmp/ipc-aio-XXXXXX";
    int fd = mkstemp(path); unlink(path);
    aio_context_t ctx = 0;
    long setup = io_setup(16, &ctx);
    printf("setup %ld nonzero %d\n", setup, ctx != 0);
    aio_context_t busy = ctx;
    printf("setup on used ctx %ld\n", io_setup(16, &busy));

    static char out[4096] = "asynchronous write", in[64], part1[5], part2[8];
    struct iocb w = {0};
    w.aio_data = 0x1234; w.aio_lio_opcode = IOCB_CMD_PWRITE; w.aio_fildes = fd;
    w.aio_buf = (unsigned long)out; w.aio_nbytes = 4096; w.aio_offset = 0;
    struct iocb *list[2] = {&w};
    printf("submit write %ld\n", io_submit(ctx, 1, list));
    struct io_event ev[4];
    long n = io_getevents(ctx, 1, 4, ev, NULL);
    printf("events %ld data %llx obj-is-iocb %d res %lld\n", n, (unsigned long long)ev[0].data, ev[0].obj == (unsigned long)&w, (long long)ev[0].res);

    struct iocb r = {0}, rv = {0};
    r.aio_data = 1; r.aio_lio_opcode = IOCB_CMD_PREAD; r.aio_fildes = fd;
    r.aio_buf = (unsigned long)in; r.aio_nbytes = 18; r.aio_offset = 0;
    struct iovec iov[2] = {{part1, 5}, {part2, 7}};
    rv.aio_data = 2; rv.aio_lio_opcode = IOCB_CMD_PREADV; rv.aio_fildes = fd;
    rv.aio_buf = (unsigned long)iov; rv.aio_nbytes = 2; rv.aio_offset = 6;
    list[0] = &r; list[1] = &rv;
    printf("submit two %ld\n", io_submit(ctx, 2, list));
    int done = 0, objs = 0;
    struct timespec wait = {5, 0};
    while (done < 2) {
        n = io_getevents(ctx, 1, 4, ev, &wait);
        if (n <= 0) break;
        for (long i = 0; i < n; i++) objs += (ev[i].obj == (unsigned long)&r && ev[i].data == 1) || (ev[i].obj == (unsigned long)&rv && ev[i].data == 2);
        done += n;
    }
    printf("completed %d matched %d read \"%s\" readv \"%.5s|%.7s\"\n", done, objs, in, part1, part2);
    struct iocb bad = {0};
    bad.aio_lio_opcode = IOCB_CMD_PREAD; bad.aio_fildes = 999; bad.aio_buf = (unsigned long)in; bad.aio_nbytes = 1;
    list[0] = &bad;
    long badSubmit = io_submit(ctx, 1, list);
    printf("submit bad fd %ld\n", badSubmit);
    struct timespec none = {0, 0};
    printf("no events %ld\n", io_getevents(ctx, 0, 4, ev, &none));
    long destroyed = io_destroy(ctx);
    long again = io_destroy(ctx);
    printf("destroy %ld again %ld\n", destroyed, again);
    return 0;
}
