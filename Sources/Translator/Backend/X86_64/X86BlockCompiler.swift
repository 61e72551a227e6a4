/// Compiles one IR block to x86-64 code.
///
/// Pinned registers: r15 = CPU frame (`JITFrame`), r14 = guest memory base, r12 = guest
/// instructions retired since `sq_jit_enter` (added to the frame's `RuntimeCounters` when the
/// code returns; `rdcounter` folds it in first). Scratch: rax, rcx, rdx. Guest-slot cache:
/// rbx, rbp, r13 (callee-saved) and rsi, rdi, r8–r11 (caller-saved) hold the pinned slots and
/// the block's most used ones (`X86BlockCompiler+Registers.swift`). The memory slow paths find
/// the page-flag table in the frame header (`JITFrame.pageFlags`).
///
/// **Slot access contract** (for every lowering file, including `+Float`):
/// - `load(reg, s)` puts the current guest value of slot `s` in `reg`, cached or not;
///   `store(s, reg)` updates slot `s` (in its cache register when it has one);
///   `slot(s)` is always the *frame* cell `[r15 + 8*s]`, which may be stale for a cached slot.
/// - Ops that the compiler treats as *opaque* (F ops without an inline fast path, `amo`,
///   `ldres`, `stcond`, `rdcounter`, `orcb` and helper fallbacks: see `isOpaque`) are bracketed by
///   `beginOpaque`/`endOpaque`: before the op, the op's own slots (a, b, c, d) are written back
///   and d is dropped from its register, and every caller-saved cache register is written back
///   and released (pinned ones in caller-saved registers are written back but stay: see
///   `reloadPinnedAfterCall`). So inside an opaque op's lowering the frame is exact for the op's
///   slots, `slot(s)` may be read *and* written directly, the scratch registers (rax, rcx, rdx,
///   rsi, rdi, xmm*, and r8–r11 where no pinned slot lives) may be clobbered, and helpers may be
///   called, each call followed by `reloadPinnedAfterCall()`. rbx, rbp, r12–r15 and the pinned
///   registers must be preserved otherwise. After the op, released registers and d are reloaded.
/// - `callHelper` calls `flushCachedSlots()` first (every dirty cached slot written back to the
///   frame), so a helper sees the exact frame.
/// - An exit stub (`faultStub`, `plainStub`) writes back the slots that are dirty *when the stub
///   is created*: create it after `callHelper`/`store` calls that precede the jump to it, or
///   at least with no `store` to a cached slot in between.
///
/// The lowering of each op class lives in its own file (`X86BlockCompiler+ALU.swift`, ...).
/// Code layout: the `frm` test when F ops rely on it, `add r12, n` (instruction count), loads of
/// the cached slots read before written (a one-block loop: the loads first, then the
/// interrupt-word test and the count as the loop top; other blocks test the interrupt word at
/// the exits that may close a loop, `+Branches`), the ops in order, out-of-line exit stubs,
/// then the exit records (`JITExitRecord`) and the fault table.
public struct X86BlockCompiler {
    /// The emitted code.
    public var asm = X86Assembler()
    let block: UnsafeMutablePointer<TranslatedBlock>
    let features: X86HostFeatures
    /// Address of the `GuestMemory` value the atomics helper reads.
    let memoryDescriptor: UnsafeRawPointer
    /// Whether `jmpr` probes the thread's jump cache inline (its arrays are found through the
    /// frame header); false: indirect exits return to the engine.
    public var probesJumpCache = false
    /// Whether a direct exit back to the block's own start jumps to its body with the cached
    /// slots kept in their registers (a one-block loop; off with chaining off).
    public var chainsSelfLoops = false
    /// The block-entry exit taken when the interrupt word is set (pc = block start).
    var entryInterrupted: X86Label?
    /// A one-block loop's top, after the entry loads: the interrupt test and count, then the
    /// ops (back edges jump here).
    var loopBody: X86Label?
    /// Index of the op being lowered.
    var opIndex: UInt32 = 0
    /// Slots known to be sign-extended from 32 bits at the current op (`+SignExtension`).
    var signExtended = SignExtendedSlots()
    /// Offset where each op's code starts (for `-d out_asm` and golden tests).
    public private(set) var opOffsets: [Int] = []
    /// Whether guest slots are cached in host registers (off: v1 code, every op on the frame).
    public var cacheSlots = true
    /// Bytes of inaccessible host address space on each side of the guest region
    /// (`GuestMemory.guardBytes`); 4 KiB or more enables checked bases (`+Memory`).
    public var memoryGuardBytes: UInt64 = 0
    /// The block tests `frm == 0` once at its entry (leaving to the interpreter otherwise), so
    /// its dynamic-mode F ops need no test of their own (`+Float`).
    var roundingModeCheckedAtEntry = false
    /// Base slots checked `< size` earlier in the block and, for each, how far its value has
    /// moved since by `addi`/`mov` (`+Memory`, "Checked bases"). Any other write drops it.
    var checkedBases: [(slot: UInt16, delta: Int64)] = []
    /// The guest's link register: `jmpr` of it (a return) gets an inline cache (`+Branches`).
    public var returnAddressSlot: UInt16?
    /// The guest's first instruction-temporary slot (`GuestFrontend.firstTemp`): cached
    /// temporaries are not written back at exits. `UInt16.max`: every slot is written back.
    public var firstTemporarySlot = UInt16.max
    /// Guest slots kept in `SlotCache.pinnedRegisters` (rbx, rbp, r13, r11, r10, r9, r8, in that
    /// order) across all translated code: blocks neither load them at entry nor write them back
    /// at exits (unless a block borrows or evicts one: `allocateSlots`); the entry
    /// trampoline loads them from the frame and stores them back when the code returns
    /// (`JITFrame.pinnedSlots`). Every block run with one frame must be compiled with the same
    /// list. Empty: nothing pinned.
    public var pinnedSlots: [UInt16] = []

