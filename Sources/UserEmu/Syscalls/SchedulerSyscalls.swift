import Glibc

// Scheduling policy, CPU affinity, priority and process times. Guest threads are host threads
// and pids are shared, so each call passes through; struct sched_param (one int), cpu masks
// (byte arrays), struct timespec and struct tms (four longs) have the same layout on both.

extension SyscallDispatcher {
    /// Guest `sched_setaffinity` (122) -> host `sched_setaffinity` (the mask is read in place).
    func sysSchedSetaffinity(_ a: SyscallArgs) -> Int64 {
        let size = a.a1.int
        guard size >= 0 else { return fail(EINVAL) }
        guard let mask = context.guestPointer(a.a2, size, write: false) else { return fail(EFAULT) }
        return Int64(hostSchedSetaffinity(a.a0.int32, size, mask))
    }

    /// Guest `sched_getparam` (121) -> host `sched_getparam` (struct sched_param: 4 bytes).
    func sysSchedGetparam(_ a: SyscallArgs) -> Int64 {
        if a.a1 == 0 { return fail(EINVAL) }
        guard let out = context.guestPointer(a.a1, 4, write: true) else { return fail(EFAULT) }
        return Int64(hostSchedGetparam(a.a0.int32, out))
    }

    /// Guest `sched_setparam` (118) -> host `sched_setparam`.
    func sysSchedSetparam(_ a: SyscallArgs) -> Int64 {
        if a.a1 == 0 { return fail(EINVAL) }
        guard let param = context.guestPointer(a.a1, 4, write: false) else { return fail(EFAULT) }
        return Int64(hostSchedSetparam(a.a0.int32, param))
    }

    /// Guest `sched_getscheduler` (120) -> host `sched_getscheduler`.
    func sysSchedGetscheduler(_ a: SyscallArgs) -> Int64 { Int64(hostSchedGetscheduler(a.a0.int32)) }

    /// Guest `sched_setscheduler` (119) -> host `sched_setscheduler` (SCHED_* values equal).
    func sysSchedSetscheduler(_ a: SyscallArgs) -> Int64 {
        if a.a2 == 0 { return fail(EINVAL) }
        guard let param = context.guestPointer(a.a2, 4, write: false) else { return fail(EFAULT) }
        return Int64(hostSchedSetscheduler(a.a0.int32, a.a1.int32, param))
    }

    /// Guest `sched_get_priority_max` (125) -> host `sched_get_priority_max`.
    func sysSchedGetPriorityMax(_ a: SyscallArgs) -> Int64 { Int64(hostSchedGetPriorityMax(a.a0.int32)) }

    /// Guest `sched_get_priority_min` (126) -> host `sched_get_priority_min`.
    func sysSchedGetPriorityMin(_ a: SyscallArgs) -> Int64 { Int64(hostSchedGetPriorityMin(a.a0.int32)) }

    /// Guest `sched_rr_get_interval` (127) -> host `sched_rr_get_interval`.
    func sysSchedRrGetInterval(_ a: SyscallArgs) -> Int64 {
        guard let out = context.guestPointer(a.a1, 16, write: true) else { return fail(EFAULT) }
        return Int64(hostSchedRrGetInterval(a.a0.int32, out))
    }

    /// Guest `getcpu` (168) -> host `getcpu` (both u32 outputs optional; the cache is unused).
    func sysGetcpu(_ a: SyscallArgs) -> Int64 {
        guard let cpu = context.optionalGuestPointer(a.a0, 4, write: true),
              let node = context.optionalGuestPointer(a.a1, 4, write: true) else { return fail(EFAULT) }
        return Int64(hostGetcpu(cpu, node))
    }

    /// Guest `getpriority` (141) -> host `getpriority` (the raw 20 - nice value).
    func sysGetpriority(_ a: SyscallArgs) -> Int64 { Int64(hostGetpriority(a.a0.int32, a.a1.int32)) }

    /// Guest `setpriority` (140) -> host `setpriority`.
    func sysSetpriority(_ a: SyscallArgs) -> Int64 {
        Int64(hostSetpriority(a.a0.int32, a.a1.int32, a.a2.int32))
    }

    /// Guest `times` (153) -> host `times` (struct tms, 32 bytes, may be NULL); returns clock
    /// ticks since an arbitrary point, as the host counts them (USER_HZ = 100 on both).
    func sysTimes(_ a: SyscallArgs) -> Int64 {
        guard let out = context.optionalGuestPointer(a.a0, 32, write: true) else { return fail(EFAULT) }
        return Int64(hostTimes(out))
    }
}
