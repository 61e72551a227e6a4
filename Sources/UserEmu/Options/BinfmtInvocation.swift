import Glibc

/// How binfmt_misc started us, read from the emulator's own auxiliary vector (qemu-user does the
/// same): flag `P` (preserve-argv0) sets AT_FLAGS bit 0 and inserts the original argv[0] after
/// the program path; flag `O` (open-binary) passes the program as an open descriptor, AT_EXECFD.
/// Flag `C` (credentials) needs nothing here: the kernel computes them from the program itself.
enum BinfmtInvocation {
    /// AT_FLAGS bit 0, AT_FLAGS_PRESERVE_ARGV0 (Linux 5.12 and later).
    static let preserveArgv0Flag: UInt = 1
    static let atExecFD: UInt = 2
    static let atFlags: UInt = 8

    /// Adjusts parsed options for a binfmt_misc start: with `P`, the first guest argument is the
    /// original argv[0]; with `O`, the program is read from the descriptor.
    static func apply(to options: inout EmulatorOptions) {
        let auxv = hostAuxiliaryVector()
        if (auxv[atFlags] ?? 0) & preserveArgv0Flag != 0, !options.programArguments.isEmpty {
            options.argv0 = options.programArguments.removeFirst()
        }
        // AT_EXECFD 0 means "absent": descriptor 0 is stdin, never the program.
        let descriptor = auxv[atExecFD] ?? 0
        if descriptor != 0 && descriptor < UInt(Int32.max) {
            options.executableDescriptor = Int32(descriptor)
        }
    }

    /// The emulator's own auxiliary vector, from /proc/self/auxv (Glibc's module does not export
    /// getauxval). Empty when it cannot be read.
    static func hostAuxiliaryVector() -> [UInt: UInt] {
        let fd = open("/proc/self/auxv", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return [:] }
        defer { close(fd) }
        var words = [UInt](repeating: 0, count: 128)
        let count = words.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        var result: [UInt: UInt] = [:]
        var index = 0
        while index + 1 < max(0, count) / MemoryLayout<UInt>.size, words[index] != 0 {
            result[words[index]] = words[index + 1]
            index += 2
        }
        return result
    }
}
