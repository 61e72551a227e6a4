import Glibc

// System administration calls, passed to the host (they act on the host system, as the
// guest's kernel is the host kernel): syslog, acct, quotactl(_fd), mount, umount2, pivot_root,
// chroot, swapon, swapoff, sethostname, setdomainname, vhangup, unshare, setns, the new mount
// API, landlock. Paths go through the -L lookup (a chroot into the sysroot leaves -L lookups
// pointing at prefix paths that no longer exist; the guest then sees its own root directly,
// which is what a chroot into the prefix means). Without privileges the host answers EPERM
// exactly as a riscv64 kernel would.

extension SyscallDispatcher {
    /// Guest `syslog` (116: type, buf*, len) -> host `syslog`; types 2, 3 and 4 fill the buffer.
    func sysSyslog(_ a: SyscallArgs) -> Int64 {
        let type = a.a0.int32, length = Int(a.a2.int32)
        var buffer: UnsafeMutableRawPointer? = nil
        if (2...4).contains(type), length > 0 {
            guard let p = context.guestPointer(a.a1, length, write: true) else { return fail(EFAULT) }
            buffer = p
        }
        return Int64(hostPassthrough(.syslog, Int(type), hostArg(buffer), length))
    }

    /// Guest `acct` (89: path or NULL) -> host `acct`.
    func sysAcct(_ a: SyscallArgs) -> Int64 {
        if a.a0 == 0 { return Int64(hostPassthrough(.acct, 0)) }
        return context.withHostPath(a.a0) { hostPassthrough(.acct, hostArg($0)) }
    }

    /// The size of quotactl's `addr` argument for a command (if_dqblk 72, if_dqinfo 24, format
    /// 4, fs_quota_stat 80 ...); nil for commands whose addr is unused or a path.
    private func quotaArgument(_ command: UInt32) -> (size: Int, write: Bool)? {
        switch command >> 8 {
        case 0x800004: return (4, true)      // Q_GETFMT
        case 0x800005: return (24, true)     // Q_GETINFO
        case 0x800006: return (24, false)    // Q_SETINFO
        case 0x800007: return (72, true)     // Q_GETQUOTA
        case 0x800008: return (72, false)    // Q_SETQUOTA
        case 0x800009: return (72, true)     // Q_GETNEXTQUOTA (if_nextdqblk 72 + id 4)
        default: return nil
        }
    }

    /// Guest `quotactl` (60: cmd, special, id, addr) -> host; `special` is a block device path,
    /// `addr` a path for Q_QUOTAON or a structure for the get/set commands.
    func sysQuotactl(_ a: SyscallArgs) -> Int64 {
        let command = a.a0.uint32
        var address = 0
        var pathBytes: [UInt8]? = nil
        if command >> 8 == 0x800002, a.a3 != 0 {  // Q_QUOTAON: addr names the quota file
            guard let path = context.readGuestPath(a.a3) else { return fail(EFAULT) }
            pathBytes = context.hostPath(forGuestPath: path)
        } else if let (size, write) = quotaArgument(command) {
            guard let p = context.guestPointer(a.a3, command >> 8 == 0x800009 ? 76 : size, write: write) else { return fail(EFAULT) }
            address = hostArg(p)
        } else if a.a3 != 0 {
            context.logUnimp("Unsupported quotactl: cmd=0x\(String(command, radix: 16)) with an argument")
            return fail(EINVAL)
        }
        let call = { (special: Int) -> Int in
            if let pathBytes { return withCString(pathBytes) { hostPassthrough(.quotactl, Int(command), special, Int(a.a2.int32), hostArg($0)) } }
            return hostPassthrough(.quotactl, Int(command), special, Int(a.a2.int32), address)
        }
        if a.a1 == 0 { return Int64(call(0)) }
        return context.withHostPath(a.a1) { call(hostArg($0)) }
    }

