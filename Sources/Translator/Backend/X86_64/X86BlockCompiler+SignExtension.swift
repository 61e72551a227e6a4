/// Which slots are known to hold the sign extension of their low 32 bits, so that RV64's
/// `sext.w` (`add32i d, a, 0`) and `sext32` of such a slot compile to a move or to nothing.
/// RV64 code sign-extends after nearly every 32-bit operation (crc32's loop-carried `xor` then
/// `sext.w`), though the operands were sign-extended already.
///
/// The facts are gathered in one pass over the block: a fact about slot s at op i comes from
/// the last write to s among ops 0..<i, and every path to op i runs through ops 0..<i (the
/// block is entered at op 0 only; a one-block loop's back edge returns to op 0, where nothing is
/// known; side exits leave; slow paths rejoin after their own op with the op's result). So a
/// fact holds whenever op i runs.
struct SignExtendedSlots {
    /// One bit per slot 0..<256 (a slot beyond is never known).
    private var words = SIMD4<UInt64>()

    /// Whether slot `s` is known sign-extended (slot 0 reads as zero: always).
    func contains(_ s: UInt16) -> Bool {
        if s == IRSlot.zero { return true }
        return s < 256 && words[Int(s >> 6)] & (1 << UInt64(s & 63)) != 0
    }

    /// Records whether slot `s` is sign-extended now.
    mutating func set(_ s: UInt16, _ known: Bool) {
        guard s < 256 else { return }
        let bit = UInt64(1) << UInt64(s & 63)
        if known { words[Int(s >> 6)] |= bit } else { words[Int(s >> 6)] &= ~bit }
    }

    /// Updates the facts after `op` (which writes at most its `d`).
    mutating func update(after op: IROp) {
        let d = X86BlockCompiler.slotUse(op).3
        guard d != IRSlot.zero else { return }  // no destination (or x0, which stays zero)
        set(d, Self.producesSignExtended(op, self))
    }

    /// Whether `op`'s result is the sign extension of its low 32 bits, given the facts before it.
    static func producesSignExtended(_ op: IROp, _ known: SignExtendedSlots) -> Bool {
        switch op.opcode {
        case .add32, .sub32, .shl32, .shr32, .sar32, .rol32, .ror32, .mul32, .divs32, .divu32,
             .rems32, .remu32, .add32i, .shl32i, .shr32i, .sar32i, .ror32i,
             .sext8, .sext16, .sext32, .zext8, .zext16,
             .clz, .ctz, .popcnt, .clz32, .ctz32, .popcnt32,
             .slts, .sltu, .seteq, .setne, .sltsi, .sltui,
             .ld8u, .ld8s, .ld16u, .ld16s, .ld32s:
            return true
        case .movi:
            return Int64(Int32(truncatingIfNeeded: op.imm)) == op.imm
        case .mov:
            return known.contains(op.a)
        case .and, .or, .xor, .mins, .maxs, .minu, .maxu:
            // Upper halves copies of bit 31 on both sides: the result's are too (or it is one
            // of the operands).
            return known.contains(op.a) && known.contains(op.b)
        case .andi where op.imm >= 0 && op.imm <= Int64(Int32.max):
            return true
        case .andi, .ori, .xori:
            return known.contains(op.a) && Int64(Int32(truncatingIfNeeded: op.imm)) == op.imm
        default:
            return false
        }
    }
}
