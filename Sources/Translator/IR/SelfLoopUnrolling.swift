/// Unrolling of small one-block loops for the JIT (docs/jit.md, "Unrolled loops").
///
/// A block whose body ends in a conditional branch back to its own start and a `goto` out,
///
///     body ; brCC a, b -> start ; goto exit
///
/// becomes `factor` copies of the body in one block, each but the last followed by the inverted
/// branch out:
///
///     body ; br!CC a, b -> exit ; body ; br!CC a, b -> exit ; ... ; body ; brCC a, b -> start ; goto exit
///
/// which runs the same guest instructions in the same order: an iteration that would leave the
/// loop leaves at its own copy's branch. The copies repeat the block's instruction addresses, so
/// every op keeps the guest pc of its instruction (precise exits), and the block counts
/// `factor` times the instructions, of which a side exit takes off those it skipped, as for any
/// branch inside a superblock. So the loop top's interrupt test and count, and the base checks
/// of accesses whose base only moved by constants since an earlier copy checked it, run once
/// per `factor` iterations. Bodies with other control transfers or with `rdcounter` (which would
/// see the later copies counted) are left alone.
extension TranslatedBlock {
    /// Body ops (the block's ops before its final branch) up to which a loop is copied four
    /// times, and up to which twice.
    static let unrollFourBodyOps = 8
    static let unrollTwiceBodyOps = 24

    /// The unrolled form of `block` when it is a small one-block loop (a new allocation the
    /// caller owns, freed like any block), else nil.
    public static func unrolledSelfLoop(_ block: UnsafeMutablePointer<TranslatedBlock>) -> UnsafeMutablePointer<TranslatedBlock>? {
        let b = block.pointee
        let opCount = Int(b.opCount), insnCount = Int(b.instructionCount)
        guard opCount >= 2, insnCount >= 1 else { return nil }
        let branch = b.ops[opCount - 2], exit = b.ops[opCount - 1]
        guard exit.opcode == .goto, UInt64(bitPattern: exit.imm) != b.guestPC,
              let inverted = branch.opcode.invertedBranch, UInt64(bitPattern: branch.imm) == b.guestPC,
              Int(b.opInstruction[opCount - 2]) == insnCount - 1, Int(b.opInstruction[opCount - 1]) == insnCount - 1 else { return nil }
        let bodyOps = opCount - 2
        let factor = bodyOps <= unrollFourBodyOps ? 4 : bodyOps <= unrollTwiceBodyOps ? 2 : 1
        guard factor > 1, factor * insnCount <= Int(UInt16.max) else { return nil }
        for i in 0..<bodyOps {
            let op = b.ops[i]
            if op.opcode == .rdcounter || op.opcode.flags.contains(.endsBlock) || op.opcode.invertedBranch != nil {
                return nil
            }
        }
        var builder = IRBuilder(firstTemp: 0, tempCount: 0)
        for copy in 0..<factor {
            var i = 0
            for insn in 0..<insnCount {
                builder.beginInstruction(pc: b.instructionPCs[insn])
                while i < opCount - 1, Int(b.opInstruction[i]) == insn {
                    var op = b.ops[i]
                    if i == opCount - 2 && copy < factor - 1 {
                        op.opcode = inverted
                        op.imm = exit.imm
                    }
                    builder.emit(op)
                    i += 1
                }
            }
        }
        builder.emit(exit)
        builder.endPC = b.guestEnd
        return TranslatedBlock.make(from: builder, guestPC: b.guestPC, guestEnd: b.guestEnd)
    }
}

extension IROpcode {
    /// The conditional branch taken exactly when this one is not (nil: not a conditional branch).
    public var invertedBranch: IROpcode? {
        switch self {
        case .brEq: return .brNe
        case .brNe: return .brEq
        case .brLts: return .brGes
        case .brGes: return .brLts
        case .brLtu: return .brGeu
        case .brGeu: return .brLtu
        default: return nil
        }
    }
}
