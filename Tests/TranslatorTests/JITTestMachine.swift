@testable import Translator
import Glibc

/// Guest memory, a frame and a JIT backend for running hand-built IR blocks under both backends.
final class JITTestMachine {
    static let memorySize = 1 << 20
    static let slotCount = 96
    static let guardBytes = 64 << 10

    let base: UnsafeMutableRawPointer
    let pageFlags: UnsafeMutablePointer<UInt8>
    let memory: GuestMemory
    let regs: UnsafeMutablePointer<UInt64>
    let jit: X86JITBackend

    /// `pinned`: guest slots the JIT keeps in host registers across blocks (the riscv64 ones
    /// by default, so hand-built blocks run with pinning as guests do).
    init(features: X86HostFeatures = .host, pinned: [UInt16] = RISCV64Frontend.pinnedSlots) {
        // mmap'ed (zeroed): runs give its pages the host protections of their flags. Guard zones
        // on both sides, as the emulator's address space has, so that checked bases are used.
        let reservation = mmap(nil, Self.memorySize + 2 * Self.guardBytes, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0)!
        base = reservation + Self.guardBytes
        mprotect(base, Self.memorySize, PROT_READ | PROT_WRITE)
        let pages = Self.memorySize >> Int(GuestMemory.pageShift)
        pageFlags = .allocate(capacity: pages)
        pageFlags.initialize(repeating: PagePermission.read | PagePermission.write | PagePermission.mapped, count: pages)
        memory = GuestMemory(base: base, pageFlags: pageFlags, size: UInt64(Self.memorySize), guardBytes: UInt64(Self.guardBytes))
        regs = JITFrame.allocate(slots: Self.slotCount)
        jit = X86JITBackend(memory: memory, capacity: 1 << 20, features: features)!
        jit.pinnedSlots = pinned
    }

    deinit {
        munmap(base - Self.guardBytes, Self.memorySize + 2 * Self.guardBytes)
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
    ///
    /// A direct exit to an instruction of the block itself (a failed base check leaves after
    /// the access: docs/jit.md, "Checked bases") goes on there, as the engine would, with the
    /// rest of the block (blocks built by `block(_:pc:)`: one op per 4-byte instruction); the
    /// returned op index counts from the original block.
    func runJIT(_ block: UnsafeMutablePointer<TranslatedBlock>) -> BlockExit {
        memory.applyHostProtection(0, UInt64(Self.memorySize))
        defer { mprotect(base, Self.memorySize, PROT_READ | PROT_WRITE) }
        let b = block.pointee
        var current = block
        var first = 0
        let initialPC = regs[Int(IRSlot.pc)]
        while true {
            let code = jit.compile(current)!
            let exit = Self.exit(of: jit.enter(code, frame: regs), frame: regs)
            if exit.kind == .interpretBlock {
                // As the engine does: the interpreter runs the block instead.
                let result = interpret(current)
                if current != block { UnsafeMutableRawPointer(current).deallocate() }
                return BlockExit(result.kind, opIndex: result.opIndex + UInt32(first), address: result.address)
            }
            if current != block { UnsafeMutableRawPointer(current).deallocate() }
            let pc = regs[Int(IRSlot.pc)]
            guard exit.kind == .direct0, pc > b.guestPC, pc < b.guestEnd else {
                return BlockExit(exit.kind, opIndex: exit.opIndex + UInt32(first), address: exit.address)
            }
            first = Int(pc - b.guestPC) / 4
            current = Self.block((first..<Int(b.opCount)).map { b.ops[$0] }, pc: pc)
            // Exits that leave the pc to the engine (faults) must find it as one run would.
            regs[Int(IRSlot.pc)] = initialPC
        }
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
