import Glibc

/// The emulator's own host signal dispositions.
enum HostSignals {
    /// Puts every catchable signal back to its default action. The Swift runtime installs a
    /// crash backtracer for SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT and others; a guest that
    /// dies of such a signal (abort() is a tgkill to itself) must make the emulator die of it
    /// silently, exactly as the program would on hardware. Guest signal delivery installs its
    /// own handlers later.
    static func restoreDefaults() {
        for signal: Int32 in 1..<32 where signal != SIGKILL && signal != SIGSTOP {
            Glibc.signal(signal, SIG_DFL)
        }
    }
}
