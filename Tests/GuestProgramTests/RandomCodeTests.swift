import Foundation
import Testing

/// Random bytes as guest code (Tests/fuzz/random_code.c): the emulator never crashes or traps
/// itself, whatever it decodes, and the JIT and the interpreter end the same way.
@Suite("Random bytes as code never crash the emulator")
struct RandomCodeTests {
    static let seeds = Array(1...40)

    /// The static riscv64 build of random_code.c, built at first use; nil with a reason when the
    /// cross compiler is missing.
    static let program: Result<String, SpawnError> = {
        let output = TestEnvironment.repositoryRoot + "/.cache/fuzz/random_code"
        let source = TestEnvironment.repositoryRoot + "/Tests/fuzz/random_code.c"
        do {
            try FileManager.default.createDirectory(atPath: TestEnvironment.repositoryRoot + "/.cache/fuzz", withIntermediateDirectories: true)
            let build = try ProcessRunner.run(ProcessRequest(
                argv: ["/usr/bin/riscv64-linux-gnu-gcc", "-O1", "-static", "-o", output, source],
                environment: ["PATH=/usr/bin:/bin"], workingDirectory: TestEnvironment.repositoryRoot, timeoutSeconds: 300))
            guard build.termination == .exited(0) else {
                return .failure(SpawnError(description: String(decoding: build.stderr, as: UTF8.self)))
            }
            return .success(output)
        } catch let error as SpawnError {
            return .failure(error)
        } catch {
            return .failure(SpawnError(description: "\(error)"))
        }
    }()

    /// Signals a riscv64 machine can end such a program with.
    static let guestSignals: Set<Int32> = [SIGILL, SIGSEGV, SIGBUS, SIGTRAP, SIGFPE]

    @Test(.enabled(if: TestEnvironment.crossCompilerAvailable && !TestEnvironment.usesOverrideEmulator,
                   "needs riscv64-linux-gnu-gcc and our own emulator"),
          arguments: seeds)
    func randomCode(seed: Int) throws {
        let program = try Self.program.get()
        var endings: [String] = []
        for backend in [[], ["-interp"]] {
            let result = try ProcessRunner.run(ProcessRequest(
                argv: [TestEnvironment.emulatorPath] + backend + [program, String(seed)],
                environment: ["PATH=/usr/bin:/bin"], workingDirectory: "/tmp", timeoutSeconds: 5))
            let stderr = String(decoding: result.stderr, as: UTF8.self)
            // A Swift trap prints one of these before it raises SIGILL or SIGTRAP, which would
            // otherwise look like a guest signal.
            let emulatorFailure = ["Fatal error", "Precondition failed", "Assertion failed", "internal error"]
            #expect(!emulatorFailure.contains { stderr.contains($0) },
                    "seed \(seed) \(backend): the emulator itself failed: \(stderr.prefix(500))")
            if result.timedOut {
                endings.append("loops")  // an endless loop in the random code is a valid ending
                continue
            }
            switch result.termination {
            case .exited(let status): endings.append("exit \(status)")
            case .signaled(let signal):
                #expect(Self.guestSignals.contains(signal), "seed \(seed) \(backend): unexpected \(result.termination)")
                endings.append("signal \(signal)")
            }
        }
        #expect(endings[0] == endings[1], "seed \(seed): JIT ended with \(endings[0]), interpreter with \(endings[1])")
    }
}
