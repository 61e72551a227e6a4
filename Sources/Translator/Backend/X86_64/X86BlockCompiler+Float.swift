import CSwiftQemu
import Glibc

/// Lowering of F ops: an inline SSE2 fast path for the common cases, and the interpreter's own
/// `FloatOps` (through `JITHelpers.float`) as the slow path for everything else, chosen at run
/// time per op. docs/jit.md ("Floating point") and docs/floating-point.md explain the design.
///
/// **Flags accrue in MXCSR.** The fast path runs under the host's default MXCSR (RNE, all
/// exceptions masked, no DAZ/FTZ; checked once in `X86FloatLowering.enabled`) and lets the host
/// raise its flags into the MXCSR status bits, which are sticky like fflags. The guest's fflags
/// are then the frame's `fpFlags` OR the RISC-V flags of the status bits (IE→NV, ZE→DZ, OE→OF,
/// UE→UF, PE→NX; DE is dropped). They are folded into `fpFlags` and cleared
/// (`sq_fp_fold_host_flags`) when translated code returns to the engine and before the F helper
/// recomputes an op; inline, they are folded in before an op that reads `fpFlags` and cleared
/// before one that writes it (csrr of fflags/fcsr: `emitFloatFlagsAccess`); the engine clears
/// them before entering translated code. This is exact because for every instruction the fast
/// path executes, the host raises
/// the same flags as RISC-V: IEEE 754 arithmetic, FMA and binary64→binary32 rounding, with
/// tininess detected after rounding on both; quiet compares (`ucomis`) that raise only for
/// signaling NaNs, as feq/flt/fle/fmin/fmax do for the operands that reach them; integer→float
/// rounding; float→integer conversions whose out-of-range inputs raise invalid on both
/// (fcvt.lu's [2^63, 2^64), valid on RISC-V but not for `cvtsd2si`, is tested first and never
/// converted). What the host gets wrong is the result, not the flags: NaN results (RISC-V
/// returns the canonical NaN) and saturating conversions take the slow path, as do improperly
/// NaN-boxed operands and rounding modes other than RNE (or RTZ for float-to-integer). The slow
/// path runs the helper, which recomputes the op from the frame with exact flags; accruing the
/// same flags twice changes nothing. So the semantics is `FloatOps`' by construction.
///
/// An op with a fast path is not opaque: its operands and result may live in cache registers
/// (F registers are 64-bit slots like the others) or, for the whole block, in xmm3-15
/// (`+XMMSlots`), and the fast path uses only rax, rcx, rdx and xmm0-2. Its slow path is out of
/// line (`emitFloatSlowPath`): it writes the op's cached sources to the frame, saves the
/// caller-saved cache registers around the helper call and reloads the result's register. Ops
/// without a fast path stay opaque and call the helper inline.
extension X86BlockCompiler {
    mutating func lowerFloat(_ op: IROp, pointer: UnsafeRawPointer) {
        let invalid = plainStub(raw: UInt32(ExitKind.invalidRoundingMode.rawValue))
        guard let kind = X86FloatLowering.fastKind(of: op) else {
            floatHelper(pointer: pointer, invalid: invalid)
            return
        }
        let slow = asm.newLabel(), done = asm.newLabel()
        stubs.append(.floatSlow(slow, done: done, pointer: pointer, invalid: invalid,
                                sources: floatSlowSources(op), saved: callerSavedCacheRegisters(),
                                destination: cache.entry(op.d).map { cache.entries[$0] }))
        if op.imm & FPMode.roundingMask == FPMode.dynamicRounding && !roundingModeCheckedAtEntry {
            // Dynamic mode: RNE ops need frm == 0; the others only a valid frm (<= 4).
            asm.alu(.cmp, .b64, slot(IRSlot.fpRoundingMode), imm: kind.rounds ? 0 : 4)
            asm.jcc(kind.rounds ? .ne : .a, slow)
        }
        let double = kind.double
        switch op.opcode {
        case .fadd32, .fadd64, .fsub32, .fsub64, .fmul32, .fmul64, .fdiv32, .fdiv64, .fsqrt32, .fsqrt64:
            floatArith(op, double: double, slow: slow)
        case .fmadd32, .fmadd64, .fmsub32, .fmsub64, .fnmadd32, .fnmadd64, .fnmsub32, .fnmsub64:
            floatFusedMultiplyAdd(op, double: double, slow: slow)
        case .fsgnj32, .fsgnj64, .fsgnjn32, .fsgnjn64, .fsgnjx32, .fsgnjx64:
            floatSignInjection(op, double: double, slow: slow)
        case .feq32, .feq64, .flt32, .flt64, .fle32, .fle64:
            floatCompare(op, double: double, slow: slow)
        case .fmin32, .fmin64, .fmax32, .fmax64:
            floatMinMax(op, double: double, slow: slow)
        case .fcvt32to64, .fcvt64to32:
            floatConvertFormat(op, slow: slow)
        case .fcvtsi32, .fcvtsi64:
            floatFromInteger(op, double: double, slow: slow)
        default:
            floatToInteger(op, double: double, truncate: op.imm & FPMode.roundingMask == 1, slow: slow)
        }
        asm.bind(done)
    }

