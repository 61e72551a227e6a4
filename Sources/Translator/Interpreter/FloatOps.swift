import CSwiftQemu

/// Floating-point ops of the interpreter (flag F in codegen/ir_ops.txt), with the RISC-V F/D
/// semantics (RISC-V unprivileged ISA, chapters "F" and "D"): IEEE 754-2019 arithmetic, accrued
/// flags in `IRSlot.fpFlags`, NaN-boxing and canonical NaNs as selected by `FPMode`.
///
/// Operations that round or depend on the host exception flags run in C (`sq_fp_*`, fp.c);
/// the bit-level ones (sign injection, classify, compare, min/max) are done here.
/// docs/floating-point.md describes the design.
enum FloatOps {
    /// Runs one F op; returns false when its rounding mode is invalid (dynamic with `frm` > 4,
    /// or a reserved static mode 5 or 6), which the caller turns into an illegal instruction.
    @inline(never)
    static func execute(_ op: IROp, regs r: UnsafeMutablePointer<UInt64>) -> Bool {
        let mode = op.imm
        var rm = UInt32(truncatingIfNeeded: mode & FPMode.roundingMask)
        if rm == UInt32(FPMode.dynamicRounding) {
            let frm = r[Int(IRSlot.fpRoundingMode)]
            guard frm <= 4 else { return false }
            rm = UInt32(truncatingIfNeeded: frm)
        } else if rm > 4 {
            return false
        }
        let boxed = mode & FPMode.nanBoxed != 0
        let canonical = mode & FPMode.canonicalNaN != 0
        let d = Int(op.d), a = r[Int(op.a)], b = r[Int(op.b)]
        var value: UInt64
        var flags: UInt32 = 0

        switch op.opcode {
        case .fadd32, .fsub32, .fmul32, .fdiv32, .fsqrt32, .fmadd32, .fmsub32, .fnmadd32, .fnmsub32:
            let x = unbox(a, boxed), y = unbox(b, boxed)
            let res: sq_fp_result
            switch op.opcode {
            case .fadd32: res = sq_fp_add32(x, y, rm)
            case .fsub32: res = sq_fp_sub32(x, y, rm)
            case .fmul32: res = sq_fp_mul32(x, y, rm)
            case .fdiv32: res = sq_fp_div32(x, y, rm)
            case .fsqrt32: res = sq_fp_sqrt32(x, rm)
            default:
                let z = unbox(r[Int(op.cSlot)], boxed)
                res = fma32(op.opcode, x, y, z, rm)
            }
            flags = res.flags
            value = box(canonicalize32(UInt32(truncatingIfNeeded: res.bits), canonical), boxed)
        case .fadd64, .fsub64, .fmul64, .fdiv64, .fsqrt64, .fmadd64, .fmsub64, .fnmadd64, .fnmsub64:
            let res: sq_fp_result
            switch op.opcode {
            case .fadd64: res = sq_fp_add64(a, b, rm)
            case .fsub64: res = sq_fp_sub64(a, b, rm)
            case .fmul64: res = sq_fp_mul64(a, b, rm)
            case .fdiv64: res = sq_fp_div64(a, b, rm)
            case .fsqrt64: res = sq_fp_sqrt64(a, rm)
            default: res = fma64(op.opcode, a, b, r[Int(op.cSlot)], rm)
            }
            flags = res.flags
            value = canonicalize64(res.bits, canonical)
        case .fmin32, .fmax32:
            let x = unbox(a, boxed), y = unbox(b, boxed)
            let res = minMax32(x, y, isMax: op.opcode == .fmax32, canonical: canonical, flags: &flags)
            value = box(res, boxed)
        case .fmin64, .fmax64:
            value = minMax64(a, b, isMax: op.opcode == .fmax64, canonical: canonical, flags: &flags)
        case .fsgnj32, .fsgnjn32, .fsgnjx32:
            let x = unbox(a, boxed), y = unbox(b, boxed)
            let sign: UInt32
            switch op.opcode {
            case .fsgnj32: sign = y & 0x8000_0000
            case .fsgnjn32: sign = ~y & 0x8000_0000
            default: sign = (x ^ y) & 0x8000_0000
            }
            value = box((x & 0x7fff_ffff) | sign, boxed)
        case .fsgnj64: value = (a & ~signBit64) | (b & signBit64)
        case .fsgnjn64: value = (a & ~signBit64) | (~b & signBit64)
        case .fsgnjx64: value = a ^ (b & signBit64)
        case .feq32, .flt32, .fle32:
            let x = unbox(a, boxed), y = unbox(b, boxed)
            value = compare(Double(Float(bitPattern: x)), Double(Float(bitPattern: y)),
                            op.opcode, quietNaN: isQuiet32(x) && isQuiet32(y), flags: &flags)
        case .feq64, .flt64, .fle64:
            value = compare(Double(bitPattern: a), Double(bitPattern: b), op.opcode,
                            quietNaN: isQuiet64(a) && isQuiet64(b), flags: &flags)
        case .fclass32: value = classify32(unbox(a, boxed))
        case .fclass64: value = classify64(a)
        case .fcvt32to64:
            let res = sq_fp_cvt32to64(unbox(a, boxed))
            flags = res.flags
            value = canonicalize64(res.bits, canonical)
        case .fcvt64to32:
            let res = sq_fp_cvt64to32(a, rm)
            flags = res.flags
            value = box(canonicalize32(UInt32(truncatingIfNeeded: res.bits), canonical), boxed)
        case .fcvtsi32:
            // op.b is a literal integer type, not a slot.
            let res = sq_fp_int_to_f32(a, UInt32(op.b & 3), rm)
            flags = res.flags
            value = box(UInt32(truncatingIfNeeded: res.bits), boxed)
        case .fcvtsi64:
            let res = sq_fp_int_to_f64(a, UInt32(op.b & 3), rm)
            flags = res.flags
            value = res.bits
        case .fcvt32toi:
            let res = sq_fp_f32_to_int(unbox(a, boxed), UInt32(op.b & 3), rm)
            flags = res.flags
            value = res.bits
        case .fcvt64toi:
            let res = sq_fp_f64_to_int(a, UInt32(op.b & 3), rm)
            flags = res.flags
            value = res.bits
        default:
            fatalError("swift-qemu: internal error: \(op.opcode) is not a floating-point op")
        }
        r[d] = value
        if flags != 0 { r[Int(IRSlot.fpFlags)] |= UInt64(flags) }
        return true
    }

