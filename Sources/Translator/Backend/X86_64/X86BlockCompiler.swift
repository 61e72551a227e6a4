/// Compiles one IR block to x86-64 code (v1: every IR operand is loaded from its frame slot
/// `[r15 + slot*8]` into a scratch register and every result stored back, so the frame is
/// exact after every op and exits need no write-back).
///
/// Pinned registers: r15 = CPU frame (`JITFrame`), r14 = guest memory base, r13 = page-flag
/// table, r12 = guest address-space size. Scratch: rax, rcx, rdx, rsi, rdi, r8–r11.
/// The lowering of each op class lives in its own file (`X86BlockCompiler+ALU.swift`, ...).
/// Code layout: instruction-count update, the ops in order, out-of-line exit stubs, then the
/// exit records (`JITExitRecord`).
public struct X86BlockCompiler {
    /// The emitted code.
    public var asm = X86Assembler()
    let block: UnsafeMutablePointer<TranslatedBlock>
    let features: X86HostFeatures
    /// Address of the `GuestMemory` value the atomics helper reads.
    let memoryDescriptor: UnsafeRawPointer
    /// The jump cache `jmpr` probes inline; nil: indirect exits return to the engine.
    public var jumpCache: X86JITBackend.JumpCache?
    /// Index of the op being lowered.
    var opIndex: UInt32 = 0
    /// Offset where each op's code starts (for `-d out_asm` and golden tests).
    public private(set) var opOffsets: [Int] = []

    struct Record {
        var label: X86Label
        var kind: UInt32
        var opIndex: UInt32
        var patchSite: Int?
    }
    var records: [Record] = []

    enum Stub {
        /// `mov [r15-8], rax`, then leave with the record (faults, written code: rax = address).
        case withAddress(X86Label, record: Int)
        /// Leave with the record.
        case plain(X86Label, record: Int)
        /// Set the pc to the direct target, then leave with the record.
        case direct(X86Label, record: Int, pc: UInt64)
    }
    var stubs: [Stub] = []

    /// A compiler for `block`.
    public init(block: UnsafeMutablePointer<TranslatedBlock>, features: X86HostFeatures, memoryDescriptor: UnsafeRawPointer) {
        self.block = block
        self.features = features
        self.memoryDescriptor = memoryDescriptor
    }

    /// Lowers the whole block; `asm.bytes` is then the finished, position-independent code.
    public mutating func compile() {
        let b = block.pointee
        asm.alu(.add, .b64, .mem(X86Mem(.r15, JITFrame.instructionsRetired)), imm: Int32(b.instructionCount))
        for i in 0..<Int(b.opCount) {
            opIndex = UInt32(i)
            opOffsets.append(asm.offset)
            let op = b.ops[i]
            lower(op, pointer: UnsafeRawPointer(b.ops + i))
            if op.opcode == .goto || op.opcode == .jmpr || op.opcode == .syscall || op.opcode == .trap { break }
        }
        opOffsets.append(asm.offset)
        emitStubs()
        emitRecords()
        asm.resolveFixups()
    }

    // MARK: frame access

    /// The frame slot `s` as a memory operand.
    @inline(__always) func slot(_ s: UInt16) -> X86Operand { .mem(X86Mem(.r15, Int32(s) * 8)) }

    /// `reg = slot s` (slot 0 reads as zero).
    mutating func load(_ reg: X86Reg, _ s: UInt16) {
        if s == IRSlot.zero { asm.alu(.xor, .b32, reg, reg) } else { asm.mov(.b64, reg, slot(s)) }
    }

    /// `slot s = reg`.
    mutating func store(_ s: UInt16, _ reg: X86Reg) { asm.mov(.b64, slot(s), reg) }

    /// `slot s = constant`.
    mutating func storeConstant(_ s: UInt16, _ value: Int64) {
        if X86Assembler.fitsInt32(value) {
            asm.mov(slot(s), imm32: Int32(value))
        } else {
            asm.movImm(.rax, UInt64(bitPattern: value))
            store(s, .rax)
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

    /// Leaves translated code inline: `lea rax, [rip + record]; ret`.
    mutating func leave(_ kind: ExitKind) {
        let r = newRecord(kind)
        asm.leaRIP(.rax, records[r].label)
        asm.ret()
    }

    /// A label for an out-of-line exit that stores rax as the exit address first.
    mutating func faultStub(_ kind: ExitKind) -> X86Label {
        let label = asm.newLabel()
        stubs.append(.withAddress(label, record: newRecord(kind)))
        return label
    }

    /// A label for an out-of-line exit without an address.
    mutating func plainStub(raw: UInt32) -> X86Label {
        let label = asm.newLabel()
        stubs.append(.plain(label, record: newRecord(raw: raw)))
        return label
    }

    /// A patchable `jmp rel32` that initially leaves with a direct exit to `pc` (chaining).
    mutating func directExit(_ kind: ExitKind, pc: UInt64) {
        let label = asm.newLabel()
        asm.alignWithNops(4, ahead: 1)
        let site = asm.jmp(label)
        stubs.append(.direct(label, record: newRecord(kind, patchSite: site), pc: pc))
    }

    /// `slot[pc] = value`.
    mutating func writePC(_ value: UInt64) { storeConstant(IRSlot.pc, Int64(bitPattern: value)) }

    private mutating func emitStubs() {
        for stub in stubs {
            switch stub {
            case .withAddress(let label, let r):
                asm.bind(label)
                asm.mov(.b64, .mem(X86Mem(.r15, JITFrame.exitAddress)), .rax)
                asm.leaRIP(.rax, records[r].label)
                asm.ret()
            case .plain(let label, let r):
                asm.bind(label)
                asm.leaRIP(.rax, records[r].label)
                asm.ret()
            case .direct(let label, let r, let pc):
                asm.bind(label)
                writePC(pc)
                asm.leaRIP(.rax, records[r].label)
                asm.ret()
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

    // MARK: dispatch

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
