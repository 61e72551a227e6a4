// vfork and CLONE_VM|CLONE_VFORK: the child shares the parent's memory until it execs or exits,
// so the parent sees what the child wrote: globals, the heap, the parent's stack, a store across
// a page boundary, many pages, atomics, bytes the kernel wrote into the child's buffers (read,
// stat), writes after a failed exec, after mprotect, before a death by signal, and in a nested
// vfork; not the writes of a grandchild made by fork, nor those of a clone3 CLONE_VFORK child
// without CLONE_VM. clone3 CLONE_VM|CLONE_VFORK|CLONE_CLEAR_SIGHAND (what newer glibc's
// posix_spawn makes) resets the child's handlers, not the parent's. posix_spawn reports a failed
// exec or file action through that memory (ENOENT), also with closefrom (close_range in the
// child).
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <linux/sched.h>

extern char **environ;

// clone3 as one inline system call, so that a CLONE_VM child sharing this stack frame returns
// from no function (as with vfork).
#if defined(__x86_64__)
#define RAW_CLONE3(args, size) ({ long r_; __asm__ volatile("syscall" : "=a"(r_) : "0"(435L), "D"(args), "S"(size) \
                                                     : "rcx", "r11", "memory"); r_; })
#elif defined(__riscv)
#define RAW_CLONE3(args, size) ({ register long a0_ __asm__("a0") = (long)(args); \
                                  register long a1_ __asm__("a1") = (long)(size); \
                                  register long a7_ __asm__("a7") = 435; \
                                  __asm__ volatile("ecall" : "+r"(a0_) : "r"(a1_), "r"(a7_) : "memory"); a0_; })
#endif

static int global_value = 1;
static int *heap;
static long counter;
static int child_errno;
static char read_buffer[32];
static struct stat stat_buffer;
static unsigned char pages[16 * 4096] __attribute__((aligned(4096)));
static struct clone_args clone_request;
static struct sigaction queried;

static void on_usr1(int signal) { (void)signal; }

