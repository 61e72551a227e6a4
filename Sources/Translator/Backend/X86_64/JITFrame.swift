/// Layout of the CPU frame as translated code sees it: r15 points at slot 0 and a small header
/// sits just below it, at fixed negative offsets (disp8 encodings):
///
/// | offset from r15 | what |
/// |---|---|
/// | -8  | exit address (faulting address, trap kind, written store address) |
/// | -16 | exit kind written by a helper that left the block (record kind `dynamic`) |
/// | -64 | `RuntimeCounters` (translated code adds each block's instruction count to it) |
/// | -72, -80, -88, -96 | access masks for 1-, 2-, 4-, 8-byte accesses: `-size \| (length - 1)`
/// (size is a power of two), so `test addr, mask` is zero exactly when the access is naturally
/// aligned and inside the address space (the JIT's fast memory check; set by `X86JITBackend.enter`) |
/// | -104 | interrupt word: nonzero when a host signal was queued for this thread; translated code
/// tests it where it may close a loop (backward exits, `jmpr`, one-block loop tops), the engine before entering it, the interpreter loop before every block (docs/signals.md) |
/// | -112 | the thread's `JumpCache` entries (pc, host code pairs: `jmpr`'s inline probe) |
/// | -120 | pinned slots: the slot indices kept in rbx, rbp, r13, r11, r10, r9, r8, one byte each from the lowest (0 ends the list); the entry trampoline loads them before the code runs and stores them back when it returns |
/// | -128 | the page-flag table (`GuestMemory.pageFlags`; the memory slow paths read it; set by `X86JITBackend.enter`) |
public enum JITFrame {
    /// Bytes of header in front of slot 0.
    public static let headerBytes = 128
    /// Offset of the access mask for `length` (1, 2, 4 or 8) bytes.
    public static func accessMask(length: Int32) -> Int32 {
        -72 - 8 * Int32(length.trailingZeroBitCount)
    }

    /// Writes the access masks for a guest address space of `size` bytes (a power of two).
    @inline(__always)
    public static func setAccessMasks(_ regs: UnsafeMutablePointer<UInt64>, size: UInt64) {
        let high = 0 &- size
        regs[-9] = high
        regs[-10] = high | 1
        regs[-11] = high | 3
        regs[-12] = high | 7
    }
    /// Offset of the exit-address word.
    public static let exitAddress: Int32 = -8
    /// Offset of the dynamic exit-kind word.
    public static let exitKind: Int32 = -16
    /// Offset of the interrupt word.
    public static let interrupt: Int32 = -104
    /// Offset of the address of the thread's jump-cache entries.
    public static let jumpCache: Int32 = -112
    /// Offset of the pinned-slot word.
    public static let pinnedSlots: Int32 = -120

    /// Most slots the pinned-slot word names (the trampoline's registers).
    public static let maxPinnedSlots = 7

    /// The pinned-slot word for `slots` (at most `maxPinnedSlots`, each below 256; the unused
    /// bytes are 0, which ends the list: slot 0 is never pinned).
    public static func pinnedHeader(_ slots: [UInt16]) -> UInt64 {
        precondition(slots.count <= maxPinnedSlots && !slots.contains(IRSlot.zero) && slots.allSatisfy { $0 < 256 })
        var word: UInt64 = 0
        for (k, s) in slots.enumerated() { word |= UInt64(s) << (8 * UInt64(k)) }
        return word
    }

    /// Offset of the address of the page-flag table.
    public static let pageFlags: Int32 = -128

    /// Points the frame's header at the page-flag table `flags`.
    @inline(__always)
    public static func setPageFlags(_ regs: UnsafeMutablePointer<UInt64>, _ flags: UnsafeMutablePointer<UInt8>) {
        regs[-16] = UInt64(UInt(bitPattern: flags))
    }

    /// Points the frame's header at `jumpCache` for `jmpr`'s inline probe.
    public static func setJumpCache(_ regs: UnsafeMutablePointer<UInt64>, _ jumpCache: JumpCache) {
        regs[-14] = UInt64(UInt(bitPattern: jumpCache.entries))
    }

    /// Offset of the `RuntimeCounters` struct.
    public static let counters: Int32 = -64
    /// Offset of `RuntimeCounters.instructionsRetired`.
    public static var instructionsRetired: Int32 {
        counters + Int32(MemoryLayout<RuntimeCounters>.offset(of: \RuntimeCounters.instructionsRetired)!)
    }

    /// Allocates a zeroed frame of `slots` slots with its header; the reservation slot is cleared
    /// (all ones) and the counters start now. Free with `deallocate`.
    public static func allocate(slots: Int) -> UnsafeMutablePointer<UInt64> {
        precondition(MemoryLayout<RuntimeCounters>.size <= 48)
        let raw = UnsafeMutableRawPointer.allocate(byteCount: headerBytes + slots * 8, alignment: 64)
        raw.initializeMemory(as: UInt8.self, repeating: 0, count: headerBytes + slots * 8)
        (raw + headerBytes + Int(counters)).bindMemory(to: RuntimeCounters.self, capacity: 1).initialize(to: RuntimeCounters())
        let regs = (raw + headerBytes).bindMemory(to: UInt64.self, capacity: slots)
        regs[Int(IRSlot.reservationAddress)] = UInt64.max
        regs[Int(pinnedSlots) / 8] = pinnedHeader([])
        setJumpCache(regs, JumpCache.empty)
        return regs
    }

    /// The counters of a frame made by `allocate`.
    public static func counters(of regs: UnsafeMutablePointer<UInt64>) -> UnsafeMutablePointer<RuntimeCounters> {
        (UnsafeMutableRawPointer(regs) + Int(counters)).assumingMemoryBound(to: RuntimeCounters.self)
    }

    /// The interrupt word of a frame made by `allocate`.
    public static func interruptWord(of regs: UnsafeMutablePointer<UInt64>) -> UnsafeMutablePointer<UInt64> {
        (UnsafeMutableRawPointer(regs) + Int(interrupt)).assumingMemoryBound(to: UInt64.self)
    }

    /// Frees a frame made by `allocate`.
    public static func deallocate(_ regs: UnsafeMutablePointer<UInt64>) {
        (UnsafeMutableRawPointer(regs) - headerBytes).deallocate()
    }
}
