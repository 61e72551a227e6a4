import CSwiftQemu
import Testing
@testable import Translator

/// One FP op run through `FloatOps.execute` on a small frame; slots 16...18 hold a, b and c.
private final class FPFrame {
    var regs = [UInt64](repeating: 0, count: 32)

    /// Runs `opcode` with rounding `rounding` (7 = dynamic, reading `frm`); returns false when
    /// `execute` reports an invalid rounding mode. `typeLiteral` goes in op.b for conversions.
    func run(
        _ opcode: IROpcode, _ a: UInt64, _ b: UInt64 = 0, _ c: UInt64 = 0, rounding: Int64 = 7, frm: UInt64 = 0,
        boxed: Bool = true, canonical: Bool = true, typeLiteral: UInt16? = nil
    ) -> Bool {
        regs[Int(IRSlot.fpRoundingMode)] = frm
        regs[16] = a
        regs[17] = b
        regs[18] = c
        let op = IROp(opcode, d: 20, a: 16, b: typeLiteral ?? 17,
                      imm: FPMode.make(rounding: rounding, nanBoxed: boxed, canonicalNaN: canonical, c: 18))
        return regs.withUnsafeMutableBufferPointer { FloatOps.execute(op, regs: $0.baseAddress!) }
    }

    var result: UInt64 { regs[20] }
    var flags: UInt64 { regs[Int(IRSlot.fpFlags)] }
}

/// Is `opcode` a conversion whose op.b is an integer-type literal rather than a slot?
private func takesTypeLiteral(_ opcode: IROpcode) -> Bool {
    [.fcvtsi32, .fcvtsi64, .fcvt32toi, .fcvt64toi].contains(opcode)
}

/// An expected result in RISC-V mode (NaN-boxed, canonical NaNs): op, rounding, slot values of
/// a, b (the integer type for conversions) and c, the result slot and the fflags.
struct FPOracleCase: Sendable, CustomTestStringConvertible {
    let opcode: IROpcode
    let rm: UInt64
    let a: UInt64, b: UInt64, c: UInt64
    let expect: UInt64
    let flags: UInt64

    init(_ opcode: IROpcode, rm: UInt64, _ a: UInt64, _ b: UInt64, _ c: UInt64, expect: UInt64, flags: UInt64) {
        self.opcode = opcode
        self.rm = rm
        self.a = a
        self.b = b
        self.c = c
        self.expect = expect
        self.flags = flags
    }

    var testDescription: String {
        "\(opcode) rm=\(rm) a=0x\(String(a, radix: 16)) b=0x\(String(b, radix: 16)) c=0x\(String(c, radix: 16))"
    }
}

