/// Runs guest code until something needs the runtime: a syscall, a trap or a fault.
///
/// Two backends: the IR interpreter, and the x86-64 JIT when the cache has one
/// (`TranslationCache.jit`). Interpreter: direct exits follow the block's chained successor
/// when it matches the new pc, so a hot loop never goes back to the cache; indirect exits go
/// through the jump cache. JIT: a direct exit that reaches the engine patches its jump to the
/// target's code (chaining), so hot loops stay in host code; see docs/jit.md.
public final class ExecutionEngine<Frontend: GuestFrontend> {
    /// The translation cache (shared by the threads of a process).
    public let cache: TranslationCache<Frontend>
    /// The CPU frame: `Frontend.frameSlotCount` slots (see `IRSlot`).
    public let regs: UnsafeMutablePointer<UInt64>
    /// Counters readable by the guest.
    public let counters: UnsafeMutablePointer<RuntimeCounters>
    /// Nonzero when a host signal is queued for this thread: both loops leave with
    /// `.interrupted` before the next block (the host signal handler sets it; docs/signals.md).
    public let interruptWord: UnsafeMutablePointer<UInt64>

    /// Whether the JIT patches direct exits to jump straight to their targets (`-d nochain` clears it).
    public var chaining = true

    /// This thread's jump cache (registered with `cache`, which clears it on flushes).
    public let jumpCache = JumpCache()

    /// An engine (one per guest thread) on the process's shared `cache`.
    public init(cache: TranslationCache<Frontend>) {
        self.cache = cache
        // The frame carries the JIT's header (exit words, counters) below slot 0 for both backends.
        regs = JITFrame.allocate(slots: Frontend.frameSlotCount)
        counters = JITFrame.counters(of: regs)
        interruptWord = JITFrame.interruptWord(of: regs)
        JITFrame.setJumpCache(regs, jumpCache)
        cache.register(jumpCache, interruptWord: interruptWord)
    }

    deinit {
        cache.unregister(jumpCache)
        JITFrame.deallocate(regs)
    }

    /// The guest program counter.
    public var pc: UInt64 {
        get { regs[Int(IRSlot.pc)] }
        set { regs[Int(IRSlot.pc)] = newValue }
    }

    /// Runs from `pc` until an exit that the runtime must handle. On return the pc slot is
    /// exact: the faulting or trapping instruction, or the address after a syscall.
    public func run() -> BlockExit {
        cache.reclaimIfNeeded(caller: jumpCache)
        cache.enterExecution()
        defer { cache.leaveExecution() }
        if let jit = cache.jit {
            return onBlockEntry == nil ? runJIT(jit, ExecTraceOff.self) : runJIT(jit, ExecTraceOn.self)
        }
        return onBlockEntry == nil ? runLoop(ExecTraceOff.self) : runLoop(ExecTraceOn.self)
    }

    /// The JIT loop: enter host code, handle the exit record it returns. Blocks that are not
    /// hot yet (`TranslationCache.compileThreshold`) run in the interpreter instead; a compiled
    /// block's direct exit to one of them comes back here and is chained once the target is
    /// compiled.
    @inline(__always)
    private func runJIT<Trace: ExecTraceMode>(_ jit: X86JITBackend, _: Trace.Type) -> BlockExit {
        let r = regs
        let chain = chaining && !Trace.enabled
        let jumpCache = self.jumpCache
        var next = cache.lookupHotCode(r[Int(IRSlot.pc)], in: jumpCache)
        let interrupt = interruptWord
        while true {
            guard let code = next else {
                if let exit = interpretColdBlock(Trace.self) { return exit }
                next = cache.lookupHotCode(r[Int(IRSlot.pc)], in: jumpCache)
                continue
            }
            // Translated code tests the word only at exits that may close a loop.
            if interrupt.pointee != 0 { return BlockExit(.interrupted, opIndex: 0) }
            if Trace.enabled { onBlockEntry?(cache.lookup(r[Int(IRSlot.pc)], in: jumpCache)) }
            let record = jit.enter(code, frame: r)
            var rawKind = record.rawKind
            if rawKind == JITExitRecord.dynamicKind {
                rawKind = UInt32(truncatingIfNeeded: (UnsafeRawPointer(r) + Int(JITFrame.exitKind)).load(as: UInt64.self))
            }
            let kind = ExitKind(rawValue: UInt8(truncatingIfNeeded: rawKind))!
            switch kind {
            case .direct0, .direct1:
                let generation = cache.generation
                next = cache.lookupHotCode(r[Int(IRSlot.pc)], in: jumpCache)
                // Safe: the record's code is still live when no flush happened since.
                if chain, let target = next { cache.chain(record, to: target, ifGeneration: generation) }
            case .indirect:
                next = cache.lookupHotCode(r[Int(IRSlot.pc)], in: jumpCache)
            case .returnCacheMiss:
                let generation = cache.generation
                let pc = r[Int(IRSlot.pc)]
                next = cache.lookupHotCode(pc, in: jumpCache)
                if let target = next { cache.fillReturnCache(record, pc: pc, target: target, ifGeneration: generation) }
            case .interpretBlock:
                if let exit = interpretColdBlock(Trace.self) { return exit }
                next = cache.lookupHotCode(r[Int(IRSlot.pc)], in: jumpCache)
            default:
                let block = record.block
                let address = (UnsafeRawPointer(r) + Int(JITFrame.exitAddress)).load(as: UInt64.self)
                let exit = BlockExit(kind, opIndex: record.opIndex, address: kind == .syscall ? 0 : address)
                finishExit(exit, block: block)
                return exit
            }
        }
    }

