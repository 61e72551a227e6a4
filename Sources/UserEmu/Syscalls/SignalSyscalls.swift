import Glibc
import SyscallTables

// Signal dispositions, masks and the signal syscalls (docs/signals.md). The guest's
// dispositions and mask are recorded here and mirrored onto the host (`HostSignalMirror`), so
// the host kernel keeps pending sets, queues real-time signals and picks target threads; the
// CPU loop delivers what the host handler queued (CPULoop+Signals). rt_sigreturn is handled
// by the CPU loop, which owns the registers.

extension SyscallDispatcher {
    /// Size of the guest's kernel sigset_t (64 signals).
    static let guestSigsetSize: UInt64 = 8

    /// Guest `rt_sigaction` (134): installs the new disposition (struct sigaction of the generic
    /// ABI: handler, flags, mask; no sa_restorer on riscv64) and its host mirror in one step for
    /// the other threads (`GuestSignalActions.exchange`), then writes the old one. -EINVAL for a
    /// bad signal, SIGKILL/SIGSTOP, or a sigset size other than 8; -EFAULT for an unreadable new
    /// action (nothing changes) or an unwritable old one (the new one stays, as in the kernel).
    func sysRtSigaction(_ a: SyscallArgs) -> Int64 {
        let signal = Int(a.a0.int32)
        guard a.a3 == Self.guestSigsetSize, (1...64).contains(signal) else { return fail(EINVAL) }
        var new: GuestSigaction?
        if a.a1 != 0 {
            guard signal != 9, signal != 19 else { return fail(EINVAL) }
            guard let handler = context.loadGuest(a.a1, as: UInt64.self),
                  let flags = context.loadGuest(a.a1 + 8, as: UInt64.self),
                  let mask = context.loadGuest(a.a1 + 16, as: UInt64.self) else { return fail(EFAULT) }
            new = GuestSigaction(handler: handler, flags: flags, mask: mask & ~GuestSignal.unblockable)
        }
        let old: GuestSigaction
        if let new {
            old = context.signals.exchange(signal, with: new)
            // Setting SIG_IGN discards pending instances (the host does so for its own).
            if new.handler == GuestSigactionABI.ignoreHandler {
                thread.deferredSignals.removeAll { $0.signal == Int32(signal) }
            }
        } else {
            old = context.signals[signal]
        }
        if a.a2 != 0 {
            guard context.guestPointer(a.a2, GuestSigaction.size, write: true) != nil,
                  context.storeGuest(a.a2, old.handler), context.storeGuest(a.a2 + 8, old.flags),
                  context.storeGuest(a.a2 + 16, old.mask) else { return fail(EFAULT) }
        }
        return 0
    }

    /// Guest `rt_sigprocmask` (135): updates the thread's mask (SIG_BLOCK 0, SIG_UNBLOCK 1,
    /// SIG_SETMASK 2), mirrors it on the host and returns the old one. A signal the new mask
    /// unblocks arrives from the host during this call and is delivered when it returns.
    func sysRtSigprocmask(_ a: SyscallArgs) -> Int64 {
        guard a.a3 == Self.guestSigsetSize else { return fail(EINVAL) }
        let old = thread.blockedSignals
        var new = old
        if a.a1 != 0 {
            guard let set = context.loadGuest(a.a1, as: UInt64.self) else { return fail(EFAULT) }
            switch a.a0.int32 {
            case 0: new = old | set
            case 1: new = old & ~set
            case 2: new = set
            default: return fail(EINVAL)
            }
            new &= ~GuestSignal.unblockable
        }
        if a.a2 != 0, !context.storeGuest(a.a2, old) { return fail(EFAULT) }
        thread.blockedSignals = new
        if new != old { HostSignalMirror.setMask(new) }
        return 0
    }

    /// Guest `rt_sigpending` (136): the host's pending set (the host blocks what the guest
    /// blocks) and the signals deferred by the emulator.
    func sysRtSigpending(_ a: SyscallArgs) -> Int64 {
        guard a.a1 <= Self.guestSigsetSize else { return fail(EINVAL) }
        var pending: UInt64 = 0
        let r = withUnsafeMutableBytes(of: &pending) { hostPassthrough(.rt_sigpending, hostArg($0.baseAddress), 8) }
        guard r >= 0 else { return Int64(r) }
        for deferred in thread.deferredSignals { pending |= GuestSignal.bit(deferred.signal) }
        pending &= thread.blockedSignals
        guard let out = context.guestPointer(a.a0, Int(a.a1), write: true) else { return fail(EFAULT) }
        withUnsafeBytes(of: pending) { out.copyMemory(from: $0.baseAddress!, byteCount: Int(a.a1)) }
        return 0
    }