/// Expected values from Debian's qemu-riscv64 7.2 (softfloat): a static riscv64 program
/// (riscv64-linux-gnu-gcc -static) that, per line, moves the slot values into f registers with
/// fmv.d.x (so improperly boxed binary32 inputs are possible), sets frm with fsrm, clears fflags,
/// runs the one instruction with rm=dyn and prints fmv.x.d of the result (or the integer result)
/// and fflags. See docs/floating-point.md, "Testing".
let fpOracleCases: [FPOracleCase] = [
        .init(.fadd32, rm: 0, 0xffffffff3f800000, 0xffffffff33800000, 0x0, expect: 0xffffffff3f800000, flags: 0x1), // 1 + 2^-24: a tie (RMM rounds away)
        .init(.fadd32, rm: 1, 0xffffffff3f800000, 0xffffffff33800000, 0x0, expect: 0xffffffff3f800000, flags: 0x1), // 1 + 2^-24: a tie (RMM rounds away)
        .init(.fadd32, rm: 2, 0xffffffff3f800000, 0xffffffff33800000, 0x0, expect: 0xffffffff3f800000, flags: 0x1), // 1 + 2^-24: a tie (RMM rounds away)
        .init(.fadd32, rm: 3, 0xffffffff3f800000, 0xffffffff33800000, 0x0, expect: 0xffffffff3f800001, flags: 0x1), // 1 + 2^-24: a tie (RMM rounds away)
        .init(.fadd32, rm: 4, 0xffffffff3f800000, 0xffffffff33800000, 0x0, expect: 0xffffffff3f800001, flags: 0x1), // 1 + 2^-24: a tie (RMM rounds away)
        .init(.fsub32, rm: 0, 0xffffffffbf800000, 0xffffffff33800000, 0x0, expect: 0xffffffffbf800000, flags: 0x1), // -1 - 2^-24: a negative tie
        .init(.fsub32, rm: 1, 0xffffffffbf800000, 0xffffffff33800000, 0x0, expect: 0xffffffffbf800000, flags: 0x1), // -1 - 2^-24: a negative tie
        .init(.fsub32, rm: 2, 0xffffffffbf800000, 0xffffffff33800000, 0x0, expect: 0xffffffffbf800001, flags: 0x1), // -1 - 2^-24: a negative tie
        .init(.fsub32, rm: 3, 0xffffffffbf800000, 0xffffffff33800000, 0x0, expect: 0xffffffffbf800000, flags: 0x1), // -1 - 2^-24: a negative tie
        .init(.fsub32, rm: 4, 0xffffffffbf800000, 0xffffffff33800000, 0x0, expect: 0xffffffffbf800001, flags: 0x1), // -1 - 2^-24: a negative tie
        .init(.fadd32, rm: 0, 0xffffffff3f800000, 0xffffffff34400000, 0x0, expect: 0xffffffff3f800002, flags: 0x1), // 1 + 3*2^-24: tie to even is also away
        .init(.fadd32, rm: 4, 0xffffffff3f800000, 0xffffffff34400000, 0x0, expect: 0xffffffff3f800002, flags: 0x1), // 1 + 3*2^-24: tie to even is also away
        .init(.fadd64, rm: 0, 0x3ff0000000000000, 0x3ca0000000000000, 0x0, expect: 0x3ff0000000000000, flags: 0x1), // 1 + 2^-53 (binary64 tie)
        .init(.fadd64, rm: 1, 0x3ff0000000000000, 0x3ca0000000000000, 0x0, expect: 0x3ff0000000000000, flags: 0x1), // 1 + 2^-53 (binary64 tie)
        .init(.fadd64, rm: 2, 0x3ff0000000000000, 0x3ca0000000000000, 0x0, expect: 0x3ff0000000000000, flags: 0x1), // 1 + 2^-53 (binary64 tie)
        .init(.fadd64, rm: 3, 0x3ff0000000000000, 0x3ca0000000000000, 0x0, expect: 0x3ff0000000000001, flags: 0x1), // 1 + 2^-53 (binary64 tie)
        .init(.fadd64, rm: 4, 0x3ff0000000000000, 0x3ca0000000000000, 0x0, expect: 0x3ff0000000000001, flags: 0x1), // 1 + 2^-53 (binary64 tie)
        .init(.fadd32, rm: 0, 0xffffffff7f7fffff, 0xffffffff7f7fffff, 0x0, expect: 0xffffffff7f800000, flags: 0x5), // max + max overflows
        .init(.fadd32, rm: 1, 0xffffffff7f7fffff, 0xffffffff7f7fffff, 0x0, expect: 0xffffffff7f7fffff, flags: 0x5), // max + max overflows
        .init(.fadd32, rm: 2, 0xffffffff7f7fffff, 0xffffffff7f7fffff, 0x0, expect: 0xffffffff7f7fffff, flags: 0x5), // max + max overflows
        .init(.fadd32, rm: 3, 0xffffffff7f7fffff, 0xffffffff7f7fffff, 0x0, expect: 0xffffffff7f800000, flags: 0x5), // max + max overflows
        .init(.fadd32, rm: 4, 0xffffffff7f7fffff, 0xffffffff7f7fffff, 0x0, expect: 0xffffffff7f800000, flags: 0x5), // max + max overflows
        .init(.fadd64, rm: 0, 0xffefffffffffffff, 0xffefffffffffffff, 0x0, expect: 0xfff0000000000000, flags: 0x5), // -max - max overflows
        .init(.fadd64, rm: 1, 0xffefffffffffffff, 0xffefffffffffffff, 0x0, expect: 0xffefffffffffffff, flags: 0x5), // -max - max overflows
        .init(.fadd64, rm: 2, 0xffefffffffffffff, 0xffefffffffffffff, 0x0, expect: 0xfff0000000000000, flags: 0x5), // -max - max overflows
        .init(.fadd64, rm: 3, 0xffefffffffffffff, 0xffefffffffffffff, 0x0, expect: 0xffefffffffffffff, flags: 0x5), // -max - max overflows
        .init(.fadd64, rm: 4, 0xffefffffffffffff, 0xffefffffffffffff, 0x0, expect: 0xfff0000000000000, flags: 0x5), // -max - max overflows
        .init(.fsub32, rm: 0, 0xffffffff3fc00000, 0xffffffff3fc00000, 0x0, expect: 0xffffffff00000000, flags: 0x0), // x - x is -0 only in RDN
        .init(.fsub32, rm: 2, 0xffffffff3fc00000, 0xffffffff3fc00000, 0x0, expect: 0xffffffff80000000, flags: 0x0), // x - x is -0 only in RDN
        .init(.fsub32, rm: 4, 0xffffffff3fc00000, 0xffffffff3fc00000, 0x0, expect: 0xffffffff00000000, flags: 0x0), // x - x is -0 only in RDN
        .init(.fsub64, rm: 0, 0x3ff8000000000000, 0x3ff8000000000000, 0x0, expect: 0x0, flags: 0x0), // x - x is -0 only in RDN
        .init(.fsub64, rm: 2, 0x3ff8000000000000, 0x3ff8000000000000, 0x0, expect: 0x8000000000000000, flags: 0x0), // x - x is -0 only in RDN
        .init(.fsub64, rm: 0, 0x7ff0000000000000, 0x7ff0000000000000, 0x0, expect: 0x7ff8000000000000, flags: 0x10), // inf - inf is invalid
        .init(.fadd32, rm: 0, 0xffffffff7f800001, 0xffffffff3f800000, 0x0, expect: 0xffffffff7fc00000, flags: 0x10), // sNaN + 1 is invalid, canonical NaN
        .init(.fadd64, rm: 0, 0x7ff8000000000123, 0x3ff0000000000000, 0x0, expect: 0x7ff8000000000000, flags: 0x0), // qNaN with payload + 1: canonical NaN, no flag
        .init(.fadd32, rm: 0, 0x3f800000, 0xffffffff3f800000, 0x0, expect: 0xffffffff7fc00000, flags: 0x0), // improperly boxed input reads as canonical NaN
        .init(.fmul32, rm: 0, 0xffffffff3fc00000, 0xffffffff3f800003, 0x0, expect: 0xffffffff3fc00004, flags: 0x1), // 1.5 * (1 + 3*2^-23): tie
        .init(.fmul32, rm: 1, 0xffffffff3fc00000, 0xffffffff3f800003, 0x0, expect: 0xffffffff3fc00004, flags: 0x1), // 1.5 * (1 + 3*2^-23): tie
        .init(.fmul32, rm: 2, 0xffffffff3fc00000, 0xffffffff3f800003, 0x0, expect: 0xffffffff3fc00004, flags: 0x1), // 1.5 * (1 + 3*2^-23): tie
        .init(.fmul32, rm: 3, 0xffffffff3fc00000, 0xffffffff3f800003, 0x0, expect: 0xffffffff3fc00005, flags: 0x1), // 1.5 * (1 + 3*2^-23): tie
        .init(.fmul32, rm: 4, 0xffffffff3fc00000, 0xffffffff3f800003, 0x0, expect: 0xffffffff3fc00005, flags: 0x1), // 1.5 * (1 + 3*2^-23): tie
        .init(.fmul64, rm: 0, 0x3ff8000000000000, 0x3ff0000000000003, 0x0, expect: 0x3ff8000000000004, flags: 0x1), // 1.5 * (1 + 3*2^-52): tie
        .init(.fmul64, rm: 1, 0x3ff8000000000000, 0x3ff0000000000003, 0x0, expect: 0x3ff8000000000004, flags: 0x1), // 1.5 * (1 + 3*2^-52): tie
        .init(.fmul64, rm: 2, 0x3ff8000000000000, 0x3ff0000000000003, 0x0, expect: 0x3ff8000000000004, flags: 0x1), // 1.5 * (1 + 3*2^-52): tie
        .init(.fmul64, rm: 3, 0x3ff8000000000000, 0x3ff0000000000003, 0x0, expect: 0x3ff8000000000005, flags: 0x1), // 1.5 * (1 + 3*2^-52): tie
        .init(.fmul64, rm: 4, 0x3ff8000000000000, 0x3ff0000000000003, 0x0, expect: 0x3ff8000000000005, flags: 0x1), // 1.5 * (1 + 3*2^-52): tie
        .init(.fmul32, rm: 0, 0xffffffff3f7fffff, 0xffffffff00800000, 0x0, expect: 0xffffffff00800000, flags: 0x3), // (1 - 2^-24) * 2^-126: tininess after rounding
        .init(.fmul32, rm: 1, 0xffffffff3f7fffff, 0xffffffff00800000, 0x0, expect: 0xffffffff007fffff, flags: 0x3), // (1 - 2^-24) * 2^-126: tininess after rounding
        .init(.fmul32, rm: 2, 0xffffffff3f7fffff, 0xffffffff00800000, 0x0, expect: 0xffffffff007fffff, flags: 0x3), // (1 - 2^-24) * 2^-126: tininess after rounding
        .init(.fmul32, rm: 3, 0xffffffff3f7fffff, 0xffffffff00800000, 0x0, expect: 0xffffffff00800000, flags: 0x3), // (1 - 2^-24) * 2^-126: tininess after rounding
        .init(.fmul32, rm: 4, 0xffffffff3f7fffff, 0xffffffff00800000, 0x0, expect: 0xffffffff00800000, flags: 0x3), // (1 - 2^-24) * 2^-126: tininess after rounding
        .init(.fmul64, rm: 0, 0x10000000000000, 0x3fe0000000000000, 0x0, expect: 0x8000000000000, flags: 0x0), // min normal * 0.5: exact subnormal, no UF
        .init(.fdiv32, rm: 0, 0xffffffff00000005, 0xffffffff40000000, 0x0, expect: 0xffffffff00000002, flags: 0x3), // 5 * 2^-149 / 2: subnormal tie
        .init(.fdiv32, rm: 1, 0xffffffff00000005, 0xffffffff40000000, 0x0, expect: 0xffffffff00000002, flags: 0x3), // 5 * 2^-149 / 2: subnormal tie
        .init(.fdiv32, rm: 2, 0xffffffff00000005, 0xffffffff40000000, 0x0, expect: 0xffffffff00000002, flags: 0x3), // 5 * 2^-149 / 2: subnormal tie
        .init(.fdiv32, rm: 3, 0xffffffff00000005, 0xffffffff40000000, 0x0, expect: 0xffffffff00000003, flags: 0x3), // 5 * 2^-149 / 2: subnormal tie
        .init(.fdiv32, rm: 4, 0xffffffff00000005, 0xffffffff40000000, 0x0, expect: 0xffffffff00000003, flags: 0x3), // 5 * 2^-149 / 2: subnormal tie
        .init(.fdiv64, rm: 0, 0x3ff0000000000000, 0x4008000000000000, 0x0, expect: 0x3fd5555555555555, flags: 0x1), // 1 / 3
        .init(.fdiv64, rm: 1, 0x3ff0000000000000, 0x4008000000000000, 0x0, expect: 0x3fd5555555555555, flags: 0x1), // 1 / 3
        .init(.fdiv64, rm: 2, 0x3ff0000000000000, 0x4008000000000000, 0x0, expect: 0x3fd5555555555555, flags: 0x1), // 1 / 3
        .init(.fdiv64, rm: 3, 0x3ff0000000000000, 0x4008000000000000, 0x0, expect: 0x3fd5555555555556, flags: 0x1), // 1 / 3
        .init(.fdiv64, rm: 4, 0x3ff0000000000000, 0x4008000000000000, 0x0, expect: 0x3fd5555555555555, flags: 0x1), // 1 / 3
        .init(.fdiv32, rm: 0, 0xffffffff3f800000, 0xffffffff00000000, 0x0, expect: 0xffffffff7f800000, flags: 0x8), // 1 / 0 raises DZ
        .init(.fdiv64, rm: 0, 0xbff0000000000000, 0x8000000000000000, 0x0, expect: 0x7ff0000000000000, flags: 0x8), // -1 / -0
        .init(.fdiv64, rm: 0, 0x0, 0x0, 0x0, expect: 0x7ff8000000000000, flags: 0x10), // 0 / 0 is invalid
        .init(.fsqrt32, rm: 0, 0xffffffff40000000, 0x0, 0x0, expect: 0xffffffff3fb504f3, flags: 0x1), // sqrt(2)
        .init(.fsqrt32, rm: 1, 0xffffffff40000000, 0x0, 0x0, expect: 0xffffffff3fb504f3, flags: 0x1), // sqrt(2)
        .init(.fsqrt32, rm: 2, 0xffffffff40000000, 0x0, 0x0, expect: 0xffffffff3fb504f3, flags: 0x1), // sqrt(2)
        .init(.fsqrt32, rm: 3, 0xffffffff40000000, 0x0, 0x0, expect: 0xffffffff3fb504f4, flags: 0x1), // sqrt(2)
        .init(.fsqrt32, rm: 4, 0xffffffff40000000, 0x0, 0x0, expect: 0xffffffff3fb504f3, flags: 0x1), // sqrt(2)
        .init(.fsqrt64, rm: 0, 0x4000000000000000, 0x0, 0x0, expect: 0x3ff6a09e667f3bcd, flags: 0x1), // sqrt(2)
        .init(.fsqrt64, rm: 1, 0x4000000000000000, 0x0, 0x0, expect: 0x3ff6a09e667f3bcc, flags: 0x1), // sqrt(2)
        .init(.fsqrt64, rm: 2, 0x4000000000000000, 0x0, 0x0, expect: 0x3ff6a09e667f3bcc, flags: 0x1), // sqrt(2)
        .init(.fsqrt64, rm: 3, 0x4000000000000000, 0x0, 0x0, expect: 0x3ff6a09e667f3bcd, flags: 0x1), // sqrt(2)
        .init(.fsqrt64, rm: 4, 0x4000000000000000, 0x0, 0x0, expect: 0x3ff6a09e667f3bcd, flags: 0x1), // sqrt(2)
        .init(.fsqrt64, rm: 0, 0xbff0000000000000, 0x0, 0x0, expect: 0x7ff8000000000000, flags: 0x10), // sqrt(-1) is invalid
        .init(.fsqrt32, rm: 0, 0xffffffff80000000, 0x0, 0x0, expect: 0xffffffff80000000, flags: 0x0), // sqrt(-0) = -0
        .init(.fsqrt64, rm: 0, 0x7ff0000000000000, 0x0, 0x0, expect: 0x7ff0000000000000, flags: 0x0), // sqrt(+inf)
        .init(.fmin32, rm: 0, 0xffffffff80000000, 0xffffffff00000000, 0x0, expect: 0xffffffff80000000, flags: 0x0), // -0 vs +0
        .init(.fmin32, rm: 0, 0xffffffff00000000, 0xffffffff80000000, 0x0, expect: 0xffffffff80000000, flags: 0x0), // +0 vs -0
        .init(.fmin32, rm: 0, 0xffffffff7fc00000, 0xffffffff3f800000, 0x0, expect: 0xffffffff3f800000, flags: 0x0), // qNaN vs 1
        .init(.fmin32, rm: 0, 0xffffffff3f800000, 0xffffffff7f800001, 0x0, expect: 0xffffffff3f800000, flags: 0x10), // 1 vs sNaN raises NV
        .init(.fmin32, rm: 0, 0xffffffff7fc00001, 0xffffffff7fc00002, 0x0, expect: 0xffffffff7fc00000, flags: 0x0), // qNaN vs qNaN
        .init(.fmin32, rm: 0, 0xffffffff7f800001, 0xffffffff7fc00000, 0x0, expect: 0xffffffff7fc00000, flags: 0x10), // sNaN vs qNaN
        .init(.fmin32, rm: 0, 0xffffffffff800000, 0xffffffff40400000, 0x0, expect: 0xffffffffff800000, flags: 0x0), // -inf vs 3
        .init(.fmin32, rm: 0, 0x40000000, 0xffffffff40000000, 0x0, expect: 0xffffffff40000000, flags: 0x0), // unboxed vs 2: the unboxed one is NaN
        .init(.fmax32, rm: 0, 0xffffffff80000000, 0xffffffff00000000, 0x0, expect: 0xffffffff00000000, flags: 0x0), // -0 vs +0
        .init(.fmax32, rm: 0, 0xffffffff00000000, 0xffffffff80000000, 0x0, expect: 0xffffffff00000000, flags: 0x0), // +0 vs -0
        .init(.fmax32, rm: 0, 0xffffffff7fc00000, 0xffffffff3f800000, 0x0, expect: 0xffffffff3f800000, flags: 0x0), // qNaN vs 1
        .init(.fmax32, rm: 0, 0xffffffff3f800000, 0xffffffff7f800001, 0x0, expect: 0xffffffff3f800000, flags: 0x10), // 1 vs sNaN raises NV
        .init(.fmax32, rm: 0, 0xffffffff7fc00001, 0xffffffff7fc00002, 0x0, expect: 0xffffffff7fc00000, flags: 0x0), // qNaN vs qNaN
        .init(.fmax32, rm: 0, 0xffffffff7f800001, 0xffffffff7fc00000, 0x0, expect: 0xffffffff7fc00000, flags: 0x10), // sNaN vs qNaN
        .init(.fmax32, rm: 0, 0xffffffffff800000, 0xffffffff40400000, 0x0, expect: 0xffffffff40400000, flags: 0x0), // -inf vs 3
        .init(.fmax32, rm: 0, 0x40000000, 0xffffffff40000000, 0x0, expect: 0xffffffff40000000, flags: 0x0), // unboxed vs 2: the unboxed one is NaN
        .init(.fmin64, rm: 0, 0x8000000000000000, 0x0, 0x0, expect: 0x8000000000000000, flags: 0x0), // -0 vs +0
        .init(.fmin64, rm: 0, 0x7ff8000000000000, 0xbff0000000000000, 0x0, expect: 0xbff0000000000000, flags: 0x0), // qNaN vs -1
        .init(.fmin64, rm: 0, 0x7ff0000000000001, 0x3ff0000000000000, 0x0, expect: 0x3ff0000000000000, flags: 0x10), // sNaN vs 1 raises NV
        .init(.fmin64, rm: 0, 0xfff8000000000005, 0x7ff4000000000000, 0x0, expect: 0x7ff8000000000000, flags: 0x10), // NaN vs NaN
        .init(.fmin64, rm: 0, 0x4000000000000000, 0x4008000000000000, 0x0, expect: 0x4000000000000000, flags: 0x0), // 2 vs 3
        .init(.fmax64, rm: 0, 0x8000000000000000, 0x0, 0x0, expect: 0x0, flags: 0x0), // -0 vs +0
        .init(.fmax64, rm: 0, 0x7ff8000000000000, 0xbff0000000000000, 0x0, expect: 0xbff0000000000000, flags: 0x0), // qNaN vs -1
        .init(.fmax64, rm: 0, 0x7ff0000000000001, 0x3ff0000000000000, 0x0, expect: 0x3ff0000000000000, flags: 0x10), // sNaN vs 1 raises NV
        .init(.fmax64, rm: 0, 0xfff8000000000005, 0x7ff4000000000000, 0x0, expect: 0x7ff8000000000000, flags: 0x10), // NaN vs NaN
        .init(.fmax64, rm: 0, 0x4000000000000000, 0x4008000000000000, 0x0, expect: 0x4008000000000000, flags: 0x0), // 2 vs 3
        .init(.fmadd32, rm: 0, 0xffffffff7f800000, 0xffffffff00000000, 0xffffffff7fc00000, expect: 0xffffffff7fc00000, flags: 0x10), // inf * 0 + qNaN raises NV
        .init(.fmadd64, rm: 0, 0x0, 0xfff0000000000000, 0x7ff8000000000000, expect: 0x7ff8000000000000, flags: 0x10), // inf * 0 + qNaN raises NV
        .init(.fmadd32, rm: 0, 0xffffffff3f800000, 0xffffffff3f800000, 0xffffffff33800000, expect: 0xffffffff3f800000, flags: 0x1), // 1 * 1 + 2^-24: tie through the addend
        .init(.fmadd32, rm: 1, 0xffffffff3f800000, 0xffffffff3f800000, 0xffffffff33800000, expect: 0xffffffff3f800000, flags: 0x1), // 1 * 1 + 2^-24: tie through the addend
        .init(.fmadd32, rm: 2, 0xffffffff3f800000, 0xffffffff3f800000, 0xffffffff33800000, expect: 0xffffffff3f800000, flags: 0x1), // 1 * 1 + 2^-24: tie through the addend
        .init(.fmadd32, rm: 3, 0xffffffff3f800000, 0xffffffff3f800000, 0xffffffff33800000, expect: 0xffffffff3f800001, flags: 0x1), // 1 * 1 + 2^-24: tie through the addend
        .init(.fmadd32, rm: 4, 0xffffffff3f800000, 0xffffffff3f800000, 0xffffffff33800000, expect: 0xffffffff3f800001, flags: 0x1), // 1 * 1 + 2^-24: tie through the addend
        .init(.fmadd32, rm: 0, 0xffffffff3fc00000, 0xffffffff3f800003, 0xffffffff00000000, expect: 0xffffffff3fc00004, flags: 0x1), // 1.5 * (1 + 3*2^-23) + 0: tie
        .init(.fmadd32, rm: 4, 0xffffffff3fc00000, 0xffffffff3f800003, 0xffffffff00000000, expect: 0xffffffff3fc00005, flags: 0x1), // 1.5 * (1 + 3*2^-23) + 0: tie
        .init(.fmsub64, rm: 0, 0x3ff8000000000000, 0x3ff0000000000003, 0x8000000000000000, expect: 0x3ff8000000000004, flags: 0x1), // 1.5 * (1 + 3*2^-52) - (-0): tie
        .init(.fmsub64, rm: 4, 0x3ff8000000000000, 0x3ff0000000000003, 0x8000000000000000, expect: 0x3ff8000000000005, flags: 0x1), // 1.5 * (1 + 3*2^-52) - (-0): tie
        .init(.fmadd64, rm: 0, 0x3ff0000000000001, 0x3fefffffffffffff, 0xbff0000000000000, expect: 0x3c9ffffffffffffe, flags: 0x0), // (1+2^-52)*(1-2^-53) + -1: one rounding
        .init(.fmadd64, rm: 1, 0x3ff0000000000001, 0x3fefffffffffffff, 0xbff0000000000000, expect: 0x3c9ffffffffffffe, flags: 0x0), // (1+2^-52)*(1-2^-53) + -1: one rounding
        .init(.fmadd64, rm: 2, 0x3ff0000000000001, 0x3fefffffffffffff, 0xbff0000000000000, expect: 0x3c9ffffffffffffe, flags: 0x0), // (1+2^-52)*(1-2^-53) + -1: one rounding
        .init(.fmadd64, rm: 3, 0x3ff0000000000001, 0x3fefffffffffffff, 0xbff0000000000000, expect: 0x3c9ffffffffffffe, flags: 0x0), // (1+2^-52)*(1-2^-53) + -1: one rounding
        .init(.fmadd64, rm: 4, 0x3ff0000000000001, 0x3fefffffffffffff, 0xbff0000000000000, expect: 0x3c9ffffffffffffe, flags: 0x0), // (1+2^-52)*(1-2^-53) + -1: one rounding
        .init(.fnmadd32, rm: 0, 0xffffffff3f800000, 0xffffffff3f800000, 0xffffffff3f800000, expect: 0xffffffffc0000000, flags: 0x0), // fnmadd 1,1,1 = -2
        .init(.fnmadd64, rm: 0, 0x4000000000000000, 0x4008000000000000, 0xc018000000000000, expect: 0x0, flags: 0x0), // fnmadd 2,3,-6 = exact zero
        .init(.fnmadd64, rm: 2, 0x4000000000000000, 0x4008000000000000, 0xc018000000000000, expect: 0x8000000000000000, flags: 0x0), // fnmadd 2,3,-6 = exact zero
        .init(.fnmsub32, rm: 0, 0xffffffff3f800000, 0xffffffff3f800000, 0xffffffff3f800000, expect: 0xffffffff00000000, flags: 0x0), // fnmsub 1,1,1 = exact zero
        .init(.fnmsub32, rm: 2, 0xffffffff3f800000, 0xffffffff3f800000, 0xffffffff3f800000, expect: 0xffffffff80000000, flags: 0x0), // fnmsub 1,1,1 = exact zero
        .init(.fmsub64, rm: 0, 0x3ff0000000000000, 0x3ff0000000000000, 0x3ff0000000000000, expect: 0x0, flags: 0x0), // fmsub 1,1,1 = exact zero
        .init(.fmsub64, rm: 2, 0x3ff0000000000000, 0x3ff0000000000000, 0x3ff0000000000000, expect: 0x8000000000000000, flags: 0x0), // fmsub 1,1,1 = exact zero
        .init(.fmadd64, rm: 0, 0x0, 0x0, 0x8000000000000000, expect: 0x0, flags: 0x0), // +0 * +0 + -0
        .init(.fmadd64, rm: 2, 0x0, 0x0, 0x8000000000000000, expect: 0x8000000000000000, flags: 0x0), // +0 * +0 + -0
        .init(.fmsub32, rm: 0, 0xffffffff7f7fffff, 0xffffffff40000000, 0xffffffff00000000, expect: 0xffffffff7f800000, flags: 0x5), // fmsub max*2 - 0 overflows
        .init(.fmsub32, rm: 1, 0xffffffff7f7fffff, 0xffffffff40000000, 0xffffffff00000000, expect: 0xffffffff7f7fffff, flags: 0x5), // fmsub max*2 - 0 overflows
        .init(.fnmsub64, rm: 0, 0x10000000000001, 0x3fe8000000000000, 0x0, expect: 0x800c000000000001, flags: 0x3), // fnmsub: -(a*b) + c underflow
        .init(.fnmsub64, rm: 1, 0x10000000000001, 0x3fe8000000000000, 0x0, expect: 0x800c000000000000, flags: 0x3), // fnmsub: -(a*b) + c underflow
        .init(.fnmsub64, rm: 2, 0x10000000000001, 0x3fe8000000000000, 0x0, expect: 0x800c000000000001, flags: 0x3), // fnmsub: -(a*b) + c underflow
        .init(.fnmsub64, rm: 3, 0x10000000000001, 0x3fe8000000000000, 0x0, expect: 0x800c000000000000, flags: 0x3), // fnmsub: -(a*b) + c underflow
        .init(.fnmsub64, rm: 4, 0x10000000000001, 0x3fe8000000000000, 0x0, expect: 0x800c000000000001, flags: 0x3), // fnmsub: -(a*b) + c underflow
        .init(.fmadd32, rm: 0, 0xffffffff3f800000, 0xffffffff3f800000, 0xffffffff7f800001, expect: 0xffffffff7fc00000, flags: 0x10), // sNaN addend
        .init(.fmadd64, rm: 0, 0x7ff0000000000000, 0x4000000000000000, 0xfff0000000000000, expect: 0x7ff8000000000000, flags: 0x10), // inf*2 + -inf is invalid
        .init(.fsgnj32, rm: 0, 0xffffffff3fc00000, 0xffffffffc0000000, 0x0, expect: 0xffffffffbfc00000, flags: 0x0), // fsgnj
        .init(.fsgnjn32, rm: 0, 0xffffffff7f800001, 0xffffffff00000000, 0x0, expect: 0xffffffffff800001, flags: 0x0), // fsgnjn keeps sNaN payload, no flags
        .init(.fsgnjx32, rm: 0, 0xffffffffbfc00000, 0xffffffffc0000000, 0x0, expect: 0xffffffff3fc00000, flags: 0x0), // fsgnjx
        .init(.fsgnj32, rm: 0, 0x3f800000, 0xffffffffbf800000, 0x0, expect: 0xffffffffffc00000, flags: 0x0), // fsgnj of an unboxed input: canonical NaN magnitude
        .init(.fsgnj64, rm: 0, 0x7ff0000000000001, 0xbff0000000000000, 0x0, expect: 0xfff0000000000001, flags: 0x0), // fsgnj
        .init(.fsgnjn64, rm: 0, 0x3ff0000000000000, 0x3ff0000000000000, 0x0, expect: 0xbff0000000000000, flags: 0x0), // fsgnjn
        .init(.fsgnjx64, rm: 0, 0xc008000000000000, 0xbff0000000000000, 0x0, expect: 0x4008000000000000, flags: 0x0), // fsgnjx
        .init(.feq32, rm: 0, 0xffffffff7fc00000, 0xffffffff3f800000, 0x0, expect: 0x0, flags: 0x0), // qNaN vs 1
        .init(.feq32, rm: 0, 0xffffffff7f800001, 0xffffffff3f800000, 0x0, expect: 0x0, flags: 0x10), // sNaN vs 1
        .init(.feq32, rm: 0, 0xffffffff80000000, 0xffffffff00000000, 0x0, expect: 0x1, flags: 0x0), // -0 vs +0
        .init(.feq32, rm: 0, 0xffffffff3f800000, 0xffffffff40000000, 0x0, expect: 0x0, flags: 0x0), // 1 vs 2
        .init(.feq32, rm: 0, 0xffffffff40000000, 0xffffffff3f800000, 0x0, expect: 0x0, flags: 0x0), // 2 vs 1
        .init(.flt32, rm: 0, 0xffffffff7fc00000, 0xffffffff3f800000, 0x0, expect: 0x0, flags: 0x10), // qNaN vs 1
        .init(.flt32, rm: 0, 0xffffffff7f800001, 0xffffffff3f800000, 0x0, expect: 0x0, flags: 0x10), // sNaN vs 1
        .init(.flt32, rm: 0, 0xffffffff80000000, 0xffffffff00000000, 0x0, expect: 0x0, flags: 0x0), // -0 vs +0
        .init(.flt32, rm: 0, 0xffffffff3f800000, 0xffffffff40000000, 0x0, expect: 0x1, flags: 0x0), // 1 vs 2
        .init(.flt32, rm: 0, 0xffffffff40000000, 0xffffffff3f800000, 0x0, expect: 0x0, flags: 0x0), // 2 vs 1
        .init(.fle32, rm: 0, 0xffffffff7fc00000, 0xffffffff3f800000, 0x0, expect: 0x0, flags: 0x10), // qNaN vs 1
        .init(.fle32, rm: 0, 0xffffffff7f800001, 0xffffffff3f800000, 0x0, expect: 0x0, flags: 0x10), // sNaN vs 1
        .init(.fle32, rm: 0, 0xffffffff80000000, 0xffffffff00000000, 0x0, expect: 0x1, flags: 0x0), // -0 vs +0
        .init(.fle32, rm: 0, 0xffffffff3f800000, 0xffffffff40000000, 0x0, expect: 0x1, flags: 0x0), // 1 vs 2
        .init(.fle32, rm: 0, 0xffffffff40000000, 0xffffffff3f800000, 0x0, expect: 0x0, flags: 0x0), // 2 vs 1
        .init(.feq64, rm: 0, 0x7ff8000000000000, 0x3ff0000000000000, 0x0, expect: 0x0, flags: 0x0), // qNaN vs 1
        .init(.feq64, rm: 0, 0x3ff0000000000000, 0x7ff0000000000001, 0x0, expect: 0x0, flags: 0x10), // 1 vs sNaN
        .init(.feq64, rm: 0, 0x0, 0x8000000000000000, 0x0, expect: 0x1, flags: 0x0), // +0 vs -0
        .init(.feq64, rm: 0, 0xfff0000000000000, 0x7fefffffffffffff, 0x0, expect: 0x0, flags: 0x0), // -inf vs max
        .init(.flt64, rm: 0, 0x7ff8000000000000, 0x3ff0000000000000, 0x0, expect: 0x0, flags: 0x10), // qNaN vs 1
        .init(.flt64, rm: 0, 0x3ff0000000000000, 0x7ff0000000000001, 0x0, expect: 0x0, flags: 0x10), // 1 vs sNaN
        .init(.flt64, rm: 0, 0x0, 0x8000000000000000, 0x0, expect: 0x0, flags: 0x0), // +0 vs -0
        .init(.flt64, rm: 0, 0xfff0000000000000, 0x7fefffffffffffff, 0x0, expect: 0x1, flags: 0x0), // -inf vs max
        .init(.fle64, rm: 0, 0x7ff8000000000000, 0x3ff0000000000000, 0x0, expect: 0x0, flags: 0x10), // qNaN vs 1
        .init(.fle64, rm: 0, 0x3ff0000000000000, 0x7ff0000000000001, 0x0, expect: 0x0, flags: 0x10), // 1 vs sNaN
        .init(.fle64, rm: 0, 0x0, 0x8000000000000000, 0x0, expect: 0x1, flags: 0x0), // +0 vs -0
        .init(.fle64, rm: 0, 0xfff0000000000000, 0x7fefffffffffffff, 0x0, expect: 0x1, flags: 0x0), // -inf vs max
        .init(.fclass32, rm: 0, 0xffffffffff800000, 0x0, 0x0, expect: 0x1, flags: 0x0), // fclass
        .init(.fclass32, rm: 0, 0xffffffffbf800000, 0x0, 0x0, expect: 0x2, flags: 0x0), // fclass
        .init(.fclass32, rm: 0, 0xffffffff807fffff, 0x0, 0x0, expect: 0x4, flags: 0x0), // fclass
        .init(.fclass32, rm: 0, 0xffffffff80000000, 0x0, 0x0, expect: 0x8, flags: 0x0), // fclass
        .init(.fclass32, rm: 0, 0xffffffff00000000, 0x0, 0x0, expect: 0x10, flags: 0x0), // fclass
        .init(.fclass32, rm: 0, 0xffffffff00000001, 0x0, 0x0, expect: 0x20, flags: 0x0), // fclass
        .init(.fclass32, rm: 0, 0xffffffff3f800000, 0x0, 0x0, expect: 0x40, flags: 0x0), // fclass
        .init(.fclass32, rm: 0, 0xffffffff7f800000, 0x0, 0x0, expect: 0x80, flags: 0x0), // fclass
        .init(.fclass32, rm: 0, 0xffffffff7f800001, 0x0, 0x0, expect: 0x100, flags: 0x0), // fclass
        .init(.fclass32, rm: 0, 0xffffffff7fc00000, 0x0, 0x0, expect: 0x200, flags: 0x0), // fclass
        .init(.fclass32, rm: 0, 0x3f800000, 0x0, 0x0, expect: 0x200, flags: 0x0), // fclass of an unboxed value is qNaN
        .init(.fclass64, rm: 0, 0xfff0000000000000, 0x0, 0x0, expect: 0x1, flags: 0x0), // fclass
        .init(.fclass64, rm: 0, 0xbff0000000000000, 0x0, 0x0, expect: 0x2, flags: 0x0), // fclass
        .init(.fclass64, rm: 0, 0x800fffffffffffff, 0x0, 0x0, expect: 0x4, flags: 0x0), // fclass
        .init(.fclass64, rm: 0, 0x8000000000000000, 0x0, 0x0, expect: 0x8, flags: 0x0), // fclass
        .init(.fclass64, rm: 0, 0x0, 0x0, 0x0, expect: 0x10, flags: 0x0), // fclass
        .init(.fclass64, rm: 0, 0x1, 0x0, 0x0, expect: 0x20, flags: 0x0), // fclass
        .init(.fclass64, rm: 0, 0x3ff0000000000000, 0x0, 0x0, expect: 0x40, flags: 0x0), // fclass
        .init(.fclass64, rm: 0, 0x7ff0000000000000, 0x0, 0x0, expect: 0x80, flags: 0x0), // fclass
        .init(.fclass64, rm: 0, 0x7ff0000000000001, 0x0, 0x0, expect: 0x100, flags: 0x0), // fclass
        .init(.fclass64, rm: 0, 0x7ff8000000000000, 0x0, 0x0, expect: 0x200, flags: 0x0), // fclass
        .init(.fcvt32to64, rm: 0, 0xffffffff7f800001, 0x0, 0x0, expect: 0x7ff8000000000000, flags: 0x10), // sNaN widened: canonical NaN, NV
        .init(.fcvt32to64, rm: 0, 0xffffffff80000003, 0x0, 0x0, expect: 0xb6b8000000000000, flags: 0x0), // subnormal widened exactly
        .init(.fcvt32to64, rm: 0, 0xffffffff3fc00000, 0x0, 0x0, expect: 0x3ff8000000000000, flags: 0x0), // 1.5 widened
        .init(.fcvt64to32, rm: 0, 0x3ff0000010000000, 0x0, 0x0, expect: 0xffffffff3f800000, flags: 0x1), // 1 + 2^-24 narrowed: tie
        .init(.fcvt64to32, rm: 1, 0x3ff0000010000000, 0x0, 0x0, expect: 0xffffffff3f800000, flags: 0x1), // 1 + 2^-24 narrowed: tie
        .init(.fcvt64to32, rm: 2, 0x3ff0000010000000, 0x0, 0x0, expect: 0xffffffff3f800000, flags: 0x1), // 1 + 2^-24 narrowed: tie
        .init(.fcvt64to32, rm: 3, 0x3ff0000010000000, 0x0, 0x0, expect: 0xffffffff3f800001, flags: 0x1), // 1 + 2^-24 narrowed: tie
        .init(.fcvt64to32, rm: 4, 0x3ff0000010000000, 0x0, 0x0, expect: 0xffffffff3f800001, flags: 0x1), // 1 + 2^-24 narrowed: tie
        .init(.fcvt64to32, rm: 0, 0xfe37e43c8800759c, 0x0, 0x0, expect: 0xffffffffff800000, flags: 0x5), // 1e300 narrowed overflows
        .init(.fcvt64to32, rm: 1, 0xfe37e43c8800759c, 0x0, 0x0, expect: 0xffffffffff7fffff, flags: 0x5), // 1e300 narrowed overflows
        .init(.fcvt64to32, rm: 2, 0xfe37e43c8800759c, 0x0, 0x0, expect: 0xffffffffff800000, flags: 0x5), // 1e300 narrowed overflows
        .init(.fcvt64to32, rm: 3, 0xfe37e43c8800759c, 0x0, 0x0, expect: 0xffffffffff7fffff, flags: 0x5), // 1e300 narrowed overflows
        .init(.fcvt64to32, rm: 4, 0xfe37e43c8800759c, 0x0, 0x0, expect: 0xffffffffff800000, flags: 0x5), // 1e300 narrowed overflows
        .init(.fcvt64to32, rm: 0, 0x380ffffff0000000, 0x0, 0x0, expect: 0xffffffff00800000, flags: 0x1), // 2^-126 (1 - 2^-25): tiny before rounding only
        .init(.fcvt64to32, rm: 1, 0x380ffffff0000000, 0x0, 0x0, expect: 0xffffffff007fffff, flags: 0x3), // 2^-126 (1 - 2^-25): tiny before rounding only
        .init(.fcvt64to32, rm: 2, 0x380ffffff0000000, 0x0, 0x0, expect: 0xffffffff007fffff, flags: 0x3), // 2^-126 (1 - 2^-25): tiny before rounding only
        .init(.fcvt64to32, rm: 3, 0x380ffffff0000000, 0x0, 0x0, expect: 0xffffffff00800000, flags: 0x1), // 2^-126 (1 - 2^-25): tiny before rounding only
        .init(.fcvt64to32, rm: 4, 0x380ffffff0000000, 0x0, 0x0, expect: 0xffffffff00800000, flags: 0x1), // 2^-126 (1 - 2^-25): tiny before rounding only
        .init(.fcvt64to32, rm: 0, 0x3690000000000000, 0x0, 0x0, expect: 0xffffffff00000000, flags: 0x3), // 2^-150 narrowed: tie with zero
        .init(.fcvt64to32, rm: 1, 0x3690000000000000, 0x0, 0x0, expect: 0xffffffff00000000, flags: 0x3), // 2^-150 narrowed: tie with zero
        .init(.fcvt64to32, rm: 2, 0x3690000000000000, 0x0, 0x0, expect: 0xffffffff00000000, flags: 0x3), // 2^-150 narrowed: tie with zero
        .init(.fcvt64to32, rm: 3, 0x3690000000000000, 0x0, 0x0, expect: 0xffffffff00000001, flags: 0x3), // 2^-150 narrowed: tie with zero
        .init(.fcvt64to32, rm: 4, 0x3690000000000000, 0x0, 0x0, expect: 0xffffffff00000001, flags: 0x3), // 2^-150 narrowed: tie with zero
        .init(.fcvt64to32, rm: 0, 0x7ff0000000000001, 0x0, 0x0, expect: 0xffffffff7fc00000, flags: 0x10), // sNaN narrowed
        .init(.fcvt64to32, rm: 0, 0x8000000000000001, 0x0, 0x0, expect: 0xffffffff80000000, flags: 0x3), // double subnormal narrowed
        .init(.fcvt64to32, rm: 1, 0x8000000000000001, 0x0, 0x0, expect: 0xffffffff80000000, flags: 0x3), // double subnormal narrowed
        .init(.fcvt64to32, rm: 2, 0x8000000000000001, 0x0, 0x0, expect: 0xffffffff80000001, flags: 0x3), // double subnormal narrowed
        .init(.fcvt64to32, rm: 3, 0x8000000000000001, 0x0, 0x0, expect: 0xffffffff80000000, flags: 0x3), // double subnormal narrowed
        .init(.fcvt64to32, rm: 4, 0x8000000000000001, 0x0, 0x0, expect: 0xffffffff80000000, flags: 0x3), // double subnormal narrowed
        .init(.fcvtsi32, rm: 0, 0x7fffffffffffffff, 0x2, 0x0, expect: 0xffffffff5f000000, flags: 0x1), // s64 2^63-1 -> f32
        .init(.fcvtsi32, rm: 1, 0x7fffffffffffffff, 0x2, 0x0, expect: 0xffffffff5effffff, flags: 0x1), // s64 2^63-1 -> f32
        .init(.fcvtsi32, rm: 2, 0x7fffffffffffffff, 0x2, 0x0, expect: 0xffffffff5effffff, flags: 0x1), // s64 2^63-1 -> f32
        .init(.fcvtsi32, rm: 3, 0x7fffffffffffffff, 0x2, 0x0, expect: 0xffffffff5f000000, flags: 0x1), // s64 2^63-1 -> f32
        .init(.fcvtsi32, rm: 4, 0x7fffffffffffffff, 0x2, 0x0, expect: 0xffffffff5f000000, flags: 0x1), // s64 2^63-1 -> f32
        .init(.fcvtsi32, rm: 0, 0xffffffffffffffff, 0x3, 0x0, expect: 0xffffffff5f800000, flags: 0x1), // u64 max -> f32
        .init(.fcvtsi32, rm: 1, 0xffffffffffffffff, 0x3, 0x0, expect: 0xffffffff5f7fffff, flags: 0x1), // u64 max -> f32
        .init(.fcvtsi32, rm: 2, 0xffffffffffffffff, 0x3, 0x0, expect: 0xffffffff5f7fffff, flags: 0x1), // u64 max -> f32
        .init(.fcvtsi32, rm: 3, 0xffffffffffffffff, 0x3, 0x0, expect: 0xffffffff5f800000, flags: 0x1), // u64 max -> f32
        .init(.fcvtsi32, rm: 4, 0xffffffffffffffff, 0x3, 0x0, expect: 0xffffffff5f800000, flags: 0x1), // u64 max -> f32
        .init(.fcvtsi32, rm: 0, 0x1ffffffff, 0x0, 0x0, expect: 0xffffffffbf800000, flags: 0x0), // s32 uses the low 32 bits
        .init(.fcvtsi32, rm: 0, 0xffffffffffffffff, 0x1, 0x0, expect: 0xffffffff4f800000, flags: 0x1), // u32 uses the low 32 bits
        .init(.fcvtsi32, rm: 1, 0xffffffffffffffff, 0x1, 0x0, expect: 0xffffffff4f7fffff, flags: 0x1), // u32 uses the low 32 bits
        .init(.fcvtsi32, rm: 0, 0x80000000, 0x0, 0x0, expect: 0xffffffffcf000000, flags: 0x0), // s32 min
        .init(.fcvtsi32, rm: 0, 0x1000001, 0x2, 0x0, expect: 0xffffffff4b800000, flags: 0x1), // 2^24 + 1 -> f32: tie
        .init(.fcvtsi32, rm: 1, 0x1000001, 0x2, 0x0, expect: 0xffffffff4b800000, flags: 0x1), // 2^24 + 1 -> f32: tie
        .init(.fcvtsi32, rm: 2, 0x1000001, 0x2, 0x0, expect: 0xffffffff4b800000, flags: 0x1), // 2^24 + 1 -> f32: tie
        .init(.fcvtsi32, rm: 3, 0x1000001, 0x2, 0x0, expect: 0xffffffff4b800001, flags: 0x1), // 2^24 + 1 -> f32: tie
        .init(.fcvtsi32, rm: 4, 0x1000001, 0x2, 0x0, expect: 0xffffffff4b800001, flags: 0x1), // 2^24 + 1 -> f32: tie
        .init(.fcvtsi64, rm: 0, 0x20000000000001, 0x3, 0x0, expect: 0x4340000000000000, flags: 0x1), // 2^53 + 1 -> f64: tie
        .init(.fcvtsi64, rm: 1, 0x20000000000001, 0x3, 0x0, expect: 0x4340000000000000, flags: 0x1), // 2^53 + 1 -> f64: tie
        .init(.fcvtsi64, rm: 2, 0x20000000000001, 0x3, 0x0, expect: 0x4340000000000000, flags: 0x1), // 2^53 + 1 -> f64: tie
        .init(.fcvtsi64, rm: 3, 0x20000000000001, 0x3, 0x0, expect: 0x4340000000000001, flags: 0x1), // 2^53 + 1 -> f64: tie
        .init(.fcvtsi64, rm: 4, 0x20000000000001, 0x3, 0x0, expect: 0x4340000000000001, flags: 0x1), // 2^53 + 1 -> f64: tie
        .init(.fcvtsi64, rm: 0, 0xffdfffffffffffff, 0x2, 0x0, expect: 0xc340000000000000, flags: 0x1), // -(2^53 + 1) -> f64: tie
        .init(.fcvtsi64, rm: 1, 0xffdfffffffffffff, 0x2, 0x0, expect: 0xc340000000000000, flags: 0x1), // -(2^53 + 1) -> f64: tie
        .init(.fcvtsi64, rm: 2, 0xffdfffffffffffff, 0x2, 0x0, expect: 0xc340000000000001, flags: 0x1), // -(2^53 + 1) -> f64: tie
        .init(.fcvtsi64, rm: 3, 0xffdfffffffffffff, 0x2, 0x0, expect: 0xc340000000000000, flags: 0x1), // -(2^53 + 1) -> f64: tie
        .init(.fcvtsi64, rm: 4, 0xffdfffffffffffff, 0x2, 0x0, expect: 0xc340000000000001, flags: 0x1), // -(2^53 + 1) -> f64: tie
        .init(.fcvtsi64, rm: 0, 0x8000000000000000, 0x2, 0x0, expect: 0xc3e0000000000000, flags: 0x0), // s64 min -> f64
        .init(.fcvtsi64, rm: 0, 0xffffffff, 0x1, 0x0, expect: 0x41efffffffe00000, flags: 0x0), // u32 max -> f64
        .init(.fcvtsi64, rm: 0, 0xffffffff, 0x0, 0x0, expect: 0xbff0000000000000, flags: 0x0), // s32 -1 -> f64
        .init(.fcvtsi64, rm: 2, 0x0, 0x2, 0x0, expect: 0x0, flags: 0x0), // zero
        .init(.fcvt32toi, rm: 0, 0xffffffff7fc00000, 0x0, 0x0, expect: 0x7fffffff, flags: 0x10), // NaN
        .init(.fcvt32toi, rm: 0, 0xffffffff7f800000, 0x0, 0x0, expect: 0x7fffffff, flags: 0x10), // +inf
        .init(.fcvt32toi, rm: 0, 0xffffffffff800000, 0x0, 0x0, expect: 0xffffffff80000000, flags: 0x10), // -inf
        .init(.fcvt32toi, rm: 0, 0xffffffffbe99999a, 0x0, 0x0, expect: 0x0, flags: 0x1), // -0.3
        .init(.fcvt32toi, rm: 1, 0xffffffffbe99999a, 0x0, 0x0, expect: 0x0, flags: 0x1), // -0.3
        .init(.fcvt32toi, rm: 0, 0xffffffffbf800000, 0x0, 0x0, expect: 0xffffffffffffffff, flags: 0x0), // -1
        .init(.fcvt32toi, rm: 0, 0xffffffff80000000, 0x0, 0x0, expect: 0x0, flags: 0x0), // -0
        .init(.fcvt32toi, rm: 0, 0xffffffff40200000, 0x0, 0x0, expect: 0x2, flags: 0x1), // 2.5
        .init(.fcvt32toi, rm: 1, 0xffffffff40200000, 0x0, 0x0, expect: 0x2, flags: 0x1), // 2.5
        .init(.fcvt32toi, rm: 2, 0xffffffff40200000, 0x0, 0x0, expect: 0x2, flags: 0x1), // 2.5
        .init(.fcvt32toi, rm: 3, 0xffffffff40200000, 0x0, 0x0, expect: 0x3, flags: 0x1), // 2.5
        .init(.fcvt32toi, rm: 4, 0xffffffff40200000, 0x0, 0x0, expect: 0x3, flags: 0x1), // 2.5
        .init(.fcvt32toi, rm: 0, 0xffffffffc0200000, 0x0, 0x0, expect: 0xfffffffffffffffe, flags: 0x1), // -2.5
        .init(.fcvt32toi, rm: 1, 0xffffffffc0200000, 0x0, 0x0, expect: 0xfffffffffffffffe, flags: 0x1), // -2.5
        .init(.fcvt32toi, rm: 2, 0xffffffffc0200000, 0x0, 0x0, expect: 0xfffffffffffffffd, flags: 0x1), // -2.5
        .init(.fcvt32toi, rm: 3, 0xffffffffc0200000, 0x0, 0x0, expect: 0xfffffffffffffffe, flags: 0x1), // -2.5
        .init(.fcvt32toi, rm: 4, 0xffffffffc0200000, 0x0, 0x0, expect: 0xfffffffffffffffd, flags: 0x1), // -2.5
        .init(.fcvt32toi, rm: 0, 0xffffffff4f000000, 0x0, 0x0, expect: 0x7fffffff, flags: 0x10), // 2^31
        .init(.fcvt32toi, rm: 0, 0xffffffffcf000000, 0x0, 0x0, expect: 0xffffffff80000000, flags: 0x0), // -2^31
        .init(.fcvt32toi, rm: 0, 0xffffffff4f800000, 0x0, 0x0, expect: 0x7fffffff, flags: 0x10), // 2^32
        .init(.fcvt32toi, rm: 0, 0xffffffff5f000000, 0x0, 0x0, expect: 0x7fffffff, flags: 0x10), // 2^63
        .init(.fcvt32toi, rm: 0, 0xffffffffdf000000, 0x0, 0x0, expect: 0xffffffff80000000, flags: 0x10), // -2^63
        .init(.fcvt32toi, rm: 0, 0xffffffff5f800000, 0x0, 0x0, expect: 0x7fffffff, flags: 0x10), // 2^64
        .init(.fcvt64toi, rm: 0, 0xfff8000000000000, 0x0, 0x0, expect: 0x7fffffff, flags: 0x10), // NaN
        .init(.fcvt64toi, rm: 0, 0xfff0000000000000, 0x0, 0x0, expect: 0xffffffff80000000, flags: 0x10), // -inf
        .init(.fcvt64toi, rm: 0, 0x3fe0000000000000, 0x0, 0x0, expect: 0x0, flags: 0x1), // 0.5
        .init(.fcvt64toi, rm: 1, 0x3fe0000000000000, 0x0, 0x0, expect: 0x0, flags: 0x1), // 0.5
        .init(.fcvt64toi, rm: 2, 0x3fe0000000000000, 0x0, 0x0, expect: 0x0, flags: 0x1), // 0.5
        .init(.fcvt64toi, rm: 3, 0x3fe0000000000000, 0x0, 0x0, expect: 0x1, flags: 0x1), // 0.5
        .init(.fcvt64toi, rm: 4, 0x3fe0000000000000, 0x0, 0x0, expect: 0x1, flags: 0x1), // 0.5
        .init(.fcvt64toi, rm: 0, 0xbfe0000000000000, 0x0, 0x0, expect: 0x0, flags: 0x1), // -0.5
        .init(.fcvt64toi, rm: 1, 0xbfe0000000000000, 0x0, 0x0, expect: 0x0, flags: 0x1), // -0.5
        .init(.fcvt64toi, rm: 2, 0xbfe0000000000000, 0x0, 0x0, expect: 0xffffffffffffffff, flags: 0x1), // -0.5
        .init(.fcvt64toi, rm: 3, 0xbfe0000000000000, 0x0, 0x0, expect: 0x0, flags: 0x1), // -0.5
        .init(.fcvt64toi, rm: 4, 0xbfe0000000000000, 0x0, 0x0, expect: 0xffffffffffffffff, flags: 0x1), // -0.5
        .init(.fcvt64toi, rm: 0, 0x41dfffffffe00000, 0x0, 0x0, expect: 0x7fffffff, flags: 0x10), // 2^31 - 0.5
        .init(.fcvt64toi, rm: 1, 0x41dfffffffe00000, 0x0, 0x0, expect: 0x7fffffff, flags: 0x1), // 2^31 - 0.5
        .init(.fcvt64toi, rm: 2, 0x41dfffffffe00000, 0x0, 0x0, expect: 0x7fffffff, flags: 0x1), // 2^31 - 0.5
        .init(.fcvt64toi, rm: 3, 0x41dfffffffe00000, 0x0, 0x0, expect: 0x7fffffff, flags: 0x10), // 2^31 - 0.5
        .init(.fcvt64toi, rm: 4, 0x41dfffffffe00000, 0x0, 0x0, expect: 0x7fffffff, flags: 0x10), // 2^31 - 0.5
        .init(.fcvt64toi, rm: 0, 0xc1e0000000100000, 0x0, 0x0, expect: 0xffffffff80000000, flags: 0x1), // -2^31 - 0.5
        .init(.fcvt64toi, rm: 1, 0xc1e0000000100000, 0x0, 0x0, expect: 0xffffffff80000000, flags: 0x1), // -2^31 - 0.5
        .init(.fcvt64toi, rm: 2, 0xc1e0000000100000, 0x0, 0x0, expect: 0xffffffff80000000, flags: 0x10), // -2^31 - 0.5
        .init(.fcvt64toi, rm: 3, 0xc1e0000000100000, 0x0, 0x0, expect: 0xffffffff80000000, flags: 0x1), // -2^31 - 0.5
        .init(.fcvt64toi, rm: 4, 0xc1e0000000100000, 0x0, 0x0, expect: 0xffffffff80000000, flags: 0x10), // -2^31 - 0.5
        .init(.fcvt64toi, rm: 0, 0x41efffffffe00000, 0x0, 0x0, expect: 0x7fffffff, flags: 0x10), // 2^32 - 1
        .init(.fcvt64toi, rm: 0, 0x41effffffff00000, 0x0, 0x0, expect: 0x7fffffff, flags: 0x10), // 2^32 - 0.5
        .init(.fcvt64toi, rm: 1, 0x41effffffff00000, 0x0, 0x0, expect: 0x7fffffff, flags: 0x10), // 2^32 - 0.5
        .init(.fcvt64toi, rm: 0, 0x43dfffffffffffff, 0x0, 0x0, expect: 0x7fffffff, flags: 0x10), // 2^63 - 1024
        .init(.fcvt64toi, rm: 0, 0x43e0000000000000, 0x0, 0x0, expect: 0x7fffffff, flags: 0x10), // 2^63
        .init(.fcvt64toi, rm: 0, 0xc3e0000000000000, 0x0, 0x0, expect: 0xffffffff80000000, flags: 0x10), // -2^63
        .init(.fcvt64toi, rm: 0, 0x43f0000000000000, 0x0, 0x0, expect: 0x7fffffff, flags: 0x10), // 2^64
        .init(.fcvt64toi, rm: 0, 0x43efffffffffffff, 0x0, 0x0, expect: 0x7fffffff, flags: 0x10), // 2^64 - 2048
        .init(.fcvt64toi, rm: 0, 0x1, 0x0, 0x0, expect: 0x0, flags: 0x1), // min subnormal
        .init(.fcvt64toi, rm: 3, 0x1, 0x0, 0x0, expect: 0x1, flags: 0x1), // min subnormal
        .init(.fcvt64toi, rm: 0, 0x7e37e43c8800759c, 0x0, 0x0, expect: 0x7fffffff, flags: 0x10), // 1e300
        .init(.fcvt32toi, rm: 0, 0xffffffff7fc00000, 0x1, 0x0, expect: 0xffffffffffffffff, flags: 0x10), // NaN
        .init(.fcvt32toi, rm: 0, 0xffffffff7f800000, 0x1, 0x0, expect: 0xffffffffffffffff, flags: 0x10), // +inf
        .init(.fcvt32toi, rm: 0, 0xffffffffff800000, 0x1, 0x0, expect: 0x0, flags: 0x10), // -inf
        .init(.fcvt32toi, rm: 0, 0xffffffffbe99999a, 0x1, 0x0, expect: 0x0, flags: 0x1), // -0.3
        .init(.fcvt32toi, rm: 1, 0xffffffffbe99999a, 0x1, 0x0, expect: 0x0, flags: 0x1), // -0.3
        .init(.fcvt32toi, rm: 0, 0xffffffffbf800000, 0x1, 0x0, expect: 0x0, flags: 0x10), // -1
        .init(.fcvt32toi, rm: 0, 0xffffffff80000000, 0x1, 0x0, expect: 0x0, flags: 0x0), // -0
        .init(.fcvt32toi, rm: 0, 0xffffffff40200000, 0x1, 0x0, expect: 0x2, flags: 0x1), // 2.5
        .init(.fcvt32toi, rm: 1, 0xffffffff40200000, 0x1, 0x0, expect: 0x2, flags: 0x1), // 2.5
        .init(.fcvt32toi, rm: 2, 0xffffffff40200000, 0x1, 0x0, expect: 0x2, flags: 0x1), // 2.5
        .init(.fcvt32toi, rm: 3, 0xffffffff40200000, 0x1, 0x0, expect: 0x3, flags: 0x1), // 2.5
        .init(.fcvt32toi, rm: 4, 0xffffffff40200000, 0x1, 0x0, expect: 0x3, flags: 0x1), // 2.5
        .init(.fcvt32toi, rm: 0, 0xffffffffc0200000, 0x1, 0x0, expect: 0x0, flags: 0x10), // -2.5
        .init(.fcvt32toi, rm: 1, 0xffffffffc0200000, 0x1, 0x0, expect: 0x0, flags: 0x10), // -2.5
        .init(.fcvt32toi, rm: 2, 0xffffffffc0200000, 0x1, 0x0, expect: 0x0, flags: 0x10), // -2.5
        .init(.fcvt32toi, rm: 3, 0xffffffffc0200000, 0x1, 0x0, expect: 0x0, flags: 0x10), // -2.5
        .init(.fcvt32toi, rm: 4, 0xffffffffc0200000, 0x1, 0x0, expect: 0x0, flags: 0x10), // -2.5
        .init(.fcvt32toi, rm: 0, 0xffffffff4f000000, 0x1, 0x0, expect: 0xffffffff80000000, flags: 0x0), // 2^31
        .init(.fcvt32toi, rm: 0, 0xffffffffcf000000, 0x1, 0x0, expect: 0x0, flags: 0x10), // -2^31
        .init(.fcvt32toi, rm: 0, 0xffffffff4f800000, 0x1, 0x0, expect: 0xffffffffffffffff, flags: 0x10), // 2^32
        .init(.fcvt32toi, rm: 0, 0xffffffff5f000000, 0x1, 0x0, expect: 0xffffffffffffffff, flags: 0x10), // 2^63
        .init(.fcvt32toi, rm: 0, 0xffffffffdf000000, 0x1, 0x0, expect: 0x0, flags: 0x10), // -2^63
        .init(.fcvt32toi, rm: 0, 0xffffffff5f800000, 0x1, 0x0, expect: 0xffffffffffffffff, flags: 0x10), // 2^64
        .init(.fcvt64toi, rm: 0, 0xfff8000000000000, 0x1, 0x0, expect: 0xffffffffffffffff, flags: 0x10), // NaN
        .init(.fcvt64toi, rm: 0, 0xfff0000000000000, 0x1, 0x0, expect: 0x0, flags: 0x10), // -inf
        .init(.fcvt64toi, rm: 0, 0x3fe0000000000000, 0x1, 0x0, expect: 0x0, flags: 0x1), // 0.5
        .init(.fcvt64toi, rm: 1, 0x3fe0000000000000, 0x1, 0x0, expect: 0x0, flags: 0x1), // 0.5
        .init(.fcvt64toi, rm: 2, 0x3fe0000000000000, 0x1, 0x0, expect: 0x0, flags: 0x1), // 0.5
        .init(.fcvt64toi, rm: 3, 0x3fe0000000000000, 0x1, 0x0, expect: 0x1, flags: 0x1), // 0.5
        .init(.fcvt64toi, rm: 4, 0x3fe0000000000000, 0x1, 0x0, expect: 0x1, flags: 0x1), // 0.5
        .init(.fcvt64toi, rm: 0, 0xbfe0000000000000, 0x1, 0x0, expect: 0x0, flags: 0x1), // -0.5
        .init(.fcvt64toi, rm: 1, 0xbfe0000000000000, 0x1, 0x0, expect: 0x0, flags: 0x1), // -0.5
        .init(.fcvt64toi, rm: 2, 0xbfe0000000000000, 0x1, 0x0, expect: 0x0, flags: 0x10), // -0.5
        .init(.fcvt64toi, rm: 3, 0xbfe0000000000000, 0x1, 0x0, expect: 0x0, flags: 0x1), // -0.5
        .init(.fcvt64toi, rm: 4, 0xbfe0000000000000, 0x1, 0x0, expect: 0x0, flags: 0x10), // -0.5
        .init(.fcvt64toi, rm: 0, 0x41dfffffffe00000, 0x1, 0x0, expect: 0xffffffff80000000, flags: 0x1), // 2^31 - 0.5
        .init(.fcvt64toi, rm: 1, 0x41dfffffffe00000, 0x1, 0x0, expect: 0x7fffffff, flags: 0x1), // 2^31 - 0.5
        .init(.fcvt64toi, rm: 2, 0x41dfffffffe00000, 0x1, 0x0, expect: 0x7fffffff, flags: 0x1), // 2^31 - 0.5
        .init(.fcvt64toi, rm: 3, 0x41dfffffffe00000, 0x1, 0x0, expect: 0xffffffff80000000, flags: 0x1), // 2^31 - 0.5
        .init(.fcvt64toi, rm: 4, 0x41dfffffffe00000, 0x1, 0x0, expect: 0xffffffff80000000, flags: 0x1), // 2^31 - 0.5
        .init(.fcvt64toi, rm: 0, 0xc1e0000000100000, 0x1, 0x0, expect: 0x0, flags: 0x10), // -2^31 - 0.5
        .init(.fcvt64toi, rm: 1, 0xc1e0000000100000, 0x1, 0x0, expect: 0x0, flags: 0x10), // -2^31 - 0.5
        .init(.fcvt64toi, rm: 2, 0xc1e0000000100000, 0x1, 0x0, expect: 0x0, flags: 0x10), // -2^31 - 0.5
        .init(.fcvt64toi, rm: 3, 0xc1e0000000100000, 0x1, 0x0, expect: 0x0, flags: 0x10), // -2^31 - 0.5
        .init(.fcvt64toi, rm: 4, 0xc1e0000000100000, 0x1, 0x0, expect: 0x0, flags: 0x10), // -2^31 - 0.5
        .init(.fcvt64toi, rm: 0, 0x41efffffffe00000, 0x1, 0x0, expect: 0xffffffffffffffff, flags: 0x0), // 2^32 - 1
        .init(.fcvt64toi, rm: 0, 0x41effffffff00000, 0x1, 0x0, expect: 0xffffffffffffffff, flags: 0x10), // 2^32 - 0.5
        .init(.fcvt64toi, rm: 1, 0x41effffffff00000, 0x1, 0x0, expect: 0xffffffffffffffff, flags: 0x1), // 2^32 - 0.5
        .init(.fcvt64toi, rm: 0, 0x43dfffffffffffff, 0x1, 0x0, expect: 0xffffffffffffffff, flags: 0x10), // 2^63 - 1024
        .init(.fcvt64toi, rm: 0, 0x43e0000000000000, 0x1, 0x0, expect: 0xffffffffffffffff, flags: 0x10), // 2^63
        .init(.fcvt64toi, rm: 0, 0xc3e0000000000000, 0x1, 0x0, expect: 0x0, flags: 0x10), // -2^63
        .init(.fcvt64toi, rm: 0, 0x43f0000000000000, 0x1, 0x0, expect: 0xffffffffffffffff, flags: 0x10), // 2^64
        .init(.fcvt64toi, rm: 0, 0x43efffffffffffff, 0x1, 0x0, expect: 0xffffffffffffffff, flags: 0x10), // 2^64 - 2048
        .init(.fcvt64toi, rm: 0, 0x1, 0x1, 0x0, expect: 0x0, flags: 0x1), // min subnormal
        .init(.fcvt64toi, rm: 3, 0x1, 0x1, 0x0, expect: 0x1, flags: 0x1), // min subnormal
        .init(.fcvt64toi, rm: 0, 0x7e37e43c8800759c, 0x1, 0x0, expect: 0xffffffffffffffff, flags: 0x10), // 1e300
        .init(.fcvt32toi, rm: 0, 0xffffffff7fc00000, 0x2, 0x0, expect: 0x7fffffffffffffff, flags: 0x10), // NaN
        .init(.fcvt32toi, rm: 0, 0xffffffff7f800000, 0x2, 0x0, expect: 0x7fffffffffffffff, flags: 0x10), // +inf
        .init(.fcvt32toi, rm: 0, 0xffffffffff800000, 0x2, 0x0, expect: 0x8000000000000000, flags: 0x10), // -inf
        .init(.fcvt32toi, rm: 0, 0xffffffffbe99999a, 0x2, 0x0, expect: 0x0, flags: 0x1), // -0.3
        .init(.fcvt32toi, rm: 1, 0xffffffffbe99999a, 0x2, 0x0, expect: 0x0, flags: 0x1), // -0.3
        .init(.fcvt32toi, rm: 0, 0xffffffffbf800000, 0x2, 0x0, expect: 0xffffffffffffffff, flags: 0x0), // -1
        .init(.fcvt32toi, rm: 0, 0xffffffff80000000, 0x2, 0x0, expect: 0x0, flags: 0x0), // -0
        .init(.fcvt32toi, rm: 0, 0xffffffff40200000, 0x2, 0x0, expect: 0x2, flags: 0x1), // 2.5
        .init(.fcvt32toi, rm: 1, 0xffffffff40200000, 0x2, 0x0, expect: 0x2, flags: 0x1), // 2.5
        .init(.fcvt32toi, rm: 2, 0xffffffff40200000, 0x2, 0x0, expect: 0x2, flags: 0x1), // 2.5
        .init(.fcvt32toi, rm: 3, 0xffffffff40200000, 0x2, 0x0, expect: 0x3, flags: 0x1), // 2.5
        .init(.fcvt32toi, rm: 4, 0xffffffff40200000, 0x2, 0x0, expect: 0x3, flags: 0x1), // 2.5
        .init(.fcvt32toi, rm: 0, 0xffffffffc0200000, 0x2, 0x0, expect: 0xfffffffffffffffe, flags: 0x1), // -2.5
        .init(.fcvt32toi, rm: 1, 0xffffffffc0200000, 0x2, 0x0, expect: 0xfffffffffffffffe, flags: 0x1), // -2.5
        .init(.fcvt32toi, rm: 2, 0xffffffffc0200000, 0x2, 0x0, expect: 0xfffffffffffffffd, flags: 0x1), // -2.5
        .init(.fcvt32toi, rm: 3, 0xffffffffc0200000, 0x2, 0x0, expect: 0xfffffffffffffffe, flags: 0x1), // -2.5
        .init(.fcvt32toi, rm: 4, 0xffffffffc0200000, 0x2, 0x0, expect: 0xfffffffffffffffd, flags: 0x1), // -2.5
        .init(.fcvt32toi, rm: 0, 0xffffffff4f000000, 0x2, 0x0, expect: 0x80000000, flags: 0x0), // 2^31
        .init(.fcvt32toi, rm: 0, 0xffffffffcf000000, 0x2, 0x0, expect: 0xffffffff80000000, flags: 0x0), // -2^31
        .init(.fcvt32toi, rm: 0, 0xffffffff4f800000, 0x2, 0x0, expect: 0x100000000, flags: 0x0), // 2^32
        .init(.fcvt32toi, rm: 0, 0xffffffff5f000000, 0x2, 0x0, expect: 0x7fffffffffffffff, flags: 0x10), // 2^63
        .init(.fcvt32toi, rm: 0, 0xffffffffdf000000, 0x2, 0x0, expect: 0x8000000000000000, flags: 0x0), // -2^63
        .init(.fcvt32toi, rm: 0, 0xffffffff5f800000, 0x2, 0x0, expect: 0x7fffffffffffffff, flags: 0x10), // 2^64
        .init(.fcvt64toi, rm: 0, 0xfff8000000000000, 0x2, 0x0, expect: 0x7fffffffffffffff, flags: 0x10), // NaN
        .init(.fcvt64toi, rm: 0, 0xfff0000000000000, 0x2, 0x0, expect: 0x8000000000000000, flags: 0x10), // -inf
        .init(.fcvt64toi, rm: 0, 0x3fe0000000000000, 0x2, 0x0, expect: 0x0, flags: 0x1), // 0.5
        .init(.fcvt64toi, rm: 1, 0x3fe0000000000000, 0x2, 0x0, expect: 0x0, flags: 0x1), // 0.5
        .init(.fcvt64toi, rm: 2, 0x3fe0000000000000, 0x2, 0x0, expect: 0x0, flags: 0x1), // 0.5
        .init(.fcvt64toi, rm: 3, 0x3fe0000000000000, 0x2, 0x0, expect: 0x1, flags: 0x1), // 0.5
        .init(.fcvt64toi, rm: 4, 0x3fe0000000000000, 0x2, 0x0, expect: 0x1, flags: 0x1), // 0.5
        .init(.fcvt64toi, rm: 0, 0xbfe0000000000000, 0x2, 0x0, expect: 0x0, flags: 0x1), // -0.5
        .init(.fcvt64toi, rm: 1, 0xbfe0000000000000, 0x2, 0x0, expect: 0x0, flags: 0x1), // -0.5
        .init(.fcvt64toi, rm: 2, 0xbfe0000000000000, 0x2, 0x0, expect: 0xffffffffffffffff, flags: 0x1), // -0.5
        .init(.fcvt64toi, rm: 3, 0xbfe0000000000000, 0x2, 0x0, expect: 0x0, flags: 0x1), // -0.5
        .init(.fcvt64toi, rm: 4, 0xbfe0000000000000, 0x2, 0x0, expect: 0xffffffffffffffff, flags: 0x1), // -0.5
        .init(.fcvt64toi, rm: 0, 0x41dfffffffe00000, 0x2, 0x0, expect: 0x80000000, flags: 0x1), // 2^31 - 0.5
        .init(.fcvt64toi, rm: 1, 0x41dfffffffe00000, 0x2, 0x0, expect: 0x7fffffff, flags: 0x1), // 2^31 - 0.5
        .init(.fcvt64toi, rm: 2, 0x41dfffffffe00000, 0x2, 0x0, expect: 0x7fffffff, flags: 0x1), // 2^31 - 0.5
        .init(.fcvt64toi, rm: 3, 0x41dfffffffe00000, 0x2, 0x0, expect: 0x80000000, flags: 0x1), // 2^31 - 0.5
        .init(.fcvt64toi, rm: 4, 0x41dfffffffe00000, 0x2, 0x0, expect: 0x80000000, flags: 0x1), // 2^31 - 0.5
        .init(.fcvt64toi, rm: 0, 0xc1e0000000100000, 0x2, 0x0, expect: 0xffffffff80000000, flags: 0x1), // -2^31 - 0.5
        .init(.fcvt64toi, rm: 1, 0xc1e0000000100000, 0x2, 0x0, expect: 0xffffffff80000000, flags: 0x1), // -2^31 - 0.5
        .init(.fcvt64toi, rm: 2, 0xc1e0000000100000, 0x2, 0x0, expect: 0xffffffff7fffffff, flags: 0x1), // -2^31 - 0.5
        .init(.fcvt64toi, rm: 3, 0xc1e0000000100000, 0x2, 0x0, expect: 0xffffffff80000000, flags: 0x1), // -2^31 - 0.5
        .init(.fcvt64toi, rm: 4, 0xc1e0000000100000, 0x2, 0x0, expect: 0xffffffff7fffffff, flags: 0x1), // -2^31 - 0.5
        .init(.fcvt64toi, rm: 0, 0x41efffffffe00000, 0x2, 0x0, expect: 0xffffffff, flags: 0x0), // 2^32 - 1
        .init(.fcvt64toi, rm: 0, 0x41effffffff00000, 0x2, 0x0, expect: 0x100000000, flags: 0x1), // 2^32 - 0.5
        .init(.fcvt64toi, rm: 1, 0x41effffffff00000, 0x2, 0x0, expect: 0xffffffff, flags: 0x1), // 2^32 - 0.5
        .init(.fcvt64toi, rm: 0, 0x43dfffffffffffff, 0x2, 0x0, expect: 0x7ffffffffffffc00, flags: 0x0), // 2^63 - 1024
        .init(.fcvt64toi, rm: 0, 0x43e0000000000000, 0x2, 0x0, expect: 0x7fffffffffffffff, flags: 0x10), // 2^63
        .init(.fcvt64toi, rm: 0, 0xc3e0000000000000, 0x2, 0x0, expect: 0x8000000000000000, flags: 0x0), // -2^63
        .init(.fcvt64toi, rm: 0, 0x43f0000000000000, 0x2, 0x0, expect: 0x7fffffffffffffff, flags: 0x10), // 2^64
        .init(.fcvt64toi, rm: 0, 0x43efffffffffffff, 0x2, 0x0, expect: 0x7fffffffffffffff, flags: 0x10), // 2^64 - 2048
        .init(.fcvt64toi, rm: 0, 0x1, 0x2, 0x0, expect: 0x0, flags: 0x1), // min subnormal
        .init(.fcvt64toi, rm: 3, 0x1, 0x2, 0x0, expect: 0x1, flags: 0x1), // min subnormal
        .init(.fcvt64toi, rm: 0, 0x7e37e43c8800759c, 0x2, 0x0, expect: 0x7fffffffffffffff, flags: 0x10), // 1e300
        .init(.fcvt32toi, rm: 0, 0xffffffff7fc00000, 0x3, 0x0, expect: 0xffffffffffffffff, flags: 0x10), // NaN
        .init(.fcvt32toi, rm: 0, 0xffffffff7f800000, 0x3, 0x0, expect: 0xffffffffffffffff, flags: 0x10), // +inf
        .init(.fcvt32toi, rm: 0, 0xffffffffff800000, 0x3, 0x0, expect: 0x0, flags: 0x10), // -inf
        .init(.fcvt32toi, rm: 0, 0xffffffffbe99999a, 0x3, 0x0, expect: 0x0, flags: 0x1), // -0.3
        .init(.fcvt32toi, rm: 1, 0xffffffffbe99999a, 0x3, 0x0, expect: 0x0, flags: 0x1), // -0.3
        .init(.fcvt32toi, rm: 0, 0xffffffffbf800000, 0x3, 0x0, expect: 0x0, flags: 0x10), // -1
        .init(.fcvt32toi, rm: 0, 0xffffffff80000000, 0x3, 0x0, expect: 0x0, flags: 0x0), // -0
        .init(.fcvt32toi, rm: 0, 0xffffffff40200000, 0x3, 0x0, expect: 0x2, flags: 0x1), // 2.5
        .init(.fcvt32toi, rm: 1, 0xffffffff40200000, 0x3, 0x0, expect: 0x2, flags: 0x1), // 2.5
        .init(.fcvt32toi, rm: 2, 0xffffffff40200000, 0x3, 0x0, expect: 0x2, flags: 0x1), // 2.5
        .init(.fcvt32toi, rm: 3, 0xffffffff40200000, 0x3, 0x0, expect: 0x3, flags: 0x1), // 2.5
        .init(.fcvt32toi, rm: 4, 0xffffffff40200000, 0x3, 0x0, expect: 0x3, flags: 0x1), // 2.5
        .init(.fcvt32toi, rm: 0, 0xffffffffc0200000, 0x3, 0x0, expect: 0x0, flags: 0x10), // -2.5
        .init(.fcvt32toi, rm: 1, 0xffffffffc0200000, 0x3, 0x0, expect: 0x0, flags: 0x10), // -2.5
        .init(.fcvt32toi, rm: 2, 0xffffffffc0200000, 0x3, 0x0, expect: 0x0, flags: 0x10), // -2.5
        .init(.fcvt32toi, rm: 3, 0xffffffffc0200000, 0x3, 0x0, expect: 0x0, flags: 0x10), // -2.5
        .init(.fcvt32toi, rm: 4, 0xffffffffc0200000, 0x3, 0x0, expect: 0x0, flags: 0x10), // -2.5
        .init(.fcvt32toi, rm: 0, 0xffffffff4f000000, 0x3, 0x0, expect: 0x80000000, flags: 0x0), // 2^31
        .init(.fcvt32toi, rm: 0, 0xffffffffcf000000, 0x3, 0x0, expect: 0x0, flags: 0x10), // -2^31
        .init(.fcvt32toi, rm: 0, 0xffffffff4f800000, 0x3, 0x0, expect: 0x100000000, flags: 0x0), // 2^32
        .init(.fcvt32toi, rm: 0, 0xffffffff5f000000, 0x3, 0x0, expect: 0x8000000000000000, flags: 0x0), // 2^63
        .init(.fcvt32toi, rm: 0, 0xffffffffdf000000, 0x3, 0x0, expect: 0x0, flags: 0x10), // -2^63
        .init(.fcvt32toi, rm: 0, 0xffffffff5f800000, 0x3, 0x0, expect: 0xffffffffffffffff, flags: 0x10), // 2^64
        .init(.fcvt64toi, rm: 0, 0xfff8000000000000, 0x3, 0x0, expect: 0xffffffffffffffff, flags: 0x10), // NaN
        .init(.fcvt64toi, rm: 0, 0xfff0000000000000, 0x3, 0x0, expect: 0x0, flags: 0x10), // -inf
        .init(.fcvt64toi, rm: 0, 0x3fe0000000000000, 0x3, 0x0, expect: 0x0, flags: 0x1), // 0.5
        .init(.fcvt64toi, rm: 1, 0x3fe0000000000000, 0x3, 0x0, expect: 0x0, flags: 0x1), // 0.5
        .init(.fcvt64toi, rm: 2, 0x3fe0000000000000, 0x3, 0x0, expect: 0x0, flags: 0x1), // 0.5
        .init(.fcvt64toi, rm: 3, 0x3fe0000000000000, 0x3, 0x0, expect: 0x1, flags: 0x1), // 0.5
        .init(.fcvt64toi, rm: 4, 0x3fe0000000000000, 0x3, 0x0, expect: 0x1, flags: 0x1), // 0.5
        .init(.fcvt64toi, rm: 0, 0xbfe0000000000000, 0x3, 0x0, expect: 0x0, flags: 0x1), // -0.5
        .init(.fcvt64toi, rm: 1, 0xbfe0000000000000, 0x3, 0x0, expect: 0x0, flags: 0x1), // -0.5
        .init(.fcvt64toi, rm: 2, 0xbfe0000000000000, 0x3, 0x0, expect: 0x0, flags: 0x10), // -0.5
        .init(.fcvt64toi, rm: 3, 0xbfe0000000000000, 0x3, 0x0, expect: 0x0, flags: 0x1), // -0.5
        .init(.fcvt64toi, rm: 4, 0xbfe0000000000000, 0x3, 0x0, expect: 0x0, flags: 0x10), // -0.5
        .init(.fcvt64toi, rm: 0, 0x41dfffffffe00000, 0x3, 0x0, expect: 0x80000000, flags: 0x1), // 2^31 - 0.5
        .init(.fcvt64toi, rm: 1, 0x41dfffffffe00000, 0x3, 0x0, expect: 0x7fffffff, flags: 0x1), // 2^31 - 0.5
        .init(.fcvt64toi, rm: 2, 0x41dfffffffe00000, 0x3, 0x0, expect: 0x7fffffff, flags: 0x1), // 2^31 - 0.5
        .init(.fcvt64toi, rm: 3, 0x41dfffffffe00000, 0x3, 0x0, expect: 0x80000000, flags: 0x1), // 2^31 - 0.5
        .init(.fcvt64toi, rm: 4, 0x41dfffffffe00000, 0x3, 0x0, expect: 0x80000000, flags: 0x1), // 2^31 - 0.5
        .init(.fcvt64toi, rm: 0, 0xc1e0000000100000, 0x3, 0x0, expect: 0x0, flags: 0x10), // -2^31 - 0.5
        .init(.fcvt64toi, rm: 1, 0xc1e0000000100000, 0x3, 0x0, expect: 0x0, flags: 0x10), // -2^31 - 0.5
        .init(.fcvt64toi, rm: 2, 0xc1e0000000100000, 0x3, 0x0, expect: 0x0, flags: 0x10), // -2^31 - 0.5
        .init(.fcvt64toi, rm: 3, 0xc1e0000000100000, 0x3, 0x0, expect: 0x0, flags: 0x10), // -2^31 - 0.5
        .init(.fcvt64toi, rm: 4, 0xc1e0000000100000, 0x3, 0x0, expect: 0x0, flags: 0x10), // -2^31 - 0.5
        .init(.fcvt64toi, rm: 0, 0x41efffffffe00000, 0x3, 0x0, expect: 0xffffffff, flags: 0x0), // 2^32 - 1
        .init(.fcvt64toi, rm: 0, 0x41effffffff00000, 0x3, 0x0, expect: 0x100000000, flags: 0x1), // 2^32 - 0.5
        .init(.fcvt64toi, rm: 1, 0x41effffffff00000, 0x3, 0x0, expect: 0xffffffff, flags: 0x1), // 2^32 - 0.5
        .init(.fcvt64toi, rm: 0, 0x43dfffffffffffff, 0x3, 0x0, expect: 0x7ffffffffffffc00, flags: 0x0), // 2^63 - 1024
        .init(.fcvt64toi, rm: 0, 0x43e0000000000000, 0x3, 0x0, expect: 0x8000000000000000, flags: 0x0), // 2^63
        .init(.fcvt64toi, rm: 0, 0xc3e0000000000000, 0x3, 0x0, expect: 0x0, flags: 0x10), // -2^63
        .init(.fcvt64toi, rm: 0, 0x43f0000000000000, 0x3, 0x0, expect: 0xffffffffffffffff, flags: 0x10), // 2^64
        .init(.fcvt64toi, rm: 0, 0x43efffffffffffff, 0x3, 0x0, expect: 0xfffffffffffff800, flags: 0x0), // 2^64 - 2048
        .init(.fcvt64toi, rm: 0, 0x1, 0x3, 0x0, expect: 0x0, flags: 0x1), // min subnormal
        .init(.fcvt64toi, rm: 3, 0x1, 0x3, 0x0, expect: 0x1, flags: 0x1), // min subnormal
        .init(.fcvt64toi, rm: 0, 0x7e37e43c8800759c, 0x3, 0x0, expect: 0xffffffffffffffff, flags: 0x10), // 1e300
]

