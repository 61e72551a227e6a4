import Translator

/// The guest's address space: a reserved host region at a guest base, the page-permission
/// table the translator checks, and the bookkeeping behind mmap, munmap, mprotect, mremap,
/// brk and madvise. (Skeleton: the implementation fills these in.)
public final class GuestAddressSpace {
    /// The translator's view (base, permission table, size).
    public let memory: GuestMemory

    /// Reserves `size` bytes of guest address space (a power of two).
    public init(size: UInt64) throws { fatalError("unimplemented") }

    /// Called with each range whose mapping or protection changes, so translations can be dropped.
    public var onMappingChange: ((_ start: UInt64, _ length: UInt64) -> Void)?

    /// Linux mmap with the generic (riscv64/aarch64) flag values; returns the guest address or -errno.
    public func map(address: UInt64, length: UInt64, protection: Int32, flags: Int32, fd: Int32, offset: Int64) -> Int64 { fatalError("unimplemented") }
    /// Linux munmap; returns 0 or -errno.
    public func unmap(address: UInt64, length: UInt64) -> Int64 { fatalError("unimplemented") }
    /// Linux mprotect; returns 0 or -errno.
    public func protect(address: UInt64, length: UInt64, protection: Int32) -> Int64 { fatalError("unimplemented") }
    /// Linux mremap; returns the new guest address or -errno.
    public func remap(oldAddress: UInt64, oldLength: UInt64, newLength: UInt64, flags: Int32, newAddress: UInt64) -> Int64 { fatalError("unimplemented") }
    /// Linux madvise (MADV_DONTNEED zeroes private anonymous pages); returns 0 or -errno.
    public func advise(address: UInt64, length: UInt64, advice: Int32) -> Int64 { fatalError("unimplemented") }
    /// Sets where the heap starts (page-aligned end of the loaded program).
    public func setBreakBase(_ address: UInt64) { fatalError("unimplemented") }
    /// Linux brk: moves the break when possible and returns the current break.
    public func brk(_ requested: UInt64) -> UInt64 { fatalError("unimplemented") }

    /// Copies guest bytes out; nil when any byte is not readable.
    public func read(_ address: UInt64, count: Int) -> [UInt8]? { fatalError("unimplemented") }
    /// Copies bytes into the guest; false when any byte is not writable.
    @discardableResult
    public func write(_ address: UInt64, _ bytes: [UInt8]) -> Bool { fatalError("unimplemented") }
    /// Reads a NUL-terminated string (at most `limit` bytes); nil when unreadable or too long.
    public func readCString(_ address: UInt64, limit: Int = 4096) -> String? { fatalError("unimplemented") }
    /// A host pointer to `count` guest bytes when all of them have `permission` (PagePermission bits).
    public func hostPointer(_ address: UInt64, count: Int, permission: UInt8) -> UnsafeMutableRawPointer? { fatalError("unimplemented") }
}
