import Foundation
import Glibc
import Testing

/// Runs every corpus program natively (the oracle) and through the emulator, static and dynamic
/// builds, with the same arguments, environment, stdin and a fresh working directory each, and
/// compares stdout, stderr and the exit status or terminating signal exactly.
@Suite("Guest programs: emulator vs native oracle")
struct GuestProgramTests {
    @Test("The corpus has the programs the harness expects")
    func corpusIsComplete() {
        #expect(GuestProgram.all.count >= 27, "only \(GuestProgram.all.count) programs found in \(TestEnvironment.corpusDirectory)")
        #expect(GuestProgram.all.contains { $0.source.hasSuffix(".cpp") })
        #expect(GuestProgram.all.contains { $0.expectedTermination == .exited(42) })
    }

    @Test("Emulated output equals the native oracle",
          .enabled(if: TestEnvironment.crossCompilerAvailable, "riscv64-linux-gnu-gcc/g++ not installed: run scripts/install-deps"),
          arguments: GuestProgram.all, Backend.combinations(Linkage.allCases))
    func matchesNative(program: GuestProgram, run: BackendRun<Linkage>) throws {
        let linkage = run.value, backend = run.backend
        if backend.skippedForOutsideEmulator { return }
        if let error = TestEnvironment.corpusBuildError {
            Issue.record(Comment(rawValue: error)); return
        }
        let emulator = try TestEnvironment.requireEmulator()
        let build = TestEnvironment.buildDirectory
        let native = try Self.run([build + "/native/" + program.name], timeout: 60)
        #expect(native.termination == program.expectedTermination && !native.timedOut,
                "native oracle: \(native.termination), header expects \(program.expectedTermination)")

        var command = [emulator] + backend.flags
        if linkage == .dynamicLinked { command += ["-L", TestEnvironment.crossSysroot] }
        command.append(build + "/" + linkage.rawValue + "/" + program.name)
        let timeout = EmulatorTimeout.shared.seconds
        let emulated = try Self.run(command, timeout: timeout)

        var problems: [String] = []
        if emulated.timedOut {
            EmulatorTimeout.shared.recordTimeout()
            problems.append("emulator timed out after \(timeout) s")
        }
        if emulated.termination != native.termination {
            problems.append("termination: native \(native.termination), emulator \(emulated.termination)")
        }
        if let diff = OutputComparison.firstDifference(expected: native.stdout, actual: emulated.stdout, label: "stdout") {
            problems.append(diff)
        }
        if program.compareStderr,
           let diff = OutputComparison.firstDifference(expected: native.stderr, actual: emulated.stderr, label: "stderr") {
            problems.append(diff)
        }
        if !problems.isEmpty && !program.compareStderr || !problems.isEmpty && emulated.termination != native.termination {
            problems.append("emulator stderr: " + String(decoding: emulated.stderr.prefix(2000), as: UTF8.self))
        }
        let label = "\(program.name) [\(linkage), \(backend)] via \(emulator)"
        if PendingFeatures.isPending(program) {
            withKnownIssue("needs pending emulator feature(s) \(program.pendingFeatures)", isIntermittent: true) {
                for problem in problems { Issue.record(Comment(rawValue: label + ": " + problem)) }
            }
        } else {
            for problem in problems { Issue.record(Comment(rawValue: label + ": " + problem)) }
        }
    }

    /// Runs `argv` plus the fixed arguments in a fresh temporary working directory.
    static func run(_ argv: [String], timeout: Double) throws -> ProcessResult {
        let directory = try TestEnvironment.makeTemporaryDirectory()
        defer { TestEnvironment.removeTree(directory) }
        return try ProcessRunner.run(ProcessRequest(
            argv: argv + TestEnvironment.fixedArguments, environment: TestEnvironment.fixedEnvironment,
            stdin: TestEnvironment.fixedStdin, workingDirectory: directory, timeoutSeconds: timeout))
    }
}

/// The execution backend a guest program runs under: the default (the tiered JIT on x86-64
/// hosts: cold blocks interpreted, hot ones compiled), the JIT alone (`-jit-threshold 0`: every
/// block compiled before it runs, so every instruction of a test goes through the JIT) and the
/// IR interpreter (`-interp`). Every guest test runs under all three.
enum Backend: String, CaseIterable, Sendable, CustomStringConvertible {
    case tiered = "default backend"
    case jit = "-jit-threshold 0"
    case interpreter = "-interp"

    /// True for the backends an outside emulator (SWIFT_QEMU_TEST_EMULATOR=qemu-riscv64) does not
    /// have: it runs each case once, with no backend flags (as the default backend).
    var skippedForOutsideEmulator: Bool { TestEnvironment.usesOverrideEmulator && self != .tiered }

    /// Emulator arguments selecting the backend.
    var flags: [String] {
        switch self {
        case .tiered: []
        case .jit: ["-jit-threshold", "0"]
        case .interpreter: ["-interp"]
        }
    }
    var description: String { rawValue }

    /// Every (value, backend) pair, for `@Test(arguments:)`.
    static func combinations<T: Sendable>(_ values: [T]) -> [BackendRun<T>] {
        values.flatMap { v in allCases.map { BackendRun(value: v, backend: $0) } }
    }
}

/// One test argument paired with a backend.
struct BackendRun<T: Sendable>: Sendable, CustomStringConvertible {
    let value: T
    let backend: Backend
    var description: String { "\(value) [\(backend)]" }
}

/// Checks of the harness itself, so that a broken comparison cannot make every test pass.
@Suite("Guest harness self-checks")
struct GuestHarnessTests {
    @Test("A differing line is reported with its number")
    func reportsFirstDifference() {
        let message = OutputComparison.firstDifference(expected: Array("a\nb\nc\n".utf8), actual: Array("a\nB\nc\n".utf8), label: "stdout")
        #expect(message?.contains("line 2") == true)
        #expect(OutputComparison.firstDifference(expected: Array("x\n".utf8), actual: Array("x\n".utf8), label: "stdout") == nil)
        #expect(OutputComparison.firstDifference(expected: Array("x\n".utf8), actual: Array("x".utf8), label: "stdout") != nil)
    }

    @Test("Exit status, signals, stdin, environment and working directory reach the child")
    func runnerReportsStatusAndSignal() throws {
        let directory = try TestEnvironment.makeTemporaryDirectory()
        defer { TestEnvironment.removeTree(directory) }
        let exit = try ProcessRunner.run(ProcessRequest(argv: ["/bin/sh", "-c", "cat; echo \"$V\"; pwd; exit 42"], environment: ["V=value"],
                                                         stdin: Array("in\n".utf8), workingDirectory: directory))
        #expect(exit.termination == .exited(42))
        #expect(String(decoding: exit.stdout, as: UTF8.self) == "in\nvalue\n\(directory)\n")
        let killed = try ProcessRunner.run(ProcessRequest(argv: ["/bin/sh", "-c", "kill -SEGV $$"], environment: [], workingDirectory: directory))
        #expect(killed.termination == .signaled(SIGSEGV))
        let slow = try ProcessRunner.run(ProcessRequest(argv: ["/bin/sleep", "30"], environment: [], workingDirectory: directory, timeoutSeconds: 0.5))
        #expect(slow.timedOut && slow.termination == .signaled(SIGKILL))
    }
}
