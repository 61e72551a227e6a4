/// Lowering of guest loads and stores (host-fault access, docs/jit.md "Memory access").
///
/// The address goes to rax (or, for an access with no offset off a cached base register, stays
/// in that register: the slow path then starts by copying it to rax). Inline, one mask test
/// keeps the access naturally aligned and inside the reserved guest region
/// (`JITFrame.accessMask`), then the access itself is one instruction on `[r14 + rax]`, into
/// or from the cache register of the slot when it has one. Off a *checked base* (a cached base
/// register tested below the size once in the block, with guard zones around the region:
/// docs/jit.md, "Checked bases") the access is only `[r14 + base + imm]`. The host
/// protections of the region mirror the guest's page permissions (and pages holding translated
/// code are write-protected), so an access the guest may not make faults on the host: the C
/// handler (`sq_jit_fault_redirect`) finds the access in the block's fault table and resumes at
/// its out-of-line slow path, the same one a misaligned access jumps to. The slow path runs the
/// interpreter's exact rule (`GuestMemory.isAccessible`: `address < size` and `last < size`,
/// which cannot wrap, and the permission bit on the pages of the first and the last byte); a
/// failure jumps to the stub that leaves with `loadFault` / `storeFault` and the address. It
/// then does the access itself (a second copy, not in the fault table: a host fault there is an
/// emulator bug and ends the process) and jumps back. A store to a page with translated code
/// gives the page its guest protection back (helper call), stores, and leaves with
/// `codeWritten`, as the interpreter does. Only rax, rcx and rdx are used.
extension X86BlockCompiler {
    mutating func lowerMemory(_ op: IROp) -> Bool {
        switch op.opcode {
        case .ld8u, .ld8s: emitLoad(op, 1)
        case .ld16u, .ld16s: emitLoad(op, 2)
        case .ld32u, .ld32s: emitLoad(op, 4)
        case .ld64: emitLoad(op, 8)
        case .st8: emitStore(op, .b8, 1)
        case .st16: emitStore(op, .b16, 2)
        case .st32: emitStore(op, .b32, 4)
        case .st64: emitStore(op, .b64, 8)
        default: return false
        }
        return true
    }

    /// The guest operand `[r14 + rax]`.
    var guestOperand: X86Operand { guestOperand(.rax) }

    /// The guest operand `[r14 + address]`.
    func guestOperand(_ address: X86Reg) -> X86Operand { .mem(X86Mem(.r14, index: address)) }

    /// The register holding the access's address: a cached base with no offset as it is, else
    /// rax = base + imm (`computeAddress`).
    mutating func addressRegister(_ op: IROp) -> X86Reg {
        if op.imm == 0, op.a != IRSlot.zero, let r = cachedRegister(op.a) { return r }
        computeAddress(op)
        return .rax
    }

    /// rax = `address` + `displacement` (a slow path's first step; nothing when rax already is).
    private mutating func addressToRAX(_ address: X86Reg, _ displacement: Int32) {
        if address == .rax { return }
        if displacement == 0 { asm.mov(.rax, address) } else { asm.lea(.rax, X86Mem(address, displacement)) }
    }

    // MARK: checked bases

    /// The cached base register of `op` when the access can rely on one check of the base for
    /// the whole block (docs/jit.md, "Checked bases"): the guest region has guard zones
    /// (`memoryGuardBytes` >= 4 KiB) so that `[base + imm]` with base < size and |imm| <= 2 KiB
    /// faults on the host when it is outside the region, and the access is the last op of its
    /// guest instruction (the failed-check path completes the instruction and leaves after it).
    private func checkableBase(_ op: IROp) -> X86Reg? {
        guard memoryGuardBytes >= 4096, op.a != IRSlot.zero, op.imm >= -2048, op.imm <= 2047 else { return nil }
        if let moved = checkedBases.first(where: { $0.slot == op.a }) {
            // Checked when it was `moved.delta` lower: the host access lands within the guard
            // zones as long as the displacement from the checked value stays small.
            let offset = moved.delta + op.imm
            guard offset >= -2048, offset <= 2047 else { return nil }
        }
        let b = block.pointee
        let i = Int(opIndex)
        guard i + 1 < Int(b.opCount), b.opInstruction[i + 1] != b.opInstruction[i] else { return nil }
        return cachedRegister(op.a)
    }

    /// Unless the base slot was checked earlier in the block (and not written since):
    /// `test base, [r15 + mask1]` (base < size), jumping to `failed` when not.
    private mutating func checkBase(_ op: IROp, _ base: X86Reg, failed: X86Label) -> Bool {
        if checkedBases.contains(where: { $0.slot == op.a }) { return false }
        asm.test(.b64, .mem(X86Mem(.r15, JITFrame.accessMask(length: 1))), base)
        asm.jcc(.ne, failed)
        checkedBases.append((op.a, 0))
        return true
    }

