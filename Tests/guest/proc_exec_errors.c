// execve and execveat error codes as the kernel returns them: ENOENT, EACCES (no x bit, a
// directory), ENOEXEC (garbage with the x bit), ELOOP (6 nested #! scripts; 5 still work),
// E2BIG (one argument longer than MAX_ARG_STRLEN), EFAULT (bad argv pointer), ENOENT for
// AT_EMPTY_PATH missing, and execveat with AT_EMPTY_PATH and a directory descriptor.
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>

extern char **environ;

static const char *name(int e) {
    switch (e) {
    case 0: return "0";
    case ENOENT: return "ENOENT";
    case EACCES: return "EACCES";
    case ENOEXEC: return "ENOEXEC";
    case ELOOP: return "ELOOP";
    case E2BIG: return "E2BIG";
    case EFAULT: return "EFAULT";
    case ENOTDIR: return "ENOTDIR";
    case EINVAL: return "EINVAL";
    default: return "other";
    }
}

static void write_file(const char *path, const char *text, int mode) {
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    write(fd, text, strlen(text));
    close(fd);
    chmod(path, mode);
}

// Runs an exec attempt in a child; the child reports errno through its exit status.
static void attempt(const char *label, int (*try)(void)) {
    pid_t pid = fork();
    if (pid == 0) {
        errno = 0;
        try();
        _exit(errno);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    if (WIFEXITED(status) && WEXITSTATUS(status) < 100) printf("%s: %s\n", label, name(WEXITSTATUS(status)));
    else printf("%s: ran, status %d\n", label, WIFEXITED(status) ? WEXITSTATUS(status) : -1);
}

static char *const plain_args[] = {"prog", NULL};
static int try_missing(void) { return execve("./does-not-exist", plain_args, environ); }
static int try_missing_dir(void) { return execve("/nonexistent-dir/prog", plain_args, environ); }
static int try_not_executable(void) { return execve("./plain.txt", plain_args, environ); }
static int try_directory(void) { return execve(".", plain_args, environ); }
static int try_garbage(void) { return execve("./garbage", plain_args, environ); }
static int try_chain5(void) { return execve("./s2", plain_args, environ); }
static int try_chain6(void) { return execve("./s1", plain_args, environ); }
static int try_bad_interpreter(void) { return execve("./badinterp", plain_args, environ); }
static int try_empty_shebang(void) { return execve("./emptyshebang", plain_args, environ); }
static int try_big(void) {
    static char big[200000];
    memset(big, 'x', sizeof big - 1);
    char *args[] = {"true", big, NULL};
    return execve("/bin/true", args, environ);
}
static int try_fault(void) {
    char **volatile bad = (char **)8;
    return execve("/bin/true", bad, environ);
}
static int try_fault_path(void) {
    const char *volatile bad = (const char *)8;
    return execve(bad, plain_args, environ);
}
static int try_empty_path(void) { return execve("", plain_args, environ); }
static int try_at_empty_path(void) {
    int fd = open("/bin/true", O_RDONLY);
    return syscall(SYS_execveat, fd, "", plain_args, environ, AT_EMPTY_PATH);
}
static int try_dirfd_script(void) {
    int dir = open(".", O_RDONLY | O_DIRECTORY);
    char *args[] = {"argv0", "via-dirfd", NULL};
    return syscall(SYS_execveat, dir, "ok.sh", args, environ, 0);
}
static int try_dirfd_cloexec_script(void) {
    int dir = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    return syscall(SYS_execveat, dir, "ok.sh", plain_args, environ, 0);
}
static int try_symlink_nofollow(void) {
    return syscall(SYS_execveat, AT_FDCWD, "link-to-true", plain_args, environ, AT_SYMLINK_NOFOLLOW);
}
static int try_bad_flags(void) { return syscall(SYS_execveat, AT_FDCWD, "/bin/true", plain_args, environ, 0x4); }

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    // Work in a private directory so no run leaves files behind.
    char dir[] = "/tmp/proc_exec_errors_XXXXXX";
    if (!mkdtemp(dir) || chdir(dir) != 0) return 1;
    write_file("plain.txt", "just text\n", 0644);
    write_file("garbage", "\x01\x02garbage bytes that are no program\n", 0755);
    write_file("ok.sh", "#!/bin/sh\necho \"ok.sh ran: $# args, $1\"\nexit 3\n", 0755);
    // s1 -> s2 -> ... -> s6 -> /bin/sh: 6 levels of #! fail, 5 work.
    write_file("s6", "#!/bin/sh\necho chain end\nexit 0\n", 0755);
    write_file("s5", "#!./s6\n", 0755);
    write_file("s4", "#!./s5\n", 0755);
    write_file("s3", "#!./s4\n", 0755);
    write_file("s2", "#!./s3\n", 0755);
    write_file("s1", "#!./s2\n", 0755);
    write_file("badinterp", "#!/nonexistent/interpreter\n", 0755);
    write_file("emptyshebang", "#!   \n", 0755);
    symlink("/bin/true", "link-to-true");
    attempt("missing file", try_missing);
    attempt("missing directory", try_missing_dir);
    attempt("not executable", try_not_executable);
    attempt("directory", try_directory);
    attempt("garbage with x bit", try_garbage);
    attempt("5 nested scripts", try_chain5);
    attempt("6 nested scripts", try_chain6);
    attempt("missing interpreter", try_bad_interpreter);
    attempt("empty #! line", try_empty_shebang);
    attempt("argument too long", try_big);
    attempt("bad argv pointer", try_fault);
    attempt("bad path pointer", try_fault_path);
    attempt("empty path", try_empty_path);
    attempt("execveat AT_EMPTY_PATH", try_at_empty_path);
    attempt("execveat dirfd script", try_dirfd_script);
    attempt("execveat cloexec dirfd script", try_dirfd_cloexec_script);
    attempt("execveat AT_SYMLINK_NOFOLLOW", try_symlink_nofollow);
    attempt("execveat bad flags", try_bad_flags);
    const char *files[] = {"plain.txt", "garbage", "ok.sh", "s1", "s2", "s3", "s4", "s5", "s6", "badinterp",
                           "emptyshebang", "link-to-true"};
    for (unsigned i = 0; i < sizeof files / sizeof files[0]; i++) unlink(files[i]);
    chdir("/");
    rmdir(dir);
    return 0;
}
