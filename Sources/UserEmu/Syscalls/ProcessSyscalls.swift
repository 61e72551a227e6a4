import Glibc

// Process identity, limits, usage, and signals sent with kill/tgkill. Guest and host share pid
// and uid numbering (the guest runs as this host process), and the generic signal numbers
// equal x86-64's, so signals pass through.

extension SyscallDispatcher {
    /// Guest `set_tid_address` (96): records the clear-child-tid pointer; returns the host tid
    /// (no host call besides gettid: the emulator does the clearing when the thread exits).
    func sysSetTidAddress(_ a: SyscallArgs) -> Int64 {
        thread.clearChildTid = a.a0
        return Int64(hostGettid())
    }

    /// Guest `set_robust_list` (99): records the list (the emulator walks it at thread exit);
    /// -EINVAL unless the length is sizeof(struct robust_list_head) = 24, like the kernel.
    func sysSetRobustList(_ a: SyscallArgs) -> Int64 {
        guard a.a1 == 24 else { return fail(EINVAL) }
        thread.robustListHead = a.a0
        thread.robustListLength = a.a1
        return 0
    }

    /// Guest `getpid` (172) -> host `getpid`.
    func sysGetpid(_ a: SyscallArgs) -> Int64 { Int64(hostGetpid()) }
    /// Guest `getppid` (173) -> host `getppid`.
    func sysGetppid(_ a: SyscallArgs) -> Int64 { Int64(hostGetppid()) }
    /// Guest `gettid` (178) -> host `gettid` (guest threads are host threads).
    func sysGettid(_ a: SyscallArgs) -> Int64 { Int64(hostGettid()) }
    /// Guest `getuid` (174) -> host `getuid`.
    func sysGetuid(_ a: SyscallArgs) -> Int64 { Int64(hostGetuid()) }
    /// Guest `geteuid` (175) -> host `geteuid`.
    func sysGeteuid(_ a: SyscallArgs) -> Int64 { Int64(hostGeteuid()) }
    /// Guest `getgid` (176) -> host `getgid`.
    func sysGetgid(_ a: SyscallArgs) -> Int64 { Int64(hostGetgid()) }
    /// Guest `getegid` (177) -> host `getegid`.
    func sysGetegid(_ a: SyscallArgs) -> Int64 { Int64(hostGetegid()) }

    /// Guest `getresuid` (148) -> host `getresuid`; three guest u32 outputs.
    func sysGetresuid(_ a: SyscallArgs) -> Int64 {
        resIds(a) { hostGetresuid($0) }
    }

    /// Guest `getresgid` (150) -> host `getresgid`; three guest u32 outputs.
    func sysGetresgid(_ a: SyscallArgs) -> Int64 {
        resIds(a) { hostGetresgid($0) }
    }

    private func resIds(_ a: SyscallArgs, _ call: (UnsafeMutablePointer<UInt32>) -> Int) -> Int64 {
        var ids: (UInt32, UInt32, UInt32) = (0, 0, 0)
        let result = withUnsafeMutableBytes(of: &ids) { call($0.baseAddress!.assumingMemoryBound(to: UInt32.self)) }
        guard result == 0 else { return Int64(result) }
        guard context.storeGuest(a.a0, ids.0), context.storeGuest(a.a1, ids.1),
              context.storeGuest(a.a2, ids.2) else { return fail(EFAULT) }
        return 0
    }

    /// Guest `getpgid` (155) -> host `getpgid`.
    func sysGetpgid(_ a: SyscallArgs) -> Int64 { Int64(hostGetpgid(a.a0.int32)) }
    /// Guest `setpgid` (154) -> host `setpgid`.
    func sysSetpgid(_ a: SyscallArgs) -> Int64 { Int64(hostSetpgid(a.a0.int32, a.a1.int32)) }
    /// Guest `getsid` (156) -> host `getsid`.
    func sysGetsid(_ a: SyscallArgs) -> Int64 { Int64(hostGetsid(a.a0.int32)) }

    /// Guest `prlimit64` (261) -> host `prlimit64` (struct rlimit64: two u64 on both sides).
    /// Setting RLIMIT_AS, RLIMIT_DATA or RLIMIT_STACK of this process is recorded nowhere and
    /// reported as success, as qemu-user does: those limits would constrain the emulator.
    func sysPrlimit64(_ a: SyscallArgs) -> Int64 {
        guard let new = context.optionalGuestPointer(a.a2, 16, write: false),
              let old = context.optionalGuestPointer(a.a3, 16, write: true) else { return fail(EFAULT) }
        let ownProcess = a.a0 == 0 || a.a0.int32 == Int32(truncatingIfNeeded: hostGetpid())
        let effectiveNew = (ownProcess && Self.emulatorLimits.contains(a.a1.int32)) ? nil : new
        let result = hostPrlimit64(a.a0.int32, a.a1.int32, effectiveNew, old)
        return Int64(result)
    }

    /// RLIMIT_DATA (2), RLIMIT_STACK (3), RLIMIT_AS (9): not applied to the host process.
    static let emulatorLimits: [Int32] = [2, 3, 9]

