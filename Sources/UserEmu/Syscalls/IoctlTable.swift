// The ioctls added in batch 3, as data: request number -> what its argument is. The numbers
// use the asm-generic _IOC encoding, which x86-64 shares, and every structure listed has the
// same layout on both (file_clone_range 32, fsxattr 28, file_dedupe_range 24 + 32 per range,
// fiemap 32 + 56 per extent, block-device sizes as u64/unsigned long/int).

extension GuestIoctl {
    /// What an ioctl's third argument is.
    enum Argument {
        /// A plain value (or unused).
        case value
        /// A pointer to `size` bytes the kernel reads.
        case read(Int)
        /// A pointer to `size` bytes the kernel writes (and may read).
        case write(Int)
        /// FIDEDUPERANGE: header + dest_count ranges, read and written.
        case dedupeRange
        /// FS_IOC_FIEMAP: header + fm_extent_count extents, read and written.
        case fiemap
    }

    /// Request -> argument kind.
    static let batch3: [UInt32: Argument] = [
        // Terminals (asm-generic/ioctls.h).
        0x5409: .value,     // TCSBRK
        0x540A: .value,     // TCXONC
        0x540B: .value,     // TCFLSH
        0x540C: .value,     // TIOCEXCL
        0x540D: .value,     // TIOCNXCL
        0x540E: .value,     // TIOCSCTTY
        0x5411: .write(4),  // TIOCOUTQ
        0x5412: .read(1),   // TIOCSTI
        0x5415: .write(4),  // TIOCMGET
        0x5416: .read(4),   // TIOCMBIS
        0x5417: .read(4),   // TIOCMBIC
        0x5418: .read(4),   // TIOCMSET
        0x5422: .value,     // TIOCNOTTY
        0x5425: .value,     // TCSBRKP
        0x5427: .value,     // TIOCSBRK
        0x5428: .value,     // TIOCCBRK
        0x5429: .write(4),  // TIOCGSID
        0x5441: .value,     // TIOCGPTPEER
        0x80045430: .write(4),  // TIOCGPTN
        0x40045431: .read(4),   // TIOCSPTLCK
        0x80045440: .write(4),  // TIOCGEXCL
        // File descriptors.
        0x5450: .value,     // FIONCLEX
        0x5451: .value,     // FIOCLEX
        0x5452: .read(4),   // FIOASYNC
        0x5460: .write(8),  // FIOQSIZE
        // File systems (linux/fs.h).
        0x80086601: .write(4),  // FS_IOC_GETFLAGS (the kernel moves an int)
        0x40086602: .read(4),   // FS_IOC_SETFLAGS
        0x80087601: .write(4),  // FS_IOC_GETVERSION
        0x801c581f: .write(28), // FS_IOC_FSGETXATTR
        0x401c5820: .read(28),  // FS_IOC_FSSETXATTR
        0xc020660b: .fiemap,    // FS_IOC_FIEMAP
        0x40049409: .value,     // FICLONE (source fd)
        0x4020940d: .read(32),  // FICLONERANGE
        0xc0189436: .dedupeRange, // FIDEDUPERANGE
        0xc0045877: .value,     // FIFREEZE
        0xc0045878: .value,     // FITHAW
        // Block devices.
        0x80081272: .write(8),  // BLKGETSIZE64
        0x1260: .write(8),      // BLKGETSIZE (unsigned long)
        0x1268: .write(4),      // BLKSSZGET
        0x127b: .write(4),      // BLKPBSZGET
        0x1278: .write(4),      // BLKIOMIN
        0x1279: .write(4),      // BLKIOOPT
        0x125e: .write(4),      // BLKROGET
        0x1261: .value,         // BLKFLSBUF
        0x1277: .read(16),      // BLKDISCARD
        // Random device.
        0x80045200: .write(4),  // RNDGETENTCNT
    ]
}
