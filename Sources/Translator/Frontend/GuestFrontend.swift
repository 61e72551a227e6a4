/// A guest architecture's frontend: decodes guest machine code into shared IR.
///
/// Per-guest knowledge lives behind this protocol; the cache, the interpreter and the JIT are
/// generic over it and specialized, so the calls cost nothing at run time.
public protocol GuestFrontend {
    /// Number of slots the guest's registers use, from `IRSlot.firstGuest`.
    static var guestSlotCount: UInt16 { get }
    /// Temporaries a single guest instruction may need.
    static var tempsPerInstruction: UInt16 { get }
    /// Guest register slots worth keeping in host registers across all translated code, most
    /// valuable first (a JIT pins as many as it can; docs/jit.md, "Pinned slots").
    static var pinnedSlots: [UInt16] { get }
    /// The slot of the link register whose indirect jumps are returns (riscv64's `ra`), for a
    /// JIT's return inline caches; nil: none.
    static var returnAddressSlot: UInt16? { get }

    /// Translates the guest code at `pc` into `builder`, ending at a control-flow instruction,
    /// an unfetchable instruction, or after `maxInstructions`. The IR must end with an op that
    /// ends the block. A first instruction that cannot be fetched becomes `trap` kind 3.
    static func translateBlock(at pc: UInt64, memory: GuestMemory, into builder: inout IRBuilder, maxInstructions: Int)
}

extension GuestFrontend {
    /// Total slots of one guest CPU frame: fixed slots, guest registers, temporaries.
    public static var frameSlotCount: Int {
        Int(IRSlot.firstGuest) + Int(guestSlotCount) + Int(tempsPerInstruction)
    }
    /// First temporary slot.
    public static var firstTemp: UInt16 { IRSlot.firstGuest + guestSlotCount }
}
