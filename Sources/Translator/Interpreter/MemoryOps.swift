/// Guest loads and stores of the interpreter (the access was checked by the caller).
enum MemoryOps {
    @inline(__always)
    static func size(of opcode: IROpcode) -> UInt64 {
        switch opcode {
        case .ld8u, .ld8s, .st8: return 1
        case .ld16u, .ld16s, .st16: return 2
        case .ld32u, .ld32s, .st32: return 4
        default: return 8
        }
    }

    @inline(__always)
    static func load(_ opcode: IROpcode, _ m: GuestMemory, _ address: UInt64) -> UInt64 {
        switch opcode {
        case .ld8u: return UInt64(m.load(address, as: UInt8.self))
        case .ld8s: return UInt64(bitPattern: Int64(m.load(address, as: Int8.self)))
        case .ld16u: return UInt64(m.load(address, as: UInt16.self))
        case .ld16s: return UInt64(bitPattern: Int64(m.load(address, as: Int16.self)))
        case .ld32u: return UInt64(m.load(address, as: UInt32.self))
        case .ld32s: return UInt64(bitPattern: Int64(m.load(address, as: Int32.self)))
        default: return m.load(address, as: UInt64.self)
        }
    }

    @inline(__always)
    static func store(_ opcode: IROpcode, _ m: GuestMemory, _ address: UInt64, _ value: UInt64) {
        switch opcode {
        case .st8: m.store(address, UInt8(truncatingIfNeeded: value))
        case .st16: m.store(address, UInt16(truncatingIfNeeded: value))
        case .st32: m.store(address, UInt32(truncatingIfNeeded: value))
        default: m.store(address, value)
        }
    }
}
