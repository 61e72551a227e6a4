import Glibc

/// Maps guest PCs to translated blocks.
///
/// A direct-mapped jump cache answers most lookups with one load and one compare; a dictionary
/// behind it owns every block. Invalidation drops everything (stale chains cannot survive a
/// flush because chains only point at blocks of the same generation); blocks dropped while one
/// of them may still be running are freed at the next `reclaim()`.
///
/// With a JIT attached, writable pages holding translations are write-protected on the host
/// while they do (a JIT store to them faults into its slow path, which leaves with
/// `codeWritten`); `flush()` gives them their guest protection back (docs/jit.md).
public final class TranslationCache<Frontend: GuestFrontend> {
    /// Guest memory the frontend reads code from; pages holding code get the `translated` bit.
    public let memory: GuestMemory
    /// Longest block, in guest instructions (1 for `-one-insn-per-tb`).
    public var maxBlockInstructions = 128
    /// Called with each new block (for `-d in_asm,op`).
    public var onTranslate: ((UnsafeMutablePointer<TranslatedBlock>) -> Void)?

    private var blocks: [UInt64: UnsafeMutablePointer<TranslatedBlock>] = [:]
    private var codePages: Set<UInt64> = []
    /// Writable code pages write-protected on the host while they hold translations (JIT only).
    private var protectedPages: [UInt64] = []
    private var retired: [UnsafeMutablePointer<TranslatedBlock>] = []
    private static var jumpCacheBits: Int { 12 }
    private let jumpPCs: UnsafeMutablePointer<UInt64>
    private let jumpBlocks: UnsafeMutablePointer<UnsafeMutablePointer<TranslatedBlock>?>
    /// Host code of the block in the same jump-cache entry (JIT only; nil until compiled).
    private let jumpCode: UnsafeMutablePointer<UnsafeRawPointer?>
    /// Host code of every compiled block (JIT only).
    private var codes: [UInt64: UnsafeRawPointer] = [:]
    /// Set by `flush()` while compiled code awaits `reclaim()`.
    private var codeRetired = false

    /// The JIT backend, when blocks are compiled to host code (nil: interpreter only). Its
    /// indirect exits probe this cache's jump-cache arrays inline (`X86JITBackend.JumpCache`).
    public var jit: X86JITBackend? {
        didSet {
            jit?.jumpCache = X86JITBackend.JumpCache(
                pcs: UnsafeRawPointer(jumpPCs), codes: UnsafeRawPointer(jumpCode), mask: UInt32((1 << Self.jumpCacheBits) - 1))
        }
    }
    /// Guest instructions translated so far, and the host time spent translating (and compiling)
    /// them, in nanoseconds (`SWIFT_QEMU_STATS=1`).
    public private(set) var translatedInstructions: UInt64 = 0
    public private(set) var translationNanoseconds: UInt64 = 0

    /// Incremented by every flush; code compiled in an older generation must not be chained.
    public private(set) var generation: UInt64 = 0

    public init(memory: GuestMemory) {
        self.memory = memory
        let n = 1 << Self.jumpCacheBits
        jumpPCs = .allocate(capacity: n)
        jumpPCs.initialize(repeating: UInt64.max, count: n)
        jumpBlocks = .allocate(capacity: n)
        jumpBlocks.initialize(repeating: nil, count: n)
        jumpCode = .allocate(capacity: n)
        jumpCode.initialize(repeating: nil, count: n)
    }

    deinit {
        flush()
        reclaim()
        jumpPCs.deallocate()
        jumpBlocks.deallocate()
        jumpCode.deallocate()
    }

    /// Number of blocks currently translated.
    public var blockCount: Int { blocks.count }

    /// The block for `pc`, translating it when needed.
    @inline(__always)
    public func lookup(_ pc: UInt64) -> UnsafeMutablePointer<TranslatedBlock> {
        let slot = Int(truncatingIfNeeded: (pc >> 1) & UInt64((1 << Self.jumpCacheBits) - 1))
        if jumpPCs[slot] == pc, let block = jumpBlocks[slot] { return block }
        return slowLookup(pc, slot: slot)
    }

