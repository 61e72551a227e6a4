import Glibc
import Translator

// Memory locking, residency, NUMA policy, protection keys, process_vm_readv/writev,
// membarrier. Guest ranges are page-rounded as the kernel does, must be mapped in the guest
// (else -ENOMEM, as for an unmapped range on Linux), and become host ranges at guest_base.

extension SyscallDispatcher {
    /// The host address of the page-rounded guest range `[address, address + length)` when every
    /// page of it is mapped in the guest; nil otherwise.
    func mappedHostRange(_ address: UInt64, _ length: UInt64) -> (UnsafeMutableRawPointer, Int)? {
        let mask = GuestMemory.pageSize - 1
        let start = address & ~mask
        guard length <= UInt64.max - mask - (address - start) else { return nil }
        let end = (address + length + mask) & ~mask
        let space = context.addressSpace
        guard end <= space.memory.size else { return nil }
        if end > start, !space.isAccessible(start, count: Int(end - start), permission: PagePermission.mapped) { return nil }
        return (space.memory.base + Int(start), Int(end - start))
    }

    /// Guest `mlock` (228: addr, len) -> host `mlock` on the guest range.
    func sysMlock(_ a: SyscallArgs) -> Int64 {
        guard let (p, n) = mappedHostRange(a.a0, a.a1) else { return fail(ENOMEM) }
        return Int64(hostPassthrough(.mlock, hostArg(p), n))
    }

    /// Guest `munlock` (229: addr, len) -> host `munlock`.
    func sysMunlock(_ a: SyscallArgs) -> Int64 {
        guard let (p, n) = mappedHostRange(a.a0, a.a1) else { return fail(ENOMEM) }
        return Int64(hostPassthrough(.munlock, hostArg(p), n))
    }

    /// Guest `mlock2` (284: addr, len, flags) -> host `mlock2` (MLOCK_ONFAULT = 1 on both).
    func sysMlock2(_ a: SyscallArgs) -> Int64 {
        guard a.a2.uint32 & ~1 == 0 else { return fail(EINVAL) }
        guard let (p, n) = mappedHostRange(a.a0, a.a1) else { return fail(ENOMEM) }
        return Int64(hostPassthrough(.mlock2, hostArg(p), n, Int(a.a2.uint32)))
    }

    /// Guest `mlockall` (230: flags) -> host `mlockall`: it locks the emulator's memory too
    /// (translation cache, the PROT_NONE reservation is skipped by the kernel), so it may reach
    /// RLIMIT_MEMLOCK sooner than the guest would on hardware.
    func sysMlockall(_ a: SyscallArgs) -> Int64 {
        Int64(hostPassthrough(.mlockall, Int(a.a0.int32)))
    }

    /// Guest `munlockall` (231) -> host `munlockall`.
    func sysMunlockall(_ a: SyscallArgs) -> Int64 {
        Int64(hostPassthrough(.munlockall))
    }

    /// Guest `mincore` (232: addr, len, vec*) -> host `mincore`; addr must be page-aligned.
    func sysMincore(_ a: SyscallArgs) -> Int64 {
        guard a.a0 & (GuestMemory.pageSize - 1) == 0 else { return fail(EINVAL) }
        guard let (p, n) = mappedHostRange(a.a0, a.a1) else { return fail(ENOMEM) }
        guard let vector = context.guestPointer(a.a2, n >> GuestMemory.pageShift, write: true) else { return fail(EFAULT) }
        return Int64(hostPassthrough(.mincore, hostArg(p), n, hostArg(vector)))
    }

    /// True when `pid` names this process (0, its pid, or the calling thread's id).
    func isOwnProcess(_ pid: Int32) -> Bool {
        pid == 0 || Int(pid) == hostGetpid() || Int(pid) == hostGettid()
    }

    /// Guest `process_vm_readv` (270) / `process_vm_writev` (271): (pid, local_iov, liovcnt,
    /// remote_iov, riovcnt, flags). Local iovecs are guest memory and are translated. For the
    /// process itself the remote iovecs are guest memory too and are translated. For another
    /// process a guest address means an address in that process's guest space, whose host
    /// base the emulator cannot know (a child of another emulator run has its own), and a
    /// native process's addresses would be used unchecked: refused with -EPERM.
    func sysProcessVm(_ a: SyscallArgs, write: Bool) -> Int64 {
        guard a.a5 == 0 else { return fail(EINVAL) }
        let localCount = a.a2.int, remoteCount = a.a4.int
        guard localCount >= 0, localCount <= GuestProcessContext.maxIovecs,
              remoteCount >= 0, remoteCount <= GuestProcessContext.maxIovecs else { return fail(EINVAL) }
        guard isOwnProcess(a.a0.int32) && a.a0 != 0 else {
            context.logUnimp("process_vm_\(write ? "writev" : "readv"): pid \(a.a0.int32) is not this process (EPERM)")
            return fail(a.a0.int32 <= 0 ? ESRCH : EPERM)
        }
        let local = UnsafeMutableRawPointer.allocate(byteCount: max(localCount, 1) * 16, alignment: 8)
        let remote = UnsafeMutableRawPointer.allocate(byteCount: max(remoteCount, 1) * 16, alignment: 8)
        defer { local.deallocate(); remote.deallocate() }
        var error = context.translateIovecs(a.a1, count: localCount, write: !write, into: local)
        if error == 0 { error = context.translateIovecs(a.a3, count: remoteCount, write: write, into: remote) }
        if error != 0 { return fail(error) }
        return Int64(hostPassthrough(write ? .process_vm_writev : .process_vm_readv, Int(a.a0.int32),
                                     hostArg(local), localCount, hostArg(remote), remoteCount, 0))
    }

