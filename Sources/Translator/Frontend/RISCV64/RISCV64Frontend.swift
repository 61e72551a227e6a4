/// The riscv64 guest frontend: RV64GC (I, M, A, F, D, C, Zicsr, Zifencei) plus Zba, Zbb, Zbs.
///
/// Decoding is table-driven (codegen/riscv64.decode → RISCV64Decoder, RISCV64Dispatch); each
/// instruction `name` is translated by `trans<Name>` in the files next to this one.
/// Slot layout: x0 is `IRSlot.zero`, x1...x31 are `IRSlot.firstGuest + n`, f0...f31 follow at
/// `IRSlot.firstGuest + 32 + n`. See docs/riscv64-frontend.md.
public enum RISCV64Frontend: GuestFrontend {
    /// x0...x31 (x0's slot is unused: x0 is `IRSlot.zero`) and f0...f31.
    public static var guestSlotCount: UInt16 { 64 }
    /// Temporaries one instruction may use.
    public static var tempsPerInstruction: UInt16 { 16 }
    /// Pinned in host registers across translated code: a5 and a4 (gcc's usual scratch
    /// registers, written by most blocks), sp (read by most blocks), a0 (arguments and results),
    /// s0 and s2 (saved registers) and ra (calls and returns). Chosen by measurement
    /// (docs/jit.md, "Pinned slots").
    public static var pinnedSlots: [UInt16] { [xSlot(15), xSlot(14), xSlot(2), xSlot(10), xSlot(8), xSlot(1), xSlot(18)] }
    /// `ra`: `jalr x0, 0(ra)` is `ret`.
    public static var returnAddressSlot: UInt16? { xSlot(1) }

    /// Slot of integer register `x<n>`; x0 is the always-zero slot.
    @inlinable
    public static func xSlot(_ n: Int) -> UInt16 {
        n == 0 ? IRSlot.zero : IRSlot.firstGuest + UInt16(truncatingIfNeeded: n)
    }

    /// Slot of floating-point register `f<n>`.
    @inlinable
    public static func fSlot(_ n: Int) -> UInt16 {
        IRSlot.firstGuest + 32 + UInt16(truncatingIfNeeded: n)
    }

    /// Text form of an instruction for `-d in_asm` (a compressed one in the low 16 bits).
    public static func disassemble(_ word: UInt32) -> String {
        RISCV64Disassembler.disassemble(word)
    }

    /// Text form with absolute branch targets for an instruction at `pc`.
    public static func disassemble(_ word: UInt32, pc: UInt64) -> String {
        RISCV64Disassembler.disassemble(word, pc: pc)
    }

    /// Forward conditional branches a block may continue past (its side exits); the next one,
    /// or any backward one, ends it.
    static let maxSideExits = 3

    /// Direct calls (`jal` with a link register) a block may follow into their callee; a return
    /// through the link one of them set, with the link register unchanged since, goes on in the
    /// caller in the same block (docs/riscv64-frontend.md, "Blocks").
    static let maxFollowedCalls = 2

    /// Translates guest code from `startPC` until a jump, a syscall or trap, a backward or the
    /// `maxSideExits + 1`-th forward conditional branch, an illegal or unfetchable instruction, or
    /// `maxInstructions` (docs/riscv64-frontend.md, "Blocks").
    public static func translateBlock(at startPC: UInt64, memory: GuestMemory, into b: inout IRBuilder, maxInstructions: Int) {
        var pc = startPC
        var count = 0
        var sideExits = 0
        var followedCalls = 0
        // The link register and value of the last call followed, while no op has written it.
        var link: (slot: UInt16, value: UInt64)?
        while true {
            if count >= maxInstructions {
                b.emit(.goto, imm: Int64(bitPattern: pc))
                break
            }
            // Code reached through a followed call may lie on any page: fetch only from pages
            // the host can read (`translate` made only the start's neighbourhood readable).
            let fetched = fetch(pc, memory, readable: followedCalls > 0)
            guard fetched.length != 0 else {
                if count == 0 {
                    // Fetch fault on the block's first instruction: its own block traps. The block
                    // covers the bytes tried so that a later mprotect/mmap there invalidates it.
                    b.beginInstruction(pc: pc)
                    b.emit(.trap, a: IRTrapKind.instructionFetchFault.rawValue, imm: Int64(bitPattern: pc))
                    pc &+= fetched.tried
                } else {
                    b.emit(.goto, imm: Int64(bitPattern: pc))
                }
                break
            }
            guard var insn = RISCV64Decoder.decodeAny(fetched.bits) else {
                illegal(at: pc, length: fetched.length, first: count == 0, &b, &pc)
                break
            }
            insn.pc = pc
            b.beginInstruction(pc: pc)
            let firstOp = b.ops.count
            let step = dispatch(insn, &b)
            if step == .illegal {
                b.dropCurrentInstruction()
                illegal(at: pc, length: fetched.length, first: count == 0, &b, &pc)
                break
            }
            pc &+= fetched.length
            count += 1
            if step == .end {
                let target = UInt64(bitPattern: insn.pcRelative)
                if insn.op == .jal, insn.rd != 0, followedCalls < maxFollowedCalls, count < maxInstructions, target != startPC {
                    // A call: its `movi` link stays, its `goto` goes; on in the callee.
                    b.removeOps(from: b.ops.count - 1)
                    followedCalls += 1
                    link = (insn.xd, UInt64(bitPattern: insn.nextPC))
                    pc = target
                    continue
                }
                if insn.op == .jalr, insn.rd == 0, insn.imm == 0, let l = link, l.slot == insn.x1, count < maxInstructions {
                    // The return of a followed call (`ret`, `jr t0`): to the link value, which has
                    // bit 0 clear; on in the caller.
                    b.removeOps(from: firstOp)
                    link = nil
                    pc = l.value
                    continue
                }
                break
            }
            if let l = link, b.ops[firstOp...].contains(where: { $0.d == l.slot && $0.opcode.writesDestination }) { link = nil }
            if step == .branch {
                // Not taken: on with the next instruction (a superblock), or end here. Only past
                // forward branches: the fall-through of a backward one (a loop's back edge) is
                // the loop's exit, cold code that would take the loop's cache registers.
                let forward = UInt64(bitPattern: b.ops[b.ops.count - 1].imm) > insn.pc
                if forward && sideExits < maxSideExits && count < maxInstructions {
                    sideExits += 1
                } else {
                    b.emit(.goto, imm: Int64(bitPattern: pc))
                    break
                }
            }
        }
        b.endPC = pc
    }

