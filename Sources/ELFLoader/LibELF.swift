import CLibELF

/// libelf must be told which ELF version the caller speaks before any other call; a global
/// `let` gives the thread-safe one-time initialization.
let libelfReady: Bool = elf_version(UInt32(EV_CURRENT)) != UInt32(EV_NONE)

/// The last libelf error as text.
func libelfMessage() -> String {
    guard let message = elf_errmsg(-1) else { return "unknown libelf error" }
    return String(cString: message)
}

/// Runs `body` with a libelf handle over `bytes` (no copy; libelf only reads them) and ends it.
func withLibELF<R>(
    _ bytes: UnsafeRawBufferPointer, _ body: (OpaquePointer) throws(ELFLoadError) -> R
) throws(ELFLoadError) -> R {
    guard libelfReady else { throw ELFLoadError(.libelf, "libelf initialization failed") }
    // Safe: elf_memory with a read-only use (no elf_update, no conversions) never writes.
    let image = UnsafeMutablePointer(mutating: bytes.baseAddress!.assumingMemoryBound(to: CChar.self))
    guard let elf = elf_memory(image, bytes.count) else {
        throw ELFLoadError(.libelf, "invalid ELF file (\(libelfMessage()))")
    }
    defer { elf_end(elf) }
    return try body(elf)
}

/// Runs `body` with a libelf handle reading the open file `descriptor` and its raw bytes.
func withLibELF<R>(
    descriptor: Int32, _ body: (OpaquePointer, UnsafeRawBufferPointer) throws(ELFLoadError) -> R
) throws(ELFLoadError) -> R {
    guard libelfReady else { throw ELFLoadError(.libelf, "libelf initialization failed") }
    guard let elf = elf_begin(descriptor, ELF_C_READ_MMAP, nil) else {
        throw ELFLoadError(.libelf, "invalid ELF file (\(libelfMessage()))")
    }
    defer { elf_end(elf) }
    var size = 0
    guard let raw = elf_rawfile(elf, &size) else {
        throw ELFLoadError(.libelf, "cannot read ELF file (\(libelfMessage()))")
    }
    return try body(elf, UnsafeRawBufferPointer(start: raw, count: size))
}
