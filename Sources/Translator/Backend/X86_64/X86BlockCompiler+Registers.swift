/// Guest slots cached in host registers within a block (JIT v2, docs/jit.md).
///
/// Allocation is static per block: a linear scan counts the uses of every slot >= 16 (guest
/// registers and temporaries) in the block's non-opaque ops and finds each slot's live range
/// (first to last access). The most used slots (two uses or more; one in a one-block loop,
/// where every use repeats) get a register for their range, the first register free over it,
/// so slots with disjoint ranges share one; in a one-block loop, slots carried around the back
/// edge (and, when a register is free that long, every guest register the loop writes) keep
/// theirs for the whole block. Within its range an entry never changes register, so an exit
/// stub's write-back list, taken when the stub is created, stays right. Each cached slot is
/// *valid* (the register holds its value) or not, and *dirty* (newer than the frame) or not. A
/// slot read before it is written is loaded when its range begins; the others become valid at
/// their first write. When a range ends its slot is written back if dirty (a temporary is
/// dropped). Every exit writes back exactly the slots dirty at that point, so the frame is exact
/// at every exit.
struct SlotCache {
    /// A cached slot and its register.
    struct Entry {
        var slot: UInt16
        var reg: X86Reg
    }
    /// Cache registers, best first: callee-saved ones survive helper calls.
    static let registers: [X86Reg] = [.rbx, .rbp, .r13, .rsi, .rdi, .r8, .r9, .r10, .r11]
    /// The registers of pinned slots (`X86BlockCompiler.pinnedSlots`), in order: the
    /// callee-saved ones, then caller-saved ones that no helper call takes an argument in (so
    /// setting up a call never clobbers them; they are written back before it and reloaded
    /// after it, `reloadPinnedAfterCall`). The entry trampoline (sq_jit_enter) uses this order.
    /// `JITFrame.maxPinnedSlots` of them.
    static let pinnedRegisters: [X86Reg] = [.rbx, .rbp, .r13, .r11, .r10, .r9, .r8]

    var entries: [Entry] = []
    /// Entries 0..<pinnedCount are the pinned slots.
    var pinnedCount = 0
    /// The entry's live range in the block, as op indices: the register is the slot's from
    /// before op `start` to after op `end` (before it, for an op that transfers control);
    /// several entries may share a register over disjoint ranges.
    var start: [Int] = []
    var end: [Int] = []
    /// The entry holds its slot now (its range has begun and not ended).
    var active: [Bool] = []
    /// The entry's first access in its range reads the slot (loaded when the range begins).
    var readFirst: [Bool] = []
    /// Pinned slots the block never uses whose registers it borrows: spilled to the frame at
    /// block entry, reloaded into their registers on every way out (`emitRestoreBorrowed`).
    var borrowed: [Entry] = []
    /// Loaded at block entry (read before written).
    var preloaded: [Bool] = []
    /// Written by some op of the block.
    var written: [Bool] = []
    var valid: [Bool] = []
    var dirty: [Bool] = []
    /// Valid before the current opaque op released it.
    var released: [Bool] = []
    /// The register holds only the low 32 bits of the slot, whose value is their sign
    /// extension (`X86BlockCompiler+NarrowResults.swift`).
    var narrow: [Bool] = []
    /// How many entries are narrow.
    var narrowCount = 0
    /// slot -> entry index + 1 (0: not cached).
    var index: [UInt8] = []
    /// Inside an opaque op (writes to released or dropped slots go to the frame).
    var opaque = false

    /// Whether entry `i`'s slot is written by some op of the block.
    func writtenInBlock(_ i: Int) -> Bool { written[i] }

    /// Whether `reg` survives helper calls.
    static func isCalleeSaved(_ reg: X86Reg) -> Bool { reg == .rbx || reg == .rbp || reg == .r13 }

    /// Entry index of slot `s`, if cached.
    @inline(__always) func entry(_ s: UInt16) -> Int? {
        let i = Int(s)
        guard i < index.count, index[i] != 0 else { return nil }
        return Int(index[i]) - 1
    }
}

extension X86BlockCompiler {
    /// Source slots and destination slot of `op` as the slot cache sees them (0: none).
    static func slotUse(_ op: IROp) -> (UInt16, UInt16, UInt16, UInt16) {
        switch op.opcode {
        case .movi, .rdcounter: return (0, 0, 0, op.d)
        case .goto, .syscall, .trap, .fence: return (0, 0, 0, 0)
        case .jmpr: return (op.a, 0, 0, 0)
        case .st8, .st16, .st32, .st64, .brEq, .brNe, .brLts, .brGes, .brLtu, .brGeu: return (op.a, op.b, 0, 0)
        case .sel: return (op.a, op.b, op.cSlot, op.d)
        default:
            if op.opcode.flags.contains(.floatingPoint) { return (op.a, op.b, op.cSlot, op.d) }
            return (op.a, op.b, 0, op.d)
        }
    }

