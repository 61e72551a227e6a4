/// One guest thread's direct-mapped cache from guest pc to translated block and host code:
/// entry `(pc >> 1) & mask`. Each thread has its own (its `ExecutionEngine` owns it), so the
/// owner reads it without locks and the JIT's `jmpr` probes it inline through the frame header
/// (`JITFrame.jumpCachePCs`, `JITFrame.jumpCacheCodes`); only the owner fills it, and a flush
/// clears every thread's (under the translation cache's lock; a thread that still reads an old
/// entry reaches code that stays valid until the next exclusive reclaim).
public final class JumpCache {
    /// log2 of the number of entries.
    public static let bits = 12
    /// The slot mask.
    public static var mask: UInt64 { (1 << UInt64(bits)) - 1 }

    /// Guest pc of each entry (`UInt64.max`: empty).
    public let pcs: UnsafeMutablePointer<UInt64>
    /// Block of each entry.
    let blocks: UnsafeMutablePointer<UnsafeMutablePointer<TranslatedBlock>?>
    /// Host code of each entry's block (JIT only; nil until compiled).
    public let codes: UnsafeMutablePointer<UnsafeRawPointer?>

    /// A cache that stays empty: frames point at it until an engine gives them their own, so a
    /// probe from translated code run without an engine (tests) always misses.
    nonisolated(unsafe) public static let empty = JumpCache()

    /// An empty cache.
    public init() {
        let n = 1 << Self.bits
        pcs = .allocate(capacity: n)
        pcs.initialize(repeating: UInt64.max, count: n)
        blocks = .allocate(capacity: n)
        blocks.initialize(repeating: nil, count: n)
        codes = .allocate(capacity: n)
        codes.initialize(repeating: nil, count: n)
    }

    deinit {
        pcs.deallocate()
        blocks.deallocate()
        codes.deallocate()
    }

    /// The entry index of `pc`.
    @inline(__always) static func slot(_ pc: UInt64) -> Int { Int(truncatingIfNeeded: (pc >> 1) & mask) }

    /// Empties every entry.
    func clear() {
        let n = 1 << Self.bits
        pcs.update(repeating: UInt64.max, count: n)
        blocks.update(repeating: nil, count: n)
        codes.update(repeating: nil, count: n)
    }
}
