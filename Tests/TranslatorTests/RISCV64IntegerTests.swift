import Testing
@testable import Translator

/// One single-instruction test: instruction bits, its text (objdump -M no-aliases), integer
/// registers before, registers after (libriscv style; every other register must be unchanged).
struct RISCV64Case: CustomTestStringConvertible, Sendable {
    let word: UInt32
    let text: String
    let before: [Int: UInt64]
    let after: [Int: UInt64]
    init(_ word: UInt32, _ text: String, _ before: [Int: UInt64], _ after: [Int: UInt64]) {
        self.word = word
        self.text = text
        self.before = before
        self.after = after
    }
    var testDescription: String { text }
}

/// RV64I, M, Zba, Zbb and Zbs computational instructions through RISCV64Frontend + Interpreter.
@Suite struct RISCV64IntegerTests {
    static let cases: [RISCV64Case] = [
        .init(0x00c58533, "add a0,a1,a2", [11: 0x5, 12: 0x7], [10: 0xc]),
        .init(0x00c58533, "add a0,a1,a2", [11: 0xffffffffffffffff, 12: 0x1], [10: 0x0]),
        .init(0x00c58033, "add zero,a1,a2", [11: 0x5, 12: 0x7], [0: 0x0]),
        .init(0x40c58533, "sub a0,a1,a2", [11: 0x5, 12: 0x7], [10: 0xfffffffffffffffe]),
        .init(0x00c59533, "sll a0,a1,a2", [11: 0x1, 12: 0x41], [10: 0x2]),
        .init(0x00c5a533, "slt a0,a1,a2", [11: 0xffffffffffffffff, 12: 0x1], [10: 0x1]),
        .init(0x00c5b533, "sltu a0,a1,a2", [11: 0xffffffffffffffff, 12: 0x1], [10: 0x0]),
        .init(0x00c5c533, "xor a0,a1,a2", [11: 0xff00, 12: 0xff0], [10: 0xf0f0]),
        .init(0x00c5d533, "srl a0,a1,a2", [11: 0x8000000000000000, 12: 0x3f], [10: 0x1]),
        .init(0x40c5d533, "sra a0,a1,a2", [11: 0x8000000000000000, 12: 0x3f], [10: 0xffffffffffffffff]),
        .init(0x00c5e533, "or a0,a1,a2", [11: 0xff00, 12: 0xff0], [10: 0xfff0]),
        .init(0x00c5f533, "and a0,a1,a2", [11: 0xff00, 12: 0xff0], [10: 0xf00]),
        .init(0x00a50533, "add a0,a0,a0", [10: 0x15], [10: 0x2a]),
        .init(0xfff58513, "addi a0,a1,-1", [11: 0x0], [10: 0xffffffffffffffff]),
        .init(0x7ff00513, "addi a0,zero,2047", [10: 0x5], [10: 0x7ff]),
        .init(0x0055a513, "slti a0,a1,5", [11: 0xfffffffffffffffd], [10: 0x1]),
        .init(0xffb5a513, "slti a0,a1,-5", [11: 0x3], [10: 0x0]),
        .init(0xfff5b513, "sltiu a0,a1,-1", [11: 0x5], [10: 0x1]),
        .init(0xfff5c513, "xori a0,a1,-1", [11: 0xf], [10: 0xfffffffffffffff0]),
        .init(0x8005e513, "ori a0,a1,-2048", [11: 0x1], [10: 0xfffffffffffff801]),
        .init(0x0035f513, "andi a0,a1,3", [11: 0xff], [10: 0x3]),
        .init(0x03f59513, "slli a0,a1,0x3f", [11: 0x1], [10: 0x8000000000000000]),
        .init(0x0215d513, "srli a0,a1,0x21", [11: 0xffffffffffffffff], [10: 0x7fffffff]),
        .init(0x4015d513, "srai a0,a1,0x1", [11: 0x8000000000000000], [10: 0xc000000000000000]),
        .init(0x80000537, "lui a0,0x80000", [:], [10: 0xffffffff80000000]),
        .init(0x12345537, "lui a0,0x12345", [:], [10: 0x12345000]),
        .init(0x00001517, "auipc a0,0x1", [:], [10: 0x2000]),
        .init(0xfffff517, "auipc a0,0xfffff", [:], [10: 0x0]),
        .init(0x0015851b, "addiw a0,a1,1", [11: 0x7fffffff], [10: 0xffffffff80000000]),
        .init(0x0005851b, "addiw a0,a1,0", [11: 0x123456789], [10: 0x23456789]),
        .init(0x01f5951b, "slliw a0,a1,0x1f", [11: 0x1], [10: 0xffffffff80000000]),
        .init(0x0075d51b, "srliw a0,a1,0x7", [11: 0xffffffff80000000], [10: 0x1000000]),
        .init(0x4095d51b, "sraiw a0,a1,0x9", [11: 0x80000000], [10: 0xffffffffffc00000]),
        .init(0x00c5853b, "addw a0,a1,a2", [11: 0x7fffffff, 12: 0x1], [10: 0xffffffff80000000]),
        .init(0x40c5853b, "subw a0,a1,a2", [11: 0x0, 12: 0x1], [10: 0xffffffffffffffff]),
        .init(0x00c5953b, "sllw a0,a1,a2", [11: 0x1, 12: 0x21], [10: 0x2]),
        .init(0x00c5d53b, "srlw a0,a1,a2", [11: 0xffffffff80000000, 12: 0x1f], [10: 0x1]),
        .init(0x40c5d53b, "sraw a0,a1,a2", [11: 0x80000000, 12: 0x1f], [10: 0xffffffffffffffff]),
        .init(0x02c58533, "mul a0,a1,a2", [11: 0x3, 12: 0xfffffffffffffffe], [10: 0xfffffffffffffffa]),
        .init(0x02c59533, "mulh a0,a1,a2", [11: 0xffffffffffffffff, 12: 0xffffffffffffffff], [10: 0x0]),
        .init(0x02c59533, "mulh a0,a1,a2", [11: 0x8000000000000000, 12: 0x2], [10: 0xffffffffffffffff]),
        .init(0x02c5a533, "mulhsu a0,a1,a2", [11: 0xffffffffffffffff, 12: 0x2], [10: 0xffffffffffffffff]),
        .init(0x02c5b533, "mulhu a0,a1,a2", [11: 0xffffffffffffffff, 12: 0xffffffffffffffff], [10: 0xfffffffffffffffe]),
        .init(0x02c5c533, "div a0,a1,a2", [11: 0xfffffffffffffff9, 12: 0x2], [10: 0xfffffffffffffffd]),
        .init(0x02c5c533, "div a0,a1,a2", [11: 0x5, 12: 0x0], [10: 0xffffffffffffffff]),
        .init(0x02c5c533, "div a0,a1,a2", [11: 0x8000000000000000, 12: 0xffffffffffffffff], [10: 0x8000000000000000]),
        .init(0x02c5d533, "divu a0,a1,a2", [11: 0x5, 12: 0x0], [10: 0xffffffffffffffff]),
        .init(0x02c5d533, "divu a0,a1,a2", [11: 0xffffffffffffffff, 12: 0x2], [10: 0x7fffffffffffffff]),
        .init(0x02c5e533, "rem a0,a1,a2", [11: 0xfffffffffffffff9, 12: 0x2], [10: 0xffffffffffffffff]),
        .init(0x02c5e533, "rem a0,a1,a2", [11: 0x5, 12: 0x0], [10: 0x5]),
        .init(0x02c5e533, "rem a0,a1,a2", [11: 0x8000000000000000, 12: 0xffffffffffffffff], [10: 0x0]),
        .init(0x02c5f533, "remu a0,a1,a2", [11: 0x7, 12: 0x0], [10: 0x7]),
        .init(0x02c5f533, "remu a0,a1,a2", [11: 0xffffffffffffffff, 12: 0xa], [10: 0x5]),
        .init(0x02c5853b, "mulw a0,a1,a2", [11: 0x8000, 12: 0x10000], [10: 0xffffffff80000000]),
        .init(0x02c5c53b, "divw a0,a1,a2", [11: 0x80000000, 12: 0xffffffffffffffff], [10: 0xffffffff80000000]),
        .init(0x02c5c53b, "divw a0,a1,a2", [11: 0x5, 12: 0x100000000], [10: 0xffffffffffffffff]),
        .init(0x02c5d53b, "divuw a0,a1,a2", [11: 0xfffffffe, 12: 0x2], [10: 0x7fffffff]),
        .init(0x02c5e53b, "remw a0,a1,a2", [11: 0x180000001, 12: 0x0], [10: 0xffffffff80000001]),
        .init(0x02c5e53b, "remw a0,a1,a2", [11: 0x80000000, 12: 0xffffffffffffffff], [10: 0x0]),
        .init(0x02c5f53b, "remuw a0,a1,a2", [11: 0xffffffff, 12: 0x0], [10: 0xffffffffffffffff]),
        .init(0x08c5853b, "add.uw a0,a1,a2", [11: 0xffffffff80000000, 12: 0x1], [10: 0x80000001]),
        .init(0x0805853b, "add.uw a0,a1,zero", [11: 0xffffffff80000000], [10: 0x80000000]),
        .init(0x20c5a533, "sh1add a0,a1,a2", [11: 0x3, 12: 0x64], [10: 0x6a]),
        .init(0x20c5c533, "sh2add a0,a1,a2", [11: 0x3, 12: 0x64], [10: 0x70]),
        .init(0x20c5e533, "sh3add a0,a1,a2", [11: 0x3, 12: 0x64], [10: 0x7c]),
        .init(0x20c5a53b, "sh1add.uw a0,a1,a2", [11: 0xffffffff00000001, 12: 0x0], [10: 0x2]),
        .init(0x20c5c53b, "sh2add.uw a0,a1,a2", [11: 0x1ffffffff, 12: 0x4], [10: 0x400000000]),
        .init(0x20c5e53b, "sh3add.uw a0,a1,a2", [11: 0x100000002, 12: 0x1], [10: 0x11]),
        .init(0x0a85951b, "slli.uw a0,a1,0x28", [11: 0xffffffff00000001], [10: 0x10000000000]),
        .init(0x40c5f533, "andn a0,a1,a2", [11: 0xff, 12: 0xf], [10: 0xf0]),
        .init(0x40c5e533, "orn a0,a1,a2", [11: 0x0, 12: 0xfffffffffffffffe], [10: 0x1]),
        .init(0x40c5c533, "xnor a0,a1,a2", [11: 0xff, 12: 0xf], [10: 0xffffffffffffff0f]),
        .init(0x60059513, "clz a0,a1", [11: 0x1], [10: 0x3f]),
        .init(0x60059513, "clz a0,a1", [11: 0x0], [10: 0x40]),
        .init(0x60159513, "ctz a0,a1", [11: 0x80], [10: 0x7]),
        .init(0x60159513, "ctz a0,a1", [11: 0x0], [10: 0x40]),
        .init(0x60259513, "cpop a0,a1", [11: 0xffffffffffffffff], [10: 0x40]),
        .init(0x60459513, "sext.b a0,a1", [11: 0x180], [10: 0xffffffffffffff80]),
        .init(0x60559513, "sext.h a0,a1", [11: 0x18000], [10: 0xffffffffffff8000]),
        .init(0x6005951b, "clzw a0,a1", [11: 0xffffffff00000000], [10: 0x20]),
        .init(0x6015951b, "ctzw a0,a1", [11: 0x100000000], [10: 0x20]),
        .init(0x6025951b, "cpopw a0,a1", [11: 0xffffffffffffffff], [10: 0x20]),
        .init(0x0ac5e533, "max a0,a1,a2", [11: 0xffffffffffffffff, 12: 0x1], [10: 0x1]),
        .init(0x0ac5f533, "maxu a0,a1,a2", [11: 0xffffffffffffffff, 12: 0x1], [10: 0xffffffffffffffff]),
        .init(0x0ac5c533, "min a0,a1,a2", [11: 0xffffffffffffffff, 12: 0x1], [10: 0xffffffffffffffff]),
        .init(0x0ac5d533, "minu a0,a1,a2", [11: 0xffffffffffffffff, 12: 0x1], [10: 0x1]),
        .init(0x0805c53b, "zext.h a0,a1", [11: 0xffffffffffffffff], [10: 0xffff]),
        .init(0x60c59533, "rol a0,a1,a2", [11: 0x8000000000000001, 12: 0x41], [10: 0x3]),
        .init(0x60c5d533, "ror a0,a1,a2", [11: 0x3, 12: 0x1], [10: 0x8000000000000001]),
        .init(0x60c5953b, "rolw a0,a1,a2", [11: 0x80000001, 12: 0x1], [10: 0x3]),
        .init(0x60c5d53b, "rorw a0,a1,a2", [11: 0x3, 12: 0x1], [10: 0xffffffff80000001]),
        .init(0x6045d513, "rori a0,a1,0x4", [11: 0x1f], [10: 0xf000000000000001]),
        .init(0x6045d51b, "roriw a0,a1,0x4", [11: 0x1f], [10: 0xfffffffff0000001]),
        .init(0x2875d513, "orc.b a0,a1", [11: 0x100200000000003], [10: 0xff00ff00000000ff]),
        .init(0x6b85d513, "rev8 a0,a1", [11: 0x102030405060708], [10: 0x807060504030201]),
        .init(0x48c59533, "bclr a0,a1,a2", [11: 0xffffffffffffffff, 12: 0x43], [10: 0xfffffffffffffff7]),
        .init(0x4bf59513, "bclri a0,a1,0x3f", [11: 0xffffffffffffffff], [10: 0x7fffffffffffffff]),
        .init(0x48c5d533, "bext a0,a1,a2", [11: 0x8, 12: 0x3], [10: 0x1]),
        .init(0x4825d513, "bexti a0,a1,0x2", [11: 0x8], [10: 0x0]),
        .init(0x68c59533, "binv a0,a1,a2", [11: 0x1, 12: 0x0], [10: 0x0]),
        .init(0x6a859513, "binvi a0,a1,0x28", [11: 0x0], [10: 0x10000000000]),
        .init(0x28c59533, "bset a0,a1,a2", [11: 0x0, 12: 0x3f], [10: 0x8000000000000000]),
        .init(0x28159513, "bseti a0,a1,0x1", [11: 0x0], [10: 0x2]),
    ]

    @Test(arguments: cases)
    func singleInstruction(_ c: RISCV64Case) {
        let m = RISCV64TestMachine()
        let exit = m.run(c.word, x: c.before)
        #expect(exit.kind == .direct0)
        #expect(m.pc == RISCV64TestMachine.codeAddress + 4)
        for r in 0..<32 {
            let expected = c.after[r] ?? c.before[r] ?? 0
            #expect(m.x(r) == expected, "x\(r)")
        }
        #expect(m[IRSlot.zero] == 0)
    }

    @Test(arguments: cases)
    func disassembly(_ c: RISCV64Case) {
        #expect(RISCV64Frontend.disassemble(c.word) == c.text)
    }
}
