import Foundation
import Glibc
import Testing

/// The emulator's start and its re-exec for a guest execve, seen from outside with options the
/// corpus harness does not give: argv and environment bytes that are not UTF-8 on the first
/// command line, QEMU_SET_ENV/QEMU_UNSET_ENV and -E/-U applied once (not again to the program a
/// guest execs), -0 not carried over, and a -D log that the re-executed image continues
/// (docs/processes.md). The program is the corpus's proc_exec_bytes (it execs itself with
/// bytes that are not UTF-8, without DROP_ME and with KEEP_ME), compared with its native build.
@Suite("Emulator start and re-exec: exact bytes and options")
struct ExecOptionTests {
    static let program = "proc_exec_bytes"

    /// The emulator command for the program's `linkage` build under `backend`, before the
    /// program path: the emulator, the backend flags, -L for a dynamic build, then `options`.
    static func emulated(_ run: BackendRun<Linkage>, options: [String] = []) throws -> [String] {
        var command = [try TestEnvironment.requireEmulator()] + run.backend.flags
        if run.value == .dynamicLinked { command += ["-L", TestEnvironment.crossSysroot] }
        return command + options + [TestEnvironment.buildDirectory + "/" + run.value.rawValue + "/" + program]
    }

    static var native: String { TestEnvironment.buildDirectory + "/native/" + program }

    static func run(_ argv: [String], environment: [String], in directory: String? = nil) throws -> ProcessResult {
        let scratch = try directory ?? TestEnvironment.makeTemporaryDirectory()
        defer { if directory == nil { TestEnvironment.removeTree(scratch) } }
        return try ProcessRunner.run(ProcessRequest(argv: argv, environment: environment, workingDirectory: scratch,
                                                    timeoutSeconds: EmulatorTimeout.shared.seconds))
    }

    /// Records the differences between the native and the emulated run.
    static func compare(native: ProcessResult, emulated: ProcessResult, label: String) {
        #expect(native.termination == .exited(0), "\(label): native oracle \(native.termination)")
        var problems: [String] = []
        if emulated.timedOut { problems.append("timed out") }
        if emulated.termination != native.termination { problems.append("termination: native \(native.termination), emulator \(emulated.termination)") }
        if let diff = OutputComparison.firstDifference(expected: native.stdout, actual: emulated.stdout, label: "stdout") { problems.append(diff) }
        if let diff = OutputComparison.firstDifference(expected: native.stderr, actual: emulated.stderr, label: "stderr") { problems.append(diff) }
        for problem in problems { Issue.record(Comment(rawValue: "\(label): \(problem)")) }
    }

    static let applicable = !TestEnvironment.usesOverrideEmulator && TestEnvironment.crossCompilerAvailable
    static let skipReason: Comment = "needs riscv64-linux-gnu-gcc and swift-qemu-riscv64 (an outside emulator cannot re-exec itself)"

