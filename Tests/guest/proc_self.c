// /proc/self as the guest sees it: only properties that hold natively and under an emulator
// are printed (maps has the stack and the program, never the emulator; cmdline equals argv;
// auxv has AT_PAGESZ 4096 and matches getauxval; exe is argv[0]'s real path; stat and status
// name the program; comm; the same files through /proc/<pid>/ and /proc/thread-self/).
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>
#include <limits.h>
#include <elf.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>

static size_t slurp(const char *path, char *buf, size_t cap) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) { printf("open %s failed\n", path); return 0; }
    size_t total = 0; ssize_t n;
    while (total < cap - 1 && (n = read(fd, buf + total, cap - 1 - total)) > 0) total += n;
    buf[total] = 0; close(fd); return total;
}

static char buf[1 << 20];

int main(int argc, char **argv) {
    char self[PATH_MAX]; if (!realpath(argv[0], self)) strcpy(self, "?");
    const char *base = strrchr(self, '/') ? strrchr(self, '/') + 1 : self;

    // maps
    slurp("/proc/self/maps", buf, sizeof buf);
    int stack = 0, own = 0, emulator = 0, lines = 0, wellFormed = 1;
    for (char *line = strtok(buf, "\n"); line; line = strtok(NULL, "\n")) {
        lines++;
        unsigned long lo, hi; char perms[5];
        if (sscanf(line, "%lx-%lx %4s", &lo, &hi, perms) != 3 || lo >= hi) wellFormed = 0;
        if (strstr(line, "[stack]")) stack++;
        if (strstr(line, self)) own++;
        if (strstr(line, "swift-qemu") || strstr(line, "qemu-riscv64")) emulator++;
    }
    printf("maps: lines>3 %d well-formed %d stack %d own-path %d emulator %d\n", lines > 3, wellFormed, stack, own > 0, emulator);

    // A fresh mapping appears in maps.
    void *p = mmap(NULL, 3 * 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    char needle[64]; snprintf(needle, sizeof needle, "%lx-%lx r--p", (unsigned long)p, (unsigned long)p + 3 * 4096);
    slurp("/proc/self/maps", buf, sizeof buf);
    printf("new mapping listed %d\n", strstr(buf, needle) != NULL);
    munmap(p, 3 * 4096);

    // smaps has a Size line per mapping.
    slurp("/proc/self/smaps", buf, sizeof buf);
    printf("smaps has Size and Rss %d\n", strstr(buf, "\nSize:") != NULL && strstr(buf, "\nRss:") != NULL);

    // cmdline == argv
    size_t n = slurp("/proc/self/cmdline", buf, sizeof buf);
    size_t expected = 0; int same = 1;
    for (int i = 0; i < argc; i++) {
        size_t len = strlen(argv[i]) + 1;
        if (expected + len > n || memcmp(buf + expected, argv[i], len) != 0) same = 0;
        expected += len;
    }
    printf("cmdline equals argv %d (argc %d)\n", same && expected == n, argc);

    // auxv
    n = slurp("/proc/self/auxv", buf, sizeof buf);
    Elf64_auxv_t *aux = (Elf64_auxv_t *)buf; int pagesz = 0, entryOk = 0, terminated = 0;
    for (size_t i = 0; i < n / sizeof *aux; i++) {
        if (aux[i].a_type == AT_PAGESZ) pagesz = (int)aux[i].a_un.a_val;
        if (aux[i].a_type == AT_ENTRY) entryOk = aux[i].a_un.a_val == getauxval(AT_ENTRY);
        if (aux[i].a_type == AT_NULL) { terminated = i == n / sizeof *aux - 1; break; }
    }
    printf("auxv: pagesz %d entry matches getauxval %d ends with AT_NULL %d\n", pagesz, entryOk, terminated);

    // exe
    char link[PATH_MAX]; ssize_t len = readlink("/proc/self/exe", link, sizeof link - 1);
    link[len > 0 ? len : 0] = 0;
    printf("exe is argv[0] %d\n", strcmp(link, self) == 0);
    struct stat a, b; int exeStat = stat("/proc/self/exe", &a) == 0 && stat(self, &b) == 0 && a.st_ino == b.st_ino;
    printf("stat exe is argv[0] %d\n", exeStat);

    // stat, status, comm
    slurp("/proc/self/stat", buf, sizeof buf);
    char comm[32]; snprintf(comm, sizeof comm, "(%.15s)", base);
    int pid; sscanf(buf, "%d", &pid);
    printf("stat pid %d name %d\n", pid == getpid(), strstr(buf, comm) != NULL);
    slurp("/proc/self/status", buf, sizeof buf);
    char name[64]; snprintf(name, sizeof name, "Name:\t%.15s\n", base);
    printf("status name %d has VmRSS %d\n", strncmp(buf, name, strlen(name)) == 0, strstr(buf, "VmRSS:") != NULL);
    slurp("/proc/self/comm", buf, sizeof buf);
    char commLine[32]; snprintf(commLine, sizeof commLine, "%.15s\n", base);
    printf("comm %d\n", strcmp(buf, commLine) == 0);
    prctl(PR_SET_NAME, "renamed-proc");
    slurp("/proc/self/comm", buf, sizeof buf);
    printf("comm after PR_SET_NAME: %s", buf);
    slurp("/proc/self/status", buf, sizeof buf);
    printf("status after PR_SET_NAME %d\n", strncmp(buf, "Name:\trenamed-proc\n", 19) == 0);

    // /proc/<pid>/ and /proc/thread-self/ give the same cmdline.
    char path[64]; snprintf(path, sizeof path, "/proc/%d/cmdline", getpid());
    size_t byPid = slurp(path, buf, sizeof buf);
    size_t byThread = slurp("/proc/thread-self/cmdline", buf, sizeof buf);
    snprintf(path, sizeof path, "/proc/%d/task/%d/comm", getpid(), gettid());
    slurp(path, buf, sizeof buf);
    printf("pid cmdline %d thread-self cmdline %d task comm %s", byPid == expected, byThread == expected, buf);

    // A generated file supports lseek and pread.
    int fd = open("/proc/self/cmdline", O_RDONLY);
    off_t at = lseek(fd, 1, SEEK_SET);
    char second; ssize_t got = read(fd, &second, 1);
    char first; ssize_t got0 = pread(fd, &first, 1, 0);
    printf("lseek %d read %d second %d pread %d first %d\n", (int)at, (int)got, second == argv[0][1], (int)got0, first == argv[0][0]);
    close(fd);

    // cpuinfo has a processor line.
    slurp("/proc/cpuinfo", buf, sizeof buf);
    printf("cpuinfo has processor 0 %d\n", strncmp(buf, "processor", 9) == 0);
    return 0;
}
