import Glibc

/// Maps guest PCs to translated blocks, shared by every guest thread of a process.
///
/// Each thread's direct-mapped `JumpCache` answers most lookups with one load and one compare,
/// without locks; a dictionary behind it owns every block. Translation, compilation, chaining
/// and invalidation take the cache's mutex. Invalidation drops everything (stale chains cannot
/// survive a flush because chains only point at blocks of the same generation); blocks and code
/// dropped while a thread may still run them are freed by `reclaimIfNeeded()` in an exclusive
/// section: every other thread has left translated code (`enterExecution`/`leaveExecution`
/// count them; their interrupt words make them leave at the next block entry).
///
/// With a JIT attached, writable pages holding translations are write-protected on the host
/// while they do (a JIT store to them faults into its slow path, which leaves with
/// `codeWritten`); `flush()` gives them their guest protection back (docs/jit.md).
public final class TranslationCache<Frontend: GuestFrontend> {
    /// Guest memory the frontend reads code from; pages holding code get the `translated` bit.
    public let memory: GuestMemory
    /// Longest block, in guest instructions (1 for `-one-insn-per-tb`).
    public var maxBlockInstructions = 128
    /// Tiered JIT: a block runs in the interpreter this many times before it is compiled
    /// (`lookupHotCode`); 0 compiles every block before its first run. Most code of a process
    /// runs a few times only (start-up, dynamic linking), and interpreting it costs less than
    /// compiling it (docs/jit.md, "Tiers").
    public var compileThreshold: UInt32 = 0
    /// Called with each new block (for `-d in_asm,op`).
    public var onTranslate: ((UnsafeMutablePointer<TranslatedBlock>) -> Void)?

    private var blocks: [UInt64: UnsafeMutablePointer<TranslatedBlock>] = [:]
    private var codePages: Set<UInt64> = []
    /// Writable code pages write-protected on the host while they hold translations (JIT only).
    private var protectedPages: [UInt64] = []
    private var retired: [UnsafeMutablePointer<TranslatedBlock>] = []
    /// Host code of every compiled block (JIT only).
    private var codes: [UInt64: UnsafeRawPointer] = [:]
    /// Unrolled copies of one-block loops that compiled code was made from (its exit records
    /// point at them; `TranslatedBlock.unrolledSelfLoop`, not with `-one-insn-per-tb` or when
    /// the JIT does not chain): freed with the blocks.
    private var unrolledBlocks: [UnsafeMutablePointer<TranslatedBlock>] = []
    /// Set by `flush()` while compiled code awaits reclaiming.
    private var codeRetired = false
    /// Set by `flush()` while anything awaits reclaiming (read without the lock as a hint).
    private var reclaimPending = false

    /// Guards everything above and the thread bookkeeping below.
    private let mutex = HostMutex()
    /// The jump caches of the threads using this cache (a flush clears them all).
    private var jumpCaches: [ObjectIdentifier: JumpCache] = [:]
    /// The interrupt words of those threads (an exclusive section sets them).
    private var interruptWords: [ObjectIdentifier: UnsafeMutablePointer<UInt64>] = [:]
    /// Threads between `enterExecution` and `leaveExecution`.
    private var executing = 0
    /// An exclusive section waits for `executing` to reach 0; new executions wait for it.
    private var exclusivePending = false

