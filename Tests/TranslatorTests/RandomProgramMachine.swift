import Glibc
@testable import Translator

/// The execution backends a random program runs under, in-process, through the shared pipeline
/// (RISCV64Frontend → IR → backend, driven by ExecutionEngine).
///
/// A new backend is one more case here and one more line in `RandomProgramMachine.run`: every
/// random-instruction and regression test then runs (and is compared) under it with no other change.
enum RandomProgramBackend: String, CaseIterable, CustomStringConvertible {
    case interpreter
    /// The x86-64 JIT (`TranslationCache.jit`) compiling every block before it runs; x86-64 hosts only.
    case jit
    /// The tiered JIT: each block interpreted once, then compiled (`compileThreshold` 1), so a
    /// loop runs its first iteration in the interpreter and the rest in host code.
    case tiered

    /// The backends this host can run.
    static var available: [RandomProgramBackend] { X86JITBackend.isSupported ? allCases : [.interpreter] }

    var description: String { rawValue }
}

/// A riscv64 guest memory laid out like the ELF harness (scratch at 0x200e00, code slots at
/// 0x301800 + 0x1000·k) that runs one `RandomProgram` to its final `ebreak`.
enum RandomProgramMachine {
    static let memorySize = 0x40_0000

    /// What a run produced: the final state, or why it did not reach the `ebreak`.
    enum Outcome: Equatable {
        case finished(RandomMachineState)
        case stopped(String)
    }

    /// Runs the 4-byte instructions `code` (at slot 0's code address, from `initial`) under
    /// every available backend.
    static func runUnderEveryBackend(_ code: [UInt32], initial: RandomMachineState = RandomMachineState(),
                                     origin: String) -> [(RandomProgramBackend, Outcome)] {
        let p = RandomProgram(initial: initial, groups: [code.map { RandomInstruction(bits: $0, length: 4) }],
                              codeAddress: RandomProgramLayout.codeAddress(slot: 0), origin: origin)
        return RandomProgramBackend.available.map { ($0, run(p, backend: $0)) }
    }

    /// Runs `program` under `backend`.
    static func run(_ program: RandomProgram, backend: RandomProgramBackend) -> Outcome {
        var retired: UInt64 = 0
        return run(program, backend: backend, retired: &retired)
    }

