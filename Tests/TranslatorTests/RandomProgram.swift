@testable import Translator

/// Addresses shared by the in-process runs and the ELF harness, so that every pc-dependent
/// result (auipc, jal/jalr links) and every address computed from sp is the same in both.
enum RandomProgramLayout {
    /// The scratch data area (linked at this address in the ELF: section `.scratch`). It
    /// straddles a page boundary at sp, so misaligned accesses near sp cross pages.
    static let scratchBase: UInt64 = 0x20_0e00
    /// Bytes of scratch data a sequence may load and store.
    static let scratchSize = 1024
    /// x2 (sp) during a sequence: the middle of the scratch area; never written by a sequence.
    static let stackPointer: UInt64 = scratchBase + UInt64(scratchSize / 2)
    /// Start of section `.seq` in the ELF (the register dump routine).
    static let sequenceRegion: UInt64 = 0x30_0000
    /// Each sequence slot is one page: its loader, then its code at +0x800.
    static let slotCodeOffset: UInt64 = 0x800
    /// Largest sequence, in bytes (the rest of its page).
    static let maxCodeBytes = 0x800
    /// Slots per ELF: every sequence must reach the dump routine with one `jal`.
    static let maxSlots = 200

    /// Code address of sequence slot `slot`.
    static func codeAddress(slot: Int) -> UInt64 {
        sequenceRegion + 0x1000 * UInt64(slot + 1) + slotCodeOffset
    }

    /// Slot of a code address made by `codeAddress(slot:)`.
    static func slot(of codeAddress: UInt64) -> Int {
        Int((codeAddress - slotCodeOffset - sequenceRegion) / 0x1000) - 1
    }
}

/// The architectural state a sequence starts from and ends in: x0-x31, f0-f31, fcsr
/// (frm << 5 | fflags), the scratch memory, and the pc the sequence ended at.
struct RandomMachineState: Equatable {
    var x = [UInt64](repeating: 0, count: 32)
    var f = [UInt64](repeating: 0, count: 32)
    var fcsr: UInt64 = 0
    var memory = [UInt8](repeating: 0, count: RandomProgramLayout.scratchSize)
    /// Where the sequence ended (its `ebreak`, or the jump to the dump routine); 0 in initial states.
    var pc: UInt64 = 0

    /// Every difference between `self` (expected) and `actual`, one per line.
    func differences(from actual: RandomMachineState) -> [String] {
        var out: [String] = []
        let xn = RISCV64Disassembler.xNames, fn = RISCV64Disassembler.fNames
        for i in 0..<32 where x[i] != actual.x[i] {
            out.append("x\(i) (\(xn[i])): expected \(hex(x[i])), got \(hex(actual.x[i]))")
        }
        for i in 0..<32 where f[i] != actual.f[i] {
            out.append("f\(i) (\(fn[i])): expected \(hex(f[i])), got \(hex(actual.f[i]))")
        }
        if fcsr != actual.fcsr {
            out.append("fcsr: expected \(hex(fcsr)) (frm \(fcsr >> 5), fflags \(flagNames(fcsr))), got \(hex(actual.fcsr)) (frm \(actual.fcsr >> 5), fflags \(flagNames(actual.fcsr)))")
        }
        if pc != actual.pc { out.append("pc: expected \(hex(pc)), got \(hex(actual.pc))") }
        var offset = 0
        while offset < memory.count {
            let e = word(memory, offset), a = word(actual.memory, offset)
            if e != a {
                out.append("mem[sp\(offset - RandomProgramLayout.scratchSize / 2 >= 0 ? "+" : "")\(offset - RandomProgramLayout.scratchSize / 2)] (\(hex(RandomProgramLayout.scratchBase + UInt64(offset)))): expected \(hex(e)), got \(hex(a))")
            }
            offset += 8
        }
        return out
    }

    /// The 64-bit little-endian word at `offset` of `bytes`.
    func word(_ bytes: [UInt8], _ offset: Int) -> UInt64 {
        var v: UInt64 = 0
        for i in (0..<8).reversed() { v = (v << 8) | UInt64(bytes[offset + i]) }
        return v
    }
}

/// "0x" and 16 hex digits.
func hex(_ v: UInt64) -> String {
    let s = String(v, radix: 16)
    return "0x" + String(repeating: "0", count: max(0, 16 - s.count)) + s
}

/// fflags bits by name (NV DZ OF UF NX).
func flagNames(_ fcsr: UInt64) -> String {
    let names = [(16, "NV"), (8, "DZ"), (4, "OF"), (2, "UF"), (1, "NX")]
    let set = names.filter { fcsr & UInt64($0.0) != 0 }.map(\.1)
    return set.isEmpty ? "-" : set.joined(separator: "|")
}

/// One encoded instruction: 2 or 4 bytes.
struct RandomInstruction: Equatable {
    var bits: UInt32
    var length: Int

    /// Disassembly at `pc` (objdump-like, compressed shown expanded), with the raw bits.
    func text(pc: UInt64) -> String {
        let raw = length == 2 ? String(format4(bits & 0xffff)) : String(format8(bits))
        let suffix = length == 2 ? "  (compressed)" : ""
        return "\(raw)  \(RISCV64Frontend.disassemble(bits, pc: pc))\(suffix)"
    }

    private func format4(_ v: UInt32) -> String { let s = String(v, radix: 16); return String(repeating: "0", count: 4 - s.count) + s }
    private func format8(_ v: UInt32) -> String { let s = String(v, radix: 16); return String(repeating: "0", count: 8 - s.count) + s }
}

/// A generated test case: an initial state and groups of instructions at a fixed code address.
/// A group is the unit of minimization (a branch with the instructions it skips, an address
/// set-up with its load, an lr/sc pair), so that every prefix of groups is a valid sequence.
struct RandomProgram {
    var initial: RandomMachineState
    var groups: [[RandomInstruction]]
    var codeAddress: UInt64
    /// Where it came from ("seed 0x2a sequence 17"), for messages.
    var origin: String

    /// All instructions in order.
    var instructions: [RandomInstruction] { groups.flatMap { $0 } }

    /// Code size in bytes (without the final ebreak or jump).
    var codeBytes: Int { instructions.reduce(0) { $0 + $1.length } }

    /// Address just after the last instruction: where the final ebreak (or jump to the dump) is.
    var endAddress: UInt64 { codeAddress + UInt64(codeBytes) }

    /// The listing, one instruction a line, with addresses.
    var listing: String {
        var pc = codeAddress
        var lines: [String] = []
        for (g, group) in groups.enumerated() {
            for (i, insn) in group.enumerated() {
                lines.append("  \(String(pc, radix: 16)): \(insn.text(pc: pc))\(i == 0 ? "    # group \(g)" : "")")
                pc += UInt64(insn.length)
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The same program with only `groups[range]`, at another code address.
    func slice(_ range: Range<Int>, at address: UInt64, initial: RandomMachineState? = nil) -> RandomProgram {
        RandomProgram(initial: initial ?? self.initial, groups: Array(groups[range]), codeAddress: address, origin: origin)
    }
}
