import Glibc

// sendmsg, recvmsg, sendmmsg, recvmmsg. struct msghdr is 56 bytes on riscv64 and x86-64
// (name @0, namelen u32 @8, iov @16, iovlen @24, control @32, controllen @40, flags @48) and
// struct mmsghdr adds msg_len (u32 @56, 64 bytes). A host copy of each header gets host
// pointers for the name, the iovecs (translated) and the control buffer. Control messages are
// passed through unchanged: struct cmsghdr (16 bytes), SCM_RIGHTS (int fds; host and guest fd
// numbers are equal), SCM_CREDENTIALS (struct ucred) and SO_TIMESTAMP (struct timeval) have
// the same layout on both. After a receive the kernel's msg_namelen, msg_controllen and
// msg_flags are copied back into the guest's header.

extension SyscallDispatcher {
    /// sizeof(struct msghdr) / sizeof(struct mmsghdr) on both sides.
    static let msghdrSize = 56, mmsghdrSize = 64

    /// Guest `sendmsg` (211) -> host `sendmsg`.
    func sysSendmsg(_ a: SyscallArgs) -> Int64 { oneMessage(a, receive: false) }

    /// Guest `recvmsg` (212) -> host `recvmsg`.
    func sysRecvmsg(_ a: SyscallArgs) -> Int64 { oneMessage(a, receive: true) }

    /// Guest `sendmmsg` (269) -> host `sendmmsg` (at most 1024 messages, like the kernel).
    func sysSendmmsg(_ a: SyscallArgs) -> Int64 { manyMessages(a, receive: false, timeout: nil) }

    /// Guest `recvmmsg` (243) -> host `recvmmsg`; the timeout (struct timespec, may be NULL)
    /// is updated in guest memory by the host kernel.
    func sysRecvmmsg(_ a: SyscallArgs) -> Int64 {
        guard let timeout = context.optionalGuestPointer(a.a4, 16, write: true) else { return fail(EFAULT) }
        return manyMessages(a, receive: true, timeout: timeout)
    }

    private func oneMessage(_ a: SyscallArgs, receive: Bool) -> Int64 {
        guard let guestIovCount = context.loadGuest(a.a1 + 24, as: UInt64.self) else { return fail(EFAULT) }
        guard guestIovCount <= UInt64(GuestProcessContext.maxIovecs) else { return fail(EMSGSIZE) }
        let iovCount = Int(guestIovCount)
        return withUnsafeTemporaryAllocation(byteCount: Self.msghdrSize + max(iovCount, 1) * 16, alignment: 8) { buffer in
            let header = buffer.baseAddress!
            let error = prepareMessage(a.a1, receive: receive, header: header, iovecs: header + Self.msghdrSize)
            if error != 0 { return fail(error) }
            let result = receive ? hostRecvmsg(a.a0.int32, header, a.a2.int32) : hostSendmsg(a.a0.int32, header, a.a2.int32)
            if receive, result >= 0 { copyBackReceived(header, to: a.a1) }
            return Int64(result)
        }
    }

    private func manyMessages(_ a: SyscallArgs, receive: Bool, timeout: UnsafeMutableRawPointer?) -> Int64 {
        let count = Int(min(a.a2.uint32, UInt32(GuestProcessContext.maxIovecs)))
        if count == 0 { return receive ? fail(EINVAL) : 0 }
        guard context.guestPointer(a.a1, count * Self.mmsghdrSize, write: true) != nil else { return fail(EFAULT) }
        // First pass: where each message's iovecs go in one host buffer.
        var iovStart = [Int](repeating: 0, count: count + 1)
        for i in 0..<count {
            guard let n = context.loadGuest(a.a1 + UInt64(i * Self.mmsghdrSize + 24), as: UInt64.self) else { return fail(EFAULT) }
            guard n <= UInt64(GuestProcessContext.maxIovecs) else { return fail(EMSGSIZE) }
            iovStart[i + 1] = iovStart[i] + Int(n)
        }
        let headersSize = count * Self.mmsghdrSize
        return withUnsafeTemporaryAllocation(byteCount: headersSize + max(iovStart[count], 1) * 16, alignment: 8) { buffer in
            let base = buffer.baseAddress!
            for i in 0..<count {
                let guestHeader = a.a1 + UInt64(i * Self.mmsghdrSize)
                let header = base + i * Self.mmsghdrSize
                header.storeBytes(of: UInt64(0), toByteOffset: 56, as: UInt64.self)
                let error = prepareMessage(guestHeader, receive: receive, header: header,
                                           iovecs: base + headersSize + iovStart[i] * 16)
                if error != 0 { return fail(error) }
            }
            let result = receive ? hostRecvmmsg(a.a0.int32, base, count, a.a3.int32, timeout)
                                 : hostSendmmsg(a.a0.int32, base, count, a.a3.int32)
            if result > 0 {
                for i in 0..<min(result, count) {
                    let guestHeader = a.a1 + UInt64(i * Self.mmsghdrSize)
                    let header = base + i * Self.mmsghdrSize
                    if receive { copyBackReceived(header, to: guestHeader) }
                    _ = context.storeGuest(guestHeader + 56, header.loadUnaligned(fromByteOffset: 56, as: UInt32.self))
                }
            }
            return Int64(result)
        }
    }