    /// Picks the cached slots of the block and loads those read before written. In a block
    /// that loops to its own start (`loopsToItself`), every cached slot is loaded and those the
    /// block writes count as dirty from the start: the back edge then jumps to the loop top with
    /// its registers as they are (`emitSelfLoopTail`), and every exit writes back whatever an
    /// iteration may have left newer than the frame.
    mutating func allocateSlots(loopsToItself: Bool = false) {
        let b = block.pointee
        var n = 0
        var maxSlot = 0
        while n < Int(b.opCount) {
            let op = b.ops[n]
            maxSlot = max(maxSlot, Int(op.a), Int(op.b), Int(op.d))
            if op.opcode == .sel || op.opcode.flags.contains(.floatingPoint) { maxSlot = max(maxSlot, Int(op.cSlot)) }
            n += 1
            if op.opcode.flags.contains(.endsBlock) { break }
        }
        let pinned = pinnedSlots.prefix(SlotCache.pinnedRegisters.count)
        if maxSlot < 16 && pinned.isEmpty { return }
        maxSlot = max(maxSlot, 15)
        var counts = [Int32](repeating: 0, count: maxSlot + 1)
        var readFirst = [Bool](repeating: false, count: maxSlot + 1)
        var seen = [Bool](repeating: false, count: maxSlot + 1)
        var written = [Bool](repeating: false, count: maxSlot + 1)
        var first = [Int](repeating: 0, count: maxSlot + 1)
        var last = [Int](repeating: 0, count: maxSlot + 1)
        for i in 0..<n {
            let op = b.ops[i]
            let (s0, s1, s2, d) = Self.slotUse(op)
            let weight: Int32 = isOpaque(op) ? 0 : 1
            for s in [s0, s1, s2] where s >= 16 {
                if !seen[Int(s)] { seen[Int(s)] = true; readFirst[Int(s)] = true; first[Int(s)] = i }
                counts[Int(s)] += weight
                last[Int(s)] = i
            }
            if d >= 16 {
                if !seen[Int(d)] { seen[Int(d)] = true; first[Int(d)] = i }
                written[Int(d)] = true
                counts[Int(d)] += weight
                last[Int(d)] = i
            }
        }
        var candidates: [(UInt16, Int32)] = []
        // In a one-block loop every use repeats each iteration: one use is worth a register
        // (loaded once at entry instead of a memory operand per iteration).
        let minimumUses: Int32 = loopsToItself ? 1 : 2
        for s in 16..<(maxSlot + 1) where counts[s] >= minimumUses && !pinned.contains(UInt16(s)) && xmmRegister(UInt16(s)) == nil {
            candidates.append((UInt16(s), counts[s]))
        }
        if candidates.isEmpty && pinned.isEmpty { return }
        candidates.sort { $0.1 > $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }
        cache.index = [UInt8](repeating: 0, count: max(maxSlot, Int(pinned.max() ?? 0)) + 1)
        // Pinned slots: their registers hold them on entry and keep them at every exit (the
        // entry trampoline loads and stores them); the frame is stale, so they count as dirty
        // for helpers and opaque ops, but exits leave them alone (`dirtyEntries`).
        // A block with more candidates than registers borrows the registers of the pinned slots
        // it never touches (sha256's round does not use sp).
        // So does a block whose candidates still lack registers with a pinned slot it uses less
        // than the best candidate left without one (sha256's round uses s0 twice): that slot is
        // then an ordinary one in the block, a candidate like the others.
        let pinnedRegisters = SlotCache.pinnedRegisters.prefix(pinned.count)
        var pool = SlotCache.registers.filter { !pinnedRegisters.contains($0) }
        let unused = pinned.filter { Int($0) > maxSlot || !seen[Int($0)] }
        var evicted: [UInt16] = []
        var available = pool.count + unused.count
        for s in pinned.filter({ !unused.contains($0) }).sorted(by: { counts[Int($0)] < counts[Int($1)] }) {
            guard candidates.count > available, counts[Int(s)] < candidates[available].1 else { break }
            evicted.append(s)
            available += 1
            candidates.append((s, counts[Int(s)]))
            candidates.sort { $0.1 > $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }
        }
        // Borrow as many as the candidates need, callee-saved first.
        var borrowing = max(0, candidates.count - pool.count)
        for (k, s) in pinned.enumerated() {
            let entry = SlotCache.Entry(slot: s, reg: SlotCache.pinnedRegisters[k])
            if evicted.contains(s) || (borrowing > 0 && unused.contains(s)) {
                borrowing -= 1
                appendEntry(entry, start: 0, end: n, readFirst: false, written: false, dirty: false)
                asm.mov(.b64, slot(s), entry.reg)
                cache.borrowed.append(entry)
                pool.append(entry.reg)
                continue
            }
            appendEntry(entry, start: 0, end: n, readFirst: false, written: Int(s) <= maxSlot && written[Int(s)], dirty: true)
            cache.index[Int(s)] = UInt8(k + 1)
            cache.valid[k] = true
            cache.active[k] = true
        }
        cache.pinnedCount = pinned.count
        // Live ranges: a slot lives from its first access to its last, after which it is
        // written back (instruction temporaries: dropped) and its register is free for a later
        // range. In a one-block loop a slot read before written is carried around the back
        // edge, so it lives in its register for the whole block; so does, when a register is
        // free for that long, any other guest register the loop writes (a shorter range would
        // store it on every iteration instead of once at the loop's exit). Most used slots
        // first, each in the first register free over its whole range.
        var busy = [[(Int, Int)]](repeating: [], count: pool.count)
        func freeRegister(_ range: (Int, Int)) -> Int? {
            busy.indices.first { k in busy[k].allSatisfy { $0.1 < range.0 || range.1 < $0.0 } }
        }
        for (s, _) in candidates {
            var whole = loopsToItself && (readFirst[Int(s)] || !isTemporary(s))
            var range = whole ? (0, n) : (first[Int(s)], last[Int(s)])
            var register = freeRegister(range)
            if register == nil && whole && !readFirst[Int(s)] {
                whole = false
                range = (first[Int(s)], last[Int(s)])
                register = freeRegister(range)
            }
            guard let r = register else { continue }
            busy[r].append(range)
            let e = cache.entries.count
            appendEntry(SlotCache.Entry(slot: s, reg: pool[r]), start: range.0, end: range.1, readFirst: readFirst[Int(s)],
                        written: written[Int(s)], dirty: whole && written[Int(s)])
            cache.preloaded[e] = whole
        }
        beginRanges(at: 0)
    }

