import Testing
@testable import Translator

/// The C extension: every compressed form expands to the 32-bit instruction GNU as produces
/// for the same operation (pairs assembled with riscv64-linux-gnu-as, .option rvc / norvc).
@Suite struct RISCV64CompressedTests {
    static let pairs: [(UInt16, UInt32, String)] = [
        (0x1fe8, 0x3fc1_0513, "c.addi4spn a0,sp,1020"),
        (0x0044, 0x0041_0493, "c.addi4spn s1,sp,4"),
        (0x3de8, 0x0f85_b507, "c.fld fa0,248(a1)"),
        (0x5fe8, 0x07c7_a503, "c.lw a0,124(a5)"),
        (0x43c0, 0x0047_a403, "c.lw s0,4(a5)"),
        (0x7de8, 0x0f85_b503, "c.ld a0,248(a1)"),
        (0xa588, 0x00a5_b427, "c.fsd fa0,8(a1)"),
        (0xc1a8, 0x04a5_a023, "c.sw a0,64(a1)"),
        (0xe1c8, 0x08a5_b023, "c.sd a0,128(a1)"),
        (0x1501, 0xfe05_0513, "c.addi a0,-32"),
        (0x02fd, 0x01f2_8293, "c.addi t0,31"),
        (0x0001, 0x0000_0013, "c.nop"),
        (0x357d, 0xfff5_051b, "c.addiw a0,-1"),
        (0x57e5, 0xff90_0793, "c.li a5,-7"),
        (0x7101, 0xe001_0113, "c.addi16sp sp,-512"),
        (0x617d, 0x1f01_0113, "c.addi16sp sp,496"),
        (0x6141, 0x0101_0113, "c.addi16sp sp,16"),
        (0x657d, 0x0001_f537, "c.lui a0,0x1f"),
        (0x7301, 0xfffe_0337, "c.lui t1,0xfffe0"),
        (0x917d, 0x03f5_5513, "c.srli a0,63"),
        (0x8585, 0x4015_d593, "c.srai a1,1"),
        (0x9a7d, 0xfff6_7613, "c.andi a2,-1"),
        (0x8d0d, 0x40b5_0533, "c.sub a0,a1"),
        (0x8d2d, 0x00b5_4533, "c.xor a0,a1"),
        (0x8c45, 0x0094_6433, "c.or s0,s1"),
        (0x8f7d, 0x00f7_7733, "c.and a4,a5"),
        (0x9d0d, 0x40b5_053b, "c.subw a0,a1"),
        (0x9d2d, 0x00b5_053b, "c.addw a0,a1"),
        (0xb001, 0x801f_f06f, "c.j .-2048"),
        (0xaffd, 0x7fe0_006f, "c.j .+2046"),
        (0xa46d, 0x2aa0_006f, "c.j .+0x2aa"),
        (0xd101, 0xf005_00e3, "c.beqz a0,.-256"),
        (0xeffd, 0x0e07_9f63, "c.bnez a5,.+254"),
        (0xe7cd, 0x0a07_9563, "c.bnez a5,.+0xaa"),
        (0x157e, 0x03f5_1513, "c.slli a0,63"),
        (0x357e, 0x1f81_3507, "c.fldsp fa0,504(sp)"),
        (0x557e, 0x0fc1_2503, "c.lwsp a0,252(sp)"),
        (0x70fe, 0x1f81_3083, "c.ldsp ra,504(sp)"),
        (0x63a2, 0x0081_3383, "c.ldsp t2,8(sp)"),
        (0x8082, 0x0000_8067, "c.jr ra"),
        (0x852e, 0x00b0_0533, "c.mv a0,a1"),
        (0x9002, 0x0010_0073, "c.ebreak"),
        (0x9282, 0x0002_80e7, "c.jalr t0"),
        (0x952e, 0x00b5_0533, "c.add a0,a1"),
        (0xbfaa, 0x1ea1_3c27, "c.fsdsp fa0,504(sp)"),
        (0xdfaa, 0x0ea1_2e23, "c.swsp a0,252(sp)"),
        (0xff86, 0x1e11_3c23, "c.sdsp ra,504(sp)"),
        (0xe422, 0x0081_3423, "c.sdsp s0,8(sp)"),
    ]

