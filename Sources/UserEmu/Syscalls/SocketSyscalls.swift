import Glibc

// BSD sockets for every address family. Checked against the cross headers (riscv64-linux-gnu)
// and the host's: struct sockaddr_un (110), sockaddr_in (16), sockaddr_in6 (28),
// sockaddr_storage (128), struct linger, struct ucred, struct timeval, and the values of
// AF_*, SOCK_* (SOCK_NONBLOCK 0o4000, SOCK_CLOEXEC 0o2000000), SOL_SOCKET (1), SO_*, MSG_*,
// SCM_* and IPPROTO_* are the same on riscv64 and x86-64 (both use asm-generic/socket.h), so
// addresses and option values pass through; only guest pointers are checked and translated.
// The message calls (sendmsg, recvmsg, sendmmsg, recvmmsg) are in SocketMessageSyscalls.swift.

extension SyscallDispatcher {
    /// sizeof(struct sockaddr_storage): the most address bytes the kernel reads or writes.
    static let sockaddrStorageSize = 128

    /// Guest `socket` (198) -> host `socket`.
    func sysSocket(_ a: SyscallArgs) -> Int64 {
        Int64(hostSocket(a.a0.int32, a.a1.int32, a.a2.int32))
    }

    /// Guest `socketpair` (199) -> host `socketpair`; the two descriptors are written as two
    /// guest ints (checked first, so no descriptor leaks on -EFAULT).
    func sysSocketpair(_ a: SyscallArgs) -> Int64 {
        guard let out = context.guestPointer(a.a3, 8, write: true) else { return fail(EFAULT) }
        var fds: (Int32, Int32) = (-1, -1)
        let result = withUnsafeMutableBytes(of: &fds) { hostSocketpair(a.a0.int32, a.a1.int32, a.a2.int32, $0.baseAddress!) }
        guard result == 0 else { return Int64(result) }
        out.storeBytes(of: fds.0.littleEndian, as: Int32.self)
        out.storeBytes(of: fds.1.littleEndian, toByteOffset: 4, as: Int32.self)
        return 0
    }

    /// Guest `bind` (200) -> host `bind` (the address is read in place).
    func sysBind(_ a: SyscallArgs) -> Int64 {
        switch inputAddress(a.a1, length: a.a2) {
        case .failure(let error): return fail(error.errno)
        case .success(let address): return Int64(hostBind(a.a0.int32, address, a.a2.uint32))
        }
    }

    /// Guest `connect` (203) -> host `connect`.
    func sysConnect(_ a: SyscallArgs) -> Int64 {
        switch inputAddress(a.a1, length: a.a2) {
        case .failure(let error): return fail(error.errno)
        case .success(let address): return Int64(hostConnect(a.a0.int32, address, a.a2.uint32))
        }
    }

    /// Guest `listen` (201) -> host `listen`.
    func sysListen(_ a: SyscallArgs) -> Int64 { Int64(hostListen(a.a0.int32, a.a1.int32)) }

    /// Guest `accept` (202) -> host `accept4` with no flags.
    func sysAccept(_ a: SyscallArgs) -> Int64 {
        sysAccept4(SyscallArgs(a0: a.a0, a1: a.a1, a2: a.a2, a3: 0))
    }

    /// Guest `accept4` (242) -> host `accept4`; the peer address is optional (NULL: the length
    /// pointer is not touched, as in the kernel).
    func sysAccept4(_ a: SyscallArgs) -> Int64 {
        if a.a1 == 0 { return Int64(hostAccept4(a.a0.int32, nil, nil, a.a3.int32)) }
        switch outputAddress(a.a1, lengthPointer: a.a2) {
        case .failure(let error): return fail(error.errno)
        case .success(let out): return Int64(hostAccept4(a.a0.int32, out.address, out.length, a.a3.int32))
        }
    }

    /// Guest `getsockname` (204) -> host `getsockname`.
    func sysGetsockname(_ a: SyscallArgs) -> Int64 {
        switch outputAddress(a.a1, lengthPointer: a.a2) {
        case .failure(let error): return fail(error.errno)
        case .success(let out): return Int64(hostGetsockname(a.a0.int32, out.address, out.length))
        }
    }

    /// Guest `getpeername` (205) -> host `getpeername`.
    func sysGetpeername(_ a: SyscallArgs) -> Int64 {
        switch outputAddress(a.a1, lengthPointer: a.a2) {
        case .failure(let error): return fail(error.errno)
        case .success(let out): return Int64(hostGetpeername(a.a0.int32, out.address, out.length))
        }
    }

    /// Guest `sendto` (206) -> host `sendto`; the destination address may be NULL.
    func sysSendto(_ a: SyscallArgs) -> Int64 {
        let count = a.a2.int
        guard let buffer = context.guestPointer(a.a1, count, write: false) else { return fail(EFAULT) }
        if a.a4 == 0 { return Int64(hostSendto(a.a0.int32, buffer, count, a.a3.int32, nil, 0)) }
        switch inputAddress(a.a4, length: a.a5) {
        case .failure(let error): return fail(error.errno)
        case .success(let address): return Int64(hostSendto(a.a0.int32, buffer, count, a.a3.int32, address, a.a5.uint32))
        }
    }

