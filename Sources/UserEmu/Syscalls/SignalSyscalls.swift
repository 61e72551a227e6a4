import Glibc

// Signal dispositions and masks. Until guest signal delivery exists these calls only record
// what the guest asked for and report the previous values exactly; the host's own dispositions
// and mask are left alone (so abort() still ends the process with SIGABRT).

extension SyscallDispatcher {
    /// Size of the guest's kernel sigset_t (64 signals).
    static let guestSigsetSize: UInt64 = 8
    /// Bits of SIGKILL (9) and SIGSTOP (19), which can be neither caught nor blocked.
    static let unblockableSignals: UInt64 = (1 << 8) | (1 << 18)

    /// Guest `rt_sigaction` (134): records the new disposition (struct sigaction of the generic
    /// ABI: handler, flags, mask; no sa_restorer on riscv64) and returns the old one. No host
    /// call. -EINVAL for a bad signal, SIGKILL/SIGSTOP, or a sigset size other than 8.
    func sysRtSigaction(_ a: SyscallArgs) -> Int64 {
        let signal = Int(a.a0.int32)
        guard a.a3 == Self.guestSigsetSize, (1...64).contains(signal) else { return fail(EINVAL) }
        var new: GuestSigaction?
        if a.a1 != 0 {
            guard signal != 9, signal != 19 else { return fail(EINVAL) }
            guard let handler = context.loadGuest(a.a1, as: UInt64.self),
                  let flags = context.loadGuest(a.a1 + 8, as: UInt64.self),
                  let mask = context.loadGuest(a.a1 + 16, as: UInt64.self) else { return fail(EFAULT) }
            new = GuestSigaction(handler: handler, flags: flags, mask: mask & ~Self.unblockableSignals)
        }
        let old = context.signals.actions[signal]
        if a.a2 != 0 {
            guard context.guestPointer(a.a2, GuestSigaction.size, write: true) != nil,
                  context.storeGuest(a.a2, old.handler), context.storeGuest(a.a2 + 8, old.flags),
                  context.storeGuest(a.a2 + 16, old.mask) else { return fail(EFAULT) }
        }
        if let new { context.signals.actions[signal] = new }
        return 0
    }

    /// Guest `rt_sigprocmask` (135): updates the recorded mask (SIG_BLOCK 0, SIG_UNBLOCK 1,
    /// SIG_SETMASK 2) and returns the old one. No host call.
    func sysRtSigprocmask(_ a: SyscallArgs) -> Int64 {
        guard a.a3 == Self.guestSigsetSize else { return fail(EINVAL) }
        let old = context.thread.blockedSignals
        var new = old
        if a.a1 != 0 {
            guard let set = context.loadGuest(a.a1, as: UInt64.self) else { return fail(EFAULT) }
            switch a.a0.int32 {
            case 0: new = old | set
            case 1: new = old & ~set
            case 2: new = set
            default: return fail(EINVAL)
            }
            new &= ~Self.unblockableSignals
        }
        if a.a2 != 0, !context.storeGuest(a.a2, old) { return fail(EFAULT) }
        context.thread.blockedSignals = new
        return 0
    }
}