    /// Runs the block at the pc in the interpreter (the tiered JIT's cold blocks): nil when it
    /// left for another block, else the exit the engine must return.
    @inline(__always)
    private func interpretColdBlock<Trace: ExecTraceMode>(_: Trace.Type) -> BlockExit? {
        let r = regs
        let block = cache.lookup(r[Int(IRSlot.pc)], in: jumpCache)
        if interruptWord.pointee != 0 { return BlockExit(.interrupted, opIndex: 0) }
        if Trace.enabled { onBlockEntry?(block) }
        counters.pointee.instructionsRetired &+= UInt64(block.pointee.instructionCount)
        let exit = Interpreter.run(block, regs: r, memory: cache.memory, counters: counters)
        switch exit.kind {
        case .direct1:
            uncountSkipped(block, exit)
            return nil
        case .direct0, .indirect:
            return nil
        default:
            finishExit(exit, block: block)
            return exit
        }
    }

    /// A taken branch inside a superblock skipped the block's later instructions, which were
    /// counted before it ran: takes them off.
    @inline(__always)
    private func uncountSkipped(_ block: UnsafeMutablePointer<TranslatedBlock>, _ exit: BlockExit) {
        let executed = Int(block.pointee.opInstruction[Int(exit.opIndex)]) + 1
        counters.pointee.instructionsRetired &-= UInt64(Int(block.pointee.instructionCount) - executed)
    }

    /// Sets the pc slot for an exit that leaves the engine (shared by both backends).
    @inline(__always)
    private func finishExit(_ exit: BlockExit, block: UnsafeMutablePointer<TranslatedBlock>) {
        let r = regs
        if exit.kind == .codeWritten {
            // The store completed and frontends end every storing instruction with its store
            // (atomics write `d` before reporting), so resume at the next instruction.
            let index = Int(exit.opIndex)
            let insn = Int(block.pointee.opInstruction[index])
            let nextPC = insn + 1 < Int(block.pointee.instructionCount)
                ? block.pointee.instructionPCs[insn + 1] : block.pointee.guestEnd
            // A store of at most 8 bytes; only a store to translated code (not one to a
            // write-tracked page alone) drops the translations.
            cache.invalidate(exit.address, 8)
            r[Int(IRSlot.pc)] = nextPC
        } else if exit.kind != .syscall && exit.kind != .trap && exit.kind != .interrupted {
            r[Int(IRSlot.pc)] = block.pointee.guestPC(ofOp: exit.opIndex)
        }
    }

    /// Called before each block runs (`-d exec`); nil keeps the loop free of the check.
    public var onBlockEntry: ((UnsafeMutablePointer<TranslatedBlock>) -> Void)?

    @inline(__always)
    private func runLoop<Trace: ExecTraceMode>(_: Trace.Type) -> BlockExit {
        let memory = cache.memory
        let r = regs
        let jumpCache = self.jumpCache
        let interrupt = interruptWord
        var block = cache.lookup(r[Int(IRSlot.pc)], in: jumpCache)
        while true {
            if interrupt.pointee != 0 {
                r[Int(IRSlot.pc)] = block.pointee.guestPC
                return BlockExit(.interrupted, opIndex: 0)
            }
            if Trace.enabled { onBlockEntry?(block) }
            counters.pointee.instructionsRetired &+= UInt64(block.pointee.instructionCount)
            let exit = Interpreter.run(block, regs: r, memory: memory, counters: counters)
            switch exit.kind {
            case .direct0:
                block = follow(&block.pointee.successor0, to: r[Int(IRSlot.pc)])
            case .direct1:
                uncountSkipped(block, exit)
                block = follow(&block.pointee.successor1, to: r[Int(IRSlot.pc)])
            case .indirect:
                block = cache.lookup(r[Int(IRSlot.pc)], in: jumpCache)
            default:
                finishExit(exit, block: block)
                return exit
            }
        }
    }

    /// The interpreter's chaining: the block a direct exit remembered in `successor` when it is
    /// the one for `target`, else the cache's, which is remembered for next time.
    @inline(__always)
    private func follow(
        _ successor: inout UnsafeMutablePointer<TranslatedBlock>?, to target: UInt64
    ) -> UnsafeMutablePointer<TranslatedBlock> {
        if let next = successor, next.pointee.guestPC == target { return next }
        let next = cache.lookup(target, in: jumpCache)
        successor = next
        return next
    }
}

/// Compile-time switch for `-d exec` tracing: the loop is specialized for each mode, so the
/// untraced loop carries no check.
protocol ExecTraceMode { static var enabled: Bool { get } }
enum ExecTraceOff: ExecTraceMode { static var enabled: Bool { false } }
enum ExecTraceOn: ExecTraceMode { static var enabled: Bool { true } }
