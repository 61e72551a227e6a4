import Testing
@testable import Translator

/// Branches, jumps, system instructions, illegal encodings and block formation.
@Suite struct RISCV64ControlTests {
    static let pc = RISCV64TestMachine.codeAddress

    /// word, text, a0, a1, taken (target pc + 16 or - 16).
    @Test(arguments: [
        (UInt32(0x00b5_0863), "beq", UInt64(5), UInt64(5), true),
        (0x00b5_0863, "beq", 5, 6, false),
        (0x00b5_1863, "bne", 5, 6, true),
        (0x00b5_1863, "bne", 5, 5, false),
        (0x00b5_4863, "blt", UInt64.max, 1, true),
        (0x00b5_4863, "blt", 1, UInt64.max, false),
        (0x00b5_5863, "bge", 1, UInt64.max, true),
        (0x00b5_5863, "bge", UInt64.max, 1, false),
        (0x00b5_5863, "bge", 3, 3, true),
        (0x00b5_6863, "bltu", 1, UInt64.max, true),
        (0x00b5_6863, "bltu", UInt64.max, 1, false),
        (0x00b5_7863, "bgeu", UInt64.max, 1, true),
        (0x00b5_7863, "bgeu", 1, UInt64.max, false),
    ])
    func branches(_ word: UInt32, _ name: String, _ a0: UInt64, _ a1: UInt64, _ taken: Bool) {
        let m = RISCV64TestMachine()
        let exit = m.run(word, x: [10: a0, 11: a1])
        #expect(exit.kind == (taken ? .direct1 : .direct0), "\(name)")
        #expect(m.pc == (taken ? Self.pc + 16 : Self.pc + 4), "\(name)")
        #expect(RISCV64Frontend.disassemble(word) == "\(name) a0,a1,.+16")
        #expect(RISCV64Frontend.disassemble(word, pc: 0x100) == "\(name) a0,a1,110")
    }

    @Test func backwardBranch() {
        let m = RISCV64TestMachine()
        m.run(0xfeb5_08e3, x: [10: 1, 11: 1])  // beq a0,a1,.-16
        #expect(m.pc == Self.pc - 16)
    }

    @Test func jal() {
        let m = RISCV64TestMachine()
        let exit = m.run(0x0010_00ef)  // jal ra,.+2048
        #expect(exit.kind == .direct0)
        #expect(m.pc == Self.pc + 2048)
        #expect(m.x(1) == Self.pc + 4)
        m.run(0xffdf_f06f)  // jal zero,.-4
        #expect(m.pc == Self.pc - 4)
        #expect(m.x(0) == 0)
    }

    /// jalr a0,4(a0): the target uses the old a0.
    @Test func jalrWithDestinationEqualToSource() {
        let m = RISCV64TestMachine()
        let exit = m.run(0x0045_0567, x: [10: 0x2000])
        #expect(exit.kind == .indirect)
        #expect(m.pc == 0x2004)
        #expect(m.x(10) == Self.pc + 4)
    }

    /// jalr ra,1(a0): bit 0 of the target is cleared.
    @Test func jalrClearsBitZero() {
        let m = RISCV64TestMachine()
        m.run(0x0015_00e7, x: [10: 0x2000])
        #expect(m.pc == 0x2000)
        #expect(m.x(1) == Self.pc + 4)
    }

    @Test func ecall() {
        let m = RISCV64TestMachine()
        let exit = m.run(0x0000_0073)
        #expect(exit.kind == .syscall)
        #expect(m.pc == Self.pc + 4)
    }

    @Test func ebreak() {
        let m = RISCV64TestMachine()
        let exit = m.run(0x0010_0073)
        #expect(exit.kind == .trap)
        #expect(exit.address == UInt64(IRTrapKind.breakpoint.rawValue))
        #expect(m.pc == Self.pc)
    }

    @Test func fenceI() {
        let m = RISCV64TestMachine()
        let exit = m.run(0x0000_100f)
        #expect(exit.kind == .trap)
        #expect(exit.address == UInt64(IRTrapKind.instructionCacheFlush.rawValue))
        #expect(m.pc == Self.pc + 4)
    }

    /// All-zero, all-ones, an unknown opcode, a reserved shift (slliw with bit 25), mret, wfi,
    /// and an FP op with the reserved rounding mode 5.
    @Test(arguments: [UInt32(0x0000_0000), 0xffff_ffff, 0x0000_007f, 0x0200_151b, 0x3020_0073, 0x1050_0073, 0x02c5_d553])
    func illegalInstructionTraps(_ word: UInt32) {
        let m = RISCV64TestMachine()
        m.code([word, 0x0015_0513])
        m.pc = Self.pc
        let exit = m.step(maxInstructions: 8)
        #expect(exit.kind == .trap)
        #expect(exit.address == UInt64(IRTrapKind.illegalInstruction.rawValue))
        #expect(m.pc == Self.pc)
        #expect(m.x(10) == 0)
    }

    /// An illegal instruction after a good one ends the block before it.
    @Test func illegalAfterFirstInstructionGetsItsOwnBlock() {
        let m = RISCV64TestMachine()
        m.code([0x0015_0513, 0xffff_ffff])  // addi a0,a0,1 ; illegal
        let b = m.translate(maxInstructions: 8)
        #expect(b.instructionPCs == [Self.pc])
        #expect(b.ops.last == IROp(.goto, imm: Int64(Self.pc + 4)))
        #expect(b.endPC == Self.pc + 4)
        m.pc = Self.pc
        #expect(m.step(maxInstructions: 8).kind == .direct0)
        #expect(m.x(10) == 1)
        #expect(m.step(maxInstructions: 8).kind == .trap)
        #expect(m.pc == Self.pc + 4)
    }

