// Loads and stores (sections 2.6 and 5.3), fence (2.7), and the A extension (chapter 8).
// A load writes rd only when it succeeds, so it needs no temporary; a store is always the
// last op of its instruction (precise state: docs/riscv64-frontend.md).

extension RISCV64Frontend {
    /// rd = load(rs1 + imm).
    @inline(__always)
    static func load(_ op: IROpcode, _ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step {
        b.emit(op, d: i.xd, a: i.x1, imm: i.imm)
        return .next
    }

    /// store(rs1 + imm) = rs2.
    @inline(__always)
    static func store(_ op: IROpcode, _ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step {
        b.emit(op, a: i.x1, b: i.x2, imm: i.imm)
        return .next
    }

    /// lb (2.6).
    static func transLb(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { load(.ld8s, i, &b) }
    /// lh (2.6).
    static func transLh(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { load(.ld16s, i, &b) }
    /// lw (5.3: sign-extends on RV64).
    static func transLw(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { load(.ld32s, i, &b) }
    /// ld (5.3).
    static func transLd(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { load(.ld64, i, &b) }
    /// lbu (2.6).
    static func transLbu(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { load(.ld8u, i, &b) }
    /// lhu (2.6).
    static func transLhu(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { load(.ld16u, i, &b) }
    /// lwu (5.3).
    static func transLwu(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { load(.ld32u, i, &b) }
    /// sb (2.6).
    static func transSb(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { store(.st8, i, &b) }
    /// sh (2.6).
    static func transSh(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { store(.st16, i, &b) }
    /// sw (2.6).
    static func transSw(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { store(.st32, i, &b) }
    /// sd (5.3).
    static func transSd(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { store(.st64, i, &b) }

    /// fence (2.7): the host (x86-64, TSO) only needs a real fence when earlier writes must be
    /// ordered before later reads (pred ⊇ W, succ ⊇ R). fence.tso (fm = 1000) never does.
    static func transFence(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step {
        let fm = (i.imm >> 8) & 15, pred = (i.imm >> 4) & 15, succ = i.imm & 15
        let storeLoad = fm != 8 && pred & 1 != 0 && succ & 2 != 0
        b.emit(.fence, imm: storeLoad ? 1 : 0)
        return .next
    }

    // Chapter 8: aq/rl are ignored because every IR atomic is sequentially consistent.
    /// lr.w / lr.d (8.2).
    static func loadReserved(_ size: Int64, _ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step {
        b.emit(.ldres, d: i.xd, a: i.x1, imm: size)
        return .next
    }
    /// sc.w / sc.d (8.2): rd = 0 on success, 1 on failure.
    static func storeConditional(_ size: Int64, _ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step {
        b.emit(.stcond, d: i.xd, a: i.x1, b: i.x2, imm: size)
        return .next
    }
    /// amo<op>.w / .d (8.4): rd = old memory value (sign-extended for .w).
    static func amo(_ size: Int64, _ kind: Int64, _ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step {
        b.emit(.amo, d: i.xd, a: i.x1, b: i.x2, imm: size | kind << 8)
        return .next
    }

    /// lr.w (8.2).
    static func transLrW(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { loadReserved(4, i, &b) }
    /// sc.w (8.2).
    static func transScW(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { storeConditional(4, i, &b) }
    /// amoswap.w (8.4).
    static func transAmoswapW(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { amo(4, 0, i, &b) }
    /// amoadd.w (8.4).
    static func transAmoaddW(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { amo(4, 1, i, &b) }
    /// amoand.w (8.4).
    static func transAmoandW(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { amo(4, 2, i, &b) }
    /// amoor.w (8.4).
    static func transAmoorW(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { amo(4, 3, i, &b) }
    /// amoxor.w (8.4).
    static func transAmoxorW(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { amo(4, 4, i, &b) }
    /// amomin.w (8.4).
    static func transAmominW(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { amo(4, 5, i, &b) }
    /// amomax.w (8.4).
    static func transAmomaxW(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { amo(4, 6, i, &b) }
    /// amominu.w (8.4).
    static func transAmominuW(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { amo(4, 7, i, &b) }
    /// amomaxu.w (8.4).
    static func transAmomaxuW(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { amo(4, 8, i, &b) }
    /// lr.d (8.2).
    static func transLrD(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { loadReserved(8, i, &b) }
    /// sc.d (8.2).
    static func transScD(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { storeConditional(8, i, &b) }
    /// amoswap.d (8.4).
    static func transAmoswapD(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { amo(8, 0, i, &b) }
    /// amoadd.d (8.4).
    static func transAmoaddD(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { amo(8, 1, i, &b) }
    /// amoand.d (8.4).
    static func transAmoandD(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { amo(8, 2, i, &b) }
    /// amoor.d (8.4).
    static func transAmoorD(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { amo(8, 3, i, &b) }
    /// amoxor.d (8.4).
    static func transAmoxorD(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { amo(8, 4, i, &b) }
    /// amomin.d (8.4).
    static func transAmominD(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { amo(8, 5, i, &b) }
    /// amomax.d (8.4).
    static func transAmomaxD(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { amo(8, 6, i, &b) }
    /// amominu.d (8.4).
    static func transAmominuD(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { amo(8, 7, i, &b) }
    /// amomaxu.d (8.4).
    static func transAmomaxuD(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { amo(8, 8, i, &b) }
}
