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

    // Signals (docs/signals.md): the frame layout is the guest kernel's; the rest is shared.

    /// The rt_sigreturn syscall number.
    static var rtSigreturnNumber: Int { get }
    /// Bytes of the syscall instruction: a restarted syscall runs it again.
    static var syscallInstructionLength: UInt64 { get }
    /// The code the emulator maps as the guest's signal return trampoline (the kernel's vDSO
    /// `__vdso_rt_sigreturn`, byte for byte, so unwinders recognise signal frames).
    static var sigreturnTrampoline: [UInt8] { get }
    /// Bytes of the kernel's `struct rt_sigframe` (siginfo first, then the ucontext).
    static var signalFrameSize: Int { get }
    /// Fills `frame` (zeroed, `signalFrameSize` bytes) as the kernel does before running a
    /// handler: `info` (128 bytes), the registers of `regs`, the saved `mask` and `stack`.
    static func writeSignalFrame(_ frame: UnsafeMutableRawBufferPointer, regs: UnsafeMutablePointer<UInt64>,
                                 info: [UInt8], mask: UInt64, stack: GuestStackRecord)
    /// Sets the registers to enter `handler` for `signal` with its frame at guest address
    /// `frame`, returning through `trampoline`.
    static func enterSignalHandler(regs: UnsafeMutablePointer<UInt64>, handler: UInt64, signal: Int32,
                                   frame: UInt64, trampoline: UInt64)
    /// Restores the registers saved in `frame` (rt_sigreturn); returns the saved mask and stack.
    static func restoreSignalFrame(_ frame: UnsafeRawBufferPointer, regs: UnsafeMutablePointer<UInt64>)
        -> (mask: UInt64, stack: GuestStackRecord)
}
