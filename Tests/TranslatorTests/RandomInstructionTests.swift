import Foundation
import Testing
@testable import Translator

/// Randomized instruction-sequence tests (docs/testing.md, "Random instruction sequences").
///
/// Random riscv64 sequences over every implemented instruction class run in-process through the
/// shared pipeline under every `RandomProgramBackend` (compared with each other) and, wrapped
/// into one static ELF, under qemu-riscv64 (the oracle) and swift-qemu-riscv64 (default and
/// `-interp`). A divergence is minimized to the first diverging group, replayed alone from the
/// oracle's state, written as a regression input and reported with the seed.
///
/// Environment: SWIFT_QEMU_RANDOM_SEED (default 0x5eed), SWIFT_QEMU_RANDOM_COUNT (in-process
/// programs, default 400), SWIFT_QEMU_RANDOM_ORACLE_COUNT (programs in the ELF, default 150, at
/// most 200), SWIFT_QEMU_RANDOM_LENGTH (groups per program, default 40),
/// SWIFT_QEMU_REGRESSION_DIR (where new regression inputs go, default .cache/random-regressions).
@Suite struct RandomInstructionTests {
    static let environment = ProcessInfo.processInfo.environment

    static func setting(_ name: String, _ fallback: UInt64) -> UInt64 {
        guard let s = environment[name], !s.isEmpty else { return fallback }
        return (s.hasPrefix("0x") ? UInt64(s.dropFirst(2), radix: 16) : UInt64(s)) ?? fallback
    }

