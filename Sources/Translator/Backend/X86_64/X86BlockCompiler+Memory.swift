/// Lowering of guest loads and stores (v1: explicit checks, no host faults).
///
/// The address goes to rax. It must satisfy the interpreter's rule (`GuestMemory.isAccessible`):
/// `address <= size - length` (checked as `address < size` and `last < size`, which cannot
/// wrap) and the permission bit on the pages of the first and the last byte. A failed check
/// jumps to an out-of-line stub that stores the address and leaves with `loadFault` /
/// `storeFault`. The access itself is one instruction on `[r14 + rax]`. After a store, a page
/// with `PagePermission.translated` leaves with `codeWritten`, as the interpreter does.
extension X86BlockCompiler {
    mutating func lowerMemory(_ op: IROp) -> Bool {
        switch op.opcode {
        case .ld8u: emitLoad(op, 1) { $0.asm.movzx(.b8, .rcx, $1) }
        case .ld8s: emitLoad(op, 1) { $0.asm.movsx(.b8, .rcx, $1) }
        case .ld16u: emitLoad(op, 2) { $0.asm.movzx(.b16, .rcx, $1) }
        case .ld16s: emitLoad(op, 2) { $0.asm.movsx(.b16, .rcx, $1) }
        case .ld32u: emitLoad(op, 4) { $0.asm.mov(.b32, .rcx, $1) }
        case .ld32s: emitLoad(op, 4) { $0.asm.movsx(.b32, .rcx, $1) }
        case .ld64: emitLoad(op, 8) { $0.asm.mov(.b64, .rcx, $1) }
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
        load(.rax, op.a)
        if op.imm == 0 { return }
        if X86Assembler.fitsInt32(op.imm) {
            asm.alu(.add, .b64, .reg(.rax), imm: Int32(op.imm))
        } else {
            asm.movImm(.rcx, UInt64(bitPattern: op.imm))
            asm.alu(.add, .b64, .rax, .rcx)
        }
    }

    /// Bounds check of [rax, rax + length): jumps to `fault` when outside the address space;
    /// leaves rcx = page of the last byte, rdx = page of the first byte.
    mutating func checkBounds(_ length: Int32, fault: X86Label) {
        asm.cmp(.b64, .rax, .reg(.r12))
        asm.jcc(.ae, fault)
        asm.lea(.rcx, X86Mem(.rax, length - 1))
        asm.cmp(.b64, .rcx, .reg(.r12))
        asm.jcc(.ae, fault)
        asm.shift(.shr, .b64, .reg(.rcx), imm: UInt8(GuestMemory.pageShift))
        asm.mov(.rdx, .rax)
        asm.shift(.shr, .b64, .reg(.rdx), imm: UInt8(GuestMemory.pageShift))
    }

    private mutating func emitLoad(_ op: IROp, _ length: Int32, _ access: (inout X86BlockCompiler, X86Operand) -> Void) {
        let fault = faultStub(.loadFault)
        computeAddress(op)
        checkBounds(length, fault: fault)
        asm.test(.b8, .mem(X86Mem(.r13, index: .rcx)), imm: Int32(PagePermission.read))
        asm.jcc(.e, fault)
        if length > 1 {
            asm.test(.b8, .mem(X86Mem(.r13, index: .rdx)), imm: Int32(PagePermission.read))
            asm.jcc(.e, fault)
        }
        access(&self, guestOperand)
        store(op.d, .rcx)
    }

    private mutating func emitStore(_ op: IROp, _ width: X86Width, _ length: Int32) {
        let fault = faultStub(.storeFault)
        let written = faultStub(.codeWritten)
        computeAddress(op)
        checkBounds(length, fault: fault)
        // r8b = flags of the last page, r9b = flags of the first page.
        asm.movzx(.b8, .r8, .mem(X86Mem(.r13, index: .rcx)))
        asm.movzx(.b8, .r9, .mem(X86Mem(.r13, index: .rdx)))
        asm.mov(.b32, .r10, .reg(.r8))
        asm.alu(.and, .b32, .r10, .r9)
        asm.test(.b8, .reg(.r10), imm: Int32(PagePermission.write))
        asm.jcc(.e, fault)
        load(.rcx, op.b)
        asm.mov(width, guestOperand, .rcx)
        asm.alu(.or, .b32, .r8, .r9)
        asm.test(.b8, .reg(.r8), imm: Int32(PagePermission.translated))
        asm.jcc(.ne, written)
    }
}
