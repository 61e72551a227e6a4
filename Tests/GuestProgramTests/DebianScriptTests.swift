import Foundation
import Glibc
import Testing

/// One run of a script from Tests/debian-scripts: by the Debian root's riscv64 interpreter under the
/// emulator, and by the host's interpreter (the oracle). The scripts print only values that do not
/// depend on the interpreter version (python3 3.13 in the root, 3.11 on Debian 12; perl 5.40 and
/// 5.36), so both outputs must be equal byte for byte, stdout and stderr.
struct DebianScriptCase: CustomStringConvertible, Sendable {
    /// Short name for the test report.
    var name: String
    /// Interpreter path inside the root and on the host: "/usr/bin/python3" or "/usr/bin/perl".
    var interpreter: String
    /// File in Tests/debian-scripts.
    var script: String
    /// Sections of the script to run (its arguments).
    var sections: [String]
    /// Emulator features in `PendingFeatures.pending` this case needs: while one is listed, a
    /// failure is a known issue.
    var pending: [String] = []
    /// Why qemu-riscv64 (an outside emulator) fails this case, if it does: a known issue there.
    var outsideEmulatorFails: String? = nil

    var description: String { name }

    static let all: [DebianScriptCase] = [
        DebianScriptCase(name: "python3 subprocess and fork", interpreter: "/usr/bin/python3", script: "process_model.py",
                         sections: ["subprocess", "fork"]),
        DebianScriptCase(name: "python3 signals", interpreter: "/usr/bin/python3", script: "process_model.py",
                         sections: ["signal"]),
        DebianScriptCase(name: "python3 sockets, select and asyncio", interpreter: "/usr/bin/python3", script: "process_model.py",
                         sections: ["socket", "select", "asyncio"]),
        // Python 3.13 spawns through glibc's posix_spawn (CLONE_VM|CLONE_VFORK), which reports a
        // failed exec by writing errno into the parent's memory: the emulated vfork hands the
        // child's writes to the parent (docs/processes.md). qemu-riscv64 emulates vfork as a
        // plain fork, so its parent never sees the error.
        DebianScriptCase(name: "python3 spawn error reporting", interpreter: "/usr/bin/python3", script: "process_model.py",
                         sections: ["spawn_error"],
                         outsideEmulatorFails: "qemu-user emulates CLONE_VM|CLONE_VFORK as a plain fork"),
        DebianScriptCase(name: "python3 threads", interpreter: "/usr/bin/python3", script: "process_model.py",
                         sections: ["threads"], pending: ["threads"]),
        DebianScriptCase(name: "perl fork, pipes, signals and sockets", interpreter: "/usr/bin/perl", script: "process_model.pl",
                         sections: ["fork", "pipe", "signal", "socket"]),
        DebianScriptCase(name: "perl threads", interpreter: "/usr/bin/perl", script: "process_model.pl",
                         sections: ["threads"], pending: ["threads"]),
    ]
}

/// python3's own regression test suite (the root's libpython3.13-testsuite), one module per case:
/// `python3 -m test -u none -v <module>` must end with `Result: SUCCESS`.
///
/// While threads are pending, a failing test whose report says `can't start new thread` (the
/// RuntimeError of threading.Thread.start when clone fails) is a known issue; any other failure
/// fails the case, so the modules check everything else now. Tests that would crash the whole
/// module without threads, or that need another pending feature, are excluded by name while the
/// feature is pending (and reported as a known issue).
struct PythonRegressionModule: CustomStringConvertible, Sendable {
    /// The test module ("test_os").
    var module: String
    /// Per pending feature, regrtest `-i` patterns (a class or method name, matched against each
    /// component of the test id) excluded while the feature is in `PendingFeatures.pending`.
    var excluded: [String: [String]] = [:]
    /// Features without which running the module is pointless (nearly every test needs them):
    /// while one is pending the module does not run and a known issue says so.
    var requires: [String] = []
    /// More regrtest arguments (patterns that leave out repetitions, to save time).
    var extraArguments: [String] = []
    /// The backends that run this module. Everything runs under the default (tiered JIT) backend,
    /// what users run; the interpreter is about five times slower (python3 alone takes 8 s to
    /// start, and test_subprocess starts hundreds of them), so it runs only the modules that take
    /// under about a minute there, to keep the suite within its time budget (the whole CI must
    /// stay within 90 minutes). The JIT alone (`-jit-threshold 0`) runs the corpus, the Debian
    /// binaries and scripts, not these modules.
    var backends: [Backend] = [.tiered, .interpreter]

