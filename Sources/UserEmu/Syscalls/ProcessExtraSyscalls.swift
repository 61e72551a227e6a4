import Glibc

// More of the process model that needs no threads or signal delivery: waitid,
// get_robust_list, sched_setattr/getattr, pidfds, process_madvise/mrelease, kcmp, ioprio,
// futex_waitv. siginfo for SIGCHLD (pid @16, uid @20, status @24, utime @32, stime @40),
// struct sched_attr (size-versioned, 48+ bytes), struct futex_waitv (24), kcmp_epoll_slot (12)
// are equal on riscv64 and x86-64.

extension SyscallDispatcher {
    /// Guest `waitid` (95: which, id, infop*, options, rusage*) -> host `waitid`. EINTR: to caller.
    func sysWaitid(_ a: SyscallArgs) -> Int64 {
        guard let info = context.optionalGuestPointer(a.a2, 128, write: true),
              let usage = context.optionalGuestPointer(a.a4, 144, write: true) else { return fail(EFAULT) }
        return Int64(hostPassthrough(.waitid, Int(a.a0.int32), Int(a.a1.int32), hostArg(info), Int(a.a3.int32), hostArg(usage)))
    }

    /// Guest `get_robust_list` (100: pid, head**, len*): the calling thread's recorded list (the
    /// emulator keeps it; the host kernel never sees guest robust lists). Another thread of this
    /// process has the same recorded values today (one guest thread); other pids: -EPERM.
    func sysGetRobustList(_ a: SyscallArgs) -> Int64 {
        let pid = a.a0.int32
        guard pid == 0 || Int(pid) == hostGettid() else {
            return fail(hostPassthrough(.kill, Int(pid), 0) == 0 ? EPERM : ESRCH)
        }
        guard context.storeGuest(a.a1, thread.robustListHead),
              context.storeGuest(a.a2, thread.robustListLength == 0 ? 24 : thread.robustListLength) else { return fail(EFAULT) }
        return 0
    }

    /// Guest `sched_setattr` (274: pid, attr*, flags) -> host; attr->size (0 = 48) bytes are read.
    func sysSchedSetattr(_ a: SyscallArgs) -> Int64 {
        guard let size = context.loadGuest(a.a1, as: UInt32.self) else { return fail(EFAULT) }
        let length = size == 0 ? 48 : Int(size)
        guard length >= 48, length <= 4096 else { return fail(E2BIG) }
        guard let attr = context.guestPointer(a.a1, length, write: false) else { return fail(EFAULT) }
        return Int64(hostPassthrough(.sched_setattr, Int(a.a0.int32), hostArg(attr), Int(a.a2.uint32)))
    }

    /// Guest `sched_getattr` (275: pid, attr*, size, flags) -> host.
    func sysSchedGetattr(_ a: SyscallArgs) -> Int64 {
        guard a.a2 >= 48, a.a2 <= 4096 else { return fail(EINVAL) }
        guard let attr = context.guestPointer(a.a1, a.a2.int, write: true) else { return fail(EFAULT) }
        return Int64(hostPassthrough(.sched_getattr, Int(a.a0.int32), hostArg(attr), Int(a.a2.uint32), Int(a.a3.uint32)))
    }

    /// Guest `pidfd_open` (434: pid, flags) -> host `pidfd_open`.
    func sysPidfdOpen(_ a: SyscallArgs) -> Int64 {
        Int64(hostPassthrough(.pidfd_open, Int(a.a0.int32), Int(a.a1.uint32)))
    }

    /// Guest `pidfd_getfd` (438: pidfd, targetfd, flags) -> host `pidfd_getfd`.
    func sysPidfdGetfd(_ a: SyscallArgs) -> Int64 {
        Int64(hostPassthrough(.pidfd_getfd, Int(a.a0.int32), Int(a.a1.int32), Int(a.a2.uint32)))
    }

    /// The pid a pidfd refers to (the `Pid:` line of /proc/self/fdinfo/<fd>), nil when unknown.
    func pidOfPidfd(_ fd: Int32) -> Int? {
        guard let text = readHostFile("/proc/self/fdinfo/\(fd)") else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("Pid:") {
            return Int(line.dropFirst(4).trimmingCharacters())
        }
        return nil
    }