    /// Adds an inactive entry.
    private mutating func appendEntry(_ entry: SlotCache.Entry, start: Int, end: Int, readFirst: Bool, written: Bool, dirty: Bool) {
        cache.entries.append(entry)
        cache.start.append(start)
        cache.end.append(end)
        cache.active.append(false)
        cache.readFirst.append(readFirst)
        cache.valid.append(false)
        cache.preloaded.append(false)
        cache.written.append(written)
        cache.dirty.append(dirty)
        cache.released.append(false)
        cache.narrow.append(false)
    }

    /// Before op `i`: the ranges that begin there take their registers (loading the slots they
    /// read first).
    mutating func beginRanges(at i: Int) {
        for e in cache.entries.indices where e >= cache.pinnedCount && cache.start[e] == i && !cache.active[e] {
            let entry = cache.entries[e]
            cache.active[e] = true
            cache.index[Int(entry.slot)] = UInt8(e + 1)
            if cache.readFirst[e] || cache.preloaded[e] {
                asm.mov(.b64, entry.reg, slot(entry.slot))
                cache.valid[e] = true
            }
        }
    }

    /// The ranges that end at op `i` write their slots back when dirty (instruction
    /// temporaries are dead: dropped) — after the op, or before an op that transfers control
    /// (which only reads them) — and, after the op (`release`), give up their registers.
    /// Ranges that run to the block's end (`n`) never end here.
    mutating func endRanges(at i: Int, release: Bool) {
        for e in cache.entries.indices where e >= cache.pinnedCount && cache.end[e] == i && cache.active[e] {
            let entry = cache.entries[e]
            if cache.dirty[e] && cache.valid[e] && !isTemporary(entry.slot) {
                if cache.narrow[e] { widenEntry(e) }
                asm.mov(.b64, slot(entry.slot), entry.reg)
            }
            if cache.narrow[e] && release { setNarrow(e, false) }
            cache.dirty[e] = false
            guard release else { continue }
            cache.valid[e] = false
            cache.active[e] = false
            cache.index[Int(entry.slot)] = 0
        }
    }

