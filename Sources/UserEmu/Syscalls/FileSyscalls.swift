import Glibc

// File-descriptor I/O. Open flags (O_*), fcntl commands, struct flock, struct iovec and
// struct linux_dirent64 have the same values and layouts on riscv64 and x86-64 (checked by
// `codegen/gen_syscalls.py --verify-abi`), so they pass through; only guest pointers change.

extension SyscallDispatcher {
    /// Guest `read` (63) -> host `read`: straight into guest memory.
    func sysRead(_ a: SyscallArgs) -> Int64 {
        let count = a.a2.int
        guard let buffer = context.guestPointer(a.a1, count, write: true) else { return fail(EFAULT) }
        let result = hostRead(a.a0.int32, buffer, count)
        return Int64(result)
    }

    /// Guest `write` (64) -> host `write`.
    func sysWrite(_ a: SyscallArgs) -> Int64 {
        let count = a.a2.int
        guard let buffer = context.guestPointer(a.a1, count, write: false) else { return fail(EFAULT) }
        return Int64(hostWrite(a.a0.int32, buffer, count))
    }

    /// Guest `pread64` (67) -> host `pread64`.
    func sysPread64(_ a: SyscallArgs) -> Int64 {
        let count = a.a2.int
        guard let buffer = context.guestPointer(a.a1, count, write: true) else { return fail(EFAULT) }
        let result = hostPread64(a.a0.int32, buffer, count, Int64(bitPattern: a.a3))
        return Int64(result)
    }

    /// Guest `pwrite64` (68) -> host `pwrite64`.
    func sysPwrite64(_ a: SyscallArgs) -> Int64 {
        let count = a.a2.int
        guard let buffer = context.guestPointer(a.a1, count, write: false) else { return fail(EFAULT) }
        return Int64(hostPwrite64(a.a0.int32, buffer, count, Int64(bitPattern: a.a3)))
    }

    /// Guest `readv` (65) -> host `readv` with the guest iovecs turned into host iovecs.
    func sysReadv(_ a: SyscallArgs) -> Int64 {
        vectored(a, write: true) { hostReadv(a.a0.int32, $0, $1) }
    }

    /// Guest `writev` (66) -> host `writev` with the guest iovecs turned into host iovecs.
    func sysWritev(_ a: SyscallArgs) -> Int64 {
        vectored(a, write: false) { hostWritev(a.a0.int32, $0, $1) }
    }