    /// After `op`: a checked base moved by `addi` (or copied by `mov`) stays checked, with the
    /// distance from the value that was tested; any other write of a slot drops it.
    mutating func updateCheckedBases(after op: IROp) {
        let d = Self.slotUse(op).3
        var moved: (slot: UInt16, delta: Int64)?
        if op.opcode == .addi || op.opcode == .mov, let source = checkedBases.first(where: { $0.slot == op.a }) {
            let delta = source.delta &+ (op.opcode == .addi ? op.imm : 0)
            if delta >= -2048 && delta <= 2047 { moved = (d, delta) }
        }
        checkedBases.removeAll { $0.slot == d }
        if let moved, d != IRSlot.zero { checkedBases.append(moved) }
    }

    /// The failed-base-check path of the access being lowered (after its `commit`, so the
    /// write-back list includes a loaded destination): `access` with the check's label, then
    /// out at the guest pc after the access's instruction, the block's later instructions
    /// (counted at entry, not run) taken off the count.
    private mutating func addBaseCheckFailed(_ access: Stub, frameDestination: UInt16?) {
        let b = block.pointee
        let insn = Int(b.opInstruction[Int(opIndex)])
        let next = insn + 1 < Int(b.instructionCount) ? b.instructionPCs[insn + 1] : b.guestEnd
        stubs.append(.baseCheckFailed(access: access, frameDestination: frameDestination, writeBack: exitWriteBack(),
                                      skipped: Int32(b.instructionCount) - Int32(insn + 1), pc: next))
    }

    /// rax = slot a + imm.
    mutating func computeAddress(_ op: IROp) {
        if X86Assembler.fitsInt32(op.imm), op.imm != 0, op.a != IRSlot.zero, let ra = cachedRegister(op.a) {
            asm.lea(.rax, X86Mem(ra, Int32(op.imm)))
            return
        }
        load(.rax, op.a)
        if op.imm == 0 { return }
        if X86Assembler.fitsInt32(op.imm) {
            asm.alu(.add, .b64, .reg(.rax), imm: Int32(op.imm))
        } else {
            asm.movImm(.rcx, UInt64(bitPattern: op.imm))
            asm.alu(.add, .b64, .rax, .rcx)
        }
    }

    /// Bounds check of [rax, rax + length) (`rax < size` and `last < size`, so nothing wraps):
    /// jumps to `fault` when outside the address space; leaves rcx = address of the page-flag
    /// byte of the last byte's page and, for length > 1, rdx = that of the first byte's page
    /// (the table's address is in the frame header, `JITFrame.pageFlags`).
    mutating func checkBounds(_ length: Int32, fault: X86Label) {
        // x < size  <=>  x & -size == 0 (the 1-byte access mask), for a power-of-two size.
        let below = X86Operand.mem(X86Mem(.r15, JITFrame.accessMask(length: 1)))
        asm.test(.b64, below, .rax)
        asm.jcc(.ne, fault)
        if length == 1 {
            asm.mov(.rcx, .rax)
        } else {
            asm.lea(.rcx, X86Mem(.rax, length - 1))
            asm.test(.b64, below, .rcx)
            asm.jcc(.ne, fault)
            asm.mov(.rdx, .rax)
            asm.shift(.shr, .b64, .reg(.rdx), imm: UInt8(GuestMemory.pageShift))
        }
        asm.shift(.shr, .b64, .reg(.rcx), imm: UInt8(GuestMemory.pageShift))
        let table = X86Operand.mem(X86Mem(.r15, JITFrame.pageFlags))
        asm.alu(.add, .b64, .rcx, table)
        if length > 1 { asm.alu(.add, .b64, .rdx, table) }
    }

    /// Fast check: `test rax, [r15 + mask]` is zero exactly when [rax, rax + length) is naturally
    /// aligned (so on one page) and inside the address space (a power of two); else `slow`.
    private mutating func fastCheck(_ length: Int32, _ address: X86Reg, slow: X86Label) {
        asm.test(.b64, .mem(X86Mem(.r15, JITFrame.accessMask(length: length))), address)
        asm.jcc(.ne, slow)
    }

    /// Notes that the next instruction is a guest access whose host fault resumes at `slow`.
    private mutating func markFaultSite(slow: X86Label) {
        faultSites.append((asm.offset, slow))
    }

