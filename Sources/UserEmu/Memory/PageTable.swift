import Translator

/// Writes to the one-byte-per-page permission table the interpreter reads (`GuestMemory`).
///
/// Every update keeps the `translated` bit: only the translation cache clears it. The
/// `writeTracked` bit (a vfork child's pages, docs/processes.md) survives restrictions and
/// restorations, which leave the host protection as it was, and is dropped by `set` for a new
/// mapping, which gets the guest's host protection. Bytes that already hold the wanted value are
/// not written, so untouched (zero) parts of the lazily committed table stay uncommitted.
struct PageTable {
    /// The table (one byte per guest page).
    let flags: UnsafeMutablePointer<UInt8>

    /// The page bits a guest protection gives: its access bits plus `mapped`. PROT_WRITE implies
    /// read, as in Linux on riscv64 (protection_map: VM_WRITE is PAGE_COPY, readable) and on the
    /// host, whose faults the JIT relies on.
    static func bits(for protection: Int32) -> UInt8 {
        var bits = PagePermission.mapped
        if protection & (MemoryABI.Prot.read | MemoryABI.Prot.write) != 0 { bits |= PagePermission.read }
        if protection & MemoryABI.Prot.write != 0 { bits |= PagePermission.write }
        if protection & MemoryABI.Prot.exec != 0 { bits |= PagePermission.execute }
        return bits
    }

    @inline(__always)
    private func pages(_ start: UInt64, _ end: UInt64) -> Range<Int> {
        Int(start >> GuestMemory.pageShift)..<Int((end + GuestMemory.pageSize - 1) >> GuestMemory.pageShift)
    }

    /// Sets the pages of `[start, end)` to `bits` (keeping `translated`, and `writeTracked` when
    /// `keepingTracking`).
    func set(_ start: UInt64, _ end: UInt64, _ bits: UInt8, keepingTracking: Bool = false) {
        let keep = keepingTracking ? PagePermission.watched : PagePermission.translated
        for page in pages(start, end) {
            let old = flags[page]
            let new = (old & keep) | bits
            if old != new { flags[page] = new }
        }
    }

    /// Clears from the pages of `[start, end)` every bit outside `allowed` (keeping `translated`
    /// and `writeTracked`).
    func restrict(_ start: UInt64, _ end: UInt64, to allowed: UInt8) {
        let keep = allowed | PagePermission.watched
        for page in pages(start, end) {
            let old = flags[page]
            if old & ~keep != 0 { flags[page] = old & keep }
        }
    }

    /// Marks `[start, end)` unmapped (keeping `translated`).
    func clear(_ start: UInt64, _ end: UInt64) { restrict(start, end, to: 0) }

    /// True when every page of `[start, start + count)` has all the bits of `permission`.
    func allow(_ start: UInt64, _ count: UInt64, _ permission: UInt8) -> Bool {
        for page in pages(start, start + count) where flags[page] & permission != permission {
            return false
        }
        return true
    }

    /// True when some page of `[start, start + count)` holds translated code.
    func touchesCode(_ start: UInt64, _ count: UInt64) -> Bool {
        touches(start, count, PagePermission.translated)
    }

    /// True when some page of `[start, start + count)` has a bit of `mask`.
    func touches(_ start: UInt64, _ count: UInt64, _ mask: UInt8) -> Bool {
        for page in pages(start, start + count) where flags[page] & mask != 0 {
            return true
        }
        return false
    }

    /// Marks the writable pages of `[start, end)` write-tracked (`track`) or clears the mark.
    func setTracking(_ start: UInt64, _ end: UInt64, _ track: Bool) {
        for page in pages(start, end) {
            let old = flags[page]
            let new = track && old & PagePermission.write != 0 ? old | PagePermission.writeTracked
                                                                : old & ~PagePermission.writeTracked
            if old != new { flags[page] = new }
        }
    }
}