    /// `FloatOps.execute(op, frame)`; leaves with `invalidRoundingMode` when it returns false.
    /// Called directly rather than through `callHelper`: on a conditional slow path a write-back
    /// of other dirty cached slots would happen on one path only while the compiler would then
    /// think them clean on both. The helper reads and writes only the op's own slots (exact in
    /// the frame inside an opaque op, or written there by the slow path) and the never-cached
    /// slots `fpFlags`/`fpRoundingMode`.
    private mutating func floatHelper(pointer: UnsafeRawPointer, invalid: X86Label) {
        callFloatOps(pointer: pointer)
        reloadPinnedAfterCall()
        asm.jcc(.e, invalid)
    }

    /// `call FloatOps.execute(op, frame)` and `test eax, eax` (zero: invalid rounding mode).
    private mutating func callFloatOps(pointer: UnsafeRawPointer) {
        asm.movImm(.rdi, UInt64(UInt(bitPattern: pointer)))
        asm.mov(.rsi, .r15)
        asm.movImm(.rax, UInt64(JITHelpers.float))
        asm.call(.reg(.rax))
        asm.test(.b32, .reg(.rax), .rax)
    }

    /// The cached source slots of `op` whose registers hold their values (the slow path writes
    /// them to the frame for the helper).
    private func floatSlowSources(_ op: IROp) -> [SlotCache.Entry] {
        let (s0, s1, s2, _) = Self.slotUse(op)
        var out: [SlotCache.Entry] = []
        for s in [s0, s1, s2] where s >= 16 {
            guard let e = cache.entry(s), cache.valid[e], !out.contains(where: { $0.slot == s }) else { continue }
            out.append(cache.entries[e])
        }
        return out
    }

    /// The caller-saved registers the slot cache uses in this block (a helper call clobbers them).
    private func callerSavedCacheRegisters() -> [X86Reg] {
        var regs: [X86Reg] = []
        for i in cache.entries.indices where cache.active[i] && !SlotCache.isCalleeSaved(cache.entries[i].reg) && !regs.contains(cache.entries[i].reg) {
            regs.append(cache.entries[i].reg)
        }
        return regs
    }

    /// Out-of-line slow path of a fast-path F op: sources to the frame, the helper with the
    /// caller-saved cache registers preserved, the result's register reloaded, back to `done`.
    mutating func emitFloatSlowPath(pointer: UnsafeRawPointer, invalid: X86Label, sources: [SlotCache.Entry],
                                    saved: [X86Reg], destination: SlotCache.Entry?, done: X86Label) {
        for e in sources { asm.mov(.b64, slot(e.slot), e.reg) }
        spillXMMSlots()
        for r in saved { asm.push(r) }
        let pad = saved.count % 2 == 1
        if pad { asm.alu(.sub, .b64, .reg(.rsp), imm: 8) }  // 16-byte aligned at the call
        callFloatOps(pointer: pointer)
        if pad { asm.lea(.rsp, X86Mem(.rsp, 8)) }  // keeps the flags
        for r in saved.reversed() { asm.pop(r) }
        reloadXMMSlots()  // before the invalid-mode exit too: it writes them back
        asm.jcc(.e, invalid)
        if let d = destination { asm.mov(.b64, d.reg, slot(d.slot)) }
        _ = asm.jmp(done)
    }

