/// Builds small ELF64 files byte by byte, so the parser tests need no cross compiler.
struct TestELFBuilder {
    struct Segment {
        var type: UInt32
        var flags: UInt32
        var offset: UInt64
        var vaddr: UInt64
        var fileSize: UInt64
        var memorySize: UInt64
        var align: UInt64 = 0x1000
    }

    var elfClass: UInt8 = 2
    var byteOrder: UInt8 = 1
    var identVersion: UInt8 = 1
    var type: UInt16 = 2
    var machine: UInt16 = 243
    var version: UInt32 = 1
    var entry: UInt64 = 0
    var phoff: UInt64 = 64
    var phentsize: UInt16 = 56
    var phnumOverride: UInt16?
    var shoff: UInt64 = 0
    var shnum: UInt16 = 0
    var segments: [Segment] = []
    /// Bytes placed right after the program header table.
    var payload: [UInt8] = []

    /// File offset at which `payload` starts.
    var payloadOffset: UInt64 { 64 + UInt64(segments.count) * 56 }

    func bytes() -> [UInt8] {
        var out: [UInt8] = [0x7f, 0x45, 0x4c, 0x46, elfClass, byteOrder, identVersion, 0]
        out += [UInt8](repeating: 0, count: 8)
        out.le(type); out.le(machine); out.le(version); out.le(entry); out.le(phoff); out.le(shoff)
        out.le(UInt32(0)); out.le(UInt16(64)); out.le(phentsize)
        out.le(phnumOverride ?? UInt16(segments.count)); out.le(UInt16(64)); out.le(shnum); out.le(UInt16(0))
        for s in segments {
            out.le(s.type); out.le(s.flags); out.le(s.offset); out.le(s.vaddr)
            out.le(s.vaddr); out.le(s.fileSize); out.le(s.memorySize); out.le(s.align)
        }
        return out + payload
    }

    /// riscv64 code for exit(0): li a0,0; li a7,93; ecall.
    static let exitCode: [UInt8] = [0x13, 0x05, 0x00, 0x00, 0x93, 0x08, 0xd0, 0x05, 0x73, 0x00, 0x00, 0x00]

    /// A static ET_EXEC: text (R+X) from file offset 0 at 0x10000, data+bss (R+W) on the next
    /// page, and a non-executable PT_GNU_STACK.
    static func executable() -> TestELFBuilder {
        var b = TestELFBuilder()
        b.segments = [
            Segment(type: 1, flags: 5, offset: 0, vaddr: 0x10000, fileSize: 0, memorySize: 0),
            Segment(type: 1, flags: 6, offset: 0, vaddr: 0, fileSize: 16, memorySize: 0x2000),
            Segment(type: 0x6474_e551, flags: 6, offset: 0, vaddr: 0, fileSize: 0, memorySize: 0, align: 16),
        ]
        let codeOffset = b.payloadOffset
        b.payload = exitCode + [UInt8](repeating: 0xaa, count: 4) + Array(0..<16)
        let dataOffset = codeOffset + UInt64(exitCode.count) + 4
        let end = UInt64(b.bytes().count)
        b.entry = 0x10000 + codeOffset
        b.segments[0].fileSize = dataOffset
        b.segments[0].memorySize = dataOffset
        b.segments[1].offset = dataOffset
        b.segments[1].vaddr = 0x11000 + dataOffset
        b.segments[1].fileSize = end - dataOffset
        return b
    }

    /// An ET_DYN (PIE) at address 0 with a PT_PHDR and a PT_INTERP naming `interpreter`.
    static func pie(interpreter: String = "/lib/ld-linux-riscv64-lp64d.so.1") -> TestELFBuilder {
        var b = TestELFBuilder()
        b.type = 3
        b.segments = [
            Segment(type: 6, flags: 4, offset: 64, vaddr: 64, fileSize: 4 * 56, memorySize: 4 * 56, align: 8),
            Segment(type: 3, flags: 4, offset: 0, vaddr: 0, fileSize: 0, memorySize: 0, align: 1),
            Segment(type: 1, flags: 5, offset: 0, vaddr: 0, fileSize: 0, memorySize: 0),
            Segment(type: 1, flags: 6, offset: 0, vaddr: 0, fileSize: 0, memorySize: 0x100),
        ]
        let interpOffset = b.payloadOffset
        let path = Array(interpreter.utf8) + [0]
        b.payload = path + exitCode + [1, 2, 3, 4, 5, 6, 7, 8]
        let codeOffset = interpOffset + UInt64(path.count)
        let dataOffset = codeOffset + UInt64(exitCode.count)
        let end = UInt64(b.bytes().count)
        b.entry = codeOffset
        b.segments[1].offset = interpOffset
        b.segments[1].vaddr = interpOffset
        b.segments[1].fileSize = UInt64(path.count)
        b.segments[1].memorySize = UInt64(path.count)
        b.segments[2].fileSize = dataOffset
        b.segments[2].memorySize = dataOffset
        b.segments[3].offset = dataOffset
        b.segments[3].vaddr = 0x1000 + dataOffset
        b.segments[3].fileSize = end - dataOffset
        return b
    }
}

extension Array where Element == UInt8 {
    /// Appends `value` little-endian.
    mutating func le<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }
}