    var description: String { module }

    static let all: [PythonRegressionModule] = [
        // TestSendfile runs asyncio, whose loop shutdown starts a thread: without threads the
        // exception escapes the test and regrtest stops the whole module.
        PythonRegressionModule(module: "test_os", excluded: ["threads": ["TestSendfile", "test_fork_warns_when_non_python_thread_exists"]],
                               extraArguments: [
                                   // Timing: these expect the time between timerfd_settime and
                                   // the next call to be under 1 ms (CLOCK_RES); an emulated
                                   // python3 on a loaded 2-core machine misses that now and then
                                   // (qemu-riscv64 too). The other TimerfdTests run.
                                   "-i", "test_timerfd_*initval", "-i", "test_timerfd_*interval",
                                   "-i", "test_timerfd_*TFD_TIMER_ABSTIME",
                               ], backends: [.tiered]),
        PythonRegressionModule(module: "test_signal"),
        // Without threads its 211 tests take about 10 minutes (timeouts waiting for threads that
        // never ran), so it waits for the feature.
        PythonRegressionModule(module: "test_threading", requires: ["threads"], backends: [.tiered]),
        PythonRegressionModule(module: "test_subprocess", extraArguments: [
            // ProcessTestCaseNoPoll repeats ProcessTestCase with select instead of poll (90 tests,
            // a minute under the JIT); test_select and the scripts cover select.
            "-i", "ProcessTestCaseNoPoll",
        ], backends: [.tiered]),
        PythonRegressionModule(module: "test_socket", backends: [.tiered]),
        PythonRegressionModule(module: "test_select"),
        PythonRegressionModule(module: "test_mmap"),
    ]

    /// Every (module, backend) pair that runs.
    static var combinations: [BackendRun<PythonRegressionModule>] {
        all.flatMap { m in m.backends.map { BackendRun(value: m, backend: $0) } }
    }
}

/// The failure reports in regrtest's verbose output: unittest's `FAIL: ` / `ERROR: ` blocks and
/// regrtest's `test_x crashed -- Traceback` block.
struct RegressionReport {
    struct Failure {
        var title: String
        var text: String
        /// The report shows that a thread could not be started (threading.Thread.start, or
        /// _testcapi's C threads).
        var needsThreads: Bool { text.contains("can't start new thread") || text.contains("unable to start the thread") }
    }
    var failures: [Failure] = []

