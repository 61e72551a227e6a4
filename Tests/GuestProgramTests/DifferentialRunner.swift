import Foundation

/// The comparison of scripts/differential in Swift: several runs of one program (the default
/// backend, `-interp`, qemu-riscv64) and the first divergence between any pair of them.
enum DifferentialRunner {
    /// Debian's qemu-user, the oracle (never needed at run time, only by tests).
    static let qemu = "/usr/bin/qemu-riscv64"

    /// Whether the oracle is installed.
    static var qemuAvailable: Bool { FileManager.default.isExecutableFile(atPath: qemu) }

    /// Programs on which qemu-riscv64 is known to be wrong, with the reason
    /// (Tests/regressions/differential-qemu-differs.txt, shared with scripts/differential).
    static let qemuDiffers: [String: String] = {
        let path = TestEnvironment.repositoryRoot + "/Tests/regressions/differential-qemu-differs.txt"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [:] }
        var list: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: " ", maxSplits: 1)
            if let name = parts.first { list[String(name)] = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : "" }
        }
        return list
    }()

    /// One labelled run.
    struct Run {
        var label: String
        var result: ProcessResult
    }

    /// Nil when every pair agrees on termination, stdout and (if `compareStderr`) stderr;
    /// otherwise the first divergence, naming the pair.
    static func firstDivergence(_ runs: [Run], compareStderr: Bool) -> String? {
        for x in runs.indices {
            for y in runs.indices where y > x {
                let a = runs[x], b = runs[y]
                let pair = "\(a.label) vs \(b.label)"
                if a.result.timedOut || b.result.timedOut {
                    return "\(pair): timed out (\(a.label): \(a.result.timedOut), \(b.label): \(b.result.timedOut))"
                }
                if a.result.termination != b.result.termination {
                    return "\(pair): \(a.result.termination) / \(b.result.termination)"
                        + stderrHint(a) + stderrHint(b)
                }
                if let diff = OutputComparison.firstDifference(expected: a.result.stdout, actual: b.result.stdout, label: "stdout") {
                    return "\(pair): " + diff
                }
                if compareStderr,
                   let diff = OutputComparison.firstDifference(expected: a.result.stderr, actual: b.result.stderr, label: "stderr") {
                    return "\(pair): " + diff
                }
            }
        }
        return nil
    }

    private static func stderrHint(_ run: Run) -> String {
        run.result.stderr.isEmpty ? "" : "\n  \(run.label) stderr: " + String(decoding: run.result.stderr.prefix(500), as: UTF8.self)
    }
}
