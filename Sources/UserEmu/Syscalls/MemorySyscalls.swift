// Memory management: every call is delegated to GuestAddressSpace, which owns the guest
// mappings (the guest never reaches the host's mmap directly). Flag values are the generic
// ones GuestAddressSpace expects.

extension SyscallDispatcher {
    /// Guest `brk` (214) -> GuestAddressSpace.brk (no host brk: the heap lives in guest space).
    func sysBrk(_ a: SyscallArgs) -> Int64 {
        Int64(bitPattern: context.addressSpace.brk(a.a0))
    }

    /// Guest `mmap` (222) -> GuestAddressSpace.map (host mmap inside the reserved region).
    /// The offset is in bytes (riscv64 has no mmap2).
    func sysMmap(_ a: SyscallArgs) -> Int64 {
        context.addressSpace.map(address: a.a0, length: a.a1, protection: a.a2.int32, flags: a.a3.int32,
                                 fd: a.a4.int32, offset: Int64(bitPattern: a.a5))
    }

    /// Guest `munmap` (215) -> GuestAddressSpace.unmap.
    func sysMunmap(_ a: SyscallArgs) -> Int64 {
        context.addressSpace.unmap(address: a.a0, length: a.a1)
    }

    /// Guest `mprotect` (226) -> GuestAddressSpace.protect.
    func sysMprotect(_ a: SyscallArgs) -> Int64 {
        context.addressSpace.protect(address: a.a0, length: a.a1, protection: a.a2.int32)
    }

    /// Guest `mremap` (216) -> GuestAddressSpace.remap.
    func sysMremap(_ a: SyscallArgs) -> Int64 {
        context.addressSpace.remap(oldAddress: a.a0, oldLength: a.a1, newLength: a.a2, flags: a.a3.int32, newAddress: a.a4)
    }

    /// Guest `madvise` (233) -> GuestAddressSpace.advise.
    func sysMadvise(_ a: SyscallArgs) -> Int64 {
        context.addressSpace.advise(address: a.a0, length: a.a1, advice: a.a2.int32)
    }
}