    static let seed = setting("SWIFT_QEMU_RANDOM_SEED", 0x5eed)
    static let count = Int(setting("SWIFT_QEMU_RANDOM_COUNT", 400))
    static let oracleCount = min(Int(setting("SWIFT_QEMU_RANDOM_ORACLE_COUNT", 150)), RandomProgramLayout.maxSlots)
    static let length = Int(setting("SWIFT_QEMU_RANDOM_LENGTH", 40))
    static var seedText: String { "seed \(hex(seed)) (rerun with SWIFT_QEMU_RANDOM_SEED=\(hex(seed)))" }
    /// Where new regression inputs are written (then checked in under Tests/regressions/).
    static let regressionDirectory: String = {
        if let d = environment["SWIFT_QEMU_REGRESSION_DIR"], !d.isEmpty { return d }
        var url = URL(fileURLWithPath: #filePath)
        url.deleteLastPathComponent(); url.deleteLastPathComponent(); url.deleteLastPathComponent()
        return url.path + "/.cache/random-regressions"
    }()
    /// At most this many divergences are minimized and reported per test (each costs a few runs).
    static let maxReported = 8

    /// Program `index` of stream `stream` (each program has its own seed, so one can be regenerated alone).
    static func program(stream: UInt64, index: Int, slot: Int) -> RandomProgram {
        // Streams 2 and up run under qemu-riscv64: avoid its known bugs there.
        let programSeed = RandomProgramRNG.mix(seed &+ RandomProgramRNG.mix(stream &+ RandomProgramRNG.mix(UInt64(index))))
        var generator = RandomProgramGenerator(seed: programSeed,
                                               oracleSafe: stream >= 2)
        return generator.program(
            groupCount: length, codeAddress: RandomProgramLayout.codeAddress(slot: slot),
            origin: "seed \(hex(seed)) stream \(stream) program \(index)")
    }

    // MARK: - The generator itself

    /// Every encoding the generator makes decodes to what it meant, and together the programs
    /// cover every instruction of codegen/riscv64.decode except ecall and ebreak (32-bit and compressed).
    @Test func generatorCoversTheDecodeTable() {
        let table = RandomProgramTable.shared
        var covered = Set<String>()
        for i in 0..<200 {
            var generator = RandomProgramGenerator(seed: RandomProgramRNG.mix(UInt64(i)))
            let p = generator.program(groupCount: 40, codeAddress: RandomProgramLayout.codeAddress(slot: 0), origin: "coverage \(i)")
            for insn in p.instructions {
                guard let d = RISCV64Decoder.decodeAny(insn.bits) else {
                    Issue.record("undecodable \(String(insn.bits, radix: 16)) in \(p.origin)")
                    continue
                }
                covered.insert(d.op.mnemonic)
                if insn.length == 2, let c = table.compressedName(insn.bits) { covered.insert(c) }
            }
        }
        let missing = table.names.filter { !covered.contains($0) && !["ecall", "ebreak", "c.ebreak"].contains($0) }
        #expect(missing.isEmpty, "never generated: \(missing.joined(separator: " "))")
    }

    // MARK: - Backends against each other (in-process)

    /// Every program reaches its ebreak under every backend, and all backends end in the same state.
    @Test func backendsAgree() throws {
        var reported = 0
        for i in 0..<Self.count {
            let p = Self.program(stream: 1, index: i, slot: i % RandomProgramLayout.maxSlots)
            let outcomes = RandomProgramBackend.available.map { RandomProgramMachine.run(p, backend: $0) }
            for (backend, outcome) in zip(RandomProgramBackend.available, outcomes) {
                if case .stopped(let why) = outcome {
                    Issue.record("\(p.origin), \(Self.seedText): \(backend) did not reach the ebreak: \(why)\n\(p.listing)")
                    reported += 1
                } else if outcome != outcomes[0], case .finished(let first) = outcomes[0], case .finished(let mine) = outcome {
                    let diff = first.differences(from: mine).joined(separator: "\n")
                    Issue.record("\(p.origin), \(Self.seedText): \(backend) differs from \(RandomProgramBackend.available[0]):\n\(diff)\n\(p.listing)")
                    reported += 1
                }
            }
            if reported >= Self.maxReported { break }
        }
    }

    // MARK: - Against qemu-riscv64

    /// The programs of the oracle test, their ELF and qemu's final states (built once).
    final class OracleBatch: Sendable {
        let programs: [RandomProgram]
        let elf: String
        let expected: [RandomMachineState?]
        let qemuResult: String

        init() throws {
            let programs = (0..<RandomInstructionTests.oracleCount).map { RandomInstructionTests.program(stream: 2, index: $0, slot: $0) }
            let dir = NSTemporaryDirectory() + "swift-qemu-random-oracle-\(getpid())"
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            elf = try RandomProgramELF.build(programs, in: dir)
            let run = try RandomProgramELF.run(elf, under: [RandomProgramELF.qemu], programs: programs)
            self.programs = programs
            expected = run.states
            qemuResult = run.result.termination + "\n" + run.result.stderr
        }
    }

    static let oracleBatch = Result { try OracleBatch() }

    /// Runs programs under qemu-riscv64 in a fresh ELF (for the minimizer).
    static func oracle(_ programs: [RandomProgram]) throws -> [RandomMachineState?] {
        let dir = NSTemporaryDirectory() + "swift-qemu-random-min-\(getpid())-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let elf = try RandomProgramELF.build(programs, in: dir)
        return try RandomProgramELF.run(elf, under: [RandomProgramELF.qemu], programs: programs).states
    }

    /// Runs programs as an ELF under swift-qemu-riscv64 with `options`.
    static func swiftQemu(_ options: [String]) -> RandomProgramMinimizer.Runner {
        { programs in
            let dir = NSTemporaryDirectory() + "swift-qemu-random-min-\(getpid())-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let elf = try RandomProgramELF.build(programs, in: dir)
            let run = try RandomProgramELF.run(elf, under: [RandomProgramELF.swiftQemu!] + options, programs: programs)
            return run.states.map { $0.map { .finished($0) } ?? .stopped("no state printed; swift-qemu-riscv64 \(run.result.termination): \(run.result.stderr.prefix(300))") }
        }
    }

    /// Minimizes, saves and reports each diverging program (deduplicated by the culprit instruction).
    static func reportDivergences(_ diverging: [RandomProgram], who: String, actual: RandomProgramMinimizer.Runner) {
        var seen = Set<String>()
        for p in diverging.prefix(maxReported) {
            do {
                guard let m = try RandomProgramMinimizer.minimize(p, oracle: oracle, actual: actual) else {
                    Issue.record("\(p.origin), \(seedText): \(who) diverged from qemu-riscv64 but not when rerun (flaky?)\n\(p.listing)")
                    continue
                }
                let key = m.program.instructions.map { RISCV64Frontend.disassemble($0.bits).split(separator: " ")[0] }.joined(separator: ";")
                if !seen.insert(key).inserted { continue }
                let report = RandomProgramMinimizer.report(program: m.program, expected: m.expected, actual: m.actual, who: who)
                let path = try RandomProgramMinimizer.save(
                    program: m.program, expected: m.expected, report: report,
                    origin: "\(p.origin), \(who) vs qemu-riscv64", to: regressionDirectory)
                Issue.record("\(seedText)\n\(report)\n  regression input written to \(path) (check it in under Tests/regressions/random-instructions/)")
            } catch {
                Issue.record("\(p.origin), \(seedText): minimizing failed: \(error)")
            }
        }
        if diverging.count > maxReported { Issue.record("\(diverging.count - maxReported) more diverging programs not minimized (\(seedText))") }
    }

    /// In-process backends end every program in qemu-riscv64's state.
    @Test(.enabled(if: RandomProgramELF.unavailableReason == nil, "needs riscv64-linux-gnu-gcc and qemu-riscv64: run scripts/install-deps"),
          arguments: RandomProgramBackend.available)
    func backendMatchesQemu(_ backend: RandomProgramBackend) throws {
        let batch = try Self.oracleBatch.get()
        var diverging: [RandomProgram] = []
        for (p, expected) in zip(batch.programs, batch.expected) {
            guard let expected else {
                Issue.record("\(p.origin): qemu-riscv64 printed no state (\(batch.qemuResult)); generator bug?\n\(p.listing)")
                continue
            }
            if RandomProgramMachine.run(p, backend: backend) != .finished(expected) { diverging.append(p) }
        }
        Self.reportDivergences(diverging, who: "\(backend) (in-process)") { programs in
            programs.map { RandomProgramMachine.run($0, backend: backend) }
        }
    }

    /// swift-qemu-riscv64 (default backend and -interp) prints exactly what qemu-riscv64 prints
    /// for the whole ELF: the loaders, the sequences and the dump routine, end to end.
    @Test(.enabled(if: RandomProgramELF.unavailableReason == nil && RandomProgramELF.swiftQemu != nil,
                   "needs riscv64-linux-gnu-gcc, qemu-riscv64 and a built swift-qemu-riscv64"),
          arguments: [[], ["-interp"]])
    func emulatorMatchesQemu(_ options: [String]) throws {
        let batch = try Self.oracleBatch.get()
        let run = try RandomProgramELF.run(batch.elf, under: [RandomProgramELF.swiftQemu!] + options, programs: batch.programs)
        let who = "swift-qemu-riscv64 \(options.isEmpty ? "(default backend)" : options.joined(separator: " "))"
        if run.result.status != 0 {
            Issue.record("\(who) ended with \(run.result.termination): \(run.result.stderr.prefix(500))")
        }
        var diverging: [RandomProgram] = []
        for (i, p) in batch.programs.enumerated() {
            guard let expected = batch.expected[i] else { continue }
            if run.states[i] != expected { diverging.append(p) }
        }
        Self.reportDivergences(diverging, who: who, actual: Self.swiftQemu(options))
    }

    // MARK: - Checked-in regressions

    /// A function called from two sites in a loop: its `ret` fills its return inline cache
    /// with the first caller (docs/jit.md, "Return inline caches"), and returns to the other
    /// caller miss the cache and take the jump-cache probe. The calls are indirect (`jalr ra,
    /// 0(s1)`), so that blocks do not follow them (docs/riscv64-frontend.md, "Blocks") and both
    /// return through f's one `ret`. Every backend ends with a0 = 20.
    @Test func returnsThroughTheInlineCache() {
        let code: [UInt32] = [
            0x00a0_0293,  // li t0, 10
            0x0004_80e7,  // loop: jalr s1 (f)
            0x0004_80e7,  // jalr s1
            0xfff2_8293,  // addi t0, t0, -1
            0xfe02_9ae3,  // bnez t0, loop
            0x00c0_006f,  // j end
            0x0015_0513,  // f: addi a0, a0, 1
            0x0000_8067,  // ret
        ]
        var initial = RandomMachineState()
        initial.x[9] = RandomProgramLayout.codeAddress(slot: 0) + 0x18
        for (backend, outcome) in RandomProgramMachine.runUnderEveryBackend(code, initial: initial, origin: "two callers of one function") {
            guard case .finished(let state) = outcome else { Issue.record("\(backend): \(outcome)"); continue }
            #expect(state.x[10] == 20 && state.x[5] == 0, "\(backend): a0 = \(state.x[10])")
        }
    }

    /// A `ret` whose link register has bit 0 set (the target clears it): the inline cache holds
    /// the cleared target, so every later return misses it and the probe must clear the bit.
    /// Every backend ends with a0 = 10.
    @Test func returnsWithAnOddLinkRegister() {
        let code: [UInt32] = [
            0x00a0_0293,  // li t0, 10
            0x0100_00ef,  // loop: jal ra, f
            0xfff2_8293,  // addi t0, t0, -1
            0xfe02_9ce3,  // bnez t0, loop
            0x0100_006f,  // j end
            0x0015_0513,  // f: addi a0, a0, 1
            0x0010_e093,  // ori ra, ra, 1
            0x0000_8067,  // ret
        ]
        for (backend, outcome) in RandomProgramMachine.runUnderEveryBackend(code, origin: "odd link register") {
            guard case .finished(let state) = outcome else { Issue.record("\(backend): \(outcome)"); continue }
            #expect(state.x[10] == 10 && state.x[5] == 0, "\(backend): a0 = \(state.x[10])")
        }
    }

    /// Two indirect call sites (`jalr ra, 0(s1)`, `jalr ra, 0(s2)`) whose targets swap every
    /// other iteration: each site's inline cache holds its first target and the other one takes
    /// the probe. Every backend ends with a0 = 10 * (1 + 100).
    @Test func indirectCallsThroughTheInlineCache() {
        let code: [UInt32] = [
            0x00a0_0293,  // li t0, 10
            0x0004_80e7,  // loop: jalr s1
            0x0009_00e7,  // jalr s2
            0x0012_f313,  // andi t1, t0, 1
            0x0003_0863,  // beqz t1, skip
            0x0004_8393,  // mv t2, s1
            0x0009_0493,  // mv s1, s2
            0x0003_8913,  // mv s2, t2
            0xfff2_8293,  // skip: addi t0, t0, -1
            0xfe02_90e3,  // bnez t0, loop
            0x0140_006f,  // j end
            0x0015_0513,  // f: addi a0, a0, 1
            0x0000_8067,  // ret
            0x0645_0513,  // g: addi a0, a0, 100
            0x0000_8067,  // ret
        ]
        var initial = RandomMachineState()
        let base = RandomProgramLayout.codeAddress(slot: 0)
        initial.x[9] = base + 0x2c
        initial.x[18] = base + 0x34
        for (backend, outcome) in RandomProgramMachine.runUnderEveryBackend(code, initial: initial, origin: "indirect calls") {
            guard case .finished(let state) = outcome else { Issue.record("\(backend): \(outcome)"); continue }
            #expect(state.x[10] == 1010 && state.x[5] == 0, "\(backend): a0 = \(state.x[10])")
        }
    }

    /// Every input under Tests/regressions/random-instructions ends in qemu's state under every
    /// backend; inputs marked `status: open` are known bugs (a known issue until fixed).
    @Test(arguments: RandomProgramRegression.all())
    func regression(_ r: RandomProgramRegression) {
        for backend in RandomProgramBackend.available {
            let check = {
                let outcome = RandomProgramMachine.run(r.program, backend: backend)
                switch outcome {
                case .stopped(let why): Issue.record("\(r.name) under \(backend): \(why)")
                case .finished(let got):
                    let diff = r.expected.differences(from: got)
                    #expect(diff.isEmpty, "\(r.name) under \(backend):\n\(diff.joined(separator: "\n"))\n\(r.program.listing)")
                }
            }
            if r.status == "open" {
                withKnownIssue("open bug: \(r.comments.first ?? r.name)") { check() }
            } else {
                check()
            }
        }
    }
}

extension RandomProgramRegression: CustomTestStringConvertible {
    var testDescription: String { name }
}
