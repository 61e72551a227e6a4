import Translator

/// The lock of the guest process's small shared tables that its threads change through
/// syscalls: the signal dispositions' writers (`GuestSignalActions`: rt_sigaction, SA_RESETHAND,
/// each together with its host mirror), the name set with prctl(PR_SET_NAME) and the libaio
/// context table (`GuestAIOTable`). One per emulator process, as there is one guest process.
///
/// Held only for a few loads and stores (and, for a disposition, the host rt_sigaction), never
/// across a blocking call or guest memory access, and never taken by a signal handler (no Swift
/// runs in one) nor on the signal-delivery path (dispositions are read without it). A fork holds
/// it (`ForkedEmulatorState`), so the child never inherits it locked nor a half-written entry.
enum ProcessStateLock {
    /// Safe: a pthread mutex, which is made for sharing between threads.
    nonisolated(unsafe) private static let mutex = HostMutex()

    /// Runs `body` holding the lock.
    static func locked<T>(_ body: () throws -> T) rethrows -> T {
        try mutex.locked(body)
    }

    /// Takes the lock, for a section that spans calls: a fork (released on both sides), an
    /// accessor that yields a table to its caller.
    static func lock() { mutex.lock() }

    /// Releases the lock taken by `lock`.
    static func unlock() { mutex.unlock() }
}