    init(_ output: String) {
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let separator = String(repeating: "=", count: 70)
        var index = 0
        while index < lines.count {
            let line = lines[index]
            let isUnittest = (line.hasPrefix("FAIL: ") || line.hasPrefix("ERROR: ")) && index > 0 && lines[index - 1] == separator
            let isCrash = line.contains(" crashed -- Traceback")
            guard isUnittest || isCrash else { index += 1; continue }
            var end = index + 1
            while end < lines.count {
                let next = lines[end]
                if isUnittest && (next == separator || next.hasPrefix("Ran ")) { break }
                if isCrash && (next.hasPrefix("== Tests result") || next.range(of: #"^\d+:\d\d:\d\d "#, options: .regularExpression) != nil) { break }
                end += 1
            }
            failures.append(Failure(title: line, text: lines[index..<end].joined(separator: "\n")))
            index = end
        }
    }
}

/// Perl and python3 scripts and python3's regression suite from the Debian riscv64 root, run with
/// `-L <root>` and no binfmt_misc registration: every child python3, perl, sh or sort they start
/// is a riscv64 program the emulator runs itself (issue 4).
@Suite("Debian riscv64 scripts and python3 regression tests")
struct DebianScriptTests {
    static var scriptDirectory: String { TestEnvironment.repositoryRoot + "/Tests/debian-scripts" }

    @Test("Script output matches the host interpreter's",
          .enabled(if: TestEnvironment.debianRootAvailable, "no Debian riscv64 root: run scripts/fetch-debian-riscv64"),
          arguments: Backend.combinations(DebianScriptCase.all))
    func scriptMatchesHost(run: BackendRun<DebianScriptCase>) throws {
        let testCase = run.value, backend = run.backend
        if backend.skippedForOutsideEmulator { return }
        let emulator = try TestEnvironment.requireEmulator()
        let root = TestEnvironment.debianRoot
        try #require(access(root + testCase.interpreter, X_OK) == 0, "\(testCase.interpreter) missing from the root: run scripts/fetch-debian-riscv64")
        try #require(access(testCase.interpreter, X_OK) == 0, "host \(testCase.interpreter) missing: run scripts/install-deps")
        let script = Self.scriptDirectory + "/" + testCase.script

        let host = try Self.run([testCase.interpreter, script] + testCase.sections, timeout: 120)
        try #require(host.termination == .exited(0) && !host.timedOut,
                     "host \(testCase.interpreter) failed (\(host.termination)): \(String(decoding: host.stderr.suffix(2000), as: UTF8.self))")

        let guest = [emulator] + backend.flags + ["-L", root, root + testCase.interpreter, script] + testCase.sections
        let timeout = EmulatorTimeout.shared.seconds
        let result = try Self.run(guest, timeout: timeout)
        if result.timedOut { EmulatorTimeout.shared.recordTimeout() }
        let label = "\(testCase.name) [\(backend)] via \(emulator)"
        var problems: [String] = []
        if result.timedOut { problems.append("timed out after \(timeout) s") }
        if result.termination != .exited(0) { problems.append("\(result.termination)") }
        if let diff = OutputComparison.firstDifference(expected: host.stdout, actual: result.stdout, label: "stdout") {
            problems.append(diff)
        }
        if let diff = OutputComparison.firstDifference(expected: host.stderr, actual: result.stderr, label: "stderr") {
            problems.append(diff + "\nstderr: " + String(decoding: result.stderr.suffix(2000), as: UTF8.self))
        }
        Self.report(problems, label: label, pending: testCase.pending, outsideEmulatorFails: testCase.outsideEmulatorFails)
    }

    @Test("python3 -m test <module> passes",
          .enabled(if: TestEnvironment.debianRootAvailable, "no Debian riscv64 root: run scripts/fetch-debian-riscv64"),
          arguments: PythonRegressionModule.combinations)
    func pythonRegressionModule(run: BackendRun<PythonRegressionModule>) throws {
        let module = run.value, backend = run.backend
        if backend.skippedForOutsideEmulator { return }
        let emulator = try TestEnvironment.requireEmulator()
        let root = TestEnvironment.debianRoot
        try #require(FileManager.default.fileExists(atPath: root + "/usr/lib/python3.13/test/\(module.module).py"),
                     "the root has no python3 test suite: run scripts/fetch-debian-riscv64")

        let missing = TestEnvironment.usesOverrideEmulator ? [] : module.requires.filter { PendingFeatures.pending.contains($0) }
        if !missing.isEmpty {
            withKnownIssue("needs pending emulator feature(s) \(missing)") {
                Issue.record(Comment(rawValue: "python3 -m test \(module.module) [\(backend)]: not run until \(missing) land"))
            }
            return
        }
        // Tests needing a pending feature are excluded (and reported below); an outside emulator
        // runs everything.
        let pendingNow = TestEnvironment.usesOverrideEmulator ? [] : module.excluded.keys.filter { PendingFeatures.pending.contains($0) }.sorted()
        let excluded = pendingNow.flatMap { module.excluded[$0]! }
        // -u none: no network, cpu-heavy or largefile resources. No --timeout: regrtest's watchdog
        // is a thread. The time limit is the harness's.
        let arguments = ["-m", "test", "-u", "none", "-v"] + module.extraArguments + excluded.flatMap { ["-i", $0] } + [module.module]
        let directory = try TestEnvironment.makeTemporaryDirectory()
        defer { TestEnvironment.removeTree(directory) }
        let environment = ["LC_ALL=C.UTF-8", "PATH=/usr/bin:/bin", "HOME=" + directory, "TMPDIR=" + directory]
        // Five times the per-program limit: 600 s by default, 100 s once the emulator has timed out
        // three times (test_subprocess takes about 2 minutes under the JIT on a quiet machine).
        let timeout = 5 * EmulatorTimeout.shared.seconds
        let guest = [emulator] + backend.flags + ["-L", root, root + "/usr/bin/python3"] + arguments
        let result = try ProcessRunner.run(ProcessRequest(argv: guest, environment: environment, workingDirectory: directory,
                                                          timeoutSeconds: timeout, ownProcessGroup: true))
        if result.timedOut { EmulatorTimeout.shared.recordTimeout() }
        let output = String(decoding: result.stdout + result.stderr, as: UTF8.self)
        let label = "python3 -m test \(module.module) [\(backend)] via \(emulator)"
        let passed = !result.timedOut && result.termination == .exited(0) && output.contains("Result: SUCCESS")
        if !passed {
            let report = RegressionReport(output)
            let threadsPending = !TestEnvironment.usesOverrideEmulator && PendingFeatures.pending.contains("threads")
            let known = threadsPending ? report.failures.filter(\.needsThreads) : []
            let other = report.failures.filter { f in !known.contains { $0.title == f.title } }
            let tail = output.split(separator: "\n", omittingEmptySubsequences: false).suffix(25).joined(separator: "\n")
            if !known.isEmpty {
                withKnownIssue("needs pending emulator feature threads", isIntermittent: true) {
                    Issue.record(Comment(rawValue: "\(label): \(known.count) failing for want of threads:\n"
                                         + known.map(\.title).joined(separator: "\n")))
                }
            }
            for failure in other {
                Issue.record(Comment(rawValue: "\(label): \(failure.text.prefix(4000))"))
            }
            if other.isEmpty && (known.isEmpty || result.timedOut || !(result.termination == .exited(0) || result.termination == .exited(2))) {
                // Nothing explains the failure (a timeout, a crash of the interpreter, no report).
                Issue.record(Comment(rawValue: "\(label): \(result.timedOut ? "timed out after \(timeout) s" : "\(result.termination)")\n\(tail)"))
            }
        }
        if !pendingNow.isEmpty {
            withKnownIssue("needs pending emulator feature(s) \(pendingNow)") {
                Issue.record(Comment(rawValue: "\(label): not run until \(pendingNow) land: \(excluded)"))
            }
        }
    }

