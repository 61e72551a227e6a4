import Foundation
@testable import Translator
import Testing

/// Pins the size of the host code emitted per IR op (FEX InstructionCountCI style): a change in
/// the lowering shows up as a diff here. Sizes exclude the block prologue, stubs and records, and include NOPs that align patchable jumps.
@Suite("JIT code size per IR op (golden)")
struct JITCodeGoldenTests {
    /// (op, host bytes of its lowering: one-use slots stay in the frame (no slot is cached in a
    /// one-op block), memory access as the mask test and the access itself (host faults)).
    static let golden: [(IROp, Int)] = [
        (IROp(.add, d: 20, a: 21, b: 22), 21),
        (IROp(.addi, d: 20, a: 21, imm: 16), 18),
        (IROp(.movi, d: 20, imm: 5), 11),
        (IROp(.sltu, d: 20, a: 21, b: 22), 26),
        (IROp(.add32, d: 20, a: 21, b: 22), 24),
        (IROp(.divs, d: 20, a: 21, b: 22), 65),
        (IROp(.ld64, d: 20, a: 21, imm: 8), 32),
        (IROp(.st64, a: 21, b: 22, imm: 8), 32),
        (IROp(.brEq, a: 21, b: 22, imm: 0x3000), 24),
        (IROp(.goto, imm: 0x3000), 8),
    ]

    /// A branch as the frontend ends a block: `brXX` and `goto` of one guest instruction.
    static func finalBranchBlock(_ op: IROp) -> UnsafeMutablePointer<TranslatedBlock> {
        var b = IRBuilder(firstTemp: 80, tempCount: 16)
        b.beginInstruction(pc: 0x1000)
        b.emit(op)
        b.emit(IROp(.goto, imm: 0x2000))
        b.endPC = 0x1004
        return TranslatedBlock.make(from: b, guestPC: 0x1000, guestEnd: b.endPC)
    }

