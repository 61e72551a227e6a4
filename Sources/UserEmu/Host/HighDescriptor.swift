import Glibc

/// Moves an emulator-internal descriptor near the top of RLIMIT_NOFILE (64 below it, at most
/// 2^20), so it does not take one of the lowest free numbers that a guest's open, dup or
/// socket must return as on hardware. Returns the new descriptor, close-on-exec unless
/// `closeOnExec` is false; `fd` is closed. When the limit is small (128 or less) or the move
/// fails, `fd` is returned unchanged.
func hostMoveDescriptorHigh(_ fd: Int32, closeOnExec: Bool = true) -> Int32 {
    var limit = rlimit()
    guard getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return fd }
    let top = min(UInt64(limit.rlim_cur), 1 << 20)
    guard top > 128 else { return fd }
    let moved = hostFcntl(fd, closeOnExec ? F_DUPFD_CLOEXEC : F_DUPFD, Int(top - 64))
    guard moved >= 0 else { return fd }
    _ = hostClose(fd)
    return Int32(moved)
}
