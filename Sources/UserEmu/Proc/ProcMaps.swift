import Translator

/// `/proc/self/maps` and `smaps` from the guest's mapping table, in the kernel's format
/// (`show_map_vma`: addresses as at least 8 hex digits, perms, offset, major:minor, inode, the
/// name padded to column 73). Only guest mappings appear: the emulator's own memory lies
/// outside the guest region.
enum ProcMaps {
    /// Host st_dev -> (major, minor) as glibc's gnu_dev_major/minor decode it.
    static func deviceNumbers(_ device: UInt64) -> (UInt64, UInt64) {
        let major = ((device >> 8) & 0xfff) | ((device >> 32) & ~UInt64(0xfff))
        let minor = (device & 0xff) | ((device >> 12) & ~UInt64(0xff))
        return (major, minor)
    }

    /// Lower-case hex, zero-padded to `width`.
    static func hex(_ value: UInt64, _ width: Int) -> String {
        let digits = String(value, radix: 16)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    /// The name column of a mapping ("" for anonymous memory).
    static func name(of mapping: GuestMapping) -> String {
        switch mapping.kind {
        case .heap: return "[heap]"
        case .stack: return "[stack]"
        case .vdso: return "[vdso]"
        case .anonymous: return ""
        case .file: return mapping.path ?? ""
        }
    }

    /// The header line of one mapping (no newline).
    static func line(_ m: GuestMapping) -> String {
        var perms = ""
        perms += m.protection & MemoryABI.Prot.read != 0 ? "r" : "-"
        perms += m.protection & MemoryABI.Prot.write != 0 ? "w" : "-"
        perms += m.protection & MemoryABI.Prot.exec != 0 ? "x" : "-"
        perms += m.isShared ? "s" : "p"
        let (major, minor) = deviceNumbers(m.device)
        var text = "\(hex(m.start, 8))-\(hex(m.end, 8)) \(perms) \(hex(m.offset, 8)) \(hex(major, 2)):\(hex(minor, 2)) \(m.inode) "
        let label = name(of: m)
        if !label.isEmpty {
            // seq_pad: spaces up to column 72, then one more.
            if text.count < 72 { text += String(repeating: " ", count: 72 - text.count) }
            text += " " + label
        }
        return text
    }

    /// The whole maps file.
    static func maps(_ mappings: [GuestMapping]) -> String {
        var out = ""
        for m in mappings { out += line(m) + "\n" }
        return out
    }

    /// The whole smaps file. Rss counts the pages resident on the host (`resident`, in pages);
    /// the split into clean/dirty and shared/private is approximate (anonymous memory is
    /// private dirty, file memory private clean, shared mappings shared).
    static func smaps(_ mappings: [GuestMapping], resident: (GuestMapping) -> UInt64) -> String {
        var out = ""
        for m in mappings {
            let size = m.length / 1024
            let rss = resident(m) * 4
            let anonymous = m.kind != .file
            func field(_ name: String, _ kB: UInt64) -> String {
                let label = name + ":"
                let number = String(kB)
                return label + String(repeating: " ", count: max(1, 16 - label.count + 8 - number.count)) + number + " kB\n"
            }
            out += line(m) + "\n"
            out += field("Size", size) + field("KernelPageSize", 4) + field("MMUPageSize", 4)
            out += field("Rss", rss) + field("Pss", rss) + field("Pss_Dirty", anonymous ? rss : 0)
            out += field("Shared_Clean", m.isShared && !anonymous ? rss : 0) + field("Shared_Dirty", m.isShared && anonymous ? rss : 0)
            out += field("Private_Clean", !m.isShared && !anonymous ? rss : 0) + field("Private_Dirty", !m.isShared && anonymous ? rss : 0)
            out += field("Referenced", rss) + field("Anonymous", anonymous && !m.isShared ? rss : 0) + field("KSM", 0)
            out += field("LazyFree", 0) + field("AnonHugePages", 0) + field("ShmemPmdMapped", 0) + field("FilePmdMapped", 0)
            out += field("Shared_Hugetlb", 0) + field("Private_Hugetlb", 0) + field("Swap", 0) + field("SwapPss", 0)
            out += field("Locked", 0)
            out += "THPeligible:    0\n"
            var flags = ["rd", "wr", "ex", "sh"].enumerated().compactMap { index, name -> String? in
                let bit: Bool
                switch index {
                case 0: bit = m.protection & MemoryABI.Prot.read != 0
                case 1: bit = m.protection & MemoryABI.Prot.write != 0
                case 2: bit = m.protection & MemoryABI.Prot.exec != 0
                default: bit = m.isShared
                }
                return bit ? name : nil
            }
            flags += ["mr", "mw", "me"]
            if m.isShared { flags.append("ms") }
            if m.kind == .stack { flags.append("gd") }
            flags.append("ac")
            out += "VmFlags: " + flags.joined(separator: " ") + " \n"
        }
        return out
    }
}