    /// Slot cache state (`X86BlockCompiler+Registers.swift`).
    var cache = SlotCache()
    /// Slots kept in xmm registers for the whole block (`X86BlockCompiler+XMMSlots.swift`).
    var xmmSlots = XMMSlots()

    struct Record {
        var label: X86Label
        var kind: UInt32
        var opIndex: UInt32
        var patchSite: Int?
    }
    var records: [Record] = []

    enum Stub {
        /// `mov [r15-8], rax`, then leave with the record (faults, written code: rax = address).
        case withAddress(X86Label, record: Int, writeBack: ExitWriteBack)
        /// Leave with the record.
        case plain(X86Label, record: Int, writeBack: ExitWriteBack)
        /// Set the pc to the direct target, then leave with the record (write-back is inline).
        case direct(X86Label, record: Int, pc: UInt64)
        /// A return inline cache's first run: the pc slot = rax with bit 0 cleared, then leave
        /// with the record.
        case returnCacheMiss(X86Label, record: Int)
        /// Exact memory check of a load and the load, then back after the fast load (`+Memory`);
        /// into `xmm` instead of `destination` for an `ld64` of an xmm slot.
        case slowLoad(X86Label, done: X86Label, opcode: IROpcode, length: Int32, destination: X86Reg, xmm: X86XMM?, fault: X86Label, address: X86Reg,
                      displacement: Int32)
        /// A taken branch's way out: the write-back, the skipped instructions off r12, and a
        /// patchable exit to the target, its records those of the branch op (`+Branches`).
        case branchExit(X86Label, writeBack: ExitWriteBack, skipped: Int32, pc: UInt64, opIndex: UInt32)
        /// The interrupt word seen at a self-loop's back edge: write back, then the entry exit.
        case selfLoopInterrupted(X86Label, writeBack: ExitWriteBack)
        /// The helper call of an F op whose fast path gave up (`emitFloatSlowPath`).
        case floatSlow(X86Label, done: X86Label, pointer: UnsafeRawPointer, invalid: X86Label, sources: [SlotCache.Entry], saved: [X86Reg], destination: SlotCache.Entry?)
        /// A binary64 result that came out NaN in an xmm slot: the canonical NaN instead (the host
        /// raised RISC-V's flags already; no general register is touched), then back
        /// (`+Float`, `+XMMSlots` "Deferred NaN checks").
        case canonicalNaN(X86Label, done: X86Label, reg: X86XMM)
        /// Exact check, the translated-page test and the store, then back after the fast store.
        case slowStore(X86Label, done: X86Label, width: X86Width, length: Int32, fault: X86Label, written: X86Label, value: X86Reg?, valueSlot: UInt16, address: X86Reg, displacement: Int32)
        /// A failed base check (`+Memory`, "checked bases"): the access's exact slow path (its
        /// label is the stub's; `done` is ignored), the load's result to the frame when its
        /// destination is not cached, the write-back, the skipped instructions off r12, and a
        /// patchable exit to the next instruction.
        indirect case baseCheckFailed(access: Stub, frameDestination: UInt16?, writeBack: ExitWriteBack, skipped: Int32, pc: UInt64)
    }
    var stubs: [Stub] = []
    /// Guest accesses that may fault on the host: offset of the instruction, its slow path
    /// (`+Memory`). Emitted as the block's fault table after the exit records.
    var faultSites: [(offset: Int, slow: X86Label)] = []
    /// Offset of the fault table in `asm.bytes` (nil: the block has no fault sites).
    public private(set) var faultTableOffset: Int?

