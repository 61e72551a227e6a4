import Foundation
import Testing

/// What a user sees for bad input: one line `swift-qemu-riscv64: <file>: <reason>` on stderr and
/// exit status 1, never a trap of the emulator itself.
@Suite("Bad input: one-line errors and exit status 1")
struct BadInputTests {
    static var ownEmulator: Bool { !TestEnvironment.usesOverrideEmulator }

    /// Runs the emulator with `arguments` in a fresh directory.
    static func run(_ arguments: [String]) throws -> ProcessResult {
        let directory = try TestEnvironment.makeTemporaryDirectory()
        defer { TestEnvironment.removeTree(directory) }
        return try ProcessRunner.run(ProcessRequest(
            argv: [TestEnvironment.emulatorPath] + arguments, environment: ["PATH=/usr/bin:/bin"],
            workingDirectory: directory, timeoutSeconds: 60))
    }

    static func expectOneLineError(_ result: ProcessResult, mentioning fragments: [String]) {
        #expect(result.termination == .exited(1))
        #expect(result.stdout.isEmpty)
        let text = String(decoding: result.stderr, as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 2 && lines[1].isEmpty, "expected exactly one line, got: \(text)")
        #expect(text.hasPrefix("swift-qemu-riscv64: "), "\(text)")
        for fragment in fragments {
            #expect(text.contains(fragment), "expected '\(fragment)' in: \(text)")
        }
    }

    static func writeFile(_ bytes: [UInt8]) throws -> String {
        let path = try TestEnvironment.makeTemporaryDirectory() + "/input"
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }

    @Test(.enabled(if: ownEmulator)) func notAnELFFile() throws {
        let path = try Self.writeFile(Array("#!/bin/sh\necho hi\n".utf8))
        Self.expectOneLineError(try Self.run([path]), mentioning: [path + ": ", "not an ELF file"])
    }

    @Test(.enabled(if: ownEmulator)) func wrongArchitecture() throws {
        Self.expectOneLineError(try Self.run(["/bin/true"]), mentioning: ["/bin/true: ", "x86-64"])
    }

    @Test(.enabled(if: ownEmulator)) func missingFile() throws {
        Self.expectOneLineError(try Self.run(["/nonexistent/program"]), mentioning: ["/nonexistent/program: ", "No such file"])
    }

    @Test(.enabled(if: ownEmulator)) func emptyFile() throws {
        let path = try Self.writeFile([])
        Self.expectOneLineError(try Self.run([path]), mentioning: [path + ": "])
    }

    @Test(.enabled(if: ownEmulator && TestEnvironment.corpusBuildError == nil), arguments: [16, 64, 200, 4096, 20000])
    func truncatedELF(length: Int) throws {
        let program = try Data(contentsOf: URL(fileURLWithPath: TestEnvironment.buildDirectory + "/riscv64-static/exit_code"))
        let path = try Self.writeFile(Array(program.prefix(length)))
        Self.expectOneLineError(try Self.run([path]), mentioning: [path + ": "])
    }

    @Test(.enabled(if: ownEmulator && TestEnvironment.corpusBuildError == nil))
    func missingInterpreter() throws {
        // Without -L the dynamic program's /lib/ld-linux-riscv64-lp64d.so.1 does not exist on this host.
        let program = TestEnvironment.buildDirectory + "/riscv64-dynamic/exit_code"
        Self.expectOneLineError(try Self.run(["-L", "/nonexistent-prefix", program]), mentioning: ["ld-linux-riscv64-lp64d.so.1"])
    }

    @Test(.enabled(if: ownEmulator)) func unknownOption() throws {
        Self.expectOneLineError(try Self.run(["-no-such-option", "/bin/true"]), mentioning: ["unknown option"])
    }

    @Test(.enabled(if: ownEmulator)) func noProgramPrintsUsage() throws {
        let result = try Self.run([])
        #expect(result.termination == .exited(1))
        #expect(String(decoding: result.stderr, as: UTF8.self).hasPrefix("usage: swift-qemu-riscv64 [options] program"))
    }

    @Test(.enabled(if: ownEmulator)) func versionAndHelpExitZero() throws {
        let version = try Self.run(["-version"])
        #expect(version.termination == .exited(0))
        #expect(String(decoding: version.stdout, as: UTF8.self).hasPrefix("swift-qemu-riscv64 version "))
        let help = try Self.run(["-h"])
        #expect(help.termination == .exited(0))
        #expect(String(decoding: help.stdout, as: UTF8.self).contains("QEMU_LD_PREFIX"))
    }

    @Test(.enabled(if: ownEmulator && TestEnvironment.corpusBuildError == nil))
    func unimpNamesUnknownSyscallsAndIllegalInstructions() throws {
        let syscalls = try Self.run(["-d", "unimp", TestEnvironment.buildDirectory + "/riscv64-static/unknown_syscall"])
        #expect(syscalls.termination == .exited(0))
        #expect(String(decoding: syscalls.stderr, as: UTF8.self).contains("Unsupported syscall: 9999"))
        let illegal = try Self.run(["-d", "unimp", TestEnvironment.buildDirectory + "/riscv64-static/illegal_instruction"])
        #expect(illegal.termination == .signaled(SIGILL))
        #expect(String(decoding: illegal.stderr, as: UTF8.self).contains("illegal instruction at pc 0x"))
    }
}
