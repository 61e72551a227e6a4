import Testing
@testable import Translator

/// Zicsr: the FP CSRs, the user counters, and illegal CSR accesses.
@Suite struct RISCV64CSRTests {
    func machine(frm: UInt64 = 0, fflags: UInt64 = 0) -> RISCV64TestMachine {
        let m = RISCV64TestMachine()
        m[IRSlot.fpRoundingMode] = frm
        m[IRSlot.fpFlags] = fflags
        return m
    }

    @Test func csrrwFrm() {
        let m = machine(frm: 1)
        m.run(0x0025_9573, x: [11: 0xfb])  // csrrw a0,frm,a1
        #expect(m.x(10) == 1)
        #expect(m[IRSlot.fpRoundingMode] == 3)
    }

    @Test func csrrsFrmWithZeroOnlyReads() {
        let m = machine(frm: 4)
        m.run(0x0020_2573)  // csrrs a0,frm,zero
        #expect(m.x(10) == 4)
        #expect(m[IRSlot.fpRoundingMode] == 4)
    }

    @Test func fflagsWriteSetClear() {
        let m = machine(fflags: 0x11)
        m.run(0x0015_9573, x: [11: 0xffe])  // csrrw a0,fflags,a1
        #expect(m.x(10) == 0x11)
        #expect(m[IRSlot.fpFlags] == 0x1e)
        m.run(0x0015_b573, x: [11: 0x06])  // csrrc a0,fflags,a1
        #expect(m.x(10) == 0x1e)
        #expect(m[IRSlot.fpFlags] == 0x18)
        m.run(0x0015_a573, x: [11: 0x01])  // csrrs a0,fflags,a1
        #expect(m.x(10) == 0x18)
        #expect(m[IRSlot.fpFlags] == 0x19)
        m.run(0x0010_f573)  // csrrci a0,fflags,1
        #expect(m[IRSlot.fpFlags] == 0x18)
        m.run(0x0010_e573)  // csrrsi a0,fflags,1
        #expect(m[IRSlot.fpFlags] == 0x19)
    }

    @Test func fcsrSplitsAndJoins() {
        let m = machine(frm: 2, fflags: 0x3)
        m.run(0x0035_9573, x: [11: 0x1_23])  // csrrw a0,fcsr,a1
        #expect(m.x(10) == 2 << 5 | 3)
        #expect(m[IRSlot.fpFlags] == 0x03)
        #expect(m[IRSlot.fpRoundingMode] == 1)
        m.run(0x0030_2573)  // csrrs a0,fcsr,zero
        #expect(m.x(10) == 0x23)
    }

    @Test func csrrwiFrm() {
        let m = machine()
        m.run(0x0021_d573)  // csrrwi a0,frm,3
        #expect(m[IRSlot.fpRoundingMode] == 3)
        #expect(m.x(10) == 0)
    }

    /// csrrw a0,frm,a0: the old value lands in a0, the new value comes from the old a0.
    @Test func destinationEqualsSource() {
        let m = machine(frm: 1)
        m.run(0x0025_1573, x: [10: 2])
        #expect(m.x(10) == 1)
        #expect(m[IRSlot.fpRoundingMode] == 2)
    }

    @Test func counters() {
        let m = machine()
        m.counters.pointee.instructionsRetired = 42
        m.run(0xc020_2573)  // csrrs a0,instret,zero
        #expect(m.x(10) == 42)
        m.run(0xc000_2573)  // csrrs a0,cycle,zero
        #expect(m.x(10) > 0)
        m.run(0xc010_2573)  // csrrs a0,time,zero (10 MHz)
        let ticks = m.x(10)
        let ns = RuntimeCounters.monotonicNanoseconds() - m.counters.pointee.startNanoseconds
        #expect(ticks <= ns / 100)
        let b = m.translate()
        #expect(b.ops.contains(IROp(.rdcounter, d: RISCV64Frontend.firstTemp + 1, imm: 1)))
    }

    /// Writes to read-only counters, unknown CSRs (mstatus, hpmcounter3) are illegal.
    @Test(arguments: [UInt32(0xc005_a573), 0xc015_9573, 0xc020_e573, 0x3000_2573, 0xc030_2573])
    func illegalAccesses(_ word: UInt32) {
        let m = machine(frm: 1)
        let exit = m.run(word, x: [10: 7, 11: 1])
        #expect(exit.kind == .trap)
        #expect(exit.address == UInt64(IRTrapKind.illegalInstruction.rawValue))
        #expect(m.x(10) == 7)
        #expect(m[IRSlot.fpRoundingMode] == 1)
    }

    @Test func disassembly() {
        #expect(RISCV64Frontend.disassemble(0x0025_9573) == "csrrw a0,frm,a1")
        #expect(RISCV64Frontend.disassemble(0x0021_d573) == "csrrwi a0,frm,3")
        #expect(RISCV64Frontend.disassemble(0xc010_2573) == "csrrs a0,time,zero")
        #expect(RISCV64Frontend.disassemble(0x3000_2573) == "csrrs a0,0x300,zero")
    }
}
