// Bit manipulation builtins and classic bit tricks (compiled for plain RV64GC).
#include <stdint.h>
#include <stdio.h>
#include <inttypes.h>
#include "bits_common.h"
int main(void) { return run_bits("rv64gc"); }
