import Foundation
@testable import Translator

/// A checked-in regression input (Tests/regressions/random-instructions/*.txt): the minimal
/// instruction sequence of a divergence, the state it starts from and the state qemu-riscv64
/// ended in. Replayed in-process under every backend by `RandomInstructionTests`.
///
/// Format (lines; `#` starts a comment):
/// ```
/// status: open            # open = known bug (replayed as a known issue), fixed = must pass
/// origin: seed 0x2a sequence 17 group 5, interpreter vs qemu-riscv64 7.2
/// code-address: 0x301800
/// [initial]
/// x1 0x…   … x31, f0 … f31, fcsr
/// mem <2048 hex digits: the 1 KiB scratch area at 0x200e00, byte by byte>
/// [code]
/// 0x00b50533   # add a0,a0,a1   (4 hex digits for a compressed instruction)
/// [expected]
/// x1 0x…   …   (same keys as [initial])
/// ```
struct RandomProgramRegression {
    var name: String
    var status: String
    var origin: String
    var comments: [String]
    var program: RandomProgram
    var expected: RandomMachineState

    /// Directory of the checked-in inputs.
    static var directory: String {
        var url = URL(fileURLWithPath: #filePath)
        url.deleteLastPathComponent(); url.deleteLastPathComponent()
        return url.path + "/regressions/random-instructions"
    }

    /// Every checked-in input, sorted by name.
    static func all() -> [RandomProgramRegression] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".txt") }.sorted()
        return names.compactMap { name in
            guard let text = try? String(contentsOfFile: directory + "/" + name, encoding: .utf8) else { return nil }
            return try? RandomProgramRegression(name: name, text: text)
        }
    }

    init(name: String, status: String, origin: String, comments: [String], program: RandomProgram, expected: RandomMachineState) {
        self.name = name
        self.status = status
        self.origin = origin
        self.comments = comments
        self.program = program
        self.expected = expected
    }

    init(name: String, text: String) throws {
        self.name = name
        status = "open"
        origin = ""
        comments = []
        var initial = RandomMachineState(), expected = RandomMachineState()
        var code: [RandomInstruction] = []
        var codeAddress = RandomProgramLayout.codeAddress(slot: 0)
        var section = ""
        for raw in text.split(separator: "\n") {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0].trimmingCharacters(in: .whitespaces)
            if raw.hasPrefix("#") { comments.append(String(raw.dropFirst()).trimmingCharacters(in: .whitespaces)) }
            if line.isEmpty { continue }
            if line.hasPrefix("[") { section = line; continue }
            if line.hasPrefix("status:") { status = line.dropFirst(7).trimmingCharacters(in: .whitespaces); continue }
            if line.hasPrefix("origin:") { origin = line.dropFirst(7).trimmingCharacters(in: .whitespaces); continue }
            if line.hasPrefix("code-address:") {
                codeAddress = Self.number(line.dropFirst(13).trimmingCharacters(in: .whitespaces)) ?? codeAddress
                continue
            }
            switch section {
            case "[code]":
                let digits = line.hasPrefix("0x") ? String(line.dropFirst(2)) : line
                guard let bits = UInt32(digits, radix: 16) else { throw RandomProgramError("\(name): bad code line \(line)") }
                code.append(RandomInstruction(bits: bits, length: digits.count <= 4 ? 2 : 4))
            case "[initial]": try Self.assign(line, to: &initial, file: name)
            case "[expected]": try Self.assign(line, to: &expected, file: name)
            default: throw RandomProgramError("\(name): line outside a section: \(line)")
            }
        }
        initial.x[2] = RandomProgramLayout.stackPointer
        expected.x[2] = RandomProgramLayout.stackPointer  // never written by a sequence
        program = RandomProgram(initial: initial, groups: [code], codeAddress: codeAddress, origin: name)
        expected.pc = program.endAddress
        self.expected = expected
    }

    private static func number(_ s: String) -> UInt64? {
        s.hasPrefix("0x") ? UInt64(s.dropFirst(2), radix: 16) : UInt64(s)
    }

    private static func assign(_ line: String, to state: inout RandomMachineState, file: String) throws {
        let parts = line.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 2 else { throw RandomProgramError("\(file): bad line \(line)") }
        let key = String(parts[0]), value = String(parts[1])
        if key == "mem" {
            let bytes = Array(value.utf8)
            guard bytes.count == 2 * RandomProgramLayout.scratchSize else { throw RandomProgramError("\(file): mem needs \(2 * RandomProgramLayout.scratchSize) hex digits") }
            for i in 0..<RandomProgramLayout.scratchSize {
                state.memory[i] = UInt8(String(decoding: bytes[(2 * i)..<(2 * i + 2)], as: UTF8.self), radix: 16) ?? 0
            }
            return
        }
        guard let v = number(value) else { throw RandomProgramError("\(file): bad value in \(line)") }
        if key == "fcsr" { state.fcsr = v; return }
        guard let index = Int(key.dropFirst()), (0..<32).contains(index) else { throw RandomProgramError("\(file): bad key \(key)") }
        if key.hasPrefix("x") { state.x[index] = v } else if key.hasPrefix("f") { state.f[index] = v } else {
            throw RandomProgramError("\(file): bad key \(key)")
        }
    }

    /// The file text.
    var text: String {
        var s = comments.map { "# " + $0 }.joined(separator: "\n") + "\n"
        s += "status: \(status)\norigin: \(origin)\ncode-address: \(hex(program.codeAddress))\n[initial]\n"
        s += Self.stateLines(program.initial)
        s += "[code]\n"
        var pc = program.codeAddress
        for insn in program.instructions {
            let digits = insn.length == 2 ? String(format: "%04x", insn.bits & 0xffff) : String(format: "%08x", insn.bits)
            s += "0x\(digits)   # \(RISCV64Frontend.disassemble(insn.bits, pc: pc))\n"
            pc += UInt64(insn.length)
        }
        s += "[expected]\n" + Self.stateLines(expected)
        return s
    }

    private static func stateLines(_ st: RandomMachineState) -> String {
        var s = ""
        for i in 1..<32 where i != 2 { s += "x\(i) \(hex(st.x[i]))\n" }
        for i in 0..<32 { s += "f\(i) \(hex(st.f[i]))\n" }
        s += "fcsr \(hex(st.fcsr))\n"
        s += "mem " + st.memory.map { String(format: "%02x", $0) }.joined() + "\n"
        return s
    }
}

