import Glibc
import SyscallTables

/// `-strace` lines in qemu-user's format: `PID name(args) = result`. Strings are quoted
/// (control characters escaped so a line stays one line; qemu prints them raw), flags
/// symbolic, pointers `0x` + 16 hex digits or `NULL`, errors `-1 errno=N (text)`. Calls
/// without a format print six decimal arguments, as qemu does.
///
/// The call part must be formatted before the syscall runs (input strings may be freed or
/// overwritten by it); the result part after.
public enum StraceFormatter {
    /// Longest string printed; longer ones end with `...` after the closing quote.
    public static let maxString = 4096

    /// `name(args)` for a call about to run. `readString` reads a NUL-terminated guest
    /// string (at most `limit` bytes), nil when unreadable.
    public static func call(number: Int, args: SyscallArgs, readString: (UInt64, Int) -> [UInt8]?) -> String {
        let name = RISCV64Syscall.name(of: number).map { "\($0)" } ?? "Unknown syscall \(number)"
        let values = [args.a0, args.a1, args.a2, args.a3, args.a4, args.a5]
        guard let call = RISCV64Syscall(rawValue: number), let format = StraceTable.formats[call] else {
            return name + "(" + values.map { String(Int64(bitPattern: $0)) }.joined(separator: ",") + ")"
        }
        var parts: [String] = []
        for (index, kind) in format.args.enumerated() {
            if kind == .openMode {
                let flags = Int32(truncatingIfNeeded: values[index - 1])
                guard flags & (OpenFlag.creat | OpenFlag.tmpfile) != 0 else { continue }
            }
            parts.append(argument(kind, values[index], readString: readString))
        }
        return name + "(" + parts.joined(separator: ",") + ")"
    }

    /// ` = result` for a finished call ("" for calls that do not return).
    public static func result(number: Int, outcome: SyscallOutcome) -> String {
        let kind = RISCV64Syscall(rawValue: number).flatMap { StraceTable.formats[$0]?.result } ?? .decimal
        switch outcome {
        case .exit, .exitGroup: return ""
        case .returned(let value):
            if value < 0 && value > -4096 {
                let code = Int32(-value)
                return " = -1 errno=\(code) (\(errorText(code)))"
            }
            if kind == .none { return "" }
            if kind == .address { return " = " + pointer(UInt64(bitPattern: value), nullName: false) }
            return " = \(value)"
        }
    }

    /// The whole line.
    public static func line(pid: Int32, call: String, number: Int, outcome: SyscallOutcome) -> String {
        "\(pid) " + call + result(number: number, outcome: outcome)
    }

    /// The host's strerror text (qemu prints the host's too).
    static func errorText(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "Unknown error \(code)" }
        return String(cString: text)
    }

    /// `0x` + 16 hex digits, or `NULL` for 0.
    static func pointer(_ value: UInt64, nullName: Bool = true) -> String {
        if value == 0 && nullName { return "NULL" }
        let digits = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: max(0, 16 - digits.count)) + digits
    }

    /// A quoted string with control characters, quotes and backslashes escaped.
    static func quoted(_ bytes: [UInt8], truncated: Bool) -> String {
        var out = "\""
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\n"): out += "\\n"
            case UInt8(ascii: "\t"): out += "\\t"
            case UInt8(ascii: "\r"): out += "\\r"
            case UInt8(ascii: "\""): out += "\\\""
            case UInt8(ascii: "\\"): out += "\\\\"
            case 0..<0x20, 0x7f:
                let hex = String(byte, radix: 16)
                out += "\\x" + (hex.count == 1 ? "0" + hex : hex)
            default: out.unicodeScalars.append(Unicode.Scalar(byte))
            }
        }
        out += "\""
        if truncated { out += "..." }
        return out
    }

    /// One argument.
    static func argument(_ kind: StraceArgument, _ value: UInt64, readString: (UInt64, Int) -> [UInt8]?) -> String {
        let int = Int32(truncatingIfNeeded: value)
        switch kind {
        case .int: return String(int)
        case .long: return String(Int64(bitPattern: value))
        case .hex: return "0x" + String(value, radix: 16)
        case .pointer: return pointer(value)
        case .string:
            if value == 0 { return "NULL" }
            guard let bytes = readString(value, maxString + 1) else { return pointer(value) }
            return quoted(Array(bytes.prefix(maxString)), truncated: bytes.count > maxString)
        case .dirfd: return int == -100 ? "AT_FDCWD" : String(int)
        case .openFlags: return StraceFlags.open(int)
        case .mode, .openMode: return "0" + String(UInt32(truncatingIfNeeded: value), radix: 8)
        case .mmapProt: return StraceFlags.prot(int)
        case .mmapFlags: return StraceFlags.mmap(int)
        case .accessMode: return StraceFlags.access(int)
        case .atFlags: return StraceFlags.at(int)
        case .whence: return StraceFlags.whence(int)
        case .signal: return StraceFlags.signal(int)
        case .sigprocmaskHow: return ["SIG_BLOCK", "SIG_UNBLOCK", "SIG_SETMASK"][safe: Int(int)] ?? String(int)
        case .clockID: return StraceFlags.clock(int)
        case .fcntlCommand: return StraceFlags.fcntl(int)
        case .ioctlRequest: return StraceFlags.ioctl(UInt32(truncatingIfNeeded: value))
        }
    }
}

extension Array {
    /// The element at `index`, nil when out of range.
    subscript(safe index: Int) -> Element? { index >= 0 && index < count ? self[index] : nil }
}