@Suite struct FloatOpsTests {
    @Test("Matches qemu-riscv64 with dynamic and static rounding", arguments: fpOracleCases)
    func oracle(_ t: FPOracleCase) {
        let literal: UInt16? = takesTypeLiteral(t.opcode) ? UInt16(t.b) : nil
        let dynamic = FPFrame()
        #expect(dynamic.run(t.opcode, t.a, t.b, t.c, rounding: 7, frm: t.rm, typeLiteral: literal))
        #expect(dynamic.result == t.expect, "result 0x\(String(dynamic.result, radix: 16))")
        #expect(dynamic.flags == t.flags, "flags 0x\(String(dynamic.flags, radix: 16))")
        let fixed = FPFrame()
        #expect(fixed.run(t.opcode, t.a, t.b, t.c, rounding: Int64(t.rm), frm: 0, typeLiteral: literal))
        #expect(fixed.result == t.expect && fixed.flags == t.flags)
    }

    @Test("An invalid dynamic rounding mode (or a reserved static one) is reported, nothing is written")
    func invalidRoundingMode() {
        for frm: UInt64 in [5, 6, 7, 8, 0xffff_ffff_ffff_ffff] {
            let f = FPFrame()
            f.regs[20] = 0x1234
            #expect(!f.run(.fadd64, 0x3ff0_0000_0000_0000, 0x3ff0_0000_0000_0000, frm: frm))
            #expect(f.result == 0x1234 && f.flags == 0)
            #expect(!f.run(.fsgnj64, 0, 0, frm: frm)) // every F op with rm = dynamic checks frm
        }
        for rounding: Int64 in [5, 6] {
            let f = FPFrame()
            #expect(!f.run(.fmul32, 0xffff_ffff_3f80_0000, 0xffff_ffff_3f80_0000, rounding: rounding))
        }
        let f = FPFrame()
        #expect(f.run(.fadd64, 0x3ff0_0000_0000_0000, 0x3ff0_0000_0000_0000, rounding: 0, frm: 7)) // static ignores frm
        #expect(f.result == 0x4000_0000_0000_0000)
    }

