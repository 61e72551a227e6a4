/// Lowering of moves, integer arithmetic, extensions and bit manipulation (docs/ir-ops.md).
extension X86BlockCompiler {
    /// Lowers `op` when it is an integer op; false otherwise.
    mutating func lowerALU(_ op: IROp) -> Bool {
        let d = op.d, a = op.a, b = op.b
        switch op.opcode {
        case .movi: storeConstant(d, op.imm)
        case .mov:
            if let r = cachedRegisterForWrite(d) {
                load(r, a); markWritten(d)
            } else if a != IRSlot.zero, let ra = cachedRegister(a) {
                store(d, ra)
            } else {
                load(.rax, a); store(d, .rax)
            }
        case .sel:
            load(.rax, op.cSlot)
            asm.alu(.cmp, .b64, operand(a), imm: 0)
            asm.cmov(.ne, .b64, .rax, operand(b))
            store(d, .rax)
        case .add: binary(.add, op)
        case .sub: binary(.sub, op)
        case .and: binary(.and, op)
        case .or: binary(.or, op)
        case .xor: binary(.xor, op)
        case .andn, .orn:
            load(.rcx, b); asm.not(.b64, .reg(.rcx)); load(.rax, a)
            asm.alu(op.opcode == .andn ? .and : .or, .b64, .rax, .rcx)
            store(d, .rax)
        case .xnor:
            load(.rax, a); asm.alu(.xor, .b64, .rax, operand(b)); asm.not(.b64, .reg(.rax)); store(d, .rax)
        case .shl: shiftByRegister(.shl, .b64, op)
        case .shr: shiftByRegister(.shr, .b64, op)
        case .sar: shiftByRegister(.sar, .b64, op)
        case .rol: shiftByRegister(.rol, .b64, op)
        case .ror: shiftByRegister(.ror, .b64, op)
        case .mul: load(.rax, a); asm.imul(.b64, .rax, operand(b)); store(d, .rax)
        case .mulhs: load(.rax, a); asm.imulWide(.b64, operand(b)); store(d, .rdx)
        case .mulhu: load(.rax, a); asm.mul(.b64, operand(b)); store(d, .rdx)
        case .mulhsu:
            // signed(a) * unsigned(b): the unsigned high half minus b when a is negative.
            load(.rax, a); asm.mul(.b64, operand(b))
            load(.rax, a); asm.shift(.sar, .b64, .reg(.rax), imm: 63)
            asm.alu(.and, .b64, .rax, operand(b)); asm.alu(.sub, .b64, .rdx, .rax)
            store(d, .rdx)
        case .divs, .divu, .rems, .remu, .divs32, .divu32, .rems32, .remu32: lowerDivision(op)
        case .slts: compareSet(.l, op)
        case .sltu: compareSet(.b, op)
        case .seteq: compareSet(.e, op)
        case .setne: compareSet(.ne, op)
        case .mins: minMax(.g, op)
        case .maxs: minMax(.l, op)
        case .minu: minMax(.a, op)
        case .maxu: minMax(.b, op)
        case .addi: binaryImmediate(.add, op)
        case .andi: binaryImmediate(.and, op)
        case .ori: binaryImmediate(.or, op)
        case .xori: binaryImmediate(.xor, op)
        case .shli: shiftImmediate(.shl, .b64, op)
        case .shri: shiftImmediate(.shr, .b64, op)
        case .sari: shiftImmediate(.sar, .b64, op)
        case .rori: shiftImmediate(.ror, .b64, op)
        case .sltsi, .sltui:
            load(.rax, a)
            asm.alu(.xor, .b32, .rcx, .rcx)
            if X86Assembler.fitsInt32(op.imm) {
                asm.alu(.cmp, .b64, .reg(.rax), imm: Int32(op.imm))
            } else {
                asm.movImm(.rdx, UInt64(bitPattern: op.imm)); asm.cmp(.b64, .rax, .reg(.rdx))
            }
            asm.setcc(op.opcode == .sltsi ? .l : .b, .reg(.rcx))
            store(d, .rcx)
        case .add32, .sub32:
            let alu: X86ALUOp = op.opcode == .add32 ? .add : .sub
            let dValid = cachedRegister(d) != nil
            if d >= 16, let rd = cachedRegisterForWrite(d), !cache.opaque,
               (a == d && dValid) || (b == d && a != d && dValid && alu == .add) || (a != d && b != d) {
                // Straight in d's register, left narrow.
                if a == d {
                    asm.alu(alu, .b32, rd, operand(b))
                } else if b == d {
                    asm.alu(.add, .b32, rd, operand(a))
                } else {
                    load(rd, a); asm.alu(alu, .b32, rd, operand(b))
                }
                signExtend32(d, from: rd)
            } else {
                load(.rax, a); asm.alu(alu, .b32, .rax, operand(b))
                signExtend32(d)
            }
        case .mul32: load(.rax, a); asm.imul(.b32, .rax, operand(b)); signExtend32(d)
        case .shl32: shiftByRegister(.shl, .b32, op)
        case .shr32: shiftByRegister(.shr, .b32, op)
        case .sar32: shiftByRegister(.sar, .b32, op)
        case .rol32: shiftByRegister(.rol, .b32, op)
        case .ror32: shiftByRegister(.ror, .b32, op)
        case .add32i where op.imm == 0, .sext32:
            if signExtended.contains(a) {
                // Already sign-extended (X86BlockCompiler+SignExtension.swift): a move, or nothing.
                if d != a { _ = lowerALU(IROp(.mov, d: d, a: a)) }
            } else {
                // sext.w (addiw rd, rs, 0): one movsxd, not a move, an add and a movsxd.
                let rd = destinationRegister(d, .rax); asm.movsx(.b32, rd, operand(a)); commit(d, rd)
            }
        case .add32i:
            if a == d, d >= 16, !cache.opaque, let rd = cachedRegister(d) {
                asm.alu(.add, .b32, .reg(rd), imm: Int32(truncatingIfNeeded: op.imm))
                signExtend32(d, from: rd)
            } else if d >= 16, a != IRSlot.zero, !cache.opaque, let ra = cachedRegister(a), let rd = cachedRegisterForWrite(d) {
                // `addiw d, a, imm` between registers: one 32-bit `lea` (a narrow a is fine: the
                // low half of the sum depends only on the low halves).
                asm.lea(rd, X86Mem(ra, Int32(truncatingIfNeeded: op.imm)), width: .b32)
                signExtend32(d, from: rd)
            } else {
                load(.rax, a)
                asm.alu(.add, .b32, .reg(.rax), imm: Int32(truncatingIfNeeded: op.imm))
                signExtend32(d)
            }
        case .shl32i: shiftImmediate(.shl, .b32, op)
        case .shr32i: shiftImmediate(.shr, .b32, op)
        case .sar32i: shiftImmediate(.sar, .b32, op)
        case .ror32i: shiftImmediate(.ror, .b32, op)
        case .sext8: let rd = destinationRegister(d, .rax); asm.movsx(.b8, rd, operand(a)); commit(d, rd)
        case .sext16: let rd = destinationRegister(d, .rax); asm.movsx(.b16, rd, operand(a)); commit(d, rd)
        case .zext8: let rd = destinationRegister(d, .rax); asm.movzx(.b8, rd, operand(a)); commit(d, rd)
        case .zext16: let rd = destinationRegister(d, .rax); asm.movzx(.b16, rd, operand(a)); commit(d, rd)
        case .zext32: let rd = destinationRegister(d, .rax); asm.mov(.b32, rd, operand(a)); commit(d, rd)
        case .clz:
            if features.lzcnt { let rd = destinationRegister(d, .rax); asm.lzcnt(.b64, rd, operand(a)); commit(d, rd) } else { unaryHelper(op) }
        case .clz32:
            if features.lzcnt { let rd = destinationRegister(d, .rax); asm.lzcnt(.b32, rd, operand(a)); commit(d, rd) } else { unaryHelper(op) }
        case .ctz:
            if features.tzcnt { let rd = destinationRegister(d, .rax); asm.tzcnt(.b64, rd, operand(a)); commit(d, rd) } else { unaryHelper(op) }
        case .ctz32:
            if features.tzcnt { let rd = destinationRegister(d, .rax); asm.tzcnt(.b32, rd, operand(a)); commit(d, rd) } else { unaryHelper(op) }
        case .popcnt:
            if features.popcnt { let rd = destinationRegister(d, .rax); asm.popcnt(.b64, rd, operand(a)); commit(d, rd) } else { unaryHelper(op) }
        case .popcnt32:
            if features.popcnt { let rd = destinationRegister(d, .rax); asm.popcnt(.b32, rd, operand(a)); commit(d, rd) } else { unaryHelper(op) }
        case .bswap64: load(.rax, a); asm.bswap(.b64, .rax); store(d, .rax)
        case .orcb: unaryHelper(op)
        default: return false
        }
        return true
    }

