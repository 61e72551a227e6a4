// F (chapter 11) and D (chapter 12). Values live as raw IEEE bits in the f slots; binary32
// values are NaN-boxed (section 12.2). The IR F ops do the arithmetic (Interpreter/FloatOps);
// every mode here asks for canonical NaNs (11.3) and, for binary32, NaN-boxing.

extension RISCV64Frontend {
    /// Upper half of a NaN-boxed binary32 (12.2).
    static let nanBox = Int64(bitPattern: 0xffff_ffff_0000_0000)

    /// The FP mode for the instruction's rm field; nil for the reserved values 5 and 6
    /// (11.2: an illegal instruction). rm 7 is the dynamic mode (`FPMode.dynamicRounding`).
    static func mode(_ i: RISCV64Instruction, single: Bool, c: UInt16 = 0) -> Int64? {
        guard i.rm != 5 && i.rm != 6 else { return nil }
        return FPMode.make(rounding: Int64(i.rm), nanBoxed: single, canonicalNaN: true, c: c)
    }

    /// The FP mode of an op without an rm field (sign injection, min/max, compares, fclass).
    static func fixedMode(single: Bool) -> Int64 {
        FPMode.make(rounding: 0, nanBoxed: single, canonicalNaN: true)
    }

    /// fd = op(fs1, fs2) with the rm rounding mode.
    static func fArith(_ op: IROpcode, _ i: RISCV64Instruction, single: Bool, _ b: inout IRBuilder) -> RISCV64Step {
        guard let m = mode(i, single: single) else { return .illegal }
        b.emit(op, d: i.fd, a: i.f1, b: i.f2, imm: m)
        return .next
    }
    /// fd = op(fs1) with the rm rounding mode (fsqrt, fcvt.s.d, fcvt.d.s).
    static func fUnary(_ op: IROpcode, _ i: RISCV64Instruction, single: Bool, _ b: inout IRBuilder) -> RISCV64Step {
        guard let m = mode(i, single: single) else { return .illegal }
        b.emit(op, d: i.fd, a: i.f1, imm: m)
        return .next
    }
    /// fd = op(fs1, fs2, fs3), fused (11.6).
    static func fFused(_ op: IROpcode, _ i: RISCV64Instruction, single: Bool, _ b: inout IRBuilder) -> RISCV64Step {
        guard let m = mode(i, single: single, c: i.f3) else { return .illegal }
        b.emit(op, d: i.fd, a: i.f1, b: i.f2, imm: m)
        return .next
    }
    /// fd = op(fs1, fs2) for ops without rounding (sign injection, min/max).
    static func fPlain(_ op: IROpcode, _ i: RISCV64Instruction, single: Bool, _ b: inout IRBuilder) -> RISCV64Step {
        b.emit(op, d: i.fd, a: i.f1, b: i.f2, imm: fixedMode(single: single))
        return .next
    }
    /// rd = op(fs1, fs2) for the compares (11.8).
    static func fCompare(_ op: IROpcode, _ i: RISCV64Instruction, single: Bool, _ b: inout IRBuilder) -> RISCV64Step {
        b.emit(op, d: i.xd, a: i.f1, b: i.f2, imm: fixedMode(single: single))
        return .next
    }
    /// rd = integer(fs1), saturating (11.7); `kind` 0 s32, 1 u32, 2 s64, 3 u64.
    static func fToInt(_ op: IROpcode, _ kind: UInt16, _ i: RISCV64Instruction, single: Bool, _ b: inout IRBuilder) -> RISCV64Step {
        guard let m = mode(i, single: single) else { return .illegal }
        b.emit(op, d: i.xd, a: i.f1, b: kind, imm: m)
        return .next
    }
    /// fd = float(rs1) (11.7); `kind` 0 s32, 1 u32, 2 s64, 3 u64.
    static func intToF(_ op: IROpcode, _ kind: UInt16, _ i: RISCV64Instruction, single: Bool, _ b: inout IRBuilder) -> RISCV64Step {
        guard let m = mode(i, single: single) else { return .illegal }
        b.emit(op, d: i.fd, a: i.x1, b: kind, imm: m)
        return .next
    }

