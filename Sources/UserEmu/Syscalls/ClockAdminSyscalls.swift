import Glibc

// Setting clocks, interval timers and POSIX timers. struct timex (208), itimerval (32),
// itimerspec (32), timespec, timeval, timezone (8) and struct sigevent (64) are equal on
// riscv64 and x86-64. Timer signals (SIGALRM, a sigevent's SIGEV_SIGNAL) reach the host
// process; running a guest handler for them needs signal delivery (issue 4, signals) — until
// then the signal takes its default action, as for a guest without a handler.

extension SyscallDispatcher {
    /// Guest `adjtimex` (171: timex*) -> host `adjtimex` (read-only query unless privileged).
    func sysAdjtimex(_ a: SyscallArgs) -> Int64 {
        guard let timex = context.guestPointer(a.a0, 208, write: true) else { return fail(EFAULT) }
        return Int64(hostPassthrough(.adjtimex, hostArg(timex)))
    }

    /// Guest `clock_adjtime` (266: clock, timex*) -> host `clock_adjtime`.
    func sysClockAdjtime(_ a: SyscallArgs) -> Int64 {
        guard let timex = context.guestPointer(a.a1, 208, write: true) else { return fail(EFAULT) }
        return Int64(hostPassthrough(.clock_adjtime, Int(a.a0.int32), hostArg(timex)))
    }

    /// Guest `clock_settime` (112: clock, ts*) -> host `clock_settime`.
    func sysClockSettime(_ a: SyscallArgs) -> Int64 {
        guard let time = context.guestPointer(a.a1, 16, write: false) else { return fail(EFAULT) }
        return Int64(hostPassthrough(.clock_settime, Int(a.a0.int32), hostArg(time)))
    }

    /// Guest `settimeofday` (170: tv*, tz*) -> host `settimeofday`.
    func sysSettimeofday(_ a: SyscallArgs) -> Int64 {
        guard let time = context.optionalGuestPointer(a.a0, 16, write: false),
              let zone = context.optionalGuestPointer(a.a1, 8, write: false) else { return fail(EFAULT) }
        return Int64(hostPassthrough(.settimeofday, hostArg(time), hostArg(zone)))
    }

    /// Guest `getitimer` (102: which, value*) -> host `getitimer`.
    func sysGetitimer(_ a: SyscallArgs) -> Int64 {
        guard let value = context.guestPointer(a.a1, 32, write: true) else { return fail(EFAULT) }
        return Int64(hostPassthrough(.getitimer, Int(a.a0.int32), hostArg(value)))
    }

    /// Guest `setitimer` (103: which, new*, old*) -> host `setitimer`.
    func sysSetitimer(_ a: SyscallArgs) -> Int64 {
        guard let new = context.optionalGuestPointer(a.a1, 32, write: false),
              let old = context.optionalGuestPointer(a.a2, 32, write: true) else { return fail(EFAULT) }
        return Int64(hostPassthrough(.setitimer, Int(a.a0.int32), hostArg(new), hostArg(old)))
    }

    /// Guest `timer_create` (107: clock, sigevent*, timer_t*) -> host `timer_create`
    /// (SIGEV_THREAD_ID names a host thread id, which is the guest thread's id).
    func sysTimerCreate(_ a: SyscallArgs) -> Int64 {
        guard let event = context.optionalGuestPointer(a.a1, 64, write: false),
              let id = context.guestPointer(a.a2, 4, write: true) else { return fail(EFAULT) }
        return Int64(hostPassthrough(.timer_create, Int(a.a0.int32), hostArg(event), hostArg(id)))
    }

    /// Guest `timer_settime` (110: id, flags, new*, old*) -> host `timer_settime`.
    func sysTimerSettime(_ a: SyscallArgs) -> Int64 {
        guard let new = context.guestPointer(a.a2, 32, write: false),
              let old = context.optionalGuestPointer(a.a3, 32, write: true) else { return fail(EFAULT) }
        return Int64(hostPassthrough(.timer_settime, Int(a.a0.int32), Int(a.a1.int32), hostArg(new), hostArg(old)))
    }

    /// Guest `timer_gettime` (108: id, cur*) -> host `timer_gettime`.
    func sysTimerGettime(_ a: SyscallArgs) -> Int64 {
        guard let current = context.guestPointer(a.a1, 32, write: true) else { return fail(EFAULT) }
        return Int64(hostPassthrough(.timer_gettime, Int(a.a0.int32), hostArg(current)))
    }

    /// Guest `timer_getoverrun` (109: id) -> host `timer_getoverrun`.
    func sysTimerGetoverrun(_ a: SyscallArgs) -> Int64 {
        Int64(hostPassthrough(.timer_getoverrun, Int(a.a0.int32)))
    }

    /// Guest `timer_delete` (111: id) -> host `timer_delete`.
    func sysTimerDelete(_ a: SyscallArgs) -> Int64 {
        Int64(hostPassthrough(.timer_delete, Int(a.a0.int32)))
    }
}