/// Finds the smallest failing piece of a diverging program: runs every prefix of its groups
/// under the oracle and the backend, takes the first group after which the states differ, and
/// replays that group alone from the state the oracle reached before it.
enum RandomProgramMinimizer {
    /// Runs programs under the oracle (qemu-riscv64): final states, nil where it produced none.
    typealias Oracle = ([RandomProgram]) throws -> [RandomMachineState?]
    /// Runs programs under the emulator being checked.
    typealias Runner = ([RandomProgram]) throws -> [RandomProgramMachine.Outcome]

    /// The minimized program with the oracle's and the backend's outcomes; nil if it no longer diverges.
    static func minimize(_ program: RandomProgram, oracle: Oracle, actual: Runner)
        throws -> (program: RandomProgram, expected: RandomMachineState, actual: RandomProgramMachine.Outcome)? {
        let count = min(program.groups.count, RandomProgramLayout.maxSlots)
        let prefixes = (0..<count).map { program.slice(0..<($0 + 1), at: RandomProgramLayout.codeAddress(slot: $0)) }
        let expected = try oracle(prefixes)
        let got = try actual(prefixes)
        guard let g = (0..<count).first(where: { expected[$0] == nil || got[$0] != .finished(expected[$0]!) }),
              let e = expected[g] else {
            // Only the whole program diverges (or the oracle failed): keep it as it is.
            let whole = try oracle([program])[0]
            let mine = try actual([program])[0]
            guard let whole, mine != .finished(whole) else { return nil }
            return (program, whole, mine)
        }
        var before = g > 0 ? expected[g - 1] : program.initial
        if before != nil {
            before!.pc = 0
            // Candidates, smallest first: each straight-line instruction of the group alone, then
            // the whole group, all from the state the oracle reached before the group.
            let group = program.groups[g]
            var candidates: [RandomProgram] = []
            for insn in group where group.count > 1 && isStraightLine(insn) {
                candidates.append(RandomProgram(initial: before!, groups: [[insn]],
                                                codeAddress: RandomProgramLayout.codeAddress(slot: candidates.count), origin: program.origin))
            }
            candidates.append(program.slice(g..<(g + 1), at: RandomProgramLayout.codeAddress(slot: candidates.count), initial: before!))
            let e1 = try oracle(candidates), a1 = try actual(candidates)
            for i in candidates.indices {
                if let e = e1[i], a1[i] != .finished(e) { return (candidates[i], e, a1[i]) }
            }
        }
        return (prefixes[g], e, got[g])
    }

