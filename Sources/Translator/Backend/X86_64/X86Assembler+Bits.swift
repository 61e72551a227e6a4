extension X86Assembler {
    /// `lzcnt dst, src` (F3 0x0F 0xBD; needs ABM/LZCNT, else it decodes as bsr).
    public mutating func lzcnt(_ width: X86Width, _ dst: X86Reg, _ src: X86Operand) {
        emit(prefix: 0xf3, width: width, opcode: 0x0fbd, reg: dst.rawValue, rm: src)
    }

    /// `tzcnt dst, src` (F3 0x0F 0xBC; needs BMI1, else it decodes as bsf).
    public mutating func tzcnt(_ width: X86Width, _ dst: X86Reg, _ src: X86Operand) {
        emit(prefix: 0xf3, width: width, opcode: 0x0fbc, reg: dst.rawValue, rm: src)
    }

    /// `popcnt dst, src` (F3 0x0F 0xB8).
    public mutating func popcnt(_ width: X86Width, _ dst: X86Reg, _ src: X86Operand) {
        emit(prefix: 0xf3, width: width, opcode: 0x0fb8, reg: dst.rawValue, rm: src)
    }

    /// `bsr dst, src` (0x0F 0xBD): index of the highest set bit; ZF set and dst undefined for 0.
    public mutating func bsr(_ width: X86Width, _ dst: X86Reg, _ src: X86Operand) {
        emit(width: width, opcode: 0x0fbd, reg: dst.rawValue, rm: src)
    }

    /// `bsf dst, src` (0x0F 0xBC): index of the lowest set bit.
    public mutating func bsf(_ width: X86Width, _ dst: X86Reg, _ src: X86Operand) {
        emit(width: width, opcode: 0x0fbc, reg: dst.rawValue, rm: src)
    }

    /// `bswap r` (0x0F 0xC8+r).
    public mutating func bswap(_ width: X86Width, _ r: X86Reg) {
        let rex: UInt8 = (width == .b64 ? 0x48 : 0x40) | r.high
        if rex != 0x40 { byte(rex) }
        byte(0x0f); byte(0xc8 + r.low)
    }
}
