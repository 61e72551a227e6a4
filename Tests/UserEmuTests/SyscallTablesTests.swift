import Foundation
import SyscallTables
import Testing

/// The generated tables in SyscallTables: up to date, and spot-checked against the kernel ABI.
@Suite struct SyscallTablesTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func generatedFilesAreUpToDate() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.repositoryRoot.appendingPathComponent("codegen/gen_syscalls.py").path, "--check"]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "run `python3 codegen/gen_syscalls.py` and commit the result")
    }

    @Test(arguments: [
        (RISCV64Syscall.openat, 56), (.read, 63), (.write, 64), (.exit_group, 94), (.clock_gettime, 113),
        (.mmap, 222), (.riscv_hwprobe, 258), (.riscv_flush_icache, 259), (.newfstatat, 79), (.fstat, 80),
        (.fcntl, 25), (.lseek, 62), (.getrlimit, 163), (.clone3, 435), (.faccessat2, 439), (.statx, 291),
    ])
    func riscv64Numbers(call: RISCV64Syscall, number: Int) {
        #expect(call.rawValue == number)
        #expect("\(RISCV64Syscall.name(of: number)!)" == "\(call)")
    }

    @Test func namesOfUnknownNumbers() {
        #expect(RISCV64Syscall.name(of: 9999) == nil)
        #expect(RISCV64Syscall.name(of: -1) == nil)
        // 32-bit-only and legacy names must not appear on riscv64.
        let names = Set(RISCV64Syscall.allCases.map { "\($0)" })
        for absent in ["fcntl64", "fstatat64", "mmap2", "llseek", "open", "stat", "renameat", "dup2"] {
            #expect(!names.contains(absent), "\(absent)")
        }
    }

    @Test func hostNumbers() {
        #expect(X86_64Syscall.read.rawValue == 0)
        #expect(X86_64Syscall.openat.rawValue == 257)
        #expect(X86_64Syscall.newfstatat.rawValue == 262)
        #expect(X86_64Syscall.statx.rawValue == 332)
    }

    /// Guest errno values are passed to the guest unchanged: this holds because the x86-64
    /// host's errno numbers (from the host's own asm-generic headers) equal the generic table.
    @Test func genericErrnoEqualsHostErrno() throws {
        var host: [String: Int32] = [:]
        for file in ["/usr/include/asm-generic/errno-base.h", "/usr/include/asm-generic/errno.h"] {
            let text = try String(contentsOfFile: file, encoding: .utf8)
            for line in text.split(separator: "\n") {
                let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
                if words.count >= 3, words[0] == "#define", let value = Int32(words[2]) {
                    host[String(words[1])] = value
                }
            }
        }
        #expect(host.count == GenericErrno.all.count)
        for (name, value) in GenericErrno.all {
            #expect(host["\(name)"] == value, "\(name)")
        }
        #expect(GenericErrno.ENOSYS == 38)
        #expect(GenericErrno.EFAULT == 14)
        #expect(GenericErrno.EWOULDBLOCK == GenericErrno.EAGAIN)
        #expect("\(GenericErrno.name(of: 2)!)" == "ENOENT")
    }
}
