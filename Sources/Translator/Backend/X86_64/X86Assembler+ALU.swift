/// The eight classic ALU operations (SDM vol. 2: ADD, OR, ADC, SBB, AND, SUB, XOR, CMP); the
/// raw value is the /n opcode extension and the opcode row.
public enum X86ALUOp: UInt8, Sendable {
    case add = 0, or, adc, sbb, and, sub, xor, cmp
}

extension X86Assembler {
    /// `op dst, src` with a register destination: `dst = dst op src` (opcode row + 3).
    public mutating func alu(_ op: X86ALUOp, _ width: X86Width, _ dst: X86Reg, _ src: X86Operand) {
        emit(width: width, opcode: UInt32(op.rawValue) * 8 + (width == .b8 ? 2 : 3), reg: dst.rawValue, rm: src, byteRegs: width == .b8)
    }

    /// `op dst, src` with a memory or register destination and a register source (row + 1).
    public mutating func alu(_ op: X86ALUOp, _ width: X86Width, _ dst: X86Operand, _ src: X86Reg) {
        emit(width: width, opcode: UInt32(op.rawValue) * 8 + (width == .b8 ? 0 : 1), reg: src.rawValue, rm: dst, byteRegs: width == .b8)
    }

    /// `op dst, imm` (0x83 /n ib when the immediate fits 8 bits, else 0x81 /n id; 0x80 for bytes).
    public mutating func alu(_ op: X86ALUOp, _ width: X86Width, _ dst: X86Operand, imm: Int32) {
        if width == .b8 {
            emit(width: .b8, opcode: 0x80, reg: op.rawValue, rm: dst, byteRegs: true)
            byte(UInt8(truncatingIfNeeded: imm))
        } else if let i8 = Int8(exactly: imm) {
            emit(width: width, opcode: 0x83, reg: op.rawValue, rm: dst)
            byte(UInt8(bitPattern: i8))
        } else {
            emit(width: width, opcode: 0x81, reg: op.rawValue, rm: dst)
            if width == .b16 { int16(UInt16(truncatingIfNeeded: imm)) } else { int32(imm) }
        }
    }

    /// `test rm, reg` (0x85; 0x84 for bytes).
    public mutating func test(_ width: X86Width, _ rm: X86Operand, _ reg: X86Reg) {
        emit(width: width, opcode: width == .b8 ? 0x84 : 0x85, reg: reg.rawValue, rm: rm, byteRegs: width == .b8)
    }

    /// `test rm, imm` (0xF6 /0 ib for bytes, 0xF7 /0 id otherwise).
    public mutating func test(_ width: X86Width, _ rm: X86Operand, imm: Int32) {
        if width == .b8 {
            emit(width: .b8, opcode: 0xf6, reg: 0, rm: rm, byteRegs: true)
            byte(UInt8(truncatingIfNeeded: imm))
        } else {
            emit(width: width, opcode: 0xf7, reg: 0, rm: rm)
            if width == .b16 { int16(UInt16(truncatingIfNeeded: imm)) } else { int32(imm) }
        }
    }

    /// `neg rm` (0xF7 /3).
    public mutating func neg(_ width: X86Width, _ rm: X86Operand) { emit(width: width, opcode: 0xf7, reg: 3, rm: rm) }

    /// `not rm` (0xF7 /2).
    public mutating func not(_ width: X86Width, _ rm: X86Operand) { emit(width: width, opcode: 0xf7, reg: 2, rm: rm) }

    /// `add/sub/... reg, reg` shorthand.
    public mutating func alu(_ op: X86ALUOp, _ width: X86Width, _ dst: X86Reg, _ src: X86Reg) {
        alu(op, width, dst, X86Operand.reg(src))
    }
}
