/// Lowering of guest loads and stores (checked, no host faults).
///
/// The address goes to rax. It must satisfy the interpreter's rule (`GuestMemory.isAccessible`):
/// `address <= size - length` (checked as `address < size` and `last < size`, which cannot
/// wrap) and the permission bit on the pages of the first and the last byte (one page when the
/// access is a single byte). A failed check jumps to an out-of-line stub that stores the address
/// and leaves with `loadFault` / `storeFault`. The access itself is one instruction on
/// `[r14 + rax]`, into or from the cache register of the slot when it has one. After a store, a
/// page with `PagePermission.translated` leaves with `codeWritten`, as the interpreter does.
/// Only rax, rcx and rdx are used.
extension X86BlockCompiler {
    mutating func lowerMemory(_ op: IROp) -> Bool {
        switch op.opcode {
        case .ld8u: emitLoad(op, 1) { $0.asm.movzx(.b8, $1, $2) }
        case .ld8s: emitLoad(op, 1) { $0.asm.movsx(.b8, $1, $2) }
        case .ld16u: emitLoad(op, 2) { $0.asm.movzx(.b16, $1, $2) }
        case .ld16s: emitLoad(op, 2) { $0.asm.movsx(.b16, $1, $2) }
        case .ld32u: emitLoad(op, 4) { $0.asm.mov(.b32, $1, $2) }
        case .ld32s: emitLoad(op, 4) { $0.asm.movsx(.b32, $1, $2) }
        case .ld64: emitLoad(op, 8) { $0.asm.mov(.b64, $1, $2) }
        case .st8: emitStore(op, .b8, 1)
        case .st16: emitStore(op, .b16, 2)
        case .st32: emitStore(op, .b32, 4)
        case .st64: emitStore(op, .b64, 8)
        default: return false
        }
        return true
    }

    /// The guest operand `[r14 + rax]`.
    var guestOperand: X86Operand { .mem(X86Mem(.r14, index: .rax)) }

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
    /// jumps to `fault` when outside the address space;
    /// leaves rcx = page of the last byte and, for length > 1, rdx = page of the first byte.
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
    }

    /// Fast check of [rax, rax + length) for `permission`: naturally aligned (so on one page,
    /// and below the size, a power of two, when rax is) and inside the address space in one
    /// `test rax, [r15 + mask]` (`JITFrame.accessMask`), then the page flag.
    /// Anything else jumps to `slow`, which runs the exact check. Leaves rcx = page of rax.
    private mutating func fastCheck(_ length: Int32, _ permission: UInt8, slow: X86Label) {
        asm.test(.b64, .mem(X86Mem(.r15, JITFrame.accessMask(length: length))), .rax)
        asm.jcc(.ne, slow)
        asm.mov(.rcx, .rax)
        asm.shift(.shr, .b64, .reg(.rcx), imm: UInt8(GuestMemory.pageShift))
        asm.test(.b8, .mem(X86Mem(.r13, index: .rcx)), imm: Int32(permission))
        asm.jcc(.e, slow)
    }

    /// The exact check (`checkBounds` and both pages' flags), out of line.
    mutating func emitSlowCheck(_ length: Int32, _ permission: UInt8, fault: X86Label) {
        checkBounds(length, fault: fault)
        asm.test(.b8, .mem(X86Mem(.r13, index: .rcx)), imm: Int32(permission))
        asm.jcc(.e, fault)
        if length > 1 {
            asm.test(.b8, .mem(X86Mem(.r13, index: .rdx)), imm: Int32(permission))
            asm.jcc(.e, fault)
        }
    }

    private mutating func emitLoad(_ op: IROp, _ length: Int32, _ access: (inout X86BlockCompiler, X86Reg, X86Operand) -> Void) {
        let fault = faultStub(.loadFault)
        let slow = asm.newLabel(), back = asm.newLabel()
        stubs.append(.slowLoad(slow, back: back, length: length, fault: fault))
        computeAddress(op)
        fastCheck(length, PagePermission.read, slow: slow)
        asm.bind(back)
        let rd = destinationRegister(op.d, .rcx)
        access(&self, rd, guestOperand)
        commit(op.d, rd)
    }

    /// Fast path: aligned, one page, writable and not translated (a translated page goes the
    /// slow way, which stores and then leaves with `codeWritten`).
    private mutating func emitStore(_ op: IROp, _ width: X86Width, _ length: Int32) {
        let fault = faultStub(.storeFault)
        let written = faultStub(.codeWritten)
        let slow = asm.newLabel(), done = asm.newLabel()
        let valueReg = op.b == IRSlot.zero ? nil : cachedRegister(op.b)
        stubs.append(.slowStore(slow, done: done, width: width, length: length, fault: fault, written: written, value: valueReg, valueSlot: op.b))
        computeAddress(op)
        asm.test(.b64, .mem(X86Mem(.r15, JITFrame.accessMask(length: length))), .rax)
        asm.jcc(.ne, slow)
        asm.mov(.rcx, .rax)
        asm.shift(.shr, .b64, .reg(.rcx), imm: UInt8(GuestMemory.pageShift))
        asm.movzx(.b8, .rcx, .mem(X86Mem(.r13, index: .rcx)))
        asm.alu(.and, .b32, .reg(.rcx), imm: Int32(PagePermission.write | PagePermission.translated))
        asm.alu(.cmp, .b32, .reg(.rcx), imm: Int32(PagePermission.write))
        asm.jcc(.ne, slow)
        let value = valueReg ?? { load(.rdx, op.b); return X86Reg.rdx }()
        asm.mov(width, guestOperand, value)
        asm.bind(done)
    }

    /// Out-of-line exact store path: checks, the store, then `codeWritten` for translated pages.
    mutating func emitSlowStore(width: X86Width, length: Int32, fault: X86Label, written: X86Label, value: X86Reg?, valueSlot: UInt16) {
        checkBounds(length, fault: fault)
        asm.test(.b8, .mem(X86Mem(.r13, index: .rcx)), imm: Int32(PagePermission.write))
        asm.jcc(.e, fault)
        if length > 1 {
            asm.test(.b8, .mem(X86Mem(.r13, index: .rdx)), imm: Int32(PagePermission.write))
            asm.jcc(.e, fault)
            asm.movzx(.b8, .rcx, .mem(X86Mem(.r13, index: .rcx)))
            asm.alu(.or, .b8, .rcx, .mem(X86Mem(.r13, index: .rdx)))
        } else {
            asm.movzx(.b8, .rcx, .mem(X86Mem(.r13, index: .rcx)))
        }
        let v: X86Reg
        if let value { v = value } else {
            if valueSlot == IRSlot.zero { asm.alu(.xor, .b32, .rdx, .rdx) } else { asm.mov(.b64, .rdx, slot(valueSlot)) }
            v = .rdx
        }
        asm.mov(width, guestOperand, v)
        asm.test(.b8, .reg(.rcx), imm: Int32(PagePermission.translated))
        asm.jcc(.ne, written)
    }
}