    /// `d = a op b`, computed in d's cache register when it has one.
    private mutating func binary(_ alu: X86ALUOp, _ op: IROp) {
        let (d, a, b) = (op.d, op.a, op.b)
        let rd = destinationRegister(d, .rax)
        if rd != .rax && b == d && a != d {
            // rd holds b: commutative ops apply a to it, others go through rax.
            if alu == .sub {
                load(.rax, a); asm.alu(alu, .b64, .rax, .reg(rd)); commit(d, .rax)
            } else {
                asm.alu(alu, .b64, rd, operand(a)); commit(d, rd)
            }
            return
        }
        load(rd, a)
        asm.alu(alu, .b64, rd, operand(b))
        commit(d, rd)
    }

    /// `d = a op imm`, the immediate as simm32 when it fits; `addi` between two registers is a `lea`.
    private mutating func binaryImmediate(_ alu: X86ALUOp, _ op: IROp) {
        let rd = destinationRegister(op.d, .rax)
        if X86Assembler.fitsInt32(op.imm) {
            if alu == .add, op.imm != 0, op.a != op.d, rd != .rax, let ra = cachedRegister(op.a) {
                asm.lea(rd, X86Mem(ra, Int32(op.imm)))
            } else {
                load(rd, op.a)
                if op.imm != 0 || alu == .and { asm.alu(alu, .b64, .reg(rd), imm: Int32(op.imm)) }
            }
        } else {
            load(rd, op.a)
            asm.movImm(.rcx, UInt64(bitPattern: op.imm))
            asm.alu(alu, .b64, rd, .rcx)
        }
        commit(op.d, rd)
    }

