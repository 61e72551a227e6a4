import Glibc

// Clocks and sleeps. struct timespec and struct timeval are {i64, i64} on both sides and clock
// ids are the same numbers, so the host kernel reads and writes guest memory directly.
// (The vDSO is not offered to the guest, so every clock read arrives here.)

extension SyscallDispatcher {
    /// Guest `clock_gettime` (113) -> host `clock_gettime`.
    func sysClockGettime(_ a: SyscallArgs) -> Int64 {
        guard let out = context.guestPointer(a.a1, 16, write: true) else { return fail(EFAULT) }
        let result = hostClockGettime(a.a0.int32, out)
        return Int64(result)
    }

    /// Guest `clock_getres` (114) -> host `clock_getres` (the result pointer may be NULL).
    func sysClockGetres(_ a: SyscallArgs) -> Int64 {
        guard let out = context.optionalGuestPointer(a.a1, 16, write: true) else { return fail(EFAULT) }
        let result = hostClockGetres(a.a0.int32, out)
        return Int64(result)
    }

    /// Guest `gettimeofday` (169) -> host `gettimeofday` (both pointers may be NULL).
    func sysGettimeofday(_ a: SyscallArgs) -> Int64 {
        guard let tv = context.optionalGuestPointer(a.a0, 16, write: true),
              let tz = context.optionalGuestPointer(a.a1, 8, write: true) else { return fail(EFAULT) }
        return Int64(hostGettimeofday(tv, tz))
    }

    /// Guest `nanosleep` (101) -> host `nanosleep`; -EINTR goes to the guest with the remainder.
    func sysNanosleep(_ a: SyscallArgs) -> Int64 {
        guard let request = context.guestPointer(a.a0, 16, write: false),
              let remaining = context.optionalGuestPointer(a.a1, 16, write: true) else { return fail(EFAULT) }
        return Int64(hostNanosleep(request, remaining))
    }

    /// Guest `clock_nanosleep` (115) -> host `clock_nanosleep`.
    func sysClockNanosleep(_ a: SyscallArgs) -> Int64 {
        guard let request = context.guestPointer(a.a2, 16, write: false),
              let remaining = context.optionalGuestPointer(a.a3, 16, write: true) else { return fail(EFAULT) }
        return Int64(hostClockNanosleep(a.a0.int32, a.a1.int32, request, remaining))
    }
}
