import Glibc

// Guest struct iovec arrays ({u64 base, u64 len} on riscv64 and x86-64) turned into host ones,
// for the calls that take them inside other structures (msghdr) or at other argument
// positions (preadv/pwritev) than readv/writev.

extension GuestProcessContext {
    /// Most iovecs one call accepts (UIO_MAXIOV).
    static let maxIovecs = 1024

    /// Fills `host` (room for `count` iovecs, 16 bytes each) from the guest iovec array at
    /// `address`, checking every buffer (writable when `write`). Returns 0, or the positive
    /// errno: EFAULT for an unreadable array or buffer, EINVAL when the lengths overflow.
    func translateIovecs(_ address: UInt64, count: Int, write: Bool, into host: UnsafeMutableRawPointer) -> Int32 {
        if count == 0 { return 0 }
        guard let guestIov = guestPointer(address, count * 16, write: false) else { return EFAULT }
        var total: UInt64 = 0
        for i in 0..<count {
            let base = UInt64(littleEndian: guestIov.loadUnaligned(fromByteOffset: i * 16, as: UInt64.self))
            let length = UInt64(littleEndian: guestIov.loadUnaligned(fromByteOffset: i * 16 + 8, as: UInt64.self))
            guard length <= UInt64(Int.max) - total else { return EINVAL }
            total += length
            guard let p = guestPointer(base, Int(length), write: write) else { return EFAULT }
            host.storeBytes(of: UInt64(UInt(bitPattern: p)), toByteOffset: i * 16, as: UInt64.self)
            host.storeBytes(of: length, toByteOffset: i * 16 + 8, as: UInt64.self)
        }
        return 0
    }
}
