import Glibc
import SyscallTables

// Extended attributes: set/get/list/remove on a path (following symlinks), an lpath (not
// following) and an fd. Names and values are plain bytes; paths go through the -L lookup.
// The guest's value buffer is used in place (checked writable for get/list).

extension SyscallDispatcher {
    /// Which object an xattr call names.
    private enum XattrTarget { case path(X86_64Syscall), fd(X86_64Syscall) }

    /// Runs an xattr call whose first argument is a path (a0) or an fd, with the guest's
    /// attribute name (a1, at most XATTR_NAME_MAX + 1 = 256 bytes) read into a host string.
    private func xattr(_ a: SyscallArgs, _ target: XattrTarget, name: Bool = true, _ rest: (Int) -> (Int, Int, Int)) -> Int64 {
        var nameBytes: [UInt8] = []
        if name {
            guard let bytes = context.addressSpace.readCStringBytes(a.a1, limit: 256) else {
                return fail(context.addressSpace.cStringLength(a.a1, limit: 1 << 16) == nil ? EFAULT : ERANGE)
            }
            nameBytes = bytes
        }
        return withCString(nameBytes) { cName -> Int64 in
            let (x, y, z) = rest(hostArg(cName))
            switch target {
            case .fd(let number):
                return Int64(name ? hostPassthrough(number, Int(a.a0.int32), hostArg(cName), x, y, z)
                                  : hostPassthrough(number, Int(a.a0.int32), x, y, z))
            case .path(let number):
                return context.withHostPath(a.a0) {
                    name ? hostPassthrough(number, hostArg($0), hostArg(cName), x, y, z) : hostPassthrough(number, hostArg($0), x, y, z)
                }
            }
        }
    }

    /// set*xattr: (target, name, value*, size, flags).
    private func setXattr(_ a: SyscallArgs, _ target: XattrTarget) -> Int64 {
        guard let value = context.guestPointer(a.a2, a.a3.int, write: false) else { return fail(EFAULT) }
        return xattr(a, target) { _ in (hostArg(value), a.a3.int, Int(a.a4.int32)) }
    }

    /// get*xattr: (target, name, value*, size); size 0 asks for the length.
    private func getXattr(_ a: SyscallArgs, _ target: XattrTarget) -> Int64 {
        guard let value = context.guestPointer(a.a2, a.a3.int, write: true) else { return fail(EFAULT) }
        return xattr(a, target) { _ in (a.a3 == 0 ? 0 : hostArg(value), a.a3.int, 0) }
    }

    /// list*xattr: (target, list*, size).
    private func listXattr(_ a: SyscallArgs, _ target: XattrTarget) -> Int64 {
        guard let list = context.guestPointer(a.a1, a.a2.int, write: true) else { return fail(EFAULT) }
        return xattr(a, target, name: false) { _ in (a.a2 == 0 ? 0 : hostArg(list), a.a2.int, 0) }
    }

    /// Guest `setxattr` (5) -> host `setxattr`.
    func sysSetxattr(_ a: SyscallArgs) -> Int64 { setXattr(a, .path(.setxattr)) }
    /// Guest `lsetxattr` (6) -> host `lsetxattr`.
    func sysLsetxattr(_ a: SyscallArgs) -> Int64 { setXattr(a, .path(.lsetxattr)) }
    /// Guest `fsetxattr` (7) -> host `fsetxattr`.
    func sysFsetxattr(_ a: SyscallArgs) -> Int64 { setXattr(a, .fd(.fsetxattr)) }
    /// Guest `getxattr` (8) -> host `getxattr`.
    func sysGetxattr(_ a: SyscallArgs) -> Int64 { getXattr(a, .path(.getxattr)) }
    /// Guest `lgetxattr` (9) -> host `lgetxattr`.
    func sysLgetxattr(_ a: SyscallArgs) -> Int64 { getXattr(a, .path(.lgetxattr)) }
    /// Guest `fgetxattr` (10) -> host `fgetxattr`.
    func sysFgetxattr(_ a: SyscallArgs) -> Int64 { getXattr(a, .fd(.fgetxattr)) }
    /// Guest `listxattr` (11) -> host `listxattr`.
    func sysListxattr(_ a: SyscallArgs) -> Int64 { listXattr(a, .path(.listxattr)) }
    /// Guest `llistxattr` (12) -> host `llistxattr`.
    func sysLlistxattr(_ a: SyscallArgs) -> Int64 { listXattr(a, .path(.llistxattr)) }
    /// Guest `flistxattr` (13) -> host `flistxattr`.
    func sysFlistxattr(_ a: SyscallArgs) -> Int64 { listXattr(a, .fd(.flistxattr)) }
    /// Guest `removexattr` (14) -> host `removexattr`.
    func sysRemovexattr(_ a: SyscallArgs) -> Int64 { xattr(a, .path(.removexattr)) { _ in (0, 0, 0) } }
    /// Guest `lremovexattr` (15) -> host `lremovexattr`.
    func sysLremovexattr(_ a: SyscallArgs) -> Int64 { xattr(a, .path(.lremovexattr)) { _ in (0, 0, 0) } }
    /// Guest `fremovexattr` (16) -> host `fremovexattr`.
    func sysFremovexattr(_ a: SyscallArgs) -> Int64 { xattr(a, .fd(.fremovexattr)) { _ in (0, 0, 0) } }
}
