/// One auxiliary-vector entry (`Elf64_auxv_t`): a type (`AT_*`) and its value.
public struct AuxEntry: Equatable, Sendable {
    /// `AT_*` type.
    public var type: UInt64
    /// The value (a number or a guest address).
    public var value: UInt64

    /// Creates an entry.
    public init(_ type: UInt64, _ value: UInt64) {
        self.type = type
        self.value = value
    }
}

/// `AT_*` auxiliary-vector types (`include/uapi/linux/auxvec.h`, riscv `asm/auxvec.h`).
public enum AuxType {
    public static let null: UInt64 = 0
    public static let ignore: UInt64 = 1
    public static let execFD: UInt64 = 2
    public static let phdr: UInt64 = 3
    public static let phent: UInt64 = 4
    public static let phnum: UInt64 = 5
    public static let pageSize: UInt64 = 6
    public static let base: UInt64 = 7
    public static let flags: UInt64 = 8
    public static let entry: UInt64 = 9
    public static let uid: UInt64 = 11
    public static let euid: UInt64 = 12
    public static let gid: UInt64 = 13
    public static let egid: UInt64 = 14
    public static let platform: UInt64 = 15
    public static let hwcap: UInt64 = 16
    public static let clockTick: UInt64 = 17
    public static let secure: UInt64 = 23
    public static let basePlatform: UInt64 = 24
    public static let random: UInt64 = 25
    public static let hwcap2: UInt64 = 26
    public static let rseqFeatureSize: UInt64 = 27
    public static let rseqAlign: UInt64 = 28
    public static let execFn: UInt64 = 31
    public static let sysinfoEHDR: UInt64 = 33
    public static let l1iCacheSize: UInt64 = 40
    public static let l1iCacheGeometry: UInt64 = 41
    public static let l1dCacheSize: UInt64 = 42
    public static let l1dCacheGeometry: UInt64 = 43
    public static let l2CacheSize: UInt64 = 44
    public static let l2CacheGeometry: UInt64 = 45
    public static let l3CacheSize: UInt64 = 46
    public static let l3CacheGeometry: UInt64 = 47
    public static let minSigStackSize: UInt64 = 51

    /// AT_FLAGS bit 0 (`AT_FLAGS_PRESERVE_ARGV0`): binfmt_misc's `P` flag kept argv[0].
    public static let flagPreserveArgv0: UInt64 = 1
}
