import Testing
@testable import Translator

/// Loads, stores, faults, fences and the A extension through RISCV64Frontend + Interpreter.
@Suite struct RISCV64MemoryTests {
    static let data = RISCV64TestMachine.dataAddress

    /// A machine whose data area holds the bytes 0x80, 0x81, ..., 0x87.
    func machine() -> RISCV64TestMachine {
        let m = RISCV64TestMachine()
        m.write64(Self.data, 0x8786_8584_8382_8180)
        return m
    }

    @Test(arguments: [
        (UInt32(0x0005_8503), "lb", UInt64(0xffff_ffff_ffff_ff80)),
        (0x0005_c503, "lbu", 0x80),
        (0x0005_9503, "lh", 0xffff_ffff_ffff_8180),
        (0x0005_d503, "lhu", 0x8180),
        (0x0005_a503, "lw", 0xffff_ffff_8382_8180),
        (0x0005_e503, "lwu", 0x8382_8180),
        (0x0005_b503, "ld", 0x8786_8584_8382_8180),
    ])
    func loads(_ word: UInt32, _ name: String, _ expected: UInt64) {
        let m = machine()
        let exit = m.run(word, x: [11: Self.data])
        #expect(exit.kind == .direct0, "\(name)")
        #expect(m.x(10) == expected, "\(name)")
    }

    @Test func loadNegativeOffset() {
        let m = machine()
        m.run(0xfff5_8503, x: [11: Self.data + 1])  // lb a0,-1(a1)
        #expect(m.x(10) == 0xffff_ffff_ffff_ff80)
    }

    @Test(arguments: [
        (UInt32(0x00c5_8023), "sb", UInt64(0x8786_8584_8382_8188)),
        (0x00c5_9023, "sh", 0x8786_8584_8382_7788),
        (0x00c5_a023, "sw", 0x8786_8584_5566_7788),
    ])
    func stores(_ word: UInt32, _ name: String, _ expected: UInt64) {
        let m = machine()
        m.run(word, x: [11: Self.data, 12: 0x1122_3344_5566_7788])
        #expect(m.read64(Self.data) == expected, "\(name)")
    }

    @Test func storeDoubleWithOffset() {
        let m = machine()
        m.run(0x00c5_b423, x: [11: Self.data, 12: 0x1122_3344_5566_7788])  // sd a2,8(a1)
        #expect(m.read64(Self.data + 8) == 0x1122_3344_5566_7788)
        #expect(m.read64(Self.data) == 0x8786_8584_8382_8180)
    }

    /// Precise state: a faulting `ld a0,0(a0)` leaves a0 alone and reports the address.
    @Test func loadFaultKeepsDestination() {
        let m = machine()
        m.protect(Self.data, 0)
        let exit = m.run(0x0005_3503, x: [10: Self.data + 8])
        #expect(exit.kind == .loadFault)
        #expect(exit.address == Self.data + 8)
        #expect(m.x(10) == Self.data + 8)
        #expect(m.pc == RISCV64TestMachine.codeAddress)
    }

    @Test func storeFault() {
        let m = machine()
        m.protect(Self.data, PagePermission.read)
        let exit = m.run(0x00c5_a023, x: [11: Self.data, 12: 1])  // sw a2,0(a1)
        #expect(exit.kind == .storeFault)
        #expect(m.read64(Self.data) == 0x8786_8584_8382_8180)
    }

    /// A fault in the second instruction of a block reports that instruction's pc, with the
    /// first one's effects kept.
    @Test func faultInsideBlock() {
        let m = machine()
        m.protect(Self.data, 0)
        m.code([0x0015_0513, 0x0005_b503])  // addi a0,a0,1 ; ld a0,0(a1)
        m.setX(11, Self.data)
        m.pc = RISCV64TestMachine.codeAddress
        let exit = m.step(maxInstructions: 8)
        #expect(exit.kind == .loadFault)
        #expect(m.pc == RISCV64TestMachine.codeAddress + 4)
        #expect(m.x(10) == 1)
    }

    @Test(arguments: [
        (UInt32(0x0330_000f), "fence rw,rw", Int64(1)),
        (0x0120_000f, "fence w,r", 1),
        (0x8330_000f, "fence.tso", 0),
        (0x0230_000f, "fence r,rw", 0),
    ])
    func fence(_ word: UInt32, _ text: String, _ imm: Int64) {
        let m = RISCV64TestMachine()
        m.code([word])
        let b = m.translate()
        #expect(b.ops.first == IROp(.fence, imm: imm))
        #expect(RISCV64Frontend.disassemble(word) == text)
        #expect(m.run(word).kind == .direct0)
    }

