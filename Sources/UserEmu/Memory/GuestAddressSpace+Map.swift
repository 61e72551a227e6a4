import Translator

extension GuestAddressSpace {
    /// Linux mmap with the generic (riscv64/aarch64) flag values; returns the guest address or -errno.
    ///
    /// Placement without MAP_FIXED: the page-aligned hint when it is free, else top-down first
    /// fit below `mmapBase`, else bottom-up above it. File mappings map the guest's fd (host fd
    /// numbers equal guest fd numbers) at `base + address` on the host, so MAP_SHARED works
    /// through the host.
    public func map(address: UInt64, length: UInt64, protection: Int32, flags: Int32, fd: Int32, offset: Int64) -> Int64 {
        locked { mapLocked(address: address, length: length, protection: protection, flags: flags, fd: fd, offset: offset, kind: nil) }
    }

    /// Linux munmap; returns 0 or -errno. Partial unmaps split mappings; the range goes back to
    /// the host reservation.
    public func unmap(address: UInt64, length: UInt64) -> Int64 {
        guard address & Self.pageMask == 0, length != 0, let aligned = Self.pageAligned(length),
              aligned <= memory.size, address <= memory.size - aligned
        else { return -MemoryABI.Errno.inval }
        return locked {
            unmapLocked(address, address + aligned)
            return 0
        }
    }

    /// mmap under the lock; `kind` overrides the mapping's kind (the heap).
    func mapLocked(
        address: UInt64, length: UInt64, protection: Int32, flags: Int32, fd: Int32, offset: Int64,
        kind: GuestMapping.Kind?
    ) -> Int64 {
        typealias M = MemoryABI.Map
        typealias E = MemoryABI.Errno
        let fileOffset = UInt64(bitPattern: offset)
        guard fileOffset & Self.pageMask == 0, length != 0 else { return -E.inval }
        guard let length = Self.pageAligned(length) else { return -E.nomem }
        let type = flags & M.type
        guard type == M.shared || type == M.private || type == M.sharedValidate else { return -E.inval }
        if type == M.sharedValidate, flags & ~M.known != 0 { return -E.opnotsupp }
        let anonymous = flags & M.anonymous != 0
        if !anonymous {
            let pages = length >> GuestMemory.pageShift, first = fileOffset >> GuestMemory.pageShift
            guard first &+ pages >= first else { return -E.overflow }
        }
        let alignment: UInt64 = flags & M.hugeTLB != 0 ? 2 << 20 : Self.pageSize
        let start: UInt64
        if flags & (M.fixed | M.fixedNoReplace) != 0 {
            guard address & Self.pageMask == 0 else { return -E.inval }
            guard length <= memory.size, address <= memory.size - length else { return -E.nomem }
            guard address >= minimumAddressValue else { return -E.perm }
            if flags & M.fixed == 0, table.overlaps(address, address + length) { return -E.exist }
            start = address
        } else {
            guard let chosen = placement(hint: address, length: length, alignment: alignment) else { return -E.nomem }
            start = chosen
        }
        guard table.count < maxMappingCountValue else { return -E.nomem }

        var mapping = GuestMapping(
            start: start, end: start + length, protection: protection & MemoryABI.Prot.access,
            flags: flags & M.kept, offset: anonymous ? 0 : fileOffset, path: nil, device: 0, inode: 0,
            kind: kind ?? (anonymous ? .anonymous : .file), origin: makeOrigin())
        if !anonymous {
            switch FileBacking.describe(fd) {
            case .success(let backing):
                mapping.path = backing.path
                mapping.device = backing.device
                mapping.inode = backing.inode
                mapping.fileSize = backing.sizeLimit
            case .failure(let error):
                return -error.errno
            }
        }

        // Guest-visible first: the old pages disappear from the table before the host changes.
        let replaces = table.overlaps(mapping.start, mapping.end)
        if replaces { pageTable.clear(mapping.start, mapping.end) }
        // MAP_32BIT (0x40) and MAP_ABOVE4G (0x80) mean something on an x86-64 host only.
        let hostFlags = (flags & ~(M.fixedNoReplace | M.growsDown | M.stack | 0xc0)) | M.fixed
        let r = HostMemory.mmap(host(start), length, Self.hostProtection(protection), hostFlags,
                                anonymous ? -1 : fd, anonymous ? 0 : offset)
        if r < 0 {
            if replaces { restorePageBits(mapping.start, mapping.end) }
            return Int64(r)
        }
        if replaces {
            for piece in table.pieces(mapping.start, mapping.end) { noteChange(piece.start, piece.end) }
            table.remove(mapping.start, mapping.end)
        }
        table.insert(mapping)
        setPageBits(mapping)
        return Int64(start)
    }

    /// Where a mapping of `length` bytes goes without MAP_FIXED (the kernel's top-down layout).
    func placement(hint: UInt64, length: UInt64, alignment: UInt64) -> UInt64? {
        let size = memory.size
        guard length <= size else { return nil }
        if hint != 0, let h = Self.pageAligned(hint), h & (alignment - 1) == 0,
           h >= minimumAddressValue, h <= size - length, !table.overlaps(h, h + length) {
            return h
        }
        let floor = max(minimumAddressValue, Self.pageSize)
        let base = min(mmapBaseValue, size)
        return table.findFreeTopDown(length: length, floor: floor, ceiling: base, alignment: alignment)
            ?? table.findFreeBottomUp(length: length, floor: max(base, floor), ceiling: size, alignment: alignment)
    }
}
