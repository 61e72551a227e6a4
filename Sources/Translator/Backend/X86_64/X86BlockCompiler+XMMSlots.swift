/// Guest slots kept in xmm registers for a whole block (docs/jit.md, "F slots in xmm
/// registers").
///
/// A slot that only F ops with an inline fast path and 64-bit loads and stores (as the loaded or
/// stored value) touch in the block lives in one of xmm3–xmm15 from the block's entry (loaded
/// there) to every exit (written back there when the block writes it), so F arithmetic runs from
/// register to register with no `movq` through a general register: the dependency chains of
/// FP code (nbody) lose two domain crossings per op. Other accesses of such a slot go through
/// `movq` (`load`/`store`). Blocks with opaque ops keep every slot out of xmm (their helper
/// calls would clobber the registers); the two calls that remain possible, the F slow path's
/// helper and the memory slow path's unprotect helper, store every xmm slot to the frame before
/// the call and reload them all after it (`spillXMMSlots`/`reloadXMMSlots`).
///
/// binary64 arithmetic computed in place leaves its NaN check *pending* (`pending`): the check
/// runs before another kind of op reads the slot, at each exit for the slots pending where the
/// exit was created, and before a one-block loop's back edge (docs/jit.md, "Deferred NaN
/// checks").
struct XMMSlots {
    /// The registers, in the order slots take them (xmm0–xmm2 are the F fast paths' scratch).
    static let registers: [X86XMM] = [.xmm3, .xmm4, .xmm5, .xmm6, .xmm7, .xmm8, .xmm9, .xmm10, .xmm11, .xmm12, .xmm13, .xmm14, .xmm15]

    /// The slots kept in xmm registers and their registers.
    var entries: [(slot: UInt16, reg: X86XMM)] = []
    /// The slots among them that some op of the block writes (written back at every exit).
    var written: [UInt16] = []
    /// Bit i: the register of `entries[i]` holds a binary64 arithmetic result whose NaN check
    /// is deferred (a NaN there stands for the canonical NaN); see "Deferred NaN checks" below.
    var pending: UInt16 = 0
    /// Set by the lowering of an op that left its result pending (`floatArithInXMM`).
    var deferredByCurrentOp = false

    /// The xmm register of slot `s`, if it has one.
    @inline(__always) func register(_ s: UInt16) -> X86XMM? {
        for e in entries where e.slot == s { return e.reg }
        return nil
    }

    /// The pending bit of slot `s` (0 when it has no xmm register).
    func bit(_ s: UInt16) -> UInt16 {
        for (i, e) in entries.enumerated() where e.slot == s { return 1 << UInt16(i) }
        return 0
    }
}

extension X86BlockCompiler {
    /// Picks the block's xmm slots (most used first) and loads them. Call before
    /// `allocateSlots`, which leaves them out.
    mutating func allocateXMMSlots(loopsToItself: Bool) {
        guard X86FloatLowering.enabled else { return }
        let b = block.pointee
        // Only F ops touch F slots, so a block without one has none to keep (the usual case).
        var n = 0, hasFloat = false, maxSlot: UInt16 = 0
        while n < Int(b.opCount) {
            let op = b.ops[n]
            if isOpaque(op) { return }
            if op.opcode.flags.contains(.floatingPoint) { hasFloat = true }
            let (s0, s1, s2, d) = Self.slotUse(op)
            maxSlot = max(maxSlot, max(s0, s1), max(s2, d))
            n += 1
            if op.opcode.flags.contains(.endsBlock) { break }
        }
        guard hasFloat else { return }
        // Per slot: uses by F ops and as 64-bit loaded/stored values (-1: touched otherwise).
        var uses = [Int](repeating: 0, count: Int(maxSlot) + 1)
        var written = [Bool](repeating: false, count: Int(maxSlot) + 1)
        for i in 0..<n {
            let op = b.ops[i]
            let (s0, s1, s2, d) = Self.slotUse(op)
            let operands = [s0, s1, s2, d]
            for (k, s) in operands.enumerated() where s >= 16 {
                let allowed: Bool
                switch op.opcode {
                case .ld64: allowed = k == 3
                case .st64: allowed = k == 1
                default: allowed = op.opcode.flags.contains(.floatingPoint)
                }
                if !allowed { uses[Int(s)] = -1 } else if uses[Int(s)] >= 0 { uses[Int(s)] += 1 }
            }
            if d >= 16 { written[Int(d)] = true }
        }
        let minimumUses = loopsToItself ? 1 : 2
        var chosen: [Int] = []
        for s in 16..<uses.count where uses[s] >= minimumUses && UInt16(s) < firstTemporarySlot && !pinnedSlots.contains(UInt16(s)) {
            chosen.append(s)
        }
        chosen.sort { (a: Int, b: Int) -> Bool in uses[a] > uses[b] || (uses[a] == uses[b] && a < b) }
        for (k, s) in chosen.prefix(XMMSlots.registers.count).enumerated() {
            xmmSlots.entries.append((UInt16(s), XMMSlots.registers[k]))
            if written[s] { xmmSlots.written.append(UInt16(s)) }
            asm.movs(double: true, XMMSlots.registers[k], X86Mem(.r15, Int32(s) * 8))
        }
    }

