/// A translated block in unmanaged memory: header, ops and the op → guest-pc side table in one
/// allocation, so running it touches no reference counts.
public struct TranslatedBlock {
    /// Guest address of the first instruction.
    public var guestPC: UInt64
    /// Guest address just after the last instruction.
    public var guestEnd: UInt64
    public var opCount: UInt32
    public var instructionCount: UInt32
    /// The IR ops, `opCount` of them.
    public var ops: UnsafeMutablePointer<IROp>
    /// For each op, the index of its guest instruction (for precise faults).
    public var opInstruction: UnsafeMutablePointer<UInt16>
    /// Guest address of each instruction, `instructionCount` of them.
    public var instructionPCs: UnsafeMutablePointer<UInt64>
    /// Chained successors for direct exit 0 (`goto`) and exit 1 (a taken branch).
    public var successor0: UnsafeMutablePointer<TranslatedBlock>?
    public var successor1: UnsafeMutablePointer<TranslatedBlock>?
    /// Times the interpreter ran the block while it was not compiled (tiered JIT: compiled once
    /// this reaches `TranslationCache.compileThreshold`). Updated without a lock: a count.
    public var executions: UInt32

    /// Copies a finished builder into one malloc'ed block.
    static func make(from builder: IRBuilder, guestPC: UInt64, guestEnd: UInt64) -> UnsafeMutablePointer<TranslatedBlock> {
        let opCount = builder.ops.count
        let insnCount = builder.instructionPCs.count
        let header = MemoryLayout<TranslatedBlock>.stride
        let opsBytes = opCount * MemoryLayout<IROp>.stride
        let pcsBytes = insnCount * 8
        let tagsBytes = opCount * 2
        let raw = UnsafeMutableRawPointer.allocate(byteCount: header + opsBytes + pcsBytes + tagsBytes, alignment: 16)
        let ops = (raw + header).bindMemory(to: IROp.self, capacity: opCount)
        let pcs = (raw + header + opsBytes).bindMemory(to: UInt64.self, capacity: insnCount)
        let tags = (raw + header + opsBytes + pcsBytes).bindMemory(to: UInt16.self, capacity: opCount)
        builder.ops.withUnsafeBufferPointer { ops.initialize(from: $0.baseAddress!, count: opCount) }
        builder.instructionPCs.withUnsafeBufferPointer { pcs.initialize(from: $0.baseAddress!, count: insnCount) }
        builder.opInstruction.withUnsafeBufferPointer { tags.initialize(from: $0.baseAddress!, count: opCount) }
        let block = raw.bindMemory(to: TranslatedBlock.self, capacity: 1)
        block.initialize(to: TranslatedBlock(
            guestPC: guestPC, guestEnd: guestEnd, opCount: UInt32(opCount), instructionCount: UInt32(insnCount),
            ops: ops, opInstruction: tags, instructionPCs: pcs, successor0: nil, successor1: nil, executions: 0))
        return block
    }

    /// Guest address of the instruction that op `index` belongs to.
    public func guestPC(ofOp index: UInt32) -> UInt64 {
        instructionPCs[Int(opInstruction[Int(index)])]
    }
}
