/// Lowering of F ops (v1: a helper call running the interpreter's `FloatOps`, which keeps the
/// RISC-V semantics — NaN-boxing, canonical NaNs, fflags, static and dynamic rounding — in one
/// place; inline SSE2 for the common cases is the next step).
extension X86BlockCompiler {
    mutating func lowerFloat(_ op: IROp, pointer: UnsafeRawPointer) {
        let invalid = plainStub(raw: UInt32(ExitKind.invalidRoundingMode.rawValue))
        asm.movImm(.rdi, UInt64(UInt(bitPattern: pointer)))
        asm.mov(.rsi, .r15)
        callHelper(JITHelpers.float)
        asm.test(.b32, .reg(.rax), .rax)
        asm.jcc(.e, invalid)
    }
}
