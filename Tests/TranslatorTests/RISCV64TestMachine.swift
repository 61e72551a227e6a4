import Glibc
import Testing
@testable import Translator

/// A tiny riscv64 machine for single-instruction tests: 1 MiB of guest memory (every page
/// read/write/execute unless a test changes it), a CPU frame, and a way to translate one block
/// with `RISCV64Frontend` and run it once with `Interpreter.run`. Every step also runs the same
/// block under the x86-64 JIT from the same starting state and records an issue when the exit,
/// a guest-visible slot or a byte of memory differs, so every single-instruction test covers
/// both backends.
final class RISCV64TestMachine {
    static let memorySize = 1 << 20
    /// Where tests put their code.
    static let codeAddress: UInt64 = 0x1000
    /// Where tests put their data.
    static let dataAddress: UInt64 = 0x9000

    let base: UnsafeMutableRawPointer
    let pageFlags: UnsafeMutablePointer<UInt8>
    let memory: GuestMemory
    let regs: UnsafeMutablePointer<UInt64>
    let counters: UnsafeMutablePointer<RuntimeCounters>

    init() {
        // mmap'ed (zeroed), since the JIT run gives its pages host protections.
        base = mmap(nil, Self.memorySize, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)!
        let pages = Self.memorySize >> Int(GuestMemory.pageShift)
        pageFlags = .allocate(capacity: pages)
        pageFlags.initialize(
            repeating: PagePermission.read | PagePermission.write | PagePermission.execute | PagePermission.mapped, count: pages)
        memory = GuestMemory(base: base, pageFlags: pageFlags, size: UInt64(Self.memorySize))
        regs = JITFrame.allocate(slots: RISCV64Frontend.frameSlotCount)
        regs[Int(IRSlot.reservationAddress)] = UInt64.max
        counters = .allocate(capacity: 1)
        counters.initialize(to: RuntimeCounters())
    }

    deinit {
        munmap(base, Self.memorySize)
        pageFlags.deallocate()
        JITFrame.deallocate(regs)
        counters.deallocate()
    }

    /// Integer register x`n` (x0 reads the zero slot).
    func x(_ n: Int) -> UInt64 { regs[Int(RISCV64Frontend.xSlot(n))] }
    func setX(_ n: Int, _ v: UInt64) { if n != 0 { regs[Int(RISCV64Frontend.xSlot(n))] = v } }
    /// Floating-point register f`n` (raw bits).
    func f(_ n: Int) -> UInt64 { regs[Int(RISCV64Frontend.fSlot(n))] }
    func setF(_ n: Int, _ v: UInt64) { regs[Int(RISCV64Frontend.fSlot(n))] = v }
    var pc: UInt64 {
        get { regs[Int(IRSlot.pc)] }
        set { regs[Int(IRSlot.pc)] = newValue }
    }
    subscript(slot: UInt16) -> UInt64 {
        get { regs[Int(slot)] }
        set { regs[Int(slot)] = newValue }
    }

    func write32(_ address: UInt64, _ v: UInt32) { memory.store(address, v) }
    func write16(_ address: UInt64, _ v: UInt16) { memory.store(address, v) }
    func write64(_ address: UInt64, _ v: UInt64) { memory.store(address, v) }
    func read64(_ address: UInt64) -> UInt64 { memory.load(address, as: UInt64.self) }
    func read32(_ address: UInt64) -> UInt32 { memory.load(address, as: UInt32.self) }

    /// Writes instructions (32-bit words, or 16-bit parcels given as values below 0x10000 with
    /// low bits != 11) one after the other from `address`.
    func code(_ words: [UInt32], at address: UInt64 = codeAddress) {
        var a = address
        for w in words {
            if w & 3 != 3 {
                write16(a, UInt16(w))
                a += 2
            } else {
                write32(a, w)
                a += 4
            }
        }
    }

    /// Sets the permission bits of the page holding `address`.
    func protect(_ address: UInt64, _ bits: UInt8) {
        pageFlags[Int(address >> GuestMemory.pageShift)] = bits | PagePermission.mapped
    }

    /// Translates the block at `pc` into IR.
    func translate(at pc: UInt64 = codeAddress, maxInstructions: Int = 1) -> IRBuilder {
        var b = IRBuilder(firstTemp: RISCV64Frontend.firstTemp, tempCount: RISCV64Frontend.tempsPerInstruction)
        RISCV64Frontend.translateBlock(at: pc, memory: memory, into: &b, maxInstructions: maxInstructions)
        return b
    }

