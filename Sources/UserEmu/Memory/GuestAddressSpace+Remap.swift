import Glibc
import Translator

extension GuestAddressSpace {
    /// Linux mremap; returns the new guest address or -errno.
    ///
    /// Shrinks in place; grows in place when the pages after the mapping are free; else moves
    /// (MREMAP_MAYMOVE) to a placement of its own or to `newAddress` (MREMAP_FIXED, replacing
    /// what is there). MREMAP_DONTUNMAP leaves the old range mapped and empty. Pages move with
    /// the host's mremap inside the region (file and shared mappings keep their backing);
    /// private anonymous memory the host cannot move in one piece is copied.
    public func remap(oldAddress: UInt64, oldLength: UInt64, newLength: UInt64, flags: Int32, newAddress: UInt64) -> Int64 {
        typealias R = MemoryABI.Remap
        typealias E = MemoryABI.Errno
        let mayMove = flags & R.mayMove != 0, fixed = flags & R.fixed != 0, dontUnmap = flags & R.dontUnmap != 0
        guard flags & ~(R.mayMove | R.fixed | R.dontUnmap) == 0, !fixed || mayMove,
              !dontUnmap || (mayMove && oldLength == newLength),
              oldAddress & Self.pageMask == 0,
              let oldLen = Self.pageAligned(oldLength), let newLen = Self.pageAligned(newLength), newLen != 0,
              oldAddress <= UInt64.max - oldLen
        else { return -E.inval }
        let size = memory.size
        if fixed {
            guard newAddress & Self.pageMask == 0, newLen <= size, newAddress <= size - newLen,
                  newAddress >= oldAddress + oldLen || oldAddress >= newAddress + newLen
            else { return -E.inval }
        }
        return locked {
            guard let m = table.mapping(containing: oldAddress), oldAddress + oldLen <= m.end else { return -E.fault }
            if oldLen == 0 { // duplicate a shared mapping
                guard m.isShared else { return -E.inval }
                guard mayMove else { return -E.nomem }
            }
            if fixed || dontUnmap || oldLen == 0 {
                guard fixed || table.count < maxMappingCountValue else { return -E.nomem }
                let chosen = fixed ? newAddress : placement(hint: 0, length: newLen, alignment: Self.pageSize)
                guard let dest = chosen else { return -E.nomem }
                return moveLocked(m, from: oldAddress, oldLen, to: dest, newLen, keepSource: dontUnmap || oldLen == 0)
            }
            if newLen <= oldLen {
                unmapLocked(oldAddress + newLen, oldAddress + oldLen)
                return Int64(oldAddress)
            }
            if oldAddress + oldLen == m.end, newLen <= size, oldAddress <= size - newLen,
               !table.overlaps(oldAddress + oldLen, oldAddress + newLen),
               growInPlace(m, oldAddress, oldLen, newLen) {
                return Int64(oldAddress)
            }
            guard mayMove else { return -E.nomem }
            guard let dest = placement(hint: 0, length: newLen, alignment: Self.pageSize) else { return -E.nomem }
            return moveLocked(m, from: oldAddress, oldLen, to: dest, newLen, keepSource: false)
        }
    }

    /// Extends the part `[start, start + oldLen)` at the end of `m` to `newLen` bytes in place
    /// (the pages after it are free); false when the host refuses.
    private func growInPlace(_ m: GuestMapping, _ start: UInt64, _ oldLen: UInt64, _ newLen: UInt64) -> Bool {
        var tail = m.clipped(m.start, m.end)
        tail.start = start + oldLen
        tail.end = start + newLen
        if m.tracksOffset { tail.offset = m.offset + (tail.start - m.start) }
        if m.isAnonymous && !m.isShared {
            let flags = (m.flags & ~MemoryABI.Map.growsDown) | MemoryABI.Map.fixed
            if HostMemory.mmap(host(tail.start), tail.length, Self.hostProtection(m.protection), flags, -1, 0) < 0 {
                return false
            }
        } else {
            // File and shared pages can only grow through the host's mremap, which needs the
            // host range after them free: drop the reservation there for the call.
            _ = HostMemory.munmap(host(tail.start), tail.length)
            if HostMemory.mremap(host(start), oldLen, newLen, 0, nil) < 0 {
                reserve(tail.start, tail.end)
                return false
            }
            // The tail takes the host protection of the last page, which may be write-protected
            // for translated code (JIT) or write tracking.
            if pageTable.touches(start, oldLen, PagePermission.watched) {
                _ = HostMemory.mprotect(host(tail.start), tail.length, Self.hostProtection(m.protection))
            }
        }
        table.insert(tail)
        setPageBits(tail)
        return true
    }