    // MARK: checks

    /// Jumps to `slow` unless the upper 32 bits of every register are all ones (NaN-boxed).
    private mutating func requireBoxed(_ regs: [X86Reg], slow: X86Label) {
        asm.mov(.rdx, regs[0])
        for r in regs.dropFirst() { asm.alu(.and, .b64, .rdx, r) }
        asm.shift(.shr, .b64, .reg(.rdx), imm: 32)
        asm.alu(.cmp, .b32, .reg(.rdx), imm: -1)
        asm.jcc(.ne, slow)
    }

    /// Jumps to `slow` when the result in `x` is a NaN (RISC-V returns the canonical NaN; the
    /// host a quietened operand or its own default NaN). `ucomis` of a quiet NaN raises nothing.
    private mutating func requireNotNaN(double: Bool, _ x: X86XMM, slow: X86Label) {
        asm.ucomis(double: double, x, x)
        asm.jcc(.p, slow)
    }

    /// Whether `op` reads, and whether it writes, `fpFlags` as a slot (the IR of csrr on fflags
    /// and fcsr). F ops accrue flags rather than read them (and some carry a type literal in `b`).
    func floatFlagsAccess(_ op: IROp) -> (reads: Bool, writes: Bool) {
        if op.opcode.flags.contains(.floatingPoint) || !X86FloatLowering.enabled { return (false, false) }
        let (s0, s1, s2, d) = Self.slotUse(op)
        return (s0 == IRSlot.fpFlags || s1 == IRSlot.fpFlags || s2 == IRSlot.fpFlags, d == IRSlot.fpFlags)
    }

    /// Before an op that reads and/or writes `fpFlags`: a read needs the flags accrued in MXCSR
    /// folded in (`emitFoldHostFloatFlags`; the status bits may stay, since folding them again
    /// changes nothing); a write must clear them, or they would come back after it: MXCSR is
    /// reloaded with its default (inline F ops exist only under the default control bits,
    /// `X86FloatLowering.enabled`).
    mutating func emitFloatFlagsAccess(reads: Bool, writes: Bool) {
        if reads { emitFoldHostFloatFlags() }
        if writes {
            let scratch = X86Mem(.r15, JITFrame.exitAddress)
            asm.mov(.mem(scratch), imm32: 0x1f80)
            asm.ldmxcsr(scratch)
        }
    }

    /// ORs the RISC-V flags of the MXCSR status bits into `fpFlags` (before an op that reads
    /// it). Uses rax, rcx and the exit-address word of the frame header as scratch (it is only
    /// read after an exit that wrote it).
    mutating func emitFoldHostFloatFlags() {
        let scratch = X86Mem(.r15, JITFrame.exitAddress)
        let done = asm.newLabel()
        asm.stmxcsr(scratch)
        asm.mov(.b32, .rax, .mem(scratch))
        asm.alu(.and, .b32, .reg(.rax), imm: 0x3f)
        asm.jcc(.e, done)
        asm.movImm(.rcx, UInt64(UInt(bitPattern: sq_fp_host_flag_table())))
        asm.movzx(.b8, .rcx, .mem(X86Mem(.rcx, index: .rax)))
        asm.alu(.or, .b64, slot(IRSlot.fpFlags), .rcx)
        asm.bind(done)
    }

    /// `x` = the bits of slot `s` (binary64): from its cache register, the frame, or +0 for x0.
    private mutating func loadDouble(_ x: X86XMM, _ s: UInt16) {
        if s == IRSlot.zero {
            asm.xorps(x, x)
        } else if let xs = xmmRegister(s) {
            asm.movaps(x, xs)
        } else if let r = cachedRegister(s) {
            asm.movq(x, r)
        } else {
            asm.movs(double: true, x, X86Mem(.r15, Int32(s) * 8))
        }
    }