    static let signBit64: UInt64 = 0x8000_0000_0000_0000
    /// The invalid-operation flag (RISC-V fflags NV).
    static let nv: UInt32 = 16
    static let canonicalNaN32: UInt32 = 0x7fc0_0000
    static let canonicalNaN64: UInt64 = 0x7ff8_0000_0000_0000

    /// The binary32 value in a slot: with NaN-boxing, an improperly boxed value reads as the
    /// canonical NaN (RISC-V unprivileged ISA, "NaN Boxing of Narrower Values").
    @inline(__always)
    static func unbox(_ v: UInt64, _ boxed: Bool) -> UInt32 {
        boxed && v >> 32 != 0xffff_ffff ? canonicalNaN32 : UInt32(truncatingIfNeeded: v)
    }

    /// A binary32 result as stored in a slot (upper half all ones when NaN-boxed, zero otherwise).
    @inline(__always)
    static func box(_ v: UInt32, _ boxed: Bool) -> UInt64 {
        boxed ? 0xffff_ffff_0000_0000 | UInt64(v) : UInt64(v)
    }

    @inline(__always)
    static func isNaN32(_ x: UInt32) -> Bool { x & 0x7fff_ffff > 0x7f80_0000 }
    @inline(__always)
    static func isNaN64(_ x: UInt64) -> Bool { x & ~signBit64 > 0x7ff0_0000_0000_0000 }
    /// True unless x is a signaling NaN.
    @inline(__always)
    static func isQuiet32(_ x: UInt32) -> Bool { !isNaN32(x) || x & 0x0040_0000 != 0 }
    @inline(__always)
    static func isQuiet64(_ x: UInt64) -> Bool { !isNaN64(x) || x & 0x0008_0000_0000_0000 != 0 }

    @inline(__always)
    static func canonicalize32(_ x: UInt32, _ canonical: Bool) -> UInt32 {
        canonical && isNaN32(x) ? canonicalNaN32 : x
    }
    @inline(__always)
    static func canonicalize64(_ x: UInt64, _ canonical: Bool) -> UInt64 {
        canonical && isNaN64(x) ? canonicalNaN64 : x
    }

    /// fmadd/fmsub/fnmadd/fnmsub as one fused a * b + c with sign flips (negation is exact, so
    /// rounding, including the sign of exact zeros in RDN, is that of the spec's expression).
    /// NaN operands keep their sign so that payload propagation is unaffected.
    @inline(__always)
    static func fma32(_ opcode: IROpcode, _ a: UInt32, _ b: UInt32, _ c: UInt32, _ rm: UInt32) -> sq_fp_result {
        let negateProduct = opcode == .fnmadd32 || opcode == .fnmsub32
        let negateAddend = opcode == .fmsub32 || opcode == .fnmadd32
        let x = negateProduct && !isNaN32(a) ? a ^ 0x8000_0000 : a
        let z = negateAddend && !isNaN32(c) ? c ^ 0x8000_0000 : c
        return sq_fp_fma32(x, b, z, rm)
    }

