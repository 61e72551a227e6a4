extension X86Assembler {
    /// `imul dst, src` (0x0F 0xAF): low half of the signed (= unsigned) product.
    public mutating func imul(_ width: X86Width, _ dst: X86Reg, _ src: X86Operand) {
        emit(width: width, opcode: 0x0faf, reg: dst.rawValue, rm: src)
    }

    /// `mul rm` (0xF7 /4): rdx:rax = rax * rm, unsigned.
    public mutating func mul(_ width: X86Width, _ rm: X86Operand) { emit(width: width, opcode: 0xf7, reg: 4, rm: rm) }

    /// `imul rm` (0xF7 /5): rdx:rax = rax * rm, signed.
    public mutating func imulWide(_ width: X86Width, _ rm: X86Operand) { emit(width: width, opcode: 0xf7, reg: 5, rm: rm) }

    /// `div rm` (0xF7 /6): unsigned rdx:rax / rm; quotient in rax, remainder in rdx.
    public mutating func div(_ width: X86Width, _ rm: X86Operand) { emit(width: width, opcode: 0xf7, reg: 6, rm: rm) }

    /// `idiv rm` (0xF7 /7): signed division.
    public mutating func idiv(_ width: X86Width, _ rm: X86Operand) { emit(width: width, opcode: 0xf7, reg: 7, rm: rm) }

    /// `cqo` (REX.W 0x99) for 64 bits, `cdq` (0x99) for 32: sign-extend rax into rdx.
    public mutating func signExtendAccumulator(_ width: X86Width) {
        if width == .b64 { byte(0x48) }
        byte(0x99)
    }
}
