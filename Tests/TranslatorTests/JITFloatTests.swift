@testable import Translator
import Testing
import Glibc

/// Every F op, run as a one-op block under the interpreter (`FloatOps`, the reference) and the
/// JIT (inline SSE fast path or helper slow path), with many bit patterns — NaNs (quiet,
/// signaling, with payloads, of both signs), infinities, zeros of both signs, subnormals, the
/// normal/subnormal boundary, integer-conversion limits, random values — under every rounding
/// mode (static and dynamic, including invalid ones), with and without NX already accrued. The
/// full frame (result bits and fpFlags) and the exit must agree.
@Suite("JIT floating point vs interpreter")
struct JITFloatTests {
    static let special64: [UInt64] = [
        0, 0x8000_0000_0000_0000, 1, 0x8000_0000_0000_0001, 0x000f_ffff_ffff_ffff, 0x800f_ffff_ffff_ffff,
        0x0010_0000_0000_0000, 0x8010_0000_0000_0000, 0x0010_0000_0000_0001, 0x001f_ffff_ffff_ffff, 0x0020_0000_0000_0000,
        0x0020_0000_0000_0001, 0x3ff0_0000_0000_0000, 0xbff0_0000_0000_0000, 0x3ff8_0000_0000_0000, 0x4000_0000_0000_0000,
        0x3fe0_0000_0000_0000, 0xbfd3_3333_3333_3333, 0x4004_0000_0000_0000, 0xc004_0000_0000_0000, 0x3ff0_0000_0000_0001,
        0x7fef_ffff_ffff_ffff, 0xffef_ffff_ffff_ffff, 0x7fe0_0000_0000_0000, 0x7ff0_0000_0000_0000, 0xfff0_0000_0000_0000,
        0x7ff8_0000_0000_0000, 0xfff8_0000_0000_0000, 0x7ff8_0000_0000_1234, 0x7ff0_0000_0000_0001, 0xfff4_0000_0000_0000,
        0x4340_0000_0000_0000, 0x43e0_0000_0000_0000, 0xc3e0_0000_0000_0000, 0x43f0_0000_0000_0000, 0x41e0_0000_0000_0000,
        0xc1e0_0000_0000_0000, 0xc1e0_0000_0010_0000, 0x41ef_ffff_ffff_0000, 0x41ef_ffff_fffe_0000, 0x41df_ffff_ffc0_0000,
        0x41f0_0000_0000_0000, 0xc3e0_0000_0000_0001, 0x3810_0000_0000_0000, 0x380f_ffff_f000_0000, 0x47ef_ffff_e000_0000,
        0x47ef_ffff_f000_0000, 0x3690_0000_0000_0000, 0x36a0_0000_0000_0000,
    ]
    static let special32: [UInt32] = [
        0, 0x8000_0000, 1, 0x8000_0001, 0x007f_ffff, 0x807f_ffff, 0x0080_0000, 0x8080_0000, 0x0080_0001, 0x00ff_ffff,
        0x0100_0000, 0x3f80_0000, 0xbf80_0000, 0x3fc0_0000, 0x4000_0000, 0x3f00_0000, 0xbe99_999a, 0x4020_0000,
        0xc020_0000, 0x3f80_0001, 0x7f7f_ffff, 0xff7f_ffff, 0x7f00_0000, 0x7f80_0000, 0xff80_0000, 0x7fc0_0000,
        0xffc0_0000, 0x7fc0_1234, 0x7f80_0001, 0xffa0_0000, 0x4b80_0000, 0x5f00_0000, 0xdf00_0000, 0x5f80_0000,
        0x4f00_0000, 0xcf00_0000, 0x4f80_0000, 0x4f7f_ffff, 0xcf00_0001, 0x1f80_0000,
    ]
    static let specialInt: [UInt64] = [
        0, 1, UInt64.max, 2, 3, 0x7fff_ffff, 0x8000_0000, 0xffff_ffff, 0x1_0000_0000, 0x7fff_ffff_ffff_ffff,
        0x8000_0000_0000_0000, 0x0100_0000, 0x0100_0001, 0x0020_0000_0000_0001, 0x0020_0000_0000_0000,
        0xffff_ffff_8000_0000, 0xffff_ffff_ffff_fff0, 0x1234_5678_9abc_def1,
    ]

