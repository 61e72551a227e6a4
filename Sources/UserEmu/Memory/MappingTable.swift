/// The guest's mappings, sorted by address and never overlapping: the bookkeeping behind
/// mmap, munmap, mprotect, mremap and /proc/self/maps. Pure data, no host calls.
///
/// A sorted array: processes have hundreds to a few thousand mappings, lookups are binary
/// searches, and inserts move a few kilobytes at most.
struct MappingTable {
    /// The mappings in address order.
    private(set) var entries: [GuestMapping] = []

    /// Number of mappings.
    var count: Int { entries.count }

    /// Index of the first mapping whose end is above `address` (`count` when none).
    func firstIndex(endingAbove address: UInt64) -> Int {
        var low = 0, high = entries.count
        while low < high {
            let mid = (low + high) / 2
            if entries[mid].end <= address { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The mapping containing `address`.
    func mapping(containing address: UInt64) -> GuestMapping? {
        let i = firstIndex(endingAbove: address)
        return i < entries.count && entries[i].start <= address ? entries[i] : nil
    }

    /// The first mapping that ends above `address` (it may contain `address`).
    func mapping(endingAbove address: UInt64) -> GuestMapping? {
        let i = firstIndex(endingAbove: address)
        return i < entries.count ? entries[i] : nil
    }

    /// True when some mapping overlaps `[start, end)`.
    func overlaps(_ start: UInt64, _ end: UInt64) -> Bool {
        let i = firstIndex(endingAbove: start)
        return i < entries.count && entries[i].start < end
    }

    /// True when every page of `[start, end)` is mapped.
    func isFullyMapped(_ start: UInt64, _ end: UInt64) -> Bool {
        var cursor = start
        var i = firstIndex(endingAbove: start)
        while cursor < end {
            guard i < entries.count, entries[i].start <= cursor else { return false }
            cursor = entries[i].end
            i += 1
        }
        return true
    }

    /// The mapped pieces of `[start, end)`, clipped to it, in address order.
    func pieces(_ start: UInt64, _ end: UInt64) -> [GuestMapping] {
        var result: [GuestMapping] = []
        var i = firstIndex(endingAbove: start)
        while i < entries.count, entries[i].start < end {
            result.append(entries[i].clipped(start, end))
            i += 1
        }
        return result
    }

    /// Splits the mapping that strictly contains `address`, if any.
    mutating func split(at address: UInt64) {
        let i = firstIndex(endingAbove: address)
        guard i < entries.count, entries[i].start < address else { return }
        let whole = entries[i]
        entries[i] = whole.clipped(whole.start, address)
        entries.insert(whole.clipped(address, whole.end), at: i + 1)
    }

    /// Splits mappings at `start` and `end`; returns the indices of the mappings inside.
    mutating func carve(_ start: UInt64, _ end: UInt64) -> Range<Int> {
        split(at: start)
        split(at: end)
        let low = firstIndex(endingAbove: start)
        var high = low
        while high < entries.count, entries[high].start < end { high += 1 }
        return low..<high
    }

    /// Forgets every mapping in `[start, end)` (splitting the ones crossing the edges).
    mutating func remove(_ start: UInt64, _ end: UInt64) {
        entries.removeSubrange(carve(start, end))
    }

    /// Adds `mapping` (its range must be free) and merges it with compatible neighbours.
    mutating func insert(_ mapping: GuestMapping) {
        let i = firstIndex(endingAbove: mapping.start)
        precondition(i == entries.count || entries[i].start >= mapping.end, "mapping table overlap")
        entries.insert(mapping, at: i)
        coalesce(around: i..<(i + 1))
    }

    /// Applies `body` to every mapping in `[start, end)` (split at the edges), then merges.
    mutating func update(_ start: UInt64, _ end: UInt64, _ body: (inout GuestMapping) -> Void) {
        let range = carve(start, end)
        for i in range { body(&entries[i]) }
        coalesce(around: range)
    }

    /// Merges compatible neighbours among `range` and the mapping on each side of it.
    private mutating func coalesce(around range: Range<Int>) {
        var i = max(range.lowerBound - 1, 0)
        var last = min(range.upperBound, entries.count - 1)
        while i < last {
            if entries[i].canMerge(with: entries[i + 1]) {
                entries[i].end = entries[i + 1].end
                entries.remove(at: i + 1)
                last -= 1
            } else {
                i += 1
            }
        }
    }

    /// Highest `alignment`-aligned start of a free range of `length` bytes in `[floor, ceiling)`.
    func findFreeTopDown(length: UInt64, floor: UInt64, ceiling: UInt64, alignment: UInt64) -> UInt64? {
        guard ceiling > floor, ceiling - floor >= length else { return nil }
        var top = ceiling
        var i = firstIndex(endingAbove: ceiling) // mappings below are at indices < i...
        if i < entries.count, entries[i].start < ceiling { top = entries[i].start } // ...except one crossing it
        i -= 1
        while top > floor {
            let gapStart = i >= 0 ? max(entries[i].end, floor) : floor
            if top >= gapStart, top - gapStart >= length {
                let candidate = (top - length) & ~(alignment - 1)
                if candidate >= gapStart { return candidate }
            }
            guard i >= 0 else { return nil }
            top = min(top, entries[i].start)
            i -= 1
        }
        return nil
    }

    /// Lowest `alignment`-aligned start of a free range of `length` bytes in `[floor, ceiling)`.
    func findFreeBottomUp(length: UInt64, floor: UInt64, ceiling: UInt64, alignment: UInt64) -> UInt64? {
        guard ceiling > floor, ceiling - floor >= length else { return nil }
        var bottom = floor
        var i = firstIndex(endingAbove: floor)
        while bottom < ceiling {
            bottom = (bottom + alignment - 1) & ~(alignment - 1)
            let gapEnd = i < entries.count ? min(entries[i].start, ceiling) : ceiling
            if gapEnd >= bottom, gapEnd - bottom >= length { return bottom }
            guard i < entries.count else { return nil }
            bottom = max(bottom, entries[i].end)
            i += 1
        }
        return nil
    }
}