    /// Guest `membarrier` (283: cmd, flags, cpu_id) -> host `membarrier`: guest threads are
    /// host threads, so the host's barrier orders them.
    func sysMembarrier(_ a: SyscallArgs) -> Int64 {
        Int64(hostPassthrough(.membarrier, Int(a.a0.int32), Int(a.a1.uint32), Int(a.a2.int32)))
    }

    // MARK: NUMA policy

    /// Bytes of a nodemask of `maxnode` bits as the kernel reads it (whole longs).
    private func nodemaskBytes(_ maxnode: UInt64) -> Int? {
        guard maxnode <= 1 << 20 else { return nil }
        return Int((maxnode + 63) / 64 * 8)
    }

    /// Guest `mbind` (235: addr, len, mode, nodemask*, maxnode, flags) -> host on the guest range.
    func sysMbind(_ a: SyscallArgs) -> Int64 {
        guard a.a0 & (GuestMemory.pageSize - 1) == 0 else { return fail(EINVAL) }
        guard let bytes = nodemaskBytes(a.a4) else { return fail(EINVAL) }
        guard let (p, n) = mappedHostRange(a.a0, a.a1) else { return fail(EFAULT) }
        guard let mask = context.optionalGuestPointer(a.a3, bytes, write: false) else { return fail(EFAULT) }
        return Int64(hostPassthrough(.mbind, hostArg(p), n, Int(a.a2.int32), hostArg(mask), Int(a.a4), Int(a.a5.uint32)))
    }

    /// Guest `get_mempolicy` (236: mode*, nodemask*, maxnode, addr, flags) -> host; with
    /// MPOL_F_ADDR (2) the address is translated.
    func sysGetMempolicy(_ a: SyscallArgs) -> Int64 {
        guard let bytes = nodemaskBytes(a.a2) else { return fail(EINVAL) }
        guard let mode = context.optionalGuestPointer(a.a0, 4, write: true),
              let mask = context.optionalGuestPointer(a.a1, bytes, write: true) else { return fail(EFAULT) }
        var address = 0
        if a.a4 & 2 != 0 {
            guard let (p, _) = mappedHostRange(a.a3, 1) else { return fail(EFAULT) }
            address = hostArg(p) + Int(a.a3 & (GuestMemory.pageSize - 1))
        }
        return Int64(hostPassthrough(.get_mempolicy, hostArg(mode), hostArg(mask), Int(a.a2), address, Int(a.a4.uint32)))
    }

    /// Guest `set_mempolicy` (237: mode, nodemask*, maxnode) -> host `set_mempolicy`.
    func sysSetMempolicy(_ a: SyscallArgs) -> Int64 {
        guard let bytes = nodemaskBytes(a.a2) else { return fail(EINVAL) }
        guard let mask = context.optionalGuestPointer(a.a1, bytes, write: false) else { return fail(EFAULT) }
        return Int64(hostPassthrough(.set_mempolicy, Int(a.a0.int32), hostArg(mask), Int(a.a2)))
    }

    /// Guest `migrate_pages` (238: pid, maxnode, old*, new*) -> host `migrate_pages`.
    func sysMigratePages(_ a: SyscallArgs) -> Int64 {
        guard let bytes = nodemaskBytes(a.a1) else { return fail(EINVAL) }
        guard let old = context.optionalGuestPointer(a.a2, bytes, write: false),
              let new = context.optionalGuestPointer(a.a3, bytes, write: false) else { return fail(EFAULT) }
        return Int64(hostPassthrough(.migrate_pages, Int(a.a0.int32), Int(a.a1), hostArg(old), hostArg(new)))
    }

    /// Guest `set_mempolicy_home_node` (450: start, len, home_node, flags) -> host on the range.
    func sysSetMempolicyHomeNode(_ a: SyscallArgs) -> Int64 {
        guard a.a0 & (GuestMemory.pageSize - 1) == 0 else { return fail(EINVAL) }
        guard let (p, n) = mappedHostRange(a.a0, a.a1) else { return fail(EFAULT) }
        return Int64(hostPassthrough(.set_mempolicy_home_node, hostArg(p), n, Int(a.a2), Int(a.a3)))
    }

    // MARK: Protection keys (riscv64 has none)

    /// Guest `pkey_mprotect` (288: addr, len, prot, pkey): a kernel without protection keys
    /// accepts pkey -1 and 0 (the default key) as plain mprotect, and refuses others (EINVAL).
    func sysPkeyMprotect(_ a: SyscallArgs) -> Int64 {
        let key = a.a3.int32
        guard key == -1 || key == 0 else { return fail(EINVAL) }
        return context.addressSpace.protect(address: a.a0, length: a.a1, protection: a.a2.int32)
    }

    /// Guest `pkey_alloc` (289: flags, rights): no keys to hand out (-ENOSPC, as riscv64 Linux;
    /// -EINVAL for flags other than 0).
    func sysPkeyAlloc(_ a: SyscallArgs) -> Int64 {
        a.a0 != 0 ? fail(EINVAL) : fail(ENOSPC)
    }

    /// Guest `pkey_free` (290: pkey): no key is ever allocated (-EINVAL).
    func sysPkeyFree(_ a: SyscallArgs) -> Int64 { fail(EINVAL) }
}
