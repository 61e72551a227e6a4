import Glibc

// File size, space, sync, locking, advice and file-system statistics. All arguments are
// integers, paths or buffers whose layouts match on riscv64 and x86-64: FALLOC_FL_*, LOCK_*,
// POSIX_FADV_* and SYNC_FILE_RANGE_* values are equal, and struct statfs is 120 bytes of
// 64-bit words on both (f_fsid @56, f_namelen @64, f_flags @80; checked with the cross headers).

extension SyscallDispatcher {
    /// Size of struct statfs on riscv64 and x86-64 (identical layouts).
    static let statfsSize = 120

    /// Guest `truncate` (45) -> host `truncate`.
    func sysTruncate(_ a: SyscallArgs) -> Int64 {
        context.withHostPath(a.a0) { hostTruncate($0, Int64(bitPattern: a.a1)) }
    }

    /// Guest `ftruncate` (46) -> host `ftruncate`.
    func sysFtruncate(_ a: SyscallArgs) -> Int64 {
        Int64(hostFtruncate(a.a0.int32, Int64(bitPattern: a.a1)))
    }

    /// Guest `fallocate` (47) -> host `fallocate`.
    func sysFallocate(_ a: SyscallArgs) -> Int64 {
        Int64(hostFallocate(a.a0.int32, a.a1.int32, Int64(bitPattern: a.a2), Int64(bitPattern: a.a3)))
    }

    /// Guest `fsync` (82) -> host `fsync`.
    func sysFsync(_ a: SyscallArgs) -> Int64 { Int64(hostFsync(a.a0.int32)) }

    /// Guest `fdatasync` (83) -> host `fdatasync`.
    func sysFdatasync(_ a: SyscallArgs) -> Int64 { Int64(hostFdatasync(a.a0.int32)) }

    /// Guest `sync` (81) -> host `sync`.
    func sysSync(_ a: SyscallArgs) -> Int64 { Int64(hostSync()) }

    /// Guest `syncfs` (267) -> host `syncfs`.
    func sysSyncfs(_ a: SyscallArgs) -> Int64 { Int64(hostSyncfs(a.a0.int32)) }

    /// Guest `sync_file_range` (84) -> host `sync_file_range` (same argument order).
    func sysSyncFileRange(_ a: SyscallArgs) -> Int64 {
        Int64(hostSyncFileRange(a.a0.int32, Int64(bitPattern: a.a1), Int64(bitPattern: a.a2), a.a3.uint32))
    }

    /// Guest `flock` (32) -> host `flock`.
    func sysFlock(_ a: SyscallArgs) -> Int64 { Int64(hostFlock(a.a0.int32, a.a1.int32)) }

    /// Guest `fadvise64` (223, the generic fadvise64_64: fd, offset, len, advice) -> host
    /// `fadvise64` (same order on x86-64).
    func sysFadvise64(_ a: SyscallArgs) -> Int64 {
        Int64(hostFadvise64(a.a0.int32, Int64(bitPattern: a.a1), Int64(bitPattern: a.a2), a.a3.int32))
    }

    /// Guest `readahead` (213) -> host `readahead`.
    func sysReadahead(_ a: SyscallArgs) -> Int64 {
        Int64(hostReadahead(a.a0.int32, Int64(bitPattern: a.a1), a.a2.int))
    }

    /// Guest `statfs` (43) -> host `statfs`; struct statfs is identical, written in place.
    func sysStatfs(_ a: SyscallArgs) -> Int64 {
        guard let out = context.guestPointer(a.a1, Self.statfsSize, write: true) else { return fail(EFAULT) }
        return context.withHostPath(a.a0) { hostStatfs($0, out) }
    }

    /// Guest `fstatfs` (44) -> host `fstatfs`; struct statfs is identical, written in place.
    func sysFstatfs(_ a: SyscallArgs) -> Int64 {
        guard let out = context.guestPointer(a.a1, Self.statfsSize, write: true) else { return fail(EFAULT) }
        return Int64(hostFstatfs(a.a0.int32, out))
    }

    /// Guest `mknodat` (33) -> host `mknodat` (mode and the u32 device number pass through).
    func sysMknodat(_ a: SyscallArgs) -> Int64 {
        context.withHostPath(a.a1) { hostMknodat(a.a0.int32, $0, a.a2.uint32, a.a3.uint32) }
    }
}