    /// Whether some range begins before op `i` or ends after op `i - 1` (a fused pair of ops
    /// must not straddle one).
    func rangeBoundary(before i: Int) -> Bool {
        cache.entries.indices.contains { $0 >= cache.pinnedCount && (cache.start[$0] == i || cache.end[$0] == i - 1) }
    }

    // MARK: slot access (the contract at the top of X86BlockCompiler.swift)

    /// The register holding slot `s`'s current value, if any.
    @inline(__always) func cachedRegister(_ s: UInt16) -> X86Reg? {
        guard let e = cache.entry(s), cache.valid[e] else { return nil }
        return cache.entries[e].reg
    }

    /// The register a write of slot `s` should go to (then call `markWritten`), if any.
    func cachedRegisterForWrite(_ s: UInt16) -> X86Reg? {
        guard let e = cache.entry(s) else { return nil }
        if cache.opaque && !cache.valid[e] { return nil }
        return cache.entries[e].reg
    }

    /// Slot `s`'s cache register now holds its newest value.
    mutating func markWritten(_ s: UInt16) {
        guard let e = cache.entry(s) else { return }
        cache.valid[e] = true
        cache.dirty[e] = true
        if cache.narrow[e] { setNarrow(e, false) }
    }

    /// Slot `s` as an operand: its cache register, or its frame cell. Never for an xmm slot
    /// (only ops that reach it through `load`/`store` may touch one: `allocateXMMSlots`).
    func operand(_ s: UInt16) -> X86Operand {
        assert(xmmRegister(s) == nil, "operand() of an xmm slot")
        if let r = cachedRegister(s) { return .reg(r) }
        return slot(s)
    }

    /// `reg = slot s` (slot 0 reads as zero), from the cache register when there is one.
    mutating func load(_ reg: X86Reg, _ s: UInt16) {
        if s == IRSlot.zero { asm.alu(.xor, .b32, reg, reg); return }
        if let x = xmmRegister(s) { asm.movq(reg, x); return }
        if let r = cachedRegister(s) {
            if r != reg { asm.mov(reg, r) }
        } else {
            asm.mov(.b64, reg, slot(s))
        }
    }

    /// `slot s = reg` (into its cache register when it has one).
    mutating func store(_ s: UInt16, _ reg: X86Reg) {
        if let x = xmmRegister(s) {
            asm.movq(x, reg)
        } else if let r = cachedRegisterForWrite(s) {
            if r != reg { asm.mov(r, reg) }
            markWritten(s)
        } else {
            asm.mov(.b64, slot(s), reg)
        }
    }

    /// The register holding slot `s`: its cache register, or `scratch` loaded with it.
    mutating func sourceRegister(_ s: UInt16, _ scratch: X86Reg) -> X86Reg {
        if s != IRSlot.zero, let r = cachedRegister(s) { return r }
        load(scratch, s)
        return scratch
    }

    /// The register to compute slot `d` in: its cache register, or `scratch`. Finish with
    /// `commit(d, reg)`.
    func destinationRegister(_ d: UInt16, _ scratch: X86Reg) -> X86Reg {
        cachedRegisterForWrite(d) ?? scratch
    }

    /// Ends a computation into `destinationRegister(d, _)`.
    mutating func commit(_ d: UInt16, _ reg: X86Reg) { store(d, reg) }

    /// Dirty cached slots now that outlive the instruction (what an exit here must write back:
    /// temporaries are dead at every exit, since none lives across guest instructions and no
    /// block starts or resumes inside one).
    func dirtyEntries() -> [SlotCache.Entry] {
        var out: [SlotCache.Entry] = []
        for (i, e) in cache.entries.enumerated() where cache.dirty[i] && cache.active[i] && writtenBackAtExits(i) { out.append(e) }
        return out
    }

    /// Whether an exit writes entry `i` back when it is dirty: not a temporary (dead at every
    /// exit), not a pinned slot (it stays in its register).
    func writtenBackAtExits(_ i: Int) -> Bool {
        !isTemporary(cache.entries[i].slot) && i >= cache.pinnedCount
    }

    /// Whether `s` is an instruction temporary (`X86BlockCompiler.firstTemporarySlot`).
    @inline(__always) func isTemporary(_ s: UInt16) -> Bool { s >= firstTemporarySlot }

    /// `flushCachedSlots` for a final exit of the code path: temporaries are dropped, not
    /// written back, and pinned slots stay in their registers (borrowed ones go back to them).
    mutating func flushForExit() {
        for i in cache.entries.indices where cache.dirty[i] {
            if writtenBackAtExits(i) {
                asm.mov(.b64, slot(cache.entries[i].slot), cache.entries[i].reg)
            }
            cache.dirty[i] = false
        }
        emitRestoreBorrowed(pendingNaN: xmmSlots.pending)
    }

