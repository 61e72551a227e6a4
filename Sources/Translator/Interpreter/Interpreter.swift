import CSwiftQemu

/// The IR interpreter: the portable reference backend.
///
/// It runs one block's ops over a frame of 64-bit slots. The loop allocates nothing and makes
/// no reference-counted or existential calls: the block, the frame and guest memory are raw
/// pointers, and the opcode switch compiles to a jump table.
public enum Interpreter {
    /// Runs `block` until it leaves; `regs` is the CPU frame (see `IRSlot`).
    @inline(__always)
    public static func run(
        _ block: UnsafeMutablePointer<TranslatedBlock>, regs r: UnsafeMutablePointer<UInt64>,
        memory m: GuestMemory, counters: UnsafeMutablePointer<RuntimeCounters>
    ) -> BlockExit {
        let ops = block.pointee.ops
        let count = Int(block.pointee.opCount)
        var i = 0
        while i < count {
            let op = ops[i]
            let d = Int(op.d), a = Int(op.a), b = Int(op.b)
            switch op.opcode {
            case .movi: r[d] = UInt64(bitPattern: op.imm)
            case .mov: r[d] = r[a]
            case .sel: r[d] = r[a] != 0 ? r[b] : r[Int(op.cSlot)]
            case .add: r[d] = r[a] &+ r[b]
            case .sub: r[d] = r[a] &- r[b]
            case .and: r[d] = r[a] & r[b]
            case .or: r[d] = r[a] | r[b]
            case .xor: r[d] = r[a] ^ r[b]
            case .andn: r[d] = r[a] & ~r[b]
            case .orn: r[d] = r[a] | ~r[b]
            case .xnor: r[d] = ~(r[a] ^ r[b])
            case .shl: r[d] = r[a] << (r[b] & 63)
            case .shr: r[d] = r[a] >> (r[b] & 63)
            case .sar: r[d] = UInt64(bitPattern: Int64(bitPattern: r[a]) >> Int64(r[b] & 63))
            case .rol: r[d] = IntegerOps.rotateLeft(r[a], r[b] & 63)
            case .ror: r[d] = IntegerOps.rotateLeft(r[a], (64 &- (r[b] & 63)) & 63)
            case .mul: r[d] = r[a] &* r[b]
            case .mulhs: r[d] = IntegerOps.mulHighSigned(r[a], r[b])
            case .mulhu: r[d] = r[a].multipliedFullWidth(by: r[b]).high
            case .mulhsu: r[d] = IntegerOps.mulHighSignedUnsigned(r[a], r[b])
            case .divs: r[d] = IntegerOps.divSigned(r[a], r[b])
            case .divu: r[d] = r[b] == 0 ? UInt64.max : r[a] / r[b]
            case .rems: r[d] = IntegerOps.remSigned(r[a], r[b])
            case .remu: r[d] = r[b] == 0 ? r[a] : r[a] % r[b]
            case .slts: r[d] = Int64(bitPattern: r[a]) < Int64(bitPattern: r[b]) ? 1 : 0
            case .sltu: r[d] = r[a] < r[b] ? 1 : 0
            case .seteq: r[d] = r[a] == r[b] ? 1 : 0
            case .setne: r[d] = r[a] != r[b] ? 1 : 0
            case .mins: r[d] = Int64(bitPattern: r[a]) < Int64(bitPattern: r[b]) ? r[a] : r[b]
            case .maxs: r[d] = Int64(bitPattern: r[a]) > Int64(bitPattern: r[b]) ? r[a] : r[b]
            case .minu: r[d] = min(r[a], r[b])
            case .maxu: r[d] = max(r[a], r[b])
            case .addi: r[d] = r[a] &+ UInt64(bitPattern: op.imm)
            case .andi: r[d] = r[a] & UInt64(bitPattern: op.imm)
            case .ori: r[d] = r[a] | UInt64(bitPattern: op.imm)
            case .xori: r[d] = r[a] ^ UInt64(bitPattern: op.imm)
            case .shli: r[d] = r[a] << UInt64(op.imm & 63)
            case .shri: r[d] = r[a] >> UInt64(op.imm & 63)
            case .sari: r[d] = UInt64(bitPattern: Int64(bitPattern: r[a]) >> (op.imm & 63))
            case .rori: r[d] = IntegerOps.rotateLeft(r[a], UInt64((64 &- (op.imm & 63)) & 63))
            case .sltsi: r[d] = Int64(bitPattern: r[a]) < op.imm ? 1 : 0
            case .sltui: r[d] = r[a] < UInt64(bitPattern: op.imm) ? 1 : 0
            case .add32: r[d] = IntegerOps.sext32(r[a] &+ r[b])
            case .sub32: r[d] = IntegerOps.sext32(r[a] &- r[b])
            case .shl32: r[d] = IntegerOps.sext32(r[a] << (r[b] & 31))
            case .shr32: r[d] = IntegerOps.sext32(UInt64(UInt32(truncatingIfNeeded: r[a]) >> UInt32(r[b] & 31)))
            case .sar32: r[d] = IntegerOps.sext32(UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: r[a]) >> Int32(r[b] & 31))))
            case .rol32: r[d] = IntegerOps.rotateLeft32(r[a], r[b] & 31)
            case .ror32: r[d] = IntegerOps.rotateLeft32(r[a], (32 &- (r[b] & 31)) & 31)
            case .mul32: r[d] = IntegerOps.sext32(r[a] &* r[b])
            case .divs32: r[d] = IntegerOps.divSigned32(r[a], r[b])
            case .divu32: r[d] = IntegerOps.divUnsigned32(r[a], r[b])
            case .rems32: r[d] = IntegerOps.remSigned32(r[a], r[b])
            case .remu32: r[d] = IntegerOps.remUnsigned32(r[a], r[b])
            case .add32i: r[d] = IntegerOps.sext32(r[a] &+ UInt64(bitPattern: op.imm))
            case .shl32i: r[d] = IntegerOps.sext32(r[a] << UInt64(op.imm & 31))
            case .shr32i: r[d] = IntegerOps.sext32(UInt64(UInt32(truncatingIfNeeded: r[a]) >> UInt32(op.imm & 31)))
            case .sar32i: r[d] = IntegerOps.sext32(UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: r[a]) >> Int32(op.imm & 31))))
            case .ror32i: r[d] = IntegerOps.rotateLeft32(r[a], UInt64((32 &- (op.imm & 31)) & 31))
            case .sext8: r[d] = UInt64(bitPattern: Int64(Int8(truncatingIfNeeded: r[a])))
            case .sext16: r[d] = UInt64(bitPattern: Int64(Int16(truncatingIfNeeded: r[a])))
            case .sext32: r[d] = IntegerOps.sext32(r[a])
            case .zext8: r[d] = r[a] & 0xff
            case .zext16: r[d] = r[a] & 0xffff
            case .zext32: r[d] = r[a] & 0xffff_ffff
            case .clz: r[d] = UInt64(r[a].leadingZeroBitCount)
            case .ctz: r[d] = UInt64(r[a].trailingZeroBitCount)
            case .popcnt: r[d] = UInt64(r[a].nonzeroBitCount)
            case .clz32: r[d] = UInt64(UInt32(truncatingIfNeeded: r[a]).leadingZeroBitCount)
            case .ctz32: r[d] = UInt64(UInt32(truncatingIfNeeded: r[a]).trailingZeroBitCount)
            case .popcnt32: r[d] = UInt64(UInt32(truncatingIfNeeded: r[a]).nonzeroBitCount)
            case .bswap64: r[d] = r[a].byteSwapped
            case .orcb: r[d] = IntegerOps.orCombineBytes(r[a])
            case .ld8u, .ld8s, .ld16u, .ld16s, .ld32u, .ld32s, .ld64:
                let address = r[a] &+ UInt64(bitPattern: op.imm)
                let size = MemoryOps.size(of: op.opcode)
                guard m.isAccessible(address, size, PagePermission.read) else {
                    return BlockExit(.loadFault, opIndex: UInt32(i), address: address)
                }
                r[d] = MemoryOps.load(op.opcode, m, address)
            case .st8, .st16, .st32, .st64:
                let address = r[a] &+ UInt64(bitPattern: op.imm)
                let size = MemoryOps.size(of: op.opcode)
                guard m.isAccessible(address, size, PagePermission.write) else {
                    return BlockExit(.storeFault, opIndex: UInt32(i), address: address)
                }
                if m.isWatched(address, size) {
                    // Translated code or a write-tracked page: prepared, stored once, and the
                    // engine drops stale translations (the JIT leaves the same way).
                    m.prepareWrite(address, size)
                    MemoryOps.store(op.opcode, m, address, r[b])
                    return BlockExit(.codeWritten, opIndex: UInt32(i), address: address)
                }
                MemoryOps.store(op.opcode, m, address, r[b])
            case .amo, .ldres, .stcond:
                if let exit = AtomicOps.execute(op, index: UInt32(i), regs: r, memory: m) { return exit }
            case .fence:
                if op.imm & 1 != 0 { sq_fence_full() }
            case .rdcounter:
                r[d] = RuntimeCounters.read(Int(op.imm), counters)
            case .goto:
                r[Int(IRSlot.pc)] = UInt64(bitPattern: op.imm)
                return BlockExit(.direct0, opIndex: UInt32(i))
            case .brEq:
                if r[a] == r[b] { return takeBranch(op, i, r) }
            case .brNe:
                if r[a] != r[b] { return takeBranch(op, i, r) }
            case .brLts:
                if Int64(bitPattern: r[a]) < Int64(bitPattern: r[b]) { return takeBranch(op, i, r) }
            case .brGes:
                if Int64(bitPattern: r[a]) >= Int64(bitPattern: r[b]) { return takeBranch(op, i, r) }
            case .brLtu:
                if r[a] < r[b] { return takeBranch(op, i, r) }
            case .brGeu:
                if r[a] >= r[b] { return takeBranch(op, i, r) }
            case .jmpr:
                r[Int(IRSlot.pc)] = r[a]
                return BlockExit(.indirect, opIndex: UInt32(i))
            case .syscall:
                r[Int(IRSlot.pc)] = UInt64(bitPattern: op.imm)
                return BlockExit(.syscall, opIndex: UInt32(i))
            case .trap:
                r[Int(IRSlot.pc)] = UInt64(bitPattern: op.imm)
                return BlockExit(.trap, opIndex: UInt32(i), address: UInt64(op.a))
            default:
                // Every remaining opcode is floating point (flag F in the op table).
                if !FloatOps.execute(op, regs: r) {
                    return BlockExit(.invalidRoundingMode, opIndex: UInt32(i))
                }
            }
            i += 1
        }
        // A well-formed block always ends with a terminator; reaching here is a translator bug.
        fatalError("swift-qemu: internal error: IR block at 0x\(String(block.pointee.guestPC, radix: 16)) has no terminator")
    }

    @inline(__always)
    static func takeBranch(_ op: IROp, _ i: Int, _ r: UnsafeMutablePointer<UInt64>) -> BlockExit {
        r[Int(IRSlot.pc)] = UInt64(bitPattern: op.imm)
        return BlockExit(.direct1, opIndex: UInt32(i))
    }
}
