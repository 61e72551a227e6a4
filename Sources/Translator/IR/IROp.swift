/// One IR operation: 16 bytes, laid out for a fast interpreter loop and easy JIT lowering.
///
/// `d`, `a` and `b` are slot numbers (see `IRSlot`); `imm` is the immediate. Ops with a third
/// source slot (`c`) keep it in `imm` (`IROp.cSlot`); FP ops keep their mode in `imm` too.
@frozen
public struct IROp: Sendable, Equatable {
    public var opcode: IROpcode
    public var d: UInt16
    public var a: UInt16
    public var b: UInt16
    public var imm: Int64

    @inlinable
    public init(_ opcode: IROpcode, d: UInt16 = 0, a: UInt16 = 0, b: UInt16 = 0, imm: Int64 = 0) {
        self.opcode = opcode
        self.d = d
        self.a = a
        self.b = b
        self.imm = imm
    }

    /// The third source slot of `sel` and the fused multiply-add ops (bits 16...31 of `imm`).
    @inlinable public var cSlot: UInt16 { UInt16(truncatingIfNeeded: imm >> 16) }
}

/// Operand shape and flags of an opcode, from codegen/ir_ops.txt.
public struct IROpInfo: Sendable {
    /// The op's name as written in the table and in `-d op` dumps.
    public let name: String
    /// The operands it uses, e.g. "d,a,i".
    public let operands: String
    /// Block-structure and side-effect flags.
    public let flags: IROpFlags
}

/// Flags from the op table.
public struct IROpFlags: OptionSet, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    /// Always leaves the block (T).
    public static let endsBlock = IROpFlags(rawValue: 1)
    /// May leave the block (X).
    public static let mayExit = IROpFlags(rawValue: 2)
    /// Accesses guest memory and may fault (M).
    public static let memory = IROpFlags(rawValue: 4)
    /// Floating point; `imm` holds an `FPMode` (F).
    public static let floatingPoint = IROpFlags(rawValue: 8)
    /// Has effects beyond writing `d` (S).
    public static let sideEffects = IROpFlags(rawValue: 16)
}

/// Fixed slot numbers shared by every guest. Guest registers follow from `IRSlot.firstGuest`;
/// each guest's layout says where its registers and its temporaries live.
public enum IRSlot {
    /// Always zero; never written.
    public static let zero: UInt16 = 0
    /// The guest program counter.
    public static let pc: UInt16 = 1
    /// Accrued IEEE exception flags, RISC-V order: NV 16, DZ 8, OF 4, UF 2, NX 1.
    public static let fpFlags: UInt16 = 2
    /// Dynamic rounding mode (0 RNE, 1 RTZ, 2 RDN, 3 RUP, 4 RMM; others are invalid).
    public static let fpRoundingMode: UInt16 = 3
    /// Address held by a load-reserved (all ones when there is no reservation).
    public static let reservationAddress: UInt16 = 4
    /// Value read by the load-reserved.
    public static let reservationValue: UInt16 = 5
    /// Writes that the guest discards (e.g. to a zero register) land here.
    public static let discard: UInt16 = 6
    /// First slot available to guest registers.
    public static let firstGuest: UInt16 = 16
}

/// The floating-point mode carried in the immediate of F ops.
public enum FPMode {
    /// Bits 0...2: rounding mode 0...4 (RNE, RTZ, RDN, RUP, RMM) or 7 = dynamic (`IRSlot.fpRoundingMode`).
    public static let roundingMask: Int64 = 7
    /// Dynamic rounding: read the mode from `IRSlot.fpRoundingMode` at run time.
    public static let dynamicRounding: Int64 = 7
    /// Bit 3: binary32 values live NaN-boxed in 64-bit slots (upper 32 bits all ones); an input
    /// that is not properly boxed reads as the canonical NaN, and results are boxed.
    public static let nanBoxed: Int64 = 8
    /// Bit 4: every NaN result is the canonical quiet NaN (no payload propagation).
    public static let canonicalNaN: Int64 = 16

    /// Mode bits plus an optional third source slot (`c`) in bits 16...31.
    @inlinable
    public static func make(rounding: Int64, nanBoxed: Bool, canonicalNaN: Bool, c: UInt16 = 0) -> Int64 {
        rounding | (nanBoxed ? Self.nanBoxed : 0) | (canonicalNaN ? Self.canonicalNaN : 0) | (Int64(c) << 16)
    }
}

/// Trap kinds carried by the `trap` op.
public enum IRTrapKind: UInt16, Sendable {
    case illegalInstruction = 0
    case breakpoint = 1
    case instructionCacheFlush = 2
    case instructionFetchFault = 3
}