    @Test("Argument and environment bytes that are not UTF-8 reach the guest at the first start",
          .enabled(if: applicable, skipReason), arguments: Backend.combinations(Linkage.allCases))
    func firstStartBytes(run: BackendRun<Linkage>) throws {
        if let error = TestEnvironment.corpusBuildError { Issue.record(Comment(rawValue: error)); return }
        // The test process can only pass text: a shell makes the bytes (\377\376 and \303\050).
        let script = #"FIRST_START=$(printf 'A\303\050\377'); export FIRST_START; exec "$@" "$(printf '\377\376')" "" "$(printf 'x\303')""#
        let shell = ["/bin/sh", "-c", script, "sh"]
        // One directory for both: the shell exports PWD.
        let directory = try TestEnvironment.makeTemporaryDirectory()
        defer { TestEnvironment.removeTree(directory) }
        let native = try Self.run(shell + [Self.native], environment: TestEnvironment.fixedEnvironment, in: directory)
        let emulated = try Self.run(shell + Self.emulated(run), environment: TestEnvironment.fixedEnvironment, in: directory)
        let text = String(decoding: native.stdout, as: UTF8.self)
        #expect(text.contains(#"arg [\xff\xfe] len 2"#) && text.contains(#"FIRST_START=A\xc3(\xff]"#),
                "the oracle should show the bytes the shell made: \(text)")
        Self.compare(native: native, emulated: emulated, label: "\(run)")
    }

    @Test("QEMU_SET_ENV/QEMU_UNSET_ENV, -E/-U and -0 apply to the first program only",
          .enabled(if: applicable, skipReason), arguments: Backend.combinations(Linkage.allCases))
    func environmentOptionsApplyOnce(run: BackendRun<Linkage>) throws {
        if let error = TestEnvironment.corpusBuildError { Issue.record(Comment(rawValue: error)); return }
        let fixed = TestEnvironment.fixedEnvironment
        // The first program sees DROP_ME=1 and no KEEP_ME; the program it execs gets exactly the
        // environment its parent passed (no DROP_ME, KEEP_ME=1) and the argv[0] of the execve.
        let variables = ["QEMU_SET_ENV=DROP_ME=1", "QEMU_UNSET_ENV=KEEP_ME"]
        let native = try Self.run([Self.native], environment: fixed + variables + ["DROP_ME=1"])
        let emulated = try Self.run(Self.emulated(run, options: ["-0", "custom-argv0"]), environment: fixed + variables)
        Self.compare(native: native, emulated: emulated, label: "\(run) QEMU_SET_ENV/QEMU_UNSET_ENV")

        let nativeFlags = try Self.run([Self.native], environment: fixed + ["DROP_ME=1"])
        let emulatedFlags = try Self.run(Self.emulated(run, options: ["-E", "DROP_ME=1", "-U", "KEEP_ME"]), environment: fixed)
        Self.compare(native: nativeFlags, emulated: emulatedFlags, label: "\(run) -E/-U")
    }

    @Test("A -D log is truncated at the first start and continued by the re-executed emulator",
          .enabled(if: applicable, skipReason), arguments: Backend.combinations(Linkage.allCases))
    func logContinuesAcrossExec(run: BackendRun<Linkage>) throws {
        if let error = TestEnvironment.corpusBuildError { Issue.record(Comment(rawValue: error)); return }
        let directory = try TestEnvironment.makeTemporaryDirectory()
        defer { TestEnvironment.removeTree(directory) }
        let logPath = directory + "/emulator.log"
        try "stale line from an earlier run\n".write(toFile: logPath, atomically: false, encoding: .utf8)
        let native = try Self.run([Self.native], environment: TestEnvironment.fixedEnvironment)
        // A relative -D path: the re-exec must name the same file whatever the guest's cwd.
        let emulated = try Self.run(Self.emulated(run, options: ["-D", "emulator.log", "-strace"]),
                                    environment: TestEnvironment.fixedEnvironment, in: directory)
        Self.compare(native: native, emulated: emulated, label: "\(run)")

        let log = try #require(FileManager.default.contents(atPath: logPath).map { [UInt8]($0) })
        #expect(!log.contains(0), "\(run): NUL bytes in the log (two writers at different offsets)")
        let lines = String(decoding: log, as: UTF8.self).split(separator: "\n").map(String.init)
        #expect(!lines.contains { $0.contains("stale line") }, "\(run): the first start must truncate the log")
        // `<pid> execve("/proc/self/exe",...)` by the forked child, then the same pid's lines from
        // the new image, ending with its exit_group; the parent's exit_group comes last.
        let pid = { (line: String) in line.split(separator: " ").first.map(String.init) ?? "" }
        let execIndex = try #require(lines.firstIndex { $0.contains("execve(\"/proc/self/exe\"") },
                                     "\(run): no execve line in the log:\n\(lines.prefix(40).joined(separator: "\n"))")
        let child = pid(lines[execIndex])
        let after = lines[(execIndex + 1)...].filter { pid($0) == child }
        #expect(after.contains { $0.contains("exit_group(0)") }, "\(run): no line of the re-executed image after the execve")
        #expect(after.count > 3, "\(run): only \(after.count) lines of the re-executed image")
        #expect(lines.first.map { pid($0) != child } == true,
                "\(run): the parent's first lines are missing: \(lines.first ?? "none")")
        #expect(lines.last.map { pid($0) != child && $0.contains("exit_group(0)") } == true,
                "\(run): the parent's exit_group is not the last line: \(lines.last ?? "none")")
    }
}
