/// Runs guest code until something needs the runtime: a syscall, a trap or a fault.
///
/// Direct exits follow the block's chained successor when it matches the new pc, so a hot
/// loop never goes back to the cache; indirect exits go through the jump cache.
public final class ExecutionEngine<Frontend: GuestFrontend> {
    /// The translation cache (shared by the threads of a process, later).
    public let cache: TranslationCache<Frontend>
    /// The CPU frame: `Frontend.frameSlotCount` slots (see `IRSlot`).
    public let regs: UnsafeMutablePointer<UInt64>
    /// Counters readable by the guest.
    public let counters: UnsafeMutablePointer<RuntimeCounters>

    public init(cache: TranslationCache<Frontend>) {
        self.cache = cache
        regs = .allocate(capacity: Frontend.frameSlotCount)
        regs.initialize(repeating: 0, count: Frontend.frameSlotCount)
        regs[Int(IRSlot.reservationAddress)] = UInt64.max
        counters = .allocate(capacity: 1)
        counters.initialize(to: RuntimeCounters())
    }

    deinit {
        regs.deallocate()
        counters.deallocate()
    }

    /// The guest program counter.
    public var pc: UInt64 {
        get { regs[Int(IRSlot.pc)] }
        set { regs[Int(IRSlot.pc)] = newValue }
    }

    /// Runs from `pc` until an exit that the runtime must handle. On return the pc slot is
    /// exact: the faulting or trapping instruction, or the address after a syscall.
    public func run() -> BlockExit {
        onBlockEntry == nil ? runLoop(ExecTraceOff.self) : runLoop(ExecTraceOn.self)
    }

    /// Called before each block runs (`-d exec`); nil keeps the loop free of the check.
    public var onBlockEntry: ((UnsafeMutablePointer<TranslatedBlock>) -> Void)?

    @inline(__always)
    private func runLoop<Trace: ExecTraceMode>(_: Trace.Type) -> BlockExit {
        let memory = cache.memory
        let r = regs
        cache.reclaim()
        var block = cache.lookup(r[Int(IRSlot.pc)])
        while true {
            if Trace.enabled { onBlockEntry?(block) }
            counters.pointee.instructionsRetired &+= UInt64(block.pointee.instructionCount)
            let exit = Interpreter.run(block, regs: r, memory: memory, counters: counters)
            switch exit.kind {
            case .direct0:
                let target = r[Int(IRSlot.pc)]
                if let next = block.pointee.successor0, next.pointee.guestPC == target {
                    block = next
                } else {
                    let next = cache.lookup(target)
                    block.pointee.successor0 = next
                    block = next
                }
            case .direct1:
                let target = r[Int(IRSlot.pc)]
                if let next = block.pointee.successor1, next.pointee.guestPC == target {
                    block = next
                } else {
                    let next = cache.lookup(target)
                    block.pointee.successor1 = next
                    block = next
                }
            case .indirect:
                block = cache.lookup(r[Int(IRSlot.pc)])
            case .codeWritten:
                // The store completed and frontends end every storing instruction with its store
                // (atomics write `d` before reporting), so resume at the next instruction.
                let index = Int(exit.opIndex)
                let insn = Int(block.pointee.opInstruction[index])
                let nextPC = insn + 1 < Int(block.pointee.instructionCount)
                    ? block.pointee.instructionPCs[insn + 1] : block.pointee.guestEnd
                cache.flush()
                r[Int(IRSlot.pc)] = nextPC
                return exit
            default:
                if exit.kind != .syscall && exit.kind != .trap {
                    r[Int(IRSlot.pc)] = block.pointee.guestPC(ofOp: exit.opIndex)
                }
                return exit
            }
        }
    }
}

/// Compile-time switch for `-d exec` tracing: the loop is specialized for each mode, so the
/// untraced loop carries no check.
protocol ExecTraceMode { static var enabled: Bool { get } }
enum ExecTraceOff: ExecTraceMode { static var enabled: Bool { false } }
enum ExecTraceOn: ExecTraceMode { static var enabled: Bool { true } }
