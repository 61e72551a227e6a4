// Random code: fills an executable page with pseudo-random bytes from the seed in argv[1] and
// jumps into it. Run by RandomCodeTests: whatever the bytes are, the emulator must end the way a
// riscv64 machine would (a guest signal, an exit, or an endless loop), never with a crash of its
// own, and the JIT and the interpreter must end the same way.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <stdint.h>
int main(int argc, char **argv) {
    unsigned seed = (unsigned)atoi(argv[1]);
    srand(seed);
    size_t len = 4096;
    uint8_t *code = mmap(0, len * 2, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    for (size_t i = 0; i < len; i++) code[i] = (uint8_t)rand();
    __builtin___clear_cache((char *)code, (char *)code + len);
    ((void (*)(void))code)();
    return 0;
}