    /// A compiler for `block`.
    public init(block: UnsafeMutablePointer<TranslatedBlock>, features: X86HostFeatures, memoryDescriptor: UnsafeRawPointer) {
        self.block = block
        self.features = features
        self.memoryDescriptor = memoryDescriptor
    }

    /// Lowers the whole block; `asm.bytes` is then the finished, position-independent code.
    public mutating func compile() {
        let b = block.pointee
        let loopsToItself = chainsSelfLoops && hasSelfLoop()
        roundingModeCheckedAtEntry = checksRoundingModeAtEntry(loopsToItself: loopsToItself)
        if roundingModeCheckedAtEntry {
            // Before anything of the block runs: its dynamic-mode F ops assume RNE (`+Float`).
            let other = asm.newLabel()
            stubs.append(.direct(other, record: newRecord(.interpretBlock), pc: b.guestPC))
            asm.alu(.cmp, .b64, slot(IRSlot.fpRoundingMode), imm: 0)
            asm.jcc(.ne, other)
        }
        if loopsToItself {
            // A queued host signal leaves at the loop top, before anything of an iteration runs
            // (docs/signals.md; other blocks test it at their exits that may close a loop).
            let interrupted = asm.newLabel()
            stubs.append(.direct(interrupted, record: newRecord(.interrupted), pc: b.guestPC))
            entryInterrupted = interrupted
            // A one-block loop: the entry loads come first and the back edge jumps to the
            // interrupt test and count after them (`emitSelfLoopBranch`, `emitSelfLoopTail`),
            // so that an iteration ends in one conditional jump.
            if cacheSlots {
                allocateXMMSlots(loopsToItself: true)
                allocateSlots(loopsToItself: true)
            }
            let top = asm.newLabel()
            asm.bind(top)
            loopBody = top
            let loopInterrupted = asm.newLabel()
            // The slots live around the back edge (whole-block ranges: `allocateSlots`).
            let written = cache.entries.indices.filter {
                cache.preloaded[$0] && cache.writtenInBlock($0) && writtenBackAtExits($0)
            }
            stubs.append(.selfLoopInterrupted(loopInterrupted, writeBack: ExitWriteBack(entries: written.map { cache.entries[$0] }, pendingNaN: 0)))
            asm.alu(.cmp, .b8, .mem(X86Mem(.r15, JITFrame.interrupt)), imm: 0)
            asm.jcc(.ne, loopInterrupted)
            asm.alu(.add, .b64, .reg(.r12), imm: Int32(b.instructionCount))
        } else {
            asm.alu(.add, .b64, .reg(.r12), imm: Int32(b.instructionCount))
            if cacheSlots {
                allocateXMMSlots(loopsToItself: false)
                allocateSlots()
            }
        }
        var i = 0
        while i < Int(b.opCount) {
            defer { i += 1 }
            opIndex = UInt32(i)
            opOffsets.append(asm.offset)
            let op = b.ops[i]
            if i > 0 { beginRanges(at: i) }
            if mayFuse(at: i) {
                // The fused lowerings below read full values.
                for k in i..<min(i + 3, Int(b.opCount)) { widenSources(of: b.ops[k]) }
            }
            if i + 2 < Int(b.opCount), !rangeBoundary(before: i + 1), !rangeBoundary(before: i + 2),
               lowerIndirectJumpTriple(op, b.ops[i + 1], b.ops[i + 2]) {
                // Three ops as one target computation and jump: the last two get empty ranges.
                opOffsets.append(asm.offset)
                opOffsets.append(asm.offset)
                i += 2
                break
            }
            if i + 1 < Int(b.opCount), !rangeBoundary(before: i + 1),
               lowerShiftAdd(op, b.ops[i + 1]) || lowerZeroExtend(op, b.ops[i + 1]) {
                // Two ops as one `lea` or `mov`: the second gets an empty range in opOffsets.
                i += 1
                opOffsets.append(asm.offset)
                signExtended.update(after: op)
                signExtended.update(after: b.ops[i])
                if !checkedBases.isEmpty { updateCheckedBases(after: op) }
                endRanges(at: i, release: true)
                continue
            }
            if xmmSlots.pending != 0 { checkPendingNaNs(before: op) }
            let narrowResult = prepareNarrow(op)
            let transfersControl = op.opcode.flags.contains(.endsBlock) || Self.isBranch(op.opcode)
            if transfersControl { endRanges(at: i, release: false) }
            let opaque = isOpaque(op)
            let flagsAccess = floatFlagsAccess(op)
            if flagsAccess.reads || flagsAccess.writes { emitFloatFlagsAccess(reads: flagsAccess.reads, writes: flagsAccess.writes) }
            if opaque { beginOpaque(op) }
            lower(op, pointer: UnsafeRawPointer(b.ops + i))
            if opaque { endOpaque(op) }
            if !xmmSlots.entries.isEmpty { updatePendingNaN(after: op) }
            if narrowResult { finishNarrow(op) }
            endRanges(at: i, release: true)
            signExtended.update(after: op)
            if !checkedBases.isEmpty { updateCheckedBases(after: op) }
            if op.opcode.flags.contains(.endsBlock) { break }
        }
        opOffsets.append(asm.offset)
        emitStubs()
        emitRecords()
        emitFaultTable()
        asm.resolveFixups()
    }

