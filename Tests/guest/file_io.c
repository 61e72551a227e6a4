// File I/O in the working directory (the harness gives a fresh empty one) and in /tmp (mkstemp):
// stdio and raw fds, seek, stat, readdir (sorted), rename, unlink, truncate, dup, errno.
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <dirent.h>
#include <sys/stat.h>
#include <sys/uio.h>

static int cmpstr(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }
static void list(const char *dir) {
    DIR *d = opendir(dir); if (!d) { printf("opendir %s: %s\n", dir, strerror(errno)); return; }
    char *names[64]; int n = 0; struct dirent *e;
    while ((e = readdir(d)) && n < 64) names[n++] = strdup(e->d_name);
    closedir(d); qsort(names, (size_t)n, sizeof *names, cmpstr);
    printf("ls %s:", dir); for (int i = 0; i < n; i++) { printf(" %s", names[i]); free(names[i]); } printf("\n");
}

int main(void) {
    umask(022);
    FILE *f = fopen("data.bin", "wb+");
    if (!f) { perror("fopen"); return 1; }
    unsigned char block[1000]; for (int i = 0; i < 1000; i++) block[i] = (unsigned char)(i * 13);
    for (int i = 0; i < 50; i++) fwrite(block, 1, sizeof block, f);
    printf("ftell %ld\n", ftell(f));
    fseek(f, 12345, SEEK_SET); int c = fgetc(f); printf("byte@12345=%d expect %d\n", c, (unsigned char)((12345 % 1000) * 13));
    fseek(f, -10, SEEK_END); unsigned char tail[10]; size_t got = fread(tail, 1, 10, f); printf("tail read %zu first %d\n", got, tail[0]);
    fseek(f, 0, SEEK_SET); fputs("HEADER", f); fflush(f); rewind(f);
    char hdr[8] = {0}; fread(hdr, 1, 6, f); printf("hdr %s feof %d\n", hdr, feof(f));
    fclose(f);
    struct stat st; stat("data.bin", &st);
    printf("stat size %lld reg %d mode %o nlink %lu\n", (long long)st.st_size, S_ISREG(st.st_mode), st.st_mode & 0777, (unsigned long)st.st_nlink);

    FILE *t = fopen("notes.txt", "w"); for (int i = 0; i < 20; i++) fprintf(t, "line %02d: %s\n", i, i % 2 ? "odd" : "even"); fclose(t);
    t = fopen("notes.txt", "a"); fprintf(t, "appended\n"); fclose(t);
    t = fopen("notes.txt", "r"); char line[64]; int lines = 0; char last[64] = "";
    while (fgets(line, sizeof line, t)) { lines++; strcpy(last, line); } fclose(t);
    printf("lines %d last %s", lines, last);

    int fd = open("raw.dat", O_CREAT | O_RDWR | O_TRUNC, 0640);
    ssize_t w = write(fd, "0123456789abcdef", 16);
    printf("write %zd lseek %lld\n", w, (long long)lseek(fd, 4, SEEK_SET));
    char rb[8] = {0}; printf("read %zd [%s]\n", read(fd, rb, 6), rb);
    pwrite(fd, "XY", 2, 10); char pb[5] = {0}; pread(fd, pb, 4, 9); printf("pread [%s]\n", pb);
    struct iovec iov[2] = {{"vec", 3}, {"tor", 3}}; lseek(fd, 0, SEEK_END); printf("writev %zd\n", writev(fd, iov, 2));
    ftruncate(fd, 12); fstat(fd, &st); printf("truncated size %lld mode %o\n", (long long)st.st_size, st.st_mode & 0777);
    int fd2 = dup(fd); lseek(fd2, 0, SEEK_SET); char db[13] = {0}; read(fd, db, 12); printf("dup shares offset [%s]\n", db);
    close(fd2); close(fd);

    mkdir("sub", 0755); mkdir("sub/inner", 0700);
    for (int i = 5; i > 0; i--) { char p[32]; snprintf(p, sizeof p, "sub/f%d", i * 7 % 10); close(open(p, O_CREAT | O_WRONLY, 0600)); }
    list("sub");
    printf("rename %d\n", rename("notes.txt", "sub/moved.txt"));
    printf("unlink %d\n", unlink("raw.dat"));
    int rc = unlink("raw.dat"); int err = errno;
    printf("unlink missing %d errno %s\n", rc, strerror(err));
    rc = open("nope/x", O_RDONLY); err = errno;
    printf("open missing %d errno=ENOENT %d\n", rc, err == ENOENT);
    rc = rmdir("sub"); err = errno;
    printf("rmdir nonempty %d ENOTEMPTY %d\n", rc, err == ENOTEMPTY);
    printf("access %d %d\n", access("data.bin", R_OK | W_OK), access("missing", F_OK));
    symlink("data.bin", "link"); char lb[32] = {0}; printf("readlink %zd %s\n", readlink("link", lb, sizeof lb), lb);
    lstat("link", &st); printf("lstat islnk %d\n", S_ISLNK(st.st_mode));
    link("data.bin", "hard"); stat("data.bin", &st); printf("nlink after link %lu\n", (unsigned long)st.st_nlink);
    list(".");
    char cwdbuf[4096]; printf("getcwd ok %d\n", getcwd(cwdbuf, sizeof cwdbuf) != NULL);
    chdir("sub"); list("."); chdir("..");

    char tmpl[] = "/tmp/guest-io-XXXXXX"; int tfd = mkstemp(tmpl);
    printf("mkstemp ok %d suffix-len %zu\n", tfd >= 0, strlen(strrchr(tmpl, '-') + 1));
    FILE *tf = fdopen(tfd, "w+"); for (int i = 0; i < 1000; i++) fprintf(tf, "%d\n", i * i);
    fflush(tf); fstat(tfd, &st); printf("tmp size %lld\n", (long long)st.st_size);
    rewind(tf); long sum = 0; int v; while (fscanf(tf, "%d", &v) == 1) sum += v; printf("tmp sum %ld\n", sum);
    fclose(tf); printf("unlink tmp %d\n", unlink(tmpl));
    unlink("link"); unlink("hard"); unlink("data.bin");
    return 0;
}
