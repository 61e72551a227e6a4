import CSwiftQemu

/// `amo`, `ldres` and `stcond` of the interpreter, on host atomics (docs/ir-ops.md).
///
/// LR/SC is emulated the way qemu does it: the load-reserved records address and value, and
/// the store-conditional is a compare-and-swap against that value.
enum AtomicOps {
    /// Runs the op; returns an exit when it faults.
    @inline(never)
    static func execute(_ op: IROp, index: UInt32, regs r: UnsafeMutablePointer<UInt64>, memory m: GuestMemory) -> BlockExit? {
        let address = r[Int(op.a)]
        let size: UInt64 = (op.imm & 0xff) == 4 ? 4 : 8
        guard address & (size - 1) == 0 else { return BlockExit(.misalignedAtomic, opIndex: index, address: address) }
        let needsWrite = op.opcode != .ldres
        guard m.isAccessible(address, size, needsWrite ? PagePermission.read | PagePermission.write : PagePermission.read) else {
            return BlockExit(needsWrite ? .storeFault : .loadFault, opIndex: index, address: address)
        }
        // A write-tracked page (or, under the JIT, a write-protected code page) is made writable
        // first; the write to code is reported below.
        if needsWrite, m.isWatched(address, size) { m.prepareWrite(address, size) }
        let p = m.host(address)
        switch op.opcode {
        case .ldres:
            let value = size == 4 ? IntegerOps.sext32(UInt64(m.load(address, as: UInt32.self))) : m.load(address, as: UInt64.self)
            r[Int(IRSlot.reservationAddress)] = address
            r[Int(IRSlot.reservationValue)] = value
            r[Int(op.d)] = value
        case .stcond:
            let ok: Bool
            if r[Int(IRSlot.reservationAddress)] != address {
                ok = false
            } else if size == 4 {
                let expected = UInt32(truncatingIfNeeded: r[Int(IRSlot.reservationValue)])
                ok = sq_atomic_cas32(p, expected, UInt32(truncatingIfNeeded: r[Int(op.b)])) == expected
            } else {
                let expected = r[Int(IRSlot.reservationValue)]
                ok = sq_atomic_cas64(p, expected, r[Int(op.b)]) == expected
            }
            r[Int(IRSlot.reservationAddress)] = UInt64.max
            r[Int(op.d)] = ok ? 0 : 1
        default:
            let value = r[Int(op.b)]
            let old = size == 4 ? IntegerOps.sext32(UInt64(amo32(Int(op.imm >> 8), p, UInt32(truncatingIfNeeded: value))))
                                : amo64(Int(op.imm >> 8), p, value)
            r[Int(op.d)] = old
        }
        if m.touchesCode(address, size) && op.opcode != .ldres {
            return BlockExit(.codeWritten, opIndex: index, address: address)
        }
        return nil
    }

    static func amo64(_ kind: Int, _ p: UnsafeMutableRawPointer, _ v: UInt64) -> UInt64 {
        switch kind {
        case 0: return sq_atomic_xchg64(p, v)
        case 1: return sq_atomic_add64(p, v)
        case 2: return sq_atomic_and64(p, v)
        case 3: return sq_atomic_or64(p, v)
        case 4: return sq_atomic_xor64(p, v)
        default:
            var old = p.load(as: UInt64.self)
            while true {
                let new: UInt64
                switch kind {
                case 5: new = Int64(bitPattern: old) < Int64(bitPattern: v) ? old : v
                case 6: new = Int64(bitPattern: old) > Int64(bitPattern: v) ? old : v
                case 7: new = min(old, v)
                default: new = max(old, v)
                }
                let seen = sq_atomic_cas64(p, old, new)
                if seen == old { return old }
                old = seen
            }
        }
    }

    static func amo32(_ kind: Int, _ p: UnsafeMutableRawPointer, _ v: UInt32) -> UInt32 {
        switch kind {
        case 0: return sq_atomic_xchg32(p, v)
        case 1: return sq_atomic_add32(p, v)
        case 2: return sq_atomic_and32(p, v)
        case 3: return sq_atomic_or32(p, v)
        case 4: return sq_atomic_xor32(p, v)
        default:
            var old = p.load(as: UInt32.self)
            while true {
                let new: UInt32
                switch kind {
                case 5: new = Int32(bitPattern: old) < Int32(bitPattern: v) ? old : v
                case 6: new = Int32(bitPattern: old) > Int32(bitPattern: v) ? old : v
                case 7: new = min(old, v)
                default: new = max(old, v)
                }
                let seen = sq_atomic_cas32(p, old, new)
                if seen == old { return old }
                old = seen
            }
        }
    }
}
