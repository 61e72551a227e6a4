/// An x86-64 general-purpose register, numbered as in the instruction encoding (Intel SDM
/// vol. 2, table 2-2; r8–r15 set REX.R/X/B).
public enum X86Reg: UInt8, Sendable, CaseIterable {
    case rax = 0, rcx, rdx, rbx, rsp, rbp, rsi, rdi, r8, r9, r10, r11, r12, r13, r14, r15

    /// Low three bits, for ModRM/SIB/opcode fields.
    @inlinable var low: UInt8 { rawValue & 7 }
    /// REX extension bit.
    @inlinable var high: UInt8 { rawValue >> 3 }
}

/// Condition codes of `jcc`, `setcc` and `cmovcc` (SDM vol. 1, appendix B).
public enum X86Cond: UInt8, Sendable {
    case o = 0, no, b, ae, e, ne, be, a, s, ns, p, np, l, ge, le, g

    /// The opposite condition (the low bit flips it).
    @inlinable public var inverted: X86Cond { X86Cond(rawValue: rawValue ^ 1)! }
}

/// Operand width of an integer instruction.
public enum X86Width: Sendable {
    case b8, b16, b32, b64
}

/// A memory operand `[base + index * scale + disp]`; `base` nil means RIP-relative to `label`.
public struct X86Mem: Sendable {
    public var base: X86Reg
    public var index: X86Reg?
    /// log2 of the scale: 0...3.
    public var scaleShift: UInt8
    public var disp: Int32

    /// `[base + disp]`.
    @inlinable public init(_ base: X86Reg, _ disp: Int32 = 0) {
        self.base = base; index = nil; scaleShift = 0; self.disp = disp
    }

    /// `[base + index * (1 << scaleShift) + disp]`; `index` must not be rsp.
    @inlinable public init(_ base: X86Reg, index: X86Reg, scaleShift: UInt8 = 0, _ disp: Int32 = 0) {
        precondition(index != .rsp, "rsp cannot be an index register")
        self.base = base; self.index = index; self.scaleShift = scaleShift; self.disp = disp
    }
}

/// A register or memory operand (the r/m field).
public enum X86Operand: Sendable {
    case reg(X86Reg)
    case mem(X86Mem)
}

/// A position in the code being assembled; bound once, referenced by jumps and RIP-relative leas.
public struct X86Label: Sendable, Equatable {
    public let id: Int
}
