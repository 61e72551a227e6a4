// Large output (about 300 KiB on stdout, 70 KiB on stderr) through printf, puts, putchar, fwrite,
// under different buffering modes: nothing may be lost, reordered or duplicated.
#include <stdio.h>
#include <string.h>

int main(void) {
    static char line[256];
    for (int i = 0; i < 2000; i++) printf("printf line %05d %s\n", i, i % 3 ? "abcdefghijklmnopqrstuvwxyz" : "0123456789");
    for (int i = 0; i < 2000; i++) { snprintf(line, sizeof line, "puts line %05d", i * 7); puts(line); }
    for (int i = 0; i < 20000; i++) putchar('a' + i % 26);
    putchar('\n');
    static char block[65536]; for (int i = 0; i < 65536; i++) block[i] = (char)(' ' + i % 95); block[65535] = '\n';
    fwrite(block, 1, sizeof block, stdout);
    fflush(stdout);
    setvbuf(stdout, NULL, _IOLBF, 0);
    for (int i = 0; i < 500; i++) printf("line-buffered %d\n", i);
    setvbuf(stdout, NULL, _IONBF, 0);
    for (int i = 0; i < 300; i++) printf("unbuffered %d|", i);
    printf("\n");
    for (int i = 0; i < 2000; i++) fprintf(stderr, "stderr line %05d with some padding text\n", i);
    static char huge[200000]; memset(huge, 'Z', sizeof huge); for (int i = 99; i < 200000; i += 100) huge[i] = '\n';
    fwrite(huge, 1, sizeof huge, stdout);
    return 0;
}
