import Foundation
import Glibc
import Testing

/// One run of a real Debian trixie riscv64 binary from .cache/debian-riscv64-root, checked against
/// the host's tool on the same input or against exact expected bytes.
struct DebianCase: CustomStringConvertible, Sendable {
    /// Short name for the test report.
    var name: String
    /// Guest program path inside the root (e.g. "usr/bin/sort") followed by its arguments.
    var guest: [String]
    /// Host command producing the expected stdout, tried first when its executable exists.
    var host: [String]?
    /// Expected stdout when there is no host command, or when it is missing on this machine.
    var expected: String?
    /// Standard input.
    var stdin: String = ""

    var description: String { name }

    /// Files every case finds in its (fresh) working directory.
    static let files: [(String, String)] = [
        ("words.txt", "pear\napple\nfig\nbanana\napple\ncherry\n"),
        ("numbers.txt", "10\n9\n100\n-3\n42\n7\n"),
        ("text.txt", "hello world\nfoo bar\nlollipop\nhello again\nno match here?\n"),
    ]

    static let python = "import json,hashlib; print(hashlib.sha256(json.dumps(list(range(1000))).encode()).hexdigest())"
    static let perl = "print join(\",\", map { $_*$_ } 1..10), \"\\n\""
    static let pipeline = "seq 1 100000 | sort -r | head -3"
    /// 150 command substitutions running expr (a fork and an exec each) and 20 two-process pipelines.
    static let forkLoop = "i=0; while [ $i -lt 150 ]; do i=$(expr $i + 1); done; echo $i; "
        + "j=0; while [ $j -lt 20 ]; do echo line $j | cat; j=$((j+1)); done | sort | tail -2"
    static let envExec = "echo $GREETING; ls /usr/bin/sort /usr/bin/sed | head -1; printf '%s\\n' b a | sort"

    static let all: [DebianCase] = [
        DebianCase(name: "busybox echo", guest: ["usr/bin/busybox", "echo", "hello", "riscv", "world"], host: ["/bin/echo", "hello", "riscv", "world"]),
        DebianCase(name: "busybox seq", guest: ["usr/bin/busybox", "seq", "1", "7", "200"], host: ["/usr/bin/seq", "1", "7", "200"]),
        DebianCase(name: "busybox sort", guest: ["usr/bin/busybox", "sort", "words.txt"], host: ["/usr/bin/sort", "words.txt"]),
        DebianCase(name: "busybox sort -n stdin", guest: ["usr/bin/busybox", "sort", "-n"], host: ["/usr/bin/sort", "-n"], stdin: "5\n-2\n33\n4\n"),
        DebianCase(name: "busybox wc -l", guest: ["usr/bin/busybox", "wc", "-l"], expected: "6\n", stdin: "a\nb\nc\nd\ne\nf\n"),
        DebianCase(name: "busybox sha256sum", guest: ["usr/bin/busybox", "sha256sum", "text.txt"], host: ["/usr/bin/sha256sum", "text.txt"]),
        DebianCase(name: "busybox expr", guest: ["usr/bin/busybox", "expr", "6", "*", "7"], expected: "42\n"),
        DebianCase(name: "busybox tr", guest: ["usr/bin/busybox", "tr", "a-z", "A-Z"], host: ["/usr/bin/tr", "a-z", "A-Z"], stdin: "mixed Case text\n"),
        DebianCase(name: "busybox sh arithmetic", guest: ["usr/bin/busybox", "sh", "-c", "for i in 1 2 3 4; do echo $((i*i)); done"], expected: "1\n4\n9\n16\n"),
        DebianCase(name: "coreutils ls", guest: ["usr/bin/ls", "-1"], host: ["/bin/ls", "-1"]),
        DebianCase(name: "coreutils sort -n", guest: ["usr/bin/sort", "-n", "numbers.txt"], host: ["/usr/bin/sort", "-n", "numbers.txt"]),
        DebianCase(name: "coreutils sort -u stdin", guest: ["usr/bin/sort", "-u"], host: ["/usr/bin/sort", "-u"], stdin: "b\na\nb\nc\na\n"),
        DebianCase(name: "coreutils sha256sum", guest: ["usr/bin/sha256sum", "words.txt", "text.txt"], host: ["/usr/bin/sha256sum", "words.txt", "text.txt"]),
        DebianCase(name: "coreutils wc", guest: ["usr/bin/wc", "text.txt"], host: ["/usr/bin/wc", "text.txt"]),
        DebianCase(name: "sed", guest: ["usr/bin/sed", "-e", "s/o/0/g", "-e", "2d", "text.txt"], host: ["/bin/sed", "-e", "s/o/0/g", "-e", "2d", "text.txt"]),
        DebianCase(name: "grep", guest: ["usr/bin/grep", "-n", "-E", "l+o", "text.txt"], host: ["/bin/grep", "-n", "-E", "l+o", "text.txt"]),
        DebianCase(name: "expr", guest: ["usr/bin/expr", "length", "hello riscv"], host: ["/usr/bin/expr", "length", "hello riscv"]),
        DebianCase(name: "python3 json+hashlib", guest: ["usr/bin/python3", "-c", python], host: ["/usr/bin/python3", "-c", python],
                   expected: "3e726f1b6f58ece8e52f367572eb99447da3892ff52903b8790cc8472451385c\n"),
        DebianCase(name: "perl", guest: ["usr/bin/perl", "-e", perl], host: ["/usr/bin/perl", "-e", perl], expected: "1,4,9,16,25,36,49,64,81,100\n"),
        // Processes (issue 4): fork, exec of foreign programs from the root through -L (the
        // emulator re-executes itself; no binfmt_misc registration), pipes between them.
        DebianCase(name: "sh pipeline seq|sort|head", guest: ["usr/bin/busybox", "sh", "-c", pipeline], host: ["/bin/sh", "-c", pipeline],
                   expected: "99999\n99998\n99997\n"),
        DebianCase(name: "sh script forking 300 processes", guest: ["usr/bin/busybox", "sh", "-c", forkLoop], host: ["/bin/sh", "-c", forkLoop]),
        DebianCase(name: "busybox env execs coreutils echo", guest: ["usr/bin/busybox", "env", "GREETING=hi", "sh", "-c", envExec],
                   host: ["/usr/bin/env", "GREETING=hi", "/bin/sh", "-c", envExec]),
    ]
}

