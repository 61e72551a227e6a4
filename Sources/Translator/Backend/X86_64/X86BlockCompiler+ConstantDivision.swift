/// Signed division and remainder by a divisor the block itself set with `movi` (gcc for riscv64
/// writes `li a5, 26; rem a5, s3, a5` for `x % 26`): a multiplication by a "magic" reciprocal and
/// shifts instead of `idiv`, whose latency on x86-64 hosts is tens of cycles (docs/jit.md,
/// "Division by a constant"). The method is Granlund and Montgomery's, with the magic numbers
/// of Hacker's Delight (2nd ed., section 10-4): for a W-bit divisor d with 2 <= |d| and |d| not
/// a power of two,
///
///     q = mulhs(M, n) [+ n when d > 0 and M < 0] [- n when d < 0 and M > 0]
///     q = (q >> s) + (q >>> (W - 1))       (arithmetic shift, then 1 added when q < 0)
///     r = n - q * d
///
/// is `n / d` rounded towards zero (and `n % d`) for every W-bit n, so the IR's results are
/// unchanged (its special cases, d = 0 and d = -1, never take this path). Other divisors keep
/// `lowerDivision`'s `idiv`.
extension X86BlockCompiler {
    /// The magic multiplier and shift for signed W-bit division by `divisor` (W = `bits`, 32
    /// or 64), or nil when the method does not apply (|d| < 2 or a power of two).
    static func signedDivisionMagic(_ divisor: Int64, bits: Int) -> (multiplier: Int64, shift: Int)? {
        precondition(bits == 32 || bits == 64)
        let mask: UInt64 = bits == 64 ? .max : 0xffff_ffff
        let d = bits == 64 ? divisor : Int64(Int32(truncatingIfNeeded: divisor))
        let ad = d.magnitude & mask
        guard ad >= 2, ad & (ad - 1) != 0 else { return nil }
        // Hacker's Delight, figure 10-1, in W-bit unsigned arithmetic (no step exceeds 2^W - 1).
        let two = UInt64(1) << (bits - 1)
        let t = two + (UInt64(bitPattern: d) & mask) >> (bits - 1)
        let anc = t - 1 - t % ad
        var p = bits - 1
        var q1 = two / anc, r1 = two - q1 * anc
        var q2 = two / ad, r2 = two - q2 * ad
        var delta: UInt64
        repeat {
            p += 1
            q1 = (q1 &* 2) & mask; r1 = (r1 &* 2) & mask
            if r1 >= anc { q1 = (q1 &+ 1) & mask; r1 = (r1 &- anc) & mask }
            q2 = (q2 &* 2) & mask; r2 = (r2 &* 2) & mask
            if r2 >= ad { q2 = (q2 &+ 1) & mask; r2 = (r2 &- ad) & mask }
            delta = ad - r2
        } while q1 < delta || (q1 == delta && r1 == 0)
        var m = (q2 &+ 1) & mask
        if d < 0 { m = (0 &- m) & mask }
        let multiplier = bits == 64 ? Int64(bitPattern: m) : Int64(Int32(truncatingIfNeeded: m))
        return (multiplier, p - bits)
    }

    /// The value of slot `s` before the current op when an earlier op of the block set it with
    /// `movi` and nothing wrote it since (every IR op writes at most its `d`).
    func constantBeforeCurrentOp(_ s: UInt16) -> Int64? {
        if s == IRSlot.zero { return 0 }
        let b = block.pointee
        var i = Int(opIndex) - 1
        while i >= 0 {
            let op = b.ops[i]
            if Self.slotUse(op).3 == s { return op.opcode == .movi ? op.imm : nil }
            i -= 1
        }
        return nil
    }

    /// `divs`/`rems`/`divs32`/`rems32` by a constant divisor as a multiplication; false when the
    /// divisor is not a known constant the method applies to.
    mutating func lowerSignedDivisionByConstant(_ op: IROp, is32: Bool, remainder: Bool) -> Bool {
        guard let divisor = constantBeforeCurrentOp(op.b),
              let (multiplier, shift) = Self.signedDivisionMagic(divisor, bits: is32 ? 32 : 64) else { return false }
        let w: X86Width = is32 ? .b32 : .b64
        let d = is32 ? Int64(Int32(truncatingIfNeeded: divisor)) : divisor
        load(.rcx, op.a)                       // n
        if is32 {
            asm.mov(.reg(.rax), imm32: Int32(truncatingIfNeeded: multiplier))
        } else {
            asm.movImm(.rax, UInt64(bitPattern: multiplier))
        }
        asm.imulWide(w, .reg(.rcx))            // rdx = mulhs(M, n)
        if d > 0 && multiplier < 0 { asm.alu(.add, w, .rdx, .reg(.rcx)) }
        if d < 0 && multiplier > 0 { asm.alu(.sub, w, .rdx, .reg(.rcx)) }
        if shift > 0 { asm.shift(.sar, w, .reg(.rdx), imm: UInt8(shift)) }
        asm.mov(w, .rax, .reg(.rdx))
        asm.shift(.shr, w, .reg(.rax), imm: is32 ? 31 : 63)
        asm.alu(.add, w, .rdx, .reg(.rax))     // q, rounded towards zero
        let result: X86Reg
        if remainder {
            asm.movImm(.rax, UInt64(bitPattern: d))
            asm.imul(w, .rdx, .reg(.rax))      // q * d
            asm.mov(w, .rax, .reg(.rcx))
            asm.alu(.sub, w, .rax, .reg(.rdx)) // n - q * d
            result = .rax
        } else {
            result = .rdx
        }
        if is32 { asm.movsx(.b32, result, .reg(result)) }
        store(op.d, result)
        return true
    }
}