    /// Runs `program` under `backend`; `retired` is then the guest instructions the engine
    /// counted as retired (the final `ebreak` included).
    static func run(_ program: RandomProgram, backend: RandomProgramBackend, retired: inout UInt64) -> Outcome {
        // mmap: zero pages on demand, so a fresh 4 MiB guest costs almost nothing.
        guard let base = mmap(nil, memorySize, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
              base != MAP_FAILED else { return .stopped("mmap failed") }
        defer { munmap(base, memorySize) }
        let pages = memorySize >> Int(GuestMemory.pageShift)
        let pageFlags = UnsafeMutablePointer<UInt8>.allocate(capacity: pages)
        defer { pageFlags.deallocate() }
        pageFlags.initialize(repeating: 0, count: pages)
        let rwx = PagePermission.read | PagePermission.write | PagePermission.execute | PagePermission.mapped
        let scratchPage = Int(RandomProgramLayout.scratchBase >> GuestMemory.pageShift)
        for page in scratchPage...(scratchPage + 1) {
            pageFlags[page] = PagePermission.read | PagePermission.write | PagePermission.mapped
        }
        let codePage = Int(program.codeAddress >> GuestMemory.pageShift)
        pageFlags[codePage] = rwx
        pageFlags[codePage + 1] = rwx
        let memory = GuestMemory(base: base, pageFlags: pageFlags, size: UInt64(memorySize))
        // Host protections as the flags say (the address space's rule; the JIT relies on host
        // faults): unflagged pages become PROT_NONE, the code and scratch pages stay writable.
        memory.applyHostProtection(0, UInt64(memorySize))

        // Code, then the final ebreak.
        var address = program.codeAddress
        for insn in program.instructions {
            if insn.length == 2 { memory.store(address, UInt16(truncatingIfNeeded: insn.bits)) } else { memory.store(address, insn.bits) }
            address += UInt64(insn.length)
        }
        memory.store(address, UInt32(0x0010_0073))
        for (i, byte) in program.initial.memory.enumerated() {
            memory.store(RandomProgramLayout.scratchBase + UInt64(i), byte)
        }

        return execute(program, backend: backend, memory: memory, retired: &retired)
    }

    /// Runs the program already in `memory`. The translation cache lives only in here: its
    /// last flush restores host protections, so it must be gone before the memory is unmapped.
    private static func execute(_ program: RandomProgram, backend: RandomProgramBackend, memory: GuestMemory, retired: inout UInt64) -> Outcome {
        let cache = TranslationCache<RISCV64Frontend>(memory: memory)
        switch backend {
        case .interpreter: break
        case .jit, .tiered:
            guard let jit = X86JITBackend(memory: memory, capacity: 1 << 20) else { return .stopped("cannot map the JIT code region") }
            cache.jit = jit
            cache.compileThreshold = backend == .tiered ? 1 : 0
        }
        let engine = ExecutionEngine<RISCV64Frontend>(cache: cache)
        load(program.initial, into: engine.regs)
        engine.pc = program.codeAddress
        // A run that does not end (a miscompiled exit, a wrong inline-cache fill) is stopped by
        // the interrupt word and fails, rather than hanging the test process.
        let watchdog = RunWatchdog(engine.interruptWord, seconds: 30)
        return withExtendedLifetime(engine) {
            let outcome = finish(engine, memory: memory)
            watchdog.disarm()
            retired = engine.counters.pointee.instructionsRetired
            return outcome
        }
    }

    /// Runs `engine` until the breakpoint, handling fence.i and stores to code on the way, then
    /// reads the state.
    private static func finish(_ engine: ExecutionEngine<RISCV64Frontend>, memory: GuestMemory) -> Outcome {
        for _ in 0..<10_000 {
            let exit = engine.run()
            if exit.kind == .trap && exit.address == UInt64(IRTrapKind.instructionCacheFlush.rawValue) {
                engine.cache.flush()
                continue
            }
            // A store to translated code: the engine dropped the translations and set the pc
            // after the store; go on, as the CPU loop does.
            if exit.kind == .codeWritten { continue }
            guard exit.kind == .trap && exit.address == UInt64(IRTrapKind.breakpoint.rawValue) else {
                return .stopped("stopped by \(exit.kind) (detail 0x\(String(exit.address, radix: 16))) at pc 0x\(String(engine.pc, radix: 16))")
            }
            var state = store(engine.regs)
            state.pc = engine.pc
            for i in 0..<RandomProgramLayout.scratchSize {
                state.memory[i] = memory.load(RandomProgramLayout.scratchBase + UInt64(i), as: UInt8.self)
            }
            return .finished(state)
        }
        return .stopped("more than 10000 exits")
    }

    /// Writes a state's registers into a CPU frame.
    static func load(_ s: RandomMachineState, into regs: UnsafeMutablePointer<UInt64>) {
        for i in 1..<32 { regs[Int(RISCV64Frontend.xSlot(i))] = s.x[i] }
        for i in 0..<32 { regs[Int(RISCV64Frontend.fSlot(i))] = s.f[i] }
        regs[Int(IRSlot.fpFlags)] = s.fcsr & 0x1f
        regs[Int(IRSlot.fpRoundingMode)] = (s.fcsr >> 5) & 7
    }

    /// Reads the registers of a CPU frame.
    static func store(_ regs: UnsafeMutablePointer<UInt64>) -> RandomMachineState {
        var s = RandomMachineState()
        for i in 1..<32 { s.x[i] = regs[Int(RISCV64Frontend.xSlot(i))] }
        for i in 0..<32 { s.f[i] = regs[Int(RISCV64Frontend.fSlot(i))] }
        s.fcsr = (regs[Int(IRSlot.fpRoundingMode)] << 5) | regs[Int(IRSlot.fpFlags)]
        return s
    }
}
