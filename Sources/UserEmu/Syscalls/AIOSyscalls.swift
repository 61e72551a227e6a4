import Glibc

// Linux native AIO (libaio): io_setup, io_destroy, io_submit, io_cancel, io_getevents,
// io_pgetevents.
//
// struct iocb (64 bytes) and struct io_event (32 bytes) are equal on riscv64 and x86-64, but an
// iocb holds guest pointers (aio_buf, or an iovec array for PREADV/PWRITEV), and the kernel
// reports each completion with the *address* of the iocb that was submitted (io_event.obj) and
// finds an iocb to cancel by that address. So every submitted guest iocb gets a host copy with
// translated buffers; the copy stays alive, keyed both ways, until its event is reaped or it is
// cancelled, and `obj` is mapped back to the guest iocb address.
//
// The host's aio_context_t is the address of a ring the kernel maps into the host process,
// outside guest space, and libaio reads it (ring->magic) in user space. The guest gets the
// address of a read-only zero page instead: libaio sees no ring magic and always makes the
// io_getevents syscall.

/// Per-process AIO bookkeeping, shared by the guest's threads: every read and change of a
/// table happens under `ProcessStateLock` (the accessors take it; `_modify` holds it while the
/// caller changes the dictionary in place), never across the host io_* call itself.
public final class GuestAIOTable {
    /// Guest context id (the zero page's guest address) -> host aio_context_t.
    var contexts: [UInt64: UInt64] {
        get { ProcessStateLock.locked { storedContexts } }
        _modify { ProcessStateLock.lock(); defer { ProcessStateLock.unlock() }; yield &storedContexts }
    }
    /// Guest iocb address -> its host copy, while in flight.
    var hostCopies: [UInt64: UnsafeMutableRawPointer] {
        get { ProcessStateLock.locked { storedHostCopies } }
        _modify { ProcessStateLock.lock(); defer { ProcessStateLock.unlock() }; yield &storedHostCopies }
    }
    /// Host copy address -> guest iocb address.
    var guestIocbs: [UInt: UInt64] {
        get { ProcessStateLock.locked { storedGuestIocbs } }
        _modify { ProcessStateLock.lock(); defer { ProcessStateLock.unlock() }; yield &storedGuestIocbs }
    }
    private var storedContexts: [UInt64: UInt64] = [:]
    private var storedHostCopies: [UInt64: UnsafeMutableRawPointer] = [:]
    private var storedGuestIocbs: [UInt: UInt64] = [:]

    /// An empty table.
    public init() {}

    deinit {
        for (_, copy) in storedHostCopies { copy.deallocate() }
    }

    /// Forgets the host copy of the iocb whose host address is `host`; returns the guest address.
    func complete(host: UInt64) -> UInt64? {
        ProcessStateLock.locked {
            guard let guest = storedGuestIocbs.removeValue(forKey: UInt(host)) else { return nil }
            storedHostCopies.removeValue(forKey: guest)?.deallocate()
            return guest
        }
    }
}

/// struct iocb offsets and opcodes (include/uapi/linux/aio_abi.h).
enum GuestIocb {
    static let size = 64
    static let opcode = 16, buffer = 24, count = 32
    static let pread: UInt16 = 0, pwrite: UInt16 = 1, preadv: UInt16 = 7, pwritev: UInt16 = 8
    static let eventSize = 32
}

extension SyscallDispatcher {
    /// Guest `io_setup` (0: nr_events, ctx*) -> host `io_setup`; the guest's id is a zero page.
    func sysIoSetup(_ a: SyscallArgs) -> Int64 {
        guard let current = context.loadGuest(a.a1, as: UInt64.self) else { return fail(EFAULT) }
        guard current == 0, context.guestPointer(a.a1, 8, write: true) != nil else { return fail(current == 0 ? EFAULT : EINVAL) }
        var host: UInt64 = 0
        let r = hostPassthrough(.io_setup, Int(a.a0.uint32), hostArg(&host))
        guard r >= 0 else { return Int64(r) }
        let page = context.addressSpace.map(address: 0, length: 4096, protection: MemoryABI.Prot.read,
                                            flags: MemoryABI.Map.private | MemoryABI.Map.anonymous, fd: -1, offset: 0)
        guard page >= 0 else {
            _ = hostPassthrough(.io_destroy, Int(bitPattern: UInt(host)))
            return fail(EAGAIN)
        }
        context.aio.contexts[UInt64(page)] = host
        _ = context.storeGuest(a.a1, UInt64(page))
        return 0
    }