    /// The exact check (`checkBounds` and both pages' flags), out of line.
    mutating func emitSlowCheck(_ length: Int32, _ permission: UInt8, fault: X86Label) {
        checkBounds(length, fault: fault)
        asm.test(.b8, .mem(X86Mem(.rcx)), imm: Int32(permission))
        asm.jcc(.e, fault)
        if length > 1 {
            asm.test(.b8, .mem(X86Mem(.rdx)), imm: Int32(permission))
            asm.jcc(.e, fault)
        }
    }

    /// The load instruction of `opcode` into `rd` from `source` (a guest operand).
    private mutating func loadInstruction(_ opcode: IROpcode, _ rd: X86Reg, _ source: X86Operand) {
        switch opcode {
        case .ld8u: asm.movzx(.b8, rd, source)
        case .ld8s: asm.movsx(.b8, rd, source)
        case .ld16u: asm.movzx(.b16, rd, source)
        case .ld16s: asm.movsx(.b16, rd, source)
        case .ld32u: asm.mov(.b32, rd, source)
        case .ld32s: asm.movsx(.b32, rd, source)
        default: asm.mov(.b64, rd, source)
        }
    }

    /// `test/jnz` then the load: `mov rd, [r14 + rax]`; off a checked base, only
    /// `mov rd, [r14 + base + imm]`. An `ld64` of an xmm slot loads straight into its register
    /// (`movsd`).
    private mutating func emitLoad(_ op: IROp, _ length: Int32) {
        let fault = faultStub(.loadFault)
        let slow = asm.newLabel(), done = asm.newLabel()
        let xd = op.opcode == .ld64 ? xmmRegister(op.d) : nil
        if let base = checkableBase(op) {
            let failed = asm.newLabel()
            let checked = checkBase(op, base, failed: failed)
            let rd = destinationRegister(op.d, .rcx)
            let displacement = Int32(op.imm)
            markFaultSite(slow: slow)
            let source = X86Mem(.r14, index: base, displacement)
            if let xd { asm.movs(double: true, xd, source) } else { loadInstruction(op.opcode, rd, .mem(source)) }
            asm.bind(done)
            stubs.append(.slowLoad(slow, done: done, opcode: op.opcode, length: length, destination: rd, xmm: xd, fault: fault,
                                   address: base, displacement: displacement))
            if xd == nil { commit(op.d, rd) }
            if checked {
                let access = Stub.slowLoad(failed, done: done, opcode: op.opcode, length: length, destination: rd, xmm: xd, fault: fault,
                                           address: base, displacement: displacement)
                addBaseCheckFailed(access, frameDestination: xd == nil && rd == .rcx && op.d != IRSlot.zero ? op.d : nil)
            }
            return
        }
        let address = addressRegister(op)
        fastCheck(length, address, slow: slow)
        let rd = destinationRegister(op.d, .rcx)
        markFaultSite(slow: slow)
        if let xd { asm.movs(double: true, xd, X86Mem(.r14, index: address)) } else { loadInstruction(op.opcode, rd, guestOperand(address)) }
        asm.bind(done)
        stubs.append(.slowLoad(slow, done: done, opcode: op.opcode, length: length, destination: rd, xmm: xd, fault: fault, address: address,
                               displacement: 0))
        if xd == nil { commit(op.d, rd) }
    }

    /// Out-of-line load path: the exact check, then the load (a copy that is not a fault site).
    mutating func emitSlowLoad(opcode: IROpcode, length: Int32, destination: X86Reg, xmm: X86XMM?, fault: X86Label, done: X86Label,
                               address: X86Reg, displacement: Int32) {
        addressToRAX(address, displacement)
        emitSlowCheck(length, PagePermission.read, fault: fault)
        if let xmm { asm.movs(double: true, xmm, X86Mem(.r14, index: .rax)) } else { loadInstruction(opcode, destination, guestOperand) }
        _ = asm.jmp(done)
    }