    /// Guest `rt_sigsuspend` (133): waits on the host with the given mask as the thread's
    /// temporary mask (`withTemporarySignalMask`: the handler that ends the wait saves the
    /// previous mask in its frame). Always -EINTR, as the kernel's.
    func sysRtSigsuspend(_ a: SyscallArgs) -> Int64 {
        guard a.a1 == Self.guestSigsetSize else { return fail(EINVAL) }
        guard let mask = context.loadGuest(a.a0, as: UInt64.self) else { return fail(EFAULT) }
        return Int64(withTemporarySignalMask(mask) {
            let hostMask = (mask & ~GuestSignal.unblockable) & ~GuestSignal.synchronous
            return withUnsafeBytes(of: hostMask) { hostBlockingSyscall(.rt_sigsuspend, hostArg($0.baseAddress), 8) }
        })
    }

    /// Whether the kernel restarts guest syscall `number` after a handler with SA_RESTART when
    /// a signal interrupted it (-ERESTARTSYS). signal(7) lists the calls it never restarts:
    /// they fail with EINTR whatever the flags.
    static func restartsAfterHandler(_ number: Int) -> Bool {
        switch RISCV64Syscall(rawValue: number) {
        case .ppoll, .pselect6, .epoll_pwait, .epoll_pwait2, .nanosleep, .clock_nanosleep, .rt_sigsuspend,
             .rt_sigtimedwait, .io_getevents, .io_pgetevents, .semop, .semtimedop, .msgrcv, .msgsnd, .mq_timedreceive,
             .mq_timedsend:
            return false
        default:
            return true
        }
    }

    /// Runs a waiting call (ppoll, pselect6, epoll_pwait, io_pgetevents, rt_sigsuspend) with
    /// the guest's temporary signal `mask` (nil: none) as the thread's mask, on the host too. A
    /// signal that the mask unblocks and that arrives first ends the wait with -EINTR (these
    /// calls are never restarted), and its handler's frame saves the previous mask, as
    /// rt_sigsuspend's; any other result restores the previous mask at once (the kernel's
    /// restore_saved_sigmask_unless). A deferred signal the mask unblocks is already pending
    /// for the guest but not on the host (the host handler took it): the call is not made and
    /// that signal ends it at once.
    ///
    /// `readyFirst`, for the calls that wait on descriptors or completions, looks at them
    /// without waiting when a signal ends the call: those already ready are the result instead,
    /// as in the kernel (which looks for signals only when it would sleep). The signal then
    /// stays pending under the restored mask (ppoll, pselect6, epoll_pwait), or with
    /// `deliverAfterReady` is still delivered under the temporary mask (io_pgetevents, which
    /// restores the mask only when no signal is pending).
    func withTemporarySignalMask(_ mask: UInt64?, readyFirst: (() -> Int)? = nil, deliverAfterReady: Bool = false,
                                 _ call: () -> Int) -> Int {
        guard let mask else { return call() }
        let previous = thread.blockedSignals
        thread.suspendedMask = previous
        let blocked = mask & ~GuestSignal.unblockable
        thread.blockedSignals = blocked
        let deferredUnblocked = thread.deferredSignals.contains { blocked & GuestSignal.bit($0.signal) == 0 }
        var result = -Int(EINTR)
        if !deferredUnblocked {
            HostSignalMirror.setMask(blocked)
            result = call()
            if result == -hostRestartSyscall { result = -Int(EINTR) }
        }
        var interrupted = result == -Int(EINTR) && (deferredUnblocked || HostSignalMirror.hasQueued)
        if interrupted, let readyFirst {
            let ready = readyFirst()
            if ready > 0 {
                result = ready
                interrupted = deliverAfterReady
            }
        }
        // Interrupted: the CPU loop delivers the signal next, with this mask and
        // `suspendedMask` in place.
        if !interrupted {
            thread.blockedSignals = previous
            thread.suspendedMask = nil
            HostSignalMirror.setMask(previous)
        }
        return result
    }

    /// Guest `rt_sigtimedwait` (137: set*, info*, timeout*, sigsetsize): a signal the guest
    /// deferred comes first; otherwise the host waits (the awaited signals are blocked on the
    /// host as in the guest). siginfo and timespec have the same layout on both sides.
    func sysRtSigtimedwait(_ a: SyscallArgs) -> Int64 {
        guard a.a3 == Self.guestSigsetSize else { return fail(EINVAL) }
        guard let set = context.loadGuest(a.a0, as: UInt64.self) else { return fail(EFAULT) }
        guard let info = context.optionalGuestPointer(a.a1, 128, write: true),
              let timeout = context.optionalGuestPointer(a.a2, 16, write: false) else { return fail(EFAULT) }
        if let index = thread.deferredSignals.firstIndex(where: { set & GuestSignal.bit($0.signal) != 0 }) {
            let taken = thread.deferredSignals.remove(at: index)
            if let info { taken.info.withUnsafeBytes { info.copyMemory(from: $0.baseAddress!, byteCount: 128) } }
            return Int64(taken.signal)
        }
        let r = withUnsafeBytes(of: set) {
            hostBlockingSyscall(.rt_sigtimedwait, hostArg($0.baseAddress), hostArg(info), hostArg(timeout), 8)
        }
        return r == -hostRestartSyscall ? fail(EINTR) : Int64(r)
    }

