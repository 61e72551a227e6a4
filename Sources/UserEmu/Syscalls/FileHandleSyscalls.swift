import Glibc

// Descriptor-producing and descriptor-range calls, file handles, vmsplice and POSIX message
// queues. struct open_how (3 × u64), struct file_handle (u32 bytes, i32 type, bytes),
// struct mq_attr (8 × long) and struct sigevent (64 bytes) are the same on riscv64 and
// x86-64; flags (MFD_*, CLOSE_RANGE_*, RESOLVE_*) too.

extension SyscallDispatcher {
    /// Guest `memfd_create` (279: name, flags) -> host `memfd_create`.
    func sysMemfdCreate(_ a: SyscallArgs) -> Int64 {
        guard let name = context.addressSpace.readCStringBytes(a.a0, limit: 250) else { return fail(EFAULT) }
        return Int64(withCString(name) { hostMemfdCreate($0, a.a1.uint32) })
    }

    /// Guest `memfd_secret` (447: flags) -> host `memfd_secret`; the descriptor maps into guest
    /// space through the ordinary mmap path.
    func sysMemfdSecret(_ a: SyscallArgs) -> Int64 {
        Int64(hostPassthrough(.memfd_secret, Int(a.a0.uint32)))
    }

    /// Guest `close_range` (436: first, last, flags) -> host `close_range`. The emulator keeps
    /// no descriptor of its own open while the guest runs except stdio it shares, an optional
    /// `-D` log file, which a guest closing everything would close too (as with close), and in
    /// a vfork child the vfork channel, which the range skips (glibc's posix_spawn with
    /// closefrom runs close_range(3, ~0U) in the child before its exec).
    func sysCloseRange(_ a: SyscallArgs) -> Int64 {
        let first = a.a0.uint32, last = a.a1.uint32, flags = Int(a.a2.uint32)
        let channel = context.process?.vforkReleaseDescriptor ?? -1
        guard channel >= 0, first <= last, (first...last).contains(UInt32(channel)) else {
            return Int64(hostPassthrough(.close_range, Int(first), Int(last), flags))
        }
        let skipped = UInt32(channel)
        var result = 0
        if first < skipped { result = hostPassthrough(.close_range, Int(first), Int(skipped - 1), flags) }
        if result == 0, skipped < last { result = hostPassthrough(.close_range, Int(skipped + 1), Int(last), flags) }
        return Int64(result)
    }

    /// Guest `openat2` (437: dirfd, path, how*, size) -> host `openat2`; the guest's open_how
    /// (size >= 24, at most a page) is copied as is, the path through the -L lookup.
    func sysOpenat2(_ a: SyscallArgs) -> Int64 {
        let size = a.a3.int
        guard size >= 24, size <= 4096 else { return fail(size < 24 ? EINVAL : E2BIG) }
        guard let how = context.guestPointer(a.a2, size, write: false) else { return fail(EFAULT) }
        if let path = context.readGuestPath(a.a1), let file = context.procFile(path) {
            return context.openProcFile(file, flags: Int32(truncatingIfNeeded: how.load(as: UInt64.self)))
        }
        return context.withHostPath(a.a1) { hostPassthrough(.openat2, Int(a.a0.int32), hostArg($0), hostArg(how), size) }
    }

    /// Guest `name_to_handle_at` (264: dirfd, path, handle*, mount_id*, flags) -> host; the
    /// handle's size is its handle_bytes field (at most MAX_HANDLE_SZ = 128) plus 8.
    func sysNameToHandleAt(_ a: SyscallArgs) -> Int64 {
        guard let bytes = context.loadGuest(a.a2, as: UInt32.self) else { return fail(EFAULT) }
        let size = 8 + Int(min(bytes, 128))
        guard let handle = context.guestPointer(a.a2, size, write: true),
              let mountID = context.guestPointer(a.a3, 4, write: true) else { return fail(EFAULT) }
        return context.withHostPath(a.a1) {
            hostPassthrough(.name_to_handle_at, Int(a.a0.int32), hostArg($0), hostArg(handle), hostArg(mountID), Int(a.a4.int32))
        }
    }

    /// Guest `open_by_handle_at` (265: mount_fd, handle*, flags) -> host.
    func sysOpenByHandleAt(_ a: SyscallArgs) -> Int64 {
        guard let bytes = context.loadGuest(a.a1, as: UInt32.self) else { return fail(EFAULT) }
        guard bytes <= 128 else { return fail(EINVAL) }
        guard let handle = context.guestPointer(a.a1, 8 + Int(bytes), write: false) else { return fail(EFAULT) }
        return Int64(hostPassthrough(.open_by_handle_at, Int(a.a0.int32), hostArg(handle), Int(a.a2.int32)))
    }

