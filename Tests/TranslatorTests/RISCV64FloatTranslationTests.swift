import Testing
@testable import Translator

/// F and D translation. The moves, loads and stores use integer IR ops only; the arithmetic
/// tests run the IR F ops of Interpreter/FloatOps.swift.
@Suite struct RISCV64FloatTranslationTests {
    static let data = RISCV64TestMachine.dataAddress
    static let one64: UInt64 = 0x3ff0_0000_0000_0000
    static let two64: UInt64 = 0x4000_0000_0000_0000
    static let three64: UInt64 = 0x4008_0000_0000_0000

    @Test func flwNaNBoxes() {
        let m = RISCV64TestMachine()
        m.write64(Self.data, 0x1234_5678_3f80_0000)
        m.run(0x0005_a507, x: [11: Self.data])  // flw fa0,0(a1)
        #expect(m.f(10) == 0xffff_ffff_3f80_0000)
    }

    @Test func fswStoresLowHalf() {
        let m = RISCV64TestMachine()
        m.write64(Self.data, UInt64.max)
        m.setF(10, 0xffff_ffff_4000_0000)
        m.run(0x00a5_a027, x: [11: Self.data])  // fsw fa0,0(a1)
        #expect(m.read64(Self.data) == 0xffff_ffff_4000_0000)
        m.setF(10, 0x0123_4567_89ab_cdef)
        m.run(0x00a5_b027)  // fsd fa0,0(a1)
        #expect(m.read64(Self.data) == 0x0123_4567_89ab_cdef)
        m.write64(Self.data, Self.three64)
        m.run(0x0005_b507)  // fld fa0,0(a1)
        #expect(m.f(10) == Self.three64)
    }

    @Test func moves() {
        let m = RISCV64TestMachine()
        m.setF(11, 0xffff_ffff_bf80_0000)
        m.run(0xe005_8553)  // fmv.x.w a0,fa1
        #expect(m.x(10) == 0xffff_ffff_bf80_0000)
        m.run(0xf005_8553, x: [11: 0x1234_5678_3f80_0000])  // fmv.w.x fa0,a1
        #expect(m.f(10) == 0xffff_ffff_3f80_0000)
        m.setF(11, Self.two64)
        m.run(0xe205_8553)  // fmv.x.d a0,fa1
        #expect(m.x(10) == Self.two64)
        m.run(0xf205_8553, x: [11: Self.one64])  // fmv.d.x fa0,a1
        #expect(m.f(10) == Self.one64)
    }

    /// The IR each class of FP instruction becomes (no FloatOps needed).
    @Test func emittedModes() {
        let m = RISCV64TestMachine()
        let fa0 = RISCV64Frontend.fSlot(10), fa1 = RISCV64Frontend.fSlot(11)
        let fa2 = RISCV64Frontend.fSlot(12), fa3 = RISCV64Frontend.fSlot(13)
        func ops(_ word: UInt32) -> [IROp] {
            m.code([word])
            return Array(m.translate().ops.dropLast())
        }
        #expect(ops(0x00c5_f553) == [IROp(.fadd32, d: fa0, a: fa1, b: fa2, imm: FPMode.make(rounding: 7, nanBoxed: true, canonicalNaN: true))])
        #expect(ops(0x02c5_9553) == [IROp(.fadd64, d: fa0, a: fa1, b: fa2, imm: FPMode.make(rounding: 1, nanBoxed: false, canonicalNaN: true))])
        #expect(ops(0x6ac5_f543) == [IROp(.fmadd64, d: fa0, a: fa1, b: fa2, imm: FPMode.make(rounding: 7, nanBoxed: false, canonicalNaN: true, c: fa3))])
        #expect(ops(0xc205_9553) == [IROp(.fcvt64toi, d: RISCV64Frontend.xSlot(10), a: fa1, b: 0, imm: FPMode.make(rounding: 1, nanBoxed: false, canonicalNaN: true))])
        #expect(ops(0xd225_f553) == [IROp(.fcvtsi64, d: fa0, a: RISCV64Frontend.xSlot(11), b: 2, imm: FPMode.make(rounding: 7, nanBoxed: false, canonicalNaN: true))])
        #expect(ops(0x4015_f553) == [IROp(.fcvt64to32, d: fa0, a: fa1, imm: FPMode.make(rounding: 7, nanBoxed: true, canonicalNaN: true))])
    }

    @Test func fadd() {
        let m = RISCV64TestMachine()
        m.setF(11, Self.one64)
        m.setF(12, Self.two64)
        m.run(0x02c5_f553)  // fadd.d fa0,fa1,fa2
        #expect(m.f(10) == Self.three64)
        m.setF(11, 0xffff_ffff_3f80_0000)  // 1.0f
        m.setF(12, 0xffff_ffff_4000_0000)  // 2.0f
        m.run(0x00c5_f553)  // fadd.s fa0,fa1,fa2
        #expect(m.f(10) == 0xffff_ffff_4040_0000)
    }

    @Test func fusedAndCompare() {
        let m = RISCV64TestMachine()
        m.setF(11, Self.two64)
        m.setF(12, Self.three64)
        m.setF(13, Self.one64)
        m.run(0x6ac5_f543)  // fmadd.d fa0,fa1,fa2,fa3 = 7.0
        #expect(m.f(10) == 0x401c_0000_0000_0000)
        m.setF(12, Self.two64)
        m.run(0xa2c5_a553)  // feq.d a0,fa1,fa2
        #expect(m.x(10) == 1)
        m.run(0x22b5_9553)  // fsgnjn.d fa0,fa1,fa1 = -2.0
        #expect(m.f(10) == 0xc000_0000_0000_0000)
        m.run(0xe205_9553)  // fclass.d a0,fa1: positive normal
        #expect(m.x(10) == 1 << 6)
    }

    @Test func conversions() {
        let m = RISCV64TestMachine()
        m.setF(11, 0xc004_0000_0000_0000)  // -2.5
        m.run(0xc205_9553)  // fcvt.w.d a0,fa1,rtz
        #expect(m.x(10) == UInt64(bitPattern: -2))
        m.run(0xd225_f553, x: [11: 3])  // fcvt.d.l fa0,a1
        #expect(m.f(10) == Self.three64)
        m.setF(11, Self.one64)
        m.run(0x4015_f553)  // fcvt.s.d fa0,fa1
        #expect(m.f(10) == 0xffff_ffff_3f80_0000)
    }

    /// Dynamic rounding with an invalid frm leaves the block for the runtime (SIGILL).
    @Test func invalidDynamicRoundingMode() {
        let m = RISCV64TestMachine()
        m[IRSlot.fpRoundingMode] = 5
        let exit = m.run(0x02c5_f553)  // fadd.d fa0,fa1,fa2 (dyn)
        #expect(exit.kind == .invalidRoundingMode)
        #expect(m.pc == RISCV64TestMachine.codeAddress)
    }

    @Test func disassembly() {
        #expect(RISCV64Frontend.disassemble(0x02c5_9553) == "fadd.d fa0,fa1,fa2,rtz")
        #expect(RISCV64Frontend.disassemble(0x6ac5_f543) == "fmadd.d fa0,fa1,fa2,fa3")
        #expect(RISCV64Frontend.disassemble(0x0005_a507) == "flw fa0,0(a1)")
        #expect(RISCV64Frontend.disassemble(0x4015_f553) == "fcvt.s.d fa0,fa1")
    }
}