    /// The JIT backend, when blocks are compiled to host code (nil: interpreter only). Its
    /// indirect exits probe the running thread's jump cache inline.
    public var jit: X86JITBackend? {
        didSet {
            jit?.firstTemporarySlot = Frontend.firstTemp
            jit?.pinnedSlots = Frontend.pinnedSlots
            jit?.returnAddressSlot = Frontend.returnAddressSlot
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
    }

    deinit {
        flush()
        reclaimLocked()
    }

    /// Number of blocks currently translated.
    public var blockCount: Int { mutex.locked { blocks.count } }

    // MARK: threads

    /// Adds a thread: its jump cache (cleared by every flush) and its interrupt word (set to
    /// make it leave translated code for an exclusive section).
    public func register(_ jumpCache: JumpCache, interruptWord: UnsafeMutablePointer<UInt64>) {
        mutex.locked {
            jumpCaches[ObjectIdentifier(jumpCache)] = jumpCache
            interruptWords[ObjectIdentifier(jumpCache)] = interruptWord
        }
    }

    /// Removes a thread added with `register`.
    public func unregister(_ jumpCache: JumpCache) {
        mutex.locked {
            jumpCaches[ObjectIdentifier(jumpCache)] = nil
            interruptWords[ObjectIdentifier(jumpCache)] = nil
        }
    }

    /// The calling thread starts running blocks (waits while an exclusive section is pending).
    public func enterExecution() {
        mutex.locked {
            while exclusivePending { mutex.wait() }
            executing += 1
        }
    }

    /// The calling thread stops running blocks.
    public func leaveExecution() {
        mutex.locked {
            executing -= 1
            if exclusivePending { mutex.broadcast() }
        }
    }

    /// Frees what flushes retired, once no thread runs blocks. Call outside
    /// `enterExecution`/`leaveExecution`; `caller` is the calling thread's jump cache (its own
    /// interrupt word is left alone). Cheap when nothing is pending.
    public func reclaimIfNeeded(caller: JumpCache? = nil) {
        guard reclaimPending else { return }
        exclusive(caller: caller) { reclaimLocked() }
    }

    /// Runs `body` (holding the mutex) when no other thread runs blocks: asks them to leave
    /// through their interrupt words and waits. The caller must not be executing.
    private func exclusive(caller: JumpCache?, _ body: () -> Void) {
        mutex.locked {
            while exclusivePending { mutex.wait() }
            exclusivePending = true
            let own = caller.map(ObjectIdentifier.init)
            for (thread, word) in interruptWords where thread != own { word.pointee = 1 }
            while executing > 0 { mutex.wait() }
            body()
            exclusivePending = false
            mutex.broadcast()
        }
    }

    /// Holds the mutex across a host fork, so the child never inherits it held by a thread
    /// that does not exist there.
    public func lockForFork() { mutex.lock() }

    /// Releases the mutex after a fork. In the child only the forking thread exists and it is
    /// in a syscall: no thread executes and no exclusive section is pending. (The other threads'
    /// registrations stay: their frames and jump caches are still allocated, and clearing or
    /// interrupting them is harmless.)
    public func unlockAfterFork(inChild: Bool) {
        if inChild {
            executing = 0
            exclusivePending = false
        }
        mutex.unlock()
    }

    // MARK: lookup

    /// The block for `pc`, translating it when needed; `jumpCache` is the calling thread's.
    @inline(__always)
    public func lookup(_ pc: UInt64, in jumpCache: JumpCache) -> UnsafeMutablePointer<TranslatedBlock> {
        let slot = JumpCache.slot(pc)
        if jumpCache.pc(slot) == pc, let block = jumpCache.blocks[slot] { return block }
        return slowLookup(pc, slot: slot, jumpCache)
    }

    @inline(never)
    private func slowLookup(_ pc: UInt64, slot: Int, _ jumpCache: JumpCache) -> UnsafeMutablePointer<TranslatedBlock> {
        mutex.locked {
            let block = blocks[pc] ?? translate(pc)
            jumpCache.set(slot, pc: pc, block: block, code: codes[pc])
            return block
        }
    }

    /// The host code of the block for `pc`, translating and compiling it now (JIT only; the
    /// caller is executing, between `enterExecution` and `leaveExecution`). When the code
    /// region is full, everything is flushed and reclaimed first, so callers must not hold exit
    /// records or blocks across this call unless `generation` is unchanged.
    @inline(never)
    private func slowLookupCode(_ pc: UInt64, slot: Int, _ jumpCache: JumpCache) -> UnsafeRawPointer {
        if let code = mutex.locked({ compiledCode(pc, slot: slot, jumpCache) }) { return code }
        // The code region is full: drop everything, free it once no thread runs code, retry.
        mutex.locked { flushLocked() }
        leaveExecution()
        reclaimIfNeeded(caller: jumpCache)
        enterExecution()
        guard let code = mutex.locked({ compiledCode(pc, slot: slot, jumpCache) }) else {
            fatalError("swift-qemu: a block does not fit in the JIT code region")
        }
        return code
    }

    /// The host code of the block for `pc` once it is hot: nil (after counting the run) while
    /// the block has run fewer than `compileThreshold` times uncompiled, so the caller
    /// interprets it (`lookup` then finds it in the jump cache); else its compiled code (`slowLookupCode`).
    @inline(__always)
    public func lookupHotCode(_ pc: UInt64, in jumpCache: JumpCache) -> UnsafeRawPointer? {
        let slot = JumpCache.slot(pc)
        if jumpCache.pc(slot) == pc {
            if let code = jumpCache.code(slot) { return code }
            if let block = jumpCache.blocks[slot], block.pointee.executions < compileThreshold {
                block.pointee.executions &+= 1
                return nil
            }
        }
        return slowLookupHotCode(pc, slot: slot, jumpCache)
    }

    @inline(never)
    private func slowLookupHotCode(_ pc: UInt64, slot: Int, _ jumpCache: JumpCache) -> UnsafeRawPointer? {
        let cold: Bool = mutex.locked {
            if codes[pc] != nil { return false }
            let block = blocks[pc] ?? translate(pc)
            guard block.pointee.executions < compileThreshold else { return false }
            block.pointee.executions &+= 1
            jumpCache.set(slot, pc: pc, block: block, code: nil)
            return true
        }
        return cold ? nil : slowLookupCode(pc, slot: slot, jumpCache)
    }

    /// Under the mutex: the compiled code for `pc` (compiling it now), entered in the jump
    /// cache; nil when the code region is full.
    private func compiledCode(_ pc: UInt64, slot: Int, _ jumpCache: JumpCache) -> UnsafeRawPointer? {
        guard let jit else { fatalError("swift-qemu: internal error: lookupHotCode without a JIT backend") }
        let block = blocks[pc] ?? translate(pc)
        var code = codes[pc]
        if code == nil {
            let start = RuntimeCounters.monotonicNanoseconds()
            var compiled = block
            if maxBlockInstructions > 1 && jit.inlineLookup, let unrolled = TranslatedBlock.unrolledSelfLoop(block) {
                unrolledBlocks.append(unrolled)
                compiled = unrolled
            }
            code = jit.compile(compiled)
            translationNanoseconds &+= RuntimeCounters.monotonicNanoseconds() &- start
            guard let code else { return nil }
            codes[pc] = code
        }
        jumpCache.set(slot, pc: pc, block: block, code: code)
        return code
    }

    /// Patches a direct exit of compiled code to jump to `target` when no flush happened since
    /// `generation` was read (the exit's code and the target are then of the live generation).
    public func chain(_ record: JITExitRecord, to target: UnsafeRawPointer, ifGeneration generation: UInt64) {
        mutex.locked {
            if generation == self.generation { jit?.chain(record, to: target) }
        }
    }

    /// Fills the return inline cache of `record` with `pc` and its code, unless a flush
    /// happened since `generation` (docs/jit.md, "Return inline caches").
    public func fillReturnCache(_ record: JITExitRecord, pc: UInt64, target: UnsafeRawPointer, ifGeneration generation: UInt64) {
        mutex.locked {
            if generation == self.generation { jit?.fillReturnCache(record, pc: pc, target: target) }
        }
    }

    private func translate(_ pc: UInt64) -> UnsafeMutablePointer<TranslatedBlock> {
        let start = RuntimeCounters.monotonicNanoseconds()
        defer { translationNanoseconds &+= RuntimeCounters.monotonicNanoseconds() &- start }
        var builder = IRBuilder(firstTemp: Frontend.firstTemp, tempCount: Frontend.tempsPerInstruction)
        let fetchPages = readableForFetch(pc)
        Frontend.translateBlock(at: pc, memory: memory, into: &builder, maxInstructions: maxBlockInstructions)
        precondition(builder.isTerminated, "frontend left the block at 0x\(String(pc, radix: 16)) without a terminator")
        // The address after the last instruction (which a followed call or return may have put
        // below the start).
        let end = builder.endPC != pc ? builder.endPC : pc &+ 1
        let block = TranslatedBlock.make(from: builder, guestPC: pc, guestEnd: end)
        blocks[pc] = block
        translatedInstructions &+= UInt64(block.pointee.instructionCount)
        let pcs = UnsafeBufferPointer(start: block.pointee.instructionPCs, count: Int(block.pointee.instructionCount))
        if end > pc && pcs.allSatisfy({ $0 >= pc && $0 < end }) {
            markCode(from: pc, to: end)
        } else {
            // Not one run of code (a followed call or return): the pages of each instruction.
            var marked = UInt64.max
            for at in pcs where at >> GuestMemory.pageShift != marked || (at &+ 3) >> GuestMemory.pageShift != marked {
                markCode(from: at, to: at &+ 4)
                marked = (at &+ 3) >> GuestMemory.pageShift
            }
        }
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

    /// True when any page of `[start, start + length)` holds translated code (call with the
    /// mutex held, or from the only thread).
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
        mutex.locked { if overlapsCode(start, length) { flushLocked() } }
    }

    /// Drops every translation. Blocks and code are freed by `reclaimIfNeeded()`.
    public func flush() {
        mutex.locked { flushLocked() }
    }

    private func flushLocked() {
        for page in codePages { memory.pageFlags[Int(page)] &= ~PagePermission.translated }
        codePages.removeAll(keepingCapacity: true)
        unprotectCodePages()
        retired.append(contentsOf: blocks.values)
        blocks.removeAll(keepingCapacity: true)
        retired.append(contentsOf: unrolledBlocks)
        unrolledBlocks.removeAll(keepingCapacity: true)
        if !codes.isEmpty {
            codes.removeAll(keepingCapacity: true)
            codeRetired = true
        }
        reclaimPending = !retired.isEmpty || codeRetired
        generation &+= 1
        for jumpCache in jumpCaches.values { jumpCache.clear() }
    }

    /// Frees blocks dropped by earlier flushes; only when no thread runs blocks.
    private func reclaimLocked() {
        for block in retired { UnsafeMutableRawPointer(block).deallocate() }
        retired.removeAll(keepingCapacity: true)
        if codeRetired {
            // Compiled code of flushed blocks dies with them: chained jumps only point at code
            // of the same generation, so nothing can reach the reused region.
            jit?.reset()
            codeRetired = false
        }
        reclaimPending = false
    }
}
