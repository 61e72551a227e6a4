import Translator

extension GuestAddressSpace {
    /// Linux mprotect; returns 0 or -errno.
    ///
    /// EINVAL for an unaligned start or unknown bits, ENOMEM when a page of the range is not
    /// mapped. Mappings are split at the edges and changed one by one, like the kernel's VMAs:
    /// when the host refuses one (EACCES: writable MAP_SHARED over a read-only fd), the earlier
    /// ones keep their new protection.
    public func protect(address: UInt64, length: UInt64, protection: Int32) -> Int64 {
        typealias P = MemoryABI.Prot
        typealias E = MemoryABI.Errno
        guard address & Self.pageMask == 0 else { return -E.inval }
        guard protection & ~(P.access | P.sem | P.growsDown | P.growsUp) == 0,
              protection & (P.growsDown | P.growsUp) != (P.growsDown | P.growsUp)
        else { return -E.inval }
        guard let length = Self.pageAligned(length), address <= UInt64.max - length else { return -E.nomem }
        if length == 0 { return 0 }
        return locked {
            var start = address
            let end = address + length
            guard end <= memory.size else { return -E.nomem }
            if protection & P.growsUp != 0 { return -E.inval } // no VM_GROWSUP mappings on these guests
            if protection & P.growsDown != 0 {
                guard let first = table.mapping(containing: address) else { return -E.nomem }
                guard first.flags & MemoryABI.Map.growsDown != 0 else { return -E.inval }
                start = first.start
            }
            guard table.isFullyMapped(start, end) else { return -E.nomem }
            let access = protection & P.access
            let bits = PageTable.bits(for: access)
            for piece in table.pieces(start, end) {
                // Drop permissions first, raise them only once the host allows them.
                // Pages beyond the end of the file keep their marker and never gain access.
                pageTable.restrict(piece.start, piece.end,
                                   to: (bits & PageTable.bits(for: piece.protection)) | PagePermission.beyondEndOfFile)
                let r = HostMemory.mprotect(host(piece.start), piece.length, Self.hostProtection(access))
                if r < 0 {
                    restorePageBits(piece.start, piece.end)
                    return Int64(r)
                }
                table.update(piece.start, piece.end) { $0.protection = access }
                var updated = piece
                updated.protection = access
                setPageBits(updated, keepingTracking: true)
                // Write-tracked pages (a vfork child) stay write-protected on the host.
                if pageTable.touches(piece.start, piece.length, PagePermission.writeTracked) {
                    memory.applyHostProtection(piece.start, piece.length)
                }
                noteChange(piece.start, piece.end)
            }
            return 0
        }
    }

    /// Linux madvise; returns 0 or -errno.
    ///
    /// Advice is passed to the host for each mapped piece of the range (MADV_DONTNEED on
    /// private anonymous pages zeroes them there too). MADV_DONTFORK and MADV_DOFORK are
    /// accepted and ignored: a host child missing part of the reservation would have a hole in
    /// it. MADV_HWPOISON and MADV_SOFT_OFFLINE fail with EPERM. ENOMEM when part of the range is
    /// unmapped (after advising the mapped parts, like the kernel).
    public func advise(address: UInt64, length: UInt64, advice: Int32) -> Int64 {
        typealias A = MemoryABI.Advice
        typealias E = MemoryABI.Errno
        guard address & Self.pageMask == 0, A.isValid(advice) else { return -E.inval }
        guard let length = Self.pageAligned(length), address <= UInt64.max - length else { return -E.inval }
        if length == 0 { return 0 }
        if advice == A.hwPoison || advice == A.softOffline { return -E.perm }
        return locked {
            let end = address + length
            guard end <= memory.size else { return -E.nomem }
            if advice == A.dontFork || advice == A.doFork {
                return table.isFullyMapped(address, end) ? 0 : -E.nomem
            }
            var covered: UInt64 = 0
            for piece in table.pieces(address, end) {
                let r = HostMemory.madvise(host(piece.start), piece.length, advice)
                if r < 0 { return Int64(r) }
                if A.discardsContents(advice) { noteChange(piece.start, piece.end) }
                covered += piece.length
            }
            return covered == length ? 0 : -E.nomem
        }
    }
}
