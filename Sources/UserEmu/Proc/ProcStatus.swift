/// `/proc/self/stat` and `status`: the host's text for this process with the fields that would
/// describe the emulator replaced by the guest's (name, memory layout, virtual size). Values
/// the emulator cannot know better (RSS, times, state, ids) stay the host's.
enum ProcStatus {
    /// What replaces the host's values.
    struct Guest {
        var name: [UInt8]
        var virtualSize: UInt64
        var stackSize: UInt64
        var dataSize: UInt64
        var startCode: UInt64, endCode: UInt64, startStack: UInt64
        var startData: UInt64, endData: UInt64, startBreak: UInt64
        var argStart: UInt64, argEnd: UInt64, envStart: UInt64, envEnd: UInt64
    }

    /// Rewrites a host `stat` line: comm (field 2), vsize (23), startcode, endcode, startstack
    /// (26-28), kstkesp/kstkeip (29-30, 0 as for a process not being dumped), start_data ...
    /// env_end (45-51).
    static func stat(host: String, guest: Guest) -> String {
        guard let open = host.firstIndex(of: "("), let close = host.lastIndex(of: ")") else { return host }
        let pidPart = host[..<open]
        var fields = host[host.index(after: close)...].split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        // fields[0] is field 3 (state).
        func set(_ field: Int, _ value: UInt64) {
            let index = field - 3
            if index < fields.count { fields[index] = String(value) }
        }
        set(23, guest.virtualSize)
        set(26, guest.startCode); set(27, guest.endCode); set(28, guest.startStack)
        set(29, 0); set(30, 0)
        set(45, guest.startData); set(46, guest.endData); set(47, guest.startBreak)
        set(48, guest.argStart); set(49, guest.argEnd); set(50, guest.envStart); set(51, guest.envEnd)
        var last = fields.last ?? ""
        if last.hasSuffix("\n") { last.removeLast(); fields[fields.count - 1] = last }
        return String(pidPart) + "(" + String(decoding: guest.name, as: UTF8.self) + ") " + fields.joined(separator: " ") + "\n"
    }

    /// Rewrites host `status`: Name, VmPeak, VmSize, VmData, VmStk, VmExe (kB).
    static func status(host: String, guest: Guest) -> String {
        var lines: [String] = []
        for line in host.split(separator: "\n", omittingEmptySubsequences: false) {
            func kB(_ label: String, _ bytes: UInt64) -> String {
                let number = String(bytes / 1024)
                return label + ":\t" + String(repeating: " ", count: max(0, 8 - number.count)) + number + " kB"
            }
            if line.hasPrefix("Name:") { lines.append("Name:\t" + escapedName(guest.name)) }
            else if line.hasPrefix("VmPeak:") { lines.append(kB("VmPeak", guest.virtualSize)) }
            else if line.hasPrefix("VmSize:") { lines.append(kB("VmSize", guest.virtualSize)) }
            else if line.hasPrefix("VmData:") { lines.append(kB("VmData", guest.dataSize)) }
            else if line.hasPrefix("VmStk:") { lines.append(kB("VmStk", guest.stackSize)) }
            else if line.hasPrefix("VmExe:") { lines.append(kB("VmExe", guest.endCode &- guest.startCode)) }
            else { lines.append(String(line)) }
        }
        return lines.joined(separator: "\n")
    }

    /// The Name field as the kernel escapes it (`\n` and `\\`).
    static func escapedName(_ name: [UInt8]) -> String {
        var out = ""
        for byte in name {
            switch byte {
            case UInt8(ascii: "\n"): out += "\\n"
            case UInt8(ascii: "\\"): out += "\\\\"
            default: out.unicodeScalars.append(Unicode.Scalar(byte))
            }
        }
        return out
    }
}