    @Test func expansionEqualsThe32BitForm() {
        for (half, word, text) in Self.pairs {
            #expect(RISCV64Decoder.expand(half) == word, "\(text)")
            var expected = RISCV64Decoder.decode(word)
            expected?.length = 2
            #expect(RISCV64Decoder.decodeAny(UInt32(half)) == expected, "\(text)")
            #expect(RISCV64Frontend.disassemble(UInt32(half)) == RISCV64Frontend.disassemble(word), "\(text)")
        }
    }

    /// Reserved encodings (table 16.5-16.7): the all-zero parcel, c.addi4spn with 0, c.addiw
    /// x0, c.addi16sp 0, c.lui with 0, c.lwsp/c.ldsp x0, c.jr x0, the reserved Q1 ALU slots,
    /// and the RV32-only/unsupported quadrant-0 slot 100.
    @Test(arguments: [UInt16(0x0000), 0x0010, 0x2001, 0x6101, 0x6501, 0x4002, 0x6002, 0x8002, 0x9c41, 0x9c61, 0x8000])
    func reservedEncodingsAreIllegal(_ half: UInt16) {
        #expect(RISCV64Decoder.expand(half) == nil)
        let m = RISCV64TestMachine()
        m.code([UInt32(half)])
        m.pc = RISCV64TestMachine.codeAddress
        let exit = m.step()
        #expect(exit.kind == .trap)
        #expect(exit.address == UInt64(IRTrapKind.illegalInstruction.rawValue))
    }

    /// A mixed 16/32-bit block: c.li a0,-7 ; addi a0,a0,1 ; c.add a0,a0 ; c.jr ra.
    @Test func mixedBlock() {
        let m = RISCV64TestMachine()
        m.code([0x5565, 0x0015_0513, 0x952a, 0x8082])
        m.setX(1, 0x4000)
        m.pc = RISCV64TestMachine.codeAddress
        let b = m.translate(maxInstructions: 8)
        let pc = RISCV64TestMachine.codeAddress
        #expect(b.instructionPCs == [pc, pc + 2, pc + 6, pc + 8])
        #expect(b.endPC == pc + 10)
        let exit = m.step(maxInstructions: 8)
        #expect(exit.kind == .indirect)
        #expect(m.pc == 0x4000)
        #expect(m.x(10) == UInt64(bitPattern: -12))
    }

    /// c.jalr links to pc + 2, not pc + 4.
    @Test func compressedLinkIsPcPlusTwo() {
        let m = RISCV64TestMachine()
        m.code([0x9282])  // c.jalr t0
        m.setX(5, 0x3000)
        m.pc = RISCV64TestMachine.codeAddress
        m.step()
        #expect(m.pc == 0x3000)
        #expect(m.x(1) == RISCV64TestMachine.codeAddress + 2)
    }

    /// c.beqz taken and not taken; the fall-through is pc + 2.
    @Test func compressedBranch() {
        let m = RISCV64TestMachine()
        m.code([0xd101])  // c.beqz a0,.-256
        m.pc = RISCV64TestMachine.codeAddress
        #expect(m.step().kind == .direct1)
        #expect(m.pc == RISCV64TestMachine.codeAddress - 256)
        m.setX(10, 1)
        m.pc = RISCV64TestMachine.codeAddress
        #expect(m.step().kind == .direct0)
        #expect(m.pc == RISCV64TestMachine.codeAddress + 2)
    }

    /// c.ebreak traps at its own pc; c.sdsp stores relative to sp.
    @Test func compressedEbreakAndStore() {
        let m = RISCV64TestMachine()
        m.code([0x9002])
        m.pc = RISCV64TestMachine.codeAddress
        #expect(m.step().address == UInt64(IRTrapKind.breakpoint.rawValue))
        #expect(m.pc == RISCV64TestMachine.codeAddress)
        m.code([0xe422])  // c.sdsp s0,8(sp)
        m.setX(2, RISCV64TestMachine.dataAddress)
        m.setX(8, 0xdead_beef)
        m.pc = RISCV64TestMachine.codeAddress
        m.step()
        #expect(m.read64(RISCV64TestMachine.dataAddress + 8) == 0xdead_beef)
    }
}
