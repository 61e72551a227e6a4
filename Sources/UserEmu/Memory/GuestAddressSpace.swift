import Translator

/// The guest's address space: a reserved host region at a guest base, the page-permission
/// table the translator checks, and the bookkeeping behind mmap, munmap, mprotect, mremap,
/// brk and madvise.
///
/// Guest address `x` lives at host address `memory.base + x`. The whole region is reserved
/// (PROT_NONE, MAP_NORESERVE) up front and always stays ours: unmapping a guest range maps the
/// reservation back over it. The permission table (`memory.pageFlags`) always matches the
/// guest's view: mapped pages carry their access bits plus `mapped`, PROT_NONE pages only
/// `mapped`, unmapped pages nothing. Host protections follow the guest's exactly (without
/// PROT_EXEC, since guest code is translated, never run in place): the JIT's loads and stores
/// rely on host faults. Only the translation cache lowers them further, write-protecting
/// writable pages that hold translated code while it does, and so does write tracking in a
/// vfork child (`startWriteTracking`) until each page's first write.
///
/// Thread safety: the bookkeeping is guarded by one mutex; the interpreter reads the
/// permission table without locking. Permissions are removed from the table before the host
/// protection drops, and added only after it rises, so a concurrent guest access either sees
/// the old permission or faults in the guest, never on the host. See docs/memory.md.
public final class GuestAddressSpace: @unchecked Sendable {
    /// The translator's view (base, permission table, size).
    public let memory: GuestMemory

    /// Called with each range whose mapping, protection or contents change under existing
    /// translations (munmap, mprotect, mremap, MAP_FIXED over a mapping, MADV_DONTNEED,
    /// emulator writes to code pages), so translations can be dropped. Runs after the address
    /// space's lock is released. Set it before guest threads start.
    public var onMappingChange: ((_ start: UInt64, _ length: UInt64) -> Void)?

    let lock = AddressSpaceLock()
    let pageTable: PageTable
    var table = MappingTable()
    var pendingChanges: [(start: UInt64, length: UInt64)] = []
    var nextOrigin: UInt64 = 1
    var breakBase: UInt64 = 0
    var currentBreak: UInt64 = 0
    var mmapBaseValue: UInt64
    var minimumAddressValue: UInt64 = 0x10000
    var maxMappingCountValue = 32_000
    /// Tests set it to move private anonymous memory by copying (the fallback taken when the
    /// host refuses to move it; recent hosts rarely do).
    var copyMovesForTesting = false

    static let pageSize = GuestMemory.pageSize
    /// The inaccessible zone reserved on each side of the guest region (`GuestMemory.guardBytes`).
    static let guardBytes: UInt64 = 64 << 10
    static let pageMask = GuestMemory.pageSize - 1

    /// Reserves `size` bytes of guest address space (a power of two, at least 1 MiB).
    public init(size: UInt64) throws {
        guard size >= 1 << 20, size & (size - 1) == 0, size <= 1 << 47 else {
            throw AddressSpaceError(message: "guest address space size 0x\(String(size, radix: 16)) is not a power of two in [1 MiB, 128 TiB]", errno: Int32(MemoryABI.Errno.inval))
        }
        let reserveFlags = HostMemory.mapPrivate | HostMemory.mapAnonymous | HostMemory.mapNoReserve
        // The guest region with a guard zone on each side (inaccessible, never mapped).
        let guardBytes = Self.guardBytes
        let reservation = HostMemory.mmap(nil, size + 2 * guardBytes, HostMemory.protNone, reserveFlags, -1, 0)
        guard reservation >= 0 else {
            throw AddressSpaceError(message: "cannot reserve 0x\(String(size, radix: 16)) bytes of guest address space", errno: Int32(-reservation))
        }
        let region = reservation + Int(guardBytes)
        let tableSize = size >> GuestMemory.pageShift
        let flags = HostMemory.mmap(nil, tableSize, HostMemory.protRead | HostMemory.protWrite, reserveFlags, -1, 0)
        guard flags >= 0 else {
            _ = HostMemory.munmap(UnsafeMutableRawPointer(bitPattern: reservation)!, size + 2 * guardBytes)
            throw AddressSpaceError(message: "cannot allocate the guest page table", errno: Int32(-flags))
        }
        // Safe: both mmap results are non-negative, hence non-null host addresses.
        let flagsPointer = UnsafeMutablePointer<UInt8>(bitPattern: flags)!
        memory = GuestMemory(base: UnsafeMutableRawPointer(bitPattern: region)!, pageFlags: flagsPointer, size: size, guardBytes: guardBytes)
        pageTable = PageTable(flags: flagsPointer)
        mmapBaseValue = size - min(size / 4, 256 << 20)
    }

    deinit {
        _ = HostMemory.munmap(memory.base - Int(memory.guardBytes), memory.size + 2 * memory.guardBytes)
        _ = HostMemory.munmap(UnsafeMutableRawPointer(memory.pageFlags), memory.size >> GuestMemory.pageShift)
    }

    /// Where top-down placement of mmap without MAP_FIXED starts (the kernel's mmap_base):
    /// below it the highest free range wins. Default: `size` minus 256 MiB (a quarter of the
    /// space for small spaces), leaving room for the stack above.
    public var mmapBase: UInt64 {
        get { locked { mmapBaseValue } }
        set { locked { mmapBaseValue = min(newValue & ~Self.pageMask, memory.size) } }
    }