    typealias Rng = JITDifferentialTests.Rng

    /// A binary64 pattern: special, random bits, a short-significand value (ties and exact
    /// results are common), or one near the normal/subnormal boundary.
    static func value64(_ rng: inout Rng) -> UInt64 {
        switch rng.next() % 6 {
        case 0, 1: return special64[Int(rng.next() % UInt64(special64.count))]
        case 2: return rng.next()
        case 3:
            let sign = rng.next() & 1 << 63, exp = (1023 - 8 + rng.next() % 24) << 52
            return sign | exp | (rng.next() & 0xf) << 48
        case 4:
            let sign = rng.next() & 1 << 63, exp = (rng.next() % 60) << 52
            return sign | exp | (rng.next() & 0x000f_ffff_ffff_ffff)
        default:
            return (rng.next() & 0x8000_0000_0000_0000) | (1023 - 40 + rng.next() % 120) << 52 | (rng.next() & 0x000f_ffff_ffff_ffff)
        }
    }

    /// A binary32 pattern in a slot: almost always properly NaN-boxed.
    static func value32(_ rng: inout Rng) -> UInt64 {
        let v: UInt32
        switch rng.next() % 6 {
        case 0, 1: v = special32[Int(rng.next() % UInt64(special32.count))]
        case 2: v = UInt32(truncatingIfNeeded: rng.next())
        case 3: v = UInt32(truncatingIfNeeded: rng.next() & 1 << 31 | (127 - 8 + rng.next() % 24) << 23 | (rng.next() & 0xf) << 19)
        case 4: v = UInt32(truncatingIfNeeded: rng.next() & 1 << 31 | (rng.next() % 60) << 23 | (rng.next() & 0x7f_ffff))
        default: v = UInt32(truncatingIfNeeded: rng.next() & 1 << 31 | (127 - 20 + rng.next() % 60) << 23 | (rng.next() & 0x7f_ffff))
        }
        switch rng.next() % 20 {
        case 0: return UInt64(v)
        case 1: return rng.next() & 0xffff_fffe_0000_0000 | UInt64(v)
        default: return 0xffff_ffff_0000_0000 | UInt64(v)
        }
    }

