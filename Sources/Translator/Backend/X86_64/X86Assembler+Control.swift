extension X86Assembler {
    /// `jmp rel32` to a label (0xE9); returns the offset of the rel32 field (a patch site).
    @discardableResult
    public mutating func jmp(_ label: X86Label) -> Int {
        byte(0xe9)
        let at = offset
        int32(0)
        addFixup(label, fieldAt: at, end: offset)
        return at
    }

    /// `jcc rel32` to a label (0x0F 0x80+cc).
    public mutating func jcc(_ cond: X86Cond, _ label: X86Label) {
        byte(0x0f); byte(0x80 + cond.rawValue)
        let at = offset
        int32(0)
        addFixup(label, fieldAt: at, end: offset)
    }

    /// `jcc rel8` over the next `distance` bytes (0x70+cc).
    public mutating func jccShort(_ cond: X86Cond, skip distance: UInt8) {
        byte(0x70 + cond.rawValue); byte(distance)
    }

    /// `call r/m64` (0xFF /2).
    public mutating func call(_ rm: X86Operand) { emit(width: .b32, opcode: 0xff, reg: 2, rm: rm) }

    /// `jmp r/m64` (0xFF /4).
    public mutating func jmp(_ rm: X86Operand) { emit(width: .b32, opcode: 0xff, reg: 4, rm: rm) }

    /// `ret` (0xC3).
    public mutating func ret() { byte(0xc3) }

    /// `push r64` (0x50+r).
    public mutating func push(_ r: X86Reg) { if r.high != 0 { byte(0x41) }; byte(0x50 + r.low) }

    /// `pop r64` (0x58+r).
    public mutating func pop(_ r: X86Reg) { if r.high != 0 { byte(0x41) }; byte(0x58 + r.low) }
}
