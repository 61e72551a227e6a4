import SyscallTables
import Translator

/// riscv64 Linux: RV64GC with Zba/Zbb/Zbs, LP64D ABI (syscall number in a7, arguments a0-a5,
/// result in a0), sv39-sized address space.
public enum RISCV64Guest: GuestArchitecture {
    public typealias Frontend = RISCV64Frontend
    public static let name = "riscv64"
    public static let elfMachine: UInt16 = 243  // EM_RISCV
    public static let addressSpaceSize: UInt64 = 1 << 38
    public static var stackPointerSlot: UInt16 { RISCV64Frontend.xSlot(2) }
    public static var syscallNumberSlot: UInt16 { RISCV64Frontend.xSlot(17) }
    public static func syscallArgumentSlot(_ index: Int) -> UInt16 { RISCV64Frontend.xSlot(10 + index) }
    public static var syscallResultSlot: UInt16 { RISCV64Frontend.xSlot(10) }

    public static func syscallName(_ number: Int) -> String? {
        RISCV64Syscall.name(of: number).map { "\($0)" }
    }

    public static func disassemble(at pc: UInt64, memory: GuestMemory) -> String {
        guard memory.isAccessible(pc, 2, PagePermission.read) else { return "<unreadable>" }
        let low = memory.load(pc, as: UInt16.self)
        if low & 3 != 3 { return String(format16: low) + "  " + RISCV64Frontend.disassemble(UInt32(low)) }
        guard memory.isAccessible(pc, 4, PagePermission.read) else { return "<unreadable>" }
        let word = memory.load(pc, as: UInt32.self)
        return String(format32: word) + "  " + RISCV64Frontend.disassemble(word)
    }
}

extension String {
    init(format16 value: UInt16) {
        let hex = String(value, radix: 16)
        self = String(repeating: "0", count: 4 - hex.count) + hex
    }
    init(format32 value: UInt32) {
        let hex = String(value, radix: 16)
        self = String(repeating: "0", count: 8 - hex.count) + hex
    }
}