    /// Guest `quotactl_fd` (443: fd, cmd, id, addr) -> host, structures as for quotactl.
    func sysQuotactlFd(_ a: SyscallArgs) -> Int64 {
        let command = a.a1.uint32
        var address = 0
        if let (size, write) = quotaArgument(command) {
            guard let p = context.guestPointer(a.a3, size, write: write) else { return fail(EFAULT) }
            address = hostArg(p)
        } else if a.a3 != 0 {
            context.logUnimp("Unsupported quotactl_fd: cmd=0x\(String(command, radix: 16)) with an argument")
            return fail(EINVAL)
        }
        return Int64(hostPassthrough(.quotactl_fd, Int(a.a0.uint32), Int(command), Int(a.a2.int32), address))
    }

    /// Runs `body` with up to two optional resolved guest paths (NULL stays NULL).
    func withOptionalPaths(_ first: UInt64, _ second: UInt64, resolve: Bool = true,
                           _ body: (UnsafePointer<CChar>?, UnsafePointer<CChar>?) -> Int) -> Int64 {
        func bytes(_ address: UInt64) -> [UInt8]?? {
            if address == 0 { return .some(nil) }
            guard let path = context.readGuestPath(address) else { return nil }
            return .some(resolve ? context.hostPath(forGuestPath: path) : path)
        }
        guard let one = bytes(first), let two = bytes(second) else { return fail(EFAULT) }
        func with(_ b: [UInt8]?, _ f: (UnsafePointer<CChar>?) -> Int) -> Int { b.map { withCString($0, f) } ?? f(nil) }
        return Int64(with(one) { p in with(two) { q in body(p, q) } })
    }

    /// Guest `mount` (40: source, target, fstype, flags, data) -> host `mount`. `source` is
    /// resolved (a device or directory for bind mounts), `fstype` is not a path; `data` is a
    /// string of at most a page.
    func sysMount(_ a: SyscallArgs) -> Int64 {
        var data: [UInt8]? = nil
        if a.a4 != 0 {
            guard let bytes = context.addressSpace.readCStringBytes(a.a4, limit: 4096) else { return fail(EFAULT) }
            data = bytes
        }
        var type: [UInt8]? = nil
        if a.a2 != 0 {
            guard let bytes = context.addressSpace.readCStringBytes(a.a2, limit: 256) else { return fail(EFAULT) }
            type = bytes
        }
        return withOptionalPaths(a.a0, a.a1) { source, target in
            func with(_ b: [UInt8]?, _ f: (UnsafePointer<CChar>?) -> Int) -> Int { b.map { withCString($0, f) } ?? f(nil) }
            return with(type) { t in with(data) { d in
                hostPassthrough(.mount, hostArg(source), hostArg(target), hostArg(t), Int(a.a3), hostArg(d))
            } }
        }
    }

    /// Guest `umount2` (39: target, flags) -> host `umount2`.
    func sysUmount2(_ a: SyscallArgs) -> Int64 {
        context.withHostPath(a.a0) { hostPassthrough(.umount2, hostArg($0), Int(a.a1.int32)) }
    }

    /// Guest `pivot_root` (41: new_root, put_old) -> host `pivot_root`.
    func sysPivotRoot(_ a: SyscallArgs) -> Int64 {
        withOptionalPaths(a.a0, a.a1) { hostPassthrough(.pivot_root, hostArg($0), hostArg($1)) }
    }

    /// Guest `chroot` (51: path) -> host `chroot`.
    func sysChroot(_ a: SyscallArgs) -> Int64 {
        context.withHostPath(a.a0) { hostPassthrough(.chroot, hostArg($0)) }
    }

    /// Guest `swapon` (224: path, flags) -> host `swapon`.
    func sysSwapon(_ a: SyscallArgs) -> Int64 {
        context.withHostPath(a.a0) { hostPassthrough(.swapon, hostArg($0), Int(a.a1.int32)) }
    }