    // MARK: frame access

    /// The frame slot `s` as a memory operand (the frame cell, even when `s` is cached).
    @inline(__always) func slot(_ s: UInt16) -> X86Operand { .mem(X86Mem(.r15, Int32(s) * 8)) }

    /// `slot s = constant`.
    mutating func storeConstant(_ s: UInt16, _ value: Int64) {
        if let r = cachedRegisterForWrite(s) {
            asm.movImm(r, UInt64(bitPattern: value))
            markWritten(s)
        } else if X86Assembler.fitsInt32(value) {
            asm.mov(slot(s), imm32: Int32(value))
        } else {
            asm.movImm(.rax, UInt64(bitPattern: value))
            asm.mov(.b64, slot(s), .rax)
        }
    }

    // MARK: exits

    /// A new exit record for the current op.
    mutating func newRecord(_ kind: ExitKind, patchSite: Int? = nil) -> Int {
        newRecord(raw: UInt32(kind.rawValue), patchSite: patchSite)
    }

    mutating func newRecord(raw: UInt32, patchSite: Int? = nil) -> Int {
        records.append(Record(label: asm.newLabel(), kind: raw, opIndex: opIndex, patchSite: patchSite))
        return records.count - 1
    }

    /// Leaves translated code inline (dirty cached slots written back first):
    /// `lea rax, [rip + record]; ret`.
    mutating func leave(_ kind: ExitKind) {
        flushForExit()
        let r = newRecord(kind)
        asm.leaRIP(.rax, records[r].label)
        asm.ret()
    }

