/// What the program loader must know about a guest's Linux ABI: the address-space layout and
/// the architecture-specific auxiliary-vector values. One static value per guest (see
/// `LoaderABI.riscv64`); the loader itself has no per-guest code.
public struct LoaderABI: Sendable {
    /// ELF e_machine of the guest's programs.
    public var machine: UInt16
    /// Guest page size (AT_PAGESZ and mapping granularity).
    public var pageSize: UInt64
    /// Size of the user address space (the kernel's TASK_SIZE).
    public var addressSpaceSize: UInt64
    /// ELF_ET_DYN_BASE: where a PIE with an interpreter is placed (the kernel page-aligns it).
    public var dynamicBase: UInt64
    /// Highest stack address (end of the stack mapping, page-aligned).
    public var stackTop: UInt64
    /// AT_HWCAP.
    public var hwcap: UInt64
    /// AT_HWCAP2, or nil when the architecture does not define ELF_HWCAP2 (no entry).
    public var hwcap2: UInt64?
    /// ELF_PLATFORM (AT_PLATFORM string), or nil when the kernel gives none.
    public var platform: String?
    /// The entries of the kernel's ARCH_DLINFO, which come first in the vector (AT_SYSINFO_EHDR
    /// excluded: the loader adds it when a vDSO is mapped).
    public var architectureAuxv: [AuxEntry]
    /// Whether the stack is executable when there is no PT_GNU_STACK (VM_STACK_DEFAULT_FLAGS).
    public var defaultExecutableStack: Bool

    /// Creates an ABI description.
    public init(machine: UInt16, pageSize: UInt64, addressSpaceSize: UInt64, dynamicBase: UInt64,
                stackTop: UInt64, hwcap: UInt64, hwcap2: UInt64?, platform: String?,
                architectureAuxv: [AuxEntry], defaultExecutableStack: Bool) {
        self.machine = machine
        self.pageSize = pageSize
        self.addressSpaceSize = addressSpaceSize
        self.dynamicBase = dynamicBase
        self.stackTop = stackTop
        self.hwcap = hwcap
        self.hwcap2 = hwcap2
        self.platform = platform
        self.architectureAuxv = architectureAuxv
        self.defaultExecutableStack = defaultExecutableStack
    }
}
