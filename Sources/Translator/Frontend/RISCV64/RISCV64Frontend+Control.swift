// Upper immediates (2.4), control transfer (2.5), environment calls (2.8) and fence.i
// (chapter 3). Every instruction here except lui/auipc ends the block, or for a conditional
// branch may leave it (a side exit; `translateBlock` decides whether the block goes on).

extension RISCV64Frontend {
    /// lui (2.4): rd = sext(imm20 << 12).
    static func transLui(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step {
        b.emit(.movi, d: i.xd, imm: i.imm)
        return .next
    }
    /// auipc (2.4): rd = pc + sext(imm20 << 12).
    static func transAuipc(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step {
        b.emit(.movi, d: i.xd, imm: i.pcRelative)
        return .next
    }
    /// jal (2.5): rd = pc + length; jump to pc + imm (a constant, so rd can be written first).
    static func transJal(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step {
        if i.rd != 0 { b.emit(.movi, d: i.xd, imm: i.nextPC) }  // j: no link to discard
        b.emit(.goto, imm: i.pcRelative)
        return .end
    }
    /// jalr (2.5): target = (rs1 + imm) & ~1, computed before rd is written (rd may be rs1).
    static func transJalr(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step {
        let t = b.temp()
        b.emit(.addi, d: t, a: i.x1, imm: i.imm)
        b.emit(.andi, d: t, a: t, imm: ~1)
        if i.rd != 0 { b.emit(.movi, d: i.xd, imm: i.nextPC) }  // ret, jr: no link to discard
        b.emit(.jmpr, a: t)
        return .end
    }

    /// A conditional branch (2.5): taken → pc + imm (exit 1); the fall-through is the next
    /// instruction of the block, or `translateBlock` ends the block with `goto` it (exit 0).
    @inline(__always)
    static func branch(_ op: IROpcode, _ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step {
        b.emit(op, a: i.x1, b: i.x2, imm: i.pcRelative)
        return .branch
    }
    /// beq (2.5).
    static func transBeq(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { branch(.brEq, i, &b) }
    /// bne (2.5).
    static func transBne(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { branch(.brNe, i, &b) }
    /// blt (2.5).
    static func transBlt(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { branch(.brLts, i, &b) }
    /// bge (2.5).
    static func transBge(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { branch(.brGes, i, &b) }
    /// bltu (2.5).
    static func transBltu(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { branch(.brLtu, i, &b) }
    /// bgeu (2.5).
    static func transBgeu(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { branch(.brGeu, i, &b) }

    /// ecall (2.8): leave to the runtime's syscall layer; it resumes after the instruction.
    static func transEcall(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step {
        b.emit(.syscall, imm: i.nextPC)
        return .end
    }
    /// ebreak / c.ebreak (2.8): breakpoint trap at this instruction (SIGTRAP).
    static func transEbreak(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step {
        b.emit(.trap, a: IRTrapKind.breakpoint.rawValue, imm: Int64(bitPattern: i.pc))
        return .end
    }
    /// fence.i (chapter 3): the runtime flushes translations and resumes after the instruction.
    static func transFenceI(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step {
        b.emit(.trap, a: IRTrapKind.instructionCacheFlush.rawValue, imm: i.nextPC)
        return .end
    }
}