    /// Guest `swapoff` (225: path) -> host `swapoff`.
    func sysSwapoff(_ a: SyscallArgs) -> Int64 {
        context.withHostPath(a.a0) { hostPassthrough(.swapoff, hostArg($0)) }
    }

    /// Guest `sethostname` (161: name, len) -> host `sethostname`.
    func sysSethostname(_ a: SyscallArgs) -> Int64 {
        guard a.a1 <= 64 else { return fail(EINVAL) }
        guard let name = context.guestPointer(a.a0, a.a1.int, write: false) else { return fail(EFAULT) }
        return Int64(hostPassthrough(.sethostname, hostArg(name), a.a1.int))
    }

    /// Guest `setdomainname` (162: name, len) -> host `setdomainname`.
    func sysSetdomainname(_ a: SyscallArgs) -> Int64 {
        guard a.a1 <= 64 else { return fail(EINVAL) }
        guard let name = context.guestPointer(a.a0, a.a1.int, write: false) else { return fail(EFAULT) }
        return Int64(hostPassthrough(.setdomainname, hostArg(name), a.a1.int))
    }

    /// Guest `vhangup` (58) -> host `vhangup`.
    func sysVhangup(_ a: SyscallArgs) -> Int64 { Int64(hostPassthrough(.vhangup)) }

    /// Guest `unshare` (97: flags) -> host `unshare` (CLONE_* values are equal). The emulator
    /// runs one host thread per guest thread, so CLONE_NEWUSER succeeds exactly when the guest
    /// is single-threaded, as on hardware.
    func sysUnshare(_ a: SyscallArgs) -> Int64 { Int64(hostPassthrough(.unshare, Int(a.a0.int32))) }

    /// Guest `setns` (268: fd, nstype) -> host `setns`.
    func sysSetns(_ a: SyscallArgs) -> Int64 { Int64(hostPassthrough(.setns, Int(a.a0.int32), Int(a.a1.int32))) }

    // MARK: New mount API (Linux 5.2)

    /// Guest `open_tree` (428: dfd, path, flags) -> host `open_tree`.
    func sysOpenTree(_ a: SyscallArgs) -> Int64 {
        context.withHostPath(a.a1) { hostPassthrough(.open_tree, Int(a.a0.int32), hostArg($0), Int(a.a2.uint32)) }
    }

    /// Guest `move_mount` (429: from_dfd, from_path, to_dfd, to_path, flags) -> host.
    func sysMoveMount(_ a: SyscallArgs) -> Int64 {
        withOptionalPaths(a.a1, a.a3) { from, to in
            hostPassthrough(.move_mount, Int(a.a0.int32), hostArg(from), Int(a.a2.int32), hostArg(to), Int(a.a4.uint32))
        }
    }

    /// Guest `fsopen` (430: fsname, flags) -> host `fsopen`.
    func sysFsopen(_ a: SyscallArgs) -> Int64 {
        guard let name = context.addressSpace.readCStringBytes(a.a0, limit: 256) else { return fail(EFAULT) }
        return Int64(withCString(name) { hostPassthrough(.fsopen, hostArg($0), Int(a.a1.uint32)) })
    }

