import Foundation
import Testing

/// binfmt_misc: binfmt/register in a private binfmt_misc mount of a user namespace (Linux 6.7+),
/// so the test changes nothing outside itself. A riscv64 program is then started directly, and
/// must see what the emulator gives it when started by hand.
@Suite("binfmt_misc registration and flags")
struct BinfmtTests {
    static var ownEmulator: Bool { !TestEnvironment.usesOverrideEmulator }

    /// Runs `script` in bash inside a new user and mount namespace with binfmt_misc mounted and
    /// swift-qemu-riscv64 registered with `flags`.
    static func runRegistered(flags: String, _ script: String) throws -> ProcessResult {
        let setup = """
            mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc || exit 90
            \(TestEnvironment.repositoryRoot)/binfmt/register --emulator \(TestEnvironment.emulatorPath) --flags \(flags) >/dev/null || exit 91
            """
        return try ProcessRunner.run(ProcessRequest(
            argv: ["/usr/bin/unshare", "-U", "-r", "-m", "--propagation", "private", "/bin/bash", "-c", setup + "\n" + script],
            environment: ["PATH=/usr/bin:/bin", "LC_ALL=C"], workingDirectory: "/tmp", timeoutSeconds: 60))
    }

    /// Whether this kernel lets an unprivileged user namespace mount its own binfmt_misc.
    static let available: Bool = {
        guard let result = try? ProcessRunner.run(ProcessRequest(
            argv: ["/usr/bin/unshare", "-U", "-r", "-m", "--propagation", "private", "/bin/sh", "-c",
                   "mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc"],
            environment: ["PATH=/usr/bin:/bin"], workingDirectory: "/tmp", timeoutSeconds: 30)) else { return false }
        return result.termination == .exited(0)
    }()

    static var program: String { TestEnvironment.buildDirectory + "/riscv64-static/argv_env" }

    /// Runs the program through binfmt_misc (`binfmtCommand`) and through the emulator by hand
    /// (`directCommand`) in one namespace with the same clean environment; returns both outputs.
    static func bothWays(flags: String, binfmtCommand: String, directCommand: String) throws -> (String, String) {
        let clean = "env -i PATH=/usr/bin:/bin LC_ALL=C"
        let result = try runRegistered(flags: flags, """
            \(clean) bash -c \"\(binfmtCommand)\"; echo "status=$?"
            echo ===direct===
            \(clean) bash -c \"exec \(directCommand)\"; echo "status=$?"
            """)
        #expect(result.termination == .exited(0), "\(String(decoding: result.stderr, as: UTF8.self))")
        let text = String(decoding: result.stdout, as: UTF8.self)
        let parts = text.components(separatedBy: "===direct===\n")
        return (parts.first ?? "", parts.count > 1 ? parts[1] : "<no direct output>")
    }

    @Test(.enabled(if: ownEmulator && TestEnvironment.corpusBuildError == nil && available,
                   "needs our emulator, the corpus and user-namespace binfmt_misc (Linux 6.7+)"))
    func preserveArgv0RunsLikeTheEmulatorWithArgv0() throws {
        let (viaBinfmt, direct) = try Self.bothWays(
            flags: "POCF", binfmtCommand: "exec -a custom-argv0 \(Self.program) one two",
            directCommand: "\(TestEnvironment.emulatorPath) -0 custom-argv0 \(Self.program) one two")
        #expect(viaBinfmt == direct)
        #expect(viaBinfmt.contains("argv0-base custom-argv0"))
        #expect(viaBinfmt.hasSuffix("status=0\n"))
    }

    @Test(.enabled(if: ownEmulator && TestEnvironment.corpusBuildError == nil && available,
                   "needs our emulator, the corpus and user-namespace binfmt_misc (Linux 6.7+)"))
    func withoutPreserveArgv0TheGuestSeesThePath() throws {
        let (viaBinfmt, direct) = try Self.bothWays(
            flags: "OCF", binfmtCommand: "exec -a ignored \(Self.program) one",
            directCommand: "\(TestEnvironment.emulatorPath) \(Self.program) one")
        #expect(viaBinfmt == direct)
        #expect(viaBinfmt.contains("argv0-base argv_env"))
    }

    @Test(.enabled(if: ownEmulator && TestEnvironment.corpusBuildError == nil && available,
                   "needs our emulator, the corpus and user-namespace binfmt_misc (Linux 6.7+)"))
    func exitStatusAndSignalPassThrough() throws {
        let exit = try Self.runRegistered(flags: "POCF", "\(TestEnvironment.buildDirectory)/riscv64-static/exit_code; echo status=$?")
        #expect(String(decoding: exit.stdout, as: UTF8.self).hasSuffix("status=42\n"))
        let segv = try Self.runRegistered(flags: "POCF", "\(TestEnvironment.buildDirectory)/riscv64-static/segv_fault 2>/dev/null; echo status=$?")
        #expect(String(decoding: segv.stdout, as: UTF8.self).hasSuffix("status=139\n"))
    }
}
