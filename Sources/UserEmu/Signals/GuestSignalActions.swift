import Glibc
import Synchronization

/// The dispositions of guest signals 1...64: one table per process, shared by its threads (the
/// kernel's sighand_struct; masks are per thread, in `GuestThreadState`).
///
/// Threads read it on every delivery and change it with rt_sigaction concurrently, so each entry
/// is a seqlock: a sequence word (odd while the entry is being written) and the three words of
/// the action. A reader takes no lock (delivery stays a few loads, and nothing a host signal
/// handler could hold is ever waited for): it retries when the sequence was odd or changed under
/// it. Writers hold `ProcessStateLock` and mirror the new disposition onto the host inside it
/// (`HostSignalMirror.apply`), so the host's dispositions change in the same order as the table.
public final class GuestSignalActions: @unchecked Sendable {
    /// Words per entry: sequence, handler, flags, mask.
    private static let stride = 4
    /// Entries 0...64 (0 unused). Safe (@unchecked Sendable): every word is an atomic.
    private let words: UnsafeMutablePointer<Atomic<UInt64>>
    private static let wordCount = 65 * stride

    /// Every signal at SIG_DFL.
    public init() {
        words = .allocate(capacity: Self.wordCount)
        for i in 0..<Self.wordCount { (words + i).initialize(to: Atomic(0)) }
    }

    deinit {
        words.deinitialize(count: Self.wordCount)
        words.deallocate()
    }

    /// The disposition of `signal` (1...64), read consistently without a lock.
    public subscript(signal: Int) -> GuestSigaction {
        let entry = words + signal * Self.stride
        while true {
            let before = entry[0].load(ordering: .acquiring)
            if before & 1 == 0 {
                let action = GuestSigaction(handler: entry[1].load(ordering: .relaxed),
                                            flags: entry[2].load(ordering: .relaxed),
                                            mask: entry[3].load(ordering: .relaxed))
                // The three loads complete before the sequence is read again.
                atomicMemoryFence(ordering: .acquiring)
                if entry[0].load(ordering: .relaxed) == before { return action }
            } else {
                // A writer is between its stores (a few instructions; it may have been preempted).
                sched_yield()
            }
        }
    }

    /// Every disposition, index = signal (entry 0 unused), each entry read as by the subscript.
    /// Setting it replaces the whole table without touching the host: for start-up, before
    /// `HostSignalMirror.start` mirrors it and before any other thread exists.
    public var actions: [GuestSigaction] {
        get { (0...64).map { self[$0] } }
        set { ProcessStateLock.locked { for signal in 1...64 { store(signal, newValue[signal]) } } }
    }

    /// rt_sigaction: installs `action` for `signal` and mirrors it on the host, in one step for
    /// the other threads; returns the previous disposition.
    func exchange(_ signal: Int, with action: GuestSigaction) -> GuestSigaction {
        ProcessStateLock.locked {
            let old = self[signal]
            store(signal, action)
            HostSignalMirror.apply(Int32(signal), action)
            return old
        }
    }

    /// SA_RESETHAND at delivery: back to SIG_DFL (host too), unless another thread has changed
    /// the disposition since `delivered` was read (the kernel resets under the lock it delivers
    /// with, so a concurrent rt_sigaction is never undone).
    func resetToDefault(_ signal: Int, ifStill delivered: GuestSigaction) {
        ProcessStateLock.locked {
            guard self[signal] == delivered else { return }
            store(signal, GuestSigaction())
            HostSignalMirror.apply(Int32(signal), GuestSigaction())
        }
    }

    /// Writes one entry; the caller holds `ProcessStateLock` (one writer at a time).
    private func store(_ signal: Int, _ action: GuestSigaction) {
        let entry = words + signal * Self.stride
        let sequence = entry[0].load(ordering: .relaxed)
        entry[0].store(sequence &+ 1, ordering: .relaxed)
        // The odd sequence is visible before any of the new words.
        atomicMemoryFence(ordering: .releasing)
        entry[1].store(action.handler, ordering: .relaxed)
        entry[2].store(action.flags, ordering: .relaxed)
        entry[3].store(action.mask, ordering: .relaxed)
        entry[0].store(sequence &+ 2, ordering: .releasing)
    }
}
