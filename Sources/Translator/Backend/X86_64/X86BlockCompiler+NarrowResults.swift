/// 32-bit results left unextended in their cache registers until something needs all 64 bits
/// (docs/jit.md, "Narrow results").
///
/// RV64's 32-bit ops (`addw`, `slliw`, ...) sign-extend their results, which costs x86 a
/// `movsxd` after the 32-bit op: one more cycle on every dependency chain through them (sha256's
/// round is such chains of `addw` and shifts). Instead, a 32-bit op whose destination has a
/// cache register leaves only the low 32 bits right there and marks the entry *narrow*: the
/// guest value is the sign extension of the register's low half. Ops that read only the low 32
/// bits of an operand (32-bit arithmetic and shifts; `and`/`or`/`xor`, `andi`/`ori`/`xori` and
/// `mov` of values known sign-extended, whose results are then narrow when an input was) take it
/// as it is. Before any other op reads a narrow slot, before any op that may leave the block or
/// call a helper (every exit and write-back then sees wide values), and when its range ends, one
/// `movsxd reg, reg32` in place makes it wide again. The state follows the code in emission
/// order: a one-block loop's back edge is a branch, so nothing is narrow at the loop top.
extension X86BlockCompiler {
    /// Whether `op` may leave the block or call a helper (everything narrow is widened first).
    private func mayLeave(_ op: IROp) -> Bool { !op.opcode.flags.isEmpty || isOpaque(op) }

    /// Which of `op`'s sources (a, b) it may read narrow, and whether its result is then narrow
    /// when one of them was (false: the op reads only low halves but writes a full value, or
    /// is a 32-bit producer, which marks its result itself in `signExtend32`).
    private func narrowReads(_ op: IROp) -> (a: Bool, b: Bool, propagates: Bool) {
        switch op.opcode {
        case .add32, .sub32, .mul32: return (true, true, false)
        case .add32i where op.imm != 0: return (true, false, false)
        case .add32i, .sext32:
            // sext.w: a move of a value known sign-extended, else one movsxd of the low half.
            return (true, false, signExtended.contains(op.a))
        case .shl32i, .sar32i, .ror32i, .shr32i: return (true, false, false)
        case .and, .or, .xor:
            let both = signExtended.contains(op.a) && signExtended.contains(op.b)
            return (both, both, both)
        case .andi where op.imm >= 0 && op.imm <= Int64(Int32.max):
            return (true, false, false)  // the upper half of the result is zero
        case .ori, .xori:
            let ok = signExtended.contains(op.a) && Int64(Int32(truncatingIfNeeded: op.imm)) == op.imm
            return (ok, false, ok)
        case .mov: return (true, false, true)
        default: return (false, false, false)
        }
    }

    /// Before lowering `op`: widens what it needs wide, and returns whether its result is
    /// narrow because a narrow input passes through (`finishNarrow`).
    mutating func prepareNarrow(_ op: IROp) -> Bool {
        guard cache.narrowCount > 0 else { return false }
        if mayLeave(op) { widenAll(); return false }
        let (s0, s1, s2, d) = Self.slotUse(op)
        var reads = narrowReads(op)
        // A result that passes a narrow input through must land in a cache register.
        if reads.propagates && (d < 16 || cachedRegisterForWrite(d) == nil || cache.opaque) { reads = (false, false, false) }
        var narrowInput = false
        for (s, ok) in [(s0, reads.a), (s1, reads.b), (s2, false)] where s >= 16 {
            guard isNarrow(s) else { continue }
            if ok { narrowInput = true } else { widen(s) }
        }
        return narrowInput && reads.propagates
    }

    /// Before a fused group of ops: every source wide (the fused lowerings read full values).
    mutating func widenSources(of op: IROp) {
        guard cache.narrowCount > 0 else { return }
        if mayLeave(op) { widenAll(); return }
        let (s0, s1, s2, _) = Self.slotUse(op)
        for s in [s0, s1, s2] where s >= 16 { widen(s) }
    }

    /// After lowering an op for which `prepareNarrow` returned true: its result is narrow.
    mutating func finishNarrow(_ op: IROp) {
        let d = Self.slotUse(op).3
        guard d >= 16, let e = cache.entry(d), cache.valid[e] else { return }
        setNarrow(e, true)
    }

    /// Whether slot `s`'s cache register holds only its low 32 bits.
    func isNarrow(_ s: UInt16) -> Bool {
        guard let e = cache.entry(s) else { return false }
        return cache.narrow[e]
    }

    mutating func setNarrow(_ e: Int, _ value: Bool) {
        if cache.narrow[e] != value { cache.narrowCount += value ? 1 : -1 }
        cache.narrow[e] = value
    }

    /// `movsxd reg, reg32` for a narrow slot.
    mutating func widen(_ s: UInt16) {
        guard let e = cache.entry(s), cache.narrow[e] else { return }
        widenEntry(e)
    }

    mutating func widenEntry(_ e: Int) {
        let r = cache.entries[e].reg
        asm.movsx(.b32, r, .reg(r))
        setNarrow(e, false)
    }

    /// Every narrow slot wide again.
    mutating func widenAll() {
        guard cache.narrowCount > 0 else { return }
        for e in cache.entries.indices where cache.narrow[e] { widenEntry(e) }
    }
}