    /// Translates the block at the pc slot and runs it once; the pc slot is exact afterwards.
    @discardableResult
    func step(maxInstructions: Int = 1) -> BlockExit {
        let start = pc
        let b = translate(at: start, maxInstructions: maxInstructions)
        precondition(b.isTerminated, "block without terminator")
        let block = TranslatedBlock.make(from: b, guestPC: start, guestEnd: max(b.endPC, start + 1))
        defer { UnsafeMutableRawPointer(block).deallocate() }
        let exit = runComparingBackends(block)
        if exit.kind != .syscall && exit.kind != .trap && exit.kind != .direct0 && exit.kind != .direct1
            && exit.kind != .indirect {
            pc = block.pointee.guestPC(ofOp: exit.opIndex)
        }
        return exit
    }

    /// Runs one instruction at `codeAddress` with the given registers.
    @discardableResult
    func run(_ word: UInt32, x before: [Int: UInt64] = [:]) -> BlockExit {
        code([word])
        for (r, v) in before { setX(r, v) }
        pc = Self.codeAddress
        return step()
    }

    /// The JIT compiling this machine's blocks (created on first use).
    private lazy var jit: X86JITBackend? = X86JITBackend.isSupported
        ? X86JITBackend(memory: memory, capacity: 1 << 20) : nil

    /// Runs `block` with the interpreter and, from the same state, with the JIT; records an issue
    /// on any difference and leaves the interpreter's result in place. Blocks reading host
    /// counters (cycle, time, instret) are not compared: the two runs read different clocks.
    private func runComparingBackends(_ block: UnsafeMutablePointer<TranslatedBlock>) -> BlockExit {
        let readsCounters = (0..<Int(block.pointee.opCount)).contains { block.pointee.ops[$0].opcode == .rdcounter }
        guard !readsCounters, let jit else {
            return Interpreter.run(block, regs: regs, memory: memory, counters: counters)
        }
        let visible = Int(RISCV64Frontend.firstTemp)
        let startRegs = Array(UnsafeBufferPointer(start: regs, count: visible))
        let startMemory = Array(UnsafeRawBufferPointer(start: base, count: Self.memorySize))
        let exit = Interpreter.run(block, regs: regs, memory: memory, counters: counters)
        let interpretedRegs = Array(UnsafeBufferPointer(start: regs, count: visible))
        let interpretedMemory = Array(UnsafeRawBufferPointer(start: base, count: Self.memorySize))

        startRegs.withUnsafeBufferPointer { regs.update(from: $0.baseAddress!, count: visible) }
        startMemory.withUnsafeBytes { base.copyMemory(from: $0.baseAddress!, byteCount: Self.memorySize) }
        guard let code = jit.compile(block) else {
            Issue.record("the JIT could not compile the block at 0x\(String(block.pointee.guestPC, radix: 16))")
            return exit
        }
        // The JIT relies on host faults: host protections as the page flags say while it runs.
        memory.applyHostProtection(0, UInt64(Self.memorySize))
        let jitExit = JITTestMachine.exit(of: jit.enter(code, frame: regs), frame: regs)
        mprotect(base, Self.memorySize, PROT_READ | PROT_WRITE)
        #expect(jitExit.kind == exit.kind, "JIT exit kind differs from the interpreter's")
        #expect(jitExit.opIndex == exit.opIndex, "JIT exit op differs from the interpreter's")
        switch exit.kind {
        case .loadFault, .storeFault, .misalignedAtomic, .codeWritten, .trap:
            #expect(jitExit.address == exit.address, "JIT exit address differs from the interpreter's")
        default:
            break
        }
        for slot in 0..<visible where regs[slot] != interpretedRegs[slot] {
            Issue.record("JIT slot \(slot) = 0x\(String(regs[slot], radix: 16)), interpreter 0x\(String(interpretedRegs[slot], radix: 16))")
        }
        let jitMemory = UnsafeRawBufferPointer(start: base, count: Self.memorySize)
        if !jitMemory.elementsEqual(interpretedMemory) {
            let first = zip(jitMemory, interpretedMemory).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? -1
            Issue.record("JIT memory differs from the interpreter's at 0x\(String(first, radix: 16))")
        }
        // Continue from the interpreter's state (identical when nothing was recorded).
        interpretedRegs.withUnsafeBufferPointer { regs.update(from: $0.baseAddress!, count: visible) }
        interpretedMemory.withUnsafeBytes { base.copyMemory(from: $0.baseAddress!, byteCount: Self.memorySize) }
        return exit
    }
}