    /// Shift or rotate by slot b (the CPU masks cl to 6 or 5 bits, as the IR does); 32-bit
    /// results are sign-extended.
    private mutating func shiftByRegister(_ shift: X86ShiftOp, _ width: X86Width, _ op: IROp) {
        load(.rcx, op.b)
        let rd = destinationRegister(op.d, .rax)
        load(rd, op.a)
        asm.shiftCL(shift, width, .reg(rd))
        if width == .b32 { signExtend32(op.d, from: rd) } else { commit(op.d, rd) }
    }

    /// `shli t, y, k` (k = 1...3) followed by `add t, t, w` (or `add t, w, t`) as one
    /// `lea t, [w + y * 2^k]` (array indexing, on the dependency chains of crc32 and the bytecode
    /// loop). The shifted value is dead after the add, which overwrites t; not when w is t
    /// itself. Returns false to lower the two ops apart.
    mutating func lowerShiftAdd(_ shift: IROp, _ add: IROp) -> Bool {
        guard shift.opcode == .shli, add.opcode == .add, (1...3).contains(shift.imm), shift.d == add.d,
              shift.d >= 16, shift.a != IRSlot.zero else { return false }
        let other: UInt16
        if add.a == shift.d && add.b != shift.d { other = add.b } else if add.b == shift.d && add.a != shift.d { other = add.a } else { return false }
        // (fpFlags is read only after folding the host flags in: `emitFloatFlagsAccess`.)
        guard other != IRSlot.zero, other != IRSlot.fpFlags, shift.a != IRSlot.fpFlags else { return false }
        let y = sourceRegister(shift.a, .rax)
        let w = sourceRegister(other, .rcx)
        let rd = destinationRegister(add.d, .rax)
        asm.lea(rd, X86Mem(w, index: y, scaleShift: UInt8(shift.imm)))
        commit(add.d, rd)
        return true
    }

    /// `shli d, a, 32` then `shri d, d, 32` (riscv64's zext.w without Zba) as one 32-bit `mov`,
    /// which clears bits 32-63. Both ops write d, so the shifted value in between is never seen.
    mutating func lowerZeroExtend(_ shift: IROp, _ back: IROp) -> Bool {
        guard shift.opcode == .shli, shift.imm == 32, back.opcode == .shri, back.imm == 32, back.a == shift.d, back.d == shift.d,
              shift.d >= 16, shift.a != IRSlot.zero, shift.a != IRSlot.fpFlags else { return false }
        let rd = destinationRegister(back.d, .rax)
        asm.mov(.b32, rd, operand(shift.a))
        commit(back.d, rd)
        return true
    }

