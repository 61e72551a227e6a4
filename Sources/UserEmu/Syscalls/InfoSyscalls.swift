import Glibc

// System information: uname, sysinfo, getrandom.

extension SyscallDispatcher {
    /// Offset of `machine` in struct new_utsname (six 65-byte fields: sysname, nodename,
    /// release, version, machine, domainname).
    static let utsnameMachineOffset = 4 * 65
    /// Size of struct new_utsname.
    static let utsnameSize = 6 * 65

    /// Guest `uname` (160, the kernel's newuname) -> host `uname`, with `machine` set to the
    /// guest's ("riscv64"); the other fields are the host's.
    func sysUname(_ a: SyscallArgs) -> Int64 {
        guard let out = context.guestPointer(a.a0, Self.utsnameSize, write: true) else { return fail(EFAULT) }
        let result = hostUname(out)
        guard result == 0 else { return Int64(result) }
        let machine = out + Self.utsnameMachineOffset
        machine.initializeMemory(as: UInt8.self, repeating: 0, count: 65)
        var name = machineName
        name.withUTF8 { machine.copyMemory(from: $0.baseAddress!, byteCount: min($0.count, 64)) }
        return 0
    }

    /// Guest `sysinfo` (179) -> host `sysinfo` (the 112-byte struct is the same on 64-bit).
    func sysSysinfo(_ a: SyscallArgs) -> Int64 {
        guard let out = context.guestPointer(a.a0, 112, write: true) else { return fail(EFAULT) }
        let result = hostSysinfo(out)
        return Int64(result)
    }

    /// Guest `getrandom` (278) -> host `getrandom`, straight into guest memory.
    func sysGetrandom(_ a: SyscallArgs) -> Int64 {
        let count = a.a1.int
        guard let out = context.guestPointer(a.a0, count, write: true) else { return fail(EFAULT) }
        let result = hostGetrandom(out, count, a.a2.uint32)
        return Int64(result)
    }
}
