// Zicsr (chapter 9) for the CSRs a Linux user program can reach: the FP CSRs (11.2) and the
// read-only counters (10.1). Any other CSR is an illegal instruction, as under Linux.

extension RISCV64Frontend {
    /// fflags: accrued exceptions (11.2).
    static let csrFflags: Int64 = 0x001
    /// frm: dynamic rounding mode (11.2).
    static let csrFrm: Int64 = 0x002
    /// fcsr: frm << 5 | fflags (11.2).
    static let csrFcsr: Int64 = 0x003
    /// cycle (10.1).
    static let csrCycle: Int64 = 0xC00
    /// time (10.1), 10 MHz as on qemu's virt board.
    static let csrTime: Int64 = 0xC01
    /// instret (10.1).
    static let csrInstret: Int64 = 0xC02

    /// How a csrr* instruction combines the old value with its source.
    enum CSRUpdate { case write, set, clear }

    /// The common body of the six csrr* instructions (9.1): old value into a temporary, the new
    /// value written only when the rules say so, rd written last (rd may equal rs1).
    static func csrAccess(_ i: RISCV64Instruction, _ update: CSRUpdate, immediate: Bool, _ b: inout IRBuilder) -> RISCV64Step {
        let csr = i.imm
        // csrrs/csrrc with rs1 = x0 (or uimm = 0) do not write, so read-only CSRs allow them.
        let writes = update == .write || i.rs1 != 0
        let isFP = csr == csrFflags || csr == csrFrm || csr == csrFcsr
        let isCounter = csr == csrCycle || csr == csrTime || csr == csrInstret
        guard isFP || (isCounter && !writes) else { return .illegal }

        let old = b.temp()
        if update != .write || i.rd != 0 {  // csrrw with rd = x0 does not read (9.1)
            switch csr {
            case csrFflags: b.emit(.mov, d: old, a: IRSlot.fpFlags)
            case csrFrm: b.emit(.mov, d: old, a: IRSlot.fpRoundingMode)
            case csrFcsr:
                b.emit(.shli, d: old, a: IRSlot.fpRoundingMode, imm: 5)
                b.emit(.or, d: old, a: old, b: IRSlot.fpFlags)
            case csrCycle: b.emit(.rdcounter, d: old, imm: 0)
            case csrTime:
                let ns = b.temp()
                b.emit(.rdcounter, d: ns, imm: 1)
                let hundred = b.constant(100)
                b.emit(.divu, d: old, a: ns, b: hundred)
            default: b.emit(.rdcounter, d: old, imm: 2)
            }
        }
        if writes {
            let source = immediate ? b.constant(Int64(i.rs1)) : i.x1
            var new = source
            if update != .write {
                new = b.temp()
                b.emit(update == .set ? .or : .andn, d: new, a: old, b: source)
            }
            switch csr {
            case csrFflags: b.emit(.andi, d: IRSlot.fpFlags, a: new, imm: 0x1f)
            case csrFrm: b.emit(.andi, d: IRSlot.fpRoundingMode, a: new, imm: 7)
            default:
                let frm = b.temp()
                b.emit(.shri, d: frm, a: new, imm: 5)
                b.emit(.andi, d: IRSlot.fpFlags, a: new, imm: 0x1f)
                b.emit(.andi, d: IRSlot.fpRoundingMode, a: frm, imm: 7)
            }
        }
        if i.rd != 0 { b.emit(.mov, d: i.xd, a: old) }  // fsflags, fsrm, csrw: no result
        return .next
    }

    /// csrrw (9.1).
    static func transCsrrw(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { csrAccess(i, .write, immediate: false, &b) }
    /// csrrs (9.1).
    static func transCsrrs(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { csrAccess(i, .set, immediate: false, &b) }
    /// csrrc (9.1).
    static func transCsrrc(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { csrAccess(i, .clear, immediate: false, &b) }
    /// csrrwi (9.1).
    static func transCsrrwi(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { csrAccess(i, .write, immediate: true, &b) }
    /// csrrsi (9.1).
    static func transCsrrsi(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { csrAccess(i, .set, immediate: true, &b) }
    /// csrrci (9.1).
    static func transCsrrci(_ i: RISCV64Instruction, _ b: inout IRBuilder) -> RISCV64Step { csrAccess(i, .clear, immediate: true, &b) }
}
