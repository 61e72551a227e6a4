import Glibc

/// The guest pages a process writes, with their bytes from before the first write, so that the
/// changes can be reported elsewhere: the child of an emulated vfork hands its writes to the
/// parent, whose memory it shares on Linux (docs/processes.md, "vfork").
///
/// The pages to watch carry `PagePermission.writeTracked` and are write-protected on the host
/// (set up by the address space). Every writer calls `GuestMemory.prepareWrite` before writing
/// to such a page (JIT stores fault into their slow path, which calls it), and that calls
/// `willWrite`: under the mutex the page's bytes are copied, its host write access is given
/// back, and only then the bit is cleared, so a concurrent writer either still sees the bit
/// (and waits for the mutex, then finds nothing to do) or writes after the copy. Later writes
/// to the page cost nothing. `takeChanges` reports every run of bytes that differs from the
/// copies and makes the current bytes the new reference, so it can be called again (before each
/// exec attempt and at exit) and reports only what changed since.
///
/// Cold path only: the first write to each page. Not for the hot path (allocates, locks).
public final class PageWriteTracker: @unchecked Sendable {
    /// The running trackers by the guest memory's host base: one in a vfork child (the process
    /// has one address space), several only in tests. Pages with `writeTracked` written while
    /// their memory has none simply lose the bit.
    nonisolated(unsafe) private static var trackers: [UnsafeMutableRawPointer: PageWriteTracker] = [:]
    nonisolated(unsafe) private static let trackersMutex = HostMutex()

    /// The memory whose pages are tracked.
    public let memory: GuestMemory
    private let mutex = HostMutex()
    /// Page number → the page's bytes as last reported (or as they were before the first write).
    private var originals: [UInt64: UnsafeMutableRawPointer] = [:]

    private init(memory: GuestMemory) {
        self.memory = memory
    }

    /// A new tracker for `memory`, replacing any earlier one (a nested vfork child starts
    /// afresh). The caller then marks the pages to track.
    public static func start(memory: GuestMemory) -> PageWriteTracker {
        let tracker = PageWriteTracker(memory: memory)
        trackersMutex.locked { trackers[memory.base] = tracker }
        return tracker
    }

    /// Drops the tracker of `memory` (the caller clears the marks).
    public static func stop(memory: GuestMemory) {
        trackersMutex.locked { trackers[memory.base] = nil }
    }

    /// The running tracker of `memory`, if any.
    public static func tracker(for memory: GuestMemory) -> PageWriteTracker? {
        trackersMutex.locked { trackers[memory.base] }
    }

    deinit {
        for copy in originals.values { copy.deallocate() }
    }

    /// Pages written since tracking started.
    public var writtenPageCount: Int { mutex.locked { originals.count } }

    /// Before a write to pages `first...last` of `memory` (some carry `writeTracked`): their
    /// bytes are recorded by the memory's tracker and their tracking lifted.
    static func willWrite(_ memory: GuestMemory, _ first: UInt64, _ last: UInt64) {
        if let tracker = tracker(for: memory), tracker.memory.pageFlags == memory.pageFlags {
            tracker.mutex.locked { tracker.record(first, last) }
        } else {
            for page in first...last { lift(memory, page) }
        }
    }

    /// Under the mutex: copies each still-tracked page of `first...last`, then lifts it.
    private func record(_ first: UInt64, _ last: UInt64) {
        for page in first...last where memory.pageFlags[Int(page)] & PagePermission.writeTracked != 0 {
            if originals[page] == nil {
                let copy = UnsafeMutableRawPointer.allocate(byteCount: Int(GuestMemory.pageSize), alignment: 16)
                // Safe: a tracked page being written is writable, hence readable on the host.
                copy.copyMemory(from: memory.host(page << GuestMemory.pageShift), byteCount: Int(GuestMemory.pageSize))
                originals[page] = copy
            }
            Self.lift(memory, page)
        }
    }

    /// Ends the tracking of `page`: host write access first (translated code too: the caller
    /// drops the translations after its write), then the bit.
    private static func lift(_ memory: GuestMemory, _ page: UInt64) {
        let flags = memory.pageFlags[Int(page)]
        guard flags & PagePermission.writeTracked != 0 else { return }
        let protection = GuestMemory.hostProtection(pageFlags: flags & ~PagePermission.watched)
        _ = mprotect(memory.host(page << GuestMemory.pageShift), Int(GuestMemory.pageSize), protection)
        memory.pageFlags[Int(page)] = flags & ~PagePermission.writeTracked
    }

    /// Calls `report(address, bytes)` for every maximal run of bytes that differs from the
    /// recorded copies, in address order (byte-exact: bytes the process did not change are never
    /// reported, so they cannot overwrite anything), then records the current bytes. Pages that
    /// are no longer readable (unmapped or protected since) are skipped.
    public func takeChanges(_ report: (UInt64, UnsafeRawBufferPointer) -> Void) {
        mutex.locked {
            let size = Int(GuestMemory.pageSize)
            for page in originals.keys.sorted() where memory.pageFlags[Int(page)] & PagePermission.read != 0 {
                let start = page << GuestMemory.pageShift
                let current = UnsafeRawPointer(memory.host(start))
                let original = originals[page]!
                if memcmp(current, original, size) == 0 { continue }
                var offset = 0
                while offset < size {
                    offset = Self.firstDifference(current, original, from: offset, size: size)
                    guard offset < size else { break }
                    var end = offset + 1
                    while end < size, current.load(fromByteOffset: end, as: UInt8.self) != original.load(fromByteOffset: end, as: UInt8.self) {
                        end += 1
                    }
                    report(start + UInt64(offset), UnsafeRawBufferPointer(start: current + offset, count: end - offset))
                    offset = end
                }
                original.copyMemory(from: current, byteCount: size)
            }
        }
    }

    /// The first offset at or after `offset` where the two pages differ (`size` when none).
    private static func firstDifference(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, from offset: Int, size: Int) -> Int {
        var i = offset
        while i < size, i & 7 != 0 {
            if a.load(fromByteOffset: i, as: UInt8.self) != b.load(fromByteOffset: i, as: UInt8.self) { return i }
            i += 1
        }
        // Eight bytes at a time over the equal stretch (the pages are 16-byte aligned).
        while i + 8 <= size, a.load(fromByteOffset: i, as: UInt64.self) == b.load(fromByteOffset: i, as: UInt64.self) { i += 8 }
        while i < size, a.load(fromByteOffset: i, as: UInt8.self) == b.load(fromByteOffset: i, as: UInt8.self) { i += 1 }
        return i
    }
}
