import Glibc

/// `/proc/cpuinfo` as a riscv64 Linux kernel prints it (`arch/riscv/kernel/cpu.c`,
/// `show_cpuinfo`): one block per online host CPU, each hart with the ISA string of the
/// emulated CPU (RV64GC + Zba/Zbb/Zbs), the Sv39 MMU and zero vendor/arch/implementation ids
/// (what `riscv_hwprobe` reports too).
enum ProcCpuinfo {
    /// The ISA string of the emulated hart.
    static let isa = "rv64imafdc_zicsr_zifencei_zba_zbb_zbs"

    /// The text for `count` harts.
    static func text(cpus count: Int) -> String {
        var out = ""
        for cpu in 0..<max(count, 1) {
            out += "processor\t: \(cpu)\n"
            out += "hart\t\t: \(cpu)\n"
            out += "isa\t\t: \(isa)\n"
            out += "mmu\t\t: sv39\n"
            out += "mvendorid\t: 0x0\n"
            out += "marchid\t\t: 0x0\n"
            out += "mimpid\t\t: 0x0\n"
            out += "\n"
        }
        return out
    }

    /// Online host CPUs.
    static var hostCPUs: Int { max(Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))), 1) }
}
