import Glibc

/// Where `-d unimp` lines go: stderr, the `-D` file, or a caller-supplied sink (the CPU loop's
/// `EmulatorLog`). Cold path: only used when something unimplemented happens.
public final class UnimpLog: @unchecked Sendable {
    private let fd: Int32
    private let sink: ((String) -> Void)?

    /// Writes to a host file descriptor (default: stderr).
    public init(fileDescriptor: Int32 = 2) {
        fd = fileDescriptor
        sink = nil
    }

    /// Writes to a new file at `path` (`-D`); falls back to stderr when it cannot be created.
    public convenience init(path: String) {
        let opened = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        self.init(fileDescriptor: opened >= 0 ? opened : 2)
    }

    /// Hands each line to `sink` (for example `EmulatorLog.write`).
    public init(sink: @escaping (String) -> Void) {
        fd = -1
        self.sink = sink
    }

    /// Writes one line (a newline is appended).
    public func write(_ line: String) {
        if let sink {
            sink(line)
            return
        }
        var text = line
        text.append("\n")
        text.withUTF8 { _ = hostWriteAll(fd, UnsafeRawBufferPointer($0)) }
    }
}
