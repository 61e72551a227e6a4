// msync, delegated to GuestAddressSpace like the other memory calls (MemorySyscalls.swift).

extension SyscallDispatcher {
    /// Guest `msync` (227) -> GuestAddressSpace.sync (host `msync` on each mapped piece).
    func sysMsync(_ a: SyscallArgs) -> Int64 {
        context.addressSpace.sync(address: a.a0, length: a.a1, flags: a.a2.int32)
    }
}
