// argv and the environment: the harness passes fixed arguments and a fixed environment
// (see GuestProgram.swift), so every line here is deterministic.
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/auxv.h>

extern char **environ;
static int cmpstr(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int main(int argc, char **argv, char **envp) {
    const char *base = strrchr(argv[0], '/');
    printf("argc %d argv0-base %s argv[argc]=%p\n", argc, base ? base + 1 : argv[0], (void *)argv[argc]);
    for (int i = 1; i < argc; i++) printf("argv[%d] len %zu [%s]\n", i, strlen(argv[i]), argv[i]);
    int n = 0; while (environ[n]) n++;
    printf("envc %d envp==environ %d\n", n, envp == environ);
    char **sorted = malloc(sizeof(char *) * (size_t)(n + 1)); memcpy(sorted, environ, sizeof(char *) * (size_t)n);
    qsort(sorted, (size_t)n, sizeof *sorted, cmpstr);
    for (int i = 0; i < n; i++) printf("env %s\n", sorted[i]);
    free(sorted);
    const char *v = getenv("GUEST_TEST_VAR");
    printf("getenv GUEST_TEST_VAR=%s missing=%p\n", v ? v : "(unset)", (void *)getenv("SURELY_NOT_SET_XYZ"));
    setenv("NEW_VAR", "one", 0); setenv("NEW_VAR", "two", 0); printf("setenv no-overwrite %s\n", getenv("NEW_VAR"));
    setenv("NEW_VAR", "three", 1); printf("setenv overwrite %s\n", getenv("NEW_VAR"));
    putenv((char *)"PUT_VAR=put"); printf("putenv %s\n", getenv("PUT_VAR"));
    unsetenv("NEW_VAR"); printf("unsetenv %p\n", (void *)getenv("NEW_VAR"));
    printf("pagesz %lu sysconf %ld\n", getauxval(AT_PAGESZ), sysconf(_SC_PAGESIZE));
    printf("uid-match %d gid-match %d secure %lu\n", getauxval(AT_UID) == (unsigned long)getuid(), getauxval(AT_GID) == (unsigned long)getgid(), getauxval(AT_SECURE));
    printf("execfn-base %s\n", strrchr((const char *)getauxval(AT_EXECFN), '/') ? strrchr((const char *)getauxval(AT_EXECFN), '/') + 1 : "?");
    printf("random16 %d\n", getauxval(AT_RANDOM) != 0);
    return 0;
}