    /// Guest `process_madvise` (440: pidfd, iovec*, vlen, advice, flags): for a pidfd of this
    /// process the iovecs are guest ranges and are translated; another process's addresses are
    /// in its own guest space, unknown here: -EPERM (see process_vm_readv).
    func sysProcessMadvise(_ a: SyscallArgs) -> Int64 {
        let count = a.a2.int
        guard count >= 0, count <= GuestProcessContext.maxIovecs else { return fail(EINVAL) }
        guard let pid = pidOfPidfd(a.a0.int32) else { return fail(EBADF) }
        guard pid == hostGetpid() else { return fail(EPERM) }
        return withUnsafeTemporaryAllocation(byteCount: max(count, 1) * 16, alignment: 8) { host in
            let error = context.translateIovecs(a.a1, count: count, write: false, into: host.baseAddress!)
            if error != 0 { return fail(error == EFAULT ? ENOMEM : error) }
            return Int64(hostPassthrough(.process_madvise, Int(a.a0.int32), hostArg(host.baseAddress), count, Int(a.a3.int32), Int(a.a4.uint32)))
        }
    }

    /// Guest `process_mrelease` (448: pidfd, flags) -> host.
    func sysProcessMrelease(_ a: SyscallArgs) -> Int64 {
        Int64(hostPassthrough(.process_mrelease, Int(a.a0.int32), Int(a.a1.uint32)))
    }

    /// Guest `kcmp` (272: pid1, pid2, type, idx1, idx2) -> host; KCMP_EPOLL_TFD (7) passes a
    /// struct kcmp_epoll_slot pointer in idx2. KCMP_VM compares host mms, which is the same
    /// question for guests that are host processes.
    func sysKcmp(_ a: SyscallArgs) -> Int64 {
        var second = Int(bitPattern: UInt(a.a4))
        if a.a2.int32 == 7 {
            guard let slot = context.guestPointer(a.a4, 12, write: false) else { return fail(EFAULT) }
            second = hostArg(slot)
        }
        return Int64(hostPassthrough(.kcmp, Int(a.a0.int32), Int(a.a1.int32), Int(a.a2.int32), Int(bitPattern: UInt(a.a3)), second))
    }

    /// Guest `ioprio_set` (30: which, who, ioprio) -> host.
    func sysIoprioSet(_ a: SyscallArgs) -> Int64 {
        Int64(hostPassthrough(.ioprio_set, Int(a.a0.int32), Int(a.a1.int32), Int(a.a2.int32)))
    }

    /// Guest `ioprio_get` (31: which, who) -> host.
    func sysIoprioGet(_ a: SyscallArgs) -> Int64 {
        Int64(hostPassthrough(.ioprio_get, Int(a.a0.int32), Int(a.a1.int32)))
    }

    /// Guest `futex_waitv` (449: waiters*, nr, flags, timeout*, clockid) -> host with a host
    /// copy of the waiters whose uaddr fields are translated (each word must be readable).
    func sysFutexWaitv(_ a: SyscallArgs) -> Int64 {
        let count = a.a1.int
        guard count > 0, count <= 128 else { return fail(EINVAL) }
        guard let waiters = context.guestPointer(a.a0, count * 24, write: false),
              let timeout = context.optionalGuestPointer(a.a3, 16, write: false) else { return fail(EFAULT) }
        return withUnsafeTemporaryAllocation(byteCount: count * 24, alignment: 8) { host -> Int64 in
            let copy = host.baseAddress!
            copy.copyMemory(from: waiters, byteCount: count * 24)
            for i in 0..<count {
                let address = copy.load(fromByteOffset: i * 24 + 8, as: UInt64.self)
                guard let word = context.guestPointer(address, 4, write: false) else { return fail(EFAULT) }
                copy.storeBytes(of: UInt64(UInt(bitPattern: word)), toByteOffset: i * 24 + 8, as: UInt64.self)
            }
            return Int64(hostPassthrough(.futex_waitv, hostArg(copy), count, Int(a.a2.uint32), hostArg(timeout), Int(a.a4.int32)))
        }
    }
}

/// Reads a small host file (procfs) as text; nil when it cannot be opened.
func readHostFile(_ path: String) -> String? {
    let fd = path.withCString { hostOpenat(AT_FDCWD, $0, O_RDONLY | O_CLOEXEC, 0) }
    guard fd >= 0 else { return nil }
    defer { _ = hostClose(Int32(fd)) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 4096)
    while true {
        let n = chunk.withUnsafeMutableBytes { hostRead(Int32(fd), $0.baseAddress, 4096) }
        if n == -Int(EINTR) { continue }
        if n <= 0 { break }
        bytes += chunk[0..<n]
    }
    return String(decoding: bytes, as: UTF8.self)
}

extension Substring {
    /// The text without leading and trailing spaces and tabs.
    func trimmingCharacters() -> Substring {
        var s = self
        while let c = s.first, c == " " || c == "\t" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\t" { s.removeLast() }
        return s
    }
}
