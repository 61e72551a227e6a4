extension GuestAddressSpace {
    /// Sets where the heap starts (page-aligned end of the loaded program); the break starts
    /// there too.
    public func setBreakBase(_ address: UInt64) {
        locked {
            let base = Self.pageAligned(address) ?? memory.size
            breakBase = min(base, memory.size)
            currentBreak = breakBase
        }
    }

    /// Linux brk: moves the break when possible and returns the current break.
    ///
    /// The heap is an anonymous read-write mapping (kind `.heap`) from the break base up to the
    /// page-aligned break, emulated inside the guest space (never the host's brk). A request
    /// below the base (brk(0)) returns the current break; growth fails, returning the old
    /// break, when the new pages (plus a guard page, as in the kernel) reach another mapping.
    public func brk(_ requested: UInt64) -> UInt64 {
        locked {
            guard requested >= breakBase, let newTop = Self.pageAligned(requested), newTop <= memory.size,
                  let oldTop = Self.pageAligned(currentBreak)
            else { return currentBreak }
            if newTop == oldTop {
                currentBreak = requested
            } else if newTop < oldTop {
                unmapLocked(newTop, oldTop)
                currentBreak = requested
            } else {
                if let next = table.mapping(endingAbove: oldTop), next.start < newTop &+ Self.pageSize {
                    return currentBreak
                }
                let flags = MemoryABI.Map.private | MemoryABI.Map.anonymous | MemoryABI.Map.fixed
                let r = mapLocked(address: oldTop, length: newTop - oldTop,
                                  protection: MemoryABI.Prot.read | MemoryABI.Prot.write,
                                  flags: flags, fd: -1, offset: 0, kind: .heap)
                if r >= 0 { currentBreak = requested }
            }
            return currentBreak
        }
    }

    /// The break base and the current break.
    public var breakRange: (base: UInt64, current: UInt64) { locked { (breakBase, currentBreak) } }

    /// Marks the mappings in `[address, address + length)` as the main thread's stack
    /// (`[stack]` in /proc/self/maps); the loader calls it after mapping the stack.
    public func markStack(address: UInt64, length: UInt64) {
        locked {
            let start = address & ~Self.pageMask
            guard let aligned = Self.pageAligned(address &+ length), aligned > start else { return }
            let end = min(aligned, memory.size)
            table.update(start, end) { $0.kind = .stack }
        }
    }
}
