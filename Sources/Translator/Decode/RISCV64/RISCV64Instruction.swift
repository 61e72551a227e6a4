/// One decoded riscv64 instruction: its op and operand fields, as codegen/riscv64.decode names them.
///
/// Compressed instructions arrive here already expanded to their 32-bit equivalent; `length`
/// (2 or 4) and `pc` are filled in by the frontend.
public struct RISCV64Instruction: Sendable, Equatable {
    /// What the instruction is.
    public var op: RISCV64Op
    /// Destination register number (x or f, depending on the op).
    public var rd: Int
    /// First source register number; the 5-bit immediate of csrr*i.
    public var rs1: Int
    /// Second source register number.
    public var rs2: Int
    /// Third source register number (fused multiply-add).
    public var rs3: Int
    /// Rounding-mode field of FP ops (7 = dynamic).
    public var rm: Int
    /// The decoded, sign-extended immediate (shift amount, CSR number, fence bits for those ops).
    public var imm: Int64
    /// The 32-bit instruction word (the expansion, for a compressed instruction).
    public var word: UInt32
    /// Guest address of the instruction.
    public var pc: UInt64 = 0
    /// Encoded length in bytes: 2 for a compressed instruction, else 4.
    public var length: UInt64 = 4

    /// Makes an instruction; fields an op does not use stay 0.
    @inlinable
    public init(_ op: RISCV64Op, rd: Int = 0, rs1: Int = 0, rs2: Int = 0, rs3: Int = 0, rm: Int = 0, imm: Int64 = 0, word: UInt32) {
        self.op = op
        self.rd = rd
        self.rs1 = rs1
        self.rs2 = rs2
        self.rs3 = rs3
        self.rm = rm
        self.imm = imm
        self.word = word
    }
}

extension RISCV64Decoder {
    /// Decodes the instruction whose first 16-bit parcel is the low half of `bits`: a 32-bit
    /// instruction when its low two bits are 11, else a compressed one that is expanded first.
    /// Returns nil for an illegal or reserved encoding.
    public static func decodeAny(_ bits: UInt32) -> RISCV64Instruction? {
        if bits & 3 == 3 { return decode(bits) }
        guard let word = expand(UInt16(truncatingIfNeeded: bits)), var insn = decode(word) else { return nil }
        insn.length = 2
        return insn
    }
}
