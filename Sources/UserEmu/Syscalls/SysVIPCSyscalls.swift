import Glibc

// SysV IPC: semaphores, message queues, shared memory (riscv64 has the direct syscalls, no
// ipc(2) multiplexer).
//
// Layouts (probe compiled by riscv64-linux-gnu-gcc and gcc): struct ipc64_perm (48),
// msqid64_ds (120), shmid64_ds (112), shminfo64 (72), shm_info (48), msginfo (32), seminfo
// (40), sembuf (6) are equal. struct semid64_ds differs: x86-64 keeps an unused word after
// each time (104 bytes: otime @48, ctime @64, nsems @80), the generic 64-bit one does not
// (88 bytes: otime @48, ctime @56, nsems @64); semctl converts with
// `hostToGuestSemid` / `guestToHostSemid`. A command may carry IPC_64 (0x100); both kernels
// treat it alike, so it is passed on.
//
// shmat maps inside the guest region: the address space picks (or checks) the guest range
// and the host shmat attaches with SHM_REMAP right there (GuestAddressSpace+SharedMemory).

/// SysV IPC command numbers (include/uapi/linux/{ipc,sem,msg,shm}.h).
enum SysVIPC {
    static let rmid: Int32 = 0, set: Int32 = 1, stat: Int32 = 2, info: Int32 = 3
    static let getpid: Int32 = 11, getval: Int32 = 12, getall: Int32 = 13, getncnt: Int32 = 14
    static let getzcnt: Int32 = 15, setval: Int32 = 16, setall: Int32 = 17, semStat: Int32 = 18
    static let semInfo: Int32 = 19, semStatAny: Int32 = 20
    static let msgStat: Int32 = 11, msgInfo: Int32 = 12, msgStatAny: Int32 = 13
    static let shmLock: Int32 = 11, shmUnlock: Int32 = 12, shmStat: Int32 = 13, shmInfo: Int32 = 14, shmStatAny: Int32 = 15
    static let ipc64: Int32 = 0x100
    static let shmRdonly: Int32 = 0o10000, shmRnd: Int32 = 0o20000, shmRemap: Int32 = 0o40000, shmExec: Int32 = 0o100000
    static let guestSemidSize = 88, hostSemidSize = 104
}

extension SyscallDispatcher {
    // MARK: Semaphores

    /// Guest `semget` (190) -> host `semget`.
    func sysSemget(_ a: SyscallArgs) -> Int64 {
        Int64(hostPassthrough(.semget, Int(a.a0.int32), Int(a.a1.int32), Int(a.a2.int32)))
    }

    /// Guest `semop` (193: semid, sops*, nsops) -> host `semop`. EINTR: to caller.
    func sysSemop(_ a: SyscallArgs) -> Int64 {
        guard a.a2 <= 4096 else { return fail(E2BIG) }
        guard let ops = context.guestPointer(a.a1, a.a2.int * 6, write: false) else { return fail(EFAULT) }
        return Int64(hostPassthrough(.semop, Int(a.a0.int32), hostArg(ops), a.a2.int))
    }

    /// Guest `semtimedop` (192: semid, sops*, nsops, timeout*) -> host. EINTR: to caller.
    func sysSemtimedop(_ a: SyscallArgs) -> Int64 {
        guard a.a2 <= 4096 else { return fail(E2BIG) }
        guard let ops = context.guestPointer(a.a1, a.a2.int * 6, write: false),
              let timeout = context.optionalGuestPointer(a.a3, 16, write: false) else { return fail(EFAULT) }
        return Int64(hostPassthrough(.semtimedop, Int(a.a0.int32), hostArg(ops), a.a2.int, hostArg(timeout)))
    }