    /// Guest `vmsplice` (75: fd, iov*, nr_segs, flags) -> host `vmsplice` with host iovecs
    /// (readable buffers; a pipe-to-memory vmsplice needs them writable, checked by the host).
    func sysVmsplice(_ a: SyscallArgs) -> Int64 {
        let count = a.a2.int
        guard count >= 0, count <= GuestProcessContext.maxIovecs else { return fail(EINVAL) }
        return withUnsafeTemporaryAllocation(byteCount: max(count, 1) * 16, alignment: 8) { host in
            let error = context.translateIovecs(a.a1, count: count, write: false, into: host.baseAddress!)
            if error != 0 { return fail(error) }
            return Int64(hostPassthrough(.vmsplice, Int(a.a0.int32), hostArg(host.baseAddress), count, Int(a.a3.uint32)))
        }
    }

    // MARK: POSIX message queues (names live in the host's mqueue file system, not under -L)

    /// Guest `mq_open` (180: name, oflag, mode, attr*) -> host `mq_open`.
    func sysMqOpen(_ a: SyscallArgs) -> Int64 {
        guard let name = context.readGuestPath(a.a0),
              let attr = context.optionalGuestPointer(a.a3, 64, write: false) else { return fail(EFAULT) }
        return Int64(withCString(name) { hostPassthrough(.mq_open, hostArg($0), Int(a.a1.int32), Int(a.a2.uint32), hostArg(attr)) })
    }

    /// Guest `mq_unlink` (181: name) -> host `mq_unlink`.
    func sysMqUnlink(_ a: SyscallArgs) -> Int64 {
        guard let name = context.readGuestPath(a.a0) else { return fail(EFAULT) }
        return Int64(withCString(name) { hostPassthrough(.mq_unlink, hostArg($0)) })
    }

    /// Guest `mq_timedsend` (182: mqd, msg*, len, prio, abs_timeout*) -> host. EINTR: to caller.
    func sysMqTimedsend(_ a: SyscallArgs) -> Int64 {
        guard let message = context.guestPointer(a.a1, a.a2.int, write: false),
              let timeout = context.optionalGuestPointer(a.a4, 16, write: false) else { return fail(EFAULT) }
        return Int64(hostPassthrough(.mq_timedsend, Int(a.a0.int32), hostArg(message), a.a2.int, Int(a.a3.uint32), hostArg(timeout)))
    }

    /// Guest `mq_timedreceive` (183: mqd, msg*, len, prio*, abs_timeout*) -> host. EINTR: to caller.
    func sysMqTimedreceive(_ a: SyscallArgs) -> Int64 {
        guard let message = context.guestPointer(a.a1, a.a2.int, write: true),
              let priority = context.optionalGuestPointer(a.a3, 4, write: true),
              let timeout = context.optionalGuestPointer(a.a4, 16, write: false) else { return fail(EFAULT) }
        return Int64(hostPassthrough(.mq_timedreceive, Int(a.a0.int32), hostArg(message), a.a2.int, hostArg(priority), hostArg(timeout)))
    }

    /// Guest `mq_notify` (184: mqd, sigevent*) -> host `mq_notify`. SIGEV_SIGNAL delivery to a
    /// guest handler needs signal delivery; SIGEV_NONE and glibc's SIGEV_THREAD (a netlink
    /// socket) work.
    func sysMqNotify(_ a: SyscallArgs) -> Int64 {
        guard let event = context.optionalGuestPointer(a.a1, 64, write: false) else { return fail(EFAULT) }
        return Int64(hostPassthrough(.mq_notify, Int(a.a0.int32), hostArg(event)))
    }

    /// Guest `mq_getsetattr` (185: mqd, new*, old*) -> host `mq_getsetattr`.
    func sysMqGetsetattr(_ a: SyscallArgs) -> Int64 {
        guard let new = context.optionalGuestPointer(a.a1, 64, write: false),
              let old = context.optionalGuestPointer(a.a2, 64, write: true) else { return fail(EFAULT) }
        return Int64(hostPassthrough(.mq_getsetattr, Int(a.a0.int32), hostArg(new), hostArg(old)))
    }
}
