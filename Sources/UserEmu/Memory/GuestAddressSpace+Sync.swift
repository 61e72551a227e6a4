extension GuestAddressSpace {
    /// Linux msync; returns 0 or -errno.
    ///
    /// EINVAL for an unaligned start, unknown flags, or MS_ASYNC with MS_SYNC; ENOMEM when part
    /// of the range is unmapped (after syncing the mapped parts, like the kernel). Each mapped
    /// piece is synced by the host (MAP_SHARED file pages reach the file there).
    public func sync(address: UInt64, length: UInt64, flags: Int32) -> Int64 {
        typealias E = MemoryABI.Errno
        let async: Int32 = 1, invalidate: Int32 = 2, sync: Int32 = 4
        guard address & Self.pageMask == 0, flags & ~(async | invalidate | sync) == 0,
              flags & (async | sync) != (async | sync) else { return -E.inval }
        guard let length = Self.pageAligned(length), address <= UInt64.max - length else { return -E.nomem }
        if length == 0 { return 0 }
        return locked {
            let end = address + length
            guard end <= memory.size else { return -E.nomem }
            var covered: UInt64 = 0
            for piece in table.pieces(address, end) {
                let r = hostMsync(host(piece.start), piece.length, flags)
                if r < 0 { return Int64(r) }
                covered += piece.length
            }
            return covered == length ? 0 : -E.nomem
        }
    }
}
