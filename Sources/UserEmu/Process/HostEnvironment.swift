import Glibc

/// The emulator's own environment as exact bytes, and the guest environment derived from it.
/// Entries are kept as the parent passed them (bytes that are not UTF-8, entries without `=`,
/// duplicates, order): the guest sees exactly what a native program would.
public struct HostEnvironment {
    /// The entries of `environ`, in order, without their NULs (normally "NAME=value").
    public let entries: [[UInt8]]
    /// The values of the variables whose names are valid UTF-8 (the first of duplicates), for
    /// the emulator's own variables (QEMU_*, SWIFT_QEMU_*).
    public let variables: [String: [UInt8]]

    /// An environment of the given entries.
    public init(entries: [[UInt8]]) {
        self.entries = entries
        var variables: [String: [UInt8]] = [:]
        for entry in entries {
            guard let (name, value) = Self.split(entry), let text = String(validating: name, as: UTF8.self) else { continue }
            if variables[text] == nil { variables[text] = value }
        }
        self.variables = variables
    }

    /// Reads `environ`.
    public static func current() -> HostEnvironment {
        var entries: [[UInt8]] = []
        var p = environ
        while let entry = p.pointee {
            entries.append(Array(UnsafeRawBufferPointer(start: entry, count: strlen(entry))))
            p += 1
        }
        return HostEnvironment(entries: entries)
    }

    /// The value of `name` as text (invalid UTF-8 replaced), nil when unset.
    public func string(_ name: String) -> String? {
        variables[name].map { String(decoding: $0, as: UTF8.self) }
    }

    /// The guest's environment: the host's, with `-E` variables set (the first entry of that
    /// name changed in place, else one appended) and `-U` variables removed (every entry of that
    /// name), as qemu-user passes its own environment through. QEMU_* variables stay visible, as
    /// with qemu-user. Entries without `=` are kept and never match a name.
    public func guestEnvironment(setting: [EnvironmentAssignment], unsetting: [[UInt8]]) -> [[UInt8]] {
        var result = entries
        for assignment in setting {
            let entry = assignment.name + [UInt8(ascii: "=")] + assignment.value
            if let index = result.firstIndex(where: { Self.split($0)?.name == assignment.name }) {
                result[index] = entry
            } else {
                result.append(entry)
            }
        }
        result.removeAll { entry in Self.split(entry).map { unsetting.contains($0.name) } ?? false }
        return result
    }

    /// "NAME=value" split at the first `=`; nil without one.
    static func split(_ entry: [UInt8]) -> (name: [UInt8], value: [UInt8])? {
        guard let eq = entry.firstIndex(of: UInt8(ascii: "=")) else { return nil }
        return (Array(entry[..<eq]), Array(entry[(eq + 1)...]))
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

/// One `-E NAME=value` (or QEMU_SET_ENV item), exact bytes.
public struct EnvironmentAssignment: Sendable, Equatable {
    /// The variable name (before the first `=`).
    public var name: [UInt8]
    /// The value (after it).
    public var value: [UInt8]

    /// An assignment of `value` to `name`.
    public init(name: [UInt8], value: [UInt8]) {
        self.name = name
        self.value = value
    }
}
