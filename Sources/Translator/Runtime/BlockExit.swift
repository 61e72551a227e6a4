/// Why a block (or a chain of blocks) stopped running.
public enum ExitKind: UInt8, Sendable {
    /// `goto` left the block; the pc slot holds the target (chain slot 0).
    case direct0
    /// A taken conditional branch left the block (chain slot 1).
    case direct1
    /// `jmpr` left the block.
    case indirect
    /// The guest asked for a syscall; the pc slot is the address after the instruction.
    case syscall
    /// A `trap` op; `detail` is its `IRTrapKind`, the pc slot the trapping instruction.
    case trap
    /// A load touched an address without read permission; `address` is the faulting address.
    case loadFault
    /// A store touched an address without write permission.
    case storeFault
    /// An atomic access was not naturally aligned.
    case misalignedAtomic
    /// A store hit a watched page (`PagePermission.watched`: translated code, or a write-tracked
    /// page); it completed, the next op is `opIndex + 1`. `address` is the store's address.
    case codeWritten
    /// An FP op asked for the dynamic rounding mode while it held an invalid value.
    case invalidRoundingMode
    /// A host signal was queued (the frame's interrupt word was set) before the next block ran;
    /// the pc slot is that block's first instruction, nothing of it has run.
    case interrupted
    /// Translated code declined to run the block (the dynamic rounding mode is not the one it
    /// was compiled for: docs/jit.md, "Floating point"); nothing of it has run and the pc slot
    /// is its first instruction. The engine runs it in the interpreter. Never leaves the engine.
    case interpretBlock
    /// A return inline cache ran for the first time (`jmpr` of the link register); the pc slot
    /// holds the target. The engine fills the cache (when the target is compiled) and goes on
    /// there. Never leaves the engine.
    case returnCacheMiss
}

/// The result of running translated code: the kind, the op that caused it and an address.
@frozen
public struct BlockExit: Sendable {
    public var kind: ExitKind
    /// Index of the op that left the block, within `block`.
    public var opIndex: UInt32
    /// Faulting or written guest address, or the trap kind for `.trap`.
    public var address: UInt64

    @inlinable
    public init(_ kind: ExitKind, opIndex: UInt32, address: UInt64 = 0) {
        self.kind = kind
        self.opIndex = opIndex
        self.address = address
    }
}
