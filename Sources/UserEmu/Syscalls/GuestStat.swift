import Glibc

/// The guest's `struct stat` of the asm-generic ABI (riscv64, aarch64): 128 bytes.
///
/// Offsets (from /usr/riscv64-linux-gnu/include/asm-generic/stat.h, checked by
/// `codegen/gen_syscalls.py --verify-abi`): st_dev u64 @0, st_ino u64 @8, st_mode u32 @16,
/// st_nlink u32 @20, st_uid u32 @24, st_gid u32 @28, st_rdev u64 @32, __pad1 @40,
/// st_size i64 @48, st_blksize i32 @56, __pad2 @60, st_blocks i64 @64, st_atime/nsec @72/80,
/// st_mtime/nsec @88/96, st_ctime/nsec @104/112, 2 unused u32 @120.
/// x86-64's struct stat is 144 bytes with st_nlink (u64) before st_mode, so stat, fstat and
/// newfstatat convert; statx is identical everywhere and is copied through.
struct GuestStat: Equatable {
    var dev: UInt64 = 0
    var ino: UInt64 = 0
    var mode: UInt32 = 0
    var nlink: UInt32 = 0
    var uid: UInt32 = 0
    var gid: UInt32 = 0
    var rdev: UInt64 = 0
    var size: Int64 = 0
    var blksize: Int32 = 0
    var blocks: Int64 = 0
    var atime: Int64 = 0
    var atimeNsec: UInt64 = 0
    var mtime: Int64 = 0
    var mtimeNsec: UInt64 = 0
    var ctime: Int64 = 0
    var ctimeNsec: UInt64 = 0

    /// Size of the guest structure in bytes.
    static let byteSize = 128

    init() {}

    /// Reads the structure from guest bytes (128 readable bytes at `p`).
    init(loadingFrom p: UnsafeRawPointer) {
        func at<T: FixedWidthInteger>(_ offset: Int, _ type: T.Type) -> T {
            T(littleEndian: p.loadUnaligned(fromByteOffset: offset, as: T.self))
        }
        dev = at(0, UInt64.self); ino = at(8, UInt64.self)
        mode = at(16, UInt32.self); nlink = at(20, UInt32.self)
        uid = at(24, UInt32.self); gid = at(28, UInt32.self)
        rdev = at(32, UInt64.self); size = at(48, Int64.self)
        blksize = at(56, Int32.self); blocks = at(64, Int64.self)
        atime = at(72, Int64.self); atimeNsec = at(80, UInt64.self)
        mtime = at(88, Int64.self); mtimeNsec = at(96, UInt64.self)
        ctime = at(104, Int64.self); ctimeNsec = at(112, UInt64.self)
    }

    /// Writes the structure as guest bytes (128 writable bytes at `p`; padding is zeroed).
    func store(to p: UnsafeMutableRawPointer) {
        func put<T: FixedWidthInteger>(_ offset: Int, _ value: T) {
            p.storeBytes(of: value.littleEndian, toByteOffset: offset, as: T.self)
        }
        p.initializeMemory(as: UInt8.self, repeating: 0, count: Self.byteSize)
        put(0, dev); put(8, ino); put(16, mode); put(20, nlink); put(24, uid); put(28, gid)
        put(32, rdev); put(48, size); put(56, blksize); put(64, blocks)
        put(72, atime); put(80, atimeNsec); put(88, mtime); put(96, mtimeNsec)
        put(104, ctime); put(112, ctimeNsec)
    }
}

/// Converts the host's (x86-64, 144-byte) struct stat to the guest's. st_nlink narrows from
/// 64 to 32 bits and st_blksize from 64 to 32, as the generic kernel does (values that large
/// do not occur).
func hostToGuestStat(_ host: stat) -> GuestStat {
    var guest = GuestStat()
    guest.dev = UInt64(host.st_dev)
    guest.ino = UInt64(host.st_ino)
    guest.mode = UInt32(host.st_mode)
    guest.nlink = UInt32(truncatingIfNeeded: host.st_nlink)
    guest.uid = UInt32(host.st_uid)
    guest.gid = UInt32(host.st_gid)
    guest.rdev = UInt64(host.st_rdev)
    guest.size = Int64(host.st_size)
    guest.blksize = Int32(truncatingIfNeeded: host.st_blksize)
    guest.blocks = Int64(host.st_blocks)
    guest.atime = Int64(host.st_atim.tv_sec)
    guest.atimeNsec = UInt64(truncatingIfNeeded: host.st_atim.tv_nsec)
    guest.mtime = Int64(host.st_mtim.tv_sec)
    guest.mtimeNsec = UInt64(truncatingIfNeeded: host.st_mtim.tv_nsec)
    guest.ctime = Int64(host.st_ctim.tv_sec)
    guest.ctimeNsec = UInt64(truncatingIfNeeded: host.st_ctim.tv_nsec)
    return guest
}

/// Converts the guest's struct stat to the host's (the inverse of `hostToGuestStat`; used by
/// tests and by anything that must hand a guest-built stat to the host).
func guestToHostStat(_ guest: GuestStat) -> stat {
    var host = stat()
    host.st_dev = __dev_t(guest.dev)
    host.st_ino = __ino_t(guest.ino)
    host.st_mode = __mode_t(guest.mode)
    host.st_nlink = __nlink_t(guest.nlink)
    host.st_uid = __uid_t(guest.uid)
    host.st_gid = __gid_t(guest.gid)
    host.st_rdev = __dev_t(guest.rdev)
    host.st_size = __off_t(guest.size)
    host.st_blksize = __blksize_t(guest.blksize)
    host.st_blocks = __blkcnt_t(guest.blocks)
    host.st_atim = timespec(tv_sec: Int(guest.atime), tv_nsec: Int(truncatingIfNeeded: guest.atimeNsec))
    host.st_mtim = timespec(tv_sec: Int(guest.mtime), tv_nsec: Int(truncatingIfNeeded: guest.mtimeNsec))
    host.st_ctim = timespec(tv_sec: Int(guest.ctime), tv_nsec: Int(truncatingIfNeeded: guest.ctimeNsec))
    return host
}
