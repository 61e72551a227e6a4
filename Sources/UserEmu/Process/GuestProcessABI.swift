/// What fork-style clone needs to know about a guest's Linux ABI: where clone(2) puts the TLS
/// and child-tid arguments (the kernel's CONFIG_CLONE_BACKWARDS variants) and which register
/// slots hold the stack pointer and the thread pointer of a new child.
public struct GuestProcessABI: Sendable {
    /// Index (0...4) of clone's `tls` argument.
    public var cloneTLSArgument: Int
    /// Index (0...4) of clone's `child_tid` argument.
    public var cloneChildTidArgument: Int
    /// Register slot of the stack pointer.
    public var stackPointerSlot: UInt16
    /// Register slot of the thread pointer (CLONE_SETTLS).
    public var threadPointerSlot: UInt16

    /// An ABI description.
    public init(cloneTLSArgument: Int, cloneChildTidArgument: Int, stackPointerSlot: UInt16, threadPointerSlot: UInt16) {
        self.cloneTLSArgument = cloneTLSArgument
        self.cloneChildTidArgument = cloneChildTidArgument
        self.stackPointerSlot = stackPointerSlot
        self.threadPointerSlot = threadPointerSlot
    }
}

/// A guest whose processes can fork and exec: it describes its clone ABI. Each guest conforms in
/// its own folder (`Guests/<Guest>`), so shared code never switches on the guest.
public protocol GuestProcessModel {
    /// The guest's clone ABI.
    static var processABI: GuestProcessABI { get }
}
