import CSwiftQemu
import Glibc

/// The emulator's own host signal dispositions at start-up.
enum HostSignals {
    /// What the guest inherits and the emulator's clean slate: reads the signals the host
    /// process was started with ignored and blocked (they stay so for the guest, as across
    /// execve(2)), then puts every other catchable signal back to its default action. The Swift
    /// runtime installs a crash backtracer for SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT and
    /// others; a guest that dies of such a signal (abort() is a tgkill to itself) must make the
    /// emulator die of it silently, exactly as the program would on hardware. Guest signal
    /// delivery installs its own handlers later (`HostSignalMirror.start`).
    static func takeOver() -> (ignored: UInt64, mask: UInt64) {
        let inherited = HostSignalMirror.inherited()
        for signal in 1...GuestSignal.count where GuestSignal.unblockable & GuestSignal.bit(signal) == 0 {
            if inherited.ignored & GuestSignal.bit(signal) == 0 { _ = sq_signal_set_default(signal, 0) }
        }
        return inherited
    }
}
