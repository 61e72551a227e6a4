/// Shifts and rotates (SDM vol. 2: RCL/RCR/ROL/ROR, SAL/SAR/SHL/SHR); the raw value is the /n
/// opcode extension.
public enum X86ShiftOp: UInt8, Sendable {
    case rol = 0, ror = 1, shl = 4, shr = 5, sar = 7
}

extension X86Assembler {
    /// `op rm, cl` (0xD3 /n): the count is cl masked to 5 or 6 bits by the CPU.
    public mutating func shiftCL(_ op: X86ShiftOp, _ width: X86Width, _ rm: X86Operand) {
        emit(width: width, opcode: 0xd3, reg: op.rawValue, rm: rm)
    }

    /// `op rm, imm8` (0xC1 /n ib); a count of 1 uses the same encoding for simplicity.
    public mutating func shift(_ op: X86ShiftOp, _ width: X86Width, _ rm: X86Operand, imm: UInt8) {
        emit(width: width, opcode: 0xc1, reg: op.rawValue, rm: rm)
        byte(imm)
    }
}
