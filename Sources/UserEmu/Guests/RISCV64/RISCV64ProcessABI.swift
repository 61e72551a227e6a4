import Translator

/// riscv64 selects CONFIG_CLONE_BACKWARDS (arch/riscv/Kconfig; glibc's riscv kernel-features.h
/// says __ASSUME_CLONE_BACKWARDS): clone(flags, newsp, parent_tid, tls, child_tid). The stack
/// pointer is x2 (sp), the thread pointer x4 (tp).
extension RISCV64Guest: GuestProcessModel {
    /// The riscv64 clone ABI.
    public static var processABI: GuestProcessABI {
        GuestProcessABI(cloneTLSArgument: 3, cloneChildTidArgument: 4,
                        stackPointerSlot: RISCV64Frontend.xSlot(2), threadPointerSlot: RISCV64Frontend.xSlot(4))
    }
}
