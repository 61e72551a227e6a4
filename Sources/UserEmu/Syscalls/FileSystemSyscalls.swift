import Glibc

// Path-based calls. Every guest path goes through `hostPath(forGuestPath:)` (the -L prefix and
// /proc/self/exe); *at dirfds, AT_* flags and modes have the same values on both sides.

extension SyscallDispatcher {
    /// Guest `newfstatat` (79) -> host `newfstatat`, converting struct stat (x86-64 144 bytes
    /// -> generic 128 bytes).
    func sysNewfstatat(_ a: SyscallArgs) -> Int64 {
        guard let out = context.guestPointer(a.a2, GuestStat.byteSize, write: true) else { return fail(EFAULT) }
        var host = stat()
        let result = context.withHostPath(a.a1) { hostNewfstatat(a.a0.int32, $0, &host, a.a3.int32) }
        guard result == 0 else { return result }
        hostToGuestStat(host).store(to: out)
        return 0
    }

    /// Guest `fstat` (80) -> host `fstat`, converting struct stat.
    func sysFstat(_ a: SyscallArgs) -> Int64 {
        guard let out = context.guestPointer(a.a1, GuestStat.byteSize, write: true) else { return fail(EFAULT) }
        var host = stat()
        let result = hostFstat(a.a0.int32, &host)
        guard result == 0 else { return Int64(result) }
        hostToGuestStat(host).store(to: out)
        return 0
    }

    /// Guest `statx` (291) -> host `statx`; struct statx (256 bytes) is identical, so the host
    /// kernel writes the guest buffer directly.
    func sysStatx(_ a: SyscallArgs) -> Int64 {
        guard let out = context.guestPointer(a.a4, 256, write: true) else { return fail(EFAULT) }
        let result = context.withHostPath(a.a1) { hostStatx(a.a0.int32, $0, a.a2.int32, a.a3.uint32, out) }
        return result
    }

    /// Guest `readlinkat` (78) -> host `readlinkat`. /proc/self/exe, /proc/thread-self/exe and
    /// /proc/<own pid>/exe read as the guest program's path (qemu-user does the same).
    func sysReadlinkat(_ a: SyscallArgs) -> Int64 {
        let size = a.a3.int
        guard size > 0 else { return fail(EINVAL) }
        guard let path = context.readGuestPath(a.a1) else { return fail(EFAULT) }
        guard let out = context.guestPointer(a.a2, size, write: true) else { return fail(EFAULT) }
        if context.isOwnExeLink(path) {
            var exe = context.exePath
            let written = exe.withUTF8 { bytes -> Int in
                let n = min(bytes.count, size)
                out.copyMemory(from: bytes.baseAddress!, byteCount: n)
                return n
            }
            return Int64(written)
        }
        let host = context.hostPath(forGuestPath: path)
        return Int64(withCString(host) { hostReadlinkat(a.a0.int32, $0, out, size) })
    }

    /// Guest `faccessat` (48) -> host `faccessat`.
    func sysFaccessat(_ a: SyscallArgs) -> Int64 {
        context.withHostPath(a.a1) { hostFaccessat2(a.a0.int32, $0, a.a2.int32, 0) }
    }

    /// Guest `faccessat2` (439) -> host `faccessat2`.
    func sysFaccessat2(_ a: SyscallArgs) -> Int64 {
        context.withHostPath(a.a1) { hostFaccessat2(a.a0.int32, $0, a.a2.int32, a.a3.int32) }
    }

    /// Guest `mkdirat` (34) -> host `mkdirat`.
    func sysMkdirat(_ a: SyscallArgs) -> Int64 {
        context.withHostPath(a.a1) { hostMkdirat(a.a0.int32, $0, a.a2.uint32) }
    }

    /// Guest `unlinkat` (35) -> host `unlinkat`.
    func sysUnlinkat(_ a: SyscallArgs) -> Int64 {
        context.withHostPath(a.a1) { hostUnlinkat(a.a0.int32, $0, a.a2.int32) }
    }

    /// Guest `renameat2` (276) -> host `renameat2`. (riscv64 has no renameat.)
    func sysRenameat2(_ a: SyscallArgs) -> Int64 {
        context.withHostPath(a.a1) { old in
            Int(context.withHostPath(a.a3) { new in hostRenameat2(a.a0.int32, old, a.a2.int32, new, a.a4.uint32) })
        }
    }

    /// Guest `symlinkat` (36) -> host `symlinkat`; the target is stored as given.
    func sysSymlinkat(_ a: SyscallArgs) -> Int64 {
        context.withHostPath(a.a0, resolve: false) { target in
            Int(context.withHostPath(a.a2) { path in hostSymlinkat(target, a.a1.int32, path) })
        }
    }

    /// Guest `linkat` (37) -> host `linkat`.
    func sysLinkat(_ a: SyscallArgs) -> Int64 {
        context.withHostPath(a.a1) { old in
            Int(context.withHostPath(a.a3) { new in hostLinkat(a.a0.int32, old, a.a2.int32, new, a.a4.int32) })
        }
    }

    /// Guest `fchmod` (52) -> host `fchmod`.
    func sysFchmod(_ a: SyscallArgs) -> Int64 {
        Int64(hostFchmod(a.a0.int32, a.a1.uint32))
    }

    /// Guest `fchmodat` (53) -> host `fchmodat`.
    func sysFchmodat(_ a: SyscallArgs) -> Int64 {
        context.withHostPath(a.a1) { hostFchmodat(a.a0.int32, $0, a.a2.uint32) }
    }

    /// Guest `fchown` (55) -> host `fchown`.
    func sysFchown(_ a: SyscallArgs) -> Int64 {
        Int64(hostFchown(a.a0.int32, a.a1.uint32, a.a2.uint32))
    }

    /// Guest `fchownat` (54) -> host `fchownat`.
    func sysFchownat(_ a: SyscallArgs) -> Int64 {
        context.withHostPath(a.a1) { hostFchownat(a.a0.int32, $0, a.a2.uint32, a.a3.uint32, a.a4.int32) }
    }

    /// Guest `utimensat` (88) -> host `utimensat`. The path may be NULL (futimens) and the
    /// times pointer may be NULL (now); struct timespec[2] is 32 bytes on both.
    func sysUtimensat(_ a: SyscallArgs) -> Int64 {
        guard let times = context.optionalGuestPointer(a.a2, 32, write: false) else { return fail(EFAULT) }
        if a.a1 == 0 {
            return Int64(hostUtimensat(a.a0.int32, nil, times, a.a3.int32))
        }
        return context.withHostPath(a.a1) { hostUtimensat(a.a0.int32, $0, times, a.a3.int32) }
    }

    /// Guest `getcwd` (17) -> host `getcwd` (returns the length including the NUL).
    func sysGetcwd(_ a: SyscallArgs) -> Int64 {
        let size = a.a1.int
        guard let out = context.guestPointer(a.a0, size, write: true) else { return fail(EFAULT) }
        let result = hostGetcwd(out, size)
        return Int64(result)
    }

    /// Guest `chdir` (49) -> host `chdir`.
    func sysChdir(_ a: SyscallArgs) -> Int64 {
        context.withHostPath(a.a0) { hostChdir($0) }
    }

    /// Guest `fchdir` (50) -> host `fchdir`.
    func sysFchdir(_ a: SyscallArgs) -> Int64 {
        Int64(hostFchdir(a.a0.int32))
    }

    /// Guest `umask` (166) -> host `umask`.
    func sysUmask(_ a: SyscallArgs) -> Int64 {
        Int64(hostUmask(a.a0.uint32 & 0o777))
    }
}
