/// An SSE register xmm0–xmm15, numbered as in the encoding (xmm8–15 set REX.R/B).
public enum X86XMM: UInt8, Sendable, CaseIterable {
    case xmm0 = 0, xmm1, xmm2, xmm3, xmm4, xmm5, xmm6, xmm7, xmm8, xmm9, xmm10, xmm11, xmm12, xmm13, xmm14, xmm15

    /// The same number as an r/m register operand (ModRM and REX bits are identical).
    @inlinable var asRM: X86Operand { .reg(X86Reg(rawValue: rawValue)!) }
}

/// Scalar SSE/SSE2 arithmetic (SDM vol. 2: ADDSD, SUBSD, MULSD, DIVSD, SQRTSD and the SS forms);
/// the raw value is the second opcode byte after 0x0F.
public enum X86SSEArith: UInt8, Sendable {
    case add = 0x58, mul = 0x59, sub = 0x5c, div = 0x5e, sqrt = 0x51
}

/// Scalar SSE/SSE2 encodings used by the F-op lowering (SDM vol. 2). `double` selects the
/// binary64 form (prefix F2 or 66) over the binary32 one (F3 or none).
extension X86Assembler {
    /// `movq xmm, r64` (66 REX.W 0F 6E /r).
    public mutating func movq(_ dst: X86XMM, _ src: X86Reg) {
        emit(prefix: 0x66, width: .b64, opcode: 0x0f6e, reg: dst.rawValue, rm: .reg(src))
    }

    /// `movq r64, xmm` (66 REX.W 0F 7E /r).
    public mutating func movq(_ dst: X86Reg, _ src: X86XMM) {
        emit(prefix: 0x66, width: .b64, opcode: 0x0f7e, reg: src.rawValue, rm: .reg(dst))
    }

    /// `movsd xmm, m64` / `movss xmm, m32` (F2/F3 0F 10 /r).
    public mutating func movs(double: Bool, _ dst: X86XMM, _ src: X86Mem) {
        emit(prefix: double ? 0xf2 : 0xf3, width: .b32, opcode: 0x0f10, reg: dst.rawValue, rm: .mem(src))
    }

    /// `movsd m64, xmm` / `movss m32, xmm` (F2/F3 0F 11 /r).
    public mutating func movs(double: Bool, _ dst: X86Mem, _ src: X86XMM) {
        emit(prefix: double ? 0xf2 : 0xf3, width: .b32, opcode: 0x0f11, reg: src.rawValue, rm: .mem(dst))
    }

    /// `addsd/subsd/mulsd/divsd/sqrtsd dst, src` or the `ss` forms (F2/F3 0F op /r).
    public mutating func sse(_ op: X86SSEArith, double: Bool, _ dst: X86XMM, _ src: X86XMM) {
        emit(prefix: double ? 0xf2 : 0xf3, width: .b32, opcode: 0x0f00 | UInt32(op.rawValue), reg: dst.rawValue, rm: src.asRM)
    }

    /// `ucomisd a, b` / `ucomiss a, b` (66 0F 2E / 0F 2E): quiet compare, IE only for a signaling NaN.
    public mutating func ucomis(double: Bool, _ a: X86XMM, _ b: X86XMM) {
        emit(prefix: double ? 0x66 : 0, width: .b32, opcode: 0x0f2e, reg: a.rawValue, rm: b.asRM)
    }

    /// `comisd a, b` / `comiss a, b` (66 0F 2F / 0F 2F): signaling compare, IE for any NaN.
    public mutating func comis(double: Bool, _ a: X86XMM, _ b: X86XMM) {
        emit(prefix: double ? 0x66 : 0, width: .b32, opcode: 0x0f2f, reg: a.rawValue, rm: b.asRM)
    }

    /// `cvtss2sd dst, src` (F3 0F 5A, `double` = false: binary32 source) or `cvtsd2ss` (F2 0F 5A).
    public mutating func cvtFloat(fromDouble: Bool, _ dst: X86XMM, _ src: X86XMM) {
        emit(prefix: fromDouble ? 0xf2 : 0xf3, width: .b32, opcode: 0x0f5a, reg: dst.rawValue, rm: src.asRM)
    }

    /// `cvtsi2sd/cvtsi2ss xmm, r32/r64` (F2/F3 [REX.W] 0F 2A /r), rounded by MXCSR.
    public mutating func cvtsi2s(double: Bool, _ width: X86Width, _ dst: X86XMM, _ src: X86Reg) {
        emit(prefix: double ? 0xf2 : 0xf3, width: width, opcode: 0x0f2a, reg: dst.rawValue, rm: .reg(src))
    }

