@testable import Translator
import Testing
import Glibc

/// Random multi-op blocks (2–20 ops over a few slots, so slots are reused and cached in host
/// registers; ending in `goto`, `jmpr`, `syscall` or `trap`) run under the interpreter and the JIT: exit, full frame and guest memory must
/// agree. Catches slot-cache bugs (stale registers, missing write-backs at exits and around
/// helper calls) that one-op blocks cannot.
@Suite("JIT vs interpreter, random blocks")
struct JITBlockDifferentialTests {
    /// Slots the random ops use: zero, guest registers, temporaries.
    static let pool: [UInt16] = [0, 17, 18, 19, 20, 21, 22, 23, 24, 80, 81, 82]
    /// Slot holding a valid base address (read, never written, by the random ops).
    static let baseSlot: UInt16 = 30

    static let integerOps: [IROpcode] = IROpcode.allCases.filter {
        let f = $0.info.flags
        return !f.contains(.memory) && !f.contains(.floatingPoint) && !f.contains(.endsBlock) && !f.contains(.mayExit)
            && !f.contains(.sideEffects) && $0 != .rdcounter
    }
    static let memoryOps: [IROpcode] = [.ld8u, .ld8s, .ld16u, .ld16s, .ld32u, .ld32s, .ld64, .st8, .st16, .st32, .st64]
    static let branchOps: [IROpcode] = [.brEq, .brNe, .brLts, .brGes, .brLtu, .brGeu]
    static let opaqueOps: [IROpcode] = [.fadd64, .fmul32, .fmadd64, .fcvtsi64, .fcvt64toi, .feq64, .orcb, .amo, .ldres, .stcond, .fsgnj64]

    static func randomOp(_ rng: inout JITDifferentialTests.Rng, pc: UInt64) -> IROp {
        func s() -> UInt16 { pool[Int(rng.next() % UInt64(pool.count))] }
        func dst() -> UInt16 { let d = s(); return d == 0 ? 6 : d }
        let r = rng.next() % 100
        if r < 55 {
            let code = integerOps[Int(rng.next() % UInt64(integerOps.count))]
            var op = IROp(code, d: dst(), a: s(), b: s(), imm: Int64(bitPattern: rng.value()))
            if rng.next() % 2 == 0 { op.imm = Int64(rng.next() % 64) - 32 }
            if code == .sel { op.imm = Int64(s()) << 16 }
            return op
        }
        if r < 80 {
            // The base moved by a little: a checked base stays checked (docs/jit.md, "Checked bases").
            if rng.next() % 6 == 0 { return IROp(.addi, d: baseSlot, a: baseSlot, imm: Int64(rng.next() % 97) - 48) }
            let code = memoryOps[Int(rng.next() % UInt64(memoryOps.count))]
            let a = rng.next() % 5 == 0 ? s() : baseSlot
            let imm = Int64(rng.next() % 64) - 8
            if code.rawValue >= IROpcode.st8.rawValue { return IROp(code, a: a, b: s(), imm: imm) }
            return IROp(code, d: dst(), a: a, imm: imm)
        }
        if r < 88 {
            let code = branchOps[Int(rng.next() % UInt64(branchOps.count))]
            return IROp(code, a: s(), b: s(), imm: Int64(pc + 0x100))
        }
        let code = opaqueOps[Int(rng.next() % UInt64(opaqueOps.count))]
        switch code {
        case .amo, .stcond: return IROp(code, d: dst(), a: baseSlot, b: s(), imm: 8 | Int64(rng.next() % 9) << 8)
        case .ldres: return IROp(code, d: dst(), a: baseSlot, imm: 8)
        case .orcb: return IROp(code, d: dst(), a: s())
        case .fcvtsi64, .fcvt64toi: return IROp(code, d: dst(), a: s(), b: UInt16(rng.next() % 4), imm: FPMode.make(rounding: 0, nanBoxed: true, canonicalNaN: true, c: 0))
        default: return IROp(code, d: dst(), a: s(), b: s(), imm: FPMode.make(rounding: Int64(rng.next() % 5), nanBoxed: true, canonicalNaN: true, c: s()))
        }
    }