static int run_and_wait(pid_t pid) {
    int status = 0;
    if (waitpid(pid, &status, 0) != pid) return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static int spawn(const char *path, int search, posix_spawn_file_actions_t *actions) {
    char *args[] = {"spawned", NULL};
    pid_t pid = 0;
    int rc = search ? posix_spawnp(&pid, path, actions, NULL, args, environ)
                    : posix_spawn(&pid, path, actions, NULL, args, environ);
    int status = rc == 0 ? run_and_wait(pid) : -1;
    printf("posix_spawn%s %s: rc %d (%s) status %d\n", search ? "p" : "", path, rc, rc ? strerror(rc) : "ok", status);
    return rc;
}

int main(int argc, char **argv) {
    if (argc > 1 && strcmp(argv[1], "--child") == 0) {
        printf("re-executed child\n");
        return 3;
    }
    setvbuf(stdout, NULL, _IONBF, 0);
    heap = malloc(1000 * sizeof(int));
    heap[500] = 5;
    volatile int local = 10;

    // Writes of every kind, then _exit.
    pid_t pid = vfork();
    if (pid == 0) {
        global_value = 2;
        heap[500] = 6;
        local = 11;
        uint64_t v = 0x1122334455667788ull;
        memcpy(pages + 4096 - 3, &v, 8);
        for (int i = 1; i < 16; i++) pages[i * 4096 + 100] = (unsigned char)(i * 3);
        __atomic_fetch_add(&counter, 5, __ATOMIC_SEQ_CST);
        _exit(7);
    }
    uint64_t crossing;
    memcpy(&crossing, pages + 4096 - 3, 8);
    int sum = 0;
    for (int i = 0; i < 16; i++) sum += pages[i * 4096 + 100];
    printf("vfork _exit: status %d global %d heap %d local %d\n", run_and_wait(pid), global_value, heap[500], local);
    printf("page-crossing store 0x%llx, 15 pages sum %d, atomic %ld\n", (unsigned long long)crossing, sum, counter);

    // Writes, then a successful exec of a native program and of this program.
    pid = vfork();
    if (pid == 0) { global_value = 3; execl("/bin/true", "true", (char *)NULL); _exit(100); }
    printf("vfork exec /bin/true: status %d global %d\n", run_and_wait(pid), global_value);
    pid = vfork();
    if (pid == 0) { global_value = 4; execl("/proc/self/exe", "self", "--child", (char *)NULL); _exit(100); }
    printf("vfork exec self: status %d global %d\n", run_and_wait(pid), global_value);

    // A failed exec, then more writes.
    pid = vfork();
    if (pid == 0) {
        global_value = 5;
        execl("/nonexistent/program", "missing", (char *)NULL);
        child_errno = errno;
        heap[500] = 7;
        _exit(101);
    }
    printf("vfork failed exec: status %d global %d errno %s heap %d\n", run_and_wait(pid), global_value,
           strerror(child_errno), heap[500]);

    // The kernel writes into the child's buffers.
    int fds[2];
    if (pipe(fds) != 0) return 1;
    write(fds[1], "through a pipe", 15);
    FILE *f = fopen("data.txt", "w");
    fputs("0123456789012345678901234567890123456789\n", f);
    fclose(f);
    pid = vfork();
    if (pid == 0) {
        read(fds[0], read_buffer, sizeof read_buffer);
        stat("data.txt", &stat_buffer);
        _exit(0);
    }
    printf("kernel writes: status %d read \"%s\" stat size %lld\n", run_and_wait(pid), read_buffer,
           (long long)stat_buffer.st_size);
    close(fds[0]);
    close(fds[1]);
    unlink("data.txt");

    // mprotect in the child, and a page it maps itself.
    pid = vfork();
    if (pid == 0) {
        mprotect(pages + 8 * 4096, 4096, PROT_READ);
        mprotect(pages + 8 * 4096, 4096, PROT_READ | PROT_WRITE);
        pages[8 * 4096 + 5] = 42;
        unsigned char *own = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (own != MAP_FAILED) own[0] = 1;
        _exit(0);
    }
    printf("after mprotect: status %d byte %d\n", run_and_wait(pid), pages[8 * 4096 + 5]);

    // A MAP_SHARED page is shared anyway.
    int *shared = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    pid = vfork();
    if (pid == 0) { shared[1] = 12; _exit(0); }
    printf("shared mapping: status %d value %d\n", run_and_wait(pid), shared[1]);

    // Death by a signal after a write.
    pid = vfork();
    if (pid == 0) {
        global_value = 6;
        syscall(SYS_kill, syscall(SYS_getpid), SIGTERM);
        _exit(102);
    }
    printf("killed child: status %d global %d\n", run_and_wait(pid), global_value);

    // A grandchild made by fork has its own memory; a nested vfork shares it.
    pid = vfork();
    if (pid == 0) {
        pid_t inner = fork();
        if (inner == 0) { global_value = 99; _exit(0); }
        waitpid(inner, NULL, 0);
        inner = vfork();
        if (inner == 0) { heap[500] = 8; _exit(0); }
        waitpid(inner, NULL, 0);
        global_value = 7;
        _exit(8);
    }
    printf("nested: status %d global %d heap %d\n", run_and_wait(pid), global_value, heap[500]);

    // clone3 with CLONE_VFORK but without CLONE_VM: the parent waits, the memory is a copy.
    struct clone_args args;
    memset(&args, 0, sizeof args);
    args.flags = CLONE_VFORK;
    args.exit_signal = SIGCHLD;
    long r = syscall(SYS_clone3, &args, sizeof args);
    if (r == 0) { global_value = 77; _exit(9); }
    printf("clone3 CLONE_VFORK without CLONE_VM: status %d global %d\n", run_and_wait((pid_t)r), global_value);

    // clone3 CLONE_VM|CLONE_VFORK|CLONE_CLEAR_SIGHAND: the child's handlers are reset (an
    // ignored signal stays ignored), the parent's are not; the child's write is seen.
    signal(SIGUSR1, on_usr1);
    signal(SIGUSR2, SIG_IGN);
    memset(&clone_request, 0, sizeof clone_request);
    clone_request.flags = CLONE_VM | CLONE_VFORK | CLONE_CLEAR_SIGHAND;
    clone_request.exit_signal = SIGCHLD;
    r = RAW_CLONE3(&clone_request, sizeof clone_request);
    if (r == 0) {
        int code = 0;
        sigaction(SIGUSR1, NULL, &queried);
        if (queried.sa_handler == SIG_DFL) code |= 1;
        sigaction(SIGUSR2, NULL, &queried);
        if (queried.sa_handler == SIG_IGN) code |= 2;
        global_value = 8;
        syscall(SYS_exit_group, code);
    }
    sigaction(SIGUSR1, NULL, &queried);
    printf("clone3 CLONE_CLEAR_SIGHAND: status %d global %d parent handler kept %d\n", run_and_wait((pid_t)r),
           global_value, queried.sa_handler == on_usr1);

    // posix_spawn: success, a missing program, a missing file in a file action, closefrom.
    spawn("/bin/true", 0, NULL);
    spawn("/nonexistent/program", 0, NULL);
    spawn("no-such-program-in-path", 1, NULL);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 5, "/nonexistent/file", O_RDONLY, 0);
    spawn("/bin/true", 0, &actions);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addclosefrom_np(&actions, 3);
    spawn("/nonexistent/program", 0, &actions);
    spawn("/bin/true", 0, &actions);
    posix_spawn_file_actions_destroy(&actions);
    return 0;
}
