import CSwiftQemu

/// Per-CPU counters that the guest can read (`rdcounter`) and the benchmarks report.
public struct RuntimeCounters {
    /// Guest instructions retired, counted per block executed.
    public var instructionsRetired: UInt64 = 0
    /// Host monotonic clock at start-up, in nanoseconds.
    public var startNanoseconds: UInt64

    public init() { startNanoseconds = RuntimeCounters.monotonicNanoseconds() }

    /// Host CLOCK_MONOTONIC in nanoseconds.
    public static func monotonicNanoseconds() -> UInt64 {
        var ts = (Int(0), Int(0))
        _ = withUnsafeMutablePointer(to: &ts) { sq_syscall6(228 /* clock_gettime */, 1 /* CLOCK_MONOTONIC */, Int(bitPattern: $0), 0, 0, 0, 0) }
        return UInt64(ts.0) &* 1_000_000_000 &+ UInt64(ts.1)
    }

    @inline(never)
    static func read(_ which: Int, _ c: UnsafeMutablePointer<RuntimeCounters>) -> UInt64 {
        switch which {
        case 1: return monotonicNanoseconds() &- c.pointee.startNanoseconds
        case 2: return c.pointee.instructionsRetired
        default: return monotonicNanoseconds()
        }
    }
}