    /// What an out-of-line exit writes back, taken where the exit is created: the dirty cached
    /// slots (`dirtyEntries`) and the xmm slots whose NaN check is pending there.
    struct ExitWriteBack {
        var entries: [SlotCache.Entry]
        var pendingNaN: UInt16
    }

    /// The write-back an exit created now needs.
    func exitWriteBack() -> ExitWriteBack { ExitWriteBack(entries: dirtyEntries(), pendingNaN: xmmSlots.pending) }

    /// An out-of-line exit's write-back, then `emitRestoreBorrowed`.
    mutating func emitExitWriteBack(_ writeBack: ExitWriteBack) {
        for e in writeBack.entries { asm.mov(.b64, slot(e.slot), e.reg) }
        emitRestoreBorrowed(pendingNaN: writeBack.pendingNaN)
    }

    /// On a way out of the block, after the write-back: the pinned slots whose registers the
    /// block borrowed go back into them (the next block and the entry trampoline expect them),
    /// and the xmm slots the block writes go to the frame, those in `pendingNaN` checked first.
    mutating func emitRestoreBorrowed(pendingNaN: UInt16) {
        for e in cache.borrowed { asm.mov(.b64, e.reg, slot(e.slot)) }
        writeBackXMMSlots(pendingNaN: pendingNaN)
    }

    /// Entry-loaded slots whose register does not hold their value now (a self-loop reloads
    /// them before it jumps back past the entry loads).
    func invalidPreloads() -> [SlotCache.Entry] {
        var out: [SlotCache.Entry] = []
        for (i, e) in cache.entries.enumerated() where cache.preloaded[i] && cache.active[i] && !cache.valid[i] { out.append(e) }
        return out
    }

    /// Writes every dirty cached slot back to the frame (they stay cached, now clean).
    mutating func flushCachedSlots() {
        for i in cache.entries.indices where cache.dirty[i] {
            asm.mov(.b64, slot(cache.entries[i].slot), cache.entries[i].reg)
            cache.dirty[i] = false
        }
    }

    private mutating func writeBack(_ i: Int) {
        if cache.dirty[i] {
            asm.mov(.b64, slot(cache.entries[i].slot), cache.entries[i].reg)
            cache.dirty[i] = false
        }
    }

    /// Before an opaque op: its slots written back, d dropped; caller-saved registers written
    /// back and released.
    mutating func beginOpaque(_ op: IROp) {
        if cache.entries.isEmpty { return }
        let (s0, s1, s2, d) = Self.slotUse(op)
        for s in [s0, s1, s2, d] { if let e = cache.entry(s) { writeBack(e) } }
        if let e = cache.entry(d) { cache.valid[e] = false }
        for i in cache.entries.indices where cache.active[i] && !SlotCache.isCalleeSaved(cache.entries[i].reg) {
            writeBack(i)
            // A pinned slot stays valid: its register is reloaded right after each call.
            if i < cache.pinnedCount { continue }
            cache.released[i] = cache.valid[i]
            cache.valid[i] = false
        }
        cache.opaque = true
    }

    /// Right after a helper call of an opaque op: the pinned slots in caller-saved registers
    /// reloaded from the frame (written back before the call, `beginOpaque`; a helper that
    /// writes the op's destination writes the frame), so they are right again at any exit that
    /// follows.
    mutating func reloadPinnedAfterCall() {
        for i in 0..<cache.pinnedCount where cache.active[i] && !SlotCache.isCalleeSaved(cache.entries[i].reg) {
            asm.mov(.b64, cache.entries[i].reg, slot(cache.entries[i].slot))
            cache.valid[i] = true
            cache.dirty[i] = false
        }
    }

    /// After an opaque op: released registers and d reloaded from the frame.
    mutating func endOpaque(_ op: IROp) {
        if cache.entries.isEmpty { return }
        cache.opaque = false
        let d = Self.slotUse(op).3
        for i in cache.entries.indices where cache.active[i] {
            let reload = (!SlotCache.isCalleeSaved(cache.entries[i].reg) && cache.released[i]) || (cache.entries[i].slot == d && d >= 16)
            if reload && !cache.valid[i] {
                asm.mov(.b64, cache.entries[i].reg, slot(cache.entries[i].slot))
                cache.valid[i] = true
            }
            cache.released[i] = false
        }
    }
}
