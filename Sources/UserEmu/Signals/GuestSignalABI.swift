/// Signal numbers, flags and codes of the generic Linux ABI that riscv64 and aarch64 use
/// (asm-generic/signal.h, signal-defs.h, siginfo.h). Signals 1–31 have the same numbers on the
/// x86-64 host, and the real-time signals 32–64 map one to one, so a guest signal number is
/// the host's.
enum GuestSignal {
    static let hup: Int32 = 1
    static let int: Int32 = 2
    static let quit: Int32 = 3
    static let ill: Int32 = 4
    static let trap: Int32 = 5
    static let abrt: Int32 = 6
    static let bus: Int32 = 7
    static let fpe: Int32 = 8
    static let kill: Int32 = 9
    static let segv: Int32 = 11
    static let chld: Int32 = 17
    static let cont: Int32 = 18
    static let stop: Int32 = 19
    static let tstp: Int32 = 20
    static let ttin: Int32 = 21
    static let ttou: Int32 = 22
    static let urg: Int32 = 23
    static let xcpu: Int32 = 24
    static let xfsz: Int32 = 25
    static let winch: Int32 = 28
    static let sys: Int32 = 31
    /// The highest signal number.
    static let count: Int32 = 64

    /// The mask bit of `signal` (bit n-1 for signal n).
    @inline(__always) static func bit(_ signal: Int32) -> UInt64 { 1 << UInt64(signal - 1) }

    /// SIGKILL and SIGSTOP, which can be neither caught, blocked nor ignored.
    static let unblockable: UInt64 = bit(kill) | bit(stop)

    /// The signals a host fault raises (the fault signals of the guest too).
    static let synchronous: UInt64 = bit(ill) | bit(trap) | bit(bus) | bit(fpe) | bit(segv)

    /// Signals whose default action dumps core.
    static let coreDumping: UInt64 = bit(quit) | bit(ill) | bit(trap) | bit(abrt) | bit(bus) | bit(fpe)
        | bit(segv) | bit(xcpu) | bit(xfsz) | bit(sys)

    /// What SIG_DFL does with a signal (signal(7)).
    enum DefaultAction { case terminate, core, ignore, stop, resume }

    /// The default action of `signal`.
    static func defaultAction(_ signal: Int32) -> DefaultAction {
        if coreDumping & bit(signal) != 0 { return .core }
        switch signal {
        case chld, urg, winch: return .ignore
        case stop, tstp, ttin, ttou: return .stop
        case cont: return .resume
        default: return .terminate
        }
    }
}

/// `sa_handler` values and `sa_flags` bits of the generic ABI.
enum GuestSigactionABI {
    static let defaultHandler: UInt64 = 0
    static let ignoreHandler: UInt64 = 1
    static let noChildStop: UInt64 = 0x0000_0001
    static let noChildWait: UInt64 = 0x0000_0002
    static let siginfo: UInt64 = 0x0000_0004
    static let onStack: UInt64 = 0x0800_0000
    static let restart: UInt64 = 0x1000_0000
    static let noDefer: UInt64 = 0x4000_0000
    static let resetHandler: UInt64 = 0x8000_0000
}

/// `si_code` values the emulator writes for synchronous signals (asm-generic/siginfo.h).
enum GuestSignalCode {
    static let illegalOpcode: Int32 = 1   // ILL_ILLOPC
    static let mapError: Int32 = 1       // SEGV_MAPERR
    static let accessError: Int32 = 2    // SEGV_ACCERR
    static let alignment: Int32 = 1      // BUS_ADRALN
    static let addressError: Int32 = 2   // BUS_ADRERR
    static let breakpoint: Int32 = 1     // TRAP_BRKPT
}

/// sigaltstack `ss_flags` and the minimum size (asm-generic/signal-defs.h, signal.h).
enum GuestAltStackABI {
    static let onStack: Int32 = 1
    static let disable: Int32 = 2
    static let autoDisarm: Int32 = Int32(bitPattern: 0x8000_0000)
    static let minimumSize: UInt64 = 2048
    /// Size of `stack_t` (ss_sp, ss_flags, ss_size).
    static let size = 24
}
