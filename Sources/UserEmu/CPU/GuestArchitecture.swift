import Translator

/// What the user-mode runtime must know about one guest architecture: its frontend and the
/// registers its Linux ABI uses. Per-guest knowledge lives here and in the frontend, nowhere
/// else in UserEmu.
public protocol GuestArchitecture {
    associatedtype Frontend: GuestFrontend
    /// Name used in messages, uname and `-cpu help` ("riscv64").
    static var name: String { get }
    /// ELF e_machine of its binaries.
    static var elfMachine: UInt16 { get }
    /// Size of the guest's user address space (a power of two).
    static var addressSpaceSize: UInt64 { get }
    /// Slot of the stack pointer.
    static var stackPointerSlot: UInt16 { get }
    /// Slot holding the syscall number on a syscall exit.
    static var syscallNumberSlot: UInt16 { get }
    /// Slot of syscall argument `index` (0...5).
    static func syscallArgumentSlot(_ index: Int) -> UInt16
    /// Slot receiving the syscall result.
    static var syscallResultSlot: UInt16 { get }
    /// The guest's name of syscall `number` (for `-strace` and `-d unimp`).
    static func syscallName(_ number: Int) -> String?
    /// Disassembles one instruction for `-d in_asm` and `-d unimp`.
    static func disassemble(at pc: UInt64, memory: GuestMemory) -> String
}