    /// A label for an out-of-line exit that stores rax as the exit address first.
    mutating func faultStub(_ kind: ExitKind) -> X86Label {
        let label = asm.newLabel()
        stubs.append(.withAddress(label, record: newRecord(kind), writeBack: exitWriteBack()))
        return label
    }

    /// A label for an out-of-line exit without an address.
    mutating func plainStub(raw: UInt32) -> X86Label {
        let label = asm.newLabel()
        stubs.append(.plain(label, record: newRecord(raw: raw), writeBack: exitWriteBack()))
        return label
    }

    /// Writes back every dirty cached slot, then a patchable `jmp rel32` that initially leaves
    /// with a direct exit to `pc` (chaining).
    mutating func directExit(_ kind: ExitKind, pc: UInt64) {
        flushForExit()
        patchableExit(kind, pc: pc)
    }

    /// Whether a direct exit to `target` tests the interrupt word before it jumps: a target at
    /// or before the block's start may close a loop of chained blocks (every cycle of blocks has
    /// such an edge), so a queued signal cannot wait forever.
    func testsInterrupt(before target: UInt64) -> Bool { target <= block.pointee.guestPC }

    /// The patchable `jmp rel32` of a direct exit to `pc` (the caller wrote back the slots),
    /// after the interrupt test when the exit may close a loop: a queued signal leaves with
    /// `interrupted` and the pc slot at `pc`, nothing of that block run.
    mutating func patchableExit(_ kind: ExitKind, pc: UInt64) {
        if testsInterrupt(before: pc) {
            let interrupted = asm.newLabel()
            stubs.append(.direct(interrupted, record: newRecord(.interrupted), pc: pc))
            asm.alu(.cmp, .b8, .mem(X86Mem(.r15, JITFrame.interrupt)), imm: 0)
            asm.jcc(.ne, interrupted)
        }
        let label = asm.newLabel()
        asm.alignWithNops(4, ahead: 1)
        let site = asm.jmp(label)
        stubs.append(.direct(label, record: newRecord(kind, patchSite: site), pc: pc))
    }

    /// Whether a direct exit to `target` is a one-block loop that `emitSelfLoopTail` can close.
    func isSelfLoop(_ target: UInt64) -> Bool {
        chainsSelfLoops && target == block.pointee.guestPC && loopBody != nil && entryInterrupted != nil
    }

    /// Whether ops from `i` on have the shape of a fused group (`lowerIndirectJumpTriple`,
    /// `lowerShiftAdd`, `lowerZeroExtend`, which check the details).
    func mayFuse(at i: Int) -> Bool {
        let b = block.pointee
        guard i + 1 < Int(b.opCount) else { return false }
        switch b.ops[i].opcode {
        case .shli: return b.ops[i + 1].opcode == .add || b.ops[i + 1].opcode == .shri
        case .addi: return i + 2 < Int(b.opCount) && b.ops[i + 2].opcode == .jmpr
        default: return false
        }
    }

    /// Whether a branch or goto of the block targets the block's own start.
    func hasSelfLoop() -> Bool {
        let b = block.pointee
        for i in 0..<Int(b.opCount) {
            let op = b.ops[i]
            switch op.opcode {
            case .goto, .brEq, .brNe, .brLts, .brGes, .brLtu, .brGeu:
                if UInt64(bitPattern: op.imm) == b.guestPC { return true }
            case .jmpr, .syscall, .trap:
                return false
            default:
                break
            }
            if op.opcode == .goto { return false }
        }
        return false
    }