    @Test func maxInstructionsEndsBlock() {
        let m = RISCV64TestMachine()
        m.code([0x0015_0513, 0x0015_0513, 0x0015_0513])
        let b = m.translate(maxInstructions: 2)
        #expect(b.instructionPCs == [Self.pc, Self.pc + 4])
        #expect(b.ops.last == IROp(.goto, imm: Int64(Self.pc + 8)))
        #expect(b.endPC == Self.pc + 8)
    }

    /// A forward branch is a side exit and the block goes on (a superblock); taken, it leaves
    /// with exit 1 and the instructions after it do not run; not taken, they do.
    @Test(arguments: [true, false])
    func forwardBranchIsASideExit(_ taken: Bool) {
        let m = RISCV64TestMachine()
        // beq a0,a1,.+16 ; addi a2,a2,1 ; addi a2,a2,1 ; ecall
        m.code([0x00b5_0863, 0x0016_0613, 0x0016_0613, 0x0000_0073])
        let b = m.translate(maxInstructions: 8)
        #expect(b.instructionPCs == [Self.pc, Self.pc + 4, Self.pc + 8, Self.pc + 12])
        #expect(b.ops.first == IROp(.brEq, a: RISCV64Frontend.xSlot(10), b: RISCV64Frontend.xSlot(11), imm: Int64(Self.pc + 16)))
        m.setX(10, 5)
        m.setX(11, taken ? 5 : 6)
        m.pc = Self.pc
        let exit = m.step(maxInstructions: 8)
        #expect(exit.kind == (taken ? .direct1 : .syscall))
        #expect(m.pc == Self.pc + 16)
        #expect(m.x(12) == (taken ? 0 : 2))
    }

    /// A backward branch (a loop's back edge) ends the block: its fall-through is the loop exit.
    @Test func backwardBranchEndsBlock() {
        let m = RISCV64TestMachine()
        m.code([0x0015_0513, 0xfeb5_1ee3, 0x0015_0513])  // addi a0,a0,1 ; bne a0,a1,.-4 ; addi
        let b = m.translate(maxInstructions: 8)
        #expect(b.instructionPCs == [Self.pc, Self.pc + 4])
        #expect(b.ops.last == IROp(.goto, imm: Int64(Self.pc + 8)))
    }

    /// The block ends at the branch after `maxSideExits` forward ones.
    @Test func sideExitsAreBounded() {
        let m = RISCV64TestMachine()
        let beq: UInt32 = 0x00b5_0863  // beq a0,a1,.+16
        m.code([UInt32](repeating: beq, count: RISCV64Frontend.maxSideExits + 2))
        let b = m.translate(maxInstructions: 64)
        #expect(b.instructionPCs.count == RISCV64Frontend.maxSideExits + 1)
        #expect(b.ops.last == IROp(.goto, imm: Int64(Self.pc) + 4 * Int64(RISCV64Frontend.maxSideExits + 1)))
    }

    @Test func fetchFaultOnFirstInstruction() {
        let m = RISCV64TestMachine()
        m.protect(Self.pc, PagePermission.read)
        let b = m.translate()
        #expect(b.ops == [IROp(.trap, a: IRTrapKind.instructionFetchFault.rawValue, imm: Int64(Self.pc))])
        m.pc = Self.pc
        let exit = m.step()
        #expect(exit.kind == .trap)
        #expect(exit.address == UInt64(IRTrapKind.instructionFetchFault.rawValue))
    }

    /// A 32-bit instruction whose second parcel lies on a non-executable page.
    @Test func straddlingInstruction() {
        let m = RISCV64TestMachine()
        let last = Self.pc + 0x1000 - 6
        m.code([0x0015_0513, 0x0015_0513], at: last)  // second addi straddles the page end
        m.protect(Self.pc + 0x1000, PagePermission.read)
        let b = m.translate(at: last, maxInstructions: 8)
        #expect(b.instructionPCs == [last])
        #expect(b.ops.last == IROp(.goto, imm: Int64(last + 4)))
        #expect(b.endPC == last + 4)
        let b2 = m.translate(at: last + 4, maxInstructions: 8)
        #expect(b2.ops == [IROp(.trap, a: IRTrapKind.instructionFetchFault.rawValue, imm: Int64(last + 4))])
        #expect(b2.endPC == last + 8)
    }

    /// A straight-line block runs every instruction and ends at the control transfer.
    @Test func blockOfSeveralInstructions() {
        let m = RISCV64TestMachine()
        m.code([0x0015_0513, 0x0015_0513, 0x0000_0073, 0x0015_0513])  // addi; addi; ecall; addi
        let b = m.translate(maxInstructions: 8)
        #expect(b.instructionPCs.count == 3)
        #expect(b.endPC == Self.pc + 12)
        m.pc = Self.pc
        #expect(m.step(maxInstructions: 8).kind == .syscall)
        #expect(m.x(10) == 2)
        #expect(m.pc == Self.pc + 12)
    }
}
