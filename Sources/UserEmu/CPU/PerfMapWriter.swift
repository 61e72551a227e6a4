import Glibc

/// `-perfmap`: appends one line per compiled block to /tmp/perf-<pid>.map in the format
/// `perf report` reads for JIT code (`START SIZE name`, hexadecimal), so profiles name
/// translated blocks by their guest address.
final class PerfMapWriter {
    private let fd: Int32

    /// Opens /tmp/perf-<pid>.map; nil when it cannot be created.
    init?() {
        let path = "/tmp/perf-\(getpid()).map"
        fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        if fd < 0 { return nil }
    }

    deinit { close(fd) }

    /// Records host code at `start` of `size` bytes translated from guest address `guestPC`.
    func record(start: UnsafeRawPointer, size: Int, guestPC: UInt64) {
        var line = String(UInt(bitPattern: start), radix: 16) + " " + String(size, radix: 16)
            + " guest_0x" + String(guestPC, radix: 16) + "\n"
        line.withUTF8 { _ = write(fd, $0.baseAddress, $0.count) }
    }
}