    /// `test/jnz` then the store: `mov [r14 + rax], value` (a page with translated code is
    /// write-protected on the host, so the store faults into the slow path).
    private mutating func emitStore(_ op: IROp, _ width: X86Width, _ length: Int32) {
        let fault = faultStub(.storeFault)
        let written = faultStub(.codeWritten)
        let slow = asm.newLabel(), done = asm.newLabel()
        let valueReg = op.b == IRSlot.zero ? nil : cachedRegister(op.b)
        if let base = checkableBase(op) {
            let failed = asm.newLabel()
            let checked = checkBase(op, base, failed: failed)
            let displacement = Int32(op.imm)
            let access = Stub.slowStore(slow, done: done, width: width, length: length, fault: fault, written: written,
                                        value: valueReg, valueSlot: op.b, address: base, displacement: displacement)
            stubs.append(access)
            storeInstruction(op, width, valueReg, .mem(X86Mem(.r14, index: base, displacement)), slow: slow)
            asm.bind(done)
            if checked {
                addBaseCheckFailed(.slowStore(failed, done: done, width: width, length: length, fault: fault, written: written,
                                              value: valueReg, valueSlot: op.b, address: base, displacement: displacement),
                                   frameDestination: nil)
            }
            return
        }
        let address = addressRegister(op)
        stubs.append(.slowStore(slow, done: done, width: width, length: length, fault: fault, written: written, value: valueReg,
                                valueSlot: op.b, address: address, displacement: 0))
        fastCheck(length, address, slow: slow)
        storeInstruction(op, width, valueReg, guestOperand(address), slow: slow)
        asm.bind(done)
    }

    /// The inline store instruction (a fault site) to `target`: from the value's cache register,
    /// straight from its xmm register (`movsd`, an `st64` of an xmm slot), or through rdx.
    private mutating func storeInstruction(_ op: IROp, _ width: X86Width, _ valueReg: X86Reg?, _ target: X86Operand, slow: X86Label) {
        if op.opcode == .st64, let x = xmmRegister(op.b), case .mem(let m) = target {
            markFaultSite(slow: slow)
            asm.movs(double: true, m, x)
            return
        }
        let value = valueReg ?? { load(.rdx, op.b); return X86Reg.rdx }()
        markFaultSite(slow: slow)
        asm.mov(width, target, value)
    }

    /// Out-of-line exact store path: the checks, then either the store (a copy that is not a
    /// fault site) or, for a page with translated code, the page's guest protection restored by
    /// a helper, the store and `codeWritten`.
    mutating func emitSlowStore(width: X86Width, length: Int32, fault: X86Label, written: X86Label, value: X86Reg?, valueSlot: UInt16,
                                done: X86Label, address: X86Reg, displacement: Int32) {
        addressToRAX(address, displacement)
        checkBounds(length, fault: fault)
        asm.test(.b8, .mem(X86Mem(.rcx)), imm: Int32(PagePermission.write))
        asm.jcc(.e, fault)
        if length > 1 {
            asm.test(.b8, .mem(X86Mem(.rdx)), imm: Int32(PagePermission.write))
            asm.jcc(.e, fault)
            asm.movzx(.b8, .rcx, .mem(X86Mem(.rcx)))
            asm.alu(.or, .b8, .rcx, .mem(X86Mem(.rdx)))
        } else {
            asm.movzx(.b8, .rcx, .mem(X86Mem(.rcx)))
        }
        let code = asm.newLabel()
        asm.test(.b8, .reg(.rcx), imm: Int32(PagePermission.watched))
        asm.jcc(.ne, code)
        storeValue(width: width, value: value, valueSlot: valueSlot)
        _ = asm.jmp(done)

        // A watched page (translated code, or write-tracked: `GuestMemory.prepareWrite`): unprotect
        // (only scratch and caller-saved cache registers need saving: the helper touches neither
        // the frame nor the callee-saved registers).
        asm.bind(code)
        let saved: [X86Reg] = [.rax, .rsi, .rdi, .r8, .r9, .r10, .r11]
        spillXMMSlots()
        for r in saved { asm.push(r) }
        asm.alu(.sub, .b64, .reg(.rsp), imm: 8)  // 16-byte aligned at the call
        asm.movImm(.rdi, UInt64(UInt(bitPattern: memoryDescriptor)))
        asm.mov(.rsi, .rax)
        asm.movImm(.rdx, UInt64(length))
        asm.movImm(.rax, UInt64(JITHelpers.unprotectCode))
        asm.call(.reg(.rax))
        asm.alu(.add, .b64, .reg(.rsp), imm: 8)
        for r in saved.reversed() { asm.pop(r) }
        reloadXMMSlots()
        storeValue(width: width, value: value, valueSlot: valueSlot)
        _ = asm.jmp(written)
    }

    /// `mov [r14 + rax], value` with the value from its cache register or the frame (rdx).
    private mutating func storeValue(width: X86Width, value: X86Reg?, valueSlot: UInt16) {
        let v: X86Reg
        if let value { v = value } else {
            if valueSlot == IRSlot.zero {
                asm.alu(.xor, .b32, .rdx, .rdx)
            } else if let x = xmmRegister(valueSlot) {
                asm.movq(.rdx, x)
            } else {
                asm.mov(.b64, .rdx, slot(valueSlot))
            }
            v = .rdx
        }
        asm.mov(width, guestOperand, v)
    }
}
