import Glibc
import SyscallTables
import Testing
import Translator
@testable import UserEmu

/// The syscall layer driven as the CPU loop drives it: a number and six raw arguments against a
/// real GuestAddressSpace, checking results, errnos and the bytes left in guest memory.
@Suite struct SyscallDispatcherTests: GuestSyscallHarness {
    /// A guest page of scratch memory (read/write) and an unmapped address.
    static let scratch = GuestSyscallFixture.scratchAddress
    static let scratchSize = GuestSyscallFixture.scratchSize
    static let unmapped: UInt64 = 0x7000_0000

    let space: GuestAddressSpace
    let context: GuestProcessContext
    let dispatcher: SyscallDispatcher

    init() throws {
        (space, context, dispatcher) = try GuestSyscallFixture.make(exePath: "/usr/bin/true")
    }

    func bytes(_ address: UInt64, _ count: Int) -> [UInt8] { space.read(address, count: count) ?? [] }

    func u64(_ address: UInt64) -> UInt64 {
        bytes(address, 8).reversed().reduce(0) { $0 << 8 | UInt64($1) }
    }

    // MARK: Unknown and unimplemented numbers

    @Test func unknownNumberIsENOSYSAndLogged() {
        var lines: [String] = []
        context.log = UnimpLog { lines.append($0) }
        context.logUnimplemented = true
        #expect(dispatcher.dispatch(number: 9999, args: SyscallArgs()) == .returned(-38))
        #expect(dispatcher.dispatch(number: RISCV64Syscall.bpf.rawValue, args: SyscallArgs()) == .returned(-38))
        #expect(lines == ["Unsupported syscall: 9999 (unknown)",
                          "Unsupported syscall: 280 (bpf): " + NotImplementedSyscalls.table[.bpf]!.reason])
    }

    @Test func exitAndExitGroup() {
        #expect(dispatcher.dispatch(number: 93, args: SyscallArgs(a0: 3)) == .exit(3))
        #expect(dispatcher.dispatch(number: 94, args: SyscallArgs(a0: 0xffff_ffff_0000_0105)) == .exitGroup(0x105))
    }

    // MARK: -EFAULT

    @Test func badPointersGiveEFAULT() {
        #expect(call(.write, 1, Self.unmapped, 10) == -14)
        #expect(call(.read, 0, Self.unmapped, 10) == -14)
        #expect(call(.clock_gettime, 0, Self.unmapped) == -14)
        #expect(call(.newfstatat, UInt64(bitPattern: -100), Self.unmapped, Self.scratch) == -14)
        #expect(call(.uname, Self.unmapped) == -14)
        // A buffer running off the end of the mapping.
        #expect(call(.getrandom, Self.scratch + Self.scratchSize - 4, 8) == -14)
        // A pointer outside the whole address space.
        #expect(call(.clock_gettime, 0, 1 << 40) == -14)
        // Zero-length transfers do not touch the buffer.
        #expect(call(.write, 1, Self.unmapped, 0) == 0)
    }

    // MARK: Files

    @Test func pipeWriteReadThroughGuestMemory() {
        #expect(call(.pipe2, Self.scratch, UInt64(O_CLOEXEC)) == 0)
        let fds = bytes(Self.scratch, 8)
        let readEnd = UInt64(fds[0]), writeEnd = UInt64(fds[4])
        putString("hello", at: Self.scratch + 64)
        #expect(call(.write, writeEnd, Self.scratch + 64, 5) == 5)
        #expect(call(.read, readEnd, Self.scratch + 128, 16) == 5)
        #expect(bytes(Self.scratch + 128, 5) == Array("hello".utf8))
        // writev with two guest iovecs.
        putString("ab", at: Self.scratch + 256)
        putString("cd", at: Self.scratch + 264)
        var iov: [UInt8] = []
        for (base, length) in [(Self.scratch + 256, UInt64(2)), (Self.scratch + 264, 2)] {
            iov += withUnsafeBytes(of: base.littleEndian, Array.init) + withUnsafeBytes(of: length.littleEndian, Array.init)
        }
        #expect(space.write(Self.scratch + 512, iov))
        #expect(call(.writev, writeEnd, Self.scratch + 512, 2) == 4)
        #expect(call(.read, readEnd, Self.scratch + 128, 16) == 4)
        #expect(bytes(Self.scratch + 128, 4) == Array("abcd".utf8))
        #expect(call(.close, readEnd) == 0)
        #expect(call(.close, writeEnd) == 0)
    }

    @Test func fcntlAndDup() {
        #expect(call(.pipe2, Self.scratch, 0) == 0)
        let fd = UInt64(bytes(Self.scratch, 1)[0]), other = UInt64(bytes(Self.scratch + 4, 1)[0])
        #expect(call(.fcntl, fd, UInt64(F_GETFD)) == 0)
        #expect(call(.fcntl, fd, UInt64(F_SETFD), UInt64(FD_CLOEXEC)) == 0)
        #expect(call(.fcntl, fd, UInt64(F_GETFD)) == Int64(FD_CLOEXEC))
        let copy = call(.fcntl, fd, 1030 /* F_DUPFD_CLOEXEC */, 100)
        #expect(copy >= 100)
        #expect(call(.dup3, fd, UInt64(copy), 0) == copy)
        #expect(call(.fcntl, fd, 0x7777) == -22)
        for f in [fd, other, UInt64(copy)] { _ = call(.close, f) }
    }

    @Test func procSelfExeReadlinkNamesTheGuestProgram() {
        let buffer = Self.scratch + 1024
        for path in ["/proc/self/exe", "/proc/\(getpid())/exe", "/proc/thread-self/exe"] {
            putString(path, at: Self.scratch)
            let n = call(.readlinkat, UInt64(bitPattern: -100), Self.scratch, buffer, 256)
            #expect(n == Int64("/usr/bin/true".utf8.count), "\(path)")
            #expect(bytes(buffer, Int(max(n, 0))) == Array("/usr/bin/true".utf8))
        }
        // Truncated to the buffer size, like the kernel (no NUL).
        putString("/proc/self/exe", at: Self.scratch)
        #expect(call(.readlinkat, UInt64(bitPattern: -100), Self.scratch, buffer, 4) == 4)
        // Other links go to the host.
        putString("/proc/self/cwd", at: Self.scratch)
        var cwd = [CChar](repeating: 0, count: 4096)
        getcwd(&cwd, 4096)
        let expected = String(decoding: cwd.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let n = call(.readlinkat, UInt64(bitPattern: -100), Self.scratch, buffer, 4096)
        #expect(bytes(buffer, Int(max(n, 0))) == Array(expected.utf8))
    }

    @Test func openingProcSelfExeOpensTheGuestProgram() {
        putString("/proc/self/exe", at: Self.scratch)
        let fd = call(.openat, UInt64(bitPattern: -100), Self.scratch, UInt64(O_RDONLY))
        #expect(fd >= 0)
        var opened = stat(), program = stat()
        fstat(Int32(fd), &opened)
        stat("/usr/bin/true", &program)
        #expect(opened.st_ino == program.st_ino)
        close(Int32(fd))
    }

    @Test func ldPrefixIsTriedFirstForAbsolutePaths() throws {
        var template = Array("/tmp/sysprefixXXXXXX".utf8CString)
        let prefix = String(cString: mkdtemp(&template)!)
        defer { _ = system_rm(prefix) }
        mkdir(prefix + "/etc", 0o755)
        let file = prefix + "/etc/only-in-prefix"
        close(open(file, O_CREAT | O_WRONLY, 0o644))
        context.ldPrefix = prefix
        #expect(context.hostPath(forGuestPath: Array("/etc/only-in-prefix".utf8)) == Array(file.utf8))
        #expect(context.hostPath(forGuestPath: Array("/etc/passwd".utf8)) == Array("/etc/passwd".utf8))
        #expect(context.hostPath(forGuestPath: Array("/proc/cpuinfo".utf8)) == Array("/proc/cpuinfo".utf8))
        #expect(context.hostPath(forGuestPath: Array("relative".utf8)) == Array("relative".utf8))
        putString("/etc/only-in-prefix", at: Self.scratch)
        #expect(call(.faccessat, UInt64(bitPattern: -100), Self.scratch, UInt64(F_OK)) == 0)
        context.ldPrefix = nil
        #expect(call(.faccessat, UInt64(bitPattern: -100), Self.scratch, UInt64(F_OK)) == -2)
    }

    // MARK: stat

    @Test func newfstatatConvertsTheHostStat() {
        putString("/usr/bin/true", at: Self.scratch)
        let out = Self.scratch + 512
        #expect(call(.newfstatat, UInt64(bitPattern: -100), Self.scratch, out, 0) == 0)
        var host = stat()
        stat("/usr/bin/true", &host)
        let guest = GuestStat(loadingFrom: space.hostPointer(out, count: 128, permission: PagePermission.read)!)
        #expect(guest == hostToGuestStat(host))
        #expect(u64(out + 8) == UInt64(host.st_ino))
        #expect(bytes(out + 16, 4) == withUnsafeBytes(of: UInt32(host.st_mode).littleEndian, Array.init))
        #expect(u64(out + 48) == UInt64(host.st_size))
        // fstat of the same file agrees.
        let fd = open("/usr/bin/true", O_RDONLY)
        #expect(call(.fstat, UInt64(fd), out + 1024) == 0)
        #expect(bytes(out, 128) == bytes(out + 1024, 128))
        close(fd)
    }

    @Test func statxIsCopiedThrough() {
        putString("/usr/bin/true", at: Self.scratch)
        let out = Self.scratch + 512
        #expect(call(.statx, UInt64(bitPattern: -100), Self.scratch, 0, 0x7ff, out) == 0)
        var host = stat()
        stat("/usr/bin/true", &host)
        #expect(u64(out + 0x20) == UInt64(host.st_ino))  // stx_ino
        #expect(u64(out + 0x28) == UInt64(host.st_size))  // stx_size
    }

    // MARK: Information, time, identity

    @Test func unameReportsTheGuestMachine() {
        #expect(call(.uname, Self.scratch) == 0)
        let machine = bytes(Self.scratch + 4 * 65, 65)
        #expect(Array(machine.prefix(8)) == Array("riscv64".utf8) + [0])
        #expect(bytes(Self.scratch, 6) == Array("Linux".utf8) + [0])
    }

    @Test func clockAndIdentity() {
        #expect(call(.clock_gettime, 1, Self.scratch) == 0)
        #expect(u64(Self.scratch) > 0 || u64(Self.scratch + 8) > 0)
        #expect(call(.clock_getres, 1, 0) == 0)
        #expect(call(.getpid) == Int64(getpid()))
        #expect(call(.set_tid_address, Self.scratch) == call(.gettid))
        #expect(dispatcher.thread.clearChildTid == Self.scratch)
        #expect(call(.set_robust_list, Self.scratch, 24) == 0)
        #expect(call(.set_robust_list, Self.scratch, 23) == -22)
        #expect(call(.getresuid, Self.scratch, Self.scratch + 4, Self.scratch + 8) == 0)
        #expect(bytes(Self.scratch, 4) == withUnsafeBytes(of: getuid().littleEndian, Array.init))
        #expect(call(.getrandom, Self.scratch, 64, 0) == 64)
        // pid 1 is never a child of the test process (wait4(-1) would reap other tests' children).
        #expect(call(.wait4, 1, 0, 0, 0) == -10)
    }

    @Test func rlimitsRoundTrip() {
        #expect(call(.getrlimit, 7 /* RLIMIT_NOFILE */, Self.scratch) == 0)
        var host = rlimit()
        getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &host)
        #expect(u64(Self.scratch) == UInt64(host.rlim_cur))
        #expect(call(.prlimit64, 0, 7, 0, Self.scratch + 16) == 0)
        #expect(u64(Self.scratch + 16) == UInt64(host.rlim_cur))
    }

    // MARK: Signals

    @Test func sigactionRecordsAndReturnsOldValues() {
        let act = Self.scratch, old = Self.scratch + 64
        #expect(space.write(act, withUnsafeBytes(of: (UInt64(0x1234).littleEndian, UInt64(4).littleEndian, UInt64(0x100 | 0x2).littleEndian), Array.init)))
        #expect(call(.rt_sigaction, 10, act, 0, 8) == 0)
        #expect(call(.rt_sigaction, 10, 0, old, 8) == 0)
        #expect(u64(old) == 0x1234)
        #expect(u64(old + 8) == 4)
        #expect(u64(old + 16) == 0x2)  // SIGKILL's bit dropped from the mask
        #expect(call(.rt_sigaction, 9, act, 0, 8) == -22)
        #expect(call(.rt_sigaction, 10, act, 0, 16) == -22)
        #expect(call(.rt_sigaction, 10, Self.unmapped, 0, 8) == -14)

        #expect(space.write(act, withUnsafeBytes(of: UInt64(0b1010).littleEndian, Array.init)))
        #expect(call(.rt_sigprocmask, 0 /* SIG_BLOCK */, act, 0, 8) == 0)
        #expect(call(.rt_sigprocmask, 1 /* SIG_UNBLOCK */, 0, old, 8) == 0)
        #expect(u64(old) == 0b1010)
        #expect(call(.rt_sigprocmask, 7, act, 0, 8) == -22)
    }

    // MARK: riscv64

    @Test func hwprobeReportsRV64GCWithBitmanip() {
        let keys: [Int64] = [3, 4, 5, 0, 99]
        var raw: [UInt8] = []
        for key in keys { raw += withUnsafeBytes(of: key.littleEndian, Array.init) + [UInt8](repeating: 0xAA, count: 8) }
        #expect(space.write(Self.scratch, raw))
        #expect(call(.riscv_hwprobe, Self.scratch, UInt64(keys.count), 0, 0, 0) == 0)
        #expect(u64(Self.scratch + 8) == 1)          // BASE_BEHAVIOR: IMA
        #expect(u64(Self.scratch + 24) == 0b111011)  // IMA_FD | IMA_C | ZBA | ZBB | ZBS
        #expect(u64(Self.scratch + 64) == UInt64(bitPattern: -1))  // unknown key
        #expect(u64(Self.scratch + 72) == 0)
        #expect(call(.riscv_hwprobe, Self.scratch, 1, 0, 0, 1) == -22)
    }

    @Test func flushIcacheInvalidatesEverything() {
        var ranges: [(UInt64, UInt64)] = []
        context.invalidateCode = { ranges.append(($0, $1)) }
        #expect(call(.riscv_flush_icache, 0, 0x1000, 0) == 0)
        #expect(ranges.count == 1 && ranges[0] == (0, UInt64.max))
    }

    // MARK: ioctl

    @Test func unknownIoctlIsENOTTYAndLogged() {
        var lines: [String] = []
        context.log = UnimpLog { lines.append($0) }
        context.logUnimplemented = true
        #expect(call(.ioctl, 0, 0x1234, 0) == -25)
        #expect(lines == ["Unsupported ioctl: cmd=0x1234"])
        // TCGETS on a pipe: the host says ENOTTY too, through the real path.
        #expect(call(.pipe2, Self.scratch, 0) == 0)
        let fd = UInt64(bytes(Self.scratch, 1)[0])
        #expect(call(.ioctl, fd, 0x5401, Self.scratch + 64) == -25)
        #expect(call(.ioctl, fd, 0x541B /* FIONREAD */, Self.scratch + 64) == 0)
        _ = call(.close, fd)
        _ = call(.close, UInt64(bytes(Self.scratch + 4, 1)[0]))
    }
}

/// Removes a directory tree made by a test.
private func system_rm(_ path: String) -> Int32 {
    guard let dir = opendir(path) else { return unlink(path) }
    while let entry = readdir(dir) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.baseAddress!.assumingMemoryBound(to: CChar.self)) }
        if name == "." || name == ".." { continue }
        _ = system_rm(path + "/" + name)
    }
    closedir(dir)
    return rmdir(path)
}
