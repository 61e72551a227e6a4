import Glibc

// ppoll and pselect6 (the generic table has no poll or select). struct pollfd (8 bytes), fd_set
// (a bit array of u64) and struct timespec (two i64) match x86-64, so the host kernel works on
// guest memory directly; the timeout is copied, and the remaining time written back when the
// guest's timespec is writable (the kernel ignores a failed write-back there too).
//
// The temporary signal mask applies while the call waits (`withTemporarySignalMask`); when a
// signal ends the call, descriptors that are ready already are the result instead.

extension SyscallDispatcher {
    /// Guest `ppoll` (73: fds, nfds, timeout, sigmask, sigsetsize) -> host `ppoll`, the guest's
    /// temporary mask applied around it.
    func sysPpoll(_ a: SyscallArgs) -> Int64 {
        let count = a.a1.int
        guard count >= 0, count <= 1 << 20 else { return fail(EINVAL) }
        guard let fds = context.guestPointer(a.a0, count * 8, write: true) else { return fail(EFAULT) }
        if let error = checkTemporaryMask(pointer: a.a3, size: a.a4) { return fail(error) }
        let mask = a.a3 == 0 ? nil : context.loadGuest(a.a3, as: UInt64.self)
        return withGuestTimeout(a.a2) { timeout in
            withTemporarySignalMask(mask, readyFirst: { hostPollNow(fds, count) }) { hostPpoll(fds, count, timeout) }
        }
    }

    /// Guest `pselect6` (72: nfds, readfds, writefds, exceptfds, timeout, {sigmask*, size}*)
    /// -> host `pselect6`, the guest's temporary mask applied around it.
    func sysPselect6(_ a: SyscallArgs) -> Int64 {
        let count = a.a0.int32
        guard count >= 0 else { return fail(EINVAL) }
        // fd_set words as the kernel copies them: ceil(nfds / 64) u64s.
        let bytes = (Int(count) + 63) / 64 * 8
        guard let read = context.optionalGuestPointer(a.a1, bytes, write: true),
              let write = context.optionalGuestPointer(a.a2, bytes, write: true),
              let except = context.optionalGuestPointer(a.a3, bytes, write: true) else { return fail(EFAULT) }
        var temporaryMask: UInt64?
        if a.a5 != 0 {
            guard let mask = context.loadGuest(a.a5, as: UInt64.self),
                  let size = context.loadGuest(a.a5 + 8, as: UInt64.self) else { return fail(EFAULT) }
            if let error = checkTemporaryMask(pointer: mask, size: size) { return fail(error) }
            if mask != 0 { temporaryMask = context.loadGuest(mask, as: UInt64.self) }
        }
        return withGuestTimeout(a.a4) { timeout in
            withTemporarySignalMask(temporaryMask, readyFirst: { hostSelectNow(count, read, write, except, bytes: bytes) }) {
                hostPselect6(count, read, write, except, timeout)
            }
        }
    }

    /// The errno for a bad temporary sigmask argument (pointer + size), nil when acceptable.
    private func checkTemporaryMask(pointer: UInt64, size: UInt64) -> Int32? {
        guard pointer != 0 else { return nil }
        guard size == Self.guestSigsetSize else { return EINVAL }
        guard context.loadGuest(pointer, as: UInt64.self) != nil else { return EFAULT }
        return nil
    }

    /// Runs `call` with a host copy of the guest timespec at `address` (nil for NULL) and
    /// writes the remaining time back when the guest's copy is writable.
    private func withGuestTimeout(_ address: UInt64, _ call: (UnsafeMutableRawPointer?) -> Int) -> Int64 {
        if address == 0 { return Int64(call(nil)) }
        guard let seconds = context.loadGuest(address, as: Int64.self),
              let nanoseconds = context.loadGuest(address + 8, as: Int64.self) else { return fail(EFAULT) }
        var timeout = (seconds, nanoseconds)
        let result = withUnsafeMutableBytes(of: &timeout) { call($0.baseAddress!) }
        if context.guestPointer(address, 16, write: true) != nil {
            _ = context.storeGuest(address, timeout.0)
            _ = context.storeGuest(address + 8, timeout.1)
        }
        return Int64(result)
    }
}

/// ppoll(2) with a zero timeout, not interrupted by queued guest signals (it does not sleep);
/// writes revents as the waiting call would.
private func hostPollNow(_ fds: UnsafeMutableRawPointer, _ count: Int) -> Int {
    withZeroTimeout { hostSyscall(.ppoll, hostArg(fds), count, $0, 0, 8) }
}

/// pselect6(2) with a zero timeout, not interrupted by queued guest signals; the fd sets
/// (`bytes` each) are left as they were unless some descriptor is ready, as the kernel leaves
/// them when the waiting call fails.
private func hostSelectNow(_ count: Int32, _ read: UnsafeMutableRawPointer?, _ write: UnsafeMutableRawPointer?,
                           _ except: UnsafeMutableRawPointer?, bytes: Int) -> Int {
    let sets = [read, write, except]
    let saved = sets.map { set in set.map { Array(UnsafeRawBufferPointer(start: $0, count: bytes)) } }
    let ready = withZeroTimeout { hostSyscall(.pselect6, Int(count), hostArg(read), hostArg(write), hostArg(except), $0, 0) }
    if ready <= 0 && bytes > 0 {
        for (set, copy) in zip(sets, saved) {
            if let set, let copy { copy.withUnsafeBytes { set.copyMemory(from: $0.baseAddress!, byteCount: bytes) } }
        }
    }
    return ready
}