/// Real Debian riscv64 binaries (busybox, coreutils, sed, grep, python3, perl) run through the
/// emulator with `-L <root>`; their output must equal the host tools' output on the same input.
@Suite("Debian riscv64 binaries")
struct DebianBinaryTests {
    @Test("Debian binary output matches the host",
          .enabled(if: TestEnvironment.debianRootAvailable, "no Debian riscv64 root: run scripts/fetch-debian-riscv64"),
          arguments: Backend.combinations(DebianCase.all))
    func matchesHost(run: BackendRun<DebianCase>) throws {
        let testCase = run.value, backend = run.backend
        if backend.skippedForOutsideEmulator { return }
        let emulator = try TestEnvironment.requireEmulator()
        let root = TestEnvironment.debianRoot
        let environment = TestEnvironment.debianEnvironment

        var expected: [UInt8]
        if let host = testCase.host, access(host[0], X_OK) == 0 {
            let result = try Self.run(host, environment: environment, stdin: testCase.stdin, timeout: 60)
            try #require(result.termination == .exited(0), "host \(host[0]) failed: \(result.termination)")
            expected = result.stdout
            if let literal = testCase.expected {
                #expect(String(decoding: expected, as: UTF8.self) == literal, "host tool disagrees with the recorded expectation")
            }
        } else {
            expected = Array(try #require(testCase.expected, "host tool \(testCase.host?[0] ?? "?") missing and no expected text").utf8)
        }

        let guest = [emulator] + backend.flags + ["-L", root, root + "/" + testCase.guest[0]] + testCase.guest.dropFirst()
        let timeout = EmulatorTimeout.shared.seconds
        let result = try Self.run(guest, environment: environment, stdin: testCase.stdin, timeout: timeout)
        if result.timedOut { EmulatorTimeout.shared.recordTimeout() }
        let label = "\(testCase.name) [\(backend)] via \(emulator)"
        #expect(!result.timedOut, "\(label): timed out after \(timeout) s")
        #expect(result.termination == .exited(0),
                "\(label): \(result.termination); stderr: \(String(decoding: result.stderr.prefix(2000), as: UTF8.self))")
        if let diff = OutputComparison.firstDifference(expected: expected, actual: result.stdout, label: "stdout") {
            Issue.record(Comment(rawValue: label + ": " + diff))
        }
        #expect(result.stderr.isEmpty, "\(label): unexpected stderr: \(String(decoding: result.stderr.prefix(2000), as: UTF8.self))")
    }

    /// Runs a command in a fresh directory holding DebianCase.files.
    static func run(_ argv: [String], environment: [String], stdin: String, timeout: Double) throws -> ProcessResult {
        let directory = try TestEnvironment.makeTemporaryDirectory()
        defer { TestEnvironment.removeTree(directory) }
        for (name, content) in DebianCase.files {
            try content.write(toFile: directory + "/" + name, atomically: false, encoding: .utf8)
        }
        return try ProcessRunner.run(ProcessRequest(argv: argv, environment: environment, stdin: Array(stdin.utf8),
                                                    workingDirectory: directory, timeoutSeconds: timeout))
    }
}
