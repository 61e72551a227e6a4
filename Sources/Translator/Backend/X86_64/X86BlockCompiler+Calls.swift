/// Calls from translated code into Swift helpers (`JITHelpers`). The stack is 16-byte aligned
/// inside translated code (see sq_jit_enter), no guest value lives in a caller-saved register
/// across an op in v1, so a call needs only its arguments in rdi, rsi, rdx.
extension X86BlockCompiler {
    /// `call helper` through rax.
    mutating func callHelper(_ helper: UInt) {
        asm.movImm(.rax, UInt64(helper))
        asm.call(.reg(.rax))
    }

    /// d = helper(a, opcode) for integer ops without an inline lowering on this host.
    mutating func unaryHelper(_ op: IROp) {
        load(.rdi, op.a)
        asm.movImm(.rsi, UInt64(op.opcode.rawValue))
        callHelper(JITHelpers.unary)
        store(op.d, .rax)
    }

    /// d = host counter i.
    mutating func lowerCounter(_ op: IROp) {
        asm.mov(.rdi, .r15)
        asm.movImm(.rsi, UInt64(bitPattern: op.imm))
        callHelper(JITHelpers.counter)
        store(op.d, .rax)
    }
}
