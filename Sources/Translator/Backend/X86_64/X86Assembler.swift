/// A byte-buffer x86-64 assembler with named encodings (Intel SDM vol. 2). The instruction
/// classes live in extensions, one file each (`X86Assembler+ALU.swift`, ...). Code it emits is
/// position independent except for what callers embed as absolute immediates.
public struct X86Assembler {
    /// The machine code emitted so far.
    public private(set) var bytes: [UInt8] = []
    private var labelOffsets: [Int] = []
    /// rel32 fields to fill: (offset of the field, label, offset the displacement counts from).
    private var fixups: [(at: Int, label: X86Label, end: Int)] = []

    public init() { bytes.reserveCapacity(1024) }

    /// Current offset.
    public var offset: Int { bytes.count }

    // MARK: raw bytes

    /// Appends one byte.
    public mutating func byte(_ b: UInt8) { bytes.append(b) }

    /// Appends a little-endian 16-bit value.
    public mutating func int16(_ v: UInt16) { byte(UInt8(v & 0xff)); byte(UInt8(v >> 8)) }

    /// Appends a little-endian 32-bit value.
    public mutating func int32(_ v: Int32) {
        let u = UInt32(bitPattern: v)
        for i in 0..<4 { byte(UInt8(truncatingIfNeeded: u >> (8 * UInt32(i)))) }
    }

    /// Appends a little-endian 64-bit value.
    public mutating func int64(_ v: UInt64) {
        for i in 0..<8 { byte(UInt8(truncatingIfNeeded: v >> (8 * UInt64(i)))) }
    }

    /// Overwrites 4 bytes at `at`.
    public mutating func patch32(at: Int, _ v: Int32) {
        let u = UInt32(bitPattern: v)
        for i in 0..<4 { bytes[at + i] = UInt8(truncatingIfNeeded: u >> (8 * UInt32(i))) }
    }

    /// Overwrites 8 bytes at `at`.
    public mutating func patch64(at: Int, _ v: UInt64) {
        for i in 0..<8 { bytes[at + i] = UInt8(truncatingIfNeeded: v >> (8 * UInt64(i))) }
    }

    // MARK: labels

    /// A new unbound label.
    public mutating func newLabel() -> X86Label {
        labelOffsets.append(-1)
        return X86Label(id: labelOffsets.count - 1)
    }

    /// Binds `label` to the current offset.
    public mutating func bind(_ label: X86Label) { labelOffsets[label.id] = offset }

    /// Offset a bound label stands for.
    public func offset(of label: X86Label) -> Int { labelOffsets[label.id] }

    /// Records a rel32 field just emitted at `offset - 4` (displacement from `end`).
    mutating func addFixup(_ label: X86Label, fieldAt: Int, end: Int) {
        fixups.append((fieldAt, label, end))
    }

    /// Fills every rel32 that refers to a label; every referenced label must be bound.
    public mutating func resolveFixups() {
        for f in fixups {
            let target = labelOffsets[f.label.id]
            precondition(target >= 0, "unbound label \(f.label.id)")
            patch32(at: f.at, Int32(target - f.end))
        }
        fixups.removeAll()
    }

    /// Pads with multi-byte NOPs (SDM vol. 2, NOP) until `(offset + ahead) % alignment == 0`.
    public mutating func alignWithNops(_ alignment: Int, ahead: Int = 0) {
        var n = (alignment - (offset + ahead) % alignment) % alignment
        while n > 0 {
            let k = min(n, 4)
            switch k {
            case 1: byte(0x90)
            case 2: byte(0x66); byte(0x90)
            case 3: byte(0x0f); byte(0x1f); byte(0x00)
            default: byte(0x0f); byte(0x1f); byte(0x40); byte(0x00)
            }
            n -= k
        }
    }

    // MARK: generic encoding

    /// Emits `[prefix] [REX] opcode ModRM [SIB] [disp]` for `reg` (a register number or an
    /// opcode extension /n) and the r/m operand. `opcode` holds 1–3 bytes, first byte in the
    /// highest used position (e.g. 0x0FAF). `byteRegs` forces a REX prefix so that registers 4–7
    /// mean spl/bpl/sil/dil.
    public mutating func emit(prefix: UInt8 = 0, width: X86Width, opcode: UInt32, reg: UInt8, rm: X86Operand, byteRegs: Bool = false) {
        if width == .b16 { byte(0x66) }
        if prefix != 0 { byte(prefix) }
        var rex: UInt8 = width == .b64 ? 0x48 : 0x40
        rex |= ((reg >> 3) & 1) << 2
        var force = false
        switch rm {
        case .reg(let r):
            rex |= r.high
            if byteRegs && (r.rawValue >= 4 && r.rawValue <= 7) { force = true }
        case .mem(let m):
            rex |= m.base.high
            if let i = m.index { rex |= i.high << 1 }
        }
        if byteRegs && (reg >= 4 && reg <= 7) { force = true }
        if rex != 0x40 || force { byte(rex) }
        if opcode > 0xffff { byte(UInt8(opcode >> 16)) }
        if opcode > 0xff { byte(UInt8((opcode >> 8) & 0xff)) }
        byte(UInt8(opcode & 0xff))
        modRM(reg: reg & 7, rm: rm)
    }

    /// ModRM, SIB and displacement.
    mutating func modRM(reg: UInt8, rm: X86Operand) {
        switch rm {
        case .reg(let r):
            byte(0xc0 | reg << 3 | r.low)
        case .mem(let m):
            let needsSIB = m.index != nil || m.base.low == 4
            let mod: UInt8
            if m.disp == 0 && m.base.low != 5 { mod = 0 } else if Int8(exactly: m.disp) != nil { mod = 1 } else { mod = 2 }
            if needsSIB {
                byte(mod << 6 | reg << 3 | 4)
                let index = m.index?.low ?? 4
                byte(m.scaleShift << 6 | index << 3 | m.base.low)
            } else {
                byte(mod << 6 | reg << 3 | m.base.low)
            }
            if mod == 1 { byte(UInt8(bitPattern: Int8(m.disp))) } else if mod == 2 { int32(m.disp) }
        }
    }

    /// True when `v` fits a sign-extended 32-bit immediate.
    @inlinable public static func fitsInt32(_ v: Int64) -> Bool { Int32(exactly: v) != nil }
}
