import CSwiftQemu
import Glibc

/// Per-CPU counters that the guest can read (`rdcounter`) and the benchmarks report.
public struct RuntimeCounters {
    /// Guest instructions retired, counted per block executed.
    public var instructionsRetired: UInt64 = 0
    /// Host monotonic clock at start-up, in nanoseconds.
    public var startNanoseconds: UInt64

    public init() { startNanoseconds = RuntimeCounters.monotonicNanoseconds() }

    /// Host CLOCK_MONOTONIC in nanoseconds, through glibc so the vDSO answers without a syscall
    /// (the translation-cost counters call it twice per block).
    public static func monotonicNanoseconds() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) &* 1_000_000_000 &+ UInt64(ts.tv_nsec)
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
