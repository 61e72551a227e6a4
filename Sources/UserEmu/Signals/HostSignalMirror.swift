import CSwiftQemu
import Glibc

/// Keeps the host's view of signals equal to the guest's, so the host kernel does most of the
/// work (docs/signals.md):
/// - a guest handler gets the emulator's host handler, which queues the signal for the CPU
///   loop; SIG_IGN and SIG_DFL become the same host disposition (the host then ignores, stops,
///   continues or ends the process exactly as the guest's kernel would, and SIGCHLD's SIG_IGN
///   reaps children as it should), except for the signals in `alwaysHandled`;
/// - the host thread's mask is the guest thread's mask, so the host kernel picks the thread
///   of a process-directed signal, keeps blocked signals pending and queues real-time ones.
enum HostSignalMirror {
    /// Signals that keep the host handler whatever the guest's disposition: the fault signals
    /// (host faults in translated code are the emulator's to handle) and the core-dumping
    /// ones (the emulator must die of them without writing a core file of itself).
    static let alwaysHandled = GuestSignal.synchronous | GuestSignal.coreDumping
    /// More signals whose SIG_DFL keeps the host handler, so that the emulator (not the host
    /// kernel) ends the process: in a vfork child the terminating ones, whose death must first
    /// hand the child's writes to its parent (`VforkWriteBack`). Only that process's single
    /// thread changes it.
    nonisolated(unsafe) static var handledWhenDefault: UInt64 = 0

    /// The host disposition for the guest's `action` of `signal`.
    static func apply(_ signal: Int32, _ action: GuestSigaction) {
        guard GuestSignal.unblockable & GuestSignal.bit(signal) == 0 else { return }
        let handled = alwaysHandled | handledWhenDefault
        if action.handler == GuestSigactionABI.ignoreHandler && GuestSignal.synchronous & GuestSignal.bit(signal) == 0 {
            _ = sq_signal_set_default(signal, 1)
        } else if action.handler == GuestSigactionABI.defaultHandler && handled & GuestSignal.bit(signal) == 0 {
            _ = sq_signal_set_default(signal, 0)
        } else {
            // SIGCHLD: the guest's "no stop notices" and "no zombies" requests are the host's.
            let childFlags = signal == GuestSignal.chld
                ? action.flags & (GuestSigactionABI.noChildStop | GuestSigactionABI.noChildWait) : 0
            _ = sq_signal_install_handler(signal, UInt(childFlags))
        }
    }

    /// Makes the terminating signals' SIG_DFL keep the host handler (`handledWhenDefault`), or
    /// gives them back to the host kernel; `actions` are the process's dispositions.
    static func handleTerminatingDefaults(_ handle: Bool, actions: [GuestSigaction]) {
        var terminating: UInt64 = 0
        for signal in 1...GuestSignal.count where GuestSignal.defaultAction(signal) == .terminate {
            terminating |= GuestSignal.bit(signal)
        }
        handledWhenDefault = handle ? terminating & ~GuestSignal.unblockable : 0
        for signal in 1...GuestSignal.count where terminating & GuestSignal.bit(signal) != 0 {
            apply(signal, actions[Int(signal)])
        }
    }

    /// Sets the calling host thread's mask to the guest thread's `mask` (the fault signals
    /// stay deliverable on the host).
    static func setMask(_ mask: UInt64) {
        _ = sq_signal_set_host_mask(mask)
    }

    /// What a new guest process inherits from the host process that exec'd the emulator:
    /// ignored signals stay ignored and the blocked mask stays blocked, as across execve(2).
    /// Reads the host state before the emulator changes it.
    static func inherited() -> (ignored: UInt64, mask: UInt64) {
        var ignored: UInt64 = 0
        for signal in 1...GuestSignal.count where GuestSignal.unblockable & GuestSignal.bit(signal) == 0 {
            if sq_signal_disposition(signal) == 1 { ignored |= GuestSignal.bit(signal) }
        }
        return (ignored, sq_signal_host_mask() & ~GuestSignal.unblockable)
    }

    /// Sets up the calling thread for guest signals: binds its interrupt word, installs the
    /// host dispositions for `actions` (index = signal) and mirrors `mask`.
    static func start(actions: [GuestSigaction], mask: UInt64, interruptWord: UnsafeMutablePointer<UInt64>) {
        sq_signal_bind_thread(interruptWord)
        for signal in 1...GuestSignal.count { apply(signal, actions[Int(signal)]) }
        setMask(mask)
    }

    /// Sets up a new guest thread's host thread: binds its interrupt word and mirrors its
    /// mask (the dispositions are the process's). A signal that reached the host thread before
    /// the binding is already queued: the word is set so the first block entry delivers it.
    static func startThread(mask: UInt64, interruptWord: UnsafeMutablePointer<UInt64>) {
        sq_signal_bind_thread(interruptWord)
        setMask(mask)
        if hasQueued { interruptWord.pointee = 1 }
    }

    /// Moves the signals the host handler queued on this thread into guest terms; every host
    /// signal stays blocked until `setMask` runs again.
    static func take() -> [QueuedGuestSignal] {
        withUnsafeTemporaryAllocation(of: sq_queued_signal.self, capacity: Int(SQ_SIGNAL_QUEUE_LENGTH)) { buffer in
            let count = Int(sq_signal_take(buffer.baseAddress!, Int32(SQ_SIGNAL_QUEUE_LENGTH)))
            return (0..<count).map { i in
                var entry = buffer[i]
                let info = withUnsafeBytes(of: &entry.info) { Array($0) }
                return QueuedGuestSignal(signal: entry.signo, info: info)
            }
        }
    }

    /// Re-sends `signals` (taken from an exiting thread; every host signal is blocked on it) to
    /// the process with their siginfo, so another thread receives them: a process-directed
    /// signal must not die with the thread that happened to catch it. Thread-directed ones
    /// (SI_TKILL) are dropped, as the kernel drops a dead thread's pending signals.
    static func handOver(_ signals: [QueuedGuestSignal]) {
        let threadDirected: Int32 = -6  // SI_TKILL
        for queued in signals {
            let code = queued.info.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 8, as: Int32.self) }
            guard code != threadDirected else { continue }
            _ = queued.info.withUnsafeBytes {
                hostPassthrough(.rt_sigqueueinfo, Int(getpid()), Int(queued.signal), hostArg($0.baseAddress))
            }
        }
    }

    /// Whether the host handler queued a signal on this thread that is not yet taken.
    @inline(__always) static var hasQueued: Bool { sq_signal_queued_count() != 0 }
}
