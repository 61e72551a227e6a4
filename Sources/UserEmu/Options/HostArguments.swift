import Glibc

/// The emulator's own argv as exact bytes. `CommandLine.arguments` decodes each argument as
/// UTF-8 and replaces invalid bytes with U+FFFD; a guest's argv must reach it unchanged
/// (`swift-qemu-riscv64 prog $'\xff'`, and every re-exec for a guest execve).
public enum HostArguments {
    /// argv[0...] from `CommandLine.unsafeArgv`, without the NULs.
    public static func current() -> [[UInt8]] {
        (0..<Int(CommandLine.argc)).map { index in
            guard let argument = CommandLine.unsafeArgv[index] else { return [] }
            return Array(UnsafeRawBufferPointer(start: argument, count: strlen(argument)))
        }
    }
}
