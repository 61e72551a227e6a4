import Foundation

/// Wraps random programs into one static riscv64 ELF that runs each of them and prints its final
/// state, so that qemu-riscv64 (the oracle) and swift-qemu-riscv64 can run the very same bytes.
///
/// Layout (fixed addresses, the same as `RandomProgramMachine`'s): `.scratch` at 0x200e00 holds
/// the 1 KiB scratch area and, after it, a save area; `.seq` at 0x300000 starts with the dump
/// routine, then one page per program slot: a loader (saves the C callee-saved registers, loads
/// fcsr, f0-f31 and x1-x31 from the program's state table, sp = scratch + 512) at the page
/// start, the program at page + 0x800, and a `j seq_dump` where the in-process run has its
/// `ebreak`. The dump stores x1-x31, fcsr and f0-f31 through sp, restores the C context and
/// returns to `main`, which prints one line per program:
/// `S <slot> <x1>…<x31> <fcsr> <f0>…<f31> <scratch bytes in hex>`.
enum RandomProgramELF {
    static let compiler = "/usr/bin/riscv64-linux-gnu-gcc"
    static let qemu = "/usr/bin/qemu-riscv64"

    /// Why the oracle cannot run (nil when it can).
    static var unavailableReason: String? {
        if !FileManager.default.isExecutableFile(atPath: compiler) { return "riscv64-linux-gnu-gcc not installed: run scripts/install-deps" }
        if !FileManager.default.isExecutableFile(atPath: qemu) { return "qemu-riscv64 not installed: run scripts/install-deps" }
        return nil
    }

