import CSwiftQemu

/// Thin wrappers over the host's memory-management syscalls (mmap, munmap, mprotect, mremap,
/// madvise). Each returns the raw kernel result: a non-negative value on success, -errno on
/// failure; errno is never touched.
///
/// EINTR policy: none of these calls sleeps interruptibly (MAP_POPULATE faults pages in but is
/// not interrupted by signals), so none is retried.
/// Host syscall numbers: `arch/x86/entry/syscalls/syscall_64.tbl` and, for a later aarch64
/// host, `include/uapi/asm-generic/unistd.h`.
enum HostMemory {
    #if arch(x86_64)
    private static let sysMmap = 9, sysMprotect = 10, sysMunmap = 11, sysMremap = 25, sysMadvise = 28
    #elseif arch(arm64)
    private static let sysMmap = 222, sysMprotect = 226, sysMunmap = 215, sysMremap = 216, sysMadvise = 233
    #endif

    /// Host protection bits (equal on every Linux host).
    static let protNone: Int32 = 0, protRead: Int32 = 1, protWrite: Int32 = 2

    /// Host mmap flag bits used by the address space (x86-64 and generic values agree).
    static let mapPrivate: Int32 = 0x02, mapFixed: Int32 = 0x10, mapAnonymous: Int32 = 0x20
    static let mapNoReserve: Int32 = 0x4000

    /// Host mremap flags.
    static let remapMayMove: Int32 = 1, remapFixed: Int32 = 2, remapDontUnmap: Int32 = 4

    @inline(__always)
    private static func raw(_ p: UnsafeMutableRawPointer?) -> Int { Int(bitPattern: p) }

    /// Host mmap(2); returns the host address or -errno.
    static func mmap(
        _ address: UnsafeMutableRawPointer?, _ length: UInt64, _ protection: Int32, _ flags: Int32,
        _ fd: Int32, _ offset: Int64
    ) -> Int {
        sq_syscall6(sysMmap, raw(address), Int(truncatingIfNeeded: length), Int(protection),
                    Int(flags), Int(fd), Int(offset))
    }

    /// Host munmap(2); returns 0 or -errno.
    static func munmap(_ address: UnsafeMutableRawPointer, _ length: UInt64) -> Int {
        sq_syscall6(sysMunmap, raw(address), Int(truncatingIfNeeded: length), 0, 0, 0, 0)
    }

    /// Host mprotect(2); returns 0 or -errno.
    static func mprotect(_ address: UnsafeMutableRawPointer, _ length: UInt64, _ protection: Int32) -> Int {
        sq_syscall6(sysMprotect, raw(address), Int(truncatingIfNeeded: length), Int(protection), 0, 0, 0)
    }

    /// Host mremap(2) (the five-argument form); returns the new host address or -errno.
    static func mremap(
        _ old: UnsafeMutableRawPointer, _ oldLength: UInt64, _ newLength: UInt64, _ flags: Int32,
        _ new: UnsafeMutableRawPointer?
    ) -> Int {
        sq_syscall6(sysMremap, raw(old), Int(truncatingIfNeeded: oldLength),
                    Int(truncatingIfNeeded: newLength), Int(flags), raw(new), 0)
    }

    /// Host madvise(2); returns 0 or -errno.
    static func madvise(_ address: UnsafeMutableRawPointer, _ length: UInt64, _ advice: Int32) -> Int {
        sq_syscall6(sysMadvise, raw(address), Int(truncatingIfNeeded: length), Int(advice), 0, 0, 0)
    }
}