    /// Builds the host struct msghdr at `header` from the guest's at `address`, its iovecs at
    /// `iovecs`. Returns 0 or a positive errno, following the kernel's checks: a negative
    /// namelen is EINVAL and a larger one than 128 is clamped; more than 1024 iovecs is
    /// EMSGSIZE; a control length above INT_MAX is ENOBUFS; unreadable (receive: unwritable)
    /// memory is EFAULT.
    private func prepareMessage(_ address: UInt64, receive: Bool, header: UnsafeMutableRawPointer,
                                iovecs: UnsafeMutableRawPointer) -> Int32 {
        guard let guest = context.guestPointer(address, Self.msghdrSize, write: receive) else { return EFAULT }
        func field<T: FixedWidthInteger>(_ offset: Int, _ type: T.Type) -> T {
            T(littleEndian: guest.loadUnaligned(fromByteOffset: offset, as: T.self))
        }
        let name = field(0, UInt64.self), iov = field(16, UInt64.self), iovCount = field(24, UInt64.self)
        let control = field(32, UInt64.self), controlLength = field(40, UInt64.self), flags = field(48, Int32.self)
        var nameLength = name == 0 ? 0 : field(8, Int32.self)
        guard nameLength >= 0 else { return EINVAL }
        nameLength = min(nameLength, Int32(Self.sockaddrStorageSize))
        guard iovCount <= UInt64(GuestProcessContext.maxIovecs) else { return EMSGSIZE }
        guard controlLength <= UInt64(Int32.max) else { return ENOBUFS }
        var hostName: UnsafeMutableRawPointer? = nil
        if name != 0 {
            guard let p = context.guestPointer(name, Int(nameLength), write: receive) else { return EFAULT }
            hostName = p
        }
        var hostControl: UnsafeMutableRawPointer? = nil
        if control != 0 {
            guard let p = context.guestPointer(control, Int(controlLength), write: receive) else { return EFAULT }
            hostControl = p
        }
        let error = context.translateIovecs(iov, count: Int(iovCount), write: receive, into: iovecs)
        if error != 0 { return error }
        header.storeBytes(of: UInt64(UInt(bitPattern: hostName)), toByteOffset: 0, as: UInt64.self)
        header.storeBytes(of: UInt64(UInt32(bitPattern: nameLength)), toByteOffset: 8, as: UInt64.self)
        header.storeBytes(of: UInt64(UInt(bitPattern: iovecs)), toByteOffset: 16, as: UInt64.self)
        header.storeBytes(of: iovCount, toByteOffset: 24, as: UInt64.self)
        header.storeBytes(of: UInt64(UInt(bitPattern: hostControl)), toByteOffset: 32, as: UInt64.self)
        header.storeBytes(of: controlLength, toByteOffset: 40, as: UInt64.self)
        header.storeBytes(of: UInt64(UInt32(bitPattern: flags)), toByteOffset: 48, as: UInt64.self)
        return 0
    }

    /// Copies msg_namelen, msg_controllen and msg_flags of a received host header back to the
    /// guest's header (checked writable by `prepareMessage`).
    private func copyBackReceived(_ header: UnsafeMutableRawPointer, to address: UInt64) {
        _ = context.storeGuest(address + 8, header.loadUnaligned(fromByteOffset: 8, as: UInt32.self))
        _ = context.storeGuest(address + 40, header.loadUnaligned(fromByteOffset: 40, as: UInt64.self))
        _ = context.storeGuest(address + 48, header.loadUnaligned(fromByteOffset: 48, as: Int32.self))
    }
}
