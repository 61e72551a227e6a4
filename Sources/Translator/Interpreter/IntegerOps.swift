/// Integer helpers with the IR's total semantics (docs/ir-ops.md), shared by the interpreter
/// and, later, by JIT helper calls.
public enum IntegerOps {
    @inlinable @inline(__always)
    public static func sext32(_ x: UInt64) -> UInt64 { UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: x))) }

    @inlinable @inline(__always)
    public static func rotateLeft(_ x: UInt64, _ n: UInt64) -> UInt64 {
        n == 0 ? x : (x << n) | (x >> (64 - n))
    }

    @inlinable @inline(__always)
    public static func rotateLeft32(_ x: UInt64, _ n: UInt64) -> UInt64 {
        let v = UInt32(truncatingIfNeeded: x)
        let s = UInt32(n & 31)
        let r = s == 0 ? v : (v << s) | (v >> (32 - s))
        return sext32(UInt64(r))
    }

    @inlinable
    public static func mulHighSigned(_ a: UInt64, _ b: UInt64) -> UInt64 {
        UInt64(bitPattern: Int64(bitPattern: a).multipliedFullWidth(by: Int64(bitPattern: b)).high)
    }

    @inlinable
    public static func mulHighSignedUnsigned(_ a: UInt64, _ b: UInt64) -> UInt64 {
        // signed(a) * unsigned(b) = unsigned(a) * b - (a < 0 ? b << 64 : 0)
        let high = a.multipliedFullWidth(by: b).high
        return Int64(bitPattern: a) < 0 ? high &- b : high
    }

    @inlinable
    public static func divSigned(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let x = Int64(bitPattern: a), y = Int64(bitPattern: b)
        if y == 0 { return UInt64.max }
        if x == Int64.min && y == -1 { return a }
        return UInt64(bitPattern: x / y)
    }

    @inlinable
    public static func remSigned(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let x = Int64(bitPattern: a), y = Int64(bitPattern: b)
        if y == 0 { return a }
        if x == Int64.min && y == -1 { return 0 }
        return UInt64(bitPattern: x % y)
    }

    @inlinable
    public static func divSigned32(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let x = Int32(truncatingIfNeeded: a), y = Int32(truncatingIfNeeded: b)
        if y == 0 { return UInt64.max }
        if x == Int32.min && y == -1 { return sext32(UInt64(UInt32(bitPattern: x))) }
        return UInt64(bitPattern: Int64(x / y))
    }

    @inlinable
    public static func remSigned32(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let x = Int32(truncatingIfNeeded: a), y = Int32(truncatingIfNeeded: b)
        if y == 0 { return sext32(a) }
        if x == Int32.min && y == -1 { return 0 }
        return UInt64(bitPattern: Int64(x % y))
    }

    @inlinable
    public static func divUnsigned32(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let x = UInt32(truncatingIfNeeded: a), y = UInt32(truncatingIfNeeded: b)
        if y == 0 { return UInt64.max }
        return sext32(UInt64(x / y))
    }

    @inlinable
    public static func remUnsigned32(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let x = UInt32(truncatingIfNeeded: a), y = UInt32(truncatingIfNeeded: b)
        if y == 0 { return sext32(a) }
        return sext32(UInt64(x % y))
    }

    @inlinable
    public static func orCombineBytes(_ x: UInt64) -> UInt64 {
        var result: UInt64 = 0
        for byte in 0..<8 where (x >> (UInt64(byte) * 8)) & 0xff != 0 {
            result |= 0xff << (UInt64(byte) * 8)
        }
        return result
    }
}
