// Zba, Zbb and Zbs (RISC-V Bit-Manipulation ISA-extensions, version 1.0.0, chapter 2).

extension RISCV64Frontend {
    /// rd = (zext32?(rs1) << shift) + rs2: add.uw and the shNadd[.uw] family.
    static func shiftAdd(_ i: RISCV64Instruction, shift: Int64, unsignedWord: Bool, _ b: inout IRBuilder) -> RISCV64Step {
        var src = i.x1
        if unsignedWord {
            let t = b.temp()
            b.emit(.zext32, d: t, a: src)
            src = t
        }
        if shift != 0 {
            let t = b.temp()
            b.emit(.shli, d: t, a: src, imm: shift)
            src = t
        }
        b.emit(.add, d: i.xd, a: src, b: i.x2)
        return .next
    }

    // 2.1 Zba: address generation.
    /// add.uw: rd = rs2 + zext32(rs1) (zext.w when rs2 = x0).
    static func transAddUw(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step {
        if i.rs2 == 0 { return r1(.zext32, i, &b) }
        return shiftAdd(i, shift: 0, unsignedWord: true, &b)
    }
    /// sh1add: rd = rs2 + (rs1 << 1).
    static func transSh1add(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { shiftAdd(i, shift: 1, unsignedWord: false, &b) }
    /// sh2add: rd = rs2 + (rs1 << 2).
    static func transSh2add(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { shiftAdd(i, shift: 2, unsignedWord: false, &b) }
    /// sh3add: rd = rs2 + (rs1 << 3).
    static func transSh3add(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { shiftAdd(i, shift: 3, unsignedWord: false, &b) }
    /// sh1add.uw: rd = rs2 + (zext32(rs1) << 1).
    static func transSh1addUw(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { shiftAdd(i, shift: 1, unsignedWord: true, &b) }
    /// sh2add.uw: rd = rs2 + (zext32(rs1) << 2).
    static func transSh2addUw(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { shiftAdd(i, shift: 2, unsignedWord: true, &b) }
    /// sh3add.uw: rd = rs2 + (zext32(rs1) << 3).
    static func transSh3addUw(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { shiftAdd(i, shift: 3, unsignedWord: true, &b) }
    /// slli.uw: rd = zext32(rs1) << shamt.
    static func transSlliUw(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step {
        let t = b.temp()
        b.emit(.zext32, d: t, a: i.x1)
        b.emit(.shli, d: i.xd, a: t, imm: i.imm)
        return .next
    }

    // 2.2 Zbb: basic bit manipulation.
    /// andn: rd = rs1 & ~rs2.
    static func transAndn(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { rr(.andn, i, &b) }
    /// orn: rd = rs1 | ~rs2.
    static func transOrn(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { rr(.orn, i, &b) }
    /// xnor: rd = ~(rs1 ^ rs2).
    static func transXnor(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { rr(.xnor, i, &b) }
    /// clz: leading zeros (64 for 0).
    static func transClz(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { r1(.clz, i, &b) }
    /// ctz: trailing zeros (64 for 0).
    static func transCtz(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { r1(.ctz, i, &b) }
    /// cpop: set bits.
    static func transCpop(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { r1(.popcnt, i, &b) }
    /// sext.b.
    static func transSextB(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { r1(.sext8, i, &b) }
    /// sext.h.
    static func transSextH(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { r1(.sext16, i, &b) }
    /// clzw: leading zeros of the low word (32 for 0).
    static func transClzw(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { r1(.clz32, i, &b) }
    /// ctzw: trailing zeros of the low word (32 for 0).
    static func transCtzw(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { r1(.ctz32, i, &b) }
    /// cpopw: set bits of the low word.
    static func transCpopw(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { r1(.popcnt32, i, &b) }
    /// max (signed).
    static func transMax(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { rr(.maxs, i, &b) }
    /// maxu.
    static func transMaxu(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { rr(.maxu, i, &b) }
    /// min (signed).
    static func transMin(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { rr(.mins, i, &b) }
    /// minu.
    static func transMinu(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { rr(.minu, i, &b) }
    /// zext.h.
    static func transZextH(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { r1(.zext16, i, &b) }
    /// rol: rotate left by rs2[5:0].
    static func transRol(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { rr(.rol, i, &b) }
    /// ror: rotate right by rs2[5:0].
    static func transRor(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { rr(.ror, i, &b) }
    /// rolw: rotate the low word left by rs2[4:0], sign-extend.
    static func transRolw(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { rr(.rol32, i, &b) }
    /// rorw: rotate the low word right by rs2[4:0], sign-extend.
    static func transRorw(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { rr(.ror32, i, &b) }
    /// rori: rotate right by shamt.
    static func transRori(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { ri(.rori, i, &b) }
    /// roriw: rotate the low word right by shamt, sign-extend.
    static func transRoriw(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { ri(.ror32i, i, &b) }
    /// orc.b: each byte becomes 0xff when non-zero.
    static func transOrcB(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { r1(.orcb, i, &b) }
    /// rev8: byte-reverse.
    static func transRev8(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { r1(.bswap64, i, &b) }

    // 2.4 Zbs: single-bit instructions (index = rs2[5:0] or shamt).
    /// A slot holding 1 << (rs2 & 63).
    static func bitMask(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> UInt16 {
        let one = b.constant(1)
        let t = b.temp()
        b.emit(.shl, d: t, a: one, b: i.x2)
        return t
    }
    /// bclr: rd = rs1 & ~(1 << rs2).
    static func transBclr(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step {
        let m = bitMask(i, &b)
        b.emit(.andn, d: i.xd, a: i.x1, b: m)
        return .next
    }
    /// bclri: rd = rs1 & ~(1 << shamt).
    static func transBclri(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step {
        b.emit(.andi, d: i.xd, a: i.x1, imm: ~(Int64(1) << i.imm))
        return .next
    }
    /// bext: rd = (rs1 >> rs2) & 1.
    static func transBext(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step {
        let t = b.temp()
        b.emit(.shr, d: t, a: i.x1, b: i.x2)
        b.emit(.andi, d: i.xd, a: t, imm: 1)
        return .next
    }
    /// bexti: rd = (rs1 >> shamt) & 1.
    static func transBexti(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step {
        let t = b.temp()
        b.emit(.shri, d: t, a: i.x1, imm: i.imm)
        b.emit(.andi, d: i.xd, a: t, imm: 1)
        return .next
    }
    /// binv: rd = rs1 ^ (1 << rs2).
    static func transBinv(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step {
        let m = bitMask(i, &b)
        b.emit(.xor, d: i.xd, a: i.x1, b: m)
        return .next
    }
    /// binvi: rd = rs1 ^ (1 << shamt).
    static func transBinvi(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step {
        b.emit(.xori, d: i.xd, a: i.x1, imm: Int64(1) << i.imm)
        return .next
    }
    /// bset: rd = rs1 | (1 << rs2).
    static func transBset(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step {
        let m = bitMask(i, &b)
        b.emit(.or, d: i.xd, a: i.x1, b: m)
        return .next
    }
    /// bseti: rd = rs1 | (1 << shamt).
    static func transBseti(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step {
        b.emit(.ori, d: i.xd, a: i.x1, imm: Int64(1) << i.imm)
        return .next
    }
}
