import Glibc
import SyscallTables
import Testing
@testable import UserEmu

/// The /proc emulation: which paths are generated, the maps/smaps/stat/status/cpuinfo text, the
/// initial-stack scan, and opening through the dispatcher (a memfd with the content).
@Suite struct ProcFileTests {
    static let pid = 1234

    func classify(_ path: String) -> ProcFile? {
        ProcFile.classify(Array(path.utf8), pid: Self.pid) { $0 == Self.pid || $0 == 1240 }
    }

    @Test func classifiesOwnPathsOnly() {
        #expect(classify("/proc/self/maps") == .maps)
        #expect(classify("/proc/thread-self/auxv") == .auxv)
        #expect(classify("/proc/1234/cmdline") == .cmdline)
        #expect(classify("/proc/1234/task/1240/comm") == .comm)
        #expect(classify("/proc/self/task/1234/status") == .status)
        #expect(classify("/proc//self//smaps") == .smaps)
        #expect(classify("/proc/cpuinfo") == .cpuinfo)
        #expect(classify("/proc/1/maps") == nil)
        #expect(classify("/proc/1234/task/99/maps") == nil)
        #expect(classify("/proc/self/exe") == nil)
        #expect(classify("/proc/self/fd/3") == nil)
        #expect(classify("/proc/meminfo") == nil)
        #expect(classify("/etc/passwd") == nil)
    }

    @Test func mapsLineFormat() {
        var file = GuestMapping(start: 0x10000, end: 0x12000, protection: 5, flags: 0x02, offset: 0x1000, path: "/usr/bin/prog",
                                device: 0xfe00, inode: 42, kind: .file, origin: 1)
        let line = ProcMaps.line(file)
        #expect(line == "00010000-00012000 r-xp 00001000 fe:00 42" + String(repeating: " ", count: 33) + "/usr/bin/prog")
        #expect(line.firstIndex(of: "/").map { line.distance(from: line.startIndex, to: $0) } == 73)
        file.kind = .stack; file.protection = 3; file.path = nil; file.device = 0; file.inode = 0; file.offset = 0
        file.start = 0x3fff7ff000; file.end = 0x3ffffff000
        #expect(ProcMaps.line(file).hasSuffix(" [stack]"))
        #expect(ProcMaps.line(file).hasPrefix("3fff7ff000-3ffffff000 rw-p 00000000 00:00 0 "))
        file.kind = .anonymous
        #expect(ProcMaps.line(file) == "3fff7ff000-3ffffff000 rw-p 00000000 00:00 0 ")
        file.flags = 0x01
        #expect(ProcMaps.line(file).hasPrefix("3fff7ff000-3ffffff000 rw-s"))
        let smaps = ProcMaps.smaps([file]) { _ in 3 }
        #expect(smaps.contains("\nSize:               8192 kB\n"))
        #expect(smaps.contains("\nRss:                  12 kB\n"))
        #expect(smaps.contains("\nKernelPageSize:        4 kB\n"))
        #expect(smaps.hasSuffix("VmFlags: rd wr sh mr mw me ms ac \n"))
    }

    @Test func deviceNumbers() {
        #expect(ProcMaps.deviceNumbers(0xfe01) == (0xfe, 0x01))
        #expect(ProcMaps.deviceNumbers(0x10305) == (0x103, 0x05))
        #expect(ProcMaps.deviceNumbers(0x1234_5678) == (0x456, 0x12378))
    }

    @Test func cpuinfoFormat() {
        let text = ProcCpuinfo.text(cpus: 2)
        #expect(text.hasPrefix("processor\t: 0\nhart\t\t: 0\nisa\t\t: rv64imafdc_zicsr_zifencei_zba_zbb_zbs\nmmu\t\t: sv39\n"))
        #expect(text.contains("\n\nprocessor\t: 1\nhart\t\t: 1\n"))
        #expect(text.hasSuffix("mimpid\t\t: 0x0\n\n"))
    }

    static let guest = ProcStatus.Guest(
        name: Array("prog".utf8), virtualSize: 0x200000, stackSize: 0x8000, dataSize: 0x4000,
        startCode: 0x10000, endCode: 0x11000, startStack: 0x3ffffff000, startData: 0x12000, endData: 0x13000,
        startBreak: 0x14000, argStart: 0x3fffffe000, argEnd: 0x3fffffe010, envStart: 0x3fffffe010, envEnd: 0x3fffffe100)

