import Glibc

// Fork-style clone: the guest's address space is host memory reserved privately, so a host
// fork copies it. The emulator's own state that must not be shared with the child (the JIT
// code region, the -perfmap file, counters) is redone through `GuestProcessControl.prepareFork`.
// docs/processes.md describes the design.

extension SyscallDispatcher {
    /// Carries out a decoded clone/clone3: a new process (fork, or vfork semantics), or a
    /// thread (not yet: -ENOSYS, named by `-d unimp`).
    func performClone(_ request: CloneRequest, call: String) -> Int64 {
        switch request.kind {
        case .thread:
            return cloneThread(request, call: call)
        case .process(let waitForExec):
            return forkProcess(request, waitForExec: waitForExec)
        }
    }

    /// Thread clones (CLONE_VM|CLONE_THREAD with CLONE_SIGHAND, as glibc and musl make them):
    /// one host thread per guest thread (`GuestThreadSpawner`). CLONE_VM without CLONE_THREAD (a
    /// separate process sharing this address space) cannot be given to a host process and is
    /// -ENOSYS, named by `-d unimp`.
    @inline(never)
    func cloneThread(_ request: CloneRequest, call: String) -> Int64 {
        guard request.flags & CloneRequest.thread != 0, request.flags & CloneRequest.vm != 0,
              let spawn = context.process?.spawnThread else {
            context.logUnimp("Unsupported syscall: \(call) with flags 0x\(String(request.flags, radix: 16)): CLONE_VM without CLONE_THREAD")
            return fail(ENOSYS)
        }
        return spawn(request, thread)
    }

    /// A new process through a host fork. In the child: the emulator's state is made private
    /// (JIT region, logs), sp and tp are set, CLONE_CHILD_SETTID/CLEARTID are honoured, and 0 is
    /// returned. In the parent: CLONE_PARENT_SETTID and CLONE_PIDFD are written, and with
    /// CLONE_VFORK the parent waits until the child execs or exits, then takes in the child's
    /// writes to its memory (`VforkWriteBack`).
    func forkProcess(_ request: CloneRequest, waitForExec: Bool) -> Int64 {
        guard let control = context.process else { return fail(ENOSYS) }
        if request.flags & CloneRequest.pidfdFlag != 0, context.guestPointer(request.pidfd, 4, write: true) == nil {
            return fail(EFAULT)
        }
        let continuation = control.prepareFork?() ?? ForkContinuation()
        if continuation.error != 0 {
            continuation.inParent()
            return fail(continuation.error)
        }
        var release: VforkRelease?
        if waitForExec {
            let (made, error) = VforkRelease.make()
            guard let made else { continuation.inParent(); return fail(error) }
            release = made
        }
        let pid = startHostChild(request)
        if pid == 0 {
            continuation.inChild()
            enterChild(request, control: control, release: release)
            return 0
        }
        continuation.inParent()
        guard pid > 0 else {
            release?.abandon()
            return Int64(pid)
        }
        if request.flags & CloneRequest.parentSettid != 0 {
            _ = context.storeGuest(request.parentTid, Int32(truncatingIfNeeded: pid))
        }
        if request.flags & CloneRequest.pidfdFlag != 0 {
            let pidfd = hostPidfdOpen(Int32(truncatingIfNeeded: pid), 0)
            _ = context.storeGuest(request.pidfd, Int32(truncatingIfNeeded: pidfd))
        }
        release?.waitInParent(applyingTo: context.addressSpace)
        return Int64(pid)
    }

    /// The host fork: glibc's fork for the common case (exit signal SIGCHLD, no host-only
    /// flags), else a raw clone3 carrying the exit signal and the flags the host implements
    /// (namespaces, CLONE_PARENT, CLONE_FILES, set_tid, cgroup...). Returns the pid, 0 in the
    /// child, or -errno.
    private func startHostChild(_ request: CloneRequest) -> Int {
        let hostFlags = request.flags & ~CloneRequest.emulated
        if hostFlags == 0 && request.exitSignal == UInt64(SIGCHLD) {
            return hostFork()
        }
        // struct clone_args: flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size,
        // tls, set_tid, set_tid_size, cgroup (88 bytes).
        var setTid = [Int32](repeating: 0, count: Int(request.setTidSize))
        if request.setTidSize > 0 {
            guard let pointer = context.guestPointer(request.setTid, Int(request.setTidSize) * 4, write: false) else {
                return -Int(EFAULT)
            }
            setTid.withUnsafeMutableBytes { $0.copyMemory(from: UnsafeRawBufferPointer(start: pointer, count: $0.count)) }
        }
        return setTid.withUnsafeBufferPointer { tids in
            var args: [UInt64] = [hostFlags, 0, 0, 0, request.exitSignal, 0, 0, 0,
                                  UInt64(UInt(bitPattern: tids.baseAddress)), request.setTidSize, request.cgroup]
            if request.setTidSize == 0 { args[8] = 0 }
            return args.withUnsafeBytes { hostClone3($0.baseAddress!, 88) }
        }
    }

    /// The child's side of a fork, before it returns 0 to guest code.
    private func enterChild(_ request: CloneRequest, control: GuestProcessControl, release: VforkRelease?) {
        // A vfork parent's channel belongs to that parent's child only (this process when it
        // is that child): a grandchild must not keep its parent's vfork parent waiting.
        if control.vforkReleaseDescriptor >= 0 {
            _ = hostClose(control.vforkReleaseDescriptor)
            control.vforkReleaseDescriptor = -1
        }
        release?.adoptInChild(control)
        if release != nil && request.flags & CloneRequest.vm != 0 {
            // Before anything writes guest memory (CLONE_CHILD_SETTID below): on Linux the
            // child's writes land in the parent's memory (CLONE_VM).
            VforkWriteBack.begin(context: context, control: control)
        } else {
            VforkWriteBack.end(context: context)
        }
        control.resetThreadCountAfterFork()
        if let registers = thread.registers {
            if request.stack != 0 { registers[Int(control.abi.stackPointerSlot)] = request.stack }
            if request.flags & CloneRequest.settls != 0 { registers[Int(control.abi.threadPointerSlot)] = request.tls }
        }
        if request.flags & CloneRequest.childSettid != 0 {
            _ = context.storeGuest(request.childTid, Int32(truncatingIfNeeded: hostGettid()))
        }
        if request.flags & CloneRequest.childCleartid != 0 {
            thread.clearChildTid = request.childTid
        }
        if request.flags & CloneRequest.clearSighand != 0 { clearSignalHandlers() }
    }

    /// CLONE_CLEAR_SIGHAND in the child (the kernel's flush_signal_handlers without
    /// force_default): every disposition but SIG_IGN becomes SIG_DFL, flags and masks are
    /// cleared. Done on the guest's dispositions and mirrored to the host; the host clone never
    /// gets the flag, which would drop the emulator's own handlers.
    private func clearSignalHandlers() {
        for signal in 1...Int(GuestSignal.count) {
            let old = context.signals[signal]
            let new = GuestSigaction(handler: old.handler == GuestSigactionABI.ignoreHandler ? old.handler : GuestSigactionABI.defaultHandler)
            if new != old { _ = context.signals.exchange(signal, with: new) }
        }
    }
}