    static func integer(_ rng: inout Rng) -> UInt64 {
        switch rng.next() % 4 {
        case 0: return specialInt[Int(rng.next() % UInt64(specialInt.count))]
        case 1: return UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: rng.next())) >> (rng.next() % 31))
        case 2: return rng.next() >> (rng.next() % 64)
        default: return rng.next()
        }
    }

    static let floatOps = IROpcode.allCases.filter { $0.info.flags.contains(.floatingPoint) }

    @Test("Each F op agrees with the interpreter", arguments: floatOps)
    func opAgrees(_ opcode: IROpcode) {
        let interp = JITTestMachine(), jitMachine = JITTestMachine()
        var rng = Rng(state: UInt64(opcode.rawValue) &* 104_729 &+ 17)
        let name = "\(opcode)"
        let is32Source = name.hasSuffix("32") && opcode != .fcvtsi32 || opcode == .fcvt32to64 || opcode == .fcvt32toi
        let intSource = opcode == .fcvtsi32 || opcode == .fcvtsi64
        let literalB = intSource || opcode == .fcvt32toi || opcode == .fcvt64toi
        var fastRuns = 0
        // JITFP_ITERATIONS=n runs a longer soak (3,000 by default).
        let iterations = getenv("JITFP_ITERATIONS").map { Int(atoi($0)) } ?? 3000
        for i in 0..<iterations {
            // Mostly RISC-V's modes (boxed, canonical), RNE or dynamic; all the others too.
            let rounding: Int64 = [0, 0, 0, 7, 7, 7, 1, 2, 3, 4, 5, 6][Int(rng.next() % 12)]
            let boxed = rng.next() % 8 != 0, canonical = rng.next() % 8 != 0
            var op = IROp(opcode, d: 20, a: 21, b: 22, imm: FPMode.make(rounding: rounding, nanBoxed: boxed, canonicalNaN: canonical, c: 23))
            if literalB { op.b = UInt16(rng.next() % 4) }
            if rng.next() % 16 == 0 { op.d = op.a }
            if !literalB && rng.next() % 16 == 0 { op.b = op.a }
            var slots = (0..<JITTestMachine.slotCount).map { _ in rng.next() }
            slots[0] = 0
            for s in 21...23 {
                slots[s] = intSource ? Self.integer(&rng) : is32Source ? Self.value32(&rng) : Self.value64(&rng)
            }
            let frmChoices: [UInt64] = [0, 0, 0, 0, 1, 2, 3, 4, 5, 7]
            slots[Int(IRSlot.fpRoundingMode)] = frmChoices[Int(rng.next() % UInt64(frmChoices.count))]
            let flagChoices: [UInt64] = [0, 1, 1, 1, 0x1f, 0x10, 0x11, rng.next() & 0x1f]
            slots[Int(IRSlot.fpFlags)] = flagChoices[Int(rng.next() % UInt64(flagChoices.count))]
            let block = JITTestMachine.block([op, IROp(.goto, imm: 0x2000)])
            defer { UnsafeMutableRawPointer(block).deallocate() }
            for m in [interp, jitMachine] { for s in 0..<slots.count { m.regs[s] = slots[s] } }
            let a = interp.interpret(block)
            let b = jitMachine.runJIT(block)
            let label = "#\(i) \(opcode) imm=0x\(String(UInt64(bitPattern: op.imm), radix: 16)) b=\(op.b) a=0x\(String(slots[Int(op.a)], radix: 16)) b=0x\(String(slots[22], radix: 16)) c=0x\(String(slots[23], radix: 16)) frm=\(slots[3]) flags=\(slots[2])"
            #expect(a.kind == b.kind && a.opIndex == b.opIndex, "\(label): exit \(a.kind) vs JIT \(b.kind)")
            var same = true
            for s in 0..<JITTestMachine.slotCount where interp.regs[s] != jitMachine.regs[s] {
                Issue.record("\(label): slot \(s): interpreter 0x\(String(interp.regs[s], radix: 16)), JIT 0x\(String(jitMachine.regs[s], radix: 16))")
                same = false
                break
            }
            if !same { return }
            if rounding == 0 && boxed { fastRuns += 1 }
            jitMachine.jit.reset()
        }
        #expect(fastRuns > iterations / 10)
    }

    /// Unsigned conversions at the edges of their ranges: the inline path checks the range before
    /// converting, so the host raises nothing RISC-V does not (PE for a negative non-integer, IE
    /// for [2^63, 2^64) with the host's signed conversion).
    @Test("Unsigned conversions at the range edges agree", arguments: [IROpcode.fcvt64toi, .fcvt32toi])
    func unsignedConversionEdges(_ opcode: IROpcode) {
        let doubles: [Double] = [-0.0, 0.0, -0.5, -0.7, -1.0, -3298.02, 0.5, 2.5, 4294967295.0, 4294967295.3, 4294967295.7,
                                 4294967296.0, 9223372036854774784.0, 9223372036854775808.0, 18446744073709549568.0,
                                 18446744073709551616.0, 1e30, -1e30, .infinity, -.infinity, .nan]
        let interp = JITTestMachine(), jitMachine = JITTestMachine()
        for type: UInt16 in [1, 3] {
            for rounding: Int64 in [0, 1, 7] {
                for value in doubles {
                    let bits = opcode == .fcvt64toi ? value.bitPattern : 0xffff_ffff_0000_0000 | UInt64(Float(value).bitPattern)
                    for flags: UInt64 in [0, 1] {
                        let op = IROp(opcode, d: 20, a: 21, b: type, imm: FPMode.make(rounding: rounding, nanBoxed: true, canonicalNaN: true))
                        let block = JITTestMachine.block([op, IROp(.goto, imm: 0x2000)])
                        defer { UnsafeMutableRawPointer(block).deallocate() }
                        for m in [interp, jitMachine] {
                            for s in 0..<JITTestMachine.slotCount { m.regs[s] = 0 }
                            m.regs[21] = bits
                            m.regs[Int(IRSlot.fpFlags)] = flags
                        }
                        _ = interp.interpret(block)
                        _ = jitMachine.runJIT(block)
                        let label = "\(opcode) type \(type) rm \(rounding) of \(value) (flags \(flags))"
                        #expect(interp.regs[20] == jitMachine.regs[20], "\(label): result")
                        #expect(interp.regs[Int(IRSlot.fpFlags)] == jitMachine.regs[Int(IRSlot.fpFlags)],
                                "\(label): fflags interpreter \(interp.regs[Int(IRSlot.fpFlags)]), JIT \(jitMachine.regs[Int(IRSlot.fpFlags)])")
                        jitMachine.jit.reset()
                    }
                }
            }
        }
    }

    /// Inline ops accrue their flags in the host MXCSR: a read of fflags later in the block, a
    /// write that clears it, and the frame at the exit all see exactly the guest's flags.
    @Test("fflags read and written between inline ops")
    func flagsBetweenInlineOps() {
        let one = (1.0).bitPattern, three = (3.0).bitPattern
        let rne = FPMode.make(rounding: 0, nanBoxed: true, canonicalNaN: true)
        let ops = [
            IROp(.fdiv64, d: 20, a: 21, b: 22, imm: rne),      // 1/3: NX
            IROp(.mov, d: 24, a: IRSlot.fpFlags),               // reads NX
            IROp(.andi, d: IRSlot.fpFlags, a: IRSlot.fpFlags, imm: 0),  // fsflags 0
            IROp(.fadd64, d: 23, a: 21, b: 21, imm: rne),      // 1 + 1: exact, nothing
            IROp(.mov, d: 25, a: IRSlot.fpFlags),               // reads 0
            IROp(.fdiv64, d: 23, a: 21, b: 26, imm: rne),      // 1/0: DZ
            IROp(.goto, imm: 0x2000),
        ]
        let machine = JITTestMachine()
        let block = JITTestMachine.block(ops)
        defer { UnsafeMutableRawPointer(block).deallocate() }
        for s in 0..<JITTestMachine.slotCount { machine.regs[s] = 0 }
        machine.regs[21] = one
        machine.regs[22] = three
        _ = machine.runJIT(block)
        #expect(machine.regs[24] == 1)
        #expect(machine.regs[25] == 0)
        #expect(machine.regs[Int(IRSlot.fpFlags)] == 8)
        #expect(machine.regs[23] == Double.infinity.bitPattern)
    }

    /// A long chain of inline ops in one block (fast path taken repeatedly, then the slow path
    /// mid-block when NX gets cleared by an op in between).
    @Test("Blocks of several F ops agree")
    func blocksAgree() {
        let interp = JITTestMachine(), jitMachine = JITTestMachine()
        var rng = Rng(state: 99)
        let ops: [IROpcode] = [.fadd64, .fmul64, .fsub64, .fdiv64, .fsqrt64, .fmadd64, .fnmsub64, .fmin64, .flt64, .fcvt64to32,
                               .fadd32, .fmul32, .fmadd32, .fcvt32to64, .fcvtsi64, .fcvt64toi, .fsgnjn64, .feq32]
        for iteration in 0..<500 {
            var block: [IROp] = []
            for _ in 0..<8 {
                let opcode = ops[Int(rng.next() % UInt64(ops.count))]
                var op = IROp(opcode, d: UInt16(20 + rng.next() % 4), a: UInt16(20 + rng.next() % 4), b: UInt16(20 + rng.next() % 4),
                              imm: FPMode.make(rounding: rng.next() % 3 == 0 ? 7 : 0, nanBoxed: true, canonicalNaN: true, c: UInt16(20 + rng.next() % 4)))
                if opcode == .fcvtsi64 || opcode == .fcvt64toi { op.b = UInt16(rng.next() % 4) }
                block.append(op)
                if rng.next() % 6 == 0 { block.append(IROp(.andi, d: IRSlot.fpFlags, a: IRSlot.fpFlags, imm: 0x1e)) }
            }
            block.append(IROp(.goto, imm: 0x2000))
            let b = JITTestMachine.block(block)
            defer { UnsafeMutableRawPointer(b).deallocate() }
            let values = (20..<24).map { s in s & 1 == 0 ? Self.value64(&rng) : 0xffff_ffff_0000_0000 | (Self.value32(&rng) & 0xffff_ffff) }
            for m in [interp, jitMachine] {
                for s in 0..<JITTestMachine.slotCount { m.regs[s] = 0 }
                m.regs[Int(IRSlot.fpFlags)] = 1
                for s in 20..<24 { m.regs[s] = values[s - 20] }
            }
            let initial = (20..<24).map { "0x" + String(interp.regs[$0], radix: 16) }
            _ = interp.interpret(b)
            _ = jitMachine.runJIT(b)
            for s in 0..<JITTestMachine.slotCount where interp.regs[s] != jitMachine.regs[s] {
                Issue.record("#\(iteration) \(block) from \(initial): slot \(s): interpreter 0x\(String(interp.regs[s], radix: 16)), JIT 0x\(String(jitMachine.regs[s], radix: 16))")
                return
            }
            jitMachine.jit.reset()
        }
    }
}

