import Glibc

/// The vfork wait: the parent is suspended until the child execs or exits, then takes in the
/// child's writes to the memory they share on Linux (`VforkWriteBack`). A connected pair of
/// AF_UNIX stream sockets whose ends are close-on-exec: the child keeps its end, so a
/// successful exec (native or of the emulator) or the child's exit closes it, and the parent's
/// read returns end-of-file. The child sends its writes down it before each exec attempt and
/// at exit (a socket rather than a pipe so that MSG_NOSIGNAL spares it a SIGPIPE when the
/// parent is gone). Both ends are moved to high descriptor numbers so they do not take the
/// lowest free numbers the guest expects from open/dup, and the guest's close, close_range and
/// dup3 leave the child's end alone (`SyscallDispatcher.isVforkDescriptor`).
struct VforkRelease {
    let readEnd: Int32
    let writeEnd: Int32

    /// A new channel, or the positive errno of socketpair.
    static func make() -> (VforkRelease?, Int32) {
        var fds: (Int32, Int32) = (-1, -1)
        let type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        let result = withUnsafeMutableBytes(of: &fds) { hostSocketpair(AF_UNIX, type, 0, $0.baseAddress!) }
        guard result == 0 else { return (nil, Int32(-result)) }
        return (VforkRelease(readEnd: moveHigh(fds.0), writeEnd: moveHigh(fds.1)), 0)
    }

    /// `fd` moved to a descriptor near the top of RLIMIT_NOFILE (kept in place when that fails).
    static func moveHigh(_ fd: Int32) -> Int32 {
        var limit = rlimit()
        guard getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return fd }
        let top = min(UInt64(limit.rlim_cur), 1 << 20)
        guard top > 64 else { return fd }
        let moved = hostFcntl(fd, F_DUPFD_CLOEXEC, Int(top - 32))
        guard moved >= 0 else { return fd }
        _ = hostClose(fd)
        return Int32(moved)
    }

    /// In the child: keeps only the write end, recorded so that a later fork of this child
    /// does not hand it on and the writes can be sent down it.
    func adoptInChild(_ control: GuestProcessControl) {
        _ = hostClose(readEnd)
        control.vforkReleaseDescriptor = writeEnd
    }

    /// In the parent: waits until every copy of the write end is closed (a guest signal does
    /// not end the wait, as in Linux), then applies the child's writes to `space` and closes the
    /// read end.
    func waitInParent(applyingTo space: GuestAddressSpace) {
        _ = hostClose(writeEnd)
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { hostReadInternal(readEnd, $0.baseAddress!, $0.count) }
            if n <= 0 { break }
            received += chunk[..<n]
        }
        _ = hostClose(readEnd)
        VforkWriteBack.apply(received, to: space)
    }

    /// The fork failed: both ends are closed.
    func abandon() {
        _ = hostClose(readEnd)
        _ = hostClose(writeEnd)
    }
}

extension SyscallDispatcher {
    /// True when `fd` is the vfork channel of this vfork child, which the guest does not own.
    func isVforkDescriptor(_ fd: Int32) -> Bool {
        fd >= 0 && fd == context.process?.vforkReleaseDescriptor
    }

    /// Moves the vfork channel to another high descriptor (the guest dup3s onto its number);
    /// it stays in place when none is free.
    func moveVforkDescriptor() {
        guard let control = context.process, control.vforkReleaseDescriptor >= 0 else { return }
        let old = control.vforkReleaseDescriptor
        let moved = hostFcntl(old, F_DUPFD_CLOEXEC, Int(max(old - 32, 3)))
        guard moved >= 0 else { return }
        _ = hostClose(old)
        control.vforkReleaseDescriptor = Int32(moved)
    }
}