    /// Guest `semctl` (191: semid, semnum, cmd, arg) -> host `semctl`, converting semid64_ds.
    func sysSemctl(_ a: SyscallArgs) -> Int64 {
        let id = a.a0.int32, number = a.a1.int32, command = a.a2.int32
        let call = { (arg: Int) -> Int in hostPassthrough(.semctl, Int(id), Int(number), Int(command), arg) }
        switch command & ~SysVIPC.ipc64 {
        case SysVIPC.rmid, SysVIPC.getpid, SysVIPC.getval, SysVIPC.getncnt, SysVIPC.getzcnt, SysVIPC.setval:
            return Int64(call(Int(bitPattern: UInt(a.a3))))
        case SysVIPC.stat, SysVIPC.semStat, SysVIPC.semStatAny:
            guard let out = context.guestPointer(a.a3, SysVIPC.guestSemidSize, write: true) else { return fail(EFAULT) }
            var host = [UInt8](repeating: 0, count: SysVIPC.hostSemidSize)
            let result = host.withUnsafeMutableBytes { call(hostArg($0.baseAddress)) }
            if result >= 0 { host.withUnsafeBytes { Self.hostToGuestSemid($0.baseAddress!, out) } }
            return Int64(result)
        case SysVIPC.set:
            guard let input = context.guestPointer(a.a3, SysVIPC.guestSemidSize, write: false) else { return fail(EFAULT) }
            var host = [UInt8](repeating: 0, count: SysVIPC.hostSemidSize)
            return Int64(host.withUnsafeMutableBytes { buffer -> Int in
                Self.guestToHostSemid(input, buffer.baseAddress!)
                return call(hostArg(buffer.baseAddress))
            })
        case SysVIPC.info, SysVIPC.semInfo:
            guard let out = context.guestPointer(a.a3, 40, write: true) else { return fail(EFAULT) }
            return Int64(call(hostArg(out)))
        case SysVIPC.getall, SysVIPC.setall:
            var stat = [UInt8](repeating: 0, count: SysVIPC.hostSemidSize)
            let r = stat.withUnsafeMutableBytes { hostPassthrough(.semctl, Int(id), 0, Int(SysVIPC.stat), hostArg($0.baseAddress)) }
            guard r >= 0 else { return Int64(r) }
            let count = stat.withUnsafeBytes { Int($0.loadUnaligned(fromByteOffset: 80, as: UInt64.self)) }
            let getting = command & ~SysVIPC.ipc64 == SysVIPC.getall
            guard let array = context.guestPointer(a.a3, count * 2, write: getting) else { return fail(EFAULT) }
            return Int64(call(hostArg(array)))
        default:
            context.logUnimp("Unsupported semctl: cmd=\(command)")
            return fail(EINVAL)
        }
    }

    /// x86-64 semid64_ds (104 bytes) -> generic (88 bytes).
    static func hostToGuestSemid(_ host: UnsafeRawPointer, _ guest: UnsafeMutableRawPointer) {
        guest.copyMemory(from: host, byteCount: 56)  // ipc64_perm + sem_otime
        guest.storeBytes(of: host.loadUnaligned(fromByteOffset: 64, as: UInt64.self), toByteOffset: 56, as: UInt64.self)
        guest.storeBytes(of: host.loadUnaligned(fromByteOffset: 80, as: UInt64.self), toByteOffset: 64, as: UInt64.self)
        guest.storeBytes(of: UInt64(0), toByteOffset: 72, as: UInt64.self)
        guest.storeBytes(of: UInt64(0), toByteOffset: 80, as: UInt64.self)
    }

    /// Generic semid64_ds (88 bytes) -> x86-64 (104 bytes).
    static func guestToHostSemid(_ guest: UnsafeRawPointer, _ host: UnsafeMutableRawPointer) {
        host.initializeMemory(as: UInt8.self, repeating: 0, count: SysVIPC.hostSemidSize)
        host.copyMemory(from: guest, byteCount: 56)
        host.storeBytes(of: guest.loadUnaligned(fromByteOffset: 56, as: UInt64.self), toByteOffset: 64, as: UInt64.self)
        host.storeBytes(of: guest.loadUnaligned(fromByteOffset: 64, as: UInt64.self), toByteOffset: 80, as: UInt64.self)
    }

    // MARK: Message queues

    /// Guest `msgget` (186) -> host `msgget`.
    func sysMsgget(_ a: SyscallArgs) -> Int64 {
        Int64(hostPassthrough(.msgget, Int(a.a0.int32), Int(a.a1.int32)))
    }

    /// Guest `msgsnd` (189: id, msgp*, msgsz, flags) -> host; the buffer is a long mtype plus
    /// msgsz bytes. EINTR: to caller.
    func sysMsgsnd(_ a: SyscallArgs) -> Int64 {
        guard a.a2 <= 1 << 30 else { return fail(EINVAL) }
        guard let message = context.guestPointer(a.a1, 8 + a.a2.int, write: false) else { return fail(EFAULT) }
        return Int64(hostPassthrough(.msgsnd, Int(a.a0.int32), hostArg(message), a.a2.int, Int(a.a3.int32)))
    }

    /// Guest `msgrcv` (188: id, msgp*, msgsz, msgtyp, flags) -> host. EINTR: to caller.
    func sysMsgrcv(_ a: SyscallArgs) -> Int64 {
        guard a.a2 <= 1 << 30 else { return fail(EINVAL) }
        guard let message = context.guestPointer(a.a1, 8 + a.a2.int, write: true) else { return fail(EFAULT) }
        return Int64(hostPassthrough(.msgrcv, Int(a.a0.int32), hostArg(message), a.a2.int, Int(bitPattern: UInt(a.a3)), Int(a.a4.int32)))
    }