    @inline(never)
    private func slowLookup(_ pc: UInt64, slot: Int) -> UnsafeMutablePointer<TranslatedBlock> {
        let block = blocks[pc] ?? translate(pc)
        jumpPCs[slot] = pc
        jumpBlocks[slot] = block
        jumpCode[slot] = codes[pc]
        return block
    }

    /// The host code of the block for `pc`, translating and compiling it when needed (JIT only).
    /// When the code region is full, everything is flushed and reclaimed first, so callers must
    /// not hold exit records or blocks across this call unless `generation` is unchanged.
    @inline(__always)
    public func lookupCode(_ pc: UInt64) -> UnsafeRawPointer {
        let slot = Int(truncatingIfNeeded: (pc >> 1) & UInt64((1 << Self.jumpCacheBits) - 1))
        if jumpPCs[slot] == pc, let code = jumpCode[slot] { return code }
        return slowLookupCode(pc, slot: slot)
    }

    @inline(never)
    private func slowLookupCode(_ pc: UInt64, slot: Int) -> UnsafeRawPointer {
        guard let jit else { fatalError("swift-qemu: internal error: lookupCode without a JIT backend") }
        if let code = codes[pc] {
            jumpPCs[slot] = pc
            jumpBlocks[slot] = blocks[pc]
            jumpCode[slot] = code
            return code
        }
        let block = lookup(pc)
        let start = RuntimeCounters.monotonicNanoseconds()
        defer { translationNanoseconds &+= RuntimeCounters.monotonicNanoseconds() &- start }
        var compiled = jit.compile(block)
        if compiled == nil {
            // The code region is full: drop everything (no translated code runs now) and retry.
            flush()
            reclaim()
            compiled = jit.compile(lookup(pc))
        }
        guard let code = compiled else { fatalError("swift-qemu: a block does not fit in the JIT code region") }
        codes[pc] = code
        jumpCode[slot] = code
        return code
    }

    private func translate(_ pc: UInt64) -> UnsafeMutablePointer<TranslatedBlock> {
        let start = RuntimeCounters.monotonicNanoseconds()
        defer { translationNanoseconds &+= RuntimeCounters.monotonicNanoseconds() &- start }
        var builder = IRBuilder(firstTemp: Frontend.firstTemp, tempCount: Frontend.tempsPerInstruction)
        let fetchPages = readableForFetch(pc)
        Frontend.translateBlock(at: pc, memory: memory, into: &builder, maxInstructions: maxBlockInstructions)
        precondition(builder.isTerminated, "frontend left the block at 0x\(String(pc, radix: 16)) without a terminator")
        let end = max(builder.endPC, pc &+ 1)
        let block = TranslatedBlock.make(from: builder, guestPC: pc, guestEnd: end)
        blocks[pc] = block
        translatedInstructions &+= UInt64(block.pointee.instructionCount)
        markCode(from: pc, to: end)
        onTranslate?(block)
        if let fetchPages { memory.applyHostProtection(fetchPages.lowerBound, fetchPages.upperBound - fetchPages.lowerBound) }
        return block
    }

    /// Execute-only guest pages are PROT_NONE on the host (a JIT load from them must fault), but
    /// the frontend reads instructions through the host mapping: makes the execute-only pages a
    /// block starting at `pc` may span readable for the translation and returns the range to
    /// restore afterwards (nil when there is none, the usual case: no host call).
    private func readableForFetch(_ pc: UInt64) -> Range<UInt64>? {
        let pages = memory.size >> GuestMemory.pageShift
        let first = pc >> GuestMemory.pageShift
        guard first < pages else { return nil }
        // A block spans at most maxBlockInstructions 4-byte instructions.
        let reach = UInt64(4 * maxBlockInstructions + 2)
        let last = min((pc > UInt64.max - reach ? UInt64.max : pc + reach) >> GuestMemory.pageShift, pages - 1)
        var raised: Range<UInt64>?
        for page in first...last {
            let flags = memory.pageFlags[Int(page)]
            let access = PagePermission.read | PagePermission.write | PagePermission.execute
            guard flags & access == PagePermission.execute else { continue }
            let start = page << GuestMemory.pageShift
            _ = mprotect(memory.host(start), Int(GuestMemory.pageSize), PROT_READ)
            raised = (raised?.lowerBound ?? start)..<(start + GuestMemory.pageSize)
        }
        return raised
    }