    /// `cvtsd2si/cvtss2si r32/r64, xmm` (0F 2D, MXCSR rounding) or, with `truncate`,
    /// `cvttsd2si/cvttss2si` (0F 2C, toward zero). NaN and overflow give the integer indefinite
    /// value (only the sign bit set) and IE.
    public mutating func cvts2si(double: Bool, truncate: Bool, _ width: X86Width, _ dst: X86Reg, _ src: X86XMM) {
        emit(prefix: double ? 0xf2 : 0xf3, width: width, opcode: truncate ? 0x0f2c : 0x0f2d, reg: dst.rawValue, rm: src.asRM)
    }

    /// `xorps dst, src` (0F 57 /r): zeroes a register without a dependency when dst == src.
    public mutating func xorps(_ dst: X86XMM, _ src: X86XMM) {
        emit(width: .b32, opcode: 0x0f57, reg: dst.rawValue, rm: src.asRM)
    }

    /// `movaps dst, src` (0F 28 /r): a whole-register copy (usually eliminated at rename).
    public mutating func movaps(_ dst: X86XMM, _ src: X86XMM) {
        emit(width: .b32, opcode: 0x0f28, reg: dst.rawValue, rm: src.asRM)
    }

    /// `andpd/orpd/xorpd dst, src` (66 0F 54 / 56 / 57 /r).
    public mutating func logicalPD(_ op: X86ALUOp, _ dst: X86XMM, _ src: X86XMM) {
        let code: UInt32 = op == .and ? 0x0f54 : op == .or ? 0x0f56 : 0x0f57
        emit(prefix: 0x66, width: .b32, opcode: code, reg: dst.rawValue, rm: src.asRM)
    }

    /// `pcmpeqd dst, src` (66 0F 76 /r): with dst == src, all ones without a constant.
    public mutating func pcmpeqd(_ dst: X86XMM, _ src: X86XMM) {
        emit(prefix: 0x66, width: .b32, opcode: 0x0f76, reg: dst.rawValue, rm: src.asRM)
    }

    /// `psllq xmm, imm8` (66 0F 73 /6 ib) or, with `right`, `psrlq xmm, imm8` (66 0F 73 /2 ib):
    /// each 64-bit lane shifted, zeroes shifted in.
    public mutating func shiftQuadwords(right: Bool, _ x: X86XMM, _ count: UInt8) {
        emit(prefix: 0x66, width: .b32, opcode: 0x0f73, reg: right ? 2 : 6, rm: x.asRM)
        byte(count)
    }

    /// `x` = the binary64 canonical NaN 0x7FF8000000000000 from registers alone (all ones, `<< 52`,
    /// `>> 1`), so no general register or memory constant is needed.
    public mutating func canonicalNaN64(_ x: X86XMM) {
        pcmpeqd(x, x)
        shiftQuadwords(right: false, x, 52)
        shiftQuadwords(right: true, x, 1)
    }

    /// `stmxcsr m32` (0F AE /3).
    public mutating func stmxcsr(_ mem: X86Mem) { emit(width: .b32, opcode: 0x0fae, reg: 3, rm: .mem(mem)) }

    /// `ldmxcsr m32` (0F AE /2).
    public mutating func ldmxcsr(_ mem: X86Mem) { emit(width: .b32, opcode: 0x0fae, reg: 2, rm: .mem(mem)) }

    /// `vfmadd231sd/ss dst, a, b`: dst = a * b + dst with one rounding (VEX.LIG.66.0F38.W1/W0 B9 /r,
    /// FMA3; SDM vol. 2 VFMADD231SD). Needs a host with FMA3 and OS-enabled AVX state.
    public mutating func vfmadd231(double: Bool, _ dst: X86XMM, _ a: X86XMM, _ b: X86XMM) {
        byte(0xc4)
        // R̄ X̄ B̄ (inverted REX bits) and map 0F38 (00010).
        let r: UInt8 = (dst.rawValue >> 3) & 1 == 0 ? 0x80 : 0
        let bb: UInt8 = (b.rawValue >> 3) & 1 == 0 ? 0x20 : 0
        byte(r | 0x40 | bb | 0x02)
        // W, v̄v̄v̄v̄ (inverted a), L = 0, pp = 01 (66).
        byte((double ? 0x80 : 0) | ((~a.rawValue & 15) << 3) | 0x01)
        byte(0xb9)
        byte(0xc0 | (dst.rawValue & 7) << 3 | (b.rawValue & 7))
    }
}