    /// Slot `d` = the 64 bits of `x`, into its cache register or the frame.
    private mutating func storeDouble(_ d: UInt16, _ x: X86XMM) {
        if let xd = xmmRegister(d) {
            asm.movaps(xd, x)
        } else if let r = cachedRegisterForWrite(d) {
            asm.movq(r, x)
            markWritten(d)
        } else {
            asm.movs(double: true, X86Mem(.r15, Int32(d) * 8), x)
        }
    }

    /// rax |= 0xffffffff00000000 (NaN-boxes a binary32 result). Uses rcx.
    private mutating func boxResult() {
        asm.movImm(.rcx, 0xffff_ffff_0000_0000)
        asm.alu(.or, .b64, .rax, .rcx)
    }

    // MARK: op classes

    /// add/sub/mul/div/sqrt. binary32: the destination xmm0 starts as the boxed operand a, and
    /// scalar SSE ops keep bits 32-63, so the result comes out boxed.
    private mutating func floatArith(_ op: IROp, double: Bool, slow: X86Label) {
        let unary = op.opcode == .fsqrt32 || op.opcode == .fsqrt64
        if double && floatArithInXMM(op, unary: unary) { return }
        var source = X86XMM.xmm1
        if double {
            loadDouble(.xmm0, op.a)
            if !unary {
                if let xb = xmmRegister(op.b) { source = xb } else { loadDouble(.xmm1, op.b) }
            }
        } else {
            load(.rax, op.a)
            if !unary { load(.rcx, op.b) }
            requireBoxed(unary ? [.rax] : [.rax, .rcx], slow: slow)
            asm.movq(.xmm0, .rax)
            if !unary { asm.movq(.xmm1, .rcx) }
        }
        asm.sse(Self.sseArith(op.opcode), double: double, .xmm0, unary ? .xmm0 : source)
        storeResult(op.d, .xmm0, double: double, slow: slow)
    }

    /// The SSE operation of an add/sub/mul/div/sqrt F op.
    private static func sseArith(_ opcode: IROpcode) -> X86SSEArith {
        switch opcode {
        case .fadd32, .fadd64: return .add
        case .fsub32, .fsub64: return .sub
        case .fmul32, .fmul64: return .mul
        case .fdiv32, .fdiv64: return .div
        default: return .sqrt
        }
    }

    /// The registers of binary64 arithmetic that `floatArithInXMM` computes in place: the
    /// destination's and the operands' xmm registers, or nil when the op or its shape does not
    /// fit (a guest without canonical NaNs, an operand outside xmm registers, `d = b` of a
    /// non-commutative op).
    func arithInXMM(_ op: IROp) -> (d: X86XMM, a: X86XMM, b: X86XMM)? {
        switch op.opcode {
        case .fadd64, .fsub64, .fmul64, .fdiv64, .fsqrt64: break
        default: return nil
        }
        guard op.imm & FPMode.canonicalNaN != 0, X86FloatLowering.fastKind(of: op) != nil,
              let xd = xmmRegister(op.d), let xa = xmmRegister(op.a) else { return nil }
        let unary = op.opcode == .fsqrt64
        guard let xb = unary ? xa : xmmRegister(op.b) else { return nil }
        let arith = Self.sseArith(op.opcode)
        if !unary && op.b == op.d && op.a != op.d && arith != .add && arith != .mul { return nil }
        return (xd, xa, xb)
    }

