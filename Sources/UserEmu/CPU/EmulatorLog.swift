import Glibc

/// The `-d` log: which items are on, and where lines go (`-D` file or stderr).
public final class EmulatorLog: @unchecked Sendable {
    private let items: Set<String>
    private let fd: Int32

    /// Opens the log; `path` nil means stderr. An unopenable file falls back to stderr.
    public init(items: Set<String>, path: String?) {
        self.items = items
        if let path {
            let opened = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            fd = opened >= 0 ? opened : 2
        } else {
            fd = 2
        }
    }

    /// True when `-d item` was given.
    public func enabled(_ item: String) -> Bool { items.contains(item) }

    /// Writes one line.
    public func write(_ line: String) {
        var text = line
        text.append("\n")
        text.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n <= 0 { if n < 0 && errno == EINTR { continue }; break }
                offset += n
            }
        }
    }
}
