/// The process-wide state the syscall layer works on: guest memory, the `-L` prefix, the
/// guest program's identity, logging, and what the guest told the kernel about itself
/// (signal dispositions, tid address, robust list) that the emulator records for later.
public final class GuestProcessContext {
    /// Guest memory: every guest pointer a syscall receives is checked here.
    public let addressSpace: GuestAddressSpace
    /// The `-L` prefix (the guest's sysroot), or nil.
    public var ldPrefix: String?
    /// Absolute host path of the guest program (what `/proc/self/exe` must name).
    public var exePath: String
    /// The guest's argv.
    public var argv: [String]
    /// `-d unimp`: name every unimplemented syscall, ioctl and fcntl the guest uses.
    public var logUnimplemented: Bool
    /// Where `-d unimp` lines go.
    public var log: UnimpLog
    /// Drops translations of guest code in `[start, start + length)`; `(0, UInt64.max)` means all.
    /// Called by riscv_flush_icache and after host writes into pages that hold translated code.
    public var invalidateCode: ((_ start: UInt64, _ length: UInt64) -> Void)?
    /// Guest signal dispositions (shared by the process's threads; masks are per thread).
    public let signals = GuestSignalActions()
    /// Where the loader put the program (auxv, argv/envp areas, code and data bounds) for the
    /// /proc emulation; the front end sets it after loading. Without it /proc/self/auxv is
    /// empty and cmdline comes from `argv`.
    public var program: LoadedProgram?
    /// The name set with prctl(PR_SET_NAME), nil until then (/proc/self/comm and status use
    /// the program's basename). Threads set and read it concurrently: under `ProcessStateLock`.
    public var commName: [UInt8]? {
        get { ProcessStateLock.locked { storedCommName } }
        set { ProcessStateLock.locked { storedCommName = newValue } }
    }
    private var storedCommName: [UInt8]?
    /// libaio contexts and in-flight iocbs (AIOSyscalls).
    public let aio = GuestAIOTable()
    /// Fork and exec support (the emulator's executable and options, the clone ABI, the register
    /// file, fork hooks); nil when the context is not a running emulator (clone and exec then
    /// return -ENOSYS).
    public var process: GuestProcessControl?

    /// Creates the context of a guest process.
    public init(addressSpace: GuestAddressSpace, exePath: String, argv: [String], ldPrefix: String? = nil,
                logUnimplemented: Bool = false, log: UnimpLog = UnimpLog()) {
        self.addressSpace = addressSpace
        self.exePath = exePath
        self.argv = argv
        self.ldPrefix = ldPrefix
        self.logUnimplemented = logUnimplemented
        self.log = log
    }

    /// Writes a `-d unimp` line when that logging is on.
    @inline(never)
    func logUnimp(_ line: @autoclosure () -> String) {
        if logUnimplemented { log.write(line()) }
    }
}

/// One guest thread's kernel-visible values (its `SyscallDispatcher` and `CPULoop` hold it).
public final class GuestThreadState {
    /// The thread's register file (its engine's frame), nil in unit tests without an engine.
    public var registers: UnsafeMutablePointer<UInt64>?
    /// The host (and guest) thread id.
    public var tid: Int32 = 0
    /// set_tid_address / CLONE_CHILD_CLEARTID: zeroed and futex-woken when the thread exits.
    public var clearChildTid: UInt64 = 0
    /// set_robust_list head (guest address) and length.
    public var robustListHead: UInt64 = 0
    /// set_robust_list length (the kernel accepts only sizeof(struct robust_list_head) = 24).
    public var robustListLength: UInt64 = 0
    /// The blocked-signal mask (bit n-1 for signal n). The host thread's mask mirrors it
    /// (`HostSignalMirror.setMask`).
    public var blockedSignals: UInt64 = 0
    /// The alternate signal stack (sigaltstack).
    public var altStack = GuestAltStack()
    /// The mask a temporary mask replaced (rt_sigsuspend, ppoll, pselect6, epoll_pwait): the
    /// signal frame of the handler that ends the wait saves it, so sigreturn restores it (nil
    /// outside such a wait).
    public var suspendedMask: UInt64?
    /// Signals taken from the host while the guest blocked them (only the fault signals, which
    /// the host never blocks, can be, when sent with kill); delivered once unblocked.
    var deferredSignals: [QueuedGuestSignal] = []
    /// The guest stack pointer when the current syscall was made (sigaltstack's on-stack test).
    public var stackPointer: UInt64 = 0

    /// A fresh thread: nothing recorded, nothing blocked.
    public init() {}
}

/// A guest `struct sigaction` of the generic ABI as rt_sigaction passes it (riscv64 has no
/// sa_restorer: 24 bytes, handler, flags, mask).
public struct GuestSigaction: Equatable {
    /// sa_handler / sa_sigaction (0 = SIG_DFL, 1 = SIG_IGN).
    public var handler: UInt64 = 0
    /// sa_flags (SA_* of the generic ABI).
    public var flags: UInt64 = 0
    /// sa_mask (bit n-1 for signal n).
    public var mask: UInt64 = 0

    /// Size of the guest structure in bytes.
    public static let size = 24

    /// A disposition.
    public init(handler: UInt64 = 0, flags: UInt64 = 0, mask: UInt64 = 0) {
        self.handler = handler
        self.flags = flags
        self.mask = mask
    }
}