    /// binary64 arithmetic whose destination and operands are xmm slots, computed in the
    /// destination's register: `addsd xD, xB` when d is a (or b, for add and mul, which
    /// commute), else `movaps xD, xA` first. Its NaN check is deferred (`+XMMSlots`, "Deferred
    /// NaN checks"): the result is *pending*, and a NaN becomes the canonical NaN out of line,
    /// with no helper, only where something other than such arithmetic reads it or it leaves the
    /// block: the host raised exactly RISC-V's flags for the op (docs/jit.md, "Floating point"),
    /// only the NaN's payload differs. Only for guests whose NaN results are canonical
    /// (`FPMode.canonicalNaN`, riscv64); false when the shape does not fit (the caller then goes
    /// through xmm0 and the helper).
    private mutating func floatArithInXMM(_ op: IROp, unary: Bool) -> Bool {
        guard let (xd, xa, xb) = arithInXMM(op) else { return false }
        let arith = Self.sseArith(op.opcode)
        if unary {
            asm.sse(.sqrt, double: true, xd, xa)
        } else if op.a == op.d {
            asm.sse(arith, double: true, xd, xb)
        } else if op.b == op.d {
            asm.sse(arith, double: true, xd, xa)
        } else {
            asm.movaps(xd, xa)
            asm.sse(arith, double: true, xd, xb)
        }
        xmmSlots.deferredByCurrentOp = true
        return true
    }

    /// The result in `x`: the helper when it is a NaN (for the canonical NaN), else into slot
    /// `d` (binary64 straight from xmm; binary32, already boxed, through rax).
    private mutating func storeResult(_ d: UInt16, _ x: X86XMM, double: Bool, slow: X86Label) {
        requireNotNaN(double: double, x, slow: slow)
        if double {
            storeDouble(d, x)
        } else {
            asm.movq(.rax, x)
            store(d, .rax)
        }
    }

    /// fmadd/fmsub/fnmadd/fnmsub as one FMA3 `c' = a' * b + c'` with the signs of a and c flipped
    /// (a NaN operand gives a NaN result, which the slow path redoes, so flipping NaNs is harmless).
    private mutating func floatFusedMultiplyAdd(_ op: IROp, double: Bool, slow: X86Label) {
        let negateProduct: Bool, negateAddend: Bool
        switch op.opcode {
        case .fmsub32, .fmsub64: (negateProduct, negateAddend) = (false, true)
        case .fnmadd32, .fnmadd64: (negateProduct, negateAddend) = (true, true)
        case .fnmsub32, .fnmsub64: (negateProduct, negateAddend) = (true, false)
        default: (negateProduct, negateAddend) = (false, false)
        }
        let sign: UInt64 = double ? 0x8000_0000_0000_0000 : 0x8000_0000
        if double && !negateProduct && !negateAddend {
            loadDouble(.xmm0, op.a)
            loadDouble(.xmm1, op.b)
            loadDouble(.xmm2, op.cSlot)
            asm.vfmadd231(double: true, .xmm2, .xmm0, .xmm1)
            storeResult(op.d, .xmm2, double: true, slow: slow)
            return
        }
        load(.rax, op.a)
        load(.rcx, op.b)
        if !double { requireBoxed([.rax, .rcx], slow: slow) }
        if negateProduct {
            asm.movImm(.rdx, sign)
            asm.alu(.xor, .b64, .rax, .rdx)
        }
        asm.movq(.xmm0, .rax)
        asm.movq(.xmm1, .rcx)
        load(.rax, op.cSlot)
        if !double { requireBoxed([.rax], slow: slow) }
        if negateAddend {
            asm.movImm(.rdx, sign)
            asm.alu(.xor, .b64, .rax, .rdx)
        }
        asm.movq(.xmm2, .rax)
        asm.vfmadd231(double: double, .xmm2, .xmm0, .xmm1)
        storeResult(op.d, .xmm2, double: double, slow: slow)
    }

    /// fsgnj/fsgnjn/fsgnjx: bit operations on the sign, no flags.
    private mutating func floatSignInjection(_ op: IROp, double: Bool, slow: X86Label) {
        load(.rax, op.a)
        load(.rcx, op.b)
        if !double { requireBoxed([.rax, .rcx], slow: slow) }
        asm.mov(.rdx, .rcx)
        switch op.opcode {
        case .fsgnj32, .fsgnj64: asm.alu(.xor, .b64, .rdx, .rax)
        case .fsgnjn32, .fsgnjn64: asm.alu(.xor, .b64, .rdx, .rax); asm.not(.b64, .reg(.rdx))
        default: break
        }
        // rdx = the sign bit to flip in a.
        if double {
            asm.shift(.shr, .b64, .reg(.rdx), imm: 63)
            asm.shift(.shl, .b64, .reg(.rdx), imm: 63)
        } else {
            asm.alu(.and, .b32, .reg(.rdx), imm: Int32(bitPattern: 0x8000_0000))
        }
        asm.alu(.xor, .b64, .rax, .rdx)
        store(op.d, .rax)
    }

