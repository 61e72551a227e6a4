import Glibc
import Translator

/// Copies between the emulator and guest memory, for syscalls. Every byte is checked against
/// the permission table first (every page of the range, not only the first and last), so a
/// wild guest pointer gives nil or false (the caller's -EFAULT), never a host fault. The copies
/// run under the address space's lock, so a concurrent munmap cannot pull pages away mid-copy.
/// Writes to watched pages first prepare them (`GuestMemory.prepareWrite`): pages holding
/// translated code get their host protection back (the JIT write-protects them) and the change
/// is reported, which drops the translations; write-tracked pages (a vfork child) are recorded
/// and made writable.
extension GuestAddressSpace {
    /// True when every byte of `[address, address + count)` has all the bits of `permission`
    /// (`PagePermission`); use it before handing guest buffers to the host.
    public func isAccessible(_ address: UInt64, count: Int, permission: UInt8) -> Bool {
        guard count >= 0 else { return false }
        let length = UInt64(count)
        guard address <= memory.size, length <= memory.size - address else { return false }
        return length == 0 || pageTable.allow(address, length, permission)
    }

    /// Copies guest bytes out; nil when any byte is not readable.
    public func read(_ address: UInt64, count: Int) -> [UInt8]? {
        locked {
            guard isAccessible(address, count: count, permission: PagePermission.read) else { return nil }
            return [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
                if count > 0 { memcpy(buffer.baseAddress!, host(address), count) }
                initialized = count
            }
        }
    }

    /// Copies guest bytes into `buffer`; false when any byte is not readable.
    public func read(_ address: UInt64, into buffer: UnsafeMutableRawBufferPointer) -> Bool {
        locked {
            guard isAccessible(address, count: buffer.count, permission: PagePermission.read) else { return false }
            if let destination = buffer.baseAddress { memcpy(destination, host(address), buffer.count) }
            return true
        }
    }

    /// Copies bytes into the guest; false when any byte is not writable.
    @discardableResult
    public func write(_ address: UInt64, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { write(address, from: $0) }
    }

    /// Copies `bytes` into the guest; false when any byte is not writable. Writes to pages
    /// holding translated code are reported through `onMappingChange`.
    @discardableResult
    public func write(_ address: UInt64, from bytes: UnsafeRawBufferPointer) -> Bool {
        locked {
            let count = bytes.count
            guard isAccessible(address, count: count, permission: PagePermission.write) else { return false }
            guard count > 0, let source = bytes.baseAddress else { return true }
            prepareWrite(address, UInt64(count))
            memcpy(host(address), source, count)
            return true
        }
    }

    /// Length of the NUL-terminated string at `address` (without the NUL) when it and its NUL
    /// are readable within `limit` bytes; nil otherwise.
    public func cStringLength(_ address: UInt64, limit: Int = 4096) -> Int? {
        locked { cStringLengthLocked(address, limit: limit) }
    }

    /// Reads a NUL-terminated string (at most `limit` bytes); nil when unreadable or too long.
    /// Invalid UTF-8 is repaired; use `readCStringBytes` for exact bytes (paths).
    public func readCString(_ address: UInt64, limit: Int = 4096) -> String? {
        readCStringBytes(address, limit: limit).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The bytes of the NUL-terminated string at `address` (without the NUL); nil when
    /// unreadable or longer than `limit` bytes including the NUL.
    public func readCStringBytes(_ address: UInt64, limit: Int = 4096) -> [UInt8]? {
        locked {
            guard let length = cStringLengthLocked(address, limit: limit) else { return nil }
            return [UInt8](UnsafeRawBufferPointer(start: host(address), count: length))
        }
    }

    /// A host pointer to `count` guest bytes when all of them have `permission`
    /// (`PagePermission` bits). The pointer is only good until the guest next changes its
    /// mappings; when `permission` includes write and the range holds translated code, the
    /// change is reported first.
    public func hostPointer(_ address: UInt64, count: Int, permission: UInt8) -> UnsafeMutableRawPointer? {
        locked {
            guard isAccessible(address, count: count, permission: permission) else { return nil }
            // Host writes through the pointer (a syscall filling a buffer) need the pages
            // writable on the host: code pages and write-tracked pages are write-protected.
            if permission & PagePermission.write != 0, count > 0 { prepareWrite(address, UInt64(count)) }
            return host(address)
        }
    }

    /// Under the lock, before writing the accessible range: prepares its watched pages
    /// (translated code: guest protection back and the change noted, so the translations are
    /// dropped; write-tracked pages: recorded and made writable).
    private func prepareWrite(_ address: UInt64, _ length: UInt64) {
        guard pageTable.touches(address, length, PagePermission.watched) else { return }
        memory.prepareWrite(address, length)
        if pageTable.touchesCode(address, length) { noteChange(address, address + length) }
    }

    private func cStringLengthLocked(_ address: UInt64, limit: Int) -> Int? {
        var cursor = address
        var scanned = 0
        while scanned < limit {
            let pageEnd = (cursor | Self.pageMask) &+ 1
            let chunk = min(Int(pageEnd &- cursor), limit - scanned)
            guard isAccessible(cursor, count: chunk, permission: PagePermission.read) else { return nil }
            if let nul = memchr(host(cursor), 0, chunk) {
                return scanned + (nul - UnsafeMutableRawPointer(host(cursor)))
            }
            scanned += chunk
            cursor += UInt64(chunk)
        }
        return nil
    }
}
