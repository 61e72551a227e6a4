import CSwiftQemu

/// Optional host instructions the JIT uses when CPUID reports them; without them it calls helpers.
public struct X86HostFeatures: Sendable {
    public var lzcnt: Bool
    public var tzcnt: Bool
    public var popcnt: Bool

    /// Features of this host.
    public static let host: X86HostFeatures = {
        let f = sq_jit_cpu_features()
        return X86HostFeatures(lzcnt: f & UInt32(SQ_JIT_LZCNT) != 0, tzcnt: f & UInt32(SQ_JIT_BMI1) != 0,
                               popcnt: f & UInt32(SQ_JIT_POPCNT) != 0)
    }()

    /// No optional instruction (for tests of the fallback paths).
    public static let baseline = X86HostFeatures(lzcnt: false, tzcnt: false, popcnt: false)

    public init(lzcnt: Bool, tzcnt: Bool, popcnt: Bool) {
        self.lzcnt = lzcnt; self.tzcnt = tzcnt; self.popcnt = popcnt
    }
}