    /// Lowest address mmap hands out or accepts with MAP_FIXED (vm.mmap_min_addr, 64 KiB).
    public var minimumAddress: UInt64 {
        get { locked { minimumAddressValue } }
        set { locked { minimumAddressValue = newValue & ~Self.pageMask } }
    }

    /// Most mappings a guest may hold (vm.max_map_count); each guest mapping also splits the
    /// host reservation, so this stays well below the host's own limit of 65530.
    public var maxMappingCount: Int {
        get { locked { maxMappingCountValue } }
        set { locked { maxMappingCountValue = newValue } }
    }

    /// The guest's mappings in address order (for /proc/self/maps).
    public func mappings() -> [GuestMapping] { locked { table.entries } }

    /// The mapping containing `address`, if any.
    public func mapping(containing address: UInt64) -> GuestMapping? {
        locked { table.mapping(containing: address) }
    }

    // MARK: - Shared machinery (callers hold the lock)

    /// Runs `body` under the lock, then reports the changes it noted.
    func locked<T>(_ body: () -> T) -> T {
        lock.lock()
        let result = body()
        if pendingChanges.isEmpty {
            lock.unlock()
            return result
        }
        let changes = pendingChanges
        pendingChanges.removeAll(keepingCapacity: true)
        lock.unlock()
        if let notify = onMappingChange {
            for change in changes { notify(change.start, change.length) }
        }
        return result
    }

    /// Records that `[start, end)` changed (reported once the lock is released).
    func noteChange(_ start: UInt64, _ end: UInt64) {
        if end > start { pendingChanges.append((start, end - start)) }
    }

    /// Host address of guest address `address`.
    @inline(__always)
    func host(_ address: UInt64) -> UnsafeMutableRawPointer { memory.base + Int(address) }

    /// Page-aligned `length`, or nil when rounding overflows.
    static func pageAligned(_ length: UInt64) -> UInt64? {
        length > UInt64.max - pageMask ? nil : (length + pageMask) & ~pageMask
    }

    /// The host protection for a guest protection, exactly what the guest may access (the JIT
    /// relies on host faults, docs/jit.md): PROT_READ when readable, PROT_READ|PROT_WRITE when
    /// writable (writable pages are readable, as in Linux on riscv64 and x86-64), never exec.
    /// Execute-only pages are PROT_NONE: the translation cache makes them readable only while
    /// it reads instructions from them. Agrees with `GuestMemory.hostProtection(pageFlags:)`.
    static func hostProtection(_ protection: Int32) -> Int32 {
        var host = HostMemory.protNone
        if protection & (MemoryABI.Prot.read | MemoryABI.Prot.write) != 0 { host |= HostMemory.protRead }
        if protection & MemoryABI.Prot.write != 0 { host |= HostMemory.protWrite }
        return host
    }

    /// Maps the PROT_NONE reservation back over `[start, end)`. Failure would leave a hole
    /// other host code could map into, so it is fatal.
    func reserve(_ start: UInt64, _ end: UInt64) {
        guard end > start else { return }
        let flags = HostMemory.mapPrivate | HostMemory.mapAnonymous | HostMemory.mapNoReserve | HostMemory.mapFixed
        let r = HostMemory.mmap(host(start), end - start, HostMemory.protNone, flags, -1, 0)
        if r < 0 {
            fatalError("swift-qemu: cannot re-reserve guest range 0x\(String(start, radix: 16))-0x\(String(end, radix: 16)): errno \(-r)")
        }
    }

    /// Rewrites the permission table of `[start, end)` from the mapping table (after a failed
    /// change: the host protections, and so the write tracking, are unchanged).
    func restorePageBits(_ start: UInt64, _ end: UInt64) {
        pageTable.clear(start, end)
        for piece in table.pieces(start, end) { setPageBits(piece, keepingTracking: true) }
    }

    /// Writes the permission-table entries of `mapping`'s range: its protection's bits, except
    /// pages wholly beyond the end of the backing file, which get only `mapped` and
    /// `beyondEndOfFile` (an access faults and the CPU loop raises SIGBUS). The two parts are
    /// written separately, so no page is ever granted access it should not have. Write tracking
    /// ends unless `keepingTracking` (`PageTable.set`).
    func setPageBits(_ mapping: GuestMapping, keepingTracking: Bool = false) {
        let beyond = mapping.beyondEndOfFileStart
        if beyond > mapping.start {
            pageTable.set(mapping.start, beyond, PageTable.bits(for: mapping.protection), keepingTracking: keepingTracking)
        }
        if beyond < mapping.end {
            pageTable.set(beyond, mapping.end, PagePermission.mapped | PagePermission.beyondEndOfFile)
        }
    }

    /// Forgets the guest mappings in `[start, end)` (page-aligned, inside the space): clears
    /// their page bits, maps the reservation back and reports the change.
    func unmapLocked(_ start: UInt64, _ end: UInt64) {
        guard table.overlaps(start, end) else { return }
        for piece in table.pieces(start, end) {
            pageTable.clear(piece.start, piece.end)
            noteChange(piece.start, piece.end)
        }
        reserve(start, end)
        table.remove(start, end)
    }

    /// A fresh origin for a new mapping (see `GuestMapping.canMerge`).
    func makeOrigin() -> UInt64 {
        defer { nextOrigin += 1 }
        return nextOrigin
    }
}

/// Why a guest address space could not be created.
public struct AddressSpaceError: Error, CustomStringConvertible {
    /// What failed.
    public let message: String
    /// The host errno.
    public let errno: Int32
    /// One line for the user.
    public var description: String { "\(message) (errno \(errno))" }
}