    /// Guest `io_destroy` (1: ctx) -> host `io_destroy`, then the zero page goes away.
    func sysIoDestroy(_ a: SyscallArgs) -> Int64 {
        guard let host = context.aio.contexts[a.a0] else { return fail(EINVAL) }
        let r = hostPassthrough(.io_destroy, Int(bitPattern: UInt(host)))
        if r == 0 {
            context.aio.contexts[a.a0] = nil
            _ = context.addressSpace.unmap(address: a.a0, length: 4096)
        }
        return Int64(r)
    }

    /// Guest `io_submit` (2: ctx, nr, iocb**) -> host `io_submit` with host copies of the
    /// iocbs (buffers and iovec arrays translated). Returns how many were queued.
    func sysIoSubmit(_ a: SyscallArgs) -> Int64 {
        guard let host = context.aio.contexts[a.a0] else { return fail(EINVAL) }
        let count = Int(Int64(bitPattern: a.a1))
        guard count >= 0 else { return fail(EINVAL) }
        if count == 0 { return 0 }
        guard count <= 1 << 16, let list = context.guestPointer(a.a2, count * 8, write: false) else { return fail(EFAULT) }
        var copies: [UnsafeMutableRawPointer] = []
        var iovecArrays: [UnsafeMutableRawPointer] = []
        defer { for p in iovecArrays { p.deallocate() } }
        var firstError: Int32 = 0
        for i in 0..<count {
            let guestIocb = UInt64(littleEndian: list.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self))
            guard context.aio.hostCopies[guestIocb] == nil else { firstError = EINVAL; break }
            guard let source = context.guestPointer(guestIocb, GuestIocb.size, write: false) else { firstError = EFAULT; break }
            let copy = UnsafeMutableRawPointer.allocate(byteCount: GuestIocb.size, alignment: 8)
            copy.copyMemory(from: source, byteCount: GuestIocb.size)
            let opcode = copy.load(fromByteOffset: GuestIocb.opcode, as: UInt16.self)
            let buffer = copy.load(fromByteOffset: GuestIocb.buffer, as: UInt64.self)
            let length = copy.load(fromByteOffset: GuestIocb.count, as: UInt64.self)
            var error: Int32 = 0
            switch opcode {
            case GuestIocb.pread, GuestIocb.pwrite:
                if length > UInt64(Int.max) { error = EINVAL }
                else if let p = context.guestPointer(buffer, Int(length), write: opcode == GuestIocb.pread) {
                    copy.storeBytes(of: UInt64(UInt(bitPattern: p)), toByteOffset: GuestIocb.buffer, as: UInt64.self)
                } else { error = EFAULT }
            case GuestIocb.preadv, GuestIocb.pwritev:
                if length > UInt64(GuestProcessContext.maxIovecs) { error = EINVAL } else {
                    let iov = UnsafeMutableRawPointer.allocate(byteCount: max(Int(length), 1) * 16, alignment: 8)
                    iovecArrays.append(iov)
                    error = context.translateIovecs(buffer, count: Int(length), write: opcode == GuestIocb.preadv, into: iov)
                    copy.storeBytes(of: UInt64(UInt(bitPattern: iov)), toByteOffset: GuestIocb.buffer, as: UInt64.self)
                }
            default:
                break  // FSYNC, FDSYNC, POLL, NOOP: no buffer
            }
            if error != 0 { copy.deallocate(); firstError = error; break }
            copies.append(copy)
            context.aio.hostCopies[guestIocb] = copy
            context.aio.guestIocbs[UInt(bitPattern: copy)] = guestIocb
        }
        if copies.isEmpty { return fail(firstError == 0 ? EINVAL : firstError) }
        let pointers = copies.map { UInt(bitPattern: $0) }
        let r = pointers.withUnsafeBytes { hostPassthrough(.io_submit, Int(bitPattern: UInt(host)), copies.count, hostArg($0.baseAddress)) }
        // Copies the kernel did not take are forgotten again.
        let taken = r < 0 ? 0 : r
        for copy in copies[taken...] { _ = context.aio.complete(host: UInt64(UInt(bitPattern: copy))) }
        return Int64(r)
    }

    /// Rewrites io_event.obj of `count` events at `events` from host copies to guest iocbs.
    private func guestEvents(_ events: UnsafeMutableRawPointer, count: Int) {
        for i in 0..<count {
            let obj = events.load(fromByteOffset: i * GuestIocb.eventSize + 8, as: UInt64.self)
            if let guest = context.aio.complete(host: obj) {
                events.storeBytes(of: guest, toByteOffset: i * GuestIocb.eventSize + 8, as: UInt64.self)
            }
        }
    }

    /// Guest `io_getevents` (4: ctx, min_nr, nr, events*, timeout*) -> host; events land in
    /// guest memory and their obj fields are mapped back. EINTR: to caller.
    func sysIoGetevents(_ a: SyscallArgs) -> Int64 {
        guard let host = context.aio.contexts[a.a0] else { return fail(EINVAL) }
        let count = Int(Int64(bitPattern: a.a2))
        guard count >= 0, count <= 1 << 20 else { return fail(EINVAL) }
        guard let events = context.guestPointer(a.a3, count * GuestIocb.eventSize, write: true),
              let timeout = context.optionalGuestPointer(a.a4, 16, write: false) else { return fail(EFAULT) }
        let r = hostPassthrough(.io_getevents, Int(bitPattern: UInt(host)), Int(Int64(bitPattern: a.a1)), count,
                                hostArg(events), hostArg(timeout))
        if r > 0 { guestEvents(events, count: r) }
        return Int64(r)
    }

    /// Guest `io_pgetevents` (292: ctx, min_nr, nr, events*, timeout*, usig*) -> host
    /// `io_getevents` with the guest's temporary signal mask applied around it
    /// (`withTemporarySignalMask`, as ppoll). usig points at struct __aio_sigset
    /// {const sigset_t *sigmask; size_t sigsetsize}; the checks come in the kernel's order:
    /// timeout and usig unreadable EFAULT, a sigsetsize other than 8 EINVAL, an unreadable mask
    /// EFAULT, then the context (EINVAL). A NULL usig or sigmask is io_getevents. A signal ends
    /// the wait with EINTR once a handler ran (-ERESTARTNOHAND in the kernel), unless events
    /// have completed already: those are the result, and the handler runs all the same (the
    /// kernel keeps the temporary mask whenever a signal is pending). EINTR: to caller.
    func sysIoPgetevents(_ a: SyscallArgs) -> Int64 {
        guard let timeout = context.optionalGuestPointer(a.a4, 16, write: false) else { return fail(EFAULT) }
        var temporaryMask: UInt64?
        if a.a5 != 0 {
            guard let maskAddress = context.loadGuest(a.a5, as: UInt64.self),
                  let size = context.loadGuest(a.a5 + 8, as: UInt64.self) else { return fail(EFAULT) }
            if maskAddress != 0 {
                guard size == Self.guestSigsetSize else { return fail(EINVAL) }
                guard let mask = context.loadGuest(maskAddress, as: UInt64.self) else { return fail(EFAULT) }
                temporaryMask = mask
            }
        }
        guard let host = context.aio.contexts[a.a0] else { return fail(EINVAL) }
        let count = Int(Int64(bitPattern: a.a2))
        guard count >= 0, count <= 1 << 20 else { return fail(EINVAL) }
        guard let events = context.guestPointer(a.a3, count * GuestIocb.eventSize, write: true) else { return fail(EFAULT) }
        // Completions already there are the result even when a signal ends the wait; the
        // signal's handler still runs, as in the kernel (zero timeout).
        let completedNow = { withZeroTimeout { hostSyscall(.io_getevents, Int(bitPattern: UInt(host)), 0, count, hostArg(events), $0) } }
        let r = withTemporarySignalMask(temporaryMask, readyFirst: completedNow, deliverAfterReady: true) {
            hostPassthrough(.io_getevents, Int(bitPattern: UInt(host)), Int(Int64(bitPattern: a.a1)), count,
                            hostArg(events), hostArg(timeout))
        }
        if r > 0 { guestEvents(events, count: r) }
        return Int64(r)
    }

    /// Guest `io_cancel` (3: ctx, iocb*, result*) -> host with the iocb's host copy.
    func sysIoCancel(_ a: SyscallArgs) -> Int64 {
        guard let host = context.aio.contexts[a.a0] else { return fail(EINVAL) }
        guard let copy = context.aio.hostCopies[a.a1] else { return fail(EINVAL) }
        guard let result = context.guestPointer(a.a2, GuestIocb.eventSize, write: true) else { return fail(EFAULT) }
        let r = hostPassthrough(.io_cancel, Int(bitPattern: UInt(host)), hostArg(copy), hostArg(result))
        if r == 0 { guestEvents(result, count: 1) }
        return Int64(r)
    }
}