    /// The back edge of a one-block loop: the cached slots stay in their registers, dirty or
    /// not (the block's exits write back every slot the block writes, `allocateSlots`), so the
    /// next iteration skips the entry loads and a loop-carried value never goes through memory.
    /// It jumps to the loop top, which tests the interrupt word (leaving, after the write-back,
    /// by the block-entry exit: pc = block start) and counts the whole block. `reload`: cached
    /// slots whose register does not hold them here (their frame cell does). `count`: the
    /// instructions an iteration through this back edge runs (fewer than the block's when the
    /// back edge is a branch inside a superblock; the rest comes off r12 here).
    mutating func emitSelfLoopTail(reloading reload: [SlotCache.Entry], count: Int32) {
        for e in reload { asm.mov(.b64, e.reg, slot(e.slot)) }
        // The loop top counts the whole block for each iteration; this one ran `count`.
        let skipped = Int32(block.pointee.instructionCount) - count
        if skipped > 0 { asm.alu(.sub, .b64, .reg(.r12), imm: skipped) }
        _ = asm.jmp(loopBody!)
    }

    /// The back edge of a one-block loop as one `jcc cond, top` when it needs no reloads and
    /// closes the whole block; false when `emitSelfLoopTail` must run on the taken path.
    mutating func emitSelfLoopBranch(_ cond: X86Cond, count: Int32) -> Bool {
        guard invalidPreloads().isEmpty, count == Int32(block.pointee.instructionCount) else { return false }
        asm.jcc(cond, loopBody!)
        return true
    }

    /// `slot[pc] = value` (the pc slot is never cached).
    mutating func writePC(_ value: UInt64) { storeConstant(IRSlot.pc, Int64(bitPattern: value)) }

    private mutating func emitStubs() {
        // Stubs may add stubs (a self-loop tail adds its interrupt exit): index, not iterate.
        var next = 0
        while next < stubs.count {
            let stub = stubs[next]
            next += 1
            switch stub {
            case .withAddress(let label, let r, let writeBack):
                asm.bind(label)
                emitExitWriteBack(writeBack)
                asm.mov(.b64, .mem(X86Mem(.r15, JITFrame.exitAddress)), .rax)
                asm.leaRIP(.rax, records[r].label)
                asm.ret()
            case .plain(let label, let r, let writeBack):
                asm.bind(label)
                emitExitWriteBack(writeBack)
                asm.leaRIP(.rax, records[r].label)
                asm.ret()
            case .direct(let label, let r, let pc):
                asm.bind(label)
                if X86Assembler.fitsInt32(Int64(bitPattern: pc)) {
                    asm.mov(slot(IRSlot.pc), imm32: Int32(truncatingIfNeeded: Int64(bitPattern: pc)))
                } else {
                    asm.movImm(.rax, pc)
                    asm.mov(.b64, slot(IRSlot.pc), .rax)
                }
                asm.leaRIP(.rax, records[r].label)
                asm.ret()
            case .returnCacheMiss(let label, let r):
                asm.bind(label)
                asm.alu(.and, .b64, .reg(.rax), imm: -2)
                asm.mov(.b64, slot(IRSlot.pc), .rax)
                asm.leaRIP(.rax, records[r].label)
                asm.ret()
            case .branchExit(let label, let writeBack, let skipped, let pc, let branchIndex):
                asm.bind(label)
                emitExitWriteBack(writeBack)
                if skipped > 0 { asm.alu(.sub, .b64, .reg(.r12), imm: skipped) }
                let last = opIndex
                opIndex = branchIndex
                patchableExit(.direct1, pc: pc)
                opIndex = last
            case .selfLoopInterrupted(let label, let writeBack):
                asm.bind(label)
                emitExitWriteBack(writeBack)
                _ = asm.jmp(entryInterrupted!)
            case .slowLoad(let label, let done, let opcode, let length, let destination, let xmm, let fault, let address, let displacement):
                asm.bind(label)
                emitSlowLoad(opcode: opcode, length: length, destination: destination, xmm: xmm, fault: fault, done: done, address: address,
                             displacement: displacement)
            case .floatSlow(let label, let done, let pointer, let invalid, let sources, let saved, let destination):
                asm.bind(label)
                emitFloatSlowPath(pointer: pointer, invalid: invalid, sources: sources, saved: saved, destination: destination, done: done)
            case .canonicalNaN(let label, let done, let reg):
                asm.bind(label)
                asm.canonicalNaN64(reg)
                _ = asm.jmp(done)
            case .slowStore(let label, let done, let width, let length, let fault, let written, let value, let valueSlot, let address, let displacement):
                asm.bind(label)
                emitSlowStore(width: width, length: length, fault: fault, written: written, value: value, valueSlot: valueSlot, done: done,
                              address: address, displacement: displacement)
            case .baseCheckFailed(let access, let frameDestination, let writeBack, let skipped, let pc):
                let resume = asm.newLabel()
                switch access {
                case .slowLoad(let label, _, let opcode, let length, let destination, let xmm, let fault, let address, let displacement):
                    asm.bind(label)
                    emitSlowLoad(opcode: opcode, length: length, destination: destination, xmm: xmm, fault: fault, done: resume, address: address,
                                 displacement: displacement)
                case .slowStore(let label, _, let width, let length, let fault, let written, let value, let valueSlot, let address, let displacement):
                    asm.bind(label)
                    emitSlowStore(width: width, length: length, fault: fault, written: written, value: value, valueSlot: valueSlot, done: resume,
                                  address: address, displacement: displacement)
                default:
                    preconditionFailure("baseCheckFailed wraps a slow load or store")
                }
                asm.bind(resume)
                if let d = frameDestination { asm.mov(.b64, slot(d), .rcx) }
                emitExitWriteBack(writeBack)
                if skipped > 0 { asm.alu(.sub, .b64, .reg(.r12), imm: skipped) }
                patchableExit(.direct0, pc: pc)
            }
        }
    }