    /// Guest `msgctl` (187: id, cmd, buf*) -> host; msqid64_ds and msginfo are equal.
    func sysMsgctl(_ a: SyscallArgs) -> Int64 {
        let command = a.a1.int32
        let size: Int
        var write = true
        switch command & ~SysVIPC.ipc64 {
        case SysVIPC.rmid: size = 0
        case SysVIPC.stat, SysVIPC.msgStat, SysVIPC.msgStatAny: size = 120
        case SysVIPC.set: size = 120; write = false
        case SysVIPC.info, SysVIPC.msgInfo: size = 32
        default:
            context.logUnimp("Unsupported msgctl: cmd=\(command)")
            return fail(EINVAL)
        }
        let buffer: UnsafeMutableRawPointer?
        if size == 0 { buffer = nil } else {
            guard let p = context.guestPointer(a.a2, size, write: write) else { return fail(EFAULT) }
            buffer = p
        }
        return Int64(hostPassthrough(.msgctl, Int(a.a0.int32), Int(command), hostArg(buffer)))
    }

    // MARK: Shared memory

    /// Guest `shmget` (194) -> host `shmget`.
    func sysShmget(_ a: SyscallArgs) -> Int64 {
        Int64(hostPassthrough(.shmget, Int(a.a0.int32), a.a1.int, Int(a.a2.int32)))
    }

    /// Guest `shmctl` (195: id, cmd, buf*) -> host; shmid64_ds, shminfo64 and shm_info are equal.
    func sysShmctl(_ a: SyscallArgs) -> Int64 {
        let command = a.a1.int32
        let size: Int
        var write = true
        switch command & ~SysVIPC.ipc64 {
        case SysVIPC.rmid, SysVIPC.shmLock, SysVIPC.shmUnlock: size = 0
        case SysVIPC.stat, SysVIPC.shmStat, SysVIPC.shmStatAny: size = 112
        case SysVIPC.set: size = 112; write = false
        case SysVIPC.info: size = 72
        case SysVIPC.shmInfo: size = 48
        default:
            context.logUnimp("Unsupported shmctl: cmd=\(command)")
            return fail(EINVAL)
        }
        let buffer: UnsafeMutableRawPointer?
        if size == 0 { buffer = nil } else {
            guard let p = context.guestPointer(a.a2, size, write: write) else { return fail(EFAULT) }
            buffer = p
        }
        return Int64(hostShmctl(a.a0.int32, command, buffer))
    }

    /// Guest `shmat` (196: id, addr, flags) -> host `shmat` with SHM_REMAP inside the guest
    /// region. SHM_RND rounds the address down to SHMLBA (a page on riscv64).
    func sysShmat(_ a: SyscallArgs) -> Int64 {
        let id = a.a0.int32, flags = a.a2.int32
        var address = a.a1
        if address & 0xfff != 0 {
            guard flags & SysVIPC.shmRnd != 0 else { return fail(EINVAL) }
            address &= ~0xfff
        }
        var stat = [UInt8](repeating: 0, count: 112)
        let r = stat.withUnsafeMutableBytes { hostShmctl(id, SysVIPC.stat, $0.baseAddress) }
        guard r >= 0 else { return Int64(r) }
        // shmid64_ds: shm_perm.key @0, shm_segsz @48.
        let (key, size) = stat.withUnsafeBytes {
            ($0.loadUnaligned(fromByteOffset: 0, as: Int32.self), $0.loadUnaligned(fromByteOffset: 48, as: UInt64.self))
        }
        var protection: Int32 = flags & SysVIPC.shmRdonly != 0 ? 1 : 3
        if flags & SysVIPC.shmExec != 0 { protection |= 4 }
        let hostFlags = (flags & (SysVIPC.shmRdonly | SysVIPC.shmExec)) | SysVIPC.shmRemap
        return context.addressSpace.attachSharedMemory(
            address: address, size: size, protection: protection, replace: flags & SysVIPC.shmRemap != 0,
            key: key, attach: { target in
                let result = hostShmat(id, target, hostFlags)
                if result >= 0, result != Int(bitPattern: target) {
                    _ = hostShmdt(UnsafeMutableRawPointer(bitPattern: result)!)
                    return -Int(EINVAL)
                }
                return result
            })
    }

    /// Guest `shmdt` (197: addr) -> the segment's guest range goes back to the reservation,
    /// which detaches it on the host.
    func sysShmdt(_ a: SyscallArgs) -> Int64 {
        context.addressSpace.detachSharedMemory(address: a.a0)
    }
}
