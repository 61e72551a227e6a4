/// The six integer arguments of a guest syscall (riscv64: a0..a5), as raw 64-bit values.
public struct SyscallArgs: Sendable {
    public var a0: UInt64
    public var a1: UInt64
    public var a2: UInt64
    public var a3: UInt64
    public var a4: UInt64
    public var a5: UInt64

    /// Arguments in guest register order.
    public init(a0: UInt64 = 0, a1: UInt64 = 0, a2: UInt64 = 0, a3: UInt64 = 0, a4: UInt64 = 0, a5: UInt64 = 0) {
        self.a0 = a0
        self.a1 = a1
        self.a2 = a2
        self.a3 = a3
        self.a4 = a4
        self.a5 = a5
    }
}

/// What the CPU loop does after a syscall.
public enum SyscallOutcome: Sendable, Equatable {
    /// Put the value (a result or -errno) in the guest's return register and continue.
    case returned(Int64)
    /// exit(2): the calling thread ends with this status.
    case exit(Int32)
    /// exit_group(2): the whole process ends with this status.
    case exitGroup(Int32)
}

// Argument views shared by every handler: the kernel truncates int arguments to 32 bits.
extension UInt64 {
    /// The low 32 bits as a signed int (an `int` syscall argument: fd, flags, signal...).
    @inline(__always) var int32: Int32 { Int32(truncatingIfNeeded: self) }
    /// The low 32 bits as an unsigned int (mode_t, uid_t, ioctl request...).
    @inline(__always) var uint32: UInt32 { UInt32(truncatingIfNeeded: self) }
    /// The value as a signed long (size_t results, off_t, pid arguments that are long).
    @inline(__always) var int: Int { Int(truncatingIfNeeded: self) }
}
