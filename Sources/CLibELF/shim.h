// System-library shim for elfutils' libelf (Debian: libelf-dev). ELFLoader reads guest ELF
// files through it; gelf.h is not needed because only ELF64 guests are supported.
#include <libelf.h>
