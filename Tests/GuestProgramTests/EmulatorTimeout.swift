import Foundation

/// The time limit for one emulated run. It starts at $SWIFT_QEMU_TEST_TIMEOUT (default 120 s: every
/// corpus program takes under 2 s under qemu-riscv64) and drops to 20 s once three runs have timed
/// out, so an emulator that hangs on everything fails the suite in minutes, not hours.
final class EmulatorTimeout: @unchecked Sendable {
    /// The process-wide budget.
    static let shared = EmulatorTimeout()

    private let lock = NSLock()
    private var timeouts = 0
    private let initial = Double(ProcessInfo.processInfo.environment["SWIFT_QEMU_TEST_TIMEOUT"] ?? "") ?? 120

    /// Seconds the next emulated run may take.
    var seconds: Double {
        lock.lock(); defer { lock.unlock() }
        return timeouts >= 3 ? min(initial, 20) : initial
    }

    /// Notes that a run was killed at its time limit.
    func recordTimeout() {
        lock.lock(); timeouts += 1; lock.unlock()
    }
}