    @Test("Flags accrue (OR) into the flags slot")
    func flagsAccrue() {
        let f = FPFrame()
        f.regs[Int(IRSlot.fpFlags)] = 8 // DZ from an earlier op
        #expect(f.run(.fdiv64, 0x3ff0_0000_0000_0000, 0x4008_0000_0000_0000)) // 1/3: NX
        #expect(f.flags == 9)
        #expect(f.run(.fadd64, 0x3ff0_0000_0000_0000, 0x3ff0_0000_0000_0000)) // exact: no change
        #expect(f.flags == 9)
    }

    @Test("Without NaN-boxing, binary32 uses the low half and results are zero-extended")
    func noNaNBoxing() {
        let f = FPFrame()
        #expect(f.run(.fadd32, 0x1234_5678_3f80_0000, 0x3f80_0000, boxed: false))
        #expect(f.result == 0x4000_0000)
        #expect(f.run(.fcvtsi32, 0xffff_ffff, boxed: false, typeLiteral: 0))
        #expect(f.result == 0xbf80_0000)
        #expect(f.run(.fsgnjn32, 0xdead_beef_3f80_0000, 0, boxed: false))
        #expect(f.result == 0xbf80_0000)
        #expect(f.run(.fclass32, 0xffff_0000_0000_0001, boxed: false))
        #expect(f.result == 1 << 5) // positive subnormal, not "unboxed NaN"
    }

