/// Maps guest PCs to translated blocks.
///
/// A direct-mapped jump cache answers most lookups with one load and one compare; a dictionary
/// behind it owns every block. Invalidation drops everything (stale chains cannot survive a
/// flush because chains only point at blocks of the same generation); blocks dropped while one
/// of them may still be running are freed at the next `reclaim()`.
public final class TranslationCache<Frontend: GuestFrontend> {
    /// Guest memory the frontend reads code from; pages holding code get the `translated` bit.
    public let memory: GuestMemory
    /// Longest block, in guest instructions (1 for `-one-insn-per-tb`).
    public var maxBlockInstructions = 128
    /// Called with each new block (for `-d in_asm,op`).
    public var onTranslate: ((UnsafeMutablePointer<TranslatedBlock>) -> Void)?

    private var blocks: [UInt64: UnsafeMutablePointer<TranslatedBlock>] = [:]
    private var codePages: Set<UInt64> = []
    private var retired: [UnsafeMutablePointer<TranslatedBlock>] = []
    private static var jumpCacheBits: Int { 12 }
    private let jumpPCs: UnsafeMutablePointer<UInt64>
    private let jumpBlocks: UnsafeMutablePointer<UnsafeMutablePointer<TranslatedBlock>?>

    public init(memory: GuestMemory) {
        self.memory = memory
        let n = 1 << Self.jumpCacheBits
        jumpPCs = .allocate(capacity: n)
        jumpPCs.initialize(repeating: UInt64.max, count: n)
        jumpBlocks = .allocate(capacity: n)
        jumpBlocks.initialize(repeating: nil, count: n)
    }

    deinit {
        flush()
        reclaim()
        jumpPCs.deallocate()
        jumpBlocks.deallocate()
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
        return block
    }

    private func translate(_ pc: UInt64) -> UnsafeMutablePointer<TranslatedBlock> {
        var builder = IRBuilder(firstTemp: Frontend.firstTemp, tempCount: Frontend.tempsPerInstruction)
        Frontend.translateBlock(at: pc, memory: memory, into: &builder, maxInstructions: maxBlockInstructions)
        precondition(builder.isTerminated, "frontend left the block at 0x\(String(pc, radix: 16)) without a terminator")
        let end = max(builder.endPC, pc &+ 1)
        let block = TranslatedBlock.make(from: builder, guestPC: pc, guestEnd: end)
        blocks[pc] = block
        markCode(from: pc, to: end)
        onTranslate?(block)
        return block
    }

    private func markCode(from start: UInt64, to end: UInt64) {
        var page = start >> GuestMemory.pageShift
        while page <= (end &- 1) >> GuestMemory.pageShift, UInt64(page) < memory.size >> GuestMemory.pageShift {
            memory.pageFlags[Int(page)] |= PagePermission.translated
            codePages.insert(page)
            page += 1
        }
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
        retired.append(contentsOf: blocks.values)
        blocks.removeAll(keepingCapacity: true)
        let n = 1 << Self.jumpCacheBits
        jumpPCs.update(repeating: UInt64.max, count: n)
        jumpBlocks.update(repeating: nil, count: n)
    }

    /// Frees blocks dropped by earlier flushes; call only when no block is running.
    public func reclaim() {
        for block in retired { UnsafeMutableRawPointer(block).deallocate() }
        retired.removeAll(keepingCapacity: true)
    }
}
