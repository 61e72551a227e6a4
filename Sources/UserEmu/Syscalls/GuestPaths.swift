import Glibc

// Guest path lookup, as qemu-user does it: with `-L prefix`, an absolute guest path is tried
// inside the prefix first and used from there when it exists (lstat); /proc, /dev and /sys
// always mean the host's. `/proc/self/exe` names the guest program, not the emulator.
// Paths are handled as exact bytes (a guest path need not be valid UTF-8).

extension GuestProcessContext {
    /// True for the paths that name the running executable: /proc/self/exe,
    /// /proc/thread-self/exe and /proc/<own pid>/exe.
    func isOwnExeLink(_ path: [UInt8]) -> Bool {
        let proc = Array("/proc/".utf8), exe = Array("/exe".utf8)
        guard path.count > proc.count + exe.count, path.starts(with: proc), path.suffix(exe.count).elementsEqual(exe) else {
            return false
        }
        let middle = path[proc.count..<(path.count - exe.count)]
        return middle.elementsEqual("self".utf8) || middle.elementsEqual("thread-self".utf8)
            || middle.elementsEqual(String(hostGetpid()).utf8)
    }

    /// The host path to use for a guest path (see the comment at the top of this file).
    func hostPath(forGuestPath path: [UInt8]) -> [UInt8] {
        if isOwnExeLink(path) { return Array(exePath.utf8) }
        guard let prefix = ldPrefix, !prefix.isEmpty, path.first == UInt8(ascii: "/"), path.count > 1 else { return path }
        for host in ["/proc", "/dev", "/sys"] {
            let bytes = Array(host.utf8)
            if path.starts(with: bytes), path.count == bytes.count || path[bytes.count] == UInt8(ascii: "/") {
                return path
            }
        }
        var candidate = Array(prefix.utf8)
        if candidate.last == UInt8(ascii: "/") { candidate.removeLast() }
        candidate += path
        var buffer = stat()
        let found = withCString(candidate) { hostNewfstatat(AT_FDCWD, $0, &buffer, AT_SYMLINK_NOFOLLOW) }
        return found == 0 ? candidate : path
    }

    /// Reads the guest path at `address`, resolves it, and runs `body` with the host C string;
    /// -EFAULT when the path is unreadable. `resolve: false` keeps the path as given (symlink
    /// targets).
    func withHostPath(_ address: UInt64, resolve: Bool = true, _ body: (UnsafePointer<CChar>) -> Int) -> Int64 {
        guard let path = readGuestPath(address) else { return fail(EFAULT) }
        return Int64(withCString(resolve ? hostPath(forGuestPath: path) : path, body))
    }
}

/// Runs `body` with `bytes` as a NUL-terminated C string.
func withCString<R>(_ bytes: [UInt8], _ body: (UnsafePointer<CChar>) -> R) -> R {
    var terminated = bytes
    terminated.append(0)
    return terminated.withUnsafeBytes { body($0.baseAddress!.assumingMemoryBound(to: CChar.self)) }
}