    private mutating func emitRecords() {
        asm.alignWithNops(8)
        let blockBits = UInt64(UInt(bitPattern: block))
        for r in records {
            asm.bind(r.label)
            let here = asm.offset
            asm.int64(blockBits)
            asm.int32(Int32(bitPattern: r.kind))
            asm.int32(Int32(bitPattern: r.opIndex))
            asm.int64(r.patchSite.map { UInt64(bitPattern: Int64($0 - here)) } ?? 0)
            asm.int64(0)
        }
    }

    /// The fault table `sq_jit_fault_redirect` searches (sq_jit_fault.h): a 32-bit count, then
    /// (access offset, slow-path offset) pairs from the block's start, in code order.
    private mutating func emitFaultTable() {
        guard !faultSites.isEmpty else { return }
        asm.alignWithNops(4)
        faultTableOffset = asm.offset
        asm.int32(Int32(faultSites.count))
        for site in faultSites {
            asm.int32(Int32(site.offset))
            asm.int32(Int32(asm.offset(of: site.slow)))
        }
    }

    // MARK: dispatch

    /// Whether `op` is lowered as an opaque op (helper call or code outside the slot cache's
    /// knowledge): see the contract at the top of this file.
    /// The conditional branches (side exits or a block's final branch).
    static func isBranch(_ opcode: IROpcode) -> Bool {
        switch opcode {
        case .brEq, .brNe, .brLts, .brGes, .brLtu, .brGeu: return true
        default: return false
        }
    }

    func isOpaque(_ op: IROp) -> Bool {
        switch op.opcode {
        case .amo, .ldres, .stcond, .rdcounter, .orcb: return true
        case .clz, .clz32: return !features.lzcnt
        case .ctz, .ctz32: return !features.tzcnt
        case .popcnt, .popcnt32: return !features.popcnt
        default: return op.opcode.flags.contains(.floatingPoint) && X86FloatLowering.fastKind(of: op) == nil
        }
    }

    mutating func lower(_ op: IROp, pointer: UnsafeRawPointer) {
        if lowerALU(op) { return }
        if lowerMemory(op) { return }
        if lowerBranch(op) { return }
        switch op.opcode {
        case .amo, .ldres, .stcond: lowerAtomic(op, pointer: pointer)
        case .fence: if op.imm & 1 != 0 { asm.mfence() }
        case .rdcounter: lowerCounter(op)
        default: lowerFloat(op, pointer: pointer)
        }
    }
}