    /// feq (quiet), flt/fle (signaling): ordered operands raise nothing; NaNs take the slow path.
    private mutating func floatCompare(_ op: IROp, double: Bool, slow: X86Label) {
        load(.rax, op.a)
        load(.rcx, op.b)
        if !double { requireBoxed([.rax, .rcx], slow: slow) }
        asm.movq(.xmm0, .rax)
        asm.movq(.xmm1, .rcx)
        asm.ucomis(double: double, .xmm0, .xmm1)
        asm.jcc(.p, slow)
        let cond: X86Cond
        switch op.opcode {
        case .feq32, .feq64: cond = .e
        case .flt32, .flt64: cond = .b
        default: cond = .be
        }
        asm.setcc(cond, .reg(.rax))
        asm.movzx(.b8, .rax, .reg(.rax))
        store(op.d, .rax)
    }

    /// fmin/fmax of ordered operands: the smaller/larger, or for equal ones `a | b` / `a & b`
    /// (orders -0 < +0); NaNs take the slow path.
    private mutating func floatMinMax(_ op: IROp, double: Bool, slow: X86Label) {
        let isMax = op.opcode == .fmax32 || op.opcode == .fmax64
        load(.rax, op.a)
        load(.rcx, op.b)
        if !double { requireBoxed([.rax, .rcx], slow: slow) }
        asm.mov(.rdx, .rax)
        asm.alu(isMax ? .and : .or, .b64, .rdx, .rcx)
        asm.movq(.xmm0, .rax)
        asm.movq(.xmm1, .rcx)
        asm.ucomis(double: double, .xmm0, .xmm1)
        asm.jcc(.p, slow)
        // max: a > b ? a : b; min: a < b ? a : b; equal: a & b / a | b (flags kept by cmov).
        asm.cmov(isMax ? .be : .ae, .b64, .rax, .reg(.rcx))
        asm.cmov(.e, .b64, .rax, .reg(.rdx))
        store(op.d, .rax)
    }

    /// fcvt32to64 (exact: nothing but NaN inputs raises) and fcvt64to32 (rounds).
    private mutating func floatConvertFormat(_ op: IROp, slow: X86Label) {
        load(.rax, op.a)
        if op.opcode == .fcvt32to64 {
            requireBoxed([.rax], slow: slow)
            asm.movq(.xmm0, .rax)
            asm.ucomis(double: false, .xmm0, .xmm0)
            asm.jcc(.p, slow)
            asm.cvtFloat(fromDouble: false, .xmm0, .xmm0)
            asm.movq(.rax, .xmm0)
        } else {
            asm.movq(.xmm0, .rax)
            asm.xorps(.xmm1, .xmm1)
            asm.cvtFloat(fromDouble: true, .xmm1, .xmm0)
            requireNotNaN(double: false, .xmm1, slow: slow)
            asm.movq(.rax, .xmm1)
            boxResult()
        }
        store(op.d, .rax)
    }

    /// fcvtsi32/64: integer (type literal in op.b) to float, rounded by MXCSR (RNE). Results are
    /// never NaN, infinite or tiny; a 32-bit integer converts to binary64 exactly.
    private mutating func floatFromInteger(_ op: IROp, double: Bool, slow: X86Label) {
        let type = op.b & 3
        load(.rax, op.a)
        asm.xorps(.xmm0, .xmm0)
        switch type {
        case 0: asm.cvtsi2s(double: double, .b32, .xmm0, .rax)
        case 1:
            asm.mov(.b32, .rax, .reg(.rax))  // zero-extend the u32
            asm.cvtsi2s(double: double, .b64, .xmm0, .rax)
        case 2: asm.cvtsi2s(double: double, .b64, .xmm0, .rax)
        default:
            asm.test(.b64, .reg(.rax), .rax)
            asm.jcc(.s, slow)  // u64 >= 2^63
            asm.cvtsi2s(double: double, .b64, .xmm0, .rax)
        }
        asm.movq(.rax, .xmm0)
        if !double { boxResult() }
        store(op.d, .rax)
    }

