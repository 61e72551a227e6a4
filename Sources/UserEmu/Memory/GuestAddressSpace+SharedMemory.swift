import Translator

/// SysV shared memory inside the guest region (shmat/shmdt). The caller's `attach` closure
/// runs the host shmat with SHM_REMAP at the chosen host address, replacing the reservation
/// there; the mapping is recorded as a shared file mapping named `/SYSV<key> (deleted)`, as
/// Linux shows it in /proc/self/maps. Detaching maps the reservation back over it, which
/// detaches the segment on the host (munmap of the guest range does the same).
extension GuestAddressSpace {
    /// Prefix of the path of a SysV shared-memory mapping.
    public static let sysVPathPrefix = "/SYSV"

    /// Attaches a segment of `size` bytes at `address` (page-aligned; 0 lets the address space
    /// choose) with `protection`; `replace` allows replacing existing mappings (SHM_REMAP).
    /// Returns the guest address or -errno (EINVAL for a taken or unaligned address, ENOMEM
    /// when no room is left).
    public func attachSharedMemory(
        address: UInt64, size: UInt64, protection: Int32, replace: Bool, key: Int32,
        device: UInt64 = 0, inode: UInt64 = 0, attach: (UnsafeMutableRawPointer) -> Int
    ) -> Int64 {
        locked {
            guard size > 0, let length = Self.pageAligned(size) else { return -MemoryABI.Errno.inval }
            let start: UInt64
            if address != 0 {
                guard address & Self.pageMask == 0, length <= memory.size, address <= memory.size - length,
                      address >= minimumAddressValue else { return -MemoryABI.Errno.inval }
                if !replace, table.overlaps(address, address + length) { return -MemoryABI.Errno.inval }
                start = address
            } else {
                guard let chosen = placement(hint: 0, length: length, alignment: Self.pageSize) else { return -MemoryABI.Errno.nomem }
                start = chosen
            }
            guard table.count < maxMappingCountValue else { return -MemoryABI.Errno.nomem }
            let replaces = table.overlaps(start, start + length)
            if replaces { pageTable.clear(start, start + length) }
            let result = attach(host(start))
            if result < 0 {
                if replaces { restorePageBits(start, start + length) }
                return Int64(result)
            }
            if replaces {
                for piece in table.pieces(start, start + length) { noteChange(piece.start, piece.end) }
                table.remove(start, start + length)
            }
            let hex = String(UInt32(bitPattern: key), radix: 16)
            let mapping = GuestMapping(
                start: start, end: start + length, protection: protection & MemoryABI.Prot.access,
                flags: MemoryABI.Map.shared, offset: 0,
                path: Self.sysVPathPrefix + String(repeating: "0", count: 8 - hex.count) + hex + " (deleted)",
                device: device, inode: inode, kind: .file, origin: makeOrigin())
            table.insert(mapping)
            setPageBits(mapping)
            return Int64(start)
        }
    }

    /// Detaches the SysV segment attached at `address` (shmdt): every piece of that attach
    /// from `address` on goes back to the reservation. -EINVAL when none starts there.
    public func detachSharedMemory(address: UInt64) -> Int64 {
        locked {
            guard address & Self.pageMask == 0, let first = table.mapping(containing: address), first.start == address,
                  first.offset == 0, first.path?.hasPrefix(Self.sysVPathPrefix) == true else { return -MemoryABI.Errno.inval }
            var end = first.end
            while let next = table.mapping(containing: end), next.origin == first.origin { end = next.end }
            unmapLocked(address, end)
            return 0
        }
    }
}
