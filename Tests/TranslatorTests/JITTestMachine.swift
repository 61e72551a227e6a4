@testable import Translator
import Glibc

/// Guest memory, a frame and a JIT backend for running hand-built IR blocks under both backends.
final class JITTestMachine {
    static let memorySize = 1 << 20
    static let slotCount = 96

    let base: UnsafeMutableRawPointer
    let pageFlags: UnsafeMutablePointer<UInt8>
    let memory: GuestMemory
    let regs: UnsafeMutablePointer<UInt64>
    let jit: X86JITBackend

    /// `pinned`: guest slots the JIT keeps in host registers across blocks (the riscv64 ones
    /// by default, so hand-built blocks run with pinning as guests do).
    init(features: X86HostFeatures = .host, pinned: [UInt16] = RISCV64Frontend.pinnedSlots) {
        // mmap'ed (zeroed): runs give its pages the host protections of their flags.
        base = mmap(nil, Self.memorySize, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)!
        let pages = Self.memorySize >> Int(GuestMemory.pageShift)
        pageFlags = .allocate(capacity: pages)
        pageFlags.initialize(repeating: PagePermission.read | PagePermission.write | PagePermission.mapped, count: pages)
        memory = GuestMemory(base: base, pageFlags: pageFlags, size: UInt64(Self.memorySize))
        regs = JITFrame.allocate(slots: Self.slotCount)
        jit = X86JITBackend(memory: memory, capacity: 1 << 20, features: features)!
        jit.pinnedSlots = pinned
    }

    deinit {
        munmap(base, Self.memorySize)
        pageFlags.deallocate()
        JITFrame.deallocate(regs)
    }

    /// A block of `ops` (the last must end the block), one guest instruction per op.
    static func block(_ ops: [IROp], pc: UInt64 = 0x1000) -> UnsafeMutablePointer<TranslatedBlock> {
        var b = IRBuilder(firstTemp: 80, tempCount: 16)
        for (i, op) in ops.enumerated() {
            b.beginInstruction(pc: pc + UInt64(4 * i))
            b.emit(op)
        }
        b.endPC = pc + UInt64(4 * ops.count)
        return TranslatedBlock.make(from: b, guestPC: pc, guestEnd: b.endPC)
    }

    /// Runs `block` once with the interpreter (host protections from the page flags, as the
    /// address space keeps them: the interpreter never faults on the host).
    func interpret(_ block: UnsafeMutablePointer<TranslatedBlock>) -> BlockExit {
        memory.applyHostProtection(0, UInt64(Self.memorySize), ignoringCode: true)
        defer { mprotect(base, Self.memorySize, PROT_READ | PROT_WRITE) }
        return Interpreter.run(block, regs: regs, memory: memory, counters: JITFrame.counters(of: regs))
    }

    /// Compiles and runs `block` once with the JIT; the exit as the engine would see it. While
    /// it runs, the pages have the host protections of their flags, and pages flagged
    /// `translated` are write-protected, as the translation cache does (the JIT's memory access
    /// relies on host faults); afterwards every page is read/write again for the test.
    func runJIT(_ block: UnsafeMutablePointer<TranslatedBlock>) -> BlockExit {
        let code = jit.compile(block)!
        memory.applyHostProtection(0, UInt64(Self.memorySize))
        defer { mprotect(base, Self.memorySize, PROT_READ | PROT_WRITE) }
        return Self.exit(of: jit.enter(code, frame: regs), frame: regs)
    }

    /// The `BlockExit` an exit record stands for, as the engine decodes it (the dynamic kind and
    /// the fault address live in the frame header).
    static func exit(of record: JITExitRecord, frame regs: UnsafeMutablePointer<UInt64>) -> BlockExit {
        var raw = record.rawKind
        if raw == JITExitRecord.dynamicKind { raw = UInt32(regs[-2]) }
        let kind = ExitKind(rawValue: UInt8(raw))!
        let address: UInt64
        switch kind {
        case .loadFault, .storeFault, .misalignedAtomic, .codeWritten, .trap: address = regs[-1]
        default: address = 0
        }
        return BlockExit(kind, opIndex: record.opIndex, address: address)
    }

    /// Host bytes of `block` compiled.
    func hostCode(_ ops: [IROp], features: X86HostFeatures = .host) -> [UInt8] {
        let block = Self.block(ops)
        defer { UnsafeMutableRawPointer(block).deallocate() }
        var c = X86BlockCompiler(block: block, features: features, memoryDescriptor: UnsafeRawPointer(jit.memoryDescriptor))
        c.compile()
        return c.asm.bytes
    }
}
