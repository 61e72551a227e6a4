import Glibc

/// The `-d` log: which items are on, and where lines go (`-D` file or stderr).
public final class EmulatorLog: @unchecked Sendable {
    private let items: Set<String>
    private let fd: Int32

    /// Opens the log; `path` nil means stderr. An unopenable file falls back to stderr.
    /// The file is truncated unless `append` (an emulator re-executed for a guest execve
    /// continues its predecessor's log, as qemu-user keeps one log open for the whole run), and
    /// always written with O_APPEND, so forked children and re-executed images that share or
    /// reopen it add their lines instead of overwriting each other's. The descriptor is moved
    /// near the top of RLIMIT_NOFILE (`hostMoveDescriptorHigh`).
    public init(items: Set<String>, path: String?, append: Bool = false) {
        self.items = items
        if let path {
            let opened = open(path, O_WRONLY | O_CREAT | O_APPEND | (append ? 0 : O_TRUNC) | O_CLOEXEC, 0o644)
            // Out of the guest's way: its first open must return 3 as on hardware.
            fd = opened >= 0 ? hostMoveDescriptorHigh(opened) : 2
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
