// Reads the fixed input the harness pipes to stdin: counts, a checksum, and the lines reversed.
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <unistd.h>

int main(void) {
    char *lines[256]; int n = 0; char buf[1024]; size_t bytes = 0; unsigned long h = 5381; int words = 0, inword = 0;
    int c = getchar(); if (c != EOF) ungetc(c, stdin);
    printf("first byte %d\n", c);
    while (n < 256 && fgets(buf, sizeof buf, stdin)) {
        size_t l = strlen(buf); bytes += l;
        for (size_t i = 0; i < l; i++) { h = h * 33 + (unsigned char)buf[i]; int sp = buf[i] == ' ' || buf[i] == '\n' || buf[i] == '\t'; if (!sp && !inword) words++; inword = !sp; }
        if (l && buf[l - 1] == '\n') buf[--l] = 0;
        lines[n++] = strdup(buf);
    }
    printf("lines %d words %d bytes %zu hash %lu eof %d\n", n, words, bytes, h, feof(stdin));
    for (int i = n - 1; i >= 0; i--) { printf("%3d [%s] len %zu\n", i, lines[i], strlen(lines[i])); free(lines[i]); }
    char extra[16]; printf("read after eof %zd\n", read(0, extra, sizeof extra));
    return 0;
}