    @inline(__always)
    static func fma64(_ opcode: IROpcode, _ a: UInt64, _ b: UInt64, _ c: UInt64, _ rm: UInt32) -> sq_fp_result {
        let negateProduct = opcode == .fnmadd64 || opcode == .fnmsub64
        let negateAddend = opcode == .fmsub64 || opcode == .fnmadd64
        let x = negateProduct && !isNaN64(a) ? a ^ signBit64 : a
        let z = negateAddend && !isNaN64(c) ? c ^ signBit64 : c
        return sq_fp_fma64(x, b, z, rm)
    }

    /// IEEE 754-2019 minimumNumber/maximumNumber with -0 < +0 (RISC-V F 2.2+ fmin/fmax):
    /// a NaN operand yields the other operand; two NaNs yield the canonical NaN (a quietened
    /// when canonical NaNs are off); a signaling NaN raises NV.
    static func minMax32(_ x: UInt32, _ y: UInt32, isMax: Bool, canonical: Bool, flags: inout UInt32) -> UInt32 {
        if !isQuiet32(x) || !isQuiet32(y) { flags |= nv }
        let xNaN = isNaN32(x), yNaN = isNaN32(y)
        if xNaN && yNaN { return canonical ? canonicalNaN32 : x | 0x0040_0000 }
        if xNaN { return y }
        if yNaN { return x }
        let fx = Float(bitPattern: x), fy = Float(bitPattern: y)
        if fx == fy { return isMax ? x & y : x | y } // equal: only the signs of zeros may differ
        return (fx < fy) != isMax ? x : y
    }

    static func minMax64(_ x: UInt64, _ y: UInt64, isMax: Bool, canonical: Bool, flags: inout UInt32) -> UInt64 {
        if !isQuiet64(x) || !isQuiet64(y) { flags |= nv }
        let xNaN = isNaN64(x), yNaN = isNaN64(y)
        if xNaN && yNaN { return canonical ? canonicalNaN64 : x | 0x0008_0000_0000_0000 }
        if xNaN { return y }
        if yNaN { return x }
        let fx = Double(bitPattern: x), fy = Double(bitPattern: y)
        if fx == fy { return isMax ? x & y : x | y }
        return (fx < fy) != isMax ? x : y
    }

    /// feq (quiet: NV only for a signaling NaN), flt and fle (signaling: NV for any NaN).
    /// binary32 operands arrive widened to Double, which is exact and keeps NaN-ness.
    @inline(__always)
    static func compare(_ x: Double, _ y: Double, _ opcode: IROpcode, quietNaN: Bool, flags: inout UInt32) -> UInt64 {
        let unordered = x.isNaN || y.isNaN
        switch opcode {
        case .feq32, .feq64:
            if !quietNaN { flags |= nv }
            return x == y ? 1 : 0
        case .flt32, .flt64:
            if unordered { flags |= nv }
            return x < y ? 1 : 0
        default:
            if unordered { flags |= nv }
            return x <= y ? 1 : 0
        }
    }

    /// RISC-V fclass mask: bit 0 -inf, 1 negative normal, 2 negative subnormal, 3 -0, 4 +0,
    /// 5 positive subnormal, 6 positive normal, 7 +inf, 8 signaling NaN, 9 quiet NaN.
    static func classify32(_ x: UInt32) -> UInt64 {
        classify(negative: x >> 31 != 0, exponent: UInt64(x >> 23 & 0xff), expMax: 0xff,
                 fraction: UInt64(x & 0x7f_ffff), quietBit: 0x40_0000)
    }

    static func classify64(_ x: UInt64) -> UInt64 {
        classify(negative: x >> 63 != 0, exponent: x >> 52 & 0x7ff, expMax: 0x7ff,
                 fraction: x & 0xf_ffff_ffff_ffff, quietBit: 0x8_0000_0000_0000)
    }

    @inline(__always)
    static func classify(negative: Bool, exponent: UInt64, expMax: UInt64, fraction: UInt64, quietBit: UInt64) -> UInt64 {
        let bit: UInt64
        if exponent == expMax {
            if fraction == 0 { bit = negative ? 0 : 7 } else { bit = fraction & quietBit != 0 ? 9 : 8 }
        } else if exponent == 0 {
            if fraction == 0 { bit = negative ? 3 : 4 } else { bit = negative ? 2 : 5 }
        } else {
            bit = negative ? 1 : 6
        }
        return 1 << bit
    }
}