    /// Moves `[source, source + oldLen)` of `m` to `[dest, dest + newLen)`, replacing what is
    /// there; `keepSource` leaves the source mapped (MREMAP_DONTUNMAP, or old length 0).
    private func moveLocked(
        _ m: GuestMapping, from source: UInt64, _ oldLength: UInt64, to dest: UInt64, _ newLen: UInt64,
        keepSource: Bool
    ) -> Int64 {
        var oldLen = oldLength
        unmapLocked(dest, dest + newLen)
        if newLen < oldLen {
            unmapLocked(source + newLen, source + oldLen)
            oldLen = newLen
        }
        var moved = m
        moved.start = dest
        moved.end = dest + newLen
        if m.tracksOffset { moved.offset = m.offset + (source - m.start) }
        if m.kind != .file { moved.kind = .anonymous }
        // Moved host pages keep their host protection, which is lowered on pages holding
        // translated code (JIT) and write-tracked pages: the destination gets the guest's
        // protection back below (and is no longer tracked).
        let movesCode = pageTable.touches(source, oldLen == 0 ? min(newLen, m.end - source) : oldLen, PagePermission.watched)
        if !keepSource { pageTable.clear(source, source + oldLen) }
        let r = hostMove(m, from: source, oldLen, to: dest, newLen, keepSource: keepSource)
        if r < 0 {
            if !keepSource { restorePageBits(source, source + oldLen) }
            return Int64(r)
        }
        if movesCode { _ = HostMemory.mprotect(host(dest), newLen, Self.hostProtection(m.protection)) }
        if !keepSource { table.remove(source, source + oldLen) }
        noteChange(source, source + oldLen)
        table.insert(moved)
        setPageBits(moved)
        return Int64(dest)
    }

    /// The host side of a move; the destination is pure reservation. Returns >= 0 or -errno.
    private func hostMove(
        _ m: GuestMapping, from source: UInt64, _ oldLen: UInt64, to dest: UInt64, _ newLen: UInt64,
        keepSource: Bool
    ) -> Int {
        typealias R = HostMemory
        let privateAnonymous = m.isAnonymous && !m.isShared
        let moveFlags = R.remapMayMove | R.remapFixed
        if privateAnonymous && copyMovesForTesting {
            return copyMove(m, from: source, oldLen, to: dest, newLen, keepSource: keepSource)
        }
        if oldLen == 0 {
            let r = HostMemory.mremap(host(source), 0, newLen, moveFlags, host(dest))
            if r < 0 { reserve(dest, dest + newLen) }
            return r
        }
        // MREMAP_DONTUNMAP keeps the source mapped, so no host hole opens before the
        // reservation goes back over it.
        if keepSource || oldLen == newLen || privateAnonymous {
            let r = HostMemory.mremap(host(source), oldLen, oldLen, moveFlags | R.remapDontUnmap, host(dest))
            if r >= 0 {
                if newLen > oldLen { // private anonymous only: add the new tail
                    let flags = (m.flags & ~MemoryABI.Map.growsDown) | MemoryABI.Map.fixed
                    let t = HostMemory.mmap(host(dest + oldLen), newLen - oldLen, Self.hostProtection(m.protection), flags, -1, 0)
                    if t < 0 { // undo: the pages go back
                        _ = HostMemory.mremap(host(dest), oldLen, oldLen, moveFlags, host(source))
                        reserve(dest, dest + newLen)
                        return t
                    }
                }
                if !keepSource { reserve(source, source + oldLen) }
                return r
            }
            reserve(dest, dest + newLen)
            if privateAnonymous { return copyMove(m, from: source, oldLen, to: dest, newLen, keepSource: keepSource) }
            if keepSource { return r }
        }
        let r = HostMemory.mremap(host(source), oldLen, newLen, moveFlags, host(dest))
        if r >= 0 {
            reserve(source, source + oldLen)
        } else {
            reserve(dest, dest + newLen) // the host may have unmapped the destination first
        }
        return r
    }

    /// Moves private anonymous memory by copying (the host refused to move it, e.g. because it
    /// spans several host VMAs).
    private func copyMove(
        _ m: GuestMapping, from source: UInt64, _ oldLen: UInt64, to dest: UInt64, _ newLen: UInt64,
        keepSource: Bool
    ) -> Int {
        let flags = HostMemory.mapPrivate | HostMemory.mapAnonymous | HostMemory.mapFixed
            | (m.flags & MemoryABI.Map.noReserve)
        let r = HostMemory.mmap(host(dest), newLen, HostMemory.protRead | HostMemory.protWrite, flags, -1, 0)
        if r < 0 {
            reserve(dest, dest + newLen)
            return r
        }
        let sourceProtection = Self.hostProtection(m.protection)
        if sourceProtection & HostMemory.protRead == 0 {
            _ = HostMemory.mprotect(host(source), oldLen, HostMemory.protRead)
        }
        memcpy(host(dest), host(source), Int(oldLen))
        _ = HostMemory.mprotect(host(dest), newLen, sourceProtection)
        if keepSource {
            _ = HostMemory.madvise(host(source), oldLen, MemoryABI.Advice.dontNeed)
            if sourceProtection & HostMemory.protRead == 0 {
                _ = HostMemory.mprotect(host(source), oldLen, sourceProtection)
            }
        } else {
            reserve(source, source + oldLen)
        }
        return r
    }
}
