// Executing a program through a descriptor: execveat(fd, "", AT_EMPTY_PATH) and fexecve on a
// close-on-exec, a plain, an O_PATH and a memfd descriptor, a deleted file, and execveat with
// a close-on-exec directory descriptor and a relative name. The new program (this one again)
// reports its AT_EXECFN (/dev/fd/N[/name], as the kernel names it), /proc/self/exe, whether N
// is still open, and whether it has exactly the descriptors the exec left (the caller's minus
// the close-on-exec ones): no extra descriptor may reach it.
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>

extern char **environ;

// Every open descriptor, whatever its number (the listing's own is left out).
static int count_open(void) {
    DIR *dir = opendir("/proc/self/fd");
    if (!dir) return -1;
    int count = 0;
    struct dirent *entry;
    while ((entry = readdir(dir)) != NULL)
        if (entry->d_name[0] != '.') count++;
    closedir(dir);
    return count - 1;
}

static const char *base(const char *path) {
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static int child(int argc, char **argv) {
    if (argc < 5) return 2;
    int expected = atoi(argv[3]), fd = atoi(argv[4]);
    char exe[4096] = "";
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) exe[n] = 0;
    const char *execfn = (const char *)getauxval(AT_EXECFN);
    int fd_open = fcntl(fd, F_GETFD) >= 0;
    int count = count_open();
    int lowest = open("/dev/null", O_RDONLY);
    printf("  %s: execfn %s exe %s fd-open %d descriptors %s lowest-free %d\n", argv[2], execfn, base(exe), fd_open,
           count == expected ? "as expected" : count > expected ? "MORE" : "fewer", lowest);
    return 0;
}

// Runs `how` in a forked child with argv {"prog", "child", label, expected, fd}; `closing`
// descriptors are close-on-exec.
static void run(const char *label, int fd, int closing, int (*how)(int, char *const *)) {
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        char expected[16], number[16];
        snprintf(expected, sizeof expected, "%d", count_open() - closing);
        snprintf(number, sizeof number, "%d", fd);
        char *const args[] = {"prog", "child", (char *)label, expected, number, NULL};
        how(fd, args);
        printf("  %s: exec failed errno %d\n", label, errno);
        _exit(1);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) printf("  %s: status %d\n", label, status);
}

static int by_empty_path(int fd, char *const *args) { return syscall(SYS_execveat, fd, "", args, environ, AT_EMPTY_PATH); }
static int by_fexecve(int fd, char *const *args) { return fexecve(fd, args, environ); }
static const char *relative_name;
static int by_dirfd(int fd, char *const *args) { return syscall(SYS_execveat, fd, relative_name, args, environ, 0); }

static int copy_to(int to) {
    int from = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
    char buffer[65536];
    ssize_t n;
    while ((n = read(from, buffer, sizeof buffer)) > 0)
        if (write(to, buffer, (size_t)n) != n) return -1;
    close(from);
    return 0;
}

int main(int argc, char **argv) {
    if (argc >= 2 && strcmp(argv[1], "child") == 0) return child(argc, argv);

    int cloexec = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
    printf("close-on-exec descriptor %d\n", cloexec);
    run("AT_EMPTY_PATH close-on-exec", cloexec, 1, by_empty_path);
    run("fexecve close-on-exec", cloexec, 1, by_fexecve);
    close(cloexec);

    int plain = open("/proc/self/exe", O_RDONLY);
    run("AT_EMPTY_PATH plain", plain, 0, by_empty_path);
    close(plain);

    int path_only = open("/proc/self/exe", O_PATH | O_CLOEXEC);
    run("AT_EMPTY_PATH O_PATH", path_only, 1, by_empty_path);
    close(path_only);

    int memfd = (int)syscall(SYS_memfd_create, "copy", MFD_CLOEXEC);
    printf("memfd copy %d\n", copy_to(memfd));
    run("fexecve memfd", memfd, 1, by_fexecve);
    close(memfd);

    int out = open("copy", O_WRONLY | O_CREAT | O_TRUNC, 0755);
    printf("file copy %d\n", copy_to(out));
    close(out);
    int deleted = open("copy", O_RDONLY | O_CLOEXEC);
    unlink("copy");
    run("fexecve deleted file", deleted, 1, by_fexecve);
    close(deleted);

    char exe[4096] = "";
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) exe[n] = 0;
    char *slash = strrchr(exe, '/');
    if (slash) {
        *slash = 0;
        relative_name = slash + 1;
        int dir = open(exe, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        run("execveat directory close-on-exec", dir, 1, by_dirfd);
        close(dir);
    }
    printf("lowest free after all %d\n", open("/dev/null", O_RDONLY));
    return 0;
}
