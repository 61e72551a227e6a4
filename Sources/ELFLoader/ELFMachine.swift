/// Names of ELF machines (e_machine), for "ELF file is for x86-64, not riscv64" messages.
public enum ELFMachine {
    /// EM_X86_64.
    public static let x86_64: UInt16 = 62
    /// EM_AARCH64.
    public static let aarch64: UInt16 = 183
    /// EM_RISCV.
    public static let riscv: UInt16 = 243

    /// A short name of `machine` as qemu and uname spell it (64-bit flavour where both exist).
    public static func name(of machine: UInt16) -> String {
        switch machine {
        case 2: return "sparc"
        case 3: return "i386"
        case 8: return "mips"
        case 20: return "ppc"
        case 21: return "ppc64"
        case 22: return "s390x"
        case 40: return "arm"
        case 42: return "sh4"
        case 43: return "sparc64"
        case 50: return "ia64"
        case 62: return "x86-64"
        case 183: return "aarch64"
        case 243: return "riscv64"
        case 247: return "bpf"
        case 258: return "loongarch64"
        default: return "machine \(machine)"
        }
    }
}
