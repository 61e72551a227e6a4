extension LoaderABI {
    /// riscv64 Linux with an sv39-sized address space (TASK_SIZE = 1 << 38), as in
    /// arch/riscv/include/asm/elf.h: ELF_ET_DYN_BASE = TASK_SIZE / 3 * 2, no ELF_PLATFORM,
    /// no ELF_HWCAP2, ARCH_DLINFO = the cache entries (0: no cache information) and
    /// AT_MINSIGSTKSZ.
    public static let riscv64 = LoaderABI(
        machine: 243,
        pageSize: 4096,
        addressSpaceSize: 1 << 38,
        dynamicBase: (1 << 38) / 3 * 2,
        // One page below the top, so the top page never holds stack data (qemu does the same).
        stackTop: (1 << 38) - 4096,
        hwcap: riscvHWCAP("IMAFDC"),
        hwcap2: nil,
        platform: nil,
        architectureAuxv: [
            AuxEntry(AuxType.l1iCacheSize, 0), AuxEntry(AuxType.l1iCacheGeometry, 0),
            AuxEntry(AuxType.l1dCacheSize, 0), AuxEntry(AuxType.l1dCacheGeometry, 0),
            AuxEntry(AuxType.l2CacheSize, 0), AuxEntry(AuxType.l2CacheGeometry, 0),
            AuxEntry(AuxType.l3CacheSize, 0), AuxEntry(AuxType.l3CacheGeometry, 0),
            // signal_minsigstksz = get_rt_frame_size(true) without V: sizeof(struct rt_sigframe)
            // = siginfo (128) + ucontext (960), rounded to 16.
            AuxEntry(AuxType.minSigStackSize, 0x440),
        ],
        defaultExecutableStack: false)

    /// riscv AT_HWCAP: bit ('X' - 'A') for each single-letter extension X (the misa layout).
    static func riscvHWCAP(_ letters: String) -> UInt64 {
        var bits: UInt64 = 0
        for letter in letters.utf8 { bits |= 1 << UInt64(letter - UInt8(ascii: "A")) }
        return bits
    }
}
