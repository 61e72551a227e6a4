/// Collects the IR of one block while a frontend decodes guest instructions.
///
/// Temporaries are slots from `firstTemp` upwards and are recycled at every guest instruction
/// (`beginInstruction`), so no temporary lives across instructions. Writes to slot 0 are sent
/// to `IRSlot.discard`.
public struct IRBuilder {
    /// The ops emitted so far.
    public private(set) var ops: [IROp] = []
    /// For each op, the index of the guest instruction it belongs to.
    public private(set) var opInstruction: [UInt16] = []
    /// The guest address of each instruction in the block.
    public private(set) var instructionPCs: [UInt64] = []
    /// Guest address just after the last translated instruction; the frontend sets it.
    public var endPC: UInt64 = 0
    /// First temporary slot of this guest's layout.
    public let firstTemp: UInt16
    /// One past the last usable temporary slot.
    public let tempLimit: UInt16
    private var nextTemp: UInt16

    public init(firstTemp: UInt16, tempCount: UInt16) {
        self.firstTemp = firstTemp
        self.tempLimit = firstTemp + tempCount
        self.nextTemp = firstTemp
    }

    /// Starts the IR of the guest instruction at `pc`; temporaries of the previous one are free again.
    public mutating func beginInstruction(pc: UInt64) {
        instructionPCs.append(pc)
        nextTemp = firstTemp
    }

    /// Removes the ops of the instruction started last (used when it turns out undecodable).
    public mutating func dropCurrentInstruction() {
        guard let last = instructionPCs.indices.last else { return }
        while let tag = opInstruction.last, Int(tag) == last {
            ops.removeLast()
            opInstruction.removeLast()
        }
        instructionPCs.removeLast()
    }

    /// Removes the ops from index `count` on, keeping every instruction begun (an instruction
    /// left without ops, such as a call's `goto` or a return followed into the caller, still
    /// runs and counts).
    public mutating func removeOps(from count: Int) {
        ops.removeSubrange(count...)
        opInstruction.removeSubrange(count...)
    }

    /// A fresh temporary slot for the current instruction.
    public mutating func temp() -> UInt16 {
        precondition(nextTemp < tempLimit, "IRBuilder: too many temporaries in one instruction")
        defer { nextTemp += 1 }
        return nextTemp
    }

    /// Appends one op. A destination of slot 0 is redirected to the discard slot.
    public mutating func emit(_ op: IROp) {
        var op = op
        if op.d == IRSlot.zero && op.opcode.writesDestination { op.d = IRSlot.discard }
        ops.append(op)
        opInstruction.append(UInt16(truncatingIfNeeded: instructionPCs.count - 1))
    }

    /// `emit(IROp(opcode, d:, a:, b:, imm:))`.
    public mutating func emit(_ opcode: IROpcode, d: UInt16 = 0, a: UInt16 = 0, b: UInt16 = 0, imm: Int64 = 0) {
        emit(IROp(opcode, d: d, a: a, b: b, imm: imm))
    }

    /// A slot holding the constant `value` (slot 0 for zero, else a temporary set by `movi`).
    public mutating func constant(_ value: Int64) -> UInt16 {
        if value == 0 { return IRSlot.zero }
        let t = temp()
        emit(.movi, d: t, imm: value)
        return t
    }

    /// True once the last op ends the block.
    public var isTerminated: Bool {
        guard let last = ops.last else { return false }
        return last.opcode.flags.contains(.endsBlock)
    }
}
