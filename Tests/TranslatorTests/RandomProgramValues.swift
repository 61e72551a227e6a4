/// SplitMix64: a tiny deterministic generator, so a seed reproduces a run on any machine.
struct RandomProgramRNG {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    /// SplitMix64's finalizer: a well-mixed hash of `x` (to derive independent per-program seeds).
    static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// Uniform in 0..<n.
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }

    /// Uniform in lo...hi.
    mutating func inRange(_ lo: Int64, _ hi: Int64) -> Int64 { lo + Int64(next() % UInt64(hi - lo + 1)) }

    /// True with probability percent/100.
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }

    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}

/// Operand values that find bugs: integer corner cases, IEEE special values (signed zeros,
/// infinities, quiet and signalling NaNs with payloads, subnormals, conversion limits, ties).
enum RandomProgramValues {
    static let integers: [UInt64] = [
        0, 1, 2, 3, 0xffff_ffff_ffff_ffff, 0xffff_ffff_ffff_fffe, 0x8000_0000_0000_0000, 0x7fff_ffff_ffff_ffff,
        0xffff_ffff_8000_0000, 0x7fff_ffff, 0x8000_0000, 0xffff_ffff, 0x1_0000_0000, 0xff, 0x80, 0xffff, 0x8000,
        31, 32, 63, 64, 0x5555_5555_5555_5555, 0xaaaa_aaaa_aaaa_aaaa, 0x0123_4567_89ab_cdef,
        0xffff_ffff_0000_0000, 0x8000_0000_0000_0001, 0x0000_0000_ffff_fffe,
    ]

    static let doubles: [UInt64] = [
        0x0000_0000_0000_0000, 0x8000_0000_0000_0000,  // ±0
        0x7ff0_0000_0000_0000, 0xfff0_0000_0000_0000,  // ±inf
        0x7ff8_0000_0000_0000, 0xfff8_0000_0000_0000, 0x7ff8_0000_dead_beef,  // quiet NaNs
        0x7ff0_0000_0000_0001, 0x7ff4_0000_0000_0000, 0xfff0_0000_0000_0001,  // signalling NaNs
        0x0000_0000_0000_0001, 0x000f_ffff_ffff_ffff, 0x8000_0000_0000_0001, 0x0008_0000_0000_0000,  // subnormals
        0x0010_0000_0000_0000, 0x7fef_ffff_ffff_ffff, 0xffef_ffff_ffff_ffff,  // min normal, ±max
        0x3ff0_0000_0000_0000, 0xbff0_0000_0000_0000, 0x3fe0_0000_0000_0000, 0xbfe0_0000_0000_0000,  // ±1, ±0.5
        0x3ff8_0000_0000_0000, 0x4004_0000_0000_0000, 0xc004_0000_0000_0000, 0x400c_0000_0000_0000,  // 1.5, ±2.5, 3.5
        0x41e0_0000_0000_0000, 0xc1e0_0000_0000_0000, 0x41df_ffff_ffe0_0000, 0x41df_ffff_fff0_0000,  // 2^31, -2^31, 2^31-1, 2^31-0.5
        0xc1e0_0000_0010_0000, 0x41ef_ffff_ffe0_0000, 0x41ef_ffff_fff0_0000, 0x41f0_0000_0000_0000,  // -2^31-0.5, 2^32-1, 2^32-0.5, 2^32
        0x43e0_0000_0000_0000, 0xc3e0_0000_0000_0000, 0x43df_ffff_ffff_ffff, 0x43f0_0000_0000_0000,  // ±2^63, below 2^63, 2^64
        0x43ef_ffff_ffff_ffff, 0xbfef_ffff_ffff_ffff, 0x3ca0_0000_0000_0000, 0x3690_0000_0000_0000,  // below 2^64, -0.99.., 2^-53, 2^-150
        0x380f_ffff_e000_0000, 0x47ef_ffff_f000_0000, 0x3810_0000_0000_0000, 0x36a0_0000_0000_0000,  // float-range edges
        0x3ff0_0000_0000_0001, 0x3fb9_9999_9999_999a,  // 1+ulp, 0.1
    ]