    /// Guest `getrlimit` (163) -> host `prlimit64(0, resource, NULL, old)`.
    func sysGetrlimit(_ a: SyscallArgs) -> Int64 {
        sysPrlimit64(SyscallArgs(a0: 0, a1: a.a0, a2: 0, a3: a.a1))
    }

    /// Guest `setrlimit` (164) -> host `prlimit64(0, resource, new, NULL)`.
    func sysSetrlimit(_ a: SyscallArgs) -> Int64 {
        if a.a1 == 0 { return fail(EFAULT) }
        return sysPrlimit64(SyscallArgs(a0: 0, a1: a.a0, a2: a.a1, a3: 0))
    }

    /// Guest `getrusage` (165) -> host `getrusage` (struct rusage: 144 bytes on both).
    func sysGetrusage(_ a: SyscallArgs) -> Int64 {
        guard let out = context.guestPointer(a.a1, 144, write: true) else { return fail(EFAULT) }
        let result = hostGetrusage(a.a0.int32, out)
        return Int64(result)
    }

    /// Guest `wait4` (260: pid, status*, options, rusage*) -> host `wait4`. Guest children are
    /// host children (fork-style clone is a host fork), so statuses are exact; the int status and
    /// struct rusage (144 bytes) have the same layout on riscv64 and x86-64. EINTR: to caller.
    func sysWait4(_ a: SyscallArgs) -> Int64 {
        guard let status = context.optionalGuestPointer(a.a1, 4, write: true),
              let usage = context.optionalGuestPointer(a.a3, 144, write: true) else { return fail(EFAULT) }
        return Int64(hostWait4(a.a0.int32, status, a.a2.int32, usage))
    }

    /// Guest `clone` (220: flags, newsp, parent_tid, tls, child_tid on riscv64, whose kernel has
    /// CONFIG_CLONE_BACKWARDS; the order comes from `GuestProcessABI`). Without CLONE_VM, or with
    /// CLONE_VM|CLONE_VFORK, a host fork (`ProcessFork.swift`); thread clones are -ENOSYS for now.
    func sysClone(_ a: SyscallArgs) -> Int64 {
        guard let control = context.process else { return notImplemented(.clone) }
        let (request, error) = CloneRequest.legacy(a, abi: control.abi)
        guard let request else { return fail(error) }
        return performClone(request, call: "clone")
    }

    /// Guest `clone3` (435: struct clone_args *, size): as clone, from the structure.
    func sysClone3(_ a: SyscallArgs) -> Int64 {
        guard context.process != nil else { return notImplemented(.clone3) }
        let (request, error) = CloneRequest.clone3(a, context: context)
        guard let request else { return fail(error) }
        return performClone(request, call: "clone3")
    }

    /// Guest `execve` (221: path, argv, envp) -> host `execve` of a native program or of the
    /// emulator itself for a riscv64 program (`ProcessExec.swift`). Returns only on failure. A
    /// vfork child first hands its memory writes to its parent (`VforkWriteBack`).
    func sysExecve(_ a: SyscallArgs) -> Int64 {
        sendVforkWrites()
        return performExec(dirfd: AT_FDCWD, pathAddress: a.a0, argv: a.a1, envp: a.a2, flags: 0)
    }

    /// Guest `execveat` (281: dirfd, path, argv, envp, flags) -> host `execveat` / `execve`, as
    /// execve, with AT_EMPTY_PATH and AT_SYMLINK_NOFOLLOW.
    func sysExecveat(_ a: SyscallArgs) -> Int64 {
        sendVforkWrites()
        return performExec(dirfd: a.a0.int32, pathAddress: a.a1, argv: a.a2, envp: a.a3, flags: a.a4.int32)
    }

    /// Guest `kill` (129) -> host `kill`. A signal to this process takes the host default
    /// action (abort() dies of SIGABRT); guest handlers are delivered once signals exist.
    func sysKill(_ a: SyscallArgs) -> Int64 {
        Int64(hostKill(a.a0.int32, a.a1.int32))
    }

    /// Guest `tgkill` (131) -> host `tgkill` (guest tids are host tids).
    func sysTgkill(_ a: SyscallArgs) -> Int64 {
        Int64(hostTgkill(a.a0.int32, a.a1.int32, a.a2.int32))
    }

    /// Guest `tkill` (130) -> host `tkill`.
    func sysTkill(_ a: SyscallArgs) -> Int64 {
        Int64(hostTkill(a.a0.int32, a.a1.int32))
    }

    /// Guest `sched_getaffinity` (123) -> host `sched_getaffinity` (returns the bytes written).
    func sysSchedGetaffinity(_ a: SyscallArgs) -> Int64 {
        let size = a.a1.int
        guard let out = context.guestPointer(a.a2, size, write: true) else { return fail(EFAULT) }
        let result = hostSchedGetaffinity(a.a0.int32, size, out)
        return Int64(result)
    }

    /// Guest `sched_yield` (124) -> host `sched_yield`.
    func sysSchedYield(_ a: SyscallArgs) -> Int64 { Int64(hostSchedYield()) }
}
