import Translator

// Checked access to guest memory for syscall handlers: every guest pointer goes through
// GuestAddressSpace, and a failure becomes -EFAULT, never a host fault. Asking for a writable
// pointer is enough to keep translations coherent: GuestAddressSpace.hostPointer reports a
// writable range that holds translated code (onMappingChange) before handing it out, so host
// syscalls may fill guest buffers directly.

/// -errno as a syscall result.
@inline(__always)
func fail(_ errno: Int32) -> Int64 { -Int64(errno) }

extension GuestProcessContext {
    /// A host pointer to `count` guest bytes that are readable (or writable when `write`); nil
    /// when any byte is not. A zero-length range needs no access and yields a harmless pointer
    /// (the guest memory base), since the kernel never touches it.
    func guestPointer(_ address: UInt64, _ count: Int, write: Bool) -> UnsafeMutableRawPointer? {
        guard count >= 0 else { return nil }
        if count == 0 { return addressSpace.memory.base }
        let permission = write ? PagePermission.write : PagePermission.read
        return addressSpace.hostPointer(address, count: count, permission: permission)
    }

    /// Like `guestPointer`, but a guest NULL gives `.some(nil)` (the argument is optional).
    func optionalGuestPointer(_ address: UInt64, _ count: Int, write: Bool) -> UnsafeMutableRawPointer?? {
        if address == 0 { return .some(nil) }
        guard let pointer = guestPointer(address, count, write: write) else { return nil }
        return .some(pointer)
    }

    /// Loads a little-endian integer from guest memory; nil when unreadable.
    func loadGuest<T: FixedWidthInteger>(_ address: UInt64, as type: T.Type) -> T? {
        guard let p = guestPointer(address, MemoryLayout<T>.size, write: false) else { return nil }
        return T(littleEndian: p.loadUnaligned(as: T.self))
    }

    /// Stores a little-endian integer into guest memory; false when unwritable.
    func storeGuest<T: FixedWidthInteger>(_ address: UInt64, _ value: T) -> Bool {
        guard let p = guestPointer(address, MemoryLayout<T>.size, write: true) else { return false }
        p.storeBytes(of: value.littleEndian, as: T.self)
        return true
    }

    /// Copies host bytes into guest memory; false when unwritable.
    func copyToGuest(_ address: UInt64, _ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let p = guestPointer(address, bytes.count, write: true) else { return false }
        if bytes.count > 0 { p.copyMemory(from: bytes.baseAddress!, byteCount: bytes.count) }
        return true
    }

    /// Reads the exact bytes of a NUL-terminated guest path (at most PATH_MAX = 4096 bytes
    /// including the NUL); nil when unreadable or too long.
    func readGuestPath(_ address: UInt64) -> [UInt8]? {
        addressSpace.readCStringBytes(address, limit: 4096)
    }
}
