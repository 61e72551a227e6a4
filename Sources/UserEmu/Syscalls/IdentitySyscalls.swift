import Glibc

// Credentials, sessions, personality and capabilities. The guest runs as this host process, so
// ids pass through (uid_t/gid_t are u32 on both; -1 means "unchanged"). The set*id calls are
// the raw per-thread syscalls: with one guest thread that is the whole process; when guest
// threads exist, the emulator must apply them to every host thread (glibc's setxid broadcast).

extension SyscallDispatcher {
    /// Most supplementary groups (NGROUPS_MAX).
    static let maxGroups = 65536

    /// Guest `setuid` (146) -> host `setuid`.
    func sysSetuid(_ a: SyscallArgs) -> Int64 { Int64(hostSetuid(a.a0.uint32)) }
    /// Guest `setgid` (144) -> host `setgid`.
    func sysSetgid(_ a: SyscallArgs) -> Int64 { Int64(hostSetgid(a.a0.uint32)) }
    /// Guest `setreuid` (145) -> host `setreuid`.
    func sysSetreuid(_ a: SyscallArgs) -> Int64 { Int64(hostSetreuid(a.a0.uint32, a.a1.uint32)) }
    /// Guest `setregid` (143) -> host `setregid`.
    func sysSetregid(_ a: SyscallArgs) -> Int64 { Int64(hostSetregid(a.a0.uint32, a.a1.uint32)) }
    /// Guest `setresuid` (147) -> host `setresuid`.
    func sysSetresuid(_ a: SyscallArgs) -> Int64 { Int64(hostSetresuid(a.a0.uint32, a.a1.uint32, a.a2.uint32)) }
    /// Guest `setresgid` (149) -> host `setresgid`.
    func sysSetresgid(_ a: SyscallArgs) -> Int64 { Int64(hostSetresgid(a.a0.uint32, a.a1.uint32, a.a2.uint32)) }
    /// Guest `setfsuid` (151) -> host `setfsuid` (returns the previous fsuid).
    func sysSetfsuid(_ a: SyscallArgs) -> Int64 { Int64(hostSetfsuid(a.a0.uint32)) }
    /// Guest `setfsgid` (152) -> host `setfsgid` (returns the previous fsgid).
    func sysSetfsgid(_ a: SyscallArgs) -> Int64 { Int64(hostSetfsgid(a.a0.uint32)) }

    /// Guest `getgroups` (158) -> host `getgroups`. Size 0 asks for the count and touches no
    /// memory; otherwise the whole guest array (size u32) must be writable.
    func sysGetgroups(_ a: SyscallArgs) -> Int64 {
        let size = a.a0.int32
        guard size >= 0 else { return fail(EINVAL) }
        if size == 0 { return Int64(hostGetgroups(0, nil)) }
        let checked = min(Int(size), Self.maxGroups)
        guard let list = context.guestPointer(a.a1, checked * 4, write: true) else { return fail(EFAULT) }
        return Int64(hostGetgroups(Int32(checked), list))
    }

    /// Guest `setgroups` (159) -> host `setgroups` (u32 gids read in place).
    func sysSetgroups(_ a: SyscallArgs) -> Int64 {
        let size = a.a0.int
        guard size >= 0, size <= Self.maxGroups else { return fail(EINVAL) }
        guard let list = context.guestPointer(a.a1, size * 4, write: false) else { return fail(EFAULT) }
        return Int64(hostSetgroups(size, size == 0 ? nil : UnsafeRawPointer(list)))
    }

    /// Guest `setsid` (157) -> host `setsid`.
    func sysSetsid(_ a: SyscallArgs) -> Int64 { Int64(hostSetsid()) }

    /// Guest `personality` (92) -> host `personality`, as qemu-user does: 0xffffffff queries
    /// (PER_LINUX = 0 on both), and flags such as ADDR_NO_RANDOMIZE (setarch -R) then reach
    /// the host children the guest starts.
    func sysPersonality(_ a: SyscallArgs) -> Int64 { Int64(hostPersonality(a.a0.uint32)) }

    /// Capability data structs per header version: v1 (0x19980330) one, v2/v3 two (12 bytes each).
    private func capabilityDataCount(version: UInt32) -> Int? {
        switch version {
        case 0x1998_0330: return 1
        case 0x2007_1026, 0x2008_0522: return 2
        default: return nil
        }
    }

    /// Guest `capget` (90) -> host `capget`. The header ({u32 version, i32 pid}) is written back
    /// on an unknown version, as the kernel does; data may be NULL (version query).
    func sysCapget(_ a: SyscallArgs) -> Int64 { capabilities(a, set: false) }

    /// Guest `capset` (91) -> host `capset` (applies to the calling thread, like the kernel).
    func sysCapset(_ a: SyscallArgs) -> Int64 { capabilities(a, set: true) }

    private func capabilities(_ a: SyscallArgs, set: Bool) -> Int64 {
        guard let header = context.guestPointer(a.a0, 8, write: true) else { return fail(EFAULT) }
        let version = UInt32(littleEndian: header.loadUnaligned(as: UInt32.self))
        guard a.a1 != 0 else { return Int64(set ? hostCapset(header, nil) : hostCapget(header, nil)) }
        guard let count = capabilityDataCount(version: version) else {
            // Unknown version: the kernel rewrites the header and fails before touching data.
            var scratch: (UInt64, UInt64, UInt64) = (0, 0, 0)
            return Int64(withUnsafeMutableBytes(of: &scratch) {
                set ? hostCapset(header, $0.baseAddress!) : hostCapget(header, $0.baseAddress!)
            })
        }
        guard let data = context.guestPointer(a.a1, count * 12, write: !set) else { return fail(EFAULT) }
        return Int64(set ? hostCapset(header, data) : hostCapget(header, data))
    }
}
