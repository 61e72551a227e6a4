extension X86Assembler {
    /// `cmp a, b` with a register left side: flags of a - b.
    public mutating func cmp(_ width: X86Width, _ a: X86Reg, _ b: X86Operand) { alu(.cmp, width, a, b) }

    /// `setcc r/m8` (0x0F 0x90+cc /0).
    public mutating func setcc(_ cond: X86Cond, _ dst: X86Operand) {
        emit(width: .b32, opcode: 0x0f90 + UInt32(cond.rawValue), reg: 0, rm: dst, byteRegs: true)
    }

    /// `cmovcc dst, src` (0x0F 0x40+cc).
    public mutating func cmov(_ cond: X86Cond, _ width: X86Width, _ dst: X86Reg, _ src: X86Operand) {
        emit(width: width, opcode: 0x0f40 + UInt32(cond.rawValue), reg: dst.rawValue, rm: src)
    }
}
