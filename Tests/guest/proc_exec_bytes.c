// argv and environment strings are bytes, not text: the program execs itself (/proc/self/exe;
// under the emulator a re-exec of the emulator, whose own argv and environ then carry the
// bytes at its start) with arguments and variables that are not UTF-8, an empty argument,
// an entry without '=' and an empty value. The child prints every byte of argv (argv[0]
// included) and of its environment: exactly what the parent passed. The parent removes
// DROP_ME and adds KEEP_ME, so a QEMU_SET_ENV=DROP_ME=1 or QEMU_UNSET_ENV=KEEP_ME given to the
// first emulator must not be applied again to the child (ExecOptionTests).
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/auxv.h>
#include <sys/wait.h>

extern char **environ;

static void print_bytes(const char *label, const char *s) {
    printf("%s [", label);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p >= 0x20 && *p < 0x7f && *p != '\\') putchar(*p);
        else printf("\\x%02x", *p);
    }
    printf("] len %zu\n", strlen(s));
}

static int cmpstr(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void print_environment(const char *label) {
    int n = 0;
    while (environ[n]) n++;
    char **sorted = malloc(sizeof(char *) * (size_t)(n + 1));
    memcpy(sorted, environ, sizeof(char *) * (size_t)n);
    qsort(sorted, (size_t)n, sizeof *sorted, cmpstr);
    printf("%s: %d entries\n", label, n);
    for (int i = 0; i < n; i++) print_bytes("  env", sorted[i]);
    free(sorted);
    const char *drop = getenv("DROP_ME");
    printf("%s: DROP_ME %s\n", label, drop ? drop : "(unset)");
}

int main(int argc, char **argv) {
    if (argc >= 2 && strcmp(argv[1], "child") == 0) {
        printf("child: argc %d\n", argc);
        for (int i = 0; i < argc; i++) {
            char label[32];
            snprintf(label, sizeof label, "  argv[%d]", i);
            print_bytes(label, argv[i]);
        }
        print_bytes("child: AT_EXECFN", (const char *)getauxval(AT_EXECFN));
        print_environment("child");
        return 0;
    }
    printf("parent: argc %d\n", argc);
    for (int i = 1; i < argc; i++) print_bytes("  arg", argv[i]);
    const char *drop = getenv("DROP_ME");
    printf("parent: DROP_ME %s\n", drop ? drop : "(unset)");

    int n = 0;
    while (environ[n]) n++;
    char **env = malloc(sizeof(char *) * (size_t)(n + 8));
    int m = 0;
    for (int i = 0; i < n; i++)
        if (strncmp(environ[i], "DROP_ME=", 8) != 0) env[m++] = environ[i];
    env[m++] = "X=\xc3\x28";
    env[m++] = "\xff\xfe=1";
    env[m++] = "NOEQUALS\xfe";
    env[m++] = "EMPTY=";
    env[m++] = "KEEP_ME=1";
    env[m] = NULL;
    char *args[] = {"\xff-argv0", "child", "\xff\xfe", "\xc3\x28", "", "tail\x80", NULL};
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        execve("/proc/self/exe", args, env);
        _exit(127);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    printf("parent: child exited %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    return 0;
}