    @Test("With NaN-boxing, any upper half other than all ones reads as the canonical NaN")
    func nanBoxingInputs() {
        let f = FPFrame()
        for upper: UInt64 in [0, 0x7fff_ffff, 0xffff_fffe, 0x8000_0000] {
            let v = upper << 32 | 0x3f80_0000
            #expect(f.run(.fclass32, v))
            #expect(f.result == 1 << 9)
            #expect(f.run(.fmax32, v, 0xffff_ffff_4000_0000))
            #expect(f.result == 0xffff_ffff_4000_0000)
            #expect(f.run(.fcvt32to64, v))
            #expect(f.result == 0x7ff8_0000_0000_0000)
        }
    }

    @Test("Without canonical NaNs, NaN payloads propagate (host SSE rules)")
    func nanPropagation() {
        let f = FPFrame()
        #expect(f.run(.fadd64, 0x7ff8_0000_0000_0123, 0x3ff0_0000_0000_0000, canonical: false))
        #expect(f.result == 0x7ff8_0000_0000_0123)
        #expect(f.run(.fmul32, 0xffff_ffff_7f80_0001, 0xffff_ffff_3f80_0000, canonical: false))
        #expect(f.result == 0xffff_ffff_7fc0_0001) // quietened, NV raised
        #expect(f.flags == 16)
        #expect(f.run(.fmin64, 0xfff8_0000_0000_0005, 0x7ff4_0000_0000_0000, canonical: false))
        #expect(f.result == 0xfff8_0000_0000_0005)
        #expect(f.run(.fcvt32to64, 0xffff_ffff_7fc0_0001, canonical: false))
        #expect(f.result == 0x7ff8_0000_2000_0000)
        #expect(f.run(.fcvt64to32, 0xfff8_0000_2000_0000, canonical: false))
        #expect(f.result == 0xffff_ffff_ffc0_0001)
    }

