/// Floating-point ops of the interpreter (placeholder until the FP backend lands).
enum FloatOps {
    /// Runs one F op; returns false when the dynamic rounding mode is invalid.
    @inline(never)
    static func execute(_ op: IROp, regs r: UnsafeMutablePointer<UInt64>) -> Bool {
        fatalError("FP op \(op.opcode) not implemented yet")
    }
}