    @Test("Random blocks agree", arguments: 0..<8)
    func blocksAgree(_ seed: Int) {
        let interp = JITTestMachine(), jitMachine = JITTestMachine()
        var rng = JITDifferentialTests.Rng(state: UInt64(seed) &* 104_729 &+ 1)
        for _ in 0..<250 {
            let count = 2 + Int(rng.next() % 19)
            var ops: [IROp] = []
            for i in 0..<count { ops.append(Self.randomOp(&rng, pc: 0x1000 + UInt64(4 * i))) }
            // Every kind of block end, so each exit path's write-backs are compared.
            switch rng.next() % 4 {
            case 0: ops.append(IROp(.jmpr, a: Self.pool[Int(rng.next() % UInt64(Self.pool.count))]))
            case 1: ops.append(IROp(.syscall, imm: 0x1000 + 4 * Int64(count + 1)))
            case 2: ops.append(IROp(.trap, a: UInt16(rng.next() % 4), imm: 0x1000 + 4 * Int64(count)))
            default: ops.append(IROp(.goto, imm: 0x2000))
            }
            var slots = (0..<JITTestMachine.slotCount).map { _ in rng.value() }
            slots[0] = 0
            slots[Int(IRSlot.fpRoundingMode)] = 0
            slots[Int(Self.baseSlot)] = 0x20000 + (rng.next() & 0xff8)
            if rng.next() % 8 == 0 { slots[Int(Self.baseSlot)] = 0x10ff0 }  // near the read-only page
            // At the end of the address space: a checked base fails its test, yet offset -8 is
            // valid (the JIT's failed-check path: exact access, then leave at the next instruction).
            if rng.next() % 8 == 0 { slots[Int(Self.baseSlot)] = UInt64(JITTestMachine.memorySize) }
            // Just below it: the base passes its test, and accesses after an addi reach past the end.
            if rng.next() % 8 == 0 { slots[Int(Self.baseSlot)] = UInt64(JITTestMachine.memorySize) - 8 * (rng.next() % 4 + 1) }
            let block = JITTestMachine.block(ops)
            defer { UnsafeMutableRawPointer(block).deallocate() }
            for m in [interp, jitMachine] {
                m.pageFlags[0x11] = PagePermission.read | PagePermission.mapped
                m.pageFlags[0x1] = PagePermission.read | PagePermission.write | PagePermission.mapped | PagePermission.translated
                for i in 0..<slots.count { m.regs[i] = slots[i] }
                for i in 0..<0x2000 { (m.base + 0x20000 + i).storeBytes(of: UInt8(truncatingIfNeeded: i &* 37), as: UInt8.self) }
            }
            let a = interp.interpret(block)
            let b = jitMachine.runJIT(block)
            let label = ops.map { "\($0.opcode) d\($0.d) a\($0.a) b\($0.b) i\($0.imm)" }.joined(separator: "; ")
            // An indirect exit's op index is not part of its meaning (the engine reads only the pc
            // slot), and a probe that jumps through an uncompiled entry leaves from no block's code.
            #expect(a.kind == b.kind && (a.opIndex == b.opIndex || a.kind == .indirect),
                    "\(label): exit \(a.kind)/\(a.opIndex) vs JIT \(b.kind)/\(b.opIndex)")
            var same = true
            for i in 0..<JITTestMachine.slotCount where interp.regs[i] != jitMachine.regs[i] {
                Issue.record("\(label): slot \(i): interpreter 0x\(String(interp.regs[i], radix: 16)), JIT 0x\(String(jitMachine.regs[i], radix: 16))")
                same = false
                break
            }
            let memorySame = memcmp(interp.base, jitMachine.base, JITTestMachine.memorySize) == 0
            #expect(memorySame, "\(label): guest memory differs")
            if !same || !memorySame { return }
            jitMachine.jit.reset()
        }
    }
}
