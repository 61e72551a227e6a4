import Translator

/// Write tracking of the pages a vfork child shares with its parent on Linux (docs/processes.md,
/// "vfork"): the private writable mappings. MAP_SHARED mappings and SysV segments stay shared
/// with the parent across the host fork and need none; pages the child maps later are its own.
extension GuestAddressSpace {
    /// Starts tracking writes to every page of the private writable mappings: a new
    /// `PageWriteTracker` starts for this memory, the pages get
    /// `PagePermission.writeTracked` and lose their host write access. Call in the child before
    /// it runs guest code or writes guest memory (it is then the process's only thread).
    @discardableResult
    public func startWriteTracking() -> PageWriteTracker {
        locked {
            let tracker = PageWriteTracker.start(memory: memory)
            for mapping in table.entries where !mapping.isShared && mapping.protection & MemoryABI.Prot.write != 0 {
                // Pages beyond the end of a file are not writable (nothing to track). The bit
                // first: a page is never write-protected on the host without it.
                let end = mapping.beyondEndOfFileStart
                guard end > mapping.start else { continue }
                pageTable.setTracking(mapping.start, end, true)
                memory.applyHostProtection(mapping.start, end - mapping.start)
            }
            return tracker
        }
    }

    /// Ends write tracking (a process forked by a vfork child, which has no parent waiting for
    /// its writes): the bits go and the pages get their guest host protection back.
    public func stopWriteTracking() {
        locked {
            PageWriteTracker.stop(memory: memory)
            for mapping in table.entries where pageTable.touches(mapping.start, mapping.length, PagePermission.writeTracked) {
                let end = mapping.beyondEndOfFileStart
                pageTable.setTracking(mapping.start, mapping.end, false)
                if end > mapping.start { memory.applyHostProtection(mapping.start, end - mapping.start) }
            }
        }
    }

    /// The tracked writes since the last call (`PageWriteTracker.takeChanges`), taken under the
    /// lock so no mapping changes meanwhile; nothing when no tracking runs.
    public func takeTrackedWrites(_ report: (UInt64, UnsafeRawBufferPointer) -> Void) {
        locked {
            PageWriteTracker.tracker(for: memory)?.takeChanges(report)
        }
    }
}
