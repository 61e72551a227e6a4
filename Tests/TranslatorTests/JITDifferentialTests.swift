@testable import Translator
import Testing
import Glibc

/// Every IR opcode, random and boundary operands: a one-op block (plus `goto`) runs under the
/// interpreter and the JIT, and the full frame, guest memory and exit must agree.
@Suite("JIT vs interpreter, op by op")
struct JITDifferentialTests {
    static let special: [UInt64] = [
        0, 1, 2, 3, 31, 32, 63, 64, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, 0x7fff_ffff, 0x8000_0000, 0xffff_ffff,
        0x1_0000_0000, 0x7fff_ffff_ffff_ffff, 0x8000_0000_0000_0000, UInt64.max, UInt64.max - 1,
        0x3ff0_0000_0000_0000, 0x7ff8_0000_0000_0000, 0xffff_ffff_3f80_0000, 0xffff_ffff_7fc0_0000, 0x7ff0_0000_0000_0000,
    ]

    /// `RandomProgramRNG` (SplitMix64) with operand values biased towards edge cases.
    struct Rng {
        private var generator: RandomProgramRNG
        init(state: UInt64) { generator = RandomProgramRNG(seed: state) }
        mutating func next() -> UInt64 { generator.next() }
        mutating func value() -> UInt64 {
            switch next() % 4 {
            case 0: return JITDifferentialTests.special[Int(next() % UInt64(JITDifferentialTests.special.count))]
            case 1: return next() & 0xffff
            case 2: return UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: next())))
            default: return next()
            }
        }
    }

    /// Addresses around the edges of the 1 MiB test memory and of a protected page.
    static func address(_ rng: inout Rng) -> UInt64 {
        let choices: [UInt64] = [0x9000, 0x9ff9, 0x9ffc, 0x9fff, 0xa000 - 4, 0x0ff8, 0x10000 - 3, 0x10000, 0xfffff, 0xffff8,
                                 0x100000, 0x100000 - 1, UInt64.max, UInt64.max - 7, 0x5_0000_0000, 0x20000 + (rng.next() & 0xfff)]
        return choices[Int(rng.next() % UInt64(choices.count))]
    }

    static let skipped: Set<IROpcode> = [.rdcounter]

    @Test("Each opcode agrees on random operands", arguments: IROpcode.allCases.filter { !skipped.contains($0) })
    func opcodeAgrees(_ opcode: IROpcode) {
        let interp = JITTestMachine(), jitMachine = JITTestMachine()
        var rng = Rng(state: UInt64(opcode.rawValue) &* 7919)
        for _ in 0..<300 {
            // Page 0x10 is read-only, page 0x11 unmapped, page 0x1 holds translated code.
            for m in [interp, jitMachine] {
                m.pageFlags[0x10] = PagePermission.read | PagePermission.mapped
                m.pageFlags[0x11] = 0
                m.pageFlags[0x1] = PagePermission.read | PagePermission.write | PagePermission.mapped | PagePermission.translated
            }
            var op = IROp(opcode, d: 20, a: 21, b: 22, imm: Int64(bitPattern: rng.value()))
            var slots = (0..<JITTestMachine.slotCount).map { _ in rng.value() }
            slots[0] = 0
            slots[Int(IRSlot.fpRoundingMode)] = rng.next() % 8
            let info = opcode.info
            if info.flags.contains(.memory) {
                slots[21] = Self.address(&rng)
                op.imm = Int64(rng.next() % 16) - 8
                if opcode == .amo || opcode == .ldres || opcode == .stcond {
                    op.imm = (rng.next() & 1 == 0 ? 4 : 8) | Int64(rng.next() % 9) << 8
                    if rng.next() & 1 == 0 { slots[Int(IRSlot.reservationAddress)] = slots[21] }
                }
            }
            if info.flags.contains(.floatingPoint) {
                let rounding: Int64 = rng.next() % 4 == 0 ? 7 : Int64(rng.next() % 6)
                op.imm = FPMode.make(rounding: rounding, nanBoxed: rng.next() & 1 == 0, canonicalNaN: rng.next() & 1 == 0, c: 23)
                if opcode == .fcvtsi32 || opcode == .fcvtsi64 || opcode == .fcvt32toi || opcode == .fcvt64toi { op.b = UInt16(rng.next() % 4) }
            }
            if opcode == .sel { op.imm = 23 << 16; if rng.next() & 1 == 0 { slots[21] = 0 } }
            if opcode == .trap { op.a = UInt16(rng.next() % 4) }
            if info.operands.contains("b") && rng.next() % 4 == 0 { op.b = op.a }  // same slot twice
            if info.operands.contains("a") && rng.next() % 8 == 0 { op.a = 0 }     // the zero slot
            let ops = [op, IROp(.goto, imm: 0x2000)]
            let block = JITTestMachine.block(ops)
            defer { UnsafeMutableRawPointer(block).deallocate() }
            for m in [interp, jitMachine] {
                for i in 0..<slots.count { m.regs[i] = slots[i] }
                for i in 0..<8 { (m.base + 0x9ff8 + i).storeBytes(of: UInt8(truncatingIfNeeded: slots[30] >> (8 * UInt64(i))), as: UInt8.self) }
            }
            let a = interp.interpret(block)
            let b = jitMachine.runJIT(block)
            let label = "\(opcode) d=\(op.d) a=\(op.a) b=\(op.b) imm=0x\(String(UInt64(bitPattern: op.imm), radix: 16)) a=0x\(String(slots[Int(op.a)], radix: 16)) b=0x\(String(slots[Int(op.b)], radix: 16))"
            #expect(a.kind == b.kind && a.opIndex == b.opIndex, "\(label): exit \(a.kind)/\(a.opIndex) vs JIT \(b.kind)/\(b.opIndex)")
            if a.kind == b.kind, [.loadFault, .storeFault, .misalignedAtomic, .codeWritten, .trap].contains(a.kind) {
                #expect(a.address == b.address, "\(label): exit address 0x\(String(a.address, radix: 16)) vs 0x\(String(b.address, radix: 16))")
            }
            for i in 0..<JITTestMachine.slotCount where interp.regs[i] != jitMachine.regs[i] {
                Issue.record("\(label): slot \(i): interpreter 0x\(String(interp.regs[i], radix: 16)), JIT 0x\(String(jitMachine.regs[i], radix: 16))")
                break
            }
            if info.flags.contains(.sideEffects) {
                let same = memcmp(interp.base, jitMachine.base, JITTestMachine.memorySize) == 0
                #expect(same, "\(label): guest memory differs")
                if !same { return }
            }
            jitMachine.jit.reset()
        }
    }

    @Test("Fallbacks without lzcnt/tzcnt/popcnt agree", arguments: [IROpcode.clz, .ctz, .popcnt, .clz32, .ctz32, .popcnt32, .orcb])
    func fallbacksAgree(_ opcode: IROpcode) {
        let interp = JITTestMachine(), jitMachine = JITTestMachine(features: .baseline)
        var rng = Rng(state: 42)
        for _ in 0..<200 {
            let v = rng.value()
            let block = JITTestMachine.block([IROp(opcode, d: 20, a: 21), IROp(.goto, imm: 0x2000)])
            defer { UnsafeMutableRawPointer(block).deallocate() }
            interp.regs[21] = v; jitMachine.regs[21] = v
            _ = interp.interpret(block)
            _ = jitMachine.runJIT(block)
            #expect(interp.regs[20] == jitMachine.regs[20], "\(opcode)(0x\(String(v, radix: 16)))")
            jitMachine.jit.reset()
        }
    }
}
