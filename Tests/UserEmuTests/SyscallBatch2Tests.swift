import Glibc
import SyscallTables
import Testing
import Translator
@testable import UserEmu

/// The second batch of syscalls (file space, copies, polling, scheduler, identity, prctl,
/// sockets, msync) driven through the dispatcher against a real GuestAddressSpace, and the
/// SIGBUS marker on file-mapping pages beyond the end of the file.
@Suite struct SyscallBatch2Tests: GuestSyscallHarness {
    static let scratch = GuestSyscallFixture.scratchAddress
    static let scratchSize = GuestSyscallFixture.scratchSize
    static let unmapped: UInt64 = 0x7000_0000
    static let page: UInt64 = 4096

    let space: GuestAddressSpace
    let context: GuestProcessContext
    let dispatcher: SyscallDispatcher

    init() throws {
        (space, context, dispatcher) = try GuestSyscallFixture.make(exePath: "/usr/bin/true")
    }

    func u64(_ address: UInt64) -> UInt64 {
        (space.read(address, count: 8) ?? []).reversed().reduce(0) { $0 << 8 | UInt64($1) }
    }

    func u32(_ address: UInt64) -> UInt32 {
        (space.read(address, count: 4) ?? []).reversed().reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// A fresh temporary file of `size` bytes, opened read/write; unlinked at once.
    func temporaryFile(size: Int) -> Int32 {
        var template = Array("/tmp/swift-qemu-batch2-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        #expect(fd >= 0)
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        #expect(ftruncate(fd, off_t(size)) == 0)
        return fd
    }

    func flags(_ address: UInt64) -> UInt8 { space.memory.pageFlags[Int(address >> 12)] }

    static let beyond = PagePermission.mapped | PagePermission.beyondEndOfFile
    static let readWrite = PagePermission.mapped | PagePermission.read | PagePermission.write

    // MARK: File mappings beyond the end of the file

    @Test func pagesBeyondTheEndOfTheFileAreMarkedAndStayMarked() {
        let fd = temporaryFile(size: 5000)  // two backed pages
        defer { close(fd) }
        let m = UInt64(space.map(address: 0, length: 4 * Self.page, protection: 3, flags: 0x01, fd: fd, offset: 0))
        #expect(flags(m) == Self.readWrite)
        #expect(flags(m + Self.page) == Self.readWrite)
        #expect(flags(m + 2 * Self.page) == Self.beyond)
        #expect(flags(m + 3 * Self.page) == Self.beyond)
        // Syscalls cannot use those pages either (-EFAULT, as the kernel gives).
        #expect(call(.write, 1, m + 2 * Self.page, 1) == -14)
        // mprotect never gives access back, but keeps the marker.
        #expect(space.protect(address: m, length: 4 * Self.page, protection: 1) == 0)
        #expect(flags(m) == PagePermission.mapped | PagePermission.read)
        #expect(flags(m + 2 * Self.page) == Self.beyond)
        #expect(space.protect(address: m, length: 4 * Self.page, protection: 3) == 0)
        #expect(flags(m + 3 * Self.page) == Self.beyond)
        #expect(flags(m + Self.page) == Self.readWrite)
        // Moving and growing keep the file offsets, so the marker follows.
        let r = UInt64(space.remap(oldAddress: m, oldLength: 4 * Self.page, newLength: 6 * Self.page, flags: 1, newAddress: 0))
        #expect(flags(r + Self.page) == Self.readWrite)
        #expect(flags(r + 2 * Self.page) == Self.beyond)
        #expect(flags(r + 5 * Self.page) == Self.beyond)
        // Anonymous memory mapped over a marked page clears the marker.
        #expect(space.map(address: r + 2 * Self.page, length: Self.page, protection: 3, flags: 0x32, fd: -1, offset: 0) == Int64(r + 2 * Self.page))
        #expect(flags(r + 2 * Self.page) == Self.readWrite)
        // munmap clears everything.
        #expect(space.unmap(address: r, length: 6 * Self.page) == 0)
        #expect(flags(r + 3 * Self.page) & ~PagePermission.translated == 0)
        // A mapping that starts beyond the end is marked from its first page.
        let o = UInt64(space.map(address: 0, length: Self.page, protection: 1, flags: 0x02, fd: fd, offset: Int64(2 * Self.page)))
        #expect(flags(o) == Self.beyond)
    }

    @Test func nonRegularFilesHaveNoEnd() {
        let fd = open("/dev/zero", O_RDONLY)
        defer { close(fd) }
        let m = UInt64(space.map(address: 0, length: 2 * Self.page, protection: 1, flags: 0x02, fd: fd, offset: 0))
        #expect(flags(m + Self.page) == PagePermission.mapped | PagePermission.read)
    }

    // MARK: File space and statistics

    @Test func ftruncateFallocateAndFstatfs() {
        let fd = temporaryFile(size: 0)
        defer { close(fd) }
        #expect(call(.ftruncate, UInt64(fd), 12345) == 0)
        var info = stat()
        fstat(fd, &info)
        #expect(info.st_size == 12345)
        #expect(call(.fallocate, UInt64(fd), 0, 0, 20000) == 0)
        fstat(fd, &info)
        #expect(info.st_size == 20000)
        #expect(call(.fsync, UInt64(fd)) == 0)
        #expect(call(.flock, UInt64(fd), 2 | 4) == 0)
        #expect(call(.fstatfs, UInt64(fd), Self.scratch) == 0)
        #expect(u64(Self.scratch + 8) > 0)  // f_bsize
        #expect(call(.fstatfs, UInt64(fd), Self.unmapped) == -14)
        putString("/", at: Self.scratch + 0x1000)
        #expect(call(.statfs, Self.scratch + 0x1000, Self.scratch) == 0)
        #expect(call(.statfs, Self.unmapped, Self.scratch) == -14)
    }

    @Test func msyncChecksTheRange() {
        #expect(call(.msync, Self.scratch, Self.page, 4) == 0)
        #expect(call(.msync, Self.scratch + 1, Self.page, 4) == -22)
        #expect(call(.msync, Self.scratch, Self.page, 1 | 4) == -22)
        #expect(call(.msync, Self.unmapped, Self.page, 4) == -12)
    }

    // MARK: Sockets

    @Test func socketpairSendmsgRecvmsgWithPassedDescriptor() {
        let base = Self.scratch
        #expect(call(.socketpair, 1, 1, 0, base) == 0)  // AF_UNIX, SOCK_STREAM
        let a = u32(base), b = u32(base + 4)
        defer { close(Int32(a)); close(Int32(b)) }
        // sendmsg: one iovec "hi!", SCM_RIGHTS carrying fd 1 (cmsghdr 16 bytes + int, padded to 24).
        putString("hi!", at: base + 0x100)
        put64(base + 0x200, base + 0x100); put64(base + 0x208, 3)              // iovec
        put64(base + 0x300, 20); put64(base + 0x308, 1 | (1 << 32)); put64(base + 0x310, 1)  // len, SOL_SOCKET, SCM_RIGHTS, fd 1
        let message = base + 0x400
        #expect(space.write(message, [UInt8](repeating: 0, count: 56)))
        put64(message + 16, base + 0x200); put64(message + 24, 1)
        put64(message + 32, base + 0x300); put64(message + 40, 24)
        #expect(call(.sendmsg, UInt64(a), message, 0) == 3)
        // recvmsg into fresh buffers.
        let received = base + 0x800
        #expect(space.write(received, [UInt8](repeating: 0, count: 56)))
        put64(base + 0x600, base + 0x700); put64(base + 0x608, 16)
        put64(received + 16, base + 0x600); put64(received + 24, 1)
        put64(received + 32, base + 0x900); put64(received + 40, 64)
        #expect(call(.recvmsg, UInt64(b), received, 0) == 3)
        #expect(space.read(base + 0x700, count: 3) == Array("hi!".utf8))
        #expect(u64(received + 40) == 24)          // msg_controllen written back
        #expect(u32(base + 0x90c) == 1)            // cmsg_type SCM_RIGHTS
        let passed = Int32(bitPattern: u32(base + 0x910))
        #expect(passed > 2)
        close(passed)
        #expect(call(.sendmsg, UInt64(a), Self.unmapped, 0) == -14)
    }

    @Test func socketAddressesAreChecked() {
        let fd = call(.socket, 2, 2, 0)  // AF_INET, SOCK_DGRAM
        #expect(fd >= 0)
        defer { close(Int32(fd)) }
        #expect(call(.bind, UInt64(fd), Self.unmapped, 16) == -14)
        #expect(call(.bind, UInt64(fd), Self.scratch, 200) == -22)
        // sockaddr_in 127.0.0.1:0
        #expect(space.write(Self.scratch, [2, 0, 0, 0, 127, 0, 0, 1] + [UInt8](repeating: 0, count: 8)))
        #expect(call(.bind, UInt64(fd), Self.scratch, 16) == 0)
        put64(Self.scratch + 0x100, 128)
        #expect(call(.getsockname, UInt64(fd), Self.scratch + 0x200, Self.scratch + 0x100) == 0)
        #expect(u32(Self.scratch + 0x100) == 16)
        #expect(space.read(Self.scratch + 0x204, count: 4) == [127, 0, 0, 1])
        #expect(call(.getsockname, UInt64(fd), Self.scratch + 0x200, Self.unmapped) == -14)
        put64(Self.scratch + 0x100, 4)
        #expect(call(.getsockopt, UInt64(fd), 1, 3, Self.scratch + 0x300, Self.scratch + 0x100) == 0)  // SO_TYPE
        #expect(u32(Self.scratch + 0x300) == 2)
    }

    // MARK: Polling

    @Test func ppollAndPselect6() {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        defer { close(fds[0]); close(fds[1]) }
        // struct pollfd {fd, events POLLOUT, revents} for the write end.
        #expect(space.write(Self.scratch, withUnsafeBytes(of: fds[1].littleEndian) { Array($0) } + [4, 0, 0, 0]))
        #expect(call(.ppoll, Self.scratch, 1, 0, 0, 0) == 1)
        #expect(space.read(Self.scratch + 6, count: 2) == [4, 0])
        put64(Self.scratch + 0x100, 0); put64(Self.scratch + 0x108, 1000)  // 1 µs timeout
        #expect(call(.ppoll, Self.scratch, 1, Self.scratch + 0x100, Self.scratch + 0x200, 4) == -22)
        #expect(call(.ppoll, Self.unmapped, 1, 0, 0, 0) == -14)
        // pselect6 on the read end: nothing to read, times out, remaining time written back.
        put64(Self.scratch + 0x300, UInt64(1) << UInt64(fds[0]))
        #expect(call(.pselect6, UInt64(fds[0] + 1), Self.scratch + 0x300, 0, 0, Self.scratch + 0x100, 0) == 0)
        #expect(u64(Self.scratch + 0x108) == 0)
        #expect(call(.pselect6, UInt64(fds[0] + 1), Self.unmapped, 0, 0, 0, 0) == -14)
    }

    /// A deferred signal (the host handler took it, then the guest blocked it before its
    /// delivery) is pending for the guest only. A wait whose temporary mask unblocks it ends at
    /// once: with -EINTR, leaving that mask and the saved one for the handler's frame, or with
    /// the count of descriptors already ready. A wait whose mask still blocks it runs (and
    /// times out).
    @Test func waitsEndAtOnceForADeferredSignalTheirMaskUnblocks() {
        let usr1: Int32 = 10
        let thread = dispatcher.thread
        let timeout = Self.scratch + 0x100, unblocking = Self.scratch + 0x200, blocking = Self.scratch + 0x208
        put64(unblocking, 0)
        put64(blocking, GuestSignal.bit(usr1))
        put64(Self.scratch + 0x300, unblocking); put64(Self.scratch + 0x308, 8)  // pselect6's {sigset*, size}
        func deferUsr1() {
            thread.blockedSignals = GuestSignal.bit(usr1)
            thread.suspendedMask = nil
            thread.deferredSignals = [QueuedGuestSignal(signal: usr1, info: [UInt8](repeating: 0, count: 128))]
            put64(timeout, 0); put64(timeout + 8, 50_000_000)  // 50 ms
        }
        defer { thread.deferredSignals = []; thread.blockedSignals = 0; thread.suspendedMask = nil; HostSignalMirror.setMask(0) }

        deferUsr1()
        #expect(call(.ppoll, Self.scratch, 0, timeout, blocking, 8) == 0)
        #expect(thread.blockedSignals == GuestSignal.bit(usr1) && thread.suspendedMask == nil)
        deferUsr1()
        #expect(call(.ppoll, Self.scratch, 0, timeout, unblocking, 8) == -Int64(EINTR))
        #expect(thread.blockedSignals == 0 && thread.suspendedMask == GuestSignal.bit(usr1))
        deferUsr1()
        #expect(call(.pselect6, 0, 0, 0, 0, timeout, Self.scratch + 0x300) == -Int64(EINTR))
        #expect(thread.blockedSignals == 0 && thread.suspendedMask == GuestSignal.bit(usr1))
        // Ready descriptors come first: the count, the previous mask, the signal still deferred.
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        defer { close(fds[0]); close(fds[1]) }
        #expect(Glibc.write(fds[1], "x", 1) == 1)
        #expect(space.write(Self.scratch + 0x400, withUnsafeBytes(of: fds[0].littleEndian) { Array($0) } + [1, 0, 0, 0]))
        deferUsr1()
        #expect(call(.ppoll, Self.scratch + 0x400, 1, timeout, unblocking, 8) == 1)
        #expect(thread.blockedSignals == GuestSignal.bit(usr1) && thread.suspendedMask == nil && thread.deferredSignals.count == 1)
        // rt_sigsuspend has no timeout: only once the others ended at once.
        deferUsr1()
        guard call(.ppoll, Self.scratch, 0, timeout, unblocking, 8) == -Int64(EINTR) else { return }
        deferUsr1()
        #expect(call(.rt_sigsuspend, unblocking, 8) == -Int64(EINTR))
        #expect(thread.deferredSignals.count == 1, "the CPU loop, not the call, delivers it")
    }

    // MARK: Process calls

    @Test func prctlNamesAndUnknownOptions() {
        var lines: [String] = []
        context.log = UnimpLog { lines.append($0) }
        context.logUnimplemented = true
        putString("batch2-test-thread-name", at: Self.scratch)
        #expect(call(.prctl, 15, Self.scratch) == 0)
        #expect(call(.prctl, 16, Self.scratch + 0x100) == 0)
        #expect(space.read(Self.scratch + 0x100, count: 16) == Array("batch2-test-thr".utf8) + [0])
        #expect(call(.prctl, 16, Self.unmapped) == -14)
        #expect(call(.prctl, 3) >= 0)
        #expect(call(.prctl, 9999) == -22)
        #expect(lines == ["Unsupported prctl: option=9999"])
        // Restore the test runner's thread name.
        putString("swift-test", at: Self.scratch)
        _ = call(.prctl, 15, Self.scratch)
    }

    @Test func schedulerIdentityAndTimes() {
        #expect(call(.personality, 0xffff_ffff) == 0)
        #expect(call(.times, Self.scratch) > 0)
        #expect(call(.times, Self.unmapped) == -14)
        #expect(call(.sched_getparam, 0, Self.scratch) == 0)
        #expect(call(.sched_getparam, 0, 0) == -22)
        #expect(call(.getgroups, 0, 0) >= 0)
        #expect(call(.getgroups, 0xffff_ffff, Self.scratch) == -22)
        #expect(call(.setresuid, 0xffff_ffff, 0xffff_ffff, 0xffff_ffff) == 0)
        // capget: v3 header, two data structs.
        put64(Self.scratch, 0x2008_0522)
        #expect(call(.capget, Self.scratch, Self.scratch + 0x100) == 0)
        put64(Self.scratch, 0x1234)
        #expect(call(.capget, Self.scratch, Self.scratch + 0x100) == -22)
        #expect(u32(Self.scratch) == 0x2008_0522)
    }
}