    private func markCode(from start: UInt64, to end: UInt64) {
        var page = start >> GuestMemory.pageShift
        while page <= (end &- 1) >> GuestMemory.pageShift, UInt64(page) < memory.size >> GuestMemory.pageShift {
            let flags = memory.pageFlags[Int(page)]
            memory.pageFlags[Int(page)] = flags | PagePermission.translated
            codePages.insert(page)
            // The JIT stores without checking the flag: write-protect the page on the host, so
            // a store to it faults into the slow path, which leaves with `codeWritten`.
            if jit != nil, flags & PagePermission.translated == 0, flags & PagePermission.write != 0 {
                memory.applyHostProtection(page << GuestMemory.pageShift, GuestMemory.pageSize)
                protectedPages.append(page)
            }
            page += 1
        }
    }

    /// Gives the write-protected code pages their guest protection back (their `translated`
    /// bit is clear by now). Pages the guest made read-only or unmapped since then already have
    /// the right host protection from the address space.
    private func unprotectCodePages() {
        guard !protectedPages.isEmpty else { return }
        protectedPages.sort()
        var i = 0
        while i < protectedPages.count {
            let start = protectedPages[i]
            var end = start + 1
            i += 1
            while i < protectedPages.count, protectedPages[i] == end { end += 1; i += 1 }
            var page = start
            while page < end {
                guard memory.pageFlags[Int(page)] & PagePermission.write != 0 else { page += 1; continue }
                var runEnd = page + 1
                while runEnd < end, memory.pageFlags[Int(runEnd)] & PagePermission.write != 0 { runEnd += 1 }
                memory.applyHostProtection(page << GuestMemory.pageShift, (runEnd - page) << GuestMemory.pageShift)
                page = runEnd
            }
        }
        protectedPages.removeAll(keepingCapacity: true)
    }

    /// True when any page of `[start, start + length)` holds translated code.
    public func overlapsCode(_ start: UInt64, _ length: UInt64) -> Bool {
        guard length > 0, !codePages.isEmpty else { return false }
        let first = start >> GuestMemory.pageShift, last = (start &+ length &- 1) >> GuestMemory.pageShift
        if last - first < 4096 {
            return (first...last).contains { codePages.contains($0) }
        }
        return codePages.contains { $0 >= first && $0 <= last }
    }

    /// Drops translations of `[start, start + length)` (currently: every translation).
    public func invalidate(_ start: UInt64, _ length: UInt64) {
        if overlapsCode(start, length) { flush() }
    }

    /// Drops every translation. Blocks are freed at the next `reclaim()`.
    public func flush() {
        for page in codePages { memory.pageFlags[Int(page)] &= ~PagePermission.translated }
        codePages.removeAll(keepingCapacity: true)
        unprotectCodePages()
        retired.append(contentsOf: blocks.values)
        blocks.removeAll(keepingCapacity: true)
        if !codes.isEmpty {
            codes.removeAll(keepingCapacity: true)
            codeRetired = true
        }
        generation &+= 1
        let n = 1 << Self.jumpCacheBits
        jumpPCs.update(repeating: UInt64.max, count: n)
        jumpBlocks.update(repeating: nil, count: n)
        jumpCode.update(repeating: nil, count: n)
    }

    /// Frees blocks dropped by earlier flushes; call only when no block is running.
    public func reclaim() {
        for block in retired { UnsafeMutableRawPointer(block).deallocate() }
        retired.removeAll(keepingCapacity: true)
        if codeRetired {
            // Compiled code of flushed blocks dies with them: chained jumps only point at code
            // of the same generation, so nothing can reach the reused region.
            jit?.reset()
            codeRetired = false
        }
    }
}
