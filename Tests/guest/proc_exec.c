// exec: of itself through /proc/self/exe with an argument, of native host programs
// (/bin/echo, /bin/true), vfork + _exit, vfork + exec, posix_spawn, a pipeline
// pipe+fork+dup2+exec of /usr/bin/sort, and a #! script written at run time.
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>

extern char **environ;

static int run_and_wait(pid_t pid) {
    int status = 0;
    if (waitpid(pid, &status, 0) != pid) return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int main(int argc, char **argv) {
    if (argc > 1 && strcmp(argv[1], "--reexec") == 0) {
        printf("re-executed with %d arguments: %s %s\n", argc, argv[0], argc > 2 ? argv[2] : "-");
        return 23;
    }
    setvbuf(stdout, NULL, _IONBF, 0);
    // Re-exec of itself.
    pid_t pid = fork();
    if (pid == 0) {
        char *args[] = {"self-name", "--reexec", "extra", NULL};
        execv("/proc/self/exe", args);
        _exit(100 + errno);
    }
    printf("self exec status %d\n", run_and_wait(pid));
    // Native programs.
    pid = fork();
    if (pid == 0) { execl("/bin/echo", "echo", "native", "echo", "works", (char *)NULL); _exit(101); }
    printf("echo status %d\n", run_and_wait(pid));
    pid = fork();
    if (pid == 0) { execl("/bin/true", "true", (char *)NULL); _exit(102); }
    printf("true status %d\n", run_and_wait(pid));
    // vfork + _exit and vfork + exec.
    pid = vfork();
    if (pid == 0) _exit(9);
    printf("vfork _exit status %d\n", run_and_wait(pid));
    pid = vfork();
    if (pid == 0) { execl("/bin/sh", "sh", "-c", "echo from vfork sh; exit 4", (char *)NULL); _exit(103); }
    printf("vfork exec status %d\n", run_and_wait(pid));
    // posix_spawn of a native program, and of a missing one (glibc reports ENOENT natively;
    // an emulator without shared vfork memory reports it as exit status 127).
    char *echo_args[] = {"echo", "spawned", NULL};
    int rc = posix_spawn(&pid, "/bin/echo", NULL, NULL, echo_args, environ);
    printf("posix_spawn rc %d status %d\n", rc, rc == 0 ? run_and_wait(pid) : -1);
    char *missing_args[] = {"missing", NULL};
    rc = posix_spawn(&pid, "/nonexistent/program", NULL, NULL, missing_args, environ);
    int failed = rc != 0 || run_and_wait(pid) == 127;
    printf("posix_spawn missing program failed %d\n", failed);
    // A pipeline: printf-like writer | /usr/bin/sort, output collected through a pipe.
    int to_sort[2], from_sort[2];
    pipe(to_sort);
    pipe(from_sort);
    pid = fork();
    if (pid == 0) {
        dup2(to_sort[0], 0);
        dup2(from_sort[1], 1);
        close(to_sort[0]); close(to_sort[1]); close(from_sort[0]); close(from_sort[1]);
        execl("/usr/bin/sort", "sort", "-r", (char *)NULL);
        _exit(104);
    }
    close(to_sort[0]);
    close(from_sort[1]);
    const char *words = "pear\napple\nfig\nbanana\ncherry\n";
    write(to_sort[1], words, strlen(words));
    close(to_sort[1]);
    char buffer[256];
    ssize_t total = 0, n;
    while ((n = read(from_sort[0], buffer + total, sizeof buffer - 1 - total)) > 0) total += n;
    buffer[total] = 0;
    close(from_sort[0]);
    printf("sort status %d output:\n%s", run_and_wait(pid), buffer);
    // A #! script written now (interpreter /bin/sh, with an argument on the #! line).
    const char *script = "script.sh";
    FILE *f = fopen(script, "w");
    fprintf(f, "#!/bin/sh -e\necho \"script args: $0 $*\"\nexit 6\n");
    fclose(f);
    chmod(script, 0755);
    pid = fork();
    if (pid == 0) { execl("./script.sh", "ignored-argv0", "one", "two", (char *)NULL); _exit(105); }
    printf("script status %d\n", run_and_wait(pid));
    unlink(script);
    return 0;
}