    static let singles: [UInt32] = [
        0x0000_0000, 0x8000_0000, 0x7f80_0000, 0xff80_0000,  // ±0, ±inf
        0x7fc0_0000, 0xffc0_0000, 0x7fc0_1234,  // quiet NaNs
        0x7f80_0001, 0x7fa0_0000, 0xff80_0001,  // signalling NaNs
        0x0000_0001, 0x007f_ffff, 0x8000_0001, 0x0040_0000, 0x0080_0000, 0x7f7f_ffff, 0xff7f_ffff,
        0x3f80_0000, 0xbf80_0000, 0x3f00_0000, 0xbf00_0000, 0x3fc0_0000, 0x4020_0000, 0xc020_0000, 0x4060_0000,
        0x4f00_0000, 0xcf00_0000, 0x4eff_ffff, 0x4f80_0000, 0x4f7f_ffff, 0x5f00_0000, 0xdf00_0000, 0x5eff_ffff,
        0x5f80_0000, 0x5f7f_ffff, 0x3f7f_ffff, 0x3380_0000, 0x3dcc_cccd, 0x3f80_0001, 0x0c00_0000, 0x7300_0000,
    ]

    /// A 64-bit integer register value.
    static func integer(_ rng: inout RandomProgramRNG) -> UInt64 {
        switch rng.below(10) {
        case 0...3: return rng.pick(integers)
        case 4: return UInt64(bitPattern: rng.inRange(-2048, 2047))
        case 5: return UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: rng.next())))  // sign-extended word
        case 6: return rng.next() & 0xffff_ffff
        case 7: return UInt64(1) << UInt64(rng.below(64)) ^ (rng.chance(30) ? UInt64.max : 0)
        default: return rng.next()
        }
    }

    /// A double's bits.
    static func double(_ rng: inout RandomProgramRNG) -> UInt64 {
        switch rng.below(10) {
        case 0...4: return rng.pick(doubles)
        case 5: return (Double(rng.inRange(-100_000, 100_000)) / Double(rng.pick([1, 2, 4, 8, 3, 10] as [Int64]))).bitPattern
        case 6: return rng.pick(doubles) ^ (rng.chance(50) ? 0x8000_0000_0000_0000 : 1)  // neighbours and opposite signs
        case 7: return Double(Float(bitPattern: single(&rng))).bitPattern
        default: return rng.next()
        }
    }

    /// A single's bits (not boxed).
    static func single(_ rng: inout RandomProgramRNG) -> UInt32 {
        switch rng.below(10) {
        case 0...4: return rng.pick(singles)
        case 5: return (Float(rng.inRange(-100_000, 100_000)) / Float(rng.pick([1, 2, 4, 8, 3, 10] as [Int64]))).bitPattern
        case 6: return rng.pick(singles) ^ (rng.chance(50) ? 0x8000_0000 : 1)
        default: return UInt32(truncatingIfNeeded: rng.next())
        }
    }

    /// An f register value: a NaN-boxed single, a double, or now and then an improperly boxed single.
    static func fRegister(_ rng: inout RandomProgramRNG) -> UInt64 {
        switch rng.below(20) {
        case 0...8: return 0xffff_ffff_0000_0000 | UInt64(single(&rng))
        case 9...17: return double(&rng)
        default:
            let high = rng.chance(50) ? 0 : (rng.next() & 0xffff_fffe_0000_0000) | 0x1_0000_0000  // never all ones
            return high | UInt64(single(&rng))
        }
    }

    /// 8 bytes of scratch memory.
    static func memoryWord(_ rng: inout RandomProgramRNG) -> UInt64 {
        switch rng.below(4) {
        case 0: return integer(&rng)
        case 1: return double(&rng)
        case 2: return UInt64(single(&rng)) | (UInt64(single(&rng)) << 32)
        default: return rng.next()
        }
    }
}
