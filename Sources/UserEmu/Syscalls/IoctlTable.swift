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
        /// SIOCGIFCONF: struct ifconf (int ifc_len @0, pointer ifc_buf @8) whose buffer pointer
        /// is a guest address; ifc_len is read and written back.
        case ifconf
    }

    /// Size of struct ifreq (16-byte name + a 24-byte union) on both 64-bit ABIs.
    static let ifreqSize = 40

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
        // Sockets (linux/sockios.h, asm-generic/sockios.h). struct ifreq is 40 bytes with the
        // same layout on riscv64 and x86-64 (sockaddr, ints, shorts, struct ifmap 24 bytes);
        // the requests whose union member is a pointer (SIOCETHTOOL, SIOCGIFCONF's ifc_buf, the
        // private and bridge requests) are not in this list, except SIOCGIFCONF (translated).
        0x8901: .read(4),       // FIOSETOWN
        0x8902: .read(4),       // SIOCSPGRP
        0x8903: .write(4),      // FIOGETOWN
        0x8904: .write(4),      // SIOCGPGRP
        0x8905: .write(4),      // SIOCATMARK
        0x8906: .write(16),     // SIOCGSTAMP_OLD (struct timeval, 16 bytes on both)
        0x8907: .write(16),     // SIOCGSTAMPNS_OLD (struct timespec)
        0x894b: .write(4),      // SIOCOUTQNSD
        0x8910: .write(ifreqSize),  // SIOCGIFNAME (reads ifr_ifindex, writes ifr_name)
        0x8912: .ifconf,        // SIOCGIFCONF
        0x8913: .write(ifreqSize),  // SIOCGIFFLAGS
        0x8914: .read(ifreqSize),   // SIOCSIFFLAGS
        0x8915: .write(ifreqSize),  // SIOCGIFADDR
        0x8916: .read(ifreqSize),   // SIOCSIFADDR
        0x8917: .write(ifreqSize),  // SIOCGIFDSTADDR
        0x8918: .read(ifreqSize),   // SIOCSIFDSTADDR
        0x8919: .write(ifreqSize),  // SIOCGIFBRDADDR
        0x891a: .read(ifreqSize),   // SIOCSIFBRDADDR
        0x891b: .write(ifreqSize),  // SIOCGIFNETMASK
        0x891c: .read(ifreqSize),   // SIOCSIFNETMASK
        0x891d: .write(ifreqSize),  // SIOCGIFMETRIC
        0x891e: .read(ifreqSize),   // SIOCSIFMETRIC
        0x8921: .write(ifreqSize),  // SIOCGIFMTU
        0x8922: .read(ifreqSize),   // SIOCSIFMTU
        0x8923: .read(ifreqSize),   // SIOCSIFNAME
        0x8924: .read(ifreqSize),   // SIOCSIFHWADDR
        0x8927: .write(ifreqSize),  // SIOCGIFHWADDR
        0x8931: .read(ifreqSize),   // SIOCADDMULTI
        0x8932: .read(ifreqSize),   // SIOCDELMULTI
        0x8933: .write(ifreqSize),  // SIOCGIFINDEX
        0x8942: .write(ifreqSize),  // SIOCGIFTXQLEN
        0x8943: .read(ifreqSize),   // SIOCSIFTXQLEN
        0x8970: .write(ifreqSize),  // SIOCGIFMAP
        0x8971: .read(ifreqSize),   // SIOCSIFMAP
    ]
}
