extension X86Assembler {
    /// `lock xadd [mem], reg` (F0 0x0F 0xC1): reg receives the old value.
    public mutating func lockXadd(_ width: X86Width, _ mem: X86Mem, _ reg: X86Reg) {
        byte(0xf0)
        emit(width: width, opcode: 0x0fc1, reg: reg.rawValue, rm: .mem(mem))
    }

    /// `lock cmpxchg [mem], reg` (F0 0x0F 0xB1): compares rax with [mem].
    public mutating func lockCmpxchg(_ width: X86Width, _ mem: X86Mem, _ reg: X86Reg) {
        byte(0xf0)
        emit(width: width, opcode: 0x0fb1, reg: reg.rawValue, rm: .mem(mem))
    }

    /// `xchg [mem], reg` (0x87; implicitly locked).
    public mutating func xchg(_ width: X86Width, _ mem: X86Mem, _ reg: X86Reg) {
        emit(width: width, opcode: 0x87, reg: reg.rawValue, rm: .mem(mem))
    }

    /// `mfence` (0x0F 0xAE 0xF0).
    public mutating func mfence() { byte(0x0f); byte(0xae); byte(0xf0) }
}