    /// Guest `recvfrom` (207) -> host `recvfrom`; the source address may be NULL.
    func sysRecvfrom(_ a: SyscallArgs) -> Int64 {
        let count = a.a2.int
        guard let buffer = context.guestPointer(a.a1, count, write: true) else { return fail(EFAULT) }
        if a.a4 == 0 { return Int64(hostRecvfrom(a.a0.int32, buffer, count, a.a3.int32, nil, nil)) }
        switch outputAddress(a.a4, lengthPointer: a.a5) {
        case .failure(let error): return fail(error.errno)
        case .success(let out):
            return Int64(hostRecvfrom(a.a0.int32, buffer, count, a.a3.int32, out.address, out.length))
        }
    }

    /// Guest `setsockopt` (208) -> host `setsockopt`. Option values are read in place; the
    /// classic BPF programs of SO_ATTACH_FILTER (26) and SO_ATTACH_REUSEPORT_CBPF (51) hold a
    /// guest pointer, which is translated.
    func sysSetsockopt(_ a: SyscallArgs) -> Int64 {
        let length = a.a4.int32
        guard length >= 0 else { return fail(EINVAL) }
        if a.a1.int32 == 1 /* SOL_SOCKET */, a.a2.int32 == 26 || a.a2.int32 == 51 {
            return attachFilter(a)
        }
        guard let value = context.guestPointer(a.a3, Int(length), write: false) else { return fail(EFAULT) }
        return Int64(hostSetsockopt(a.a0.int32, a.a1.int32, a.a2.int32, value, UInt32(length)))
    }

    /// SO_ATTACH_FILTER / SO_ATTACH_REUSEPORT_CBPF: struct sock_fprog {u16 len; u64 filter @8}
    /// (16 bytes on both), the filter being len 8-byte struct sock_filter entries.
    private func attachFilter(_ a: SyscallArgs) -> Int64 {
        guard a.a4 == 16 else { return fail(EINVAL) }
        guard let count = context.loadGuest(a.a3, as: UInt16.self),
              let filter = context.loadGuest(a.a3 + 8, as: UInt64.self) else { return fail(EFAULT) }
        guard let program = context.guestPointer(filter, Int(count) * 8, write: false) else { return fail(EFAULT) }
        var fprog: (UInt64, UInt64) = (UInt64(count), UInt64(UInt(bitPattern: program)))
        return Int64(withUnsafeBytes(of: &fprog) {
            hostSetsockopt(a.a0.int32, a.a1.int32, a.a2.int32, $0.baseAddress!, 16)
        })
    }

    /// Guest `getsockopt` (209) -> host `getsockopt`; *optlen (u32) is read and written back,
    /// and the whole value buffer of that length must be writable.
    func sysGetsockopt(_ a: SyscallArgs) -> Int64 {
        guard let lengthPointer = context.guestPointer(a.a4, 4, write: true) else { return fail(EFAULT) }
        let length = Int32(littleEndian: lengthPointer.loadUnaligned(as: Int32.self))
        guard length >= 0 else { return fail(EINVAL) }
        guard let value = context.guestPointer(a.a3, Int(length), write: true) else { return fail(EFAULT) }
        return Int64(hostGetsockopt(a.a0.int32, a.a1.int32, a.a2.int32, value, lengthPointer))
    }

    /// Guest `shutdown` (210) -> host `shutdown`.
    func sysShutdown(_ a: SyscallArgs) -> Int64 { Int64(hostShutdown(a.a0.int32, a.a1.int32)) }

    // MARK: - Address arguments

    /// An errno as a failure value.
    struct SocketError: Error {
        /// Positive errno.
        var errno: Int32
    }

    /// A guest socket address the kernel reads: length in [0, 128] (else EINVAL, as the
    /// kernel's move_addr_to_kernel), all of it readable (else EFAULT).
    func inputAddress(_ address: UInt64, length: UInt64) -> Result<UnsafeMutableRawPointer, SocketError> {
        let count = length.int32
        guard count >= 0, Int(count) <= Self.sockaddrStorageSize else { return .failure(SocketError(errno: EINVAL)) }
        guard let p = context.guestPointer(address, Int(count), write: false) else { return .failure(SocketError(errno: EFAULT)) }
        return .success(p)
    }

    /// A guest socket address the kernel writes, with its in/out u32 length: the length must be
    /// readable and writable and not negative; the kernel writes at most min(length, 128)
    /// address bytes, which must be writable.
    func outputAddress(_ address: UInt64, lengthPointer: UInt64)
        -> Result<(address: UnsafeMutableRawPointer?, length: UnsafeMutableRawPointer), SocketError> {
        guard let lengthHost = context.guestPointer(lengthPointer, 4, write: true) else { return .failure(SocketError(errno: EFAULT)) }
        let length = Int32(littleEndian: lengthHost.loadUnaligned(as: Int32.self))
        guard length >= 0 else { return .failure(SocketError(errno: EINVAL)) }
        if address == 0 { return .success((nil, lengthHost)) }
        let count = min(Int(length), Self.sockaddrStorageSize)
        guard let p = context.guestPointer(address, count, write: true) else { return .failure(SocketError(errno: EFAULT)) }
        return .success((p, lengthHost))
    }
}