    // 11.5 / 12.3 Loads and stores.
    /// flw (11.5): the loaded value is NaN-boxed (12.2).
    static func transFlw(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step {
        b.emit(.ld32u, d: i.fd, a: i.x1, imm: i.imm)
        b.emit(.ori, d: i.fd, a: i.fd, imm: nanBox)
        return .next
    }
    /// fsw (11.5): stores the low 32 bits.
    static func transFsw(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step {
        b.emit(.st32, a: i.x1, b: i.f2, imm: i.imm)
        return .next
    }
    /// fld (12.3).
    static func transFld(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step {
        b.emit(.ld64, d: i.fd, a: i.x1, imm: i.imm)
        return .next
    }
    /// fsd (12.3).
    static func transFsd(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step {
        b.emit(.st64, a: i.x1, b: i.f2, imm: i.imm)
        return .next
    }

    // 11.6 Computational instructions, single precision.
    /// fmadd.s: fs1 × fs2 + fs3.
    static func transFmaddS(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { fFused(.fmadd32, i, single: true, &b) }
    /// fmsub.s: fs1 × fs2 − fs3.
    static func transFmsubS(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { fFused(.fmsub32, i, single: true, &b) }
    /// fnmsub.s: −(fs1 × fs2) + fs3.
    static func transFnmsubS(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { fFused(.fnmsub32, i, single: true, &b) }
    /// fnmadd.s: −(fs1 × fs2) − fs3.
    static func transFnmaddS(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { fFused(.fnmadd32, i, single: true, &b) }
    /// fadd.s.
    static func transFaddS(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { fArith(.fadd32, i, single: true, &b) }
    /// fsub.s.
    static func transFsubS(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { fArith(.fsub32, i, single: true, &b) }
    /// fmul.s.
    static func transFmulS(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { fArith(.fmul32, i, single: true, &b) }
    /// fdiv.s.
    static func transFdivS(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { fArith(.fdiv32, i, single: true, &b) }
    /// fsqrt.s.
    static func transFsqrtS(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { fUnary(.fsqrt32, i, single: true, &b) }
    /// fmin.s (11.6: minimumNumber, −0 < +0).
    static func transFminS(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { fPlain(.fmin32, i, single: true, &b) }
    /// fmax.s.
    static func transFmaxS(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { fPlain(.fmax32, i, single: true, &b) }

    // 11.7 Conversion and move instructions, single precision.
    /// fsgnj.s.
    static func transFsgnjS(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { fPlain(.fsgnj32, i, single: true, &b) }
    /// fsgnjn.s.
    static func transFsgnjnS(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { fPlain(.fsgnjn32, i, single: true, &b) }
    /// fsgnjx.s.
    static func transFsgnjxS(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { fPlain(.fsgnjx32, i, single: true, &b) }
    /// fcvt.w.s.
    static func transFcvtWS(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { fToInt(.fcvt32toi, 0, i, single: true, &b) }
    /// fcvt.wu.s (the 32-bit result is sign-extended, 11.7).
    static func transFcvtWuS(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { fToInt(.fcvt32toi, 1, i, single: true, &b) }
    /// fcvt.l.s.
    static func transFcvtLS(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { fToInt(.fcvt32toi, 2, i, single: true, &b) }
    /// fcvt.lu.s.
    static func transFcvtLuS(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { fToInt(.fcvt32toi, 3, i, single: true, &b) }
    /// fcvt.s.w.
    static func transFcvtSW(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { intToF(.fcvtsi32, 0, i, single: true, &b) }
    /// fcvt.s.wu.
    static func transFcvtSWu(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { intToF(.fcvtsi32, 1, i, single: true, &b) }
    /// fcvt.s.l.
    static func transFcvtSL(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { intToF(.fcvtsi32, 2, i, single: true, &b) }
    /// fcvt.s.lu.
    static func transFcvtSLu(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { intToF(.fcvtsi32, 3, i, single: true, &b) }
    /// fmv.x.w (11.7): rd = sext32(fs1 bits), no NaN-box check.
    static func transFmvXW(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step {
        b.emit(.sext32, d: i.xd, a: i.f1)
        return .next
    }
    /// fmv.w.x (11.7): fd = NaN-boxed low 32 bits of rs1 (the `ori` sets the upper half).
    static func transFmvWX(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step {
        b.emit(.ori, d: i.fd, a: i.x1, imm: nanBox)
        return .next
    }

    // 11.8 Compare, 11.9 classify, single precision.
    /// feq.s (quiet).
    static func transFeqS(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { fCompare(.feq32, i, single: true, &b) }
    /// flt.s (signaling).
    static func transFltS(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { fCompare(.flt32, i, single: true, &b) }
    /// fle.s (signaling).
    static func transFleS(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { fCompare(.fle32, i, single: true, &b) }
    /// fclass.s.
    static func transFclassS(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step {
        b.emit(.fclass32, d: i.xd, a: i.f1, imm: fixedMode(single: true))
        return .next
    }

    // Chapter 12, double precision.
    /// fmadd.d.
    static func transFmaddD(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { fFused(.fmadd64, i, single: false, &b) }
    /// fmsub.d.
    static func transFmsubD(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { fFused(.fmsub64, i, single: false, &b) }
    /// fnmsub.d.
    static func transFnmsubD(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { fFused(.fnmsub64, i, single: false, &b) }
    /// fnmadd.d.
    static func transFnmaddD(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { fFused(.fnmadd64, i, single: false, &b) }
    /// fadd.d.
    static func transFaddD(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { fArith(.fadd64, i, single: false, &b) }
    /// fsub.d.
    static func transFsubD(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { fArith(.fsub64, i, single: false, &b) }
    /// fmul.d.
    static func transFmulD(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { fArith(.fmul64, i, single: false, &b) }
    /// fdiv.d.
    static func transFdivD(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { fArith(.fdiv64, i, single: false, &b) }
    /// fsqrt.d.
    static func transFsqrtD(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { fUnary(.fsqrt64, i, single: false, &b) }
    /// fsgnj.d.
    static func transFsgnjD(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { fPlain(.fsgnj64, i, single: false, &b) }
    /// fsgnjn.d.
    static func transFsgnjnD(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { fPlain(.fsgnjn64, i, single: false, &b) }
    /// fsgnjx.d.
    static func transFsgnjxD(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { fPlain(.fsgnjx64, i, single: false, &b) }
    /// fmin.d.
    static func transFminD(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { fPlain(.fmin64, i, single: false, &b) }
    /// fmax.d.
    static func transFmaxD(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { fPlain(.fmax64, i, single: false, &b) }
    /// fcvt.s.d (12.5): rounds to binary32, boxed result (mode nanBoxed).
    static func transFcvtSD(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { fUnary(.fcvt64to32, i, single: true, &b) }
    /// fcvt.d.s (12.5): exact; the binary32 input is unboxed (mode nanBoxed).
    static func transFcvtDS(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { fUnary(.fcvt32to64, i, single: true, &b) }
    /// feq.d.
    static func transFeqD(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { fCompare(.feq64, i, single: false, &b) }
    /// flt.d.
    static func transFltD(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { fCompare(.flt64, i, single: false, &b) }
    /// fle.d.
    static func transFleD(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { fCompare(.fle64, i, single: false, &b) }
    /// fclass.d.
    static func transFclassD(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step {
        b.emit(.fclass64, d: i.xd, a: i.f1, imm: fixedMode(single: false))
        return .next
    }
    /// fcvt.w.d.
    static func transFcvtWD(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { fToInt(.fcvt64toi, 0, i, single: false, &b) }
    /// fcvt.wu.d.
    static func transFcvtWuD(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { fToInt(.fcvt64toi, 1, i, single: false, &b) }
    /// fcvt.l.d.
    static func transFcvtLD(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { fToInt(.fcvt64toi, 2, i, single: false, &b) }
    /// fcvt.lu.d.
    static func transFcvtLuD(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { fToInt(.fcvt64toi, 3, i, single: false, &b) }
    /// fcvt.d.w.
    static func transFcvtDW(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { intToF(.fcvtsi64, 0, i, single: false, &b) }
    /// fcvt.d.wu.
    static func transFcvtDWu(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { intToF(.fcvtsi64, 1, i, single: false, &b) }
    /// fcvt.d.l.
    static func transFcvtDL(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { intToF(.fcvtsi64, 2, i, single: false, &b) }
    /// fcvt.d.lu.
    static func transFcvtDLu(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { intToF(.fcvtsi64, 3, i, single: false, &b) }
    /// fmv.x.d (12.5): raw bits.
    static func transFmvXD(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step {
        b.emit(.mov, d: i.xd, a: i.f1)
        return .next
    }
    /// fmv.d.x (12.5): raw bits.
    static func transFmvDX(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step {
        b.emit(.mov, d: i.fd, a: i.x1)
        return .next
    }
}