    /// Jumps to `slow` unless 0 <= xmm0 <= M (no NaN), without raising anything but IE for a
    /// signaling NaN: M = 2^32 - 1 (binary64) or the largest binary32 below 2^32 when `max32`,
    /// else the largest value below 2^63. Every such value converts in range. Uses rcx, xmm1.
    private mutating func requireUnsignedRange(double: Bool, max32: Bool, slow: X86Label) {
        asm.xorps(.xmm1, .xmm1)
        asm.ucomis(double: double, .xmm0, .xmm1)
        asm.jcc(.b, slow)  // negative or unordered (CF set)
        let max: UInt64
        switch (double, max32) {
        case (true, true): max = 0x41ef_ffff_ffe0_0000   // 4294967295.0
        case (false, true): max = 0x4f7f_ffff           // 4294967040.0
        case (true, false): max = 0x43df_ffff_ffff_ffff  // 2^63 - 1024
        case (false, false): max = 0x5eff_ffff          // 2^63 - 2^39
        }
        asm.movImm(.rcx, max)
        asm.movq(.xmm1, .rcx)
        asm.ucomis(double: double, .xmm0, .xmm1)
        asm.jcc(.a, slow)
    }

    /// fcvt32toi/64toi: float to integer (type literal in op.b) by `cvt(t)s*2si`. Signed: NaN and
    /// out-of-range inputs give the x86 indefinite value (raising IE only, like RISC-V's NV) and
    /// take the slow path, which saturates. Unsigned: the range is checked before converting.
    /// An inexact conversion raises PE (NX) on the host.
    private mutating func floatToInteger(_ op: IROp, double: Bool, truncate: Bool, slow: X86Label) {
        let type = op.b & 3
        load(.rax, op.a)
        if !double { requireBoxed([.rax], slow: slow) }
        asm.movq(.xmm0, .rax)
        switch type {
        case 0:
            asm.cvts2si(double: double, truncate: truncate, .b32, .rax, .xmm0)
            asm.alu(.cmp, .b32, .reg(.rax), imm: 1)
            asm.jcc(.o, slow)  // 0x80000000: indefinite (or the exact minimum, rare)
            asm.movsx(.b32, .rax, .reg(.rax))
        case 2:
            asm.cvts2si(double: double, truncate: truncate, .b64, .rax, .xmm0)
            asm.alu(.cmp, .b64, .reg(.rax), imm: 1)
            asm.jcc(.o, slow)
        default:
            // Unsigned: only 0 <= x <= the largest value below the range's end that converts
            // exactly. The host's signed conversion would raise PE for a negative non-integer
            // and IE for [2^63, 2^64), where RISC-V raises only NV, or nothing.
            requireUnsignedRange(double: double, max32: type == 1, slow: slow)
            asm.cvts2si(double: double, truncate: truncate, .b64, .rax, .xmm0)
        }
        if type == 1 { asm.movsx(.b32, .rax, .reg(.rax)) }  // RV64: 32-bit results sign-extended
        store(op.d, .rax)
    }
}

/// Which F ops have an inline fast path, decided per op at compile time.
enum X86FloatLowering {
    /// Inline SSE is used when the host MXCSR has its default control bits (RNE, every exception
    /// masked, DAZ/FTZ off) and `SWIFT_QEMU_JIT_FP=helper` is not set (every F op then calls
    /// the helper, as JIT v1 did).
    static let enabled: Bool = {
        if let v = getenv("SWIFT_QEMU_JIT_FP"), String(cString: v) == "helper" { return false }
        return sq_fp_host_mxcsr() & 0xffc0 == 0x1f80
    }()

    /// The op's fast-path kind when inline SSE is enabled, else nil (the op then calls the
    /// helper inline and is opaque, `X86BlockCompiler.isOpaque`).
    static func fastKind(of op: IROp) -> Kind? {
        enabled ? kind(of: op) : nil
    }