    /// Records the problems of one run, as known issues while a needed feature is pending.
    static func report(_ problems: [String], label: String, pending: [String], outsideEmulatorFails: String?) {
        guard !problems.isEmpty else { return }
        let record = { for problem in problems { Issue.record(Comment(rawValue: label + ": " + problem)) } }
        let pendingNow = TestEnvironment.usesOverrideEmulator ? [] : pending.filter { PendingFeatures.pending.contains($0) }
        if !pendingNow.isEmpty {
            withKnownIssue("needs pending emulator feature(s) \(pendingNow)", isIntermittent: true) { record() }
        } else if TestEnvironment.usesOverrideEmulator, let reason = outsideEmulatorFails {
            withKnownIssue("outside emulator: \(reason)", isIntermittent: true) { record() }
        } else {
            record()
        }
    }

    /// Runs a command with the fixed environment in a fresh directory (its own process group).
    static func run(_ argv: [String], timeout: Double) throws -> ProcessResult {
        let directory = try TestEnvironment.makeTemporaryDirectory()
        defer { TestEnvironment.removeTree(directory) }
        return try ProcessRunner.run(ProcessRequest(argv: argv, environment: TestEnvironment.debianEnvironment, workingDirectory: directory,
                                                    timeoutSeconds: timeout, ownProcessGroup: true))
    }
}
