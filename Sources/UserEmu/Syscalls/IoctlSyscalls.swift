import Glibc

/// The ioctls the syscall layer passes to the host, with the size of the structure each one
/// reads or writes. riscv64 uses the asm-generic ioctl numbers and kernel termios (36 bytes:
/// four u32 flags, c_line, c_cc[19]); x86-64 uses the same numbers and the same kernel
/// termios, so the bytes pass through (checked by `codegen/gen_syscalls.py --verify-abi`).
enum GuestIoctl {
    static let TCGETS: UInt32 = 0x5401
    static let TCSETS: UInt32 = 0x5402
    static let TCSETSW: UInt32 = 0x5403
    static let TCSETSF: UInt32 = 0x5404
    static let TIOCGPGRP: UInt32 = 0x540F
    static let TIOCSPGRP: UInt32 = 0x5410
    static let TIOCGWINSZ: UInt32 = 0x5413
    static let TIOCSWINSZ: UInt32 = 0x5414
    static let FIONREAD: UInt32 = 0x541B
    static let FIONBIO: UInt32 = 0x5421

    /// Size of the kernel's struct termios (not glibc's 60-byte one).
    static let termiosSize = 36
    /// Size of struct winsize.
    static let winsizeSize = 8
}

extension SyscallDispatcher {
    /// Guest `ioctl` (29) -> host `ioctl` for the terminal and FIO requests in `GuestIoctl`;
    /// anything else is -ENOTTY and named by `-d unimp`.
    func sysIoctl(_ a: SyscallArgs) -> Int64 {
        let request = a.a1.uint32
        switch request {
        case GuestIoctl.TCGETS: return ioctlStruct(a, size: GuestIoctl.termiosSize, out: true)
        case GuestIoctl.TCSETS, GuestIoctl.TCSETSW, GuestIoctl.TCSETSF:
            return ioctlStruct(a, size: GuestIoctl.termiosSize, out: false)
        case GuestIoctl.TIOCGWINSZ: return ioctlStruct(a, size: GuestIoctl.winsizeSize, out: true)
        case GuestIoctl.TIOCSWINSZ: return ioctlStruct(a, size: GuestIoctl.winsizeSize, out: false)
        case GuestIoctl.FIONREAD, GuestIoctl.TIOCGPGRP: return ioctlStruct(a, size: 4, out: true)
        case GuestIoctl.FIONBIO, GuestIoctl.TIOCSPGRP: return ioctlStruct(a, size: 4, out: false)
        default:
            if let kind = GuestIoctl.batch3[request] { return ioctl(a, kind) }
            context.logUnimp("Unsupported ioctl: cmd=0x\(String(request, radix: 16))")
            return fail(ENOTTY)
        }
    }

    /// Runs an ioctl of the batch-3 table.
    private func ioctl(_ a: SyscallArgs, _ kind: GuestIoctl.Argument) -> Int64 {
        switch kind {
        case .value: return Int64(hostIoctl(a.a0.int32, a.a1.uint32, Int(bitPattern: UInt(a.a2))))
        case .read(let size): return ioctlStruct(a, size: size, out: false)
        case .write(let size): return ioctlStruct(a, size: size, out: true)
        case .dedupeRange:
            guard let count = context.loadGuest(a.a2 + 16, as: UInt16.self) else { return fail(EFAULT) }
            return ioctlStruct(a, size: 24 + Int(count) * 32, out: true)
        case .fiemap:
            guard let count = context.loadGuest(a.a2 + 24, as: UInt32.self), count <= 1 << 16 else { return fail(EFAULT) }
            return ioctlStruct(a, size: 32 + Int(count) * 56, out: true)
        case .ifconf:
            return ioctlIfconf(a)
        }
    }

    /// SIOCGIFCONF: a host struct ifconf pointing at the guest's buffer (or NULL, which asks for
    /// the length needed); ifc_len is copied back.
    private func ioctlIfconf(_ a: SyscallArgs) -> Int64 {
        guard let length = context.loadGuest(a.a2, as: Int32.self),
              let buffer = context.loadGuest(a.a2 + 8, as: UInt64.self) else { return fail(EFAULT) }
        // struct ifconf on x86-64 too: int ifc_len @0, pointer @8 (16 bytes).
        var host: (Int64, UInt64) = (Int64(length), 0)
        if buffer != 0 {
            guard length >= 0 else { return fail(EINVAL) }
            guard let p = context.guestPointer(buffer, Int(length), write: true) else { return fail(EFAULT) }
            host.1 = UInt64(UInt(bitPattern: p))
        }
        let result = withUnsafeMutablePointer(to: &host) { hostIoctl(a.a0.int32, a.a1.uint32, Int(bitPattern: $0)) }
        let hostLength = withUnsafeBytes(of: host.0) { $0.load(as: Int32.self) }
        if result >= 0, !context.storeGuest(a.a2, hostLength) { return fail(EFAULT) }
        return Int64(result)
    }

    /// An ioctl whose argument points at `size` bytes the kernel reads (`out: false`) or writes.
    private func ioctlStruct(_ a: SyscallArgs, size: Int, out: Bool) -> Int64 {
        guard let p = context.guestPointer(a.a2, size, write: out) else { return fail(EFAULT) }
        let result = hostIoctl(a.a0.int32, a.a1.uint32, Int(bitPattern: p))
        return Int64(result)
    }
}
