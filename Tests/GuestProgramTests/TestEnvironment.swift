import Foundation
import Glibc
import Testing

/// Locations and tools shared by the guest-program tests: the repository, the corpus build, the
/// emulator under test and the fixed inputs every program run receives.
enum TestEnvironment {
    /// Repository root, found from this source file (Tests/GuestProgramTests/TestEnvironment.swift).
    static let repositoryRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        url.deleteLastPathComponent(); url.deleteLastPathComponent(); url.deleteLastPathComponent()
        return url.path
    }()

    /// Sources of the guest corpus.
    static var corpusDirectory: String { repositoryRoot + "/Tests/guest" }

    /// Where Tests/guest/Makefile puts native/, riscv64-static/ and riscv64-dynamic/ binaries.
    static var buildDirectory: String { repositoryRoot + "/.cache/guest-build" }

    /// The riscv64 sysroot passed with -L to dynamically linked corpus binaries.
    static let crossSysroot = "/usr/riscv64-linux-gnu"

    /// The Debian trixie riscv64 tree made by scripts/fetch-debian-riscv64.
    static var debianRoot: String { repositoryRoot + "/.cache/debian-riscv64-root" }

    /// Environment variable naming another emulator to test (e.g. /usr/bin/qemu-riscv64) for differential runs.
    static let emulatorOverrideVariable = "SWIFT_QEMU_TEST_EMULATOR"

    /// The emulator under test: $SWIFT_QEMU_TEST_EMULATOR, else swift-qemu-riscv64 next to the test
    /// executable (.build/<config>/, found through /proc/self/exe).
    static let emulatorPath: String = {
        if let override = ProcessInfo.processInfo.environment[emulatorOverrideVariable], !override.isEmpty { return override }
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        let exe = n > 0 ? String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self) : CommandLine.arguments[0]
        return URL(fileURLWithPath: exe).deletingLastPathComponent().appendingPathComponent("swift-qemu-riscv64").path
    }()

    /// True when the emulator under test is an outside one (differential run against e.g. qemu-riscv64).
    static var usesOverrideEmulator: Bool {
        let override = ProcessInfo.processInfo.environment[emulatorOverrideVariable] ?? ""
        // Another build of our own emulator (scripts/test points at the release build) is not an
        // outside emulator: pending-feature rules apply to it.
        return !override.isEmpty && !override.hasSuffix("/swift-qemu-riscv64")
    }

    /// Whether the riscv64 cross compilers (C and C++) are installed.
    static let crossCompilerAvailable: Bool = isExecutableInPath("riscv64-linux-gnu-gcc") && isExecutableInPath("riscv64-linux-gnu-g++")

    /// Whether the Debian riscv64 root has been fetched.
    static var debianRootAvailable: Bool { FileManager.default.fileExists(atPath: debianRoot + "/.swift-qemu-fetched") }

    /// Fixed arguments given to every corpus program (after argv[0]).
    static let fixedArguments = ["alpha", "beta gamma", "--flag=1", "ünïcödé ✓"]

    /// The emulator under test, once it is known to exist (the test fails otherwise).
    static func requireEmulator() throws -> String {
        try #require(access(emulatorPath, X_OK) == 0, "emulator not found at \(emulatorPath) (build it, or set \(emulatorOverrideVariable))")
        return emulatorPath
    }

    /// The environment of programs run from the Debian root and of their host counterparts.
    static let debianEnvironment = ["LC_ALL=C", "PATH=/usr/bin:/bin", "HOME=/nonexistent"]

    /// Fixed environment given to every corpus program (the complete environment, nothing inherited).
    static let fixedEnvironment = ["GUEST_TEST_VAR=fixed value with spaces", "LC_ALL=C", "PATH=/usr/bin:/bin", "HOME=/nonexistent", "TZ=UTC0"]

    /// Fixed standard input piped to every corpus program.
    static let fixedStdin = Array("line one\nsecond line, with more words\n\n\tindented ünïcödé line\n12345 67890\nlast line without newline".utf8)

    /// Builds the corpus once per test process with `make -C Tests/guest`; nil on success, else the error output.
    static let corpusBuildError: String? = {
        guard crossCompilerAvailable else { return "riscv64-linux-gnu-gcc/g++ not installed (run scripts/install-deps)" }
        do {
            let result = try ProcessRunner.run(ProcessRequest(
                argv: ["/usr/bin/make", "-s", "-j2", "-C", corpusDirectory, "OUT=\(buildDirectory)"],
                environment: ["PATH=" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")],
                workingDirectory: repositoryRoot, timeoutSeconds: 900))
            if result.termination == .exited(0) { return nil }
            return "corpus build failed (\(result.termination)):\n" + String(decoding: result.stdout + result.stderr, as: UTF8.self)
        } catch {
            return "corpus build could not start: \(error)"
        }
    }()

    /// A fresh empty directory under /tmp; the caller removes it.
    static func makeTemporaryDirectory() throws -> String {
        var template = Array("/tmp/swift-qemu-guest-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw SpawnError(description: "mkdtemp failed: errno \(errno)") }
        return String(cString: made)
    }

    /// Removes a directory tree made by makeTemporaryDirectory.
    static func removeTree(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }

    private static func isExecutableInPath(_ name: String) -> Bool {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").contains { access("\($0)/\(name)", X_OK) == 0 }
    }
}
