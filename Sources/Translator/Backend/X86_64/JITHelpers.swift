import CSwiftQemu

/// Swift functions that translated code calls (C calling convention). Each is reached through
/// an absolute address loaded into rax; none allocates or retains.
enum JITHelpers {
    /// (op: UnsafeRawPointer to an `IROp`, frame) -> 1, or 0 for an invalid rounding mode.
    static let float: UInt = {
        let f: @convention(c) (UnsafeRawPointer, UnsafeMutablePointer<UInt64>) -> UInt32 = { op, regs in
            // The flags inline F ops accrued in MXCSR first: FloatOps' C operations reset them.
            sq_fp_fold_host_flags(regs + Int(IRSlot.fpFlags))
            return FloatOps.execute(op.load(as: IROp.self), regs: regs) ? 1 : 0
        }
        return UInt(bitPattern: unsafeBitCast(f, to: UnsafeRawPointer.self))
    }()

    /// (op, frame, GuestMemory*) -> 0, or 1 after writing the exit kind and address into the
    /// frame header (`JITFrame`).
    static let atomic: UInt = {
        let f: @convention(c) (UnsafeRawPointer, UnsafeMutablePointer<UInt64>, UnsafeRawPointer) -> UInt32 = { op, regs, memory in
            let m = memory.load(as: GuestMemory.self)
            let o = op.load(as: IROp.self)
            // Pages with translated code and write-tracked pages are write-protected on the host
            // (the JIT's stores fault on them): AtomicOps gives an accessible one its guest
            // protection back before writing (`GuestMemory.prepareWrite`), then leaves with
            // `codeWritten` for code, and the engine drops the translations.
            guard let exit = AtomicOps.execute(o, index: 0, regs: regs, memory: m) else { return 0 }
            let header = UnsafeMutableRawPointer(regs)
            header.storeBytes(of: UInt64(exit.kind.rawValue), toByteOffset: Int(JITFrame.exitKind), as: UInt64.self)
            header.storeBytes(of: exit.address, toByteOffset: Int(JITFrame.exitAddress), as: UInt64.self)
            return 1
        }
        return UInt(bitPattern: unsafeBitCast(f, to: UnsafeRawPointer.self))
    }()

    /// (GuestMemory*, address, length): prepares the watched pages of an accessible guest store
    /// (`GuestMemory.prepareWrite`: translated code gets its guest host protection back, a
    /// write-tracked page is recorded and made writable), so the slow store path can store
    /// before leaving with `codeWritten`.
    static let unprotectCode: UInt = {
        let f: @convention(c) (UnsafeRawPointer, UInt64, UInt64) -> Void = { memory, address, length in
            memory.load(as: GuestMemory.self).prepareWrite(address, length)
        }
        return UInt(bitPattern: unsafeBitCast(f, to: UnsafeRawPointer.self))
    }()

    /// (frame, which) -> host counter `which` (`rdcounter`).
    static let counter: UInt = {
        let f: @convention(c) (UnsafeMutablePointer<UInt64>, UInt64) -> UInt64 = { regs, which in
            RuntimeCounters.read(Int(which), JITFrame.counters(of: regs))
        }
        return UInt(bitPattern: unsafeBitCast(f, to: UnsafeRawPointer.self))
    }()

    /// (a, opcode) -> result of a unary integer op (orcb, and clz/ctz/popcnt on hosts without them).
    static let unary: UInt = {
        let f: @convention(c) (UInt64, UInt64) -> UInt64 = { a, opcode in
            switch IROpcode(rawValue: UInt8(truncatingIfNeeded: opcode)) {
            case .clz: return UInt64(a.leadingZeroBitCount)
            case .ctz: return UInt64(a.trailingZeroBitCount)
            case .popcnt: return UInt64(a.nonzeroBitCount)
            case .clz32: return UInt64(UInt32(truncatingIfNeeded: a).leadingZeroBitCount)
            case .ctz32: return UInt64(UInt32(truncatingIfNeeded: a).trailingZeroBitCount)
            case .popcnt32: return UInt64(UInt32(truncatingIfNeeded: a).nonzeroBitCount)
            default: return IntegerOps.orCombineBytes(a)
            }
        }
        return UInt(bitPattern: unsafeBitCast(f, to: UnsafeRawPointer.self))
    }()
}