    @Test("fsgnj never canonicalizes or raises flags, even in canonical mode")
    func signInjectionIsBitwise() {
        let f = FPFrame()
        #expect(f.run(.fsgnjx64, 0x7ff0_0000_0000_0001, 0x8000_0000_0000_0000))
        #expect(f.result == 0xfff0_0000_0000_0001 && f.flags == 0)
        #expect(f.run(.fsgnj32, 0xffff_ffff_ff80_0001, 0xffff_ffff_0000_0000))
        #expect(f.result == 0xffff_ffff_7f80_0001 && f.flags == 0)
    }

    @Test("Fused multiply-add reads its third source from cSlot")
    func fmaThirdSlot() {
        let f = FPFrame()
        f.regs[25] = 0x4000_0000_0000_0000 // 2.0
        f.regs[16] = 0x4008_0000_0000_0000 // 3.0
        f.regs[17] = 0x4010_0000_0000_0000 // 4.0
        let op = IROp(.fnmsub64, d: 20, a: 16, b: 17, imm: FPMode.make(rounding: 0, nanBoxed: true, canonicalNaN: true, c: 25))
        #expect(f.regs.withUnsafeMutableBufferPointer { FloatOps.execute(op, regs: $0.baseAddress!) })
        #expect(f.result == 0xc024_0000_0000_0000) // -(3 * 4) + 2 = -10
    }

