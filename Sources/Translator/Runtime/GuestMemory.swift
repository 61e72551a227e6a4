import Glibc

/// The translator's view of guest memory: a host region at `base` in which guest address `x`
/// lives at `base + x`, and a byte of permission bits per guest page.
///
/// Every access made by the interpreter is checked against the permission table first, so a
/// wild guest pointer becomes a guest fault, never a host crash. The address space manager in
/// UserEmu owns the region and keeps the table in step with the host protections.
@frozen
public struct GuestMemory: @unchecked Sendable {
    /// Host address of guest address 0.
    public let base: UnsafeMutableRawPointer
    /// One byte of `PagePermission` bits per guest page.
    public let pageFlags: UnsafeMutablePointer<UInt8>
    /// Size of the guest address space in bytes (addresses are below it).
    public let size: UInt64
    /// Bytes of host address space reserved inaccessible (`PROT_NONE`, never mapped) just below
    /// `base` and just above `base + size`; 0 when there are none. The JIT relies on them to
    /// check a base register once for several accesses (docs/jit.md, "Checked bases").
    public let guardBytes: UInt64

    public init(base: UnsafeMutableRawPointer, pageFlags: UnsafeMutablePointer<UInt8>, size: UInt64, guardBytes: UInt64 = 0) {
        self.base = base
        self.pageFlags = pageFlags
        self.size = size
        self.guardBytes = guardBytes
    }

    /// log2 of the guest page size.
    public static let pageShift: UInt64 = 12
    /// The guest page size.
    public static let pageSize: UInt64 = 1 << pageShift

    /// True when every byte of `[address, address + length)` has all the bits of `permission`.
    @inlinable @inline(__always)
    public func isAccessible(_ address: UInt64, _ length: UInt64, _ permission: UInt8) -> Bool {
        guard address <= size &- length else { return false }
        let first = pageFlags[Int(truncatingIfNeeded: address >> Self.pageShift)]
        let last = pageFlags[Int(truncatingIfNeeded: (address &+ length &- 1) >> Self.pageShift)]
        return (first & last & permission) == permission
    }

    /// True when some page of `[address, address + length)` holds translated code.
    @inlinable @inline(__always)
    public func touchesCode(_ address: UInt64, _ length: UInt64) -> Bool {
        let first = pageFlags[Int(truncatingIfNeeded: address >> Self.pageShift)]
        let last = pageFlags[Int(truncatingIfNeeded: (address &+ length &- 1) >> Self.pageShift)]
        return ((first | last) & PagePermission.translated) != 0
    }

    /// True when a write to `[address, address + length)` (at most two pages) needs
    /// `prepareWrite` first: a page holds translated code or is write-tracked.
    @inlinable @inline(__always)
    public func isWatched(_ address: UInt64, _ length: UInt64) -> Bool {
        let first = pageFlags[Int(truncatingIfNeeded: address >> Self.pageShift)]
        let last = pageFlags[Int(truncatingIfNeeded: (address &+ length &- 1) >> Self.pageShift)]
        return ((first | last) & PagePermission.watched) != 0
    }

    /// Makes the accessible range `[address, address + length)` writable on the host for a
    /// write about to happen: write-tracked pages are handed to `PageWriteTracker` (which keeps
    /// their bytes from before the write and lifts the tracking), pages with translated code get
    /// their guest protection back (the caller drops the translations after writing). Every
    /// writer of guest memory calls it when a page is watched: the interpreter's and the JIT's
    /// stores, the atomics, and the emulator's own writes and host pointers (docs/jit.md).
    @inline(never)
    public func prepareWrite(_ address: UInt64, _ length: UInt64) {
        guard length > 0, address < size else { return }
        let first = address >> Self.pageShift
        let last = min(address &+ (length - 1), size - 1) >> Self.pageShift
        var seen: UInt8 = 0
        for page in first...last { seen |= pageFlags[Int(page)] }
        if seen & PagePermission.writeTracked != 0 { PageWriteTracker.willWrite(self, first, last) }
        if seen & PagePermission.translated != 0 { applyHostProtection(address, length, ignoringCode: true) }
    }