    /// The xmm register holding slot `s` for the whole block, if any.
    @inline(__always) func xmmRegister(_ s: UInt16) -> X86XMM? {
        xmmSlots.entries.isEmpty ? nil : xmmSlots.register(s)
    }

    /// On a way out of the block: the xmm slots the block writes, to the frame, those in
    /// `pendingNaN` checked first.
    mutating func writeBackXMMSlots(pendingNaN: UInt16) {
        emitNaNChecks(pendingNaN)
        for e in xmmSlots.entries where xmmSlots.written.contains(e.slot) {
            asm.movs(double: true, X86Mem(.r15, Int32(e.slot) * 8), e.reg)
        }
    }

    // MARK: deferred NaN checks

    /// `ucomisd x, x; jp fix` for each entry in `mask`, the fix (the canonical NaN) out of line.
    /// Touches only the flags and the checked registers.
    mutating func emitNaNChecks(_ mask: UInt16) {
        guard mask != 0 else { return }
        for (i, e) in xmmSlots.entries.enumerated() where mask & (1 << UInt16(i)) != 0 {
            let fix = asm.newLabel(), done = asm.newLabel()
            asm.ucomis(double: true, e.reg, e.reg)
            asm.jcc(.p, fix)
            asm.bind(done)
            stubs.append(.canonicalNaN(fix, done: done, reg: e.reg))
        }
    }

    /// Before `op`: the pending slots it reads are checked, unless it is binary64 arithmetic
    /// computed in xmm registers (whose result is a NaN for any NaN operand, so an operand's
    /// payload never shows); before a back edge to a one-block loop's top, every pending slot
    /// (the loop top is compiled with none pending).
    mutating func checkPendingNaNs(before op: IROp) {
        var mask: UInt16 = 0
        if op.opcode == .goto || Self.isBranch(op.opcode), isSelfLoop(UInt64(bitPattern: op.imm)) { mask = xmmSlots.pending }
        if arithInXMM(op) == nil {
            let (s0, s1, s2, _) = Self.slotUse(op)
            for s in [s0, s1, s2] where s >= 16 { mask |= xmmSlots.bit(s) }
        }
        mask &= xmmSlots.pending
        emitNaNChecks(mask)
        xmmSlots.pending &= ~mask
    }

    /// After `op`: its destination's result is pending when its lowering deferred the check,
    /// else it is exact.
    mutating func updatePendingNaN(after op: IROp) {
        let d = Self.slotUse(op).3
        if d >= 16 {
            let bit = xmmSlots.bit(d)
            if xmmSlots.deferredByCurrentOp { xmmSlots.pending |= bit } else { xmmSlots.pending &= ~bit }
        }
        xmmSlots.deferredByCurrentOp = false
    }

    /// Before a helper call: every xmm slot to the frame (the call clobbers the registers; the
    /// helper may read them there).
    mutating func spillXMMSlots() {
        for e in xmmSlots.entries { asm.movs(double: true, X86Mem(.r15, Int32(e.slot) * 8), e.reg) }
    }

    /// After a helper call: every xmm slot from the frame (a helper that computed one wrote it
    /// there). Leaves the flags alone.
    mutating func reloadXMMSlots() {
        for e in xmmSlots.entries { asm.movs(double: true, e.reg, X86Mem(.r15, Int32(e.slot) * 8)) }
    }
}
