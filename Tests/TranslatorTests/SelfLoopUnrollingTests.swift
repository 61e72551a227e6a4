@testable import Translator
import Testing

/// Unrolled one-block loops (`TranslatedBlock.unrolledSelfLoop`, docs/jit.md "Unrolled loops"):
/// the IR it builds, the shapes it leaves alone, and loops that leave at every copy or fault
/// in a later one under every backend.
@Suite("Unrolled one-block loops")
struct SelfLoopUnrollingTests {
    /// A block of one op per instruction at 0x1000, 0x1004, ... (the last two ops, the loop's
    /// branch and the `goto` out, share the last instruction).
    static func block(_ ops: [IROp]) -> UnsafeMutablePointer<TranslatedBlock> {
        var b = IRBuilder(firstTemp: 80, tempCount: 16)
        for (i, op) in ops.enumerated() {
            if i < ops.count - 1 { b.beginInstruction(pc: 0x1000 + 4 * UInt64(i)) }
            b.emit(op)
        }
        b.endPC = 0x1000 + 4 * UInt64(ops.count - 1)
        return TranslatedBlock.make(from: b, guestPC: 0x1000, guestEnd: b.endPC)
    }

    @Test("A small loop is copied four times with inverted branches out between the copies")
    func unrollsFourTimes() throws {
        let loop = Self.block([IROp(.addi, d: 20, a: 20, imm: 1), IROp(.st64, a: 21, b: 20), IROp(.addi, d: 21, a: 21, imm: 8),
                               IROp(.brLtu, a: 21, b: 22, imm: 0x1000), IROp(.goto, imm: 0x1010)])
        defer { UnsafeMutableRawPointer(loop).deallocate() }
        let unrolled = try #require(TranslatedBlock.unrolledSelfLoop(loop))
        defer { UnsafeMutableRawPointer(unrolled).deallocate() }
        let u = unrolled.pointee
        #expect(u.opCount == 17 && u.instructionCount == 16 && u.guestPC == 0x1000 && u.guestEnd == 0x1010)
        for copy in 0..<4 {
            for k in 0..<4 {
                let i = 4 * copy + k
                let op = u.ops[i], original = loop.pointee.ops[k]
                #expect(u.opInstruction[i] == UInt16(i) && u.instructionPCs[i] == 0x1000 + 4 * UInt64(k))
                if k < 3 {
                    #expect(op.opcode == original.opcode && op.d == original.d && op.a == original.a && op.imm == original.imm)
                } else if copy < 3 {
                    #expect(op.opcode == .brGeu && op.a == 21 && op.b == 22 && op.imm == 0x1010, "copy \(copy): \(op.opcode) to \(op.imm)")
                } else {
                    #expect(op.opcode == .brLtu && op.imm == 0x1000)
                }
            }
        }
        #expect(u.ops[16].opcode == .goto && u.ops[16].imm == 0x1010 && u.opInstruction[16] == 15)
    }

    @Test("Loops of other shapes are left alone")
    func leavesOtherShapesAlone() {
        let add = IROp(.addi, d: 20, a: 20, imm: 1)
        let shapes: [[IROp]] = [
            [add, IROp(.brNe, a: 20, b: 22, imm: 0x2000), IROp(.goto, imm: 0x1000)],          // branch out, goto back
            [add, IROp(.brEq, a: 20, b: 22, imm: 0x3000), add, IROp(.brNe, a: 20, b: 22, imm: 0x1000), IROp(.goto, imm: 0x1010)],
            [IROp(.rdcounter, d: 20), IROp(.brNe, a: 20, b: 22, imm: 0x1000), IROp(.goto, imm: 0x1008)],
            [add, IROp(.brNe, a: 20, b: 22, imm: 0x1000), IROp(.goto, imm: 0x1000)],          // both ways back
            [add, IROp(.goto, imm: 0x1000)],
            [IROp](repeating: add, count: 25) + [IROp(.brNe, a: 20, b: 22, imm: 0x1000), IROp(.goto, imm: 0x1068)],
        ]
        for ops in shapes {
            let loop = Self.block(ops)
            defer { UnsafeMutableRawPointer(loop).deallocate() }
            #expect(TranslatedBlock.unrolledSelfLoop(loop) == nil, "\(ops.map(\.opcode))")
        }
        // 9 to 24 body ops: twice.
        let medium = Self.block([IROp](repeating: add, count: 9) + [IROp(.brNe, a: 20, b: 22, imm: 0x1000), IROp(.goto, imm: 0x1028)])
        defer { UnsafeMutableRawPointer(medium).deallocate() }
        let twice = TranslatedBlock.unrolledSelfLoop(medium)
        #expect(twice?.pointee.instructionCount == 20)
        if let twice { UnsafeMutableRawPointer(twice).deallocate() }
    }

    /// `loop: addi a0, a0, 3; sd a0, 0(a1); addi a1, a1, 8; addi t0, t0, -1; bnez t0, loop`.
    static let storeLoop: [UInt32] = [0x0035_0513, 0x00a5_b023, 0x0085_8593, 0xfff2_8293, 0xfe02_98e3]

    static func storeLoopProgram(count: UInt64, pointer: UInt64) -> RandomProgram {
        var initial = RandomMachineState()
        initial.x[5] = count
        initial.x[11] = pointer
        return RandomProgram(initial: initial, groups: [storeLoop.map { RandomInstruction(bits: $0, length: 4) }],
                             codeAddress: RandomProgramLayout.codeAddress(slot: 0), origin: "store loop")
    }

    /// The loop's registers, its stores and the instructions counted, for every trip count up
    /// to two rounds of four copies and one more.
    @Test("A loop leaves right after any copy", arguments: 1...9)
    func leavesAfterAnyCopy(_ count: Int) {
        let base = RandomProgramLayout.scratchBase
        for backend in RandomProgramBackend.available {
            var retired: UInt64 = 0
            guard case .finished(let state) = RandomProgramMachine.run(Self.storeLoopProgram(count: UInt64(count), pointer: base), backend: backend,
                                                                       retired: &retired) else {
                Issue.record("\(backend) did not reach the ebreak")
                continue
            }
            #expect(state.x[10] == 3 * UInt64(count) && state.x[11] == base + 8 * UInt64(count) && state.x[5] == 0, "\(backend)")
            // Five instructions an iteration, and the ebreak: the copies not run are not counted.
            #expect(retired == 5 * UInt64(count) + 1, "\(backend): \(retired) instructions retired")
            for i in 0..<count {
                let word = (0..<8).reduce(UInt64(0)) { $0 | UInt64(state.memory[8 * i + $1]) << (8 * UInt64($1)) }
                #expect(word == 3 * UInt64(i + 1), "\(backend): store \(i)")
            }
        }
    }

    /// The third store hits the unmapped page after the scratch area: every backend stops at
    /// the `sd` with the faulting address.
    @Test("A fault in a later copy is precise")
    func faultInLaterCopy() {
        let program = Self.storeLoopProgram(count: 9, pointer: 0x20_1ff0)
        let expected = "stopped by storeFault (detail 0x202000) at pc 0x\(String(program.codeAddress + 4, radix: 16))"
        for backend in RandomProgramBackend.available {
            #expect(RandomProgramMachine.run(program, backend: backend) == .stopped(expected), "\(backend)")
        }
    }
}