    /// Host pointer of a guest address (unchecked; check first).
    @inlinable @inline(__always)
    public func host(_ address: UInt64) -> UnsafeMutableRawPointer {
        base + Int(truncatingIfNeeded: address)
    }

    /// Unchecked load; the caller checked `isAccessible`.
    @inlinable @inline(__always)
    public func load<T: FixedWidthInteger>(_ address: UInt64, as: T.Type) -> T {
        T(littleEndian: host(address).loadUnaligned(as: T.self))
    }

    /// Unchecked store; the caller checked `isAccessible`.
    @inlinable @inline(__always)
    public func store<T: FixedWidthInteger>(_ address: UInt64, _ value: T) {
        host(address).storeBytes(of: value.littleEndian, as: T.self)
    }

    // MARK: host protections (the JIT's host-fault memory access, docs/jit.md)

    /// The host protection of a guest page with permission bits `flags`, as the JIT needs it:
    /// the host faults exactly where the guest may not access the page, plus stores to watched
    /// pages (translated code, write-tracked pages: write-protected so that the first store
    /// leaves translated code). Readable pages are PROT_READ, writable ones
    /// PROT_READ|PROT_WRITE (writable guest pages are readable, as in Linux), everything else
    /// (execute-only, PROT_NONE, unmapped, beyond the end of a file) PROT_NONE. Never
    /// PROT_EXEC: guest code is translated.
    @inlinable
    public static func hostProtection(pageFlags flags: UInt8) -> Int32 {
        var protection = PROT_NONE
        if flags & (PagePermission.read | PagePermission.write) != 0 { protection |= PROT_READ }
        if flags & PagePermission.write != 0 && flags & PagePermission.watched == 0 { protection |= PROT_WRITE }
        return protection
    }

    /// Gives the pages of `[address, address + length)` the host protection of their flags
    /// (`hostProtection(pageFlags:)`), ignoring `translated` when `ignoringCode`: a page with
    /// translated code then becomes writable again for a store that must complete before the
    /// translations are dropped (a write-tracked page stays write-protected: `prepareWrite`
    /// lifts that). Contiguous pages with equal protection share one mprotect.
    public func applyHostProtection(_ address: UInt64, _ length: UInt64, ignoringCode: Bool = false) {
        guard length > 0, address < size else { return }
        let last = min(address &+ (length - 1), size - 1) >> Self.pageShift
        var page = address >> Self.pageShift
        while page <= last {
            let mask: UInt8 = ignoringCode ? ~PagePermission.translated : 0xff
            let protection = Self.hostProtection(pageFlags: pageFlags[Int(page)] & mask)
            var end = page + 1
            while end <= last, Self.hostProtection(pageFlags: pageFlags[Int(end)] & mask) == protection { end += 1 }
            _ = mprotect(host(page << Self.pageShift), Int((end - page) << Self.pageShift), protection)
            page = end
        }
    }
}

/// Permission bits of a guest page in `GuestMemory.pageFlags`.
public enum PagePermission {
    public static let read: UInt8 = 1
    public static let write: UInt8 = 2
    public static let execute: UInt8 = 4
    /// Set while translated blocks exist for the page; stores to it invalidate translations.
    public static let translated: UInt8 = 8
    /// The page is mapped at all (possibly with no access, i.e. PROT_NONE).
    public static let mapped: UInt8 = 16
    /// The page belongs to a file mapping but lies wholly beyond the end of the file (as it was
    /// when mapped): read, write and execute are clear, and an access raises SIGBUS, not SIGSEGV.
    public static let beyondEndOfFile: UInt8 = 32
    /// Writes to the page are tracked (the child of an emulated vfork, docs/processes.md): the
    /// page is write-protected on the host until its first write, which `prepareWrite` hands to
    /// `PageWriteTracker` (keeping the bytes from before) and which clears the bit.
    public static let writeTracked: UInt8 = 64
    /// The bits that make a write go through `GuestMemory.prepareWrite` first.
    public static let watched: UInt8 = translated | writeTracked
}