    /// The emulator under test: $SWIFT_QEMU_RANDOM_EMULATOR, else $SWIFT_QEMU_TEST_EMULATOR when it
    /// is a swift-qemu-riscv64 (scripts/test points it at the release build), else
    /// swift-qemu-riscv64 next to the test executable (.build*/<config>/).
    static let swiftQemu: String? = {
        let environment = ProcessInfo.processInfo.environment
        if let p = environment["SWIFT_QEMU_RANDOM_EMULATOR"], !p.isEmpty { return p }
        if let p = environment["SWIFT_QEMU_TEST_EMULATOR"], p.hasSuffix("/swift-qemu-riscv64") { return p }
        guard let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else { return nil }
        var dir = URL(fileURLWithPath: exe).deletingLastPathComponent()
        // The test runner may live inside a bundle directory (….xctest/…).
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("swift-qemu-riscv64").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir.deleteLastPathComponent()
        }
        return nil
    }()

    static let harnessC = """
        #include <stdint.h>
        #include <string.h>
        #include <unistd.h>
        extern unsigned char scratch_area[];
        extern const unsigned char seq_memory[];
        extern void (*const seq_entries[])(void);
        extern const long seq_count;
        extern const long seq_slots[];
        static const char digits[] = "0123456789abcdef";
        static char line[8192];
        static char *put64(char *p, uint64_t v) {
            *p++ = ' ';
            for (int i = 15; i >= 0; i--) { p[i] = digits[v & 15]; v >>= 4; }
            return p + 16;
        }
        int main(void) {
            for (long k = 0; k < seq_count; k++) {
                memcpy(scratch_area, seq_memory + k * 1024, 1024);
                seq_entries[k]();
                const uint64_t *save = (const uint64_t *)(scratch_area + 1024);
                char *p = line;
                *p++ = 'S';
                p = put64(p, (uint64_t)seq_slots[k]);
                for (int i = 1; i < 65; i++) p = put64(p, save[i]);
                *p++ = ' ';
                for (int i = 0; i < 1024; i++) { *p++ = digits[scratch_area[i] >> 4]; *p++ = digits[scratch_area[i] & 15]; }
                *p++ = '\\n';
                size_t n = p - line, done = 0;
                while (done < n) { ssize_t w = write(1, line + done, n - done); if (w <= 0) return 3; done += w; }
            }
            return 0;
        }
        """

    /// The assembly source for `programs` (each at its own slot's code address).
    static func assembly(_ programs: [RandomProgram]) -> String {
        var s = """
            .option norelax
            .section .scratch,"aw",@progbits
            .globl scratch_area
            scratch_area:
            .space \(RandomProgramLayout.scratchSize + 8 * 72)
            .data
            .balign 8
            saved_sp: .8byte 0
            .section .rodata
            .balign 8
            .globl seq_count
            seq_count: .8byte \(programs.count)
            .globl seq_entries
            seq_entries:

            """
        for k in programs.indices { s += "  .8byte run_\(k)\n" }
        s += ".globl seq_slots\nseq_slots:\n"
        for p in programs { s += "  .8byte \(RandomProgramLayout.slot(of: p.codeAddress))\n" }
        s += ".globl seq_memory\nseq_memory:\n"
        for p in programs {
            let m = p.initial
            for w in stride(from: 0, to: m.memory.count, by: 8) { s += "  .8byte \(hex(m.word(m.memory, w)))\n" }
        }
        for (k, p) in programs.enumerated() {
            s += "seq_state_\(k):\n"
            for i in 0..<32 { s += "  .8byte \(hex(p.initial.x[i]))\n" }
            s += "  .8byte \(hex(p.initial.fcsr))\n"
            for i in 0..<32 { s += "  .8byte \(hex(p.initial.f[i]))\n" }
        }
        s += ".section .seq,\"ax\",@progbits\nseq_dump:\n"
        let save = RandomProgramLayout.scratchSize / 2  // save area = sp + 512
        for i in 1..<32 { s += "  sd x\(i), \(save + 8 * i)(sp)\n" }
        s += "  frcsr t0\n  sd t0, \(save + 256)(sp)\n"
        for i in 0..<32 { s += "  fsd f\(i), \(save + 264 + 8 * i)(sp)\n" }
        s += "  lla t0, saved_sp\n  ld sp, 0(t0)\n"
        s += "  ld ra, 0(sp)\n  ld gp, 8(sp)\n  ld tp, 16(sp)\n"
        for i in 0..<12 { s += "  ld s\(i), \(24 + 8 * i)(sp)\n" }
        for i in 0..<12 { s += "  fld fs\(i), \(120 + 8 * i)(sp)\n" }
        s += "  addi sp, sp, 224\n  ret\n"
        for (k, p) in programs.enumerated() {
            let slotStart = p.codeAddress - RandomProgramLayout.slotCodeOffset - RandomProgramLayout.sequenceRegion
            s += "  .org \(hex(slotStart))\nrun_\(k):\n"
            s += "  addi sp, sp, -224\n  sd ra, 0(sp)\n  sd gp, 8(sp)\n  sd tp, 16(sp)\n"
            for i in 0..<12 { s += "  sd s\(i), \(24 + 8 * i)(sp)\n" }
            for i in 0..<12 { s += "  fsd fs\(i), \(120 + 8 * i)(sp)\n" }
            s += "  lla t0, saved_sp\n  sd sp, 0(t0)\n  lla t6, seq_state_\(k)\n"
            s += "  ld t0, 256(t6)\n  fscsr t0\n"
            for i in 0..<32 { s += "  fld f\(i), \(264 + 8 * i)(t6)\n" }
            for i in 1..<31 where i != 2 { s += "  ld x\(i), \(8 * i)(t6)\n" }
            s += "  lla sp, scratch_area\n  addi sp, sp, \(save)\n  ld x31, 248(t6)\n  j seq_\(k)\n"
            s += "  .org \(hex(slotStart + RandomProgramLayout.slotCodeOffset))\nseq_\(k):\n"
            for insn in p.instructions {
                s += insn.length == 2 ? "  .2byte 0x\(String(insn.bits & 0xffff, radix: 16))\n" : "  .4byte 0x\(String(insn.bits, radix: 16))\n"
            }
            s += "  j seq_dump\n"
        }
        return s
    }

    /// Builds the ELF for `programs` in `directory`; returns its path.
    static func build(_ programs: [RandomProgram], in directory: String) throws -> String {
        precondition(programs.count <= RandomProgramLayout.maxSlots)
        let fm = FileManager.default
        try harnessC.write(toFile: directory + "/harness.c", atomically: true, encoding: .utf8)
        try assembly(programs).write(toFile: directory + "/sequences.S", atomically: true, encoding: .utf8)
        let out = directory + "/random-programs"
        let result = try RandomProgramProcess.run(
            [compiler, "-O2", "-static", "-march=rv64gc", "-o", out, directory + "/harness.c", directory + "/sequences.S",
             "-Wl,--section-start=.scratch=\(hex(RandomProgramLayout.scratchBase))",
             "-Wl,--section-start=.seq=\(hex(RandomProgramLayout.sequenceRegion))"], timeout: 120)
        guard result.status == 0, fm.fileExists(atPath: out) else {
            throw RandomProgramError("building the random-program ELF failed:\n" + result.stderr)
        }
        return out
    }

    /// Parses the output of the ELF: one final state per program (nil where a line is missing).
    static func parse(_ stdout: String, programs: [RandomProgram]) -> [RandomMachineState?] {
        var bySlot: [Int: RandomMachineState] = [:]
        for line in stdout.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count == 67, fields[0] == "S", let slot = Int(fields[1], radix: 16) else { continue }
            var s = RandomMachineState()
            for i in 1..<32 { s.x[i] = UInt64(fields[1 + i], radix: 16) ?? 0 }
            s.fcsr = UInt64(fields[33], radix: 16) ?? 0
            for i in 0..<32 { s.f[i] = UInt64(fields[34 + i], radix: 16) ?? 0 }
            let bytes = Array(fields[66].utf8)
            guard bytes.count == 2 * RandomProgramLayout.scratchSize else { continue }
            for i in 0..<RandomProgramLayout.scratchSize {
                s.memory[i] = UInt8(String(decoding: bytes[(2 * i)..<(2 * i + 2)], as: UTF8.self), radix: 16) ?? 0
            }
            bySlot[slot] = s
        }
        return programs.map { p in
            guard var s = bySlot[RandomProgramLayout.slot(of: p.codeAddress)] else { return nil }
            s.pc = p.endAddress  // reaching the dump through the final jump is the pc check
            return s
        }
    }

    /// Runs the ELF under `argv + [elf]` and parses the states; the process result too, for messages.
    static func run(_ elf: String, under argv: [String], programs: [RandomProgram]) throws -> (states: [RandomMachineState?], result: RandomProgramProcess.Result) {
        let result = try RandomProgramProcess.run(argv + [elf], timeout: 120)
        return (parse(result.stdout, programs: programs), result)
    }
}

