import Glibc
import SyscallTables
import Testing
@testable import UserEmu

/// Batch 3 of the syscall table through the dispatcher: the conversions (epoll_event, semid64_ds),
/// shmat inside the guest address space, AIO context ids, protection keys, memory ranges.
@Suite struct SyscallTableConversionTests: GuestSyscallHarness {
    let space: GuestAddressSpace
    let context: GuestProcessContext
    let dispatcher: SyscallDispatcher
    static let scratch = GuestSyscallFixture.scratchAddress

    init() throws {
        (space, context, dispatcher) = try GuestSyscallFixture.make(exePath: "/bin/true")
    }

    func bytes<T>(_ value: T) -> [UInt8] { withUnsafeBytes(of: value) { Array($0) } }

    @Test func epollEventsAreRepacked() {
        let epfd = call(.epoll_create1, 0)
        #expect(epfd >= 0)
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        defer { close(fds[0]); close(fds[1]); close(Int32(epfd)) }
        // Guest event: u32 events, 4 bytes padding, u64 data.
        #expect(space.write(Self.scratch, bytes(UInt32(1)) + [0xaa, 0xaa, 0xaa, 0xaa] + bytes(UInt64(0x1122_3344_5566_7788))))
        #expect(call(.epoll_ctl, UInt64(epfd), 1, UInt64(fds[0]), Self.scratch) == 0)
        #expect(write(fds[1], "x", 1) == 1)
        #expect(call(.epoll_pwait, UInt64(epfd), Self.scratch + 0x100, 4, 0, 0, 8) == 1)
        #expect(space.read(Self.scratch + 0x100, count: 16) == bytes(UInt32(1)) + [0, 0, 0, 0] + bytes(UInt64(0x1122_3344_5566_7788)))
        #expect(call(.epoll_pwait, UInt64(epfd), Self.scratch + 0x100, 0, 0) == -Int64(EINVAL))
        #expect(call(.epoll_pwait, UInt64(epfd), 0x7000_0000, 4, 0) == -Int64(EFAULT))
        #expect(call(.epoll_ctl, UInt64(epfd), 2, UInt64(fds[0]), 0) == 0)
    }

    @Test func semidConversionRoundTrips() {
        var host = [UInt8](repeating: 0, count: SysVIPC.hostSemidSize)
        for i in 0..<48 { host[i] = UInt8(i) }
        host.replaceSubrange(48..<56, with: bytes(UInt64(111)))
        host.replaceSubrange(64..<72, with: bytes(UInt64(222)))
        host.replaceSubrange(80..<88, with: bytes(UInt64(3)))
        var guest = [UInt8](repeating: 0xff, count: SysVIPC.guestSemidSize)
        host.withUnsafeBytes { h in guest.withUnsafeMutableBytes { SyscallDispatcher.hostToGuestSemid(h.baseAddress!, $0.baseAddress!) } }
        #expect(Array(guest[0..<48]) == Array(host[0..<48]))
        #expect(Array(guest[48..<56]) == bytes(UInt64(111)))
        #expect(Array(guest[56..<64]) == bytes(UInt64(222)))
        #expect(Array(guest[64..<72]) == bytes(UInt64(3)))
        #expect(Array(guest[72..<88]) == [UInt8](repeating: 0, count: 16))
        var back = [UInt8](repeating: 0xff, count: SysVIPC.hostSemidSize)
        guest.withUnsafeBytes { g in back.withUnsafeMutableBytes { SyscallDispatcher.guestToHostSemid(g.baseAddress!, $0.baseAddress!) } }
        #expect(back == host)
    }