    /// Host FMA3 (the fused multiply-adds need it inline).
    static let fma: Bool = sq_fp_host_has_fma() != 0

    /// An op with a fast path: whether it is binary64 (for conversions: the float side) and
    /// whether its fast path needs RNE.
    struct Kind {
        var double: Bool
        var rounds: Bool
    }

    /// The op's fast-path kind, or nil when it always calls the helper (reserved static modes,
    /// a non-RNE static mode for a rounding op, binary32 without NaN-boxing, fclass, FMA
    /// without FMA3).
    static func kind(of op: IROp) -> Kind? {
        let rm = op.imm & FPMode.roundingMask
        if rm == 5 || rm == 6 { return nil }
        if op.imm & FPMode.nanBoxed == 0 {
            switch op.opcode {
            case .fadd64, .fsub64, .fmul64, .fdiv64, .fsqrt64, .fmadd64, .fmsub64, .fnmadd64, .fnmsub64,
                 .fsgnj64, .fsgnjn64, .fsgnjx64, .feq64, .flt64, .fle64, .fmin64, .fmax64, .fcvt64toi: break
            default: return nil
            }
        }
        let kind: Kind
        switch op.opcode {
        case .fadd32, .fsub32, .fmul32, .fdiv32, .fsqrt32: kind = Kind(double: false, rounds: true)
        case .fadd64, .fsub64, .fmul64, .fdiv64, .fsqrt64: kind = Kind(double: true, rounds: true)
        case .fmadd32, .fmsub32, .fnmadd32, .fnmsub32:
            guard fma else { return nil }
            kind = Kind(double: false, rounds: true)
        case .fmadd64, .fmsub64, .fnmadd64, .fnmsub64:
            guard fma else { return nil }
            kind = Kind(double: true, rounds: true)
        case .fsgnj32, .fsgnjn32, .fsgnjx32, .feq32, .flt32, .fle32, .fmin32, .fmax32:
            kind = Kind(double: false, rounds: false)
        case .fsgnj64, .fsgnjn64, .fsgnjx64, .feq64, .flt64, .fle64, .fmin64, .fmax64:
            kind = Kind(double: true, rounds: false)
        case .fcvt32to64: kind = Kind(double: false, rounds: false)
        case .fcvt64to32: kind = Kind(double: true, rounds: true)
        case .fcvtsi32: kind = Kind(double: false, rounds: true)
        case .fcvtsi64: kind = Kind(double: true, rounds: true)
        case .fcvt32toi, .fcvt64toi:
            // RNE (cvtsd2si under MXCSR) or static RTZ (cvttsd2si); dynamic needs frm == 0.
            if rm == 1 { return Kind(double: op.opcode == .fcvt64toi, rounds: false) }
            kind = Kind(double: op.opcode == .fcvt64toi, rounds: true)
        default: return nil
        }
        if kind.rounds && rm != 0 && rm != FPMode.dynamicRounding { return nil }
        return kind
    }
}

extension X86BlockCompiler {
    /// Whether the block should test the dynamic rounding mode once at its entry: it has
    /// dynamic-mode F ops with a fast path (two or more, or one in a one-block loop, where it
    /// repeats) and nothing in it writes `frm`. When `frm` is not 0 there, the block leaves
    /// before anything runs (`interpretBlock`) and the engine interprets it: a program running
    /// in another mode runs such blocks in the interpreter.
    func checksRoundingModeAtEntry(loopsToItself: Bool) -> Bool {
        let b = block.pointee
        var dynamicOps = 0
        for i in 0..<Int(b.opCount) {
            let op = b.ops[i]
            if Self.slotUse(op).3 == IRSlot.fpRoundingMode { return false }
            if op.opcode.flags.contains(.floatingPoint), op.imm & FPMode.roundingMask == FPMode.dynamicRounding,
               X86FloatLowering.fastKind(of: op) != nil {
                dynamicOps += 1
            }
            if op.opcode.flags.contains(.endsBlock) { break }
        }
        return dynamicOps >= (loopsToItself ? 1 : 2)
    }
}
