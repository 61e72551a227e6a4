extension X86Assembler {
    /// `mov dst, src` register ← r/m (0x8B; 0x8A for bytes).
    public mutating func mov(_ width: X86Width, _ dst: X86Reg, _ src: X86Operand) {
        emit(width: width, opcode: width == .b8 ? 0x8a : 0x8b, reg: dst.rawValue, rm: src, byteRegs: width == .b8)
    }

    /// `mov dst, src` r/m ← register (0x89; 0x88 for bytes).
    public mutating func mov(_ width: X86Width, _ dst: X86Operand, _ src: X86Reg) {
        emit(width: width, opcode: width == .b8 ? 0x88 : 0x89, reg: src.rawValue, rm: dst, byteRegs: width == .b8)
    }

    /// `mov r64, r64` shorthand.
    public mutating func mov(_ dst: X86Reg, _ src: X86Reg) { mov(.b64, dst, .reg(src)) }

    /// `mov r/m64, simm32` (REX.W 0xC7 /0 id).
    public mutating func mov(_ dst: X86Operand, imm32: Int32) {
        emit(width: .b64, opcode: 0xc7, reg: 0, rm: dst)
        int32(imm32)
    }

    /// Loads a 64-bit constant with the shortest encoding: `xor r32, r32`, `mov r32, imm32`
    /// (zero-extends), `mov r/m64, simm32`, or `movabs r64, imm64`.
    public mutating func movImm(_ dst: X86Reg, _ value: UInt64) {
        if value == 0 {
            alu(.xor, .b32, dst, dst)
        } else if value <= UInt64(UInt32.max) {
            if dst.high != 0 { byte(0x41) }
            byte(0xb8 + dst.low)
            int32(Int32(bitPattern: UInt32(value)))
        } else if X86Assembler.fitsInt32(Int64(bitPattern: value)) {
            mov(.reg(dst), imm32: Int32(truncatingIfNeeded: Int64(bitPattern: value)))
        } else {
            byte(0x48 | dst.high)
            byte(0xb8 + dst.low)
            int64(value)
        }
    }

    /// `movabs r64, imm64` with exactly 10 bytes (for patchable constants); returns the offset of the immediate.
    @discardableResult
    public mutating func movImm64(_ dst: X86Reg, _ value: UInt64) -> Int {
        byte(0x48 | dst.high)
        byte(0xb8 + dst.low)
        let at = offset
        int64(value)
        return at
    }

    /// `movzx dst, byte/word src` (0x0F 0xB6 / 0xB7) into a 32-bit register (zero-extends to 64).
    public mutating func movzx(_ srcWidth: X86Width, _ dst: X86Reg, _ src: X86Operand) {
        emit(width: .b32, opcode: srcWidth == .b8 ? 0x0fb6 : 0x0fb7, reg: dst.rawValue, rm: src, byteRegs: srcWidth == .b8)
    }

    /// `movsx dst64, byte/word src` (REX.W 0x0F 0xBE / 0xBF) or `movsxd dst64, dword src` (REX.W 0x63).
    public mutating func movsx(_ srcWidth: X86Width, _ dst: X86Reg, _ src: X86Operand) {
        switch srcWidth {
        case .b8: emit(width: .b64, opcode: 0x0fbe, reg: dst.rawValue, rm: src)
        case .b16: emit(width: .b64, opcode: 0x0fbf, reg: dst.rawValue, rm: src)
        default: emit(width: .b64, opcode: 0x63, reg: dst.rawValue, rm: src)
        }
    }

    /// `lea dst, [mem]` (REX.W 0x8D); with `width` .b32, `lea dst32, [mem]` (0x8D): the low 32
    /// bits of the address, zero-extended.
    public mutating func lea(_ dst: X86Reg, _ mem: X86Mem, width: X86Width = .b64) {
        emit(width: width, opcode: 0x8d, reg: dst.rawValue, rm: .mem(mem))
    }

    /// `lea dst, [rip + label]` (REX.W 0x8D, ModRM mod 00 rm 101).
    public mutating func leaRIP(_ dst: X86Reg, _ label: X86Label) {
        byte(0x48 | (dst.high << 2))
        byte(0x8d)
        byte(dst.low << 3 | 5)
        let at = offset
        int32(0)
        addFixup(label, fieldAt: at, end: offset)
    }
}
