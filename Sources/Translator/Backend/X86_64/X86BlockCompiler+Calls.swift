/// Calls from translated code into Swift helpers (`JITHelpers`). The stack is 16-byte aligned
/// inside translated code (see sq_jit_enter). Ops that call helpers are opaque
/// (`X86BlockCompiler.isOpaque`): no cached guest value lives in a caller-saved register during
/// them, so a call needs only its arguments in rdi, rsi, rdx.
extension X86BlockCompiler {
    /// `call helper` through rax, after writing every dirty cached slot back to the frame.
    mutating func callHelper(_ helper: UInt) {
        flushCachedSlots()
        asm.movImm(.rax, UInt64(helper))
        asm.call(.reg(.rax))
        reloadPinnedAfterCall()
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
        // Fold the instructions counted in r12 into the frame's counters first.
        asm.alu(.add, .b64, .mem(X86Mem(.r15, JITFrame.instructionsRetired)), .r12)
        asm.alu(.xor, .b32, .r12, .r12)
        asm.mov(.rdi, .r15)
        asm.movImm(.rsi, UInt64(bitPattern: op.imm))
        callHelper(JITHelpers.counter)
        store(op.d, .rax)
    }
}
