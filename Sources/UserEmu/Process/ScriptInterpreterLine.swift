/// The `#!` line of a script, parsed exactly as Linux's fs/binfmt_script.c does it (Linux 5.1
/// and later): the kernel looks at the first 256 bytes (BINPRM_BUF_SIZE, zero-padded when the
/// file is shorter); the interpreter name is the first word after `#!` and optional spaces or
/// tabs; everything after the following spaces and tabs, up to the newline and without trailing
/// spaces and tabs, is one optional argument. A line without a newline in those bytes is used
/// only if the name is followed by a space, tab or NUL (else the name might be truncated).
enum ScriptInterpreterLine {
    /// What the first bytes of a file say.
    enum Parsed: Equatable {
        /// Not a `#!` file.
        case notScript
        /// A `#!` line the kernel rejects (-ENOEXEC).
        case malformed
        /// Interpreter path and optional argument (exact bytes).
        case interpreter(name: [UInt8], argument: [UInt8]?)
    }

    /// BINPRM_BUF_SIZE.
    static let bufferSize = 256

    /// Parses the first bytes of a file.
    static func parse(_ head: [UInt8]) -> Parsed {
        guard head.count >= 2, head[0] == UInt8(ascii: "#"), head[1] == UInt8(ascii: "!") else { return .notScript }
        var buf = Array(head.prefix(bufferSize))
        buf += [UInt8](repeating: 0, count: bufferSize - buf.count)
        let last = bufferSize - 1
        func spaceTab(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
        var cp: Int
        if let newline = buf.firstIndex(of: 0x0a) {
            cp = newline
        } else {
            guard let first = (2...last).first(where: { !spaceTab(buf[$0]) }) else { return .malformed }
            guard (first...last).contains(where: { spaceTab(buf[$0]) || buf[$0] == 0 }) else { return .malformed }
            cp = last
        }
        buf[cp] = 0
        while cp > 0 {
            cp -= 1
            if spaceTab(buf[cp]) { buf[cp] = 0 } else { break }
        }
        cp = 2
        while spaceTab(buf[cp]) { cp += 1 }
        if buf[cp] == 0 { return .malformed }
        let nameStart = cp
        while buf[cp] != 0 && !spaceTab(buf[cp]) { cp += 1 }
        let name = Array(buf[nameStart..<cp])
        while spaceTab(buf[cp]) { buf[cp] = 0; cp += 1 }
        var argument: [UInt8]?
        if buf[cp] != 0 {
            let end = buf[cp...].firstIndex(of: 0) ?? bufferSize
            argument = Array(buf[cp..<end])
        }
        return .interpreter(name: name, argument: argument)
    }
}
