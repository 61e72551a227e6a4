/// Lowering of `amo`, `ldres` and `stcond` (v1: one helper call running the interpreter's
/// `AtomicOps`, so alignment, permission and translated-page rules are shared exactly; inline
/// `lock xadd` / `cmpxchg` sequences come with host-fault memory access).
extension X86BlockCompiler {
    mutating func lowerAtomic(_ op: IROp, pointer: UnsafeRawPointer) {
        let exit = plainStub(raw: JITExitRecord.dynamicKind)
        asm.movImm(.rdi, UInt64(UInt(bitPattern: pointer)))
        asm.mov(.rsi, .r15)
        asm.movImm(.rdx, UInt64(UInt(bitPattern: memoryDescriptor)))
        callHelper(JITHelpers.atomic)
        asm.test(.b32, .reg(.rax), .rax)
        asm.jcc(.ne, exit)
    }
}