    /// Whether an instruction can run alone: no control flow, no LR/SC (they need a partner).
    static func isStraightLine(_ insn: RandomInstruction) -> Bool {
        guard let d = RISCV64Decoder.decodeAny(insn.bits) else { return false }
        let name = d.op.mnemonic
        return !["jal", "jalr", "beq", "bne", "blt", "bge", "bltu", "bgeu"].contains(name)
            && !name.hasPrefix("lr.") && !name.hasPrefix("sc.")
    }

    /// A report of one divergence: where it came from, the code, the registers it reads, what differs.
    static func report(program: RandomProgram, expected: RandomMachineState, actual: RandomProgramMachine.Outcome, who: String) -> String {
        var s = "\(program.origin): \(who) differs from qemu-riscv64\n  code:\n\(program.listing)\n"
        var regs: [String] = []
        let text = program.instructions.map { RISCV64Frontend.disassemble($0.bits) }.joined(separator: " ")
        let tokens = Set(text.split(whereSeparator: { " ,()".contains($0) }).map(String.init))
        for (i, n) in RISCV64Disassembler.xNames.enumerated() where i > 0 && tokens.contains(n) {
            regs.append("\(n)=\(hex(program.initial.x[i]))")
        }
        for (i, n) in RISCV64Disassembler.fNames.enumerated() where tokens.contains(n) {
            regs.append("\(n)=\(hex(program.initial.f[i]))")
        }
        regs.append("fcsr=\(hex(program.initial.fcsr)) (frm \(program.initial.fcsr >> 5), fflags \(flagNames(program.initial.fcsr)))")
        s += "  operands before: " + regs.joined(separator: " ") + "\n"
        switch actual {
        case .finished(let a): s += "  expected (qemu) vs got:\n" + expected.differences(from: a).map { "    " + $0 }.joined(separator: "\n")
        case .stopped(let why): s += "  got: \(why)"
        }
        return s
    }

    /// Writes a regression input for a minimized divergence into `directory` (created if needed);
    /// returns the file path.
    static func save(program: RandomProgram, expected: RandomMachineState, report: String, origin: String, to directory: String) throws -> String {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let first = program.instructions.last.map { RISCV64Frontend.disassemble($0.bits).split(separator: " ")[0] } ?? "empty"
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for insn in program.instructions { hash = (hash ^ UInt64(insn.bits)) &* 0x100_0000_01b3 }
        for b in program.initial.memory { hash = (hash ^ UInt64(b)) &* 0x100_0000_01b3 }
        for v in program.initial.x + program.initial.f { hash = (hash ^ v) &* 0x100_0000_01b3 }
        let name = "\(first)-\(String(hash & 0xffff_ffff, radix: 16)).txt"
        let regression = RandomProgramRegression(
            name: name, status: "open", origin: origin, comments: report.split(separator: "\n").map(String.init),
            program: program, expected: expected)
        let path = directory + "/" + name
        try regression.text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
