@testable import Translator
import Testing

/// Pins the size of the host code emitted per IR op (FEX InstructionCountCI style): a change in
/// the lowering shows up as a diff here. Sizes exclude the block prologue, stubs and records, and include NOPs that align patchable jumps.
@Suite("JIT code size per IR op (golden)")
struct JITCodeGoldenTests {
    /// (op, host bytes of its lowering: one-use slots stay in the frame (no slot is cached in a
    /// one-op block), memory access through the aligned fast check (v2)).
    static let golden: [(IROp, Int)] = [
        (IROp(.add, d: 20, a: 21, b: 22), 21),
        (IROp(.addi, d: 20, a: 21, imm: 16), 18),
        (IROp(.movi, d: 20, imm: 5), 11),
        (IROp(.sltu, d: 20, a: 21, b: 22), 26),
        (IROp(.add32, d: 20, a: 21, b: 22), 24),
        (IROp(.divs, d: 20, a: 21, b: 22), 65),
        (IROp(.ld64, d: 20, a: 21, imm: 8), 51),
        (IROp(.st64, a: 21, b: 22, imm: 8), 57),
        (IROp(.brEq, a: 21, b: 22, imm: 0x1000), 24),
        (IROp(.goto, imm: 0x1000), 8),
    ]

    @Test("Host bytes per op are unchanged", arguments: 0..<golden.count)
    func size(_ index: Int) {
        let (op, expected) = Self.golden[index]
        let machine = JITTestMachine()
        let ops = op.opcode == .goto ? [op] : [op, IROp(.goto, imm: 0x2000)]
        let block = JITTestMachine.block(ops)
        defer { UnsafeMutableRawPointer(block).deallocate() }
        var c = X86BlockCompiler(block: block, features: .host, memoryDescriptor: UnsafeRawPointer(machine.jit.memoryDescriptor))
        c.compile()
        let size = c.opOffsets[1] - c.opOffsets[0]
        #expect(size == expected, "\(op.opcode): \(size) bytes (golden \(expected))")
    }
}