    @Test("fclass covers every class once", arguments: [false, true])
    func classifyAll(wide: Bool) {
        let values32: [UInt32] = [0xff80_0000, 0xbf80_0000, 0x8000_0001, 0x8000_0000, 0, 0x007f_ffff, 0x7f7f_ffff, 0x7f80_0000, 0x7fbf_ffff, 0x7fc0_0000]
        let values64: [UInt64] = [0xfff0 << 48, 0x8010 << 48, 0x8000_0000_0000_0001, 1 << 63, 0, 0x000f_ffff_ffff_ffff,
                                  0x7fef_ffff_ffff_ffff, 0x7ff0 << 48, 0x7ff7_ffff_ffff_ffff, 0x7ff8 << 48]
        let f = FPFrame()
        for bit in 0..<10 {
            if wide { #expect(f.run(.fclass64, values64[bit])) } else { #expect(f.run(.fclass32, 0xffff_ffff_0000_0000 | UInt64(values32[bit]))) }
            #expect(f.result == 1 << UInt64(bit))
        }
        #expect(f.flags == 0)
    }

    @Test("The software and round-to-odd reference paths agree with SSE in RNE, RTZ, RDN, RUP")
    func referencePathsMatchHardware() {
        var state: UInt64 = 0x9e37_79b9_7f4a_7c15
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            var x = state
            x ^= x >> 33
            x = x &* 0xff51_afd7_ed55_8ccd
            return x ^ (x >> 33)
        }
        // Random values whose exponents cluster, with many trailing zero bits, so that exact
        // results, ties, cancellation, overflow and underflow all occur.
        func value64(_ e: UInt64) -> UInt64 {
            var frac = next() & 0xf_ffff_ffff_ffff
            if next() & 1 == 0 { let z = next() % 53; frac = (frac >> z) << z }
            var exp = next() % 4 == 0 ? next() % 2048 : UInt64(max(0, min(2047, Int(e) + Int(next() % 80) - 40)))
            if next() % 10 == 0 { exp = 0 }
            return next() & (1 << 63) | exp << 52 | frac
        }
        func value32(_ e: UInt64) -> UInt32 {
            var frac = UInt32(truncatingIfNeeded: next()) & 0x7f_ffff
            if next() & 1 == 0 { let z = UInt32(next() % 24); frac = (frac >> z) << z }
            var exp = next() % 4 == 0 ? next() % 256 : UInt64(max(0, min(255, Int(e) + Int(next() % 50) - 25)))
            if next() % 10 == 0 { exp = 0 }
            return UInt32(truncatingIfNeeded: next() & (1 << 31) | exp << 23) | frac
        }
        func same(_ h: sq_fp_result, _ s: sq_fp_result, nan: (UInt64) -> Bool) -> Bool {
            (h.bits == s.bits || (nan(h.bits) && nan(s.bits))) && h.flags == s.flags
        }
        let nan64 = { (x: UInt64) in FloatOps.isNaN64(x) }
        let nan32 = { (x: UInt64) in FloatOps.isNaN32(UInt32(truncatingIfNeeded: x)) }
        var mismatches = 0
        for _ in 0..<40_000 {
            let rm = UInt32(next() % 4), op = UInt32(next() % 5)
            let e = next() % 2048
            let (a, b, c) = (value64(e), value64(e), value64(e))
            if !same(sq_fp_fma64(a, b, c, rm), sq_fp_ref_fma64(a, b, c, rm), nan: nan64) { mismatches += 1 }
            let h64: sq_fp_result = switch op {
                case 0: sq_fp_add64(a, b, rm)
                case 1: sq_fp_sub64(a, b, rm)
                case 2: sq_fp_mul64(a, b, rm)
                case 3: sq_fp_div64(a, b, rm)
                default: sq_fp_sqrt64(a, rm)
            }
            if !same(h64, sq_fp_ref_arith64(op, a, b, rm), nan: nan64) { mismatches += 1 }
            if !same(sq_fp_cvt64to32(a, rm), sq_fp_ref_cvt64to32(a, rm), nan: nan32) { mismatches += 1 }
            let e32 = next() % 256
            let (x, y, z) = (value32(e32), value32(e32), value32(e32))
            if !same(sq_fp_fma32(x, y, z, rm), sq_fp_ref_fma32(x, y, z, rm), nan: nan32) { mismatches += 1 }
            let h32: sq_fp_result = switch op {
                case 0: sq_fp_add32(x, y, rm)
                case 1: sq_fp_sub32(x, y, rm)
                case 2: sq_fp_mul32(x, y, rm)
                case 3: sq_fp_div32(x, y, rm)
                default: sq_fp_sqrt32(x, rm)
            }
            if !same(h32, sq_fp_ref_arith32(op, x, y, rm), nan: nan32) { mismatches += 1 }
        }
        #expect(mismatches == 0)
    }

    @Test("The host MXCSR is left as it was (rounding, masks, DAZ/FTZ)")
    func hostEnvironmentRestored() {
        let before = sq_fp_host_mxcsr()
        let f = FPFrame()
        for rm: UInt64 in 0...4 {
            _ = f.run(.fdiv64, 0x3ff0_0000_0000_0000, 0x4008_0000_0000_0000, frm: rm)
            _ = f.run(.fmadd32, 0xffff_ffff_3f80_0000, 0xffff_ffff_3f80_0000, 0xffff_ffff_3380_0000, frm: rm)
        }
        let after = sq_fp_host_mxcsr()
        #expect(before & 0xffc0 == after & 0xffc0) // control bits (status bits 0-5 may differ)
    }
}
