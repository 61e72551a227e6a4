import Glibc

/// The emulator's own environment, and the guest environment derived from it.
public struct HostEnvironment {
    /// Variables in their original order.
    public let entries: [(String, String)]
    /// The same, by name.
    public let dictionary: [String: String]

    /// Reads `environ`.
    public static func current() -> HostEnvironment {
        var entries: [(String, String)] = []
        var p = environ
        while let entry = p.pointee {
            let text = String(cString: entry)
            if let eq = text.firstIndex(of: "=") {
                entries.append((String(text[..<eq]), String(text[text.index(after: eq)...])))
            }
            p += 1
        }
        return HostEnvironment(entries: entries, dictionary: Dictionary(entries, uniquingKeysWith: { first, _ in first }))
    }

    /// The guest's environment: the host's, with `-E` variables set and `-U` variables removed
    /// (qemu-user passes its own environment through the same way). QEMU_* variables stay visible,
    /// as with qemu-user.
    public func guestEnvironment(setting: [(String, String)], unsetting: [String]) -> [String] {
        var result = entries
        for (name, value) in setting {
            if let index = result.firstIndex(where: { $0.0 == name }) {
                result[index].1 = value
            } else {
                result.append((name, value))
            }
        }
        result.removeAll { unsetting.contains($0.0) }
        return result.map { "\($0.0)=\($0.1)" }
    }

    /// Writes text to stdout, retrying short writes.
    public static func writeStdout(_ text: String) { writeAll(1, text) }
    /// Writes text to stderr.
    public static func writeStderr(_ text: String) { writeAll(2, text) }

    private static func writeAll(_ fd: Int32, _ text: String) {
        var copy = text
        copy.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n <= 0 { if n < 0 && errno == EINTR { continue }; return }
                offset += n
            }
        }
    }
}