    @Test func statRewrite() {
        let fields = (3...52).map { String($0) }.joined(separator: " ")
        let host = "77 (swift-qemu-ris) " + fields + "\n"
        let text = ProcStatus.stat(host: host, guest: Self.guest)
        let parts = text.split(separator: " ")
        #expect(text.hasPrefix("77 (prog) 3 4 "))
        #expect(text.hasSuffix("\n"))
        #expect(parts[22] == "2097152")       // vsize (field 23)
        #expect(parts[25] == "65536")         // startcode
        #expect(parts[26] == "69632")         // endcode
        #expect(parts[28] == "0" && parts[29] == "0")
        #expect(parts[47] == String(0x3fffffe000))  // arg_start (field 48)
        #expect(parts[51].hasPrefix("52"))    // exit_code untouched
    }

    @Test func statusRewrite() {
        let host = "Name:\tswift-qemu-ris\nUmask:\t0022\nVmPeak:\t  999999 kB\nVmSize:\t  999999 kB\nVmRSS:\t    1234 kB\nVmData:\t 1 kB\nVmStk:\t 1 kB\nVmExe:\t 1 kB\n"
        let text = ProcStatus.status(host: host, guest: Self.guest)
        #expect(text.hasPrefix("Name:\tprog\nUmask:\t0022\nVmPeak:\t    2048 kB\nVmSize:\t    2048 kB\nVmRSS:\t    1234 kB\n"))
        #expect(text.contains("VmData:\t      16 kB\nVmStk:\t      32 kB\nVmExe:\t       4 kB\n"))
        #expect(ProcStatus.escapedName(Array("a\nb\\".utf8)) == "a\\nb\\\\")
    }

    /// A guest stack laid out like the loader's: argc, argv, NULL, envp, NULL, auxv, strings.
    @Test func initialStackScan() throws {
        let space = try GuestAddressSpace(size: 1 << 32)
        let top: UInt64 = 0x8000_0000, base = top - 0x10000
        #expect(space.map(address: base, length: 0x10000, protection: 3, flags: 0x22 | 0x10, fd: -1, offset: 0) == Int64(base))
        space.markStack(address: base, length: 0x10000)
        let strings = top - 0x100
        let arg0 = strings, arg1 = strings + 5, env0 = strings + 9
        #expect(space.write(strings, Array("prog\0-x\0\0HOME=/\0".utf8)))
        let words: [UInt64] = [2, arg0, arg1, 0, env0, 0, 6, 4096, 9, 0x10400, 0, 0]
        let sp = top - 0x400
        for (i, w) in words.enumerated() { #expect(space.write(sp + UInt64(i * 8), withUnsafeBytes(of: w.littleEndian) { Array($0) })) }
        let scanned = try #require(ProcInitialStack.scan(space))
        #expect(scanned.auxv.count == 48)
        #expect(scanned.argStart == arg0 && scanned.argEnd == arg1 + 3)
        #expect(scanned.envStart == env0 && scanned.envEnd == env0 + 7)
        let context = GuestProcessContext(addressSpace: space, exePath: "/bin/prog", argv: ["prog", "-x"])
        #expect(context.procContent(.cmdline) == Array("prog\0-x\0".utf8))
        #expect(context.procContent(.environ) == Array("HOME=/\0".utf8))
        #expect(context.procContent(.auxv) == scanned.auxv)
        #expect(context.procContent(.comm) == Array("prog\n".utf8))
    }

    /// openat of /proc/self/maps goes to a memfd holding the generated text.
    @Test func openThroughDispatcher() throws {
        let space = try GuestAddressSpace(size: 1 << 32)
        #expect(space.map(address: 0x100000, length: 0x4000, protection: 3, flags: 0x22 | 0x10, fd: -1, offset: 0) == 0x100000)
        let context = GuestProcessContext(addressSpace: space, exePath: "/bin/prog", argv: ["prog"])
        let dispatcher = SyscallDispatcher(context: context)
        #expect(space.write(0x100000, Array("/proc/self/maps\0".utf8)))
        guard case .returned(let fd) = dispatcher.dispatch(number: RISCV64Syscall.openat.rawValue,
                                                          args: SyscallArgs(a0: UInt64(bitPattern: -100), a1: 0x100000, a2: UInt64(O_RDONLY)))
        else { Issue.record("no result"); return }
        #expect(fd >= 0)
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = read(Int32(fd), &buffer, 4096)
        close(Int32(fd))
        let text = String(decoding: buffer[0..<max(n, 0)], as: UTF8.self)
        #expect(text == "00100000-00104000 rw-p 00000000 00:00 0 \n")
        // The program's comm follows prctl(PR_SET_NAME).
        context.commName = Array("renamed".utf8)
        #expect(context.procContent(.comm) == Array("renamed\n".utf8))
    }
}
