/// Lowering of block exits: `goto` and taken branches are patchable `jmp rel32`s (chaining),
/// `jmpr`, `syscall` and `trap` leave to the engine with the pc slot exact. Exits that may close
/// a loop (a direct exit to the block's own start or before it, and `jmpr`) test the
/// interrupt word first (docs/signals.md): blocks have no test at their entry. A taken branch
/// writes back the dirty cached slots on its own path only (the fall-through, which may go on
/// in the block, keeps them in registers) and, when it leaves before the block's last
/// instruction, takes the instructions it skipped off the count (`add r12` at block entry
/// counted them all).
extension X86BlockCompiler {
    mutating func lowerBranch(_ op: IROp) -> Bool {
        let target = UInt64(bitPattern: op.imm)
        switch op.opcode {
        case .goto:
            if isSelfLoop(target) {
                emitSelfLoopTail(reloading: invalidPreloads(), count: Int32(block.pointee.instructionCount))
            } else {
                directExit(.direct0, pc: target)
            }
        case .brEq, .brNe, .brLts, .brGes, .brLtu, .brGeu:
            let cond: X86Cond
            switch op.opcode {
            case .brEq: cond = .e
            case .brNe: cond = .ne
            case .brLts: cond = .l
            case .brGes: cond = .ge
            case .brLtu: cond = .b
            default: cond = .ae
            }
            let selfLoop = isSelfLoop(target)
            let ra = sourceRegister(op.a, .rax)
            if op.b == IRSlot.zero { asm.test(.b64, .reg(ra), ra) } else { asm.cmp(.b64, ra, operand(op.b)) }
            let b = block.pointee
            let executed = Int32(b.opInstruction[Int(opIndex)]) + 1
            let skipped = Int32(b.instructionCount) - executed
            if selfLoop {
                // A one-block loop: taken, the back edge inline (one taken jump per iteration,
                // to the loop top, registers as they are); not taken, on past it.
                if emitSelfLoopBranch(cond, count: executed) { return true }
                let notTaken = asm.newLabel()
                asm.jcc(cond.inverted, notTaken)
                emitSelfLoopTail(reloading: invalidPreloads(), count: executed)
                asm.bind(notTaken)
                return true
            }
            let writeBack = exitWriteBack()
            let backward = testsInterrupt(before: target)
            if writeBack.entries.isEmpty && skipped == 0 && cache.borrowed.isEmpty && xmmSlots.written.isEmpty && !backward {
                // Not taken: skip the 5-byte jmp. NOPs for the alignment of its rel32 keep the flags.
                asm.alignWithNops(4, ahead: 3)
                asm.jccShort(cond.inverted, skip: 5)
                patchableExit(.direct1, pc: target)
            } else if backward {
                // A backward branch (a loop's back edge, usually taken): the taken path inline,
                // one taken jump to the next block once chained.
                let notTaken = asm.newLabel()
                asm.jcc(cond.inverted, notTaken)
                emitExitWriteBack(writeBack)
                if skipped > 0 { asm.alu(.sub, .b64, .reg(.r12), imm: skipped) }
                patchableExit(.direct1, pc: target)
                asm.bind(notTaken)
            } else {
                // A forward branch (an unrolled loop's way out, a superblock's `if`, usually not
                // taken): the taken path out of line, so the fall-through runs on without a jump.
                let taken = asm.newLabel()
                asm.jcc(cond, taken)
                stubs.append(.branchExit(taken, writeBack: writeBack, skipped: skipped, pc: target, opIndex: opIndex))
            }
        case .jmpr:
            load(.rax, op.a)
            // An indirect call (`jalr ra, x`: the link `movi` right before) usually calls one
            // target from each site (a comparator, a callback): an inline cache, like a return's.
            var isCall = false
            if let ra = returnAddressSlot, opIndex > 0 {
                let previous = block.pointee.ops[Int(opIndex) - 1]
                isCall = previous.opcode == .movi && previous.d == ra
            }
            emitIndirectJump(isCall: isCall)
        case .syscall:
            writePC(target)
            leave(.syscall)
        case .trap:
            writePC(target)
            asm.mov(.mem(X86Mem(.r15, JITFrame.exitAddress)), imm32: Int32(op.a))
            leave(.trap)
        default:
            return false
        }
        return true
    }

    /// `jmpr` to the address in rax: the write-back, then (chaining on) the interrupt test and
    /// the jump-cache probe, else out to the engine. The pc slot is written on the way out only:
    /// a block reached through the probe knows its own pc. A return (`isReturn`) comes with the
    /// raw link register in rax, bit 0 not yet cleared: its inline cache compares that first,
    /// and only the other paths clear the bit. An indirect call (`isCall`, target already
    /// cleared) gets the same inline cache.
    mutating func emitIndirectJump(isReturn: Bool = false, isCall: Bool = false) {
        flushForExit()
        if probesJumpCache {
            // An indirect jump may close a loop: a queued signal leaves through the engine.
            let interrupted = asm.newLabel(), out = asm.newLabel()
            asm.alu(.cmp, .b8, .mem(X86Mem(.r15, JITFrame.interrupt)), imm: 0)
            asm.jcc(.ne, interrupted)
            if isReturn || isCall { emitReturnCache() }
            if isReturn { asm.alu(.and, .b64, .reg(.rax), imm: -2) }
            probeJumpCache()
            _ = asm.jmp(out)
            asm.bind(interrupted)
            if isReturn { asm.alu(.and, .b64, .reg(.rax), imm: -2) }
            asm.bind(out)
        } else if isReturn {
            asm.alu(.and, .b64, .reg(.rax), imm: -2)
        }
        asm.mov(.b64, slot(IRSlot.pc), .rax)
        leave(.indirect)
    }

