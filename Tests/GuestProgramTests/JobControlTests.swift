import Foundation
import Glibc
import Testing

/// Job control in an interactive shell (issue 4): Tests/interactive/job_control.py runs bash on a
/// pseudo-terminal as a user would — a foreground job stopped with ^Z, `jobs`, `bg`, `fg`, ^C, `kill
/// -STOP/-CONT %1`, a reader stopped by SIGTTIN in the background, a pipeline stopped and resumed, a
/// program with its own SIGTSTP and SIGCONT handlers (as vi and less), a background writer stopped by
/// SIGTTOU under `stty tostop`, `wait`, and `exit` with a stopped job — and prints a normalized
/// transcript (no prompts, pids or timing). The oracle is the host's bash driven the same way; the
/// guest is the Debian root's riscv64 bash under the emulator (every job a riscv64 program the
/// emulator execs itself, no binfmt_misc).
@Suite("Job control in an interactive shell")
struct JobControlTests {
    static var driver: String { TestEnvironment.repositoryRoot + "/Tests/interactive/job_control.py" }

    /// The shell's job reports and the programs' output the guest transcript must contain (runs of
    /// spaces collapsed), whatever the host's bash printed.
    static let expectedLines = [
        "[1]+ Stopped sleep 30",                // ^Z, and kill -STOP %1
        "[1]+ sleep 30 &",                      // bg
        "[1]+ Running sleep 30 &",              // jobs after bg, and after kill -CONT %1
        "[1]+ Terminated sleep 30",             // kill %1
        "[1]+ Stopped cat",                     // ^Z, and SIGTTIN after bg
        "[1]+ Stopped sleep 30 | cat",          // the pipeline, ^Z and kill -STOP %1
        "[1]+ sleep 30 | cat &",
        "^Ztstp handler: stopping",             // the program's own SIGTSTP handler ran,
        "[1]+ Stopped perl tstp_handler.pl",    // stopped it with the default action,
        "cont handler",                         // and fg's SIGCONT reached its handler
        "tstp handler: resumed",
        "[1]+ Stopped echo written by a background job",  // SIGTTOU with tostop
        "written by a background job",
        "[1]+ Done sleep 2",                    // wait
        "There are stopped jobs.",
        "shell exit status 1",
    ]

    @Test("bash job control on a pseudo-terminal matches the host's bash",
          .enabled(if: TestEnvironment.debianRootAvailable, "no Debian riscv64 root: run scripts/fetch-debian-riscv64"),
          arguments: Backend.allCases)
    func bashJobControl(backend: Backend) throws {
        if backend.skippedForOutsideEmulator { return }
        let emulator = try TestEnvironment.requireEmulator()
        let root = TestEnvironment.debianRoot
        try #require(access(root + "/usr/bin/bash", X_OK) == 0, "bash missing from the root: run scripts/fetch-debian-riscv64")
        try #require(access("/bin/bash", X_OK) == 0 && access("/usr/bin/python3", X_OK) == 0 && access("/usr/bin/perl", X_OK) == 0,
                     "host bash, python3 or perl missing: run scripts/install-deps")
        let shell = ["--norc", "--noprofile", "-i"]

        let host = try Self.drive(["/bin/bash"] + shell, stepTimeout: 30)
        try #require(host.termination == .exited(0) && !host.timedOut,
                     "host bash run failed (\(host.termination)): \(String(decoding: host.stderr.suffix(2000), as: UTF8.self))")

        // Generous per-step limit: the interpreter starts each riscv64 program in about a second
        // on a quiet machine, far more on a loaded one.
        let guest = try Self.drive([emulator] + backend.flags + ["-L", root, root + "/usr/bin/bash"] + shell, stepTimeout: 90)
        let label = "bash job control [\(backend)] via \(emulator)"
        var problems: [String] = []
        if guest.timedOut { problems.append("the driver timed out") }
        if guest.termination != .exited(0) {
            problems.append("driver \(guest.termination): \(String(decoding: guest.stderr.suffix(3000), as: UTF8.self))")
        }
        if let diff = OutputComparison.firstDifference(expected: host.stdout, actual: guest.stdout, label: "transcript") {
            problems.append(diff)
        }
        // The driver nudges the shell with a SIGCHLD when a job report is slow (bash's own race
        // in notify_of_job_status, docs/testing.md). The race is rare; a nudge at several steps
        // of one run means the emulator lost SIGCHLDs.
        let nudgedSteps = Set(String(decoding: guest.stderr, as: UTF8.self).split(separator: "\n")
            .filter { $0.hasSuffix("sent the shell a SIGCHLD") }
            .map { $0.split(separator: ":", maxSplits: 2).prefix(2).joined(separator: ":") })
        if nudgedSteps.count > 1 {
            problems.append("the shell needed a SIGCHLD to report jobs at \(nudgedSteps.count) steps: \(nudgedSteps.sorted())")
        }
        let transcript = Set(String(decoding: guest.stdout, as: UTF8.self).split(separator: "\n").map { Self.collapsingSpaces(String($0)) })
        for line in Self.expectedLines where !transcript.contains(line) {
            problems.append("the transcript has no line \"\(line)\"")
        }
        if problems.isEmpty { return }
        let record = {
            for problem in problems { Issue.record(Comment(rawValue: label + ": " + problem)) }
            Issue.record(Comment(rawValue: label + ": transcript:\n" + String(decoding: guest.stdout, as: UTF8.self)))
        }
        if TestEnvironment.usesOverrideEmulator {
            withKnownIssue("outside emulator: the shell's riscv64 children need binfmt_misc", isIntermittent: true) { record() }
        } else {
            record()
        }
    }

    /// Runs the driver on `shell` (its own process group; the driver kills the shell's session at
    /// the end, whatever happened).
    static func drive(_ shell: [String], stepTimeout: Int) throws -> ProcessResult {
        let total = 8 * stepTimeout
        let argv = ["/usr/bin/python3", driver, "--step-timeout", String(stepTimeout), "--total-timeout", String(total), "--"] + shell
        return try ProcessRunner.run(ProcessRequest(argv: argv, environment: TestEnvironment.debianEnvironment,
                                                    workingDirectory: TestEnvironment.repositoryRoot,
                                                    timeoutSeconds: Double(total + 60), ownProcessGroup: true))
    }

    static func collapsingSpaces(_ line: String) -> String {
        line.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }
}
