@testable import Translator
import Testing

/// Blocks that follow direct calls into their callee and its return back into the caller
/// (`RISCV64Frontend.maxFollowedCalls`, docs/riscv64-frontend.md "Blocks"): the IR, and
/// programs under every backend whose callees return, call again, fault, or are rewritten.
@Suite("Blocks through direct calls")
struct FollowedCallTests {
    static func run(_ code: [UInt32], _ initial: RandomMachineState = RandomMachineState()) -> [(RandomProgramBackend, RandomProgramMachine.Outcome)] {
        RandomProgramMachine.runUnderEveryBackend(code, initial: initial, origin: "followed calls")
    }

    @Test("A leaf call and its return are one block: the link, the callee, then the caller")
    func blockIR() {
        let m = RISCV64TestMachine()
        // 0: jal ra, 12; 4: addi a0, a0, 1; 8: ebreak; 12: addi a0, a0, 2; 16: ret
        m.code([0x00c0_00ef, 0x0015_0513, 0x0010_0073, 0x0025_0513, 0x0000_8067])
        let b = m.translate(maxInstructions: 16)
        let base = RISCV64TestMachine.codeAddress
        #expect(b.instructionPCs == [base, base + 12, base + 16, base + 4, base + 8])
        let kinds = b.ops.map(\.opcode)
        #expect(kinds == [.movi, .addi, .addi, .trap], "\(kinds)")
        #expect(b.ops[0].d == RISCV64Frontend.xSlot(1) && UInt64(bitPattern: b.ops[0].imm) == base + 4)
        #expect(b.opInstruction == [0, 1, 3, 4], "the return keeps its instruction, without ops")
        // With a one-instruction limit (-one-insn-per-tb) the call ends the block.
        #expect(m.translate(maxInstructions: 1).ops.map(\.opcode) == [.movi, .goto])
    }

    /// `jal ra, f` twice around code that counts; f: `addi a0, a0, 1; ret`. A non-leaf g
    /// (saves ra, calls f, restores ra, returns) is followed too, and its own return, after
    /// the restore, is an ordinary one.
    @Test("Calls and returns followed in blocks give every backend the same state")
    func callsAndReturns() {
        let code: [UInt32] = [
            0x0140_00ef,  // 0: jal ra, f (20)
            0x0100_00ef,  // 4: jal ra, f
            0x0180_00ef,  // 8: jal ra, g (32)
            0x0015_8593,  // 12: addi a1, a1, 1
            0x0300_006f,  // 16: j end (64)
            0x0015_0513,  // 20: f: addi a0, a0, 1
            0x0000_8067,  // 24: ret
            0x0000_0013,  // 28: nop
            0xff01_0113,  // 32: g: addi sp, sp, -16
            0x0011_3423,  // 36: sd ra, 8(sp)
            0xfedf_f0ef,  // 40: jal ra, f (20)
            0x0081_3083,  // 44: ld ra, 8(sp)
            0x0101_0113,  // 48: addi sp, sp, 16
            0x0065_0513,  // 52: addi a0, a0, 6
            0x0000_8067,  // 56: ret
            0x0000_0013,  // 60: nop
        ]
        var initial = RandomMachineState()
        initial.x[2] = RandomProgramLayout.stackPointer
        for (backend, outcome) in Self.run(code, initial) {
            guard case .finished(let s) = outcome else { Issue.record("\(backend): \(outcome)"); continue }
            let base = RandomProgramLayout.codeAddress(slot: 0)
            #expect(s.x[10] == 9 && s.x[11] == 1 && s.x[1] == base + 12 && s.x[2] == RandomProgramLayout.stackPointer, "\(backend)")
        }
    }

    /// A callee that moves its link register returns where it now points, not to the call's
    /// link value: f skips the caller's next instruction.
    @Test("A return through a changed link register goes where it points")
    func changedLink() {
        // 0: jal ra, f; 4: addi a0, a0, 1; 8: addi a0, a0, 10; 12: j end; 16: f: addi ra, ra, 4; 20: ret
        for (backend, outcome) in Self.run([0x0100_00ef, 0x0015_0513, 0x00a5_0513, 0x00c0_006f, 0x0040_8093, 0x0000_8067]) {
            guard case .finished(let s) = outcome else { Issue.record("\(backend): \(outcome)"); continue }
            #expect(s.x[10] == 10, "\(backend): a0 = \(s.x[10])")
        }
    }

    /// A load fault in a followed callee stops at the callee's instruction with the link set.
    @Test("A fault in a followed callee is precise")
    func faultInCallee() {
        // 0: jal ra, f (8); 4: j end (16); 8: f: ld a1, 0(a2); 12: ret
        var initial = RandomMachineState()
        initial.x[12] = 0x3f_0000  // unmapped
        let outcomes = Self.run([0x0080_00ef, 0x00c0_006f, 0x0006_3583, 0x0000_8067], initial)
        let pc = RandomProgramLayout.codeAddress(slot: 0) + 8
        for (backend, outcome) in outcomes {
            #expect(outcome == .stopped("stopped by loadFault (detail 0x3f0000) at pc 0x\(String(pc, radix: 16))"), "\(backend): \(outcome)")
        }
    }

    /// The callee lies on the next page, outside the caller's run of code: after the first
    /// call the program rewrites its first instruction (`addi a0, a0, 1` → `addi a0, a0, 100`)
    /// and calls it again, which must run the new code (the block that followed the call
    /// covers the callee's page too).
    @Test("A rewritten callee on another page runs its new code")
    func rewrittenCallee() {
        var code: [UInt32] = [
            0x1010_00ef,  // 0x00: jal ra, f (0x900)
            0x0000_0317,  // 0x04: auipc t1, 0
            0x7d03_0313,  // 0x08: addi t1, t1, 2000
            0x0645_03b7,  // 0x0c: lui t2, 0x6450
            0x5133_8393,  // 0x10: addi t2, t2, 0x513       (t2 = addi a0, a0, 100)
            0x1273_2623,  // 0x14: sw t2, 300(t1)           (0x04 + 2000 + 300 = 0x900)
            0x0e90_00ef,  // 0x18: jal ra, f
            0x0ed0_006f,  // 0x1c: j end (0x908)
        ]
        code += [UInt32](repeating: 0x0000_0013, count: (0x900 - 0x20) / 4)
        code += [0x0015_0513, 0x0000_8067]  // 0x900: f: addi a0, a0, 1; ret
        for (backend, outcome) in Self.run(code) {
            guard case .finished(let s) = outcome else { Issue.record("\(backend): \(outcome)"); continue }
            #expect(s.x[10] == 101, "\(backend): a0 = \(s.x[10])")
        }
    }
}