    @Test func loadReservedStoreConditionalSucceeds() {
        let m = machine()
        m.code([0x1005_a52f, 0x18d5_a62f])  // lr.w a0,(a1) ; sc.w a2,a3,(a1)
        m.setX(11, Self.data)
        m.setX(12, 77)
        m.setX(13, 0x1234_5678)
        m.pc = RISCV64TestMachine.codeAddress
        #expect(m.step(maxInstructions: 2).kind == .direct0)
        #expect(m.x(10) == 0xffff_ffff_8382_8180)
        #expect(m.x(12) == 0)
        #expect(m.read64(Self.data) == 0x8786_8584_1234_5678)
    }

    @Test func storeConditionalWithoutReservationFails() {
        let m = machine()
        m.run(0x18d5_b62f, x: [11: Self.data, 13: 5])  // sc.d a2,a3,(a1)
        #expect(m.x(12) == 1)
        #expect(m.read64(Self.data) == 0x8786_8584_8382_8180)
    }

    @Test func storeConditionalAfterInterveningWriteFails() {
        let m = machine()
        m.run(0x1005_b52f, x: [11: Self.data])  // lr.d a0,(a1)
        #expect(m.x(10) == 0x8786_8584_8382_8180)
        m.write64(Self.data, 42)
        m.run(0x18d5_b62f, x: [13: 5])  // sc.d a2,a3,(a1)
        #expect(m.x(12) == 1)
        #expect(m.read64(Self.data) == 42)
    }

    /// word, memory before (64 bits), a2, expected a0 (old value), expected memory after.
    @Test(arguments: [
        (UInt32(0x08c5_a52f), "amoswap.w", UInt64(0xffff_ffff_8000_0000), UInt64(5), UInt64(0xffff_ffff_8000_0000), UInt64(0xffff_ffff_0000_0005)),
        (0x00c5_a52f, "amoadd.w", 0x7fff_ffff, 1, 0x7fff_ffff, 0x8000_0000),
        (0x20c5_a52f, "amoxor.w", 0xff, 0x0f, 0xff, 0xf0),
        (0x60c5_a52f, "amoand.w", 0xff, 0x0f, 0xff, 0x0f),
        (0x40c5_a52f, "amoor.w", 0xf0, 0x0f, 0xf0, 0xff),
        (0x80c5_a52f, "amomin.w", 0xffff_ffff, 1, 0xffff_ffff_ffff_ffff, 0xffff_ffff),
        (0xa0c5_a52f, "amomax.w", 0xffff_ffff, 1, 0xffff_ffff_ffff_ffff, 1),
        (0xc0c5_a52f, "amominu.w", 0xffff_ffff, 1, 0xffff_ffff_ffff_ffff, 1),
        (0xe0c5_a52f, "amomaxu.w", 0xffff_ffff, 1, 0xffff_ffff_ffff_ffff, 0xffff_ffff),
        (0x08c5_b52f, "amoswap.d", 0x1122_3344_5566_7788, 5, 0x1122_3344_5566_7788, 5),
        (0x00c5_b52f, "amoadd.d", UInt64.max, 2, UInt64.max, 1),
        (0x20c5_b52f, "amoxor.d", 0xff, 0x0f, 0xff, 0xf0),
        (0x60c5_b52f, "amoand.d", 0xff, 0x0f, 0xff, 0x0f),
        (0x40c5_b52f, "amoor.d", 0xf0, 0x0f, 0xf0, 0xff),
        (0x80c5_b52f, "amomin.d", UInt64.max, 1, UInt64.max, UInt64.max),
        (0xa0c5_b52f, "amomax.d", UInt64.max, 1, UInt64.max, 1),
        (0xc0c5_b52f, "amominu.d", UInt64.max, 1, UInt64.max, 1),
        (0xe0c5_b52f, "amomaxu.d", UInt64.max, 1, UInt64.max, UInt64.max),
    ])
    func atomics(_ word: UInt32, _ name: String, _ memBefore: UInt64, _ a2: UInt64, _ old: UInt64, _ memAfter: UInt64) {
        let m = RISCV64TestMachine()
        m.write64(Self.data, memBefore)
        let exit = m.run(word, x: [11: Self.data, 12: a2])
        #expect(exit.kind == .direct0, "\(name)")
        #expect(m.x(10) == old, "\(name)")
        #expect(m.read64(Self.data) == memAfter, "\(name)")
        #expect(RISCV64Frontend.disassemble(word) == "\(name) a0,a2,(a1)")
    }

    /// amoadd.w.aqrl a1,a2,(a1): rd = rs1 reads the address before writing the old value.
    @Test func atomicDestinationIsAddressRegister() {
        let m = RISCV64TestMachine()
        m.write64(Self.data, 10)
        m.run(0x06c5_a5af, x: [11: Self.data, 12: 3])
        #expect(m.x(11) == 10)
        #expect(m.read64(Self.data) == 13)
    }

    @Test func misalignedAtomicFaults() {
        let m = RISCV64TestMachine()
        let exit = m.run(0x00c5_b52f, x: [10: 7, 11: Self.data + 4, 12: 1])  // amoadd.d
        #expect(exit.kind == .misalignedAtomic)
        #expect(m.x(10) == 7)
    }
}
