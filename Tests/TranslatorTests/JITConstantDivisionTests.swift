import Foundation
@testable import Translator
import Testing

/// Signed division by a constant the block set (`X86BlockCompiler+ConstantDivision.swift`): the
/// magic numbers, the formula over many dividends, and the JIT against the interpreter.
@Suite("JIT signed division by a constant")
struct JITConstantDivisionTests {
    /// Divisors: small and large, both signs, the 32-bit and 64-bit extremes, and the ones the
    /// method leaves to `idiv` (0, ±1, powers of two), which must agree as well.
    static let divisors: [Int64] = [
        3, 5, 6, 7, 10, 11, 25, 26, 100, 641, 1000, 1_000_000_007, 0x7fff_ffff, 0x7fff_fffe, -3, -5, -7, -26, -1000, -0x7fff_ffff,
        0x1_0000_0001, 0x1234_5678_9abc, 0x7fff_ffff_ffff_ffff, -0x7fff_ffff_ffff_ffff, 0x5555_5555_5555_5555, -0x1_0000_0003,
        0, 1, -1, 2, 4, -8, 1 << 40, Int64.min, Int64(Int32.min), 0x1_0000_0003, 0xffff_fffd,
    ]

    /// Hacker's Delight's tables 10-1 (32 bits) and 10-2 (64 bits).
    @Test("Magic numbers match the published tables")
    func publishedMagicNumbers() throws {
        let table: [(Int64, Int, UInt64, Int)] = [
            (3, 32, 0x5555_5556, 0), (5, 32, 0x6666_6667, 1), (6, 32, 0x2aaa_aaab, 0), (7, 32, 0x9249_2493, 2),
            (-5, 32, 0x9999_9999, 1), (-7, 32, 0x6db6_db6d, 2),
            (3, 64, 0x5555_5555_5555_5556, 0), (5, 64, 0x6666_6666_6666_6667, 1), (7, 64, 0x4924_9249_2492_4925, 1),
        ]
        for (d, bits, m, s) in table {
            let magic = try #require(X86BlockCompiler.signedDivisionMagic(d, bits: bits), "\(d) (\(bits) bits)")
            let got = bits == 32 ? UInt64(UInt32(truncatingIfNeeded: magic.multiplier)) : UInt64(bitPattern: magic.multiplier)
            #expect(got == m && magic.shift == s, "\(d) (\(bits) bits): 0x\(String(got, radix: 16)) >> \(magic.shift)")
        }
        for d: Int64 in [0, 1, -1, 2, -2, 64, Int64.min] { #expect(X86BlockCompiler.signedDivisionMagic(d, bits: 64) == nil) }
    }

    /// The emitted formula, computed in Swift, against Swift's own division.
    @Test("The formula gives the quotient and remainder for every dividend tried")
    func formulaAgrees() {
        var rng = JITDifferentialTests.Rng(state: 99)
        for divisor in Self.divisors {
            for bits in [32, 64] {
                guard let (m, s) = X86BlockCompiler.signedDivisionMagic(divisor, bits: bits) else { continue }
                for k in 0..<2000 {
                    let v = k < JITDifferentialTests.special.count ? JITDifferentialTests.special[k] : rng.value()
                    if bits == 64 {
                        let n = Int64(bitPattern: v), d = divisor
                        var q = m.multipliedFullWidth(by: n).high
                        if d > 0 && m < 0 { q = q &+ n }
                        if d < 0 && m > 0 { q = q &- n }
                        q = (q >> s) &+ Int64(bitPattern: UInt64(bitPattern: q) >> 63)
                        #expect(q == n / d && n &- q &* d == n % d, "\(n) / \(d)")
                    } else {
                        let n = Int32(truncatingIfNeeded: v), d = Int32(truncatingIfNeeded: divisor), m32 = Int32(truncatingIfNeeded: m)
                        var q = m32.multipliedFullWidth(by: n).high
                        if d > 0 && m32 < 0 { q = q &+ n }
                        if d < 0 && m32 > 0 { q = q &- n }
                        q = (q >> s) &+ Int32(bitPattern: UInt32(bitPattern: q) >> 31)
                        #expect(q == n / d && n &- q &* d == n % d, "\(n) / \(d) (32 bits)")
                    }
                }
            }
        }
    }

    /// `movi b, d; op` in one block, so the JIT knows the divisor, against the interpreter.
    @Test("The JIT agrees with the interpreter", arguments: [IROpcode.divs, .rems, .divs32, .rems32])
    func jitAgrees(_ opcode: IROpcode) {
        let interp = JITTestMachine(), jitMachine = JITTestMachine()
        var rng = JITDifferentialTests.Rng(state: UInt64(opcode.rawValue))
        for divisor in Self.divisors {
            for k in 0..<40 {
                let n = k < JITDifferentialTests.special.count ? JITDifferentialTests.special[k] : rng.value()
                // Also the divisor's slot as the destination (gcc's `li a5, 26; rem a5, s3, a5`).
                let d: UInt16 = k % 2 == 0 ? 20 : 22
                let block = JITTestMachine.block([IROp(.movi, d: 22, imm: divisor), IROp(opcode, d: d, a: 21, b: 22), IROp(.goto, imm: 0x2000)])
                defer { UnsafeMutableRawPointer(block).deallocate() }
                for m in [interp, jitMachine] { m.regs[21] = n; m.regs[20] = 0 }
                _ = interp.interpret(block)
                _ = jitMachine.runJIT(block)
                #expect(interp.regs[Int(d)] == jitMachine.regs[Int(d)],
                        "\(opcode) 0x\(String(n, radix: 16)) by \(divisor): 0x\(String(interp.regs[Int(d)], radix: 16)) vs JIT 0x\(String(jitMachine.regs[Int(d)], radix: 16))")
                jitMachine.jit.reset()
            }
        }
    }

    /// The divisor known: no `idiv` (0xF7 /7) in the op's code; not known: `idiv`.
    @Test("A known divisor compiles without idiv", .enabled(if: FileManager.default.isExecutableFile(atPath: X86AssemblerTests.objdump), "objdump not installed"))
    func noIdivForConstant() throws {
        let machine = JITTestMachine()
        for (ops, expectIdiv) in [([IROp(.movi, d: 22, imm: 26), IROp(.rems, d: 22, a: 21, b: 22)], false),
                                  ([IROp(.movi, d: 23, imm: 26), IROp(.rems, d: 22, a: 21, b: 22)], true),
                                  ([IROp(.movi, d: 22, imm: 26), IROp(.addi, d: 22, a: 22, imm: 1), IROp(.rems, d: 20, a: 21, b: 22)], true)] {
            let block = JITTestMachine.block(ops + [IROp(.goto, imm: 0x2000)])
            defer { UnsafeMutableRawPointer(block).deallocate() }
            var c = X86BlockCompiler(block: block, features: .host, memoryDescriptor: UnsafeRawPointer(machine.jit.memoryDescriptor))
            c.compile()
            let last = ops.count - 1
            let lines = try X86AssemblerTests.disassemble(Array(c.asm.bytes[c.opOffsets[last]..<c.opOffsets[last + 1]]))
            #expect(lines.contains { $0.hasPrefix("idiv") } == expectIdiv, "\(ops.map(\.opcode)): \(lines)")
        }
    }
}
