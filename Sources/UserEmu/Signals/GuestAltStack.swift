/// A guest thread's alternate signal stack, as sigaltstack(2) sets it.
public struct GuestAltStack: Equatable {
    /// ss_sp: lowest address of the stack.
    public var base: UInt64 = 0
    /// ss_size in bytes; 0 when disabled.
    public var size: UInt64 = 0
    /// SS_AUTODISARM: the stack is disabled while a handler runs on it.
    public var autoDisarm = false

    /// No alternate stack.
    public init() {}

    /// A stack of `size` bytes at `base`.
    public init(base: UInt64, size: UInt64, autoDisarm: Bool) {
        self.base = base
        self.size = size
        self.autoDisarm = autoDisarm
    }

    /// Whether `sp` lies on the stack (the kernel's on_sig_stack; the stack grows down, so its
    /// top address counts and its base does not). Never true for an auto-disarmed stack.
    public func contains(_ sp: UInt64) -> Bool {
        !autoDisarm && size != 0 && sp > base && sp - base <= size
    }

    /// The `ss_flags` sigaltstack reports for a thread whose stack pointer is `sp`.
    public func flags(stackPointer sp: UInt64) -> Int32 {
        let state = size == 0 ? GuestAltStackABI.disable : (contains(sp) ? GuestAltStackABI.onStack : 0)
        return state | (autoDisarm ? GuestAltStackABI.autoDisarm : 0)
    }
}

/// A signal taken from the host queue: its number and the kernel's siginfo (128 bytes, the
/// generic 64-bit layout the host shares with the guest).
struct QueuedGuestSignal {
    var signal: Int32
    var info: [UInt8]
}

/// A `stack_t` as sigaltstack(2) and the signal frame's `uc_stack` hold it.
public struct GuestStackRecord: Equatable {
    /// ss_sp.
    public var base: UInt64
    /// ss_flags.
    public var flags: Int32
    /// ss_size.
    public var size: UInt64
}
