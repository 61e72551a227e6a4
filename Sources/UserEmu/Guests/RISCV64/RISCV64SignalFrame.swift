import Translator

/// The riscv64 kernel's signal frame (arch/riscv/kernel/signal.c, uapi asm/ucontext.h and
/// asm/sigcontext.h; offsets checked with riscv64-linux-gnu-gcc):
///
/// | offset | field |
/// |---|---|
/// | 0 | siginfo (128 bytes) |
/// | 128 | uc_flags, 136 uc_link |
/// | 144 | uc_stack: ss_sp, 152 ss_flags, 160 ss_size |
/// | 168 | uc_sigmask (8 bytes, then 120 bytes reserved for a larger sigset) |
/// | 304 | uc_mcontext.sc_regs: pc, then x1…x31 (8 bytes each) |
/// | 560 | sc_fpregs (the D extension's view): f0…f31, 816 fcsr (u32); the union is 528 bytes, its tail (the Q view, the extension header) stays zero |
///
/// 1088 bytes in all. The handler is entered with a0 = signal, a1 = &info, a2 = &uc,
/// sp = the frame, ra = the vDSO's `li a7, 139; ecall`.
extension RISCV64Guest {
    static let frameStack = 144
    static let frameMask = 168
    static let frameRegisters = 304
    static let frameFloat = 560
    static let frameFCSR = 816

    public static var rtSigreturnNumber: Int { 139 }
    public static var syscallInstructionLength: UInt64 { 4 }
    /// `li a7, 139` (addi a7, zero, 139) and `ecall`.
    public static var sigreturnTrampoline: [UInt8] { [0x93, 0x08, 0xb0, 0x08, 0x73, 0x00, 0x00, 0x00] }
    public static var signalFrameSize: Int { 1088 }

    public static func writeSignalFrame(_ frame: UnsafeMutableRawBufferPointer, regs: UnsafeMutablePointer<UInt64>,
                                 info: [UInt8], mask: UInt64, stack: GuestStackRecord) {
        frame.copyBytes(from: info.prefix(128))
        frame.storeBytes(of: stack.base, toByteOffset: frameStack, as: UInt64.self)
        frame.storeBytes(of: stack.flags, toByteOffset: frameStack + 8, as: Int32.self)
        frame.storeBytes(of: stack.size, toByteOffset: frameStack + 16, as: UInt64.self)
        frame.storeBytes(of: mask, toByteOffset: frameMask, as: UInt64.self)
        frame.storeBytes(of: regs[Int(IRSlot.pc)], toByteOffset: frameRegisters, as: UInt64.self)
        for n in 1..<32 {
            frame.storeBytes(of: regs[Int(RISCV64Frontend.xSlot(n))], toByteOffset: frameRegisters + 8 * n, as: UInt64.self)
        }
        for n in 0..<32 {
            frame.storeBytes(of: regs[Int(RISCV64Frontend.fSlot(n))], toByteOffset: frameFloat + 8 * n, as: UInt64.self)
        }
        let fcsr = UInt32(truncatingIfNeeded: (regs[Int(IRSlot.fpRoundingMode)] & 7) << 5 | (regs[Int(IRSlot.fpFlags)] & 0x1f))
        frame.storeBytes(of: fcsr, toByteOffset: frameFCSR, as: UInt32.self)
    }

    public static func enterSignalHandler(regs: UnsafeMutablePointer<UInt64>, handler: UInt64, signal: Int32,
                                   frame: UInt64, trampoline: UInt64) {
        regs[Int(IRSlot.pc)] = handler
        regs[Int(RISCV64Frontend.xSlot(1))] = trampoline
        regs[Int(RISCV64Frontend.xSlot(2))] = frame
        regs[Int(RISCV64Frontend.xSlot(10))] = UInt64(signal)
        regs[Int(RISCV64Frontend.xSlot(11))] = frame
        regs[Int(RISCV64Frontend.xSlot(12))] = frame + 128
    }

    public static func restoreSignalFrame(_ frame: UnsafeRawBufferPointer, regs: UnsafeMutablePointer<UInt64>)
        -> (mask: UInt64, stack: GuestStackRecord) {
        regs[Int(IRSlot.pc)] = frame.loadUnaligned(fromByteOffset: frameRegisters, as: UInt64.self)
        for n in 1..<32 {
            regs[Int(RISCV64Frontend.xSlot(n))] = frame.loadUnaligned(fromByteOffset: frameRegisters + 8 * n, as: UInt64.self)
        }
        for n in 0..<32 {
            regs[Int(RISCV64Frontend.fSlot(n))] = frame.loadUnaligned(fromByteOffset: frameFloat + 8 * n, as: UInt64.self)
        }
        let fcsr = UInt64(frame.loadUnaligned(fromByteOffset: frameFCSR, as: UInt32.self))
        regs[Int(IRSlot.fpFlags)] = fcsr & 0x1f
        regs[Int(IRSlot.fpRoundingMode)] = (fcsr >> 5) & 7
        let stack = GuestStackRecord(
            base: frame.loadUnaligned(fromByteOffset: frameStack, as: UInt64.self),
            flags: frame.loadUnaligned(fromByteOffset: frameStack + 8, as: Int32.self),
            size: frame.loadUnaligned(fromByteOffset: frameStack + 16, as: UInt64.self))
        return (frame.loadUnaligned(fromByteOffset: frameMask, as: UInt64.self), stack)
    }
}
