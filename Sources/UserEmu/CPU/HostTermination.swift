import CSwiftQemu
import Glibc

/// Ends the emulator the way the guest ended, so a parent sees the same wait status.
public enum HostTermination {
    /// Runs just before the emulator ends (the `SWIFT_QEMU_STATS` report).
    nonisolated(unsafe) static var beforeExit: (() -> Void)?
    /// Runs first when the process ends: a vfork child hands its writes to its parent
    /// (`VforkWriteBack`).
    nonisolated(unsafe) static var beforeEnd: (() -> Void)?

    /// Exits with the guest's exit status (low 8 bits, as the kernel reports it).
    public static func exit(status: Int32) -> Never {
        beforeEnd?()
        beforeExit?()
        Glibc._exit(status & 0xff)
    }

    /// Ends only the calling thread (the raw exit syscall: no unwinding, no atexit handlers);
    /// for the main thread when other guest threads run on.
    public static func exitThread(status: Int32) -> Never {
        while true { _ = sq_syscall6(60 /* x86-64 exit */, Int(status & 0xff), 0, 0, 0, 0, 0) }
    }

    /// Dies of `signal` with the default action, as the guest would have. Core dumps of the
    /// emulator itself are suppressed (RLIMIT_CORE 0) since they would describe the host.
    public static func die(signal: Int32) -> Never {
        beforeEnd?()
        beforeExit?()
        var noCore = rlimit(rlim_cur: 0, rlim_max: 0)
        _ = setrlimit(__rlimit_resource_t(RLIMIT_CORE.rawValue), &noCore)
        Glibc.signal(signal, SIG_DFL)
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, signal)
        sigprocmask(SIG_UNBLOCK, &set, nil)
        raise(signal)
        // Signals whose default action is to ignore (or stop) do not end the process.
        Glibc._exit(128 + signal)
    }
}