/// Host code of the F-op fast paths: present for RNE/dynamic modes, absent (helper only) for
/// other static modes; sizes pinned so that code-quality changes show up as diffs.
@Suite("JIT floating-point code (golden)")
struct JITFloatCodeTests {
    static let rne = FPMode.make(rounding: 0, nanBoxed: true, canonicalNaN: true)
    static let dyn = FPMode.make(rounding: 7, nanBoxed: true, canonicalNaN: true)

    static func code(_ op: IROp) -> [UInt8] {
        let machine = JITTestMachine()
        let block = JITTestMachine.block([op, IROp(.goto, imm: 0x2000)])
        defer { UnsafeMutableRawPointer(block).deallocate() }
        var c = X86BlockCompiler(block: block, features: .host, memoryDescriptor: UnsafeRawPointer(machine.jit.memoryDescriptor))
        c.compile()
        return Array(c.asm.bytes[c.opOffsets[0]..<c.opOffsets[1]])
    }

    static func contains(_ code: [UInt8], _ pattern: [UInt8]) -> Bool {
        guard code.count >= pattern.count else { return false }
        return (0...(code.count - pattern.count)).contains { Array(code[$0..<$0 + pattern.count]) == pattern }
    }

    /// (op, an SSE byte sequence its fast path holds, host bytes of the inline lowering; the
    /// helper call is out of line since the ops stopped being opaque).
    static let golden: [(IROp, [UInt8], Int)] = [
        (IROp(.fadd64, d: 20, a: 21, b: 22, imm: rne), [0xf2, 0x0f, 0x58], 41),
        (IROp(.fmul64, d: 20, a: 21, b: 22, imm: dyn), [0xf2, 0x0f, 0x59], 52),
        (IROp(.fdiv32, d: 20, a: 21, b: 22, imm: rne), [0xf3, 0x0f, 0x5e], 68),
        (IROp(.fsqrt64, d: 20, a: 21, imm: rne), [0xf2, 0x0f, 0x51], 32),
        (IROp(.flt64, d: 20, a: 21, b: 22, imm: rne), [0x66, 0x0f, 0x2e], 47),
        (IROp(.fmin64, d: 20, a: 21, b: 22, imm: rne), [0x66, 0x0f, 0x2e], 55),
        (IROp(.fcvt64toi, d: 20, a: 21, b: 2, imm: FPMode.make(rounding: 1, nanBoxed: true, canonicalNaN: true)), [0xf2, 0x48, 0x0f, 0x2c], 34),
        (IROp(.fcvtsi64, d: 20, a: 21, b: 0, imm: dyn), [0xf2, 0x0f, 0x2a], 37),
    ]

    @Test("Fast paths are inline and their sizes unchanged", arguments: 0..<golden.count)
    func fastPath(_ index: Int) {
        guard X86FloatLowering.enabled else { return }
        let (op, pattern, size) = Self.golden[index]
        let code = Self.code(op)
        #expect(Self.contains(code, pattern), "\(op.opcode): no inline SSE")
        #expect(code.count == size, "\(op.opcode): \(code.count) bytes (golden \(size))")
        if index == 0, let path = getenv("JITFP_DUMP") { let f = fopen(path, "w"); fwrite(code, 1, code.count, f); fclose(f) }
    }

    @Test("Non-RNE static modes call the helper only")
    func helperOnly() {
        for rm: Int64 in [1, 2, 3, 4, 5] {
            let code = Self.code(IROp(.fadd64, d: 20, a: 21, b: 22, imm: FPMode.make(rounding: rm, nanBoxed: true, canonicalNaN: true)))
            #expect(!Self.contains(code, [0xf2, 0x0f, 0x58]), "rm \(rm)")
        }
    }
}