    /// sext.w of a value known to be sign-extended is nothing (d == a) or a move; of an unknown
    /// one (a block's live-in register) a movsxd.
    @Test("sext.w after a 32-bit result costs nothing")
    func redundantSignExtension() {
        let machine = JITTestMachine()
        let ops = [IROp(.ld32s, d: 20, a: 21), IROp(.add32i, d: 20, a: 20, imm: 0),
                   IROp(.xor, d: 22, a: 20, b: 20), IROp(.add32i, d: 23, a: 22, imm: 0),
                   IROp(.add32i, d: 24, a: 25, imm: 0), IROp(.goto, imm: 0x2000)]
        let block = JITTestMachine.block(ops)
        defer { UnsafeMutableRawPointer(block).deallocate() }
        var c = X86BlockCompiler(block: block, features: .host, memoryDescriptor: UnsafeRawPointer(machine.jit.memoryDescriptor))
        c.compile()
        let size = { (i: Int) in c.opOffsets[i + 1] - c.opOffsets[i] }
        #expect(size(1) == 0, "sext.w of a ld32s result in place")
        #expect(size(3) > 0 && !JITFloatCodeTests.contains(Array(c.asm.bytes[c.opOffsets[3]..<c.opOffsets[4]]), [0x63]),
                "sext.w of an xor of sign-extended values: a move, no movsxd")
        #expect(JITFloatCodeTests.contains(Array(c.asm.bytes[c.opOffsets[4]..<c.opOffsets[5]]), [0x63]),
                "sext.w of a live-in slot: movsxd")
    }

    /// Blocks have no interrupt test at entry; an exit that may close a loop has one: a direct
    /// exit to the block's start or before it, and `jmpr` (`cmp byte [r15-0x68], 0`). A forward
    /// direct exit has none.
    @Test("The interrupt word is tested at exits that may close a loop, not at block entry")
    func interruptTests() {
        let machine = JITTestMachine()
        let test: [UInt8] = [0x41, 0x80, 0x7f, 0x98, 0x00]
        for (ops, expected) in [([IROp(.goto, imm: 0x2000)], false), ([IROp(.goto, imm: 0x1000)], true),
                                ([IROp(.goto, imm: 0x800)], true), ([IROp(.brEq, a: 21, b: 22, imm: 0x800), IROp(.goto, imm: 0x2000)], true),
                                ([IROp(.jmpr, a: 21)], true)] {
            let block = JITTestMachine.block(ops)
            defer { UnsafeMutableRawPointer(block).deallocate() }
            var c = X86BlockCompiler(block: block, features: .host, memoryDescriptor: UnsafeRawPointer(machine.jit.memoryDescriptor))
            c.probesJumpCache = true
            c.compile()
            #expect(!JITFloatCodeTests.contains(Array(c.asm.bytes[0..<c.opOffsets[0]]), test), "\(ops[0].opcode): test at entry")
            // Taken branches leave out of line: search the ops and the stubs after them.
            #expect(JITFloatCodeTests.contains(Array(c.asm.bytes[c.opOffsets[0]...]), test) == expected,
                    "\(ops[0].opcode) to 0x\(String(ops[0].imm, radix: 16)): interrupt test \(expected ? "missing" : "present")")
        }
        // A queued signal at a backward exit leaves with `interrupted` and the pc at the target.
        let block = JITTestMachine.block([IROp(.addi, d: 20, a: 20, imm: 1), IROp(.goto, imm: 0x800)])
        defer { UnsafeMutableRawPointer(block).deallocate() }
        machine.regs[Int(JITFrame.interrupt) / 8] = 1
        let exit = machine.runJIT(block)
        machine.regs[Int(JITFrame.interrupt) / 8] = 0
        #expect(exit.kind == .interrupted && machine.regs[Int(IRSlot.pc)] == 0x800 && machine.regs[20] == 1)
    }

    @Test("A side exit inside a superblock: a jcc to the out-of-line count fix-up and patchable jmp")
    func sideExit() {
        let machine = JITTestMachine()
        // brEq is instruction 0 of 2: taken, it skips one counted instruction (sub r12, 1).
        let block = JITTestMachine.block([IROp(.brEq, a: 21, b: 22, imm: 0x3000), IROp(.goto, imm: 0x2000)])
        defer { UnsafeMutableRawPointer(block).deallocate() }
        var c = X86BlockCompiler(block: block, features: .host, memoryDescriptor: UnsafeRawPointer(machine.jit.memoryDescriptor))
        c.compile()
        // Inline: the compare (a load of a, cmp with b's frame cell) and `je rel32`, nothing else.
        let code = Array(c.asm.bytes[c.opOffsets[0]..<c.opOffsets[1]])
        #expect(code.count == 20 && code[14] == 0x0f && code[15] == 0x84, "\(code) (golden: 20 bytes ending in je rel32)")
        #expect(!JITFloatCodeTests.contains(code, [0x49, 0x83, 0xec, 0x01]), "sub r12, 1 inline")
        #expect(JITFloatCodeTests.contains(Array(c.asm.bytes[c.opOffsets[2]...]), [0x49, 0x83, 0xec, 0x01]), "no sub r12, 1 on the taken path")
    }

    /// Pinned slots live in rbx, rbp, r13 across blocks: a block that reads and writes one
    /// neither loads it at entry nor stores it at its exit; an unpinned slot is both.
    @Test("Pinned slots are neither loaded at entry nor written back at exits")
    func pinnedSlots() {
        let machine = JITTestMachine()
        let ops = [IROp(.addi, d: 18, a: 18, imm: -16), IROp(.addi, d: 20, a: 20, imm: 1), IROp(.goto, imm: 0x2000)]
        let block = JITTestMachine.block(ops)
        defer { UnsafeMutableRawPointer(block).deallocate() }
        var c = X86BlockCompiler(block: block, features: .host, memoryDescriptor: UnsafeRawPointer(machine.jit.memoryDescriptor))
        c.pinnedSlots = [31, 30, 18]
        c.compile()
        let code = Array(c.asm.bytes[0..<c.opOffsets[3]])
        // [r15 + 8 * slot] as a disp32 (0x90 = slot 18, 0xa0 = slot 20).
        let frameCell: (UInt8) -> [UInt8] = { [$0, 0x00, 0x00, 0x00] }
        #expect(!JITFloatCodeTests.contains(code, frameCell(0x90)), "slot 18 went through the frame")
        #expect(JITFloatCodeTests.contains(code, [0x49, 0x83, 0xc5, 0xf0]), "add r13, -16 (slot 18 in r13)")
        #expect(JITFloatCodeTests.contains(code, frameCell(0xa0)), "slot 20 is loaded and written back")
    }

    /// Pinned slots past the third live in caller-saved registers (r11, r10, r9, r8): an op that
    /// calls a helper writes such a slot back before the call and reloads its register right
    /// after it, so later ops and every exit find it there (slot 17, the sixth, is in r9).
    @Test("A pinned slot in a caller-saved register is saved and reloaded around a helper call")
    func pinnedCallerSaved() {
        let machine = JITTestMachine()
        let ops = [IROp(.addi, d: 17, a: 17, imm: 1), IROp(.orcb, d: 20, a: 17), IROp(.addi, d: 17, a: 17, imm: 1), IROp(.goto, imm: 0x2000)]
        let block = JITTestMachine.block(ops)
        defer { UnsafeMutableRawPointer(block).deallocate() }
        var c = X86BlockCompiler(block: block, features: .host, memoryDescriptor: UnsafeRawPointer(machine.jit.memoryDescriptor))
        c.pinnedSlots = [31, 30, 18, 26, 24, 17]
        c.compile()
        let helper = Array(c.asm.bytes[c.opOffsets[1]..<c.opOffsets[2]])
        let storeR9: [UInt8] = [0x4d, 0x89, 0x8f, 0x88, 0x00, 0x00, 0x00], loadR9: [UInt8] = [0x4d, 0x8b, 0x8f, 0x88, 0x00, 0x00, 0x00]
        #expect(JITFloatCodeTests.contains(helper, storeR9), "r9 not written back before the call")
        #expect(JITFloatCodeTests.contains(helper, loadR9), "r9 not reloaded after the call")
        #expect(Array(c.asm.bytes[c.opOffsets[0]..<c.opOffsets[1]]) == [0x49, 0x83, 0xc1, 0x01], "add r9, 1")
        #expect(!JITFloatCodeTests.contains(Array(c.asm.bytes[c.opOffsets[2]..<c.opOffsets[4]]), storeR9), "r9 written back at the exit")
        // Run it: the pinned value survives the helper and reaches the frame through the trampoline.
        let m = JITTestMachine()
        m.regs[17] = 41
        let runBlock = JITTestMachine.block(ops)
        defer { UnsafeMutableRawPointer(runBlock).deallocate() }
        _ = m.runJIT(runBlock)
        #expect(m.regs[17] == 43 && m.regs[20] == 0xff)
    }

    /// Two dynamic-mode F ops: the block tests `frm == 0` once before anything runs (`cmp qword
    /// [r15+0x18], 0`) and the ops have no test of their own; with another mode the block
    /// leaves untouched (`interpretBlock`) and the interpreter's result is the one the guest gets.
    @Test("The dynamic rounding mode is tested once at block entry")
    func roundingModeAtEntry() {
        let machine = JITTestMachine()
        let mode = FPMode.make(rounding: FPMode.dynamicRounding, nanBoxed: false, canonicalNaN: true, c: 0)
        let ops = [IROp(.fadd64, d: 50, a: 51, b: 52, imm: mode), IROp(.fmul64, d: 53, a: 50, b: 52, imm: mode), IROp(.goto, imm: 0x2000)]
        let block = JITTestMachine.block(ops)
        defer { UnsafeMutableRawPointer(block).deallocate() }
        var c = X86BlockCompiler(block: block, features: .host, memoryDescriptor: UnsafeRawPointer(machine.jit.memoryDescriptor))
        c.compile()
        let test: [UInt8] = [0x49, 0x83, 0x7f, 0x18, 0x00]
        #expect(JITFloatCodeTests.contains(Array(c.asm.bytes[0..<c.opOffsets[0]]), test), "no frm test at entry")
        #expect(!JITFloatCodeTests.contains(Array(c.asm.bytes[c.opOffsets[0]..<c.opOffsets[2]]), test), "an F op tests frm")
        for frm: UInt64 in [0, 1, 3] {
            let interp = JITTestMachine(), jit = JITTestMachine()
            for m in [interp, jit] {
                m.regs[Int(IRSlot.fpRoundingMode)] = frm
                m.regs[51] = (1.0 as Double).bitPattern
                m.regs[52] = (1.0 / 3.0 as Double).bitPattern
            }
            let a = interp.interpret(block), b = jit.runJIT(block)
            #expect(a.kind == b.kind && interp.regs[50] == jit.regs[50] && interp.regs[53] == jit.regs[53]
                    && interp.regs[Int(IRSlot.fpFlags)] == jit.regs[Int(IRSlot.fpFlags)], "frm \(frm)")
        }
    }

    /// F slots only F ops touch live in xmm registers for the whole block: loaded at entry,
    /// the ops register to register (no `movq` through a general register; in the
    /// destination's register when it is an operand), written back at the exit when written.
    @Test("F slots stay in xmm registers for the whole block")
    func floatSlotsInXMM() {
        let machine = JITTestMachine()
        let rne = FPMode.make(rounding: 0, nanBoxed: false, canonicalNaN: true, c: 0)
        let ops = [IROp(.fadd64, d: 50, a: 50, b: 51, imm: rne), IROp(.fmul64, d: 50, a: 50, b: 51, imm: rne), IROp(.goto, imm: 0x2000)]
        let block = JITTestMachine.block(ops)
        defer { UnsafeMutableRawPointer(block).deallocate() }
        var c = X86BlockCompiler(block: block, features: .host, memoryDescriptor: UnsafeRawPointer(machine.jit.memoryDescriptor))
        c.compile()
        let bytes = c.asm.bytes
        // movsd xmm3, [r15+400]; movsd xmm4, [r15+408] (slot 50 has more uses: xmm3).
        let loads: [UInt8] = [0xf2, 0x41, 0x0f, 0x10, 0x9f, 0x90, 0x01, 0x00, 0x00, 0xf2, 0x41, 0x0f, 0x10, 0xa7, 0x98, 0x01, 0x00, 0x00]
        #expect(JITFloatCodeTests.contains(Array(bytes[0..<c.opOffsets[0]]), loads), "entry loads")
        // In place, the NaN check deferred: mulsd xmm3, xmm4 alone.
        let mul = Array(bytes[c.opOffsets[1]..<c.opOffsets[2]])
        #expect(mul == [0xf2, 0x0f, 0x59, 0xdc], "fmul64: \(mul)")
        // The exit checks slot 50 once (ucomisd xmm3, xmm3; jp canonical-NaN fix), then writes
        // it back (movsd [r15+400], xmm3), not the unwritten slot 51.
        let exit = Array(bytes[c.opOffsets[2]..<c.opOffsets[3]])
        #expect(Array(exit[0..<6]) == [0x66, 0x0f, 0x2e, 0xdb, 0x0f, 0x8a], "one check at the exit: \(exit)")
        #expect(!JITFloatCodeTests.contains(Array(exit[6...]), [0x0f, 0x2e]), "a second ucomisd: \(exit)")
        #expect(JITFloatCodeTests.contains(exit, [0xf2, 0x41, 0x0f, 0x11, 0x9f, 0x90, 0x01, 0x00, 0x00]), "write-back")
        #expect(!JITFloatCodeTests.contains(exit, [0xf2, 0x41, 0x0f, 0x11, 0xa7, 0x98, 0x01, 0x00, 0x00]), "no write-back of 51")
        let interp = JITTestMachine(), jit = JITTestMachine()
        for m in [interp, jit] {
            m.regs[50] = (1.0 / 3.0 as Double).bitPattern
            m.regs[51] = (2.5 as Double).bitPattern
        }
        let a = interp.interpret(block), b = jit.runJIT(block)
        #expect(a.kind == b.kind && interp.regs[50] == jit.regs[50] && interp.regs[51] == jit.regs[51]
                && interp.regs[Int(IRSlot.fpFlags)] == jit.regs[Int(IRSlot.fpFlags)])
    }

    /// An indirect call (`movi ra, link` then `jmpr`) and a return compare their target with an
    /// inline cache (`cmp rax, imm32`: 48 3D) before the probe; another `jmpr` (a `jr` through
    /// a jump table) probes at once.
    @Test("Indirect calls and returns have an inline cache, other indirect jumps not")
    func indirectInlineCaches() {
        let machine = JITTestMachine()
        let ra = RISCV64Frontend.xSlot(1)
        for (ops, expected) in [([IROp(.movi, d: ra, imm: 0x1004), IROp(.jmpr, a: 20)], true),
                                ([IROp(.addi, d: 80, a: ra, imm: 0), IROp(.andi, d: 80, a: 80, imm: -2), IROp(.jmpr, a: 80)], true),
                                ([IROp(.movi, d: 21, imm: 0x1004), IROp(.jmpr, a: 20)], false)] {
            let block = JITTestMachine.block(ops)
            defer { UnsafeMutableRawPointer(block).deallocate() }
            var c = X86BlockCompiler(block: block, features: .host, memoryDescriptor: UnsafeRawPointer(machine.jit.memoryDescriptor))
            c.probesJumpCache = true
            c.returnAddressSlot = ra
            c.firstTemporarySlot = 80
            c.compile()
            let code = Array(c.asm.bytes[c.opOffsets[0]..<c.opOffsets[ops.count]])
            #expect(JITFloatCodeTests.contains(code, [0x48, 0x3d]) == expected, "\(ops.map(\.opcode))")
        }
    }

    /// `addiw d, a, imm` between two cache registers is one 32-bit `lea` (a narrow result).
    @Test("addiw between registers is one lea", .enabled(if: FileManager.default.isExecutableFile(atPath: X86AssemblerTests.objdump), "objdump not installed"))
    func addiwLea() throws {
        let ops = [IROp(.addi, d: 40, a: 40, imm: 1), IROp(.add32i, d: 41, a: 40, imm: -1), IROp(.add, d: 42, a: 41, b: 41),
                   IROp(.add, d: 42, a: 42, b: 40), IROp(.goto, imm: 0x2000)]
        let block = JITTestMachine.block(ops)
        defer { UnsafeMutableRawPointer(block).deallocate() }
        let machine = JITTestMachine()
        var c = X86BlockCompiler(block: block, features: .host, memoryDescriptor: UnsafeRawPointer(machine.jit.memoryDescriptor))
        c.compile()
        let lines = try X86AssemblerTests.disassemble(Array(c.asm.bytes[c.opOffsets[1]..<c.opOffsets[2]]))
        // One `lea` into a 32-bit register (eax...edi, r8d...r15d).
        let destination = lines.first?.dropFirst(4).prefix { $0 != "," } ?? ""
        #expect(lines.count == 1 && lines[0].hasPrefix("lea ") && (destination.hasPrefix("e") || destination.hasSuffix("d")), "\(lines)")
        let interp = JITTestMachine(), jit = JITTestMachine()
        for v: UInt64 in [0, 0x7fff_ffff, 0xffff_ffff_8000_0000, 0x1_0000_0000, 0x1234_5678_9abc_def0] {
            for m in [interp, jit] { m.regs[40] = v; m.regs[41] = 0; m.regs[42] = 0 }
            _ = interp.interpret(block)
            _ = jit.runJIT(block)
            #expect(interp.regs[41] == jit.regs[41] && interp.regs[42] == jit.regs[42], "0x\(String(v, radix: 16))")
            jit.jit.reset()
        }
    }

    /// A chain of 32-bit adds keeps its result narrow (low half only) in the register: one
    /// `add r32` per op, and a single `movsxd` before the value is written back.
    @Test("32-bit results are sign-extended only when they leave")
    func narrowResults() {
        let ops = [IROp(.add32, d: 40, a: 40, b: 41), IROp(.add32, d: 40, a: 40, b: 41), IROp(.add32i, d: 40, a: 40, imm: 7),
                   IROp(.goto, imm: 0x2000)]
        let block = JITTestMachine.block(ops)
        defer { UnsafeMutableRawPointer(block).deallocate() }
        let machine = JITTestMachine()
        var c = X86BlockCompiler(block: block, features: .host, memoryDescriptor: UnsafeRawPointer(machine.jit.memoryDescriptor))
        c.compile()
        func movsxdCount(_ bytes: ArraySlice<UInt8>) -> Int {
            // movsxd r64, r/m32 with a register operand: REX.W (0x48-0x4f) 0x63 ModRM mod=11.
            zip(bytes, zip(bytes.dropFirst(), bytes.dropFirst(2))).filter { $0.0 & 0xf8 == 0x48 && $0.1.0 == 0x63 && $0.1.1 >= 0xc0 }.count
        }
        for k in 0..<2 {
            let code = c.asm.bytes[c.opOffsets[k]..<c.opOffsets[k + 1]]
            #expect(code.count <= 4 && movsxdCount(code) == 0, "op \(k): \(Array(code))")
        }
        // The last op ends slot 40's range: add, then the one movsxd before the write-back.
        #expect(movsxdCount(c.asm.bytes[c.opOffsets[2]..<c.opOffsets[4]]) == 1, "one movsxd")
        let interp = JITTestMachine(), jit = JITTestMachine()
        for m in [interp, jit] {
            m.regs[40] = 0x7fff_fff0
            m.regs[41] = 0x0000_0009
        }
        let a = interp.interpret(block), b = jit.runJIT(block)
        #expect(a.kind == b.kind && interp.regs[40] == jit.regs[40] && jit.regs[40] == UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: 0x7fff_fff0 + 25))))
    }

    /// An `ld64` into an xmm slot and an `st64` from one are one `movsd` each (no `movq`), fault
    /// sites like the others: a fault leaves the slot as it was.
    @Test("Loads and stores of xmm slots go straight to and from the register")
    func xmmLoadsAndStores() {
        let rne = FPMode.make(rounding: 0, nanBoxed: false, canonicalNaN: true, c: 0)
        let ops = [IROp(.ld64, d: 50, a: 21), IROp(.fadd64, d: 50, a: 50, b: 50, imm: rne), IROp(.st64, a: 21, b: 50, imm: 8),
                   IROp(.goto, imm: 0x2000)]
        let block = JITTestMachine.block(ops)
        defer { UnsafeMutableRawPointer(block).deallocate() }
        let machine = JITTestMachine()
        var c = X86BlockCompiler(block: block, features: .host, memoryDescriptor: UnsafeRawPointer(machine.jit.memoryDescriptor))
        c.memoryGuardBytes = UInt64(JITTestMachine.guardBytes)
        c.compile()
        let load = Array(c.asm.bytes[c.opOffsets[0]..<c.opOffsets[1]]), store = Array(c.asm.bytes[c.opOffsets[2]..<c.opOffsets[3]])
        #expect(JITFloatCodeTests.contains(load, [0x0f, 0x10]) && !JITFloatCodeTests.contains(load, [0x0f, 0x6e]), "load: \(load)")
        #expect(JITFloatCodeTests.contains(store, [0x0f, 0x11]) && !JITFloatCodeTests.contains(store, [0x0f, 0x7e]), "store: \(store)")
        for (address, flags) in [(UInt64(0x8000), PagePermission.read | PagePermission.write | PagePermission.mapped), (0x8000, 0)] {
            let interp = JITTestMachine(), jit = JITTestMachine()
            for m in [interp, jit] {
                m.pageFlags[Int(address >> GuestMemory.pageShift)] = flags
                m.regs[21] = address
                m.regs[50] = 7
                (m.base + Int(address)).storeBytes(of: (1.25 as Double).bitPattern, as: UInt64.self)
            }
            let a = interp.interpret(block), b = jit.runJIT(block)
            #expect(a.kind == b.kind && a.opIndex == b.opIndex && interp.regs[50] == jit.regs[50], "flags \(flags): \(a) vs \(b)")
            #expect((interp.base + Int(address) + 8).load(as: UInt64.self) == (jit.base + Int(address) + 8).load(as: UInt64.self))
            if flags != 0 { #expect(jit.regs[50] == (2.5 as Double).bitPattern) } else { #expect(jit.regs[50] == 7) }
        }
    }

    /// Accesses off one cached base: the first tests the base once, the others are one `mov`
    /// on `[r14 + base + disp8]` each (5 bytes), also after an `addi` moved the base a little
    /// (the displacement from the tested value stays small); after any other write of the
    /// base, the next access tests it again.
    @Test("A checked base is tested once for a run of accesses")
    func checkedBase() {
        let machine = JITTestMachine()
        let ops = [IROp(.st64, a: 18, b: 20, imm: 8), IROp(.st64, a: 18, b: 20, imm: 16), IROp(.ld64, d: 20, a: 18, imm: -24),
                   IROp(.addi, d: 18, a: 18, imm: 32), IROp(.st64, a: 18, b: 20, imm: -8),
                   IROp(.add, d: 18, a: 18, b: 20), IROp(.st64, a: 18, b: 20, imm: 8),
                   IROp(.add, d: 21, a: 18, b: 20), IROp(.goto, imm: 0x2000)]  // (the ranges of 18 and 20 end at the add)
        let block = JITTestMachine.block(ops)
        defer { UnsafeMutableRawPointer(block).deallocate() }
        var c = X86BlockCompiler(block: block, features: .host, memoryDescriptor: UnsafeRawPointer(machine.jit.memoryDescriptor))
        c.memoryGuardBytes = 64 << 10
        c.compile()
        let sizes = (0..<7).map { c.opOffsets[$0 + 1] - c.opOffsets[$0] }
        // The base test is `test [r15-0x48], reg` (4 bytes) + `jne rel32` (6).
        #expect(sizes[1] == 5 && sizes[2] == 5, "unchecked accesses: \(sizes)")
        #expect(sizes[0] == sizes[1] + 10, "first access: \(sizes)")
        #expect(sizes[4] == sizes[1], "access after the base moved by addi: \(sizes)")
        #expect(sizes[6] == sizes[1] + 10, "access after the base was written: \(sizes)")
    }

    /// Twelve slots, each used by two adjacent ops, in a block with nine cache registers:
    /// disjoint live ranges share registers, so every slot is loaded into one at its first op
    /// (7 + 4 bytes) and written back after its last (4 + 7); none is left on the frame
    /// (`add qword [r15+disp32], 1`: 8 bytes).
    @Test("Slots with disjoint live ranges share cache registers")
    func liveRanges() {
        let machine = JITTestMachine()
        var ops: [IROp] = []
        for s: UInt16 in 20..<32 { ops += [IROp(.addi, d: s, a: s, imm: 1), IROp(.addi, d: s, a: s, imm: 1)] }
        ops.append(IROp(.goto, imm: 0x2000))
        let block = JITTestMachine.block(ops)
        defer { UnsafeMutableRawPointer(block).deallocate() }
        var c = X86BlockCompiler(block: block, features: .host, memoryDescriptor: UnsafeRawPointer(machine.jit.memoryDescriptor))
        c.compile()
        let sizes = (0..<24).map { c.opOffsets[$0 + 1] - c.opOffsets[$0] }
        // (Op 0's load is part of the block entry.)
        #expect(sizes[0] == 4 && sizes.dropFirst().allSatisfy { $0 == 11 }, "\(sizes)")
    }

    /// A block with more candidates than its six registers and no use of the pinned slots
    /// borrows their registers: each pinned register is spilled to its slot at entry and
    /// reloaded before the exit (slot 31 lives in rbx: `mov [r15+0xf8], rbx` / `mov rbx, [r15+0xf8]`).
    @Test("Unused pinned registers are borrowed and given back at the exit")
    func borrowedPinnedRegisters() {
        let machine = JITTestMachine()
        var ops: [IROp] = []
        for s: UInt16 in 20..<28 { ops += [IROp(.addi, d: s, a: s, imm: 1), IROp(.add, d: 40, a: s, b: s)] }
        ops.append(IROp(.goto, imm: 0x2000))
        let block = JITTestMachine.block(ops)
        defer { UnsafeMutableRawPointer(block).deallocate() }
        var c = X86BlockCompiler(block: block, features: .host, memoryDescriptor: UnsafeRawPointer(machine.jit.memoryDescriptor))
        c.pinnedSlots = [31, 30, 18]
        c.compile()
        let code = c.asm.bytes
        #expect(JITFloatCodeTests.contains(Array(code[0..<c.opOffsets[0]]), [0x49, 0x89, 0x9f, 0xf8, 0x00, 0x00, 0x00]), "no spill of rbx at entry")
        let exit = Array(code[c.opOffsets[16]..<c.opOffsets[17]])
        #expect(JITFloatCodeTests.contains(exit, [0x49, 0x8b, 0x9f, 0xf8, 0x00, 0x00, 0x00]), "rbx not reloaded before the goto")
    }

    /// A block whose candidates lack registers evicts a pinned slot it uses less than the best
    /// candidate left without one: slot 24 (pinned in r10) is written to its frame cell at entry,
    /// is an ordinary slot in the block, and r10 is reloaded from the frame before the exit.
    @Test("A rarely used pinned slot gives its register to better candidates")
    func evictedPinnedSlot() {
        var ops: [IROp] = [IROp(.addi, d: 24, a: 24, imm: 4)]
        for s: UInt16 in 32..<42 { ops += [IROp(.addi, d: s, a: s, imm: 1), IROp(.add, d: 40, a: s, b: s), IROp(.addi, d: s, a: s, imm: 1)] }
        ops.append(IROp(.goto, imm: 0x2000))
        let block = JITTestMachine.block(ops)
        defer { UnsafeMutableRawPointer(block).deallocate() }
        let machine = JITTestMachine()
        var c = X86BlockCompiler(block: block, features: .host, memoryDescriptor: UnsafeRawPointer(machine.jit.memoryDescriptor))
        c.pinnedSlots = [31, 30, 18, 26, 24, 17]
        c.compile()
        let spill: [UInt8] = [0x4d, 0x89, 0x97, 0xc0, 0x00, 0x00, 0x00], reload: [UInt8] = [0x4d, 0x8b, 0x97, 0xc0, 0x00, 0x00, 0x00]
        #expect(JITFloatCodeTests.contains(Array(c.asm.bytes[0..<c.opOffsets[0]]), spill), "r10 not written to slot 24 at entry")
        #expect(JITFloatCodeTests.contains(Array(c.asm.bytes[c.opOffsets[ops.count - 1]..<c.opOffsets[ops.count]]), reload),
                "r10 not reloaded before the exit")
        let interp = JITTestMachine(), jit = JITTestMachine()
        for m in [interp, jit] { for i in 16..<48 { m.regs[i] = UInt64(i * 1000) } }
        _ = interp.interpret(block)
        _ = jit.runJIT(block)
        #expect((16..<48).allSatisfy { interp.regs[$0] == jit.regs[$0] })
    }

    /// zext.w without Zba (`slli d, a, 32; srli d, d, 32`) is one 32-bit `mov` (no shifts: no
    /// 0xC1 opcode byte), and agrees with the interpreter.
    @Test("slli 32 + srli 32 is one 32-bit mov")
    func zeroExtendPair() {
        let ops = [IROp(.shli, d: 20, a: 21, imm: 32), IROp(.shri, d: 20, a: 20, imm: 32), IROp(.add, d: 22, a: 20, b: 20), IROp(.goto, imm: 0x2000)]
        let block = JITTestMachine.block(ops)
        defer { UnsafeMutableRawPointer(block).deallocate() }
        let machine = JITTestMachine()
        var c = X86BlockCompiler(block: block, features: .host, memoryDescriptor: UnsafeRawPointer(machine.jit.memoryDescriptor))
        c.compile()
        let pair = Array(c.asm.bytes[c.opOffsets[0]..<c.opOffsets[2]])
        #expect(!pair.isEmpty && pair.count <= 8 && !pair.contains(0xc1), "\(pair)")
        for value: UInt64 in [0, 0xffff_ffff_8000_0001, 0x1234_5678_9abc_def0, UInt64.max] {
            let interp = JITTestMachine(), jit = JITTestMachine()
            for m in [interp, jit] { m.regs[21] = value }
            _ = interp.interpret(block)
            _ = jit.runJIT(block)
            #expect(jit.regs[20] == value & 0xffff_ffff && interp.regs[20] == jit.regs[20] && interp.regs[22] == jit.regs[22])
        }
    }

    /// `ret` (`addi t, ra, 0; andi t, t, -2; jmpr t`, t a temporary): the target is computed
    /// in rax (`and rax, -2`), t never touches a register of its own or the frame, and the exit
    /// leaves the pc exact.
    @Test("A ret computes its target straight into rax")
    func returnJump() {
        let ops = [IROp(.addi, d: 80, a: 17, imm: 0), IROp(.andi, d: 80, a: 80, imm: -2), IROp(.jmpr, a: 80)]
        let block = JITTestMachine.block(ops)
        defer { UnsafeMutableRawPointer(block).deallocate() }
        let machine = JITTestMachine()
        var c = X86BlockCompiler(block: block, features: .host, memoryDescriptor: UnsafeRawPointer(machine.jit.memoryDescriptor))
        c.firstTemporarySlot = 80
        c.probesJumpCache = true
        c.compile()
        let code = Array(c.asm.bytes[c.opOffsets[0]..<c.opOffsets[3]])
        #expect(JITFloatCodeTests.contains(code, [0x48, 0x83, 0xe0, 0xfe]), "no and rax, -2")
        #expect(!JITFloatCodeTests.contains(code, [0x80, 0x02, 0x00, 0x00]), "slot 80's frame cell is used")
        #expect(c.opOffsets[1] == c.opOffsets[3], "the andi and jmpr have code of their own")
        for target: UInt64 in [0x10001, 0x2000, 0xffff_ffff_ffff_ffff] {
            let m = JITTestMachine()
            m.regs[17] = target
            let exit = m.runJIT(block)
            #expect(exit.kind == .indirect && m.regs[Int(IRSlot.pc)] == target & ~1, "0x\(String(target, radix: 16))")
        }
    }

    @Test("Host bytes per op are unchanged", arguments: 0..<golden.count)
    func size(_ index: Int) {
        let (op, expected) = Self.golden[index]
        let machine = JITTestMachine()
        let ops = op.opcode == .goto ? [op] : [op, IROp(.goto, imm: 0x2000)]
        let block = op.opcode == .brEq ? Self.finalBranchBlock(op) : JITTestMachine.block(ops)
        defer { UnsafeMutableRawPointer(block).deallocate() }
        var c = X86BlockCompiler(block: block, features: .host, memoryDescriptor: UnsafeRawPointer(machine.jit.memoryDescriptor))
        c.compile()
        let size = c.opOffsets[1] - c.opOffsets[0]
        #expect(size == expected, "\(op.opcode): \(size) bytes (golden \(expected))")
    }

    /// The inline part of a load and a store: the address, the alignment/limit mask test, and the
    /// access as one instruction on `[r14 + rax]` (no page-flag test: a forbidden access faults
    /// on the host and the fault handler resumes at the slow path).
    static let inlineMemory: [(IROp, [String])] = [
        (IROp(.ld64, d: 20, a: 21, imm: 8), [
            "mov rax,QWORD PTR [r15+0xa8]", "add rax,0x8", "test QWORD PTR [r15-0x60],rax", "jne",
            "mov rcx,QWORD PTR [r14+rax*1]", "mov QWORD PTR [r15+0xa0],rcx",
        ]),
        (IROp(.st32, a: 21, b: 22, imm: 8), [
            "mov rax,QWORD PTR [r15+0xa8]", "add rax,0x8", "test QWORD PTR [r15-0x58],rax", "jne",
            "mov rdx,QWORD PTR [r15+0xb0]", "mov DWORD PTR [r14+rax*1],edx",
        ]),
    ]

    @Test("A load or store is the mask test and one access instruction",
          .enabled(if: FileManager.default.isExecutableFile(atPath: X86AssemblerTests.objdump), "objdump not installed"),
          arguments: 0..<inlineMemory.count)
    func inlineMemoryAccess(_ index: Int) throws {
        let (op, expected) = Self.inlineMemory[index]
        let machine = JITTestMachine()
        let block = JITTestMachine.block([op, IROp(.goto, imm: 0x2000)])
        defer { UnsafeMutableRawPointer(block).deallocate() }
        var c = X86BlockCompiler(block: block, features: .host, memoryDescriptor: UnsafeRawPointer(machine.jit.memoryDescriptor))
        c.compile()
        let lines = try X86AssemblerTests.disassemble(Array(c.asm.bytes[c.opOffsets[0]..<c.opOffsets[1]]))
        // Branch targets are offsets into the snippet: compare jcc mnemonics only.
        let listing = lines.map { $0.hasPrefix("jne") ? "jne" : $0 }
        #expect(listing == expected, "\(op.opcode): \(lines)")
        // The access is the block's one fault site, and the table sends it to the slow path.
        #expect(c.faultSites.count == 1)
        let table = try #require(c.faultTableOffset)
        let bytes = c.asm.bytes
        func word(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 | Int(bytes[at + 2]) << 16 | Int(bytes[at + 3]) << 24 }
        #expect(word(table) == 1)
        let site = c.faultSites[0].offset
        #expect(word(table + 4) == site)
        let accessLine = op.opcode == .ld64 ? expected[4] : expected[5]
        #expect(try X86AssemblerTests.disassemble(Array(bytes[site..<c.opOffsets[1]])).first == accessLine, "fault site at the access")
        #expect(word(table + 8) > c.opOffsets[1] && word(table + 8) < table, "slow path out of line")
    }
}
