@testable import Translator
import Testing
import Glibc

/// binary64 arithmetic in xmm slots defers its NaN check (docs/jit.md, "Deferred NaN checks"):
/// chains whose NaN results (inf - inf, 0/0, NaN operands with payloads, signaling NaNs loaded
/// from memory) reach stores, sign injections, compares, side exits, faulting accesses, a
/// one-block loop's back edge and the block's end must leave exactly the interpreter's frame,
/// memory and exit.
@Suite("JIT deferred NaN checks vs interpreter")
struct JITDeferredNaNTests {
    typealias Rng = JITDifferentialTests.Rng

    /// F slots 20-23 (xmm registers), address slot 30, compare result 31, branch operands 32-33,
    /// loop counter 34. Page 0x11 is unmapped: an access off 0x11000 faults.
    static func randomBlock(_ rng: inout Rng, loops: Bool) -> [IROp] {
        let rne = FPMode.make(rounding: 0, nanBoxed: true, canonicalNaN: true)
        func f() -> UInt16 { UInt16(20 + rng.next() % 4) }
        var ops: [IROp] = []
        for _ in 0..<(4 + rng.next() % 10) {
            switch rng.next() % 12 {
            case 0: ops.append(IROp(.fadd64, d: f(), a: f(), b: f(), imm: rne))
            case 1: ops.append(IROp(.fsub64, d: f(), a: f(), b: f(), imm: rne))
            case 2: ops.append(IROp(.fmul64, d: f(), a: f(), b: f(), imm: rne))
            case 3: ops.append(IROp(.fdiv64, d: f(), a: f(), b: f(), imm: rne))
            case 4: ops.append(IROp(.fsqrt64, d: f(), a: f(), imm: rne))
            case 5: ops.append(IROp(.st64, a: 30, b: f(), imm: Int64(8 * (rng.next() % 4))))
            case 6: ops.append(IROp(.ld64, d: f(), a: 30, imm: Int64(8 * (rng.next() % 4))))
            case 7: ops.append(IROp(.fsgnj64, d: f(), a: f(), b: f(), imm: rne))
            case 8: ops.append(IROp(.fsgnjx64, d: f(), a: f(), b: f(), imm: rne))
            case 9: ops.append(IROp(.feq64, d: 31, a: f(), b: f(), imm: rne))
            case 10: ops.append(IROp(.brEq, a: 32, b: 33, imm: 0x3000))
            default: ops.append(IROp(.fmul64, d: 20, a: 20, b: 21, imm: rne))
            }
        }
        if loops {
            ops.append(IROp(.addi, d: 34, a: 34, imm: -1))
            ops.append(IROp(.brNe, a: 34, b: IRSlot.zero, imm: 0x1000))
        }
        ops.append(IROp(.goto, imm: 0x2000))
        return ops
    }

    @Test("Random binary64 chains agree", arguments: [false, true])
    func chainsAgree(loops: Bool) {
        let interp = JITTestMachine(), jitMachine = JITTestMachine()
        var rng = Rng(state: loops ? 7 : 5)
        let specials: [UInt64] = [0x7ff0_0000_0000_0000, 0xfff0_0000_0000_0000, 0, 0x8000_0000_0000_0000, 0x7ff8_0000_0000_1234,
                              0xfff8_0000_0000_0000, 0x7ff0_0000_0000_0001, 0xfff4_0000_0000_0abc, 0x3ff0_0000_0000_0000]
        for iteration in 0..<600 {
            let ops = Self.randomBlock(&rng, loops: loops)
            let block = JITTestMachine.block(ops)
            defer { UnsafeMutableRawPointer(block).deallocate() }
            let values = (0..<4).map { _ in rng.next() % 2 == 0 ? specials[Int(rng.next() % UInt64(specials.count))] : JITFloatTests.value64(&rng) }
            let memoryValues = (0..<4).map { _ in specials[Int(rng.next() % UInt64(specials.count))] }
            let address: UInt64 = rng.next() % 5 == 0 ? 0x11000 : 0x9000
            let same = rng.next() % 3 == 0
            let count = 1 + rng.next() % 3
            for m in [interp, jitMachine] {
                for s in 0..<JITTestMachine.slotCount { m.regs[s] = 0 }
                m.pageFlags[0x11] = 0
                for s in 0..<4 { m.regs[20 + s] = values[s] }
                m.regs[30] = address
                m.regs[32] = 1
                m.regs[33] = same ? 1 : 2
                m.regs[34] = count
                for (i, v) in memoryValues.enumerated() { (m.base + 0x9000 + 8 * i).storeBytes(of: v, as: UInt64.self) }
            }
            var a = interp.interpret(block)
            // The interpreter leaves at the back edge; the JIT loops inside the block.
            while loops && a.kind == .direct1 && Int(a.opIndex) == ops.count - 2 { a = interp.interpret(block) }
            let b = jitMachine.runJIT(block)
            let label = "#\(iteration) \(ops.map { "\($0.opcode) d\($0.d) a\($0.a) b\($0.b)" }) from \(values.map { String($0, radix: 16) })"
            #expect(a.kind == b.kind && a.opIndex == b.opIndex, "\(label): exit \(a.kind)/\(a.opIndex) vs JIT \(b.kind)/\(b.opIndex)")
            for s in 0..<JITTestMachine.slotCount where interp.regs[s] != jitMachine.regs[s] {
                Issue.record("\(label): slot \(s): interpreter 0x\(String(interp.regs[s], radix: 16)), JIT 0x\(String(jitMachine.regs[s], radix: 16))")
                return
            }
            #expect(memcmp(interp.base + 0x9000, jitMachine.base + 0x9000, 32) == 0, "\(label): memory")
            jitMachine.jit.reset()
        }
    }
}
