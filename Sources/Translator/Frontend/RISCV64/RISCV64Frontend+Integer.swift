// RV64I integer computation (unprivileged spec sections 2.4 and 5.2) and the M extension
// (chapter 7). Division by zero and overflow need no code: the IR div/rem ops already have
// RISC-V's total semantics (table 7.1).

extension RISCV64Frontend {
    /// rd = op(rs1, rs2).
    @inline(__always)
    static func rr(_ op: IROpcode, _ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step {
        b.emit(op, d: i.xd, a: i.x1, b: i.x2)
        return .next
    }

    /// rd = op(rs1, imm).
    @inline(__always)
    static func ri(_ op: IROpcode, _ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step {
        b.emit(op, d: i.xd, a: i.x1, imm: i.imm)
        return .next
    }

    /// rd = op(rs1).
    @inline(__always)
    static func r1(_ op: IROpcode, _ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step {
        b.emit(op, d: i.xd, a: i.x1)
        return .next
    }

    // 2.4 Integer register-immediate instructions.
    /// addi (2.4); `addi rd, x0, imm` (li) becomes a `movi`.
    static func transAddi(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step {
        if i.rs1 == 0 {
            b.emit(.movi, d: i.xd, imm: i.imm)
            return .next
        }
        return ri(.addi, i, &b)
    }
    /// slti (2.4): signed compare with the sign-extended immediate.
    static func transSlti(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { ri(.sltsi, i, &b) }
    /// sltiu (2.4): the immediate is sign-extended, then compared unsigned.
    static func transSltiu(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { ri(.sltui, i, &b) }
    /// xori (2.4).
    static func transXori(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { ri(.xori, i, &b) }
    /// ori (2.4).
    static func transOri(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { ri(.ori, i, &b) }
    /// andi (2.4).
    static func transAndi(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { ri(.andi, i, &b) }
    /// slli (5.2: 6-bit shamt on RV64).
    static func transSlli(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { ri(.shli, i, &b) }
    /// srli (5.2).
    static func transSrli(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { ri(.shri, i, &b) }
    /// srai (5.2).
    static func transSrai(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { ri(.sari, i, &b) }

    // 2.4 Integer register-register operations.
    /// add (2.4).
    static func transAdd(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step {
        if i.rs1 == 0 { return r1Move(i.xd, i.x2, &b) }  // c.mv expands to add rd, x0, rs2
        return rr(.add, i, &b)
    }
    /// sub (2.4).
    static func transSub(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { rr(.sub, i, &b) }
    /// sll (5.2: shift by rs2[5:0]).
    static func transSll(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { rr(.shl, i, &b) }
    /// slt (2.4).
    static func transSlt(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { rr(.slts, i, &b) }
    /// sltu (2.4).
    static func transSltu(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { rr(.sltu, i, &b) }
    /// xor (2.4).
    static func transXor(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { rr(.xor, i, &b) }
    /// srl (5.2).
    static func transSrl(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { rr(.shr, i, &b) }
    /// sra (5.2).
    static func transSra(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { rr(.sar, i, &b) }
    /// or (2.4).
    static func transOr(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { rr(.or, i, &b) }
    /// and (2.4).
    static func transAnd(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { rr(.and, i, &b) }

    static func r1Move(_ d: UInt16, _ a: UInt16, _ b: inout IRBuilder) -> RISCV64Step {
        b.emit(.mov, d: d, a: a)
        return .next
    }

    // 5.2 RV64I 32-bit ("W") operations: results are sign-extended from bit 31.
    /// addiw (5.2).
    static func transAddiw(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { ri(.add32i, i, &b) }
    /// slliw (5.2).
    static func transSlliw(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { ri(.shl32i, i, &b) }
    /// srliw (5.2).
    static func transSrliw(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { ri(.shr32i, i, &b) }
    /// sraiw (5.2).
    static func transSraiw(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { ri(.sar32i, i, &b) }
    /// addw (5.2).
    static func transAddw(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { rr(.add32, i, &b) }
    /// subw (5.2).
    static func transSubw(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { rr(.sub32, i, &b) }
    /// sllw (5.2: shift by rs2[4:0]).
    static func transSllw(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { rr(.shl32, i, &b) }
    /// srlw (5.2).
    static func transSrlw(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { rr(.shr32, i, &b) }
    /// sraw (5.2).
    static func transSraw(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { rr(.sar32, i, &b) }

    // 7.1 Multiplication.
    /// mul (7.1).
    static func transMul(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { rr(.mul, i, &b) }
    /// mulh (7.1): signed × signed, high half.
    static func transMulh(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { rr(.mulhs, i, &b) }
    /// mulhsu (7.1): signed rs1 × unsigned rs2, high half.
    static func transMulhsu(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { rr(.mulhsu, i, &b) }
    /// mulhu (7.1).
    static func transMulhu(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { rr(.mulhu, i, &b) }
    /// mulw (7.1).
    static func transMulw(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { rr(.mul32, i, &b) }

    // 7.2 Division (table 7.1: x/0 = -1, x%0 = x, overflow gives the dividend / 0).
    /// div (7.2).
    static func transDiv(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { rr(.divs, i, &b) }
    /// divu (7.2).
    static func transDivu(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { rr(.divu, i, &b) }
    /// rem (7.2).
    static func transRem(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { rr(.rems, i, &b) }
    /// remu (7.2).
    static func transRemu(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { rr(.remu, i, &b) }
    /// divw (7.2).
    static func transDivw(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { rr(.divs32, i, &b) }
    /// divuw (7.2).
    static func transDivuw(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { rr(.divu32, i, &b) }
    /// remw (7.2).
    static func transRemw(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { rr(.rems32, i, &b) }
    /// remuw (7.2).
    static func transRemuw(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { rr(.remu32, i, &b) }
}