    /// Guest `rt_sigqueueinfo` (138: tgid, sig, info*) -> host (same siginfo layout).
    func sysRtSigqueueinfo(_ a: SyscallArgs) -> Int64 {
        guard let info = context.guestPointer(a.a2, 128, write: false) else { return fail(EFAULT) }
        return Int64(hostPassthrough(.rt_sigqueueinfo, Int(a.a0.int32), Int(a.a1.int32), hostArg(info)))
    }

    /// Guest `rt_tgsigqueueinfo` (240: tgid, tid, sig, info*) -> host.
    func sysRtTgsigqueueinfo(_ a: SyscallArgs) -> Int64 {
        guard let info = context.guestPointer(a.a3, 128, write: false) else { return fail(EFAULT) }
        return Int64(hostPassthrough(.rt_tgsigqueueinfo, Int(a.a0.int32), Int(a.a1.int32), Int(a.a2.int32), hostArg(info)))
    }

    /// Guest `pidfd_send_signal` (424: pidfd, sig, info*, flags) -> host.
    func sysPidfdSendSignal(_ a: SyscallArgs) -> Int64 {
        guard let info = context.optionalGuestPointer(a.a2, 128, write: false) else { return fail(EFAULT) }
        return Int64(hostPassthrough(.pidfd_send_signal, Int(a.a0.int32), Int(a.a1.int32), hostArg(info), Int(a.a3.int32)))
    }

    /// Guest `signalfd4` (74: fd, mask*, sizemask, flags) -> host: the guest blocks the signals
    /// it reads this way, so the host blocks them too and they stay pending for the descriptor.
    /// SFD_CLOEXEC and SFD_NONBLOCK have the host's values; signalfd_siginfo is arch-neutral.
    func sysSignalfd4(_ a: SyscallArgs) -> Int64 {
        guard a.a2 == Self.guestSigsetSize else { return fail(EINVAL) }
        guard let mask = context.loadGuest(a.a1, as: UInt64.self) else { return fail(EFAULT) }
        return Int64(withUnsafeBytes(of: mask) {
            hostPassthrough(.signalfd4, Int(a.a0.int32), hostArg($0.baseAddress), 8, Int(a.a3.int32))
        })
    }

    /// Guest `sigaltstack` (132: ss*, old_ss*): the thread's alternate stack, with the kernel's
    /// checks (EPERM while running on it, EINVAL for bad flags, ENOMEM below MINSIGSTKSZ).
    func sysSigaltstack(_ a: SyscallArgs) -> Int64 {
        let sp = thread.stackPointer
        let current = thread.altStack
        var new: GuestAltStack?
        if a.a0 != 0 {
            guard let base = context.loadGuest(a.a0, as: UInt64.self),
                  let flags = context.loadGuest(a.a0 + 8, as: UInt32.self),
                  let size = context.loadGuest(a.a0 + 16, as: UInt64.self) else { return fail(EFAULT) }
            if current.contains(sp) { return fail(EPERM) }
            let autoDisarm = Int32(bitPattern: flags) & GuestAltStackABI.autoDisarm != 0
            let mode = Int32(bitPattern: flags) & ~GuestAltStackABI.autoDisarm
            guard mode == 0 || mode == GuestAltStackABI.onStack || mode == GuestAltStackABI.disable else { return fail(EINVAL) }
            if mode == GuestAltStackABI.disable {
                new = GuestAltStack()
            } else {
                guard size >= GuestAltStackABI.minimumSize else { return fail(ENOMEM) }
                new = GuestAltStack(base: base, size: size, autoDisarm: autoDisarm)
            }
        }
        if a.a1 != 0 {
            guard context.guestPointer(a.a1, GuestAltStackABI.size, write: true) != nil,
                  context.storeGuest(a.a1, current.base),
                  context.storeGuest(a.a1 + 8, UInt64(UInt32(bitPattern: current.flags(stackPointer: sp)))),
                  context.storeGuest(a.a1 + 16, current.size) else { return fail(EFAULT) }
        }
        if let new { thread.altStack = new }
        return 0
    }
}
