/// What translated code returns to the engine: every exit ends with `lea rax, [rip + record];
/// ret`, and the record (read-only data placed after the block's code) says which block and op
/// left, why, and where the patchable jump of a direct exit is.
///
/// Layout (32 bytes, 8-aligned): block pointer (8), kind (4), op index (4), patch-site delta
/// (8: byte offset of the `jmp rel32` field from the record, 0 for none), reserved (8).
public struct JITExitRecord {
    /// Kind value meaning "the helper that exited wrote the kind at `JITFrame.exitKind`".
    public static let dynamicKind: UInt32 = 0xff
    /// Size of one record.
    public static let size = 32

    /// RX address of the record.
    public let address: UnsafeRawPointer

    @inlinable public init(_ address: UnsafeRawPointer) { self.address = address }

    /// The block whose code holds this exit.
    @inlinable public var block: UnsafeMutablePointer<TranslatedBlock> {
        UnsafeMutablePointer(bitPattern: UInt(address.load(as: UInt64.self)))!
    }
    /// `ExitKind` raw value, or `dynamicKind`.
    @inlinable public var rawKind: UInt32 { address.load(fromByteOffset: 8, as: UInt32.self) }
    /// Index of the op that left.
    @inlinable public var opIndex: UInt32 { address.load(fromByteOffset: 12, as: UInt32.self) }
    /// RX address of the rel32 field of the exit's patchable jump, if it is a direct exit.
    @inlinable public var patchSite: UnsafeRawPointer? {
        let delta = address.load(fromByteOffset: 16, as: Int64.self)
        return delta == 0 ? nil : address + Int(delta)
    }
}
