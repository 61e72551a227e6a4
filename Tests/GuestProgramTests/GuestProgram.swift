import Foundation
import Glibc

/// One program of the corpus in Tests/guest, with the expectations written in its header as
/// `//! key: value` lines:
/// - `//! exit: 42`            the native oracle must exit with this status (default 0)
/// - `//! signal: SIGABRT`     the native oracle must die by this signal
/// - `//! stderr: ignore`      stderr is not compared (emulators may print a fatal-signal message)
/// - `//! pending: signals`    expected to fail until the named emulator feature lands (see PendingFeatures)
struct GuestProgram: CustomStringConvertible, Sendable {
    /// File name without extension; also the binary name in every build directory.
    var name: String
    /// Source file name (e.g. "int_arith.c").
    var source: String
    /// The termination the native build must show.
    var expectedTermination: Termination
    /// Whether stderr is compared.
    var compareStderr: Bool
    /// Emulator features this program needs that have not landed yet.
    var pendingFeatures: [String]

    var description: String { name }

    /// Every C and C++ source in Tests/guest, sorted by name.
    static let all: [GuestProgram] = {
        let dir = TestEnvironment.corpusDirectory
        let files = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        return files.filter { $0.hasSuffix(".c") || $0.hasSuffix(".cpp") }.sorted().map { file in
            let text = (try? String(contentsOfFile: dir + "/" + file, encoding: .utf8)) ?? ""
            return GuestProgram(source: file, header: text)
        }
    }()

    init(source: String, header: String) {
        self.source = source
        self.name = String(source[..<source.lastIndex(of: ".")!])
        expectedTermination = .exited(0)
        compareStderr = true
        pendingFeatures = []
        for line in header.split(separator: "\n").prefix(40) where line.hasPrefix("//! ") {
            let parts = line.dropFirst(4).split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2 else { continue }
            switch parts[0] {
            case "exit": expectedTermination = .exited(Int32(parts[1]) ?? -1)
            case "signal": expectedTermination = .signaled(GuestProgram.signalNumber(parts[1]))
            case "stderr": compareStderr = parts[1] != "ignore"
            case "pending": pendingFeatures.append(parts[1])
            default: break
            }
        }
    }

    private static func signalNumber(_ name: String) -> Int32 {
        switch name {
        case "SIGABRT": return SIGABRT
        case "SIGSEGV": return SIGSEGV
        case "SIGBUS": return SIGBUS
        case "SIGILL": return SIGILL
        case "SIGFPE": return SIGFPE
        case "SIGTRAP": return SIGTRAP
        case "SIGKILL": return SIGKILL
        case "SIGALRM": return SIGALRM
        case "SIGQUIT": return SIGQUIT
        case "SIGTERM": return SIGTERM
        default: return Int32(name) ?? -1
        }
    }
}

/// How a riscv64 build is linked, which decides the emulator command line.
enum Linkage: String, CaseIterable, Sendable, CustomStringConvertible {
    /// `riscv64-linux-gnu-gcc -static`: `swift-qemu-riscv64 prog args`.
    case staticLinked = "riscv64-static"
    /// Dynamically linked: `swift-qemu-riscv64 -L /usr/riscv64-linux-gnu prog args`.
    case dynamicLinked = "riscv64-dynamic"

    var description: String { rawValue }
}
