import Glibc

/// The vfork wait: the parent is suspended until the child execs or exits. A pipe whose ends
/// are O_CLOEXEC: the child keeps the write end, so a successful exec (native or of the
/// emulator) or the child's exit closes it, and the parent's read returns end-of-file.
/// Both ends are moved to high descriptor numbers so they do not take the lowest free numbers
/// the guest expects from open/dup, and a guest dup2 onto them is unlikely.
struct VforkRelease {
    let readEnd: Int32
    let writeEnd: Int32

    /// A new pipe, or the positive errno of pipe2.
    static func make() -> (VforkRelease?, Int32) {
        var fds: (Int32, Int32) = (-1, -1)
        let result = withUnsafeMutableBytes(of: &fds) { hostPipe2($0.baseAddress!.assumingMemoryBound(to: Int32.self), O_CLOEXEC) }
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
    /// does not hand it on.
    func adoptInChild(_ control: GuestProcessControl) {
        _ = hostClose(readEnd)
        control.vforkReleaseDescriptor = writeEnd
    }

    /// In the parent: waits until every copy of the write end is closed, then closes the read end.
    func waitInParent() {
        _ = hostClose(writeEnd)
        var byte: UInt8 = 0
        while true {
            let n = hostRead(readEnd, &byte, 1)
            if n == -Int(EINTR) { continue }
            if n <= 0 { break }
        }
        _ = hostClose(readEnd)
    }

    /// The fork failed: both ends are closed.
    func abandon() {
        _ = hostClose(readEnd)
        _ = hostClose(writeEnd)
    }
}
