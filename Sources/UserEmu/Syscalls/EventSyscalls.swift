import Glibc

// Event descriptors: epoll, eventfd, timerfd, inotify, fanotify.
//
// struct epoll_event differs: the x86-64 kernel declares it packed (u32 events, u64 data:
// 12 bytes), the generic ABI does not (u32 events, 4 bytes padding, u64 data: 16 bytes), so
// epoll_ctl and epoll_pwait(2) convert. EPOLL* values, EFD_*, TFD_*, IN_*, FAN_* values and
// struct itimerspec (32), inotify_event (16 + name), fanotify_event_metadata (24) are the
// same (checked with a probe compiled by riscv64-linux-gnu-gcc and gcc).
//
// The temporary signal mask of epoll_pwait/epoll_pwait2 applies while the call waits, as for
// ppoll (see PollSyscalls.swift).

/// Sizes of struct epoll_event on each side.
enum EpollEventLayout {
    /// Generic (riscv64) size: u32 events, 4 bytes padding, u64 data.
    static let guestSize = 16
    /// x86-64 size: packed u32 events, u64 data.
    static let hostSize = 12
    /// EP_MAX_EVENTS: INT_MAX / sizeof(struct epoll_event) of the guest.
    static let maxEvents = Int(Int32.max) / guestSize
}

extension SyscallDispatcher {
    /// Guest `eventfd2` (19) -> host `eventfd2`.
    func sysEventfd2(_ a: SyscallArgs) -> Int64 {
        Int64(hostPassthrough(.eventfd2, Int(a.a0.uint32), Int(a.a1.int32)))
    }

    /// Guest `epoll_create1` (20) -> host `epoll_create1`.
    func sysEpollCreate1(_ a: SyscallArgs) -> Int64 {
        Int64(hostPassthrough(.epoll_create1, Int(a.a0.int32)))
    }

    /// Guest `epoll_ctl` (21: epfd, op, fd, event*) -> host `epoll_ctl` with the event
    /// repacked to 12 bytes (NULL stays NULL: EPOLL_CTL_DEL ignores it).
    func sysEpollCtl(_ a: SyscallArgs) -> Int64 {
        var packed = (UInt64(0), UInt32(0))
        return withUnsafeMutableBytes(of: &packed) { host -> Int64 in
            var pointer: UnsafeMutableRawPointer? = nil
            if a.a3 != 0 {
                guard let events = context.loadGuest(a.a3, as: UInt32.self),
                      let data = context.loadGuest(a.a3 + 8, as: UInt64.self) else { return fail(EFAULT) }
                Self.storeHostEpollEvent(host.baseAddress!, events: events, data: data)
                pointer = host.baseAddress!
            }
            return Int64(hostPassthrough(.epoll_ctl, Int(a.a0.int32), Int(a.a1.int32), Int(a.a2.int32), hostArg(pointer)))
        }
    }

    /// Guest `epoll_pwait` (22: epfd, events*, maxevents, timeout ms, sigmask*, sigsetsize) ->
    /// host `epoll_pwait` into a host array, then widened into the guest's. EINTR: to caller.
    func sysEpollPwait(_ a: SyscallArgs) -> Int64 {
        epollWait(a, timeout: nil)
    }

    /// Guest `epoll_pwait2` (441: like epoll_pwait with a timespec* timeout) -> host
    /// `epoll_pwait2`. EINTR: to caller.
    func sysEpollPwait2(_ a: SyscallArgs) -> Int64 {
        if a.a3 == 0 { return epollWait(a, timeout: .some(nil)) }
        guard let seconds = context.loadGuest(a.a3, as: Int64.self),
              let nanoseconds = context.loadGuest(a.a3 + 8, as: Int64.self) else { return fail(EFAULT) }
        return epollWait(a, timeout: .some((seconds, nanoseconds)))
    }

    /// Shared body: `timeout` nil means epoll_pwait (a3 = milliseconds), `.some(nil)` an
    /// epoll_pwait2 without timeout, `.some(t)` an epoll_pwait2 timespec.
    private func epollWait(_ a: SyscallArgs, timeout: (Int64, Int64)??) -> Int64 {
        let maxEvents = Int(a.a2.int32)
        guard maxEvents > 0, maxEvents <= EpollEventLayout.maxEvents else { return fail(EINVAL) }
        guard let out = context.guestPointer(a.a1, maxEvents * EpollEventLayout.guestSize, write: true) else { return fail(EFAULT) }
        var temporaryMask: UInt64?
        if a.a4 != 0 {
            guard a.a5 == 8 else { return fail(EINVAL) }
            guard let mask = context.loadGuest(a.a4, as: UInt64.self) else { return fail(EFAULT) }
            temporaryMask = mask
        }
        let hostBytes = maxEvents * EpollEventLayout.hostSize
        let host = UnsafeMutableRawPointer.allocate(byteCount: hostBytes, alignment: 8)
        defer { host.deallocate() }
        // Events already there come before a signal, as in the kernel (zero timeout, no mask).
        let eventsNow = { hostSyscall(.epoll_pwait, Int(a.a0.int32), hostArg(host), maxEvents, 0, 0, 8) }
        let result = withTemporarySignalMask(temporaryMask, readyFirst: eventsNow) { () -> Int in
            switch timeout {
            case .none:
                return hostPassthrough(.epoll_pwait, Int(a.a0.int32), hostArg(host), maxEvents, Int(a.a3.int32), 0, 8)
            case .some(.none):
                return hostPassthrough(.epoll_pwait2, Int(a.a0.int32), hostArg(host), maxEvents, 0, 0, 8)
            case .some(.some(let t)):
                var spec = t
                return withUnsafeBytes(of: &spec) {
                    hostPassthrough(.epoll_pwait2, Int(a.a0.int32), hostArg(host), maxEvents, hostArg($0.baseAddress), 0, 8)
                }
            }
        }
        if result > 0 { Self.widenEpollEvents(from: host, to: out, count: result) }
        return Int64(result)
    }