    /// Guest `fsconfig` (431: fd, cmd, key, value, aux) -> host; the value is a string
    /// (SET_STRING), a path (SET_PATH, SET_PATH_EMPTY), `aux` bytes (SET_BINARY) or unused.
    func sysFsconfig(_ a: SyscallArgs) -> Int64 {
        let command = a.a1.uint32
        var key: [UInt8]? = nil
        if a.a2 != 0 {
            guard let bytes = context.addressSpace.readCStringBytes(a.a2, limit: 256) else { return fail(EFAULT) }
            key = bytes
        }
        var value: [UInt8]? = nil
        switch command {
        case 1, 3, 4:  // SET_STRING, SET_PATH, SET_PATH_EMPTY
            if a.a3 != 0 {
                guard let bytes = context.addressSpace.readCStringBytes(a.a3, limit: 4096) else { return fail(EFAULT) }
                value = command == 1 ? bytes : context.hostPath(forGuestPath: bytes)
            }
        case 2:  // SET_BINARY
            guard a.a4 <= 1 << 20, let bytes = context.addressSpace.read(a.a3, count: Int(a.a4.int32)) else { return fail(EFAULT) }
            value = bytes
        default:
            break
        }
        func with(_ b: [UInt8]?, _ f: (UnsafePointer<CChar>?) -> Int) -> Int { b.map { withCString($0, f) } ?? f(nil) }
        return Int64(with(key) { k in with(value) { v in
            hostPassthrough(.fsconfig, Int(a.a0.int32), Int(command), hostArg(k), command == 5 || command >= 6 ? 0 : hostArg(v), Int(a.a4.int32))
        } })
    }

    /// Guest `fsmount` (432: fs_fd, flags, attr_flags) -> host `fsmount`.
    func sysFsmount(_ a: SyscallArgs) -> Int64 {
        Int64(hostPassthrough(.fsmount, Int(a.a0.int32), Int(a.a1.uint32), Int(a.a2.uint32)))
    }

    /// Guest `fspick` (433: dfd, path, flags) -> host `fspick`.
    func sysFspick(_ a: SyscallArgs) -> Int64 {
        context.withHostPath(a.a1) { hostPassthrough(.fspick, Int(a.a0.int32), hostArg($0), Int(a.a2.uint32)) }
    }

    /// Guest `mount_setattr` (442: dfd, path, flags, attr*, size) -> host; struct mount_attr
    /// (4 × u64) is equal.
    func sysMountSetattr(_ a: SyscallArgs) -> Int64 {
        guard a.a4 <= 4096, let attr = context.guestPointer(a.a3, a.a4.int, write: false) else { return fail(EFAULT) }
        return context.withHostPath(a.a1) {
            hostPassthrough(.mount_setattr, Int(a.a0.int32), hostArg($0), Int(a.a2.uint32), hostArg(attr), a.a4.int)
        }
    }

    // MARK: Landlock

    /// Guest `landlock_create_ruleset` (444: attr*, size, flags) -> host. The ruleset applies
    /// to the emulator process, which performs every file access for the guest, so the
    /// restriction means the same thing (the emulator itself needs no further file access
    /// after start-up, except the `-L` lookups, which are then restricted too, as for the guest).
    func sysLandlockCreateRuleset(_ a: SyscallArgs) -> Int64 {
        guard let attr = context.optionalGuestPointer(a.a0, a.a1.int, write: false) else { return fail(EFAULT) }
        return Int64(hostPassthrough(.landlock_create_ruleset, hostArg(attr), a.a1.int, Int(a.a2.uint32)))
    }

    /// Guest `landlock_add_rule` (445: ruleset_fd, rule_type, attr*, flags) -> host; the rule
    /// attributes (path_beneath: u64 access + s32 parent_fd, packed 12 bytes on both; net_port:
    /// 2 × u64) hold no pointers.
    func sysLandlockAddRule(_ a: SyscallArgs) -> Int64 {
        let size = a.a1.uint32 == 1 ? 12 : 16
        guard let attr = context.guestPointer(a.a2, size, write: false) else { return fail(EFAULT) }
        return Int64(hostPassthrough(.landlock_add_rule, Int(a.a0.int32), Int(a.a1.uint32), hostArg(attr), Int(a.a3.uint32)))
    }

    /// Guest `landlock_restrict_self` (446: ruleset_fd, flags) -> host.
    func sysLandlockRestrictSelf(_ a: SyscallArgs) -> Int64 {
        Int64(hostPassthrough(.landlock_restrict_self, Int(a.a0.int32), Int(a.a1.uint32)))
    }
}
