// Placeholder; replaced by the ELF parser.