    @Test func shmatMapsInsideTheGuestSpace() {
        let id = call(.shmget, 0, 8192, UInt64(IPC_CREAT | 0o600))
        #expect(id >= 0)
        defer { _ = call(.shmctl, UInt64(id), 0, 0) }
        let address = call(.shmat, UInt64(id), 0, 0)
        #expect(address > 0 && UInt64(address) < space.memory.size)
        let mapping = space.mapping(containing: UInt64(address))
        #expect(mapping?.length == 8192)
        #expect(mapping?.path?.hasPrefix("/SYSV00000000 (deleted)") == true)
        #expect(mapping?.isShared == true)
        #expect(space.write(UInt64(address), Array("shm".utf8)))
        // A second, read-only attach at a chosen address sees the same bytes.
        let fixed: UInt64 = 0x20_0000
        #expect(call(.shmat, UInt64(id), fixed, UInt64(SysVIPC.shmRdonly)) == Int64(fixed))
        #expect(space.read(fixed, count: 3) == Array("shm".utf8))
        #expect(!space.isAccessible(fixed, count: 1, permission: 2))
        // Taken address without SHM_REMAP; unaligned without SHM_RND.
        #expect(call(.shmat, UInt64(id), fixed, 0) == -Int64(EINVAL))
        #expect(call(.shmat, UInt64(id), fixed + 1, 0) == -Int64(EINVAL))
        #expect(call(.shmat, UInt64(id), fixed + 1, UInt64(SysVIPC.shmRnd | SysVIPC.shmRemap)) == Int64(fixed))
        #expect(call(.shmdt, fixed) == 0)
        #expect(call(.shmdt, fixed) == -Int64(EINVAL))
        #expect(space.mapping(containing: fixed) == nil)
        #expect(call(.shmdt, UInt64(address)) == 0)
    }

    @Test func aioContextIsAGuestZeroPage() {
        #expect(call(.io_setup, 4, Self.scratch) == 0)
        let id = space.read(Self.scratch, count: 8).map { $0.reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) } } ?? 0
        #expect(id != 0 && id < space.memory.size)
        #expect(space.read(id, count: 4) == [0, 0, 0, 0])  // no AIO_RING_MAGIC: libaio takes the syscall
        #expect(call(.io_setup, 4, Self.scratch) == -Int64(EINVAL))  // *ctxp must be 0
        #expect(call(.io_getevents, id, 0, 1, Self.scratch + 64, 0) >= 0)
        #expect(call(.io_destroy, id) == 0)
        #expect(call(.io_destroy, id) == -Int64(EINVAL))
    }

    @Test func protectionKeysAreAbsent() {
        #expect(call(.pkey_alloc, 0, 0) == -Int64(ENOSPC))
        #expect(call(.pkey_free, 1) == -Int64(EINVAL))
        #expect(call(.pkey_mprotect, Self.scratch, 4096, 1, 5) == -Int64(EINVAL))
        #expect(call(.pkey_mprotect, Self.scratch, 4096, 1, UInt64(bitPattern: -1)) == 0)
    }

    @Test func memoryRangesMustBeMapped() {
        #expect(call(.mlock, Self.scratch, 4096) == 0)
        #expect(call(.munlock, Self.scratch, 4096) == 0)
        #expect(call(.mlock, 0x7000_0000, 4096) == -Int64(ENOMEM))
        #expect(call(.mincore, Self.scratch + 1, 4096, Self.scratch + 0x1000) == -Int64(EINVAL))
        #expect(call(.mincore, Self.scratch, 0x8000, Self.scratch + 0x1000) == -Int64(ENOMEM))
        #expect(call(.process_vm_readv, 1, Self.scratch, 1, Self.scratch, 1, 0) == -Int64(EPERM))
    }

    @Test func batch3Ioctls() {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        defer { close(fds[0]); close(fds[1]) }
        #expect(call(.ioctl, UInt64(fds[0]), 0x5451) == 0)  // FIOCLEX
        #expect(fcntl(fds[0], F_GETFD) == FD_CLOEXEC)
        #expect(call(.ioctl, UInt64(fds[0]), 0x5450) == 0)  // FIONCLEX
        #expect(fcntl(fds[0], F_GETFD) == 0)
        #expect(call(.ioctl, UInt64(fds[0]), 0x80086601, Self.scratch) == -Int64(ENOTTY))  // FS_IOC_GETFLAGS on a pipe
        #expect(call(.ioctl, UInt64(fds[0]), 0xdead) == -Int64(ENOTTY))
    }
}