    /// Ends the block at an illegal instruction: `trap` kind 0 when it is the first one, else
    /// `goto pc` so that the trap gets a block of its own.
    static func illegal(at pc: UInt64, length: UInt64, first: Bool, _ b: inout IRBuilder, _ end: inout UInt64) {
        if first {
            b.beginInstruction(pc: pc)
            b.emit(.trap, a: IRTrapKind.illegalInstruction.rawValue, imm: Int64(bitPattern: pc))
            end = pc &+ length
        } else {
            b.emit(.goto, imm: Int64(bitPattern: pc))
            end = pc
        }
    }

    /// Reads the instruction at `pc` in 16-bit parcels (section 1.5: a 32-bit instruction may
    /// straddle a page). `length` is 0 when it cannot be fetched; `tried` is how many bytes the
    /// fetch wanted.
    static func fetch(_ pc: UInt64, _ m: GuestMemory, readable: Bool = false) -> (bits: UInt32, length: UInt64, tried: UInt64) {
        let permission = readable ? PagePermission.execute | PagePermission.read : PagePermission.execute
        guard m.isAccessible(pc, 2, permission) else { return (0, 0, 2) }
        let low = UInt32(m.load(pc, as: UInt16.self))
        if low & 3 != 3 { return (low, 2, 2) }
        guard m.isAccessible(pc &+ 2, 2, permission) else { return (0, 0, 4) }
        return (low | UInt32(m.load(pc &+ 2, as: UInt16.self)) << 16, 4, 4)
    }
}

/// What translating one instruction did to the block.
enum RISCV64Step: Equatable {
    /// Continue with the next instruction.
    case next
    /// The instruction ended the block (jump, ecall, ebreak, fence.i).
    case end
    /// A conditional branch: its taken exit is emitted; the block may go on with the fall-through.
    case branch
    /// The encoding is illegal after all (e.g. a reserved rounding mode or an unknown CSR);
    /// nothing of it may remain in the block.
    case illegal
}

extension RISCV64Instruction {
    /// Slot of x`rd`.
    @inline(__always) var xd: UInt16 { RISCV64Frontend.xSlot(rd) }
    /// Slot of x`rs1`.
    @inline(__always) var x1: UInt16 { RISCV64Frontend.xSlot(rs1) }
    /// Slot of x`rs2`.
    @inline(__always) var x2: UInt16 { RISCV64Frontend.xSlot(rs2) }
    /// Slot of f`rd`.
    @inline(__always) var fd: UInt16 { RISCV64Frontend.fSlot(rd) }
    /// Slot of f`rs1`.
    @inline(__always) var f1: UInt16 { RISCV64Frontend.fSlot(rs1) }
    /// Slot of f`rs2`.
    @inline(__always) var f2: UInt16 { RISCV64Frontend.fSlot(rs2) }
    /// Slot of f`rs3`.
    @inline(__always) var f3: UInt16 { RISCV64Frontend.fSlot(rs3) }
    /// Address of the next instruction, as an IR immediate.
    @inline(__always) var nextPC: Int64 { Int64(bitPattern: pc &+ length) }
    /// `pc + imm` (branch and jump targets, auipc), as an IR immediate.
    @inline(__always) var pcRelative: Int64 { Int64(bitPattern: pc &+ UInt64(bitPattern: imm)) }
}
