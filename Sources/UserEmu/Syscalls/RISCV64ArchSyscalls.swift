import Glibc

// riscv64's own syscalls (__NR_arch_specific_syscall + n). They do not exist on other guests.

/// riscv_hwprobe keys and values (Linux arch/riscv/include/uapi/asm/hwprobe.h, Linux 6.4+).
enum RISCVHwprobe {
    static let keyMvendorid: Int64 = 0
    static let keyMarchid: Int64 = 1
    static let keyMimpid: Int64 = 2
    static let keyBaseBehavior: Int64 = 3
    static let keyIMAExt0: Int64 = 4
    static let keyCPUPerf0: Int64 = 5

    /// RISCV_HWPROBE_BASE_BEHAVIOR_IMA: rv64ima user ABI as ratified.
    static let baseBehaviorIMA: UInt64 = 1
    /// RISCV_HWPROBE_IMA_FD | _IMA_C | _EXT_ZBA | _EXT_ZBB | _EXT_ZBS (bits 0, 1, 3, 4, 5;
    /// bit 2 would be V): what the RV64GC + Zba/Zbb/Zbs decoder implements.
    static let imaExt0: UInt64 = (1 << 0) | (1 << 1) | (1 << 3) | (1 << 4) | (1 << 5)
    /// RISCV_HWPROBE_MISALIGNED_FAST: scalar misaligned accesses are plain host accesses.
    static let misalignedFast: UInt64 = 3

    /// The value of a key, or nil for a key this emulator does not know.
    static func value(of key: Int64) -> UInt64? {
        switch key {
        case keyMvendorid, keyMarchid, keyMimpid: return 0
        case keyBaseBehavior: return baseBehaviorIMA
        case keyIMAExt0: return imaExt0
        case keyCPUPerf0: return misalignedFast
        default: return nil
        }
    }
}

extension SyscallDispatcher {
    /// Guest `riscv_hwprobe` (258): fills each {s64 key, u64 value} pair; unknown keys get key
    /// -1 and value 0, as the kernel does. The CPU set is ignored (every hart is the same).
    /// No host call. flags must be 0.
    func sysRiscvHwprobe(_ a: SyscallArgs) -> Int64 {
        let count = a.a1.int
        guard a.a4 == 0 else { return fail(EINVAL) }
        guard count >= 0, count <= Int.max / 16 else { return fail(EFAULT) }
        if a.a2 != 0, context.guestPointer(a.a3, a.a2.int, write: false) == nil { return fail(EFAULT) }
        guard let pairs = context.guestPointer(a.a0, count * 16, write: true) else { return fail(EFAULT) }
        for i in 0..<count {
            let key = Int64(littleEndian: pairs.loadUnaligned(fromByteOffset: i * 16, as: Int64.self))
            let value = RISCVHwprobe.value(of: key)
            pairs.storeBytes(of: (value == nil ? -1 : key).littleEndian, toByteOffset: i * 16, as: Int64.self)
            pairs.storeBytes(of: (value ?? 0).littleEndian, toByteOffset: i * 16 + 8, as: UInt64.self)
        }
        return 0
    }

    /// Guest `riscv_flush_icache` (259): drops every translation (the range is advisory, as in
    /// the kernel). No host call. flags other than SYS_RISCV_FLUSH_ICACHE_LOCAL (1) -> -EINVAL.
    func sysRiscvFlushIcache(_ a: SyscallArgs) -> Int64 {
        guard a.a2 & ~1 == 0 else { return fail(EINVAL) }
        context.invalidateCode?(0, UInt64.max)
        return 0
    }
}