    private mutating func shiftImmediate(_ shift: X86ShiftOp, _ width: X86Width, _ op: IROp) {
        let rd = destinationRegister(op.d, .rax)
        load(rd, op.a)
        let count = UInt8(truncatingIfNeeded: op.imm & (width == .b32 ? 31 : 63))
        if count != 0 { asm.shift(shift, width, .reg(rd), imm: count) }
        // A 32-bit logical right shift by 1...31 clears bit 31, and the 32-bit x86 op clears
        // bits 32-63: already sign-extended.
        let extended = shift == .shr && count != 0
        if width == .b32 && !extended { signExtend32(op.d, from: rd) } else { commit(op.d, rd) }
    }

    /// `d = sext32(low half of reg)`: into d's cache register as a narrow result when it has
    /// one (`+NarrowResults`: the `movsxd` waits until something needs all 64 bits).
    mutating func signExtend32(_ d: UInt16, from reg: X86Reg = .rax) {
        if d >= 16, let rd = cachedRegisterForWrite(d), !cache.opaque {
            if rd != reg { asm.mov(rd, reg) }
            markWritten(d)
            if let e = cache.entry(d) { setNarrow(e, true) }
            return
        }
        let rd = destinationRegister(d, .rax)
        asm.movsx(.b32, rd, .reg(reg))
        commit(d, rd)
    }

    private mutating func compareSet(_ cond: X86Cond, _ op: IROp) {
        let ra = sourceRegister(op.a, .rax)
        asm.alu(.xor, .b32, .rcx, .rcx)
        asm.cmp(.b64, ra, operand(op.b))
        asm.setcc(cond, .reg(.rcx))
        store(op.d, .rcx)
    }

    /// `d = cond(a, b) ? b : a` via cmov.
    private mutating func minMax(_ takeB: X86Cond, _ op: IROp) {
        load(.rax, op.a)
        load(.rcx, op.b)
        asm.cmp(.b64, .rax, .reg(.rcx))
        asm.cmov(takeB, .b64, .rax, .reg(.rcx))
        store(op.d, .rax)
    }

    /// Division and remainder with the IR's total semantics: b = 0 and b = -1 (the only
    /// overflowing divisor) are handled before `div`/`idiv`. Signed division by a constant the
    /// block set is a multiplication (`+ConstantDivision`).
    private mutating func lowerDivision(_ op: IROp) {
        let is32: Bool, signed: Bool, remainder: Bool
        switch op.opcode {
        case .divs: (is32, signed, remainder) = (false, true, false)
        case .divu: (is32, signed, remainder) = (false, false, false)
        case .rems: (is32, signed, remainder) = (false, true, true)
        case .remu: (is32, signed, remainder) = (false, false, true)
        case .divs32: (is32, signed, remainder) = (true, true, false)
        case .divu32: (is32, signed, remainder) = (true, false, false)
        case .rems32: (is32, signed, remainder) = (true, true, true)
        default: (is32, signed, remainder) = (true, false, true)
        }
        if signed && lowerSignedDivisionByConstant(op, is32: is32, remainder: remainder) { return }
        let w: X86Width = is32 ? .b32 : .b64
        let zero = asm.newLabel(), minusOne = asm.newLabel(), done = asm.newLabel()
        load(.rcx, op.b)
        load(.rax, op.a)
        asm.test(w, .reg(.rcx), .rcx)
        asm.jcc(.e, zero)
        if signed {
            asm.alu(.cmp, w, .reg(.rcx), imm: -1)
            asm.jcc(.e, minusOne)
            asm.signExtendAccumulator(w)
            asm.idiv(w, .reg(.rcx))
        } else {
            asm.alu(.xor, .b32, .rdx, .rdx)
            asm.div(w, .reg(.rcx))
        }
        let result: X86Reg = remainder ? .rdx : .rax
        if is32 { asm.movsx(.b32, result, .reg(result)) }
        asm.jmp(done)
        if signed {
            // x / -1 = -x (wrapping: MIN / -1 = MIN); x % -1 = 0.
            asm.bind(minusOne)
            if remainder { asm.alu(.xor, .b32, .rdx, .rdx) } else {
                asm.neg(w, .reg(.rax))
                if is32 { asm.movsx(.b32, .rax, .reg(.rax)) }
            }
            asm.jmp(done)
        }
        asm.bind(zero)
        // x / 0 = all ones; x % 0 = x (sign-extended for 32-bit ops).
        if remainder {
            if is32 { asm.movsx(.b32, .rdx, .reg(.rax)) } else { asm.mov(.rdx, .rax) }
        } else {
            asm.mov(.reg(.rax), imm32: -1)
        }
        asm.bind(done)
        store(op.d, result)
    }
}
