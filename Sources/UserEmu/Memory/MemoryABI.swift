/// Guest-visible constants of the Linux memory syscalls, generic ABI values
/// (`include/uapi/asm-generic/mman-common.h`, `mman.h`, `include/uapi/linux/mman.h`,
/// `asm-generic/errno-base.h`). riscv64 and aarch64 use these; so does x86-64 for every value
/// listed here, which lets the address space pass most flags straight to the host.
public enum MemoryABI {
    /// `PROT_*` bits of mmap and mprotect.
    public enum Prot {
        public static let read: Int32 = 0x1
        public static let write: Int32 = 0x2
        public static let exec: Int32 = 0x4
        public static let sem: Int32 = 0x8
        public static let growsDown: Int32 = 0x0100_0000
        public static let growsUp: Int32 = 0x0200_0000
        /// The access bits kept in a mapping.
        public static let access: Int32 = read | write | exec
    }

    /// `MAP_*` flags of mmap.
    public enum Map {
        public static let shared: Int32 = 0x01
        public static let `private`: Int32 = 0x02
        public static let sharedValidate: Int32 = 0x03
        public static let type: Int32 = 0x0f
        public static let fixed: Int32 = 0x10
        public static let anonymous: Int32 = 0x20
        public static let growsDown: Int32 = 0x100
        public static let denyWrite: Int32 = 0x800
        public static let executable: Int32 = 0x1000
        public static let locked: Int32 = 0x2000
        public static let noReserve: Int32 = 0x4000
        public static let populate: Int32 = 0x8000
        public static let nonBlock: Int32 = 0x10000
        public static let stack: Int32 = 0x20000
        public static let hugeTLB: Int32 = 0x40000
        public static let sync: Int32 = 0x80000
        public static let fixedNoReplace: Int32 = 0x100000
        public static let uninitialized: Int32 = 0x400_0000
        /// Bits 26..31: log2 of the huge page size for MAP_HUGETLB.
        public static let hugeMask: Int32 = Int32(bitPattern: 0xfc00_0000)
        /// Every flag the generic ABI defines (MAP_SHARED_VALIDATE rejects the others).
        public static let known: Int32 = type | fixed | anonymous | growsDown | denyWrite | executable
            | locked | noReserve | populate | nonBlock | stack | hugeTLB | sync | fixedNoReplace
            | uninitialized | hugeMask
        /// Flags a mapping keeps (the others only steer placement or population).
        public static let kept: Int32 = type | anonymous | growsDown | locked | noReserve | hugeTLB | sync
    }

    /// `MREMAP_*` flags.
    public enum Remap {
        public static let mayMove: Int32 = 1
        public static let fixed: Int32 = 2
        public static let dontUnmap: Int32 = 4
    }

    /// `MADV_*` advice values.
    public enum Advice {
        public static let normal: Int32 = 0
        public static let dontNeed: Int32 = 4
        public static let free: Int32 = 8
        public static let remove: Int32 = 9
        public static let dontFork: Int32 = 10
        public static let doFork: Int32 = 11
        public static let dontNeedLocked: Int32 = 24
        public static let hwPoison: Int32 = 100
        public static let softOffline: Int32 = 101

        /// True for the advice values Linux 6.x accepts.
        public static func isValid(_ advice: Int32) -> Bool {
            switch advice {
            case 0...4, 8...25, 100, 101: return true
            default: return false
            }
        }

        /// True for advice that may change page contents (translations must be dropped).
        public static func discardsContents(_ advice: Int32) -> Bool {
            advice == dontNeed || advice == free || advice == remove || advice == dontNeedLocked
        }
    }

    /// Errno values returned (negated) by the memory syscalls.
    public enum Errno {
        public static let perm: Int64 = 1
        public static let badf: Int64 = 9
        public static let again: Int64 = 11
        public static let nomem: Int64 = 12
        public static let acces: Int64 = 13
        public static let fault: Int64 = 14
        public static let exist: Int64 = 17
        public static let nodev: Int64 = 19
        public static let inval: Int64 = 22
        public static let overflow: Int64 = 75
        public static let opnotsupp: Int64 = 95
    }
}