/// An error with a message, for failures of the test machinery itself.
struct RandomProgramError: Error, CustomStringConvertible {
    var description: String
    init(_ message: String) { description = message }
}

/// Runs a process with a time limit; stdout and stderr go through files (no pipe deadlocks).
enum RandomProgramProcess {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        /// "exit status 0" or "killed by signal 11".
        var termination: String
    }

    static func run(_ argv: [String], timeout: Int) throws -> Result {
        let dir = NSTemporaryDirectory() + "swift-qemu-random-\(getpid())-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = FileManager.default.createFile(atPath: dir + "/out", contents: nil)
        _ = FileManager.default.createFile(atPath: dir + "/err", contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
        process.arguments = ["-s", "KILL", String(timeout)] + argv
        process.environment = ["PATH": "/usr/bin:/bin", "LC_ALL": "C"]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle(forWritingAtPath: dir + "/out")
        process.standardError = FileHandle(forWritingAtPath: dir + "/err")
        try process.run()
        process.waitUntilExit()
        let out = (try? String(contentsOfFile: dir + "/out", encoding: .utf8)) ?? ""
        let err = (try? String(contentsOfFile: dir + "/err", encoding: .utf8)) ?? ""
        let status = process.terminationStatus
        let termination = process.terminationReason == .uncaughtSignal ? "killed by signal \(status)"
            : status == 137 ? "killed after the \(timeout) s time limit" : status > 128 ? "killed by signal \(status - 128)" : "exit status \(status)"
        return Result(status: status, stdout: out, stderr: err, termination: termination)
    }
}
