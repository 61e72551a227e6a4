import Foundation
import Glibc
import Testing

/// scripts/differential for CI, kept fast: every corpus program (static build) runs under
/// swift-qemu-riscv64's default backend (the JIT), under `-interp` and under qemu-riscv64, with the
/// fixed arguments, environment and stdin of the corpus harness and a fresh working directory
/// each; all three must agree on the exit status or signal, stdout and stderr (only the two
/// backends for the programs of Tests/regressions/differential-qemu-differs.txt). The full runner
/// (dynamic builds and Debian binaries too) is `scripts/differential`.
@Suite("Differential: default backend vs -interp vs qemu-riscv64")
struct DifferentialRunnerTests {
    @Test("All three runs agree",
          .enabled(if: TestEnvironment.crossCompilerAvailable, "riscv64-linux-gnu-gcc/g++ not installed: run scripts/install-deps"),
          .enabled(if: DifferentialRunner.qemuAvailable, "qemu-riscv64 not installed: run scripts/install-deps"),
          .enabled(if: !TestEnvironment.usesOverrideEmulator, "SWIFT_QEMU_TEST_EMULATOR names an outside emulator"),
          arguments: GuestProgram.all)
    func allAgree(program: GuestProgram) throws {
        if let error = TestEnvironment.corpusBuildError {
            Issue.record(Comment(rawValue: error)); return
        }
        let emulator = try TestEnvironment.requireEmulator()
        let binary = TestEnvironment.buildDirectory + "/" + Linkage.staticLinked.rawValue + "/" + program.name
        var commands = [("default backend", [emulator, binary]), ("-interp", [emulator, "-interp", binary])]
        // Where qemu-riscv64 is known to be wrong, only the two backends are compared.
        if DifferentialRunner.qemuDiffers[program.name] == nil { commands.append(("qemu-riscv64", [DifferentialRunner.qemu, binary])) }
        var runs: [DifferentialRunner.Run] = []
        for (label, argv) in commands {
            let result = try GuestProgramTests.run(argv, timeout: EmulatorTimeout.shared.seconds)
            if result.timedOut { EmulatorTimeout.shared.recordTimeout() }
            runs.append(DifferentialRunner.Run(label: label, result: result))
        }
        guard let divergence = DifferentialRunner.firstDivergence(runs, compareStderr: program.compareStderr) else { return }
        let message = Comment(rawValue: "\(program.name) [static]: \(divergence)")
        if PendingFeatures.isPending(program) {
            withKnownIssue("needs pending emulator feature(s) \(program.pendingFeatures)", isIntermittent: true) {
                Issue.record(message)
            }
        } else {
            Issue.record(message)
        }
    }

    /// The comparison itself reports a divergence in each stream and names the pair.
    @Test("A divergence is reported with the pair that differs")
    func comparisonFindsDivergences() {
        func run(_ label: String, _ out: String, _ err: String = "", _ t: Termination = .exited(0)) -> DifferentialRunner.Run {
            DifferentialRunner.Run(label: label, result: ProcessResult(stdout: Array(out.utf8), stderr: Array(err.utf8), termination: t, timedOut: false))
        }
        #expect(DifferentialRunner.firstDivergence([run("a", "x\n"), run("b", "x\n"), run("c", "x\n")], compareStderr: true) == nil)
        #expect(DifferentialRunner.firstDivergence([run("a", "x\n"), run("b", "x\n"), run("c", "y\n")], compareStderr: true)?.hasPrefix("a vs c: stdout") == true)
        #expect(DifferentialRunner.firstDivergence([run("a", "x\n", "e"), run("b", "x\n")], compareStderr: true)?.contains("stderr") == true)
        #expect(DifferentialRunner.firstDivergence([run("a", "x\n", "e"), run("b", "x\n")], compareStderr: false) == nil)
        #expect(DifferentialRunner.firstDivergence([run("a", ""), run("b", "", "", .signaled(SIGSEGV))], compareStderr: false)?.contains("signal 11") == true)
    }
}
