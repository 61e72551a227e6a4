import CSwiftQemu

/// One guest thread's direct-mapped cache from guest pc to translated block and host code:
/// entry `(pc >> 1) & mask`. Each thread has its own (its `ExecutionEngine` owns it), so the
/// owner reads it without locks and the JIT's `jmpr` probes it inline through the frame header
/// (`JITFrame.jumpCache`); only the owner fills it, and a flush clears every thread's (under the
/// translation cache's lock; a thread that still reads an old entry reaches code that stays
/// valid until the next exclusive reclaim).
///
/// The pc and host code of an entry are adjacent words (`entries[2 * slot]`, `[2 * slot + 1]`),
/// so the inline probe needs one base address and the index `pc & (mask << 1)` scaled by 8.
public final class JumpCache {
    /// log2 of the number of entries.
    public static let bits = 12
    /// The slot mask.
    public static var mask: UInt64 { (1 << UInt64(bits)) - 1 }

    /// Per entry: the guest pc (`UInt64.max`: empty), then the address of its block's host code
    /// (JIT only; `uncompiled` until compiled and in empty entries, so the inline probe can jump
    /// through any entry whose pc matches, even a `jmpr` to `UInt64.max`).
    public let entries: UnsafeMutablePointer<UInt64>
    /// Block of each entry.
    let blocks: UnsafeMutablePointer<UnsafeMutablePointer<TranslatedBlock>?>

    /// A cache that stays empty: frames point at it until an engine gives them their own, so a
    /// probe from translated code run without an engine (tests) always misses.
    nonisolated(unsafe) public static let empty = JumpCache()

    /// An empty cache.
    public init() {
        let n = 1 << Self.bits
        entries = .allocate(capacity: 2 * n)
        blocks = .allocate(capacity: n)
        blocks.initialize(repeating: nil, count: n)
        entries.initialize(repeating: Self.uncompiled, count: 2 * n)
        for i in 0..<n { entries[2 * i] = UInt64.max }
    }

    deinit {
        entries.deallocate()
        blocks.deallocate()
    }

    /// The entry index of `pc`.
    @inline(__always) static func slot(_ pc: UInt64) -> Int { Int(truncatingIfNeeded: (pc >> 1) & mask) }

    /// The guest pc of entry `slot`.
    @inline(__always) func pc(_ slot: Int) -> UInt64 { entries[2 * slot] }

    /// The code pointer of an entry whose block is not compiled: `sq_jit_indirect_miss`, which
    /// leaves translated code with an `indirect` exit (so the engine interprets the block).
    public static let uncompiled = UInt64(UInt(bitPattern: unsafeBitCast(sq_jit_indirect_miss as @convention(c) () -> Void, to: UnsafeRawPointer.self)))

    /// The host code of entry `slot`, if compiled.
    @inline(__always) func code(_ slot: Int) -> UnsafeRawPointer? {
        let code = entries[2 * slot + 1]
        return code == Self.uncompiled ? nil : UnsafeRawPointer(bitPattern: UInt(truncatingIfNeeded: code))
    }

    /// Fills entry `slot`.
    @inline(__always) func set(_ slot: Int, pc: UInt64, block: UnsafeMutablePointer<TranslatedBlock>, code: UnsafeRawPointer?) {
        entries[2 * slot] = pc
        blocks[slot] = block
        entries[2 * slot + 1] = code.map { UInt64(UInt(bitPattern: $0)) } ?? Self.uncompiled
    }

    /// Empties every entry.
    func clear() {
        let n = 1 << Self.bits
        for i in 0..<n {
            entries[2 * i] = UInt64.max
            entries[2 * i + 1] = Self.uncompiled
        }
        blocks.update(repeating: nil, count: n)
    }
}