    /// Writes a packed x86-64 epoll_event.
    static func storeHostEpollEvent(_ host: UnsafeMutableRawPointer, events: UInt32, data: UInt64) {
        host.storeBytes(of: events, as: UInt32.self)
        host.storeBytes(of: data, toByteOffset: 4, as: UInt64.self)
    }

    /// Converts `count` packed host events into guest (16-byte) events.
    static func widenEpollEvents(from host: UnsafeRawPointer, to guest: UnsafeMutableRawPointer, count: Int) {
        for i in 0..<count {
            let events = host.loadUnaligned(fromByteOffset: i * EpollEventLayout.hostSize, as: UInt32.self)
            let data = host.loadUnaligned(fromByteOffset: i * EpollEventLayout.hostSize + 4, as: UInt64.self)
            let g = guest + i * EpollEventLayout.guestSize
            g.storeBytes(of: events.littleEndian, as: UInt32.self)
            g.storeBytes(of: UInt32(0), toByteOffset: 4, as: UInt32.self)
            g.storeBytes(of: data.littleEndian, toByteOffset: 8, as: UInt64.self)
        }
    }

    /// Guest `timerfd_create` (85) -> host `timerfd_create`.
    func sysTimerfdCreate(_ a: SyscallArgs) -> Int64 {
        Int64(hostPassthrough(.timerfd_create, Int(a.a0.int32), Int(a.a1.int32)))
    }

    /// Guest `timerfd_settime` (86: fd, flags, new*, old*) -> host; struct itimerspec is equal.
    func sysTimerfdSettime(_ a: SyscallArgs) -> Int64 {
        guard let new = context.guestPointer(a.a2, 32, write: false),
              let old = context.optionalGuestPointer(a.a3, 32, write: true) else { return fail(EFAULT) }
        return Int64(hostPassthrough(.timerfd_settime, Int(a.a0.int32), Int(a.a1.int32), hostArg(new), hostArg(old)))
    }

    /// Guest `timerfd_gettime` (87: fd, cur*) -> host `timerfd_gettime`.
    func sysTimerfdGettime(_ a: SyscallArgs) -> Int64 {
        guard let out = context.guestPointer(a.a1, 32, write: true) else { return fail(EFAULT) }
        return Int64(hostPassthrough(.timerfd_gettime, Int(a.a0.int32), hostArg(out)))
    }

    /// Guest `inotify_init1` (26) -> host `inotify_init1`.
    func sysInotifyInit1(_ a: SyscallArgs) -> Int64 {
        Int64(hostPassthrough(.inotify_init1, Int(a.a0.int32)))
    }

    /// Guest `inotify_add_watch` (27: fd, path, mask) -> host, path through the -L lookup.
    func sysInotifyAddWatch(_ a: SyscallArgs) -> Int64 {
        context.withHostPath(a.a1) { hostPassthrough(.inotify_add_watch, Int(a.a0.int32), hostArg($0), Int(a.a2.uint32)) }
    }

    /// Guest `inotify_rm_watch` (28: fd, wd) -> host `inotify_rm_watch`.
    func sysInotifyRmWatch(_ a: SyscallArgs) -> Int64 {
        Int64(hostPassthrough(.inotify_rm_watch, Int(a.a0.int32), Int(a.a1.int32)))
    }

    /// Guest `fanotify_init` (262: flags, event_f_flags) -> host `fanotify_init`.
    func sysFanotifyInit(_ a: SyscallArgs) -> Int64 {
        Int64(hostPassthrough(.fanotify_init, Int(a.a0.uint32), Int(a.a1.uint32)))
    }

    /// Guest `fanotify_mark` (263: fd, flags, u64 mask, dirfd, path or NULL) -> host.
    func sysFanotifyMark(_ a: SyscallArgs) -> Int64 {
        if a.a4 == 0 {
            return Int64(hostPassthrough(.fanotify_mark, Int(a.a0.int32), Int(a.a1.uint32), Int(bitPattern: UInt(a.a2)), Int(a.a3.int32), 0))
        }
        return context.withHostPath(a.a4) {
            hostPassthrough(.fanotify_mark, Int(a.a0.int32), Int(a.a1.uint32), Int(bitPattern: UInt(a.a2)), Int(a.a3.int32), hostArg($0))
        }
    }
}