    /// Shared body of readv/writev: checks each guest buffer (struct iovec is {u64 base, u64 len}
    /// on both sides) and builds the host array on the stack. More than IOV_MAX (1024) -> EINVAL.
    private func vectored(_ a: SyscallArgs, write: Bool, _ call: (UnsafeRawPointer, Int) -> Int) -> Int64 {
        let count = a.a2.int
        guard count >= 0, count <= 1024 else { return fail(EINVAL) }
        guard let guestIov = context.guestPointer(a.a1, count * 16, write: false) else { return fail(EFAULT) }
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: max(count * 2, 2)) { hostIov in
            var total: UInt64 = 0
            for i in 0..<count {
                let base = UInt64(littleEndian: guestIov.loadUnaligned(fromByteOffset: i * 16, as: UInt64.self))
                let length = UInt64(littleEndian: guestIov.loadUnaligned(fromByteOffset: i * 16 + 8, as: UInt64.self))
                guard length <= UInt64(Int.max) - total else { return fail(EINVAL) }
                total += length
                guard let p = context.guestPointer(base, Int(length), write: write) else { return fail(EFAULT) }
                hostIov[i * 2] = UInt64(UInt(bitPattern: p))
                hostIov[i * 2 + 1] = length
            }
            return Int64(call(UnsafeRawPointer(hostIov.baseAddress!), count))
        }
    }

    /// Guest `openat` (56) -> host `openat`, with the -L prefix lookup and /proc/self/exe
    /// naming the guest program.
    /// /proc files that would describe the emulator (maps, auxv, cmdline, stat, cpuinfo ...)
    /// are generated for the guest (`Proc/`).
    func sysOpenat(_ a: SyscallArgs) -> Int64 {
        guard let path = context.readGuestPath(a.a1) else { return fail(EFAULT) }
        if let file = context.procFile(path) { return context.openProcFile(file, flags: a.a2.int32) }
        return Int64(withCString(context.hostPath(forGuestPath: path)) { hostOpenat(a.a0.int32, $0, a.a2.int32, a.a3.uint32) })
    }

    /// Guest `close` (57) -> host `close`. The vfork channel of a vfork child is not the
    /// guest's: EBADF, and it stays open.
    func sysClose(_ a: SyscallArgs) -> Int64 {
        if isVforkDescriptor(a.a0.int32) { return fail(EBADF) }
        return Int64(hostClose(a.a0.int32))
    }

    /// Guest `lseek` (62) -> host `lseek`.
    func sysLseek(_ a: SyscallArgs) -> Int64 {
        Int64(hostLseek(a.a0.int32, Int64(bitPattern: a.a1), a.a2.int32))
    }

    /// Guest `dup` (23) -> host `dup`.
    func sysDup(_ a: SyscallArgs) -> Int64 {
        if isVforkDescriptor(a.a0.int32) { return fail(EBADF) }
        return Int64(hostDup(a.a0.int32))
    }

    /// Guest `dup3` (24) -> host `dup3` (O_CLOEXEC has the same value). A target that is the
    /// vfork channel of a vfork child moves the channel out of the way first.
    func sysDup3(_ a: SyscallArgs) -> Int64 {
        if isVforkDescriptor(a.a0.int32) { return fail(EBADF) }
        if isVforkDescriptor(a.a1.int32) { moveVforkDescriptor() }
        return Int64(hostDup3(a.a0.int32, a.a1.int32, a.a2.int32))
    }

    /// Guest `pipe2` (59) -> host `pipe2`; the two descriptors are written as two guest ints.
    /// When the guest array is not writable the pipe is closed again and -EFAULT returned.
    func sysPipe2(_ a: SyscallArgs) -> Int64 {
        guard let out = context.guestPointer(a.a0, 8, write: true) else { return fail(EFAULT) }
        var fds: (Int32, Int32) = (-1, -1)
        let result = withUnsafeMutableBytes(of: &fds) { hostPipe2($0.baseAddress!.assumingMemoryBound(to: Int32.self), a.a1.int32) }
        guard result == 0 else { return Int64(result) }
        out.storeBytes(of: fds.0.littleEndian, as: Int32.self)
        out.storeBytes(of: fds.1.littleEndian, toByteOffset: 4, as: Int32.self)
        return 0
    }

    /// Guest `getdents64` (61) -> host `getdents64` (struct linux_dirent64 is arch-independent).
    func sysGetdents64(_ a: SyscallArgs) -> Int64 {
        let count = a.a2.int
        guard let buffer = context.guestPointer(a.a1, count, write: true) else { return fail(EFAULT) }
        let result = hostGetdents64(a.a0.int32, buffer, count)
        return Int64(result)
    }

    /// Guest `fcntl` (25) -> host `fcntl`. Integer commands pass through; the lock commands
    /// (struct flock, 32 bytes on both) and F_GETOWN_EX/F_SETOWN_EX (struct f_owner_ex, 8
    /// bytes) get their guest pointer checked. Unknown commands: -EINVAL, logged.
    func sysFcntl(_ a: SyscallArgs) -> Int64 {
        let fd = a.a0.int32, command = a.a1.int32
        switch command {
        case F_DUPFD, F_GETFD, F_SETFD, F_GETFL, F_SETFL, 1030 /* F_DUPFD_CLOEXEC */,
             8 /* F_SETOWN */, 9 /* F_GETOWN */, 10 /* F_SETSIG */, 11 /* F_GETSIG */,
             1024 /* F_SETLEASE */, 1025 /* F_GETLEASE */, 1026 /* F_NOTIFY */,
             1031 /* F_SETPIPE_SZ */, 1032 /* F_GETPIPE_SZ */, 1033 /* F_ADD_SEALS */, 1034 /* F_GET_SEALS */:
            return Int64(hostFcntl(fd, command, Int(truncatingIfNeeded: a.a2)))
        case F_GETLK, F_SETLK, F_SETLKW, 36 /* F_OFD_GETLK */, 37 /* F_OFD_SETLK */, 38 /* F_OFD_SETLKW */:
            return fcntlWithStruct(a, size: 32, writesBack: command == F_GETLK || command == 36)
        case 15 /* F_SETOWN_EX */:
            return fcntlWithStruct(a, size: 8, writesBack: false)
        case 16 /* F_GETOWN_EX */:
            return fcntlWithStruct(a, size: 8, writesBack: true)
        default:
            context.logUnimp("Unsupported fcntl: cmd=\(command)")
            return fail(EINVAL)
        }
    }

    private func fcntlWithStruct(_ a: SyscallArgs, size: Int, writesBack: Bool) -> Int64 {
        guard let p = context.guestPointer(a.a2, size, write: writesBack) else { return fail(EFAULT) }
        let result = hostFcntl(a.a0.int32, a.a1.int32, Int(bitPattern: p))
        return Int64(result)
    }
}
