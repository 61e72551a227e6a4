import CSwiftQemu

/// The executable code region: one memfd mapped twice, read/write for emitting and patching and
/// read/execute for running, so no page is ever writable and executable at once (W^X).
/// Allocation is a bump pointer; everything is dropped together when the translation cache is
/// flushed (at its `reclaim()`, when no translated code is running).
public final class JITCodeCache {
    /// Size of the region in bytes.
    public let capacity: Int
    private let rw: UnsafeMutableRawPointer
    /// Start of the executable view.
    public let rx: UnsafeMutableRawPointer
    /// Bytes in use.
    public private(set) var used = 0

    /// Maps a region of `capacity` bytes; nil when the host refuses.
    public init?(capacity: Int) {
        var w: UnsafeMutableRawPointer?, x: UnsafeMutableRawPointer?
        guard sq_jit_region_create(capacity, &w, &x) == 0, let w, let x else { return nil }
        self.capacity = capacity
        rw = w
        rx = x
    }

    deinit { sq_jit_region_destroy(rw, rx, capacity) }

    /// Copies `bytes` into the region (16-aligned); returns their executable address, or nil
    /// when the region is full.
    public func install(_ bytes: [UInt8]) -> UnsafeRawPointer? {
        let start = (used + 15) & ~15
        guard start + bytes.count <= capacity else { return nil }
        bytes.withUnsafeBytes { (rw + start).copyMemory(from: $0.baseAddress!, byteCount: bytes.count) }
        used = start + bytes.count
        return UnsafeRawPointer(rx + start)
    }

    /// Points the `jmp rel32` whose field is at `site` (an RX address) at `target`, writing
    /// through the RW view. The field is 4-aligned, so the store is atomic for other threads.
    public func patchJump(site: UnsafeRawPointer, target: UnsafeRawPointer) {
        let fieldOffset = site - UnsafeRawPointer(rx)
        let rel = Int32(truncatingIfNeeded: target - (site + 4))
        (rw + fieldOffset).storeBytes(of: rel, as: Int32.self)
    }

    /// Writes the 4-aligned 32-bit field at `site` (an RX address) through the RW view (one
    /// atomic store for other threads).
    public func patch32(site: UnsafeRawPointer, value: Int32) {
        (rw + (site - UnsafeRawPointer(rx))).storeBytes(of: value, as: Int32.self)
    }

    /// True when `p` lies in the executable view.
    public func contains(_ p: UnsafeRawPointer) -> Bool {
        p >= UnsafeRawPointer(rx) && p < UnsafeRawPointer(rx + capacity)
    }

    /// Forgets every installed byte; call only when no translated code can run.
    public func reset() { used = 0 }
}
