import Glibc

// prctl: the options with integer arguments or small fixed buffers that mean the same on the
// host pass through; options that would change the emulator itself (seccomp filters, PR_SET_MM,
// the tid address) or need emulation fail with -EINVAL and are named by -d unimp, as in
// qemu-user. Option values are arch-independent (linux/prctl.h).

extension SyscallDispatcher {
    /// Guest `prctl` (167) -> host `prctl` for: PR_SET_PDEATHSIG 1, PR_GET_PDEATHSIG 2 (int*),
    /// PR_GET/SET_DUMPABLE 3/4, PR_GET/SET_KEEPCAPS 7/8, PR_SET_NAME 15 / PR_GET_NAME 16
    /// (16-byte comm), PR_GET_SECCOMP 21, PR_CAPBSET_READ 23, PR_GET/SET_TIMERSLACK 29/30,
    /// PR_SET/GET_CHILD_SUBREAPER 36/37 (int*), PR_SET/GET_NO_NEW_PRIVS 38/39,
    /// PR_SET/GET_THP_DISABLE 41/42; PR_GET_TID_ADDRESS 40 from the thread's state. Others: -EINVAL, logged as `Unsupported prctl: option=N`.
    func sysPrctl(_ a: SyscallArgs) -> Int64 {
        let option = a.a0.int32
        switch option {
        case 1, 3, 4, 7, 8, 21, 23, 29, 30, 36, 38, 39, 41, 42:
            return Int64(hostPrctl(option, Int(bitPattern: UInt(a.a1)), Int(bitPattern: UInt(a.a2)),
                                   Int(bitPattern: UInt(a.a3)), Int(bitPattern: UInt(a.a4))))
        case 2, 37: // the result goes to an int*
            guard let out = context.guestPointer(a.a1, 4, write: true) else { return fail(EFAULT) }
            return Int64(hostPrctl(option, Int(bitPattern: out)))
        case 15: // PR_SET_NAME: at most 15 bytes + NUL are taken
            var name = [UInt8](repeating: 0, count: 16)
            if let bytes = context.addressSpace.readCStringBytes(a.a1, limit: 16) {
                name.replaceSubrange(0..<bytes.count, with: bytes)
            } else if let raw = context.addressSpace.read(a.a1, count: 15) {
                name.replaceSubrange(0..<15, with: raw)
            } else {
                return fail(EFAULT)
            }
            let result = name.withUnsafeBytes { hostPrctl(option, Int(bitPattern: $0.baseAddress!)) }
            // The name is per thread; /proc/self/comm shows the main thread's.
            if result == 0 && (thread.tid == 0 || thread.tid == getpid()) { context.commName = Array(name.prefix { $0 != 0 }) }
            return Int64(result)
        case 16: // PR_GET_NAME: 16 bytes
            guard let out = context.guestPointer(a.a1, 16, write: true) else { return fail(EFAULT) }
            return Int64(hostPrctl(option, Int(bitPattern: out)))
        case 40: // PR_GET_TID_ADDRESS: the thread's clear_child_tid (set_tid_address, CLONE_CHILD_CLEARTID)
            return context.storeGuest(a.a1, thread.clearChildTid) ? 0 : fail(EFAULT)
        default:
            context.logUnimp("Unsupported prctl: option=\(option)")
            return fail(EINVAL)
        }
    }
}
