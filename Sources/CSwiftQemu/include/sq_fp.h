// Floating-point helpers (see CSwiftQemu.h for why they are in C). Filled in by fp.c.
#ifndef SQ_FP_H
#define SQ_FP_H
#include <stdint.h>
#endif