    /// `jalr x0, imm(x)` as the riscv64 frontend emits it, `addi t, x, imm; andi t, t, -2;
    /// jmpr t` with t an instruction temporary: the target goes straight to rax (no register
    /// or frame cell for t). `ret` is one. The caller checked that no live range begins or
    /// ends inside the three ops.
    mutating func lowerIndirectJumpTriple(_ add: IROp, _ mask: IROp, _ jump: IROp) -> Bool {
        guard add.opcode == .addi, isTemporary(add.d), add.a != add.d, X86Assembler.fitsInt32(add.imm),
              mask.opcode == .andi, mask.imm == -2, mask.a == add.d, mask.d == add.d,
              jump.opcode == .jmpr, jump.a == add.d else { return false }
        let isReturn = add.imm == 0 && add.a == returnAddressSlot
        if add.imm != 0, add.a != IRSlot.zero, let r = cachedRegister(add.a) {
            asm.lea(.rax, X86Mem(r, Int32(add.imm)))
        } else {
            load(.rax, add.a)
            if add.imm != 0 { asm.alu(.add, .b64, .reg(.rax), imm: Int32(add.imm)) }
        }
        // A return clears bit 0 off its cache's hit path (`emitIndirectJump`).
        if !isReturn { asm.alu(.and, .b64, .reg(.rax), imm: -2) }
        opIndex += 2
        emitIndirectJump(isReturn: isReturn)
        return true
    }

    /// Layout of a return inline cache, as offsets from its pc field (4-aligned).
    enum ReturnCache {
        /// The rel32 of the `jne` taken when the pc differs (4-aligned).
        static let missField = 8
        /// The rel32 of the `jmp` to the cached target's code (4-aligned).
        static let jumpField = 16
        /// The code after the `jmp` (clearing bit 0, then the jump-cache probe).
        static let probe = 20
        /// The pc field before the cache is filled: odd, so no return address clears to it.
        static let emptyPC: Int32 = 1
    }

    /// A return's (or an indirect call's) monomorphic inline cache, before the jump-cache probe
    /// (raw link register, or the call's target, in rax):
    ///
    ///     cmp rax, imm32 ; jne miss ; jmp target
    ///
    /// Compiled with imm32 = `ReturnCache.emptyPC` and both `miss` and `target` at an exit to
    /// the engine (`returnCacheMiss`). The engine fills the cache once with the first target
    /// it sees and its code (`X86JITBackend.fillReturnCache`: the compare, then the jump, then
    /// `miss` pointed at the probe). A return to the same caller each time, the common case, is
    /// then a compare and a direct jump; a link register equal to the target has bit 0 clear,
    /// so it needs no masking there.
    private mutating func emitReturnCache() {
        asm.alignWithNops(4, ahead: 2)
        asm.byte(0x48); asm.byte(0x3d)  // cmp rax, imm32 (REX.W 3D id)
        let pcField = asm.offset
        asm.int32(ReturnCache.emptyPC)
        asm.alignWithNops(4, ahead: 2)
        let miss = asm.newLabel()
        asm.jcc(.ne, miss)
        asm.alignWithNops(4, ahead: 1)
        let jumpField = asm.jmp(miss)
        precondition(jumpField - pcField == ReturnCache.jumpField && asm.offset - pcField == ReturnCache.probe
                     && asm.bytes[pcField + ReturnCache.missField - 2] == 0x0f, "return cache layout")
        stubs.append(.returnCacheMiss(miss, record: newRecord(.returnCacheMiss, patchSite: pcField)))
    }

    /// Inline lookup of the guest pc in rax in the running thread's `JumpCache` (its entries'
    /// address is in the frame header): on a hit, jump to the target's code; on a miss fall
    /// through (to the engine exit) with rax intact. The entry of pc (bit 0 clear: `jalr`
    /// clears it) is the pair at byte offset `(pc & (mask << 1)) * 8`, as `JumpCache.slot`.
    private mutating func probeJumpCache() {
        let miss = asm.newLabel()
        asm.mov(.b32, .rcx, .reg(.rax))
        asm.alu(.and, .b32, .reg(.rcx), imm: Int32(JumpCache.mask << 1))
        asm.mov(.b64, .rdx, .mem(X86Mem(.r15, JITFrame.jumpCache)))
        asm.cmp(.b64, .rax, .mem(X86Mem(.rdx, index: .rcx, scaleShift: 3)))
        asm.jcc(.ne, miss)
        // A matching entry always has code: its block's, or `sq_jit_indirect_miss` (JumpCache).
        asm.jmp(.mem(X86Mem(.rdx, index: .rcx, scaleShift: 3, 8)))
        asm.bind(miss)
    }
}
