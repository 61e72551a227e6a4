import Foundation

/// Sets an engine's interrupt word when a run takes longer than a time limit, so a guest loop
/// that never ends (a miscompiled exit, a wrong inline-cache fill) stops the run with an
/// `interrupted` exit, and the test fails, instead of hanging the test process.
final class RunWatchdog: @unchecked Sendable {
    private let lock = NSLock()
    private var word: UnsafeMutablePointer<UInt64>?

    /// Arms the watchdog for the interrupt word `word` (`ExecutionEngine.interruptWord`).
    init(_ word: UnsafeMutablePointer<UInt64>, seconds: Double) {
        self.word = word
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { [self] in
            lock.lock()
            defer { lock.unlock() }
            self.word?.pointee = 1
        }
    }

    /// Call before the word's memory is freed: the watchdog never touches it afterwards.
    func disarm() {
        lock.lock()
        word = nil
        lock.unlock()
    }
}
