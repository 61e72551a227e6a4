import CSwiftQemu
import Glibc
import SyscallTables

// The one layer through which UserEmu reaches the host kernel (x86-64 numbers, raw `syscall`).
//
// Every wrapper returns the kernel's raw result: a value >= 0, or -errno. No wrapper touches
// the thread's `errno`. Pointers are host pointers; guest pointers are checked and turned into
// host pointers by the syscall handlers before they get here.
//
// EINTR policy, stated on each wrapper:
//  - "EINTR: to caller": the call can block; -EINTR is returned as is, so the guest sees it as
//    it would on hardware. These go through `hostBlockingSyscall` (the safe-syscall window),
//    so a guest signal arriving before or during the call returns -ERESTARTSYS, which the CPU
//    loop turns into a restart or -EINTR after delivering the signal (docs/signals.md).
//  - "EINTR: none": the call never blocks; EINTR cannot occur.
//  - "EINTR: retried": an emulator-internal call that must complete.
//  - close is special: the descriptor is released even when close reports EINTR; never retry.

/// Raw host syscall with up to six arguments; returns the result or -errno.
@inline(__always)
func hostSyscall(_ number: X86_64Syscall, _ a1: Int = 0, _ a2: Int = 0, _ a3: Int = 0,
                 _ a4: Int = 0, _ a5: Int = 0, _ a6: Int = 0) -> Int {
    sq_syscall6(number.rawValue, a1, a2, a3, a4, a5, a6)
}

/// Raw host syscall that can block, made on the guest's behalf: it goes through the
/// safe-syscall window (CSwiftQemu/signals.c), so a guest signal queued before or during the
/// call makes it return -`hostRestartSyscall` instead of being left undelivered; the CPU loop
/// then restarts the guest's syscall or reports EINTR, as the kernel would (docs/signals.md).
@inline(__always)
func hostBlockingSyscall(_ number: X86_64Syscall, _ a1: Int = 0, _ a2: Int = 0, _ a3: Int = 0,
                         _ a4: Int = 0, _ a5: Int = 0, _ a6: Int = 0) -> Int {
    sq_safe_syscall6(number.rawValue, a1, a2, a3, a4, a5, a6)
}

/// Runs `call` with the address of a zero struct timespec (a host call that must not sleep).
func withZeroTimeout(_ call: (Int) -> Int) -> Int {
    var zero = (0, 0)
    return withUnsafeMutableBytes(of: &zero) { call(hostArg($0.baseAddress)) }
}

/// The kernel's ERESTARTSYS: what `hostBlockingSyscall` returns (negated) when a guest signal
/// interrupted it. Never reaches the guest.
let hostRestartSyscall = Int(SQ_ERESTARTSYS)

/// A host pointer as a syscall argument (0 for nil).
@inline(__always)
func hostArg(_ pointer: UnsafeRawPointer?) -> Int { Int(bitPattern: pointer) }

// MARK: - File descriptors and I/O

/// read(2). EINTR: to caller.
func hostRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    hostBlockingSyscall(.read, Int(fd), hostArg(buffer), count)
}
/// write(2). EINTR: to caller.
func hostWrite(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    hostBlockingSyscall(.write, Int(fd), hostArg(buffer), count)
}
/// write(2) of a whole buffer for the emulator's own output (logs). EINTR: retried.
func hostWriteAll(_ fd: Int32, _ buffer: UnsafeRawBufferPointer) -> Int {
    var done = 0
    while done < buffer.count {
        // Not through the safe-syscall window: the emulator's own output must not be cut short
        // by a queued guest signal.
        let n = hostSyscall(.write, Int(fd), hostArg(buffer.baseAddress! + done), buffer.count - done)
        if n == -Int(GenericErrno.EINTR) { continue }
        if n <= 0 { return n < 0 ? n : done }
        done += n
    }
    return done
}
/// read(2) of an emulator-internal descriptor (the vfork channel), not through the safe-syscall
/// window: a queued guest signal must not cut the read short. EINTR: retried.
func hostReadInternal(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    while true {
        let n = hostSyscall(.read, Int(fd), hostArg(buffer), count)
        if n != -Int(GenericErrno.EINTR) { return n }
    }
}
/// send(2) of a whole buffer with MSG_NOSIGNAL on an emulator-internal socket: no SIGPIPE when
/// the peer is gone (-EPIPE instead). EINTR: retried.
func hostSendAll(_ fd: Int32, _ buffer: UnsafeRawBufferPointer) -> Int {
    var done = 0
    while done < buffer.count {
        let n = hostSyscall(.sendto, Int(fd), hostArg(buffer.baseAddress! + done), buffer.count - done,
                            Int(MSG_NOSIGNAL), 0, 0)
        if n == -Int(GenericErrno.EINTR) { continue }
        if n <= 0 { return n < 0 ? n : done }
        done += n
    }
    return done
}
/// readv(2) with host iovecs. EINTR: to caller.
func hostReadv(_ fd: Int32, _ iov: UnsafeRawPointer, _ count: Int) -> Int {
    hostBlockingSyscall(.readv, Int(fd), hostArg(iov), count)
}
/// writev(2) with host iovecs. EINTR: to caller.
func hostWritev(_ fd: Int32, _ iov: UnsafeRawPointer, _ count: Int) -> Int {
    hostBlockingSyscall(.writev, Int(fd), hostArg(iov), count)
}
/// pread64(2). EINTR: to caller.
func hostPread64(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int, _ offset: Int64) -> Int {
    hostBlockingSyscall(.pread64, Int(fd), hostArg(buffer), count, Int(offset))
}
/// pwrite64(2). EINTR: to caller.
func hostPwrite64(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int, _ offset: Int64) -> Int {
    hostBlockingSyscall(.pwrite64, Int(fd), hostArg(buffer), count, Int(offset))
}
/// openat(2); flags use the generic O_* values, which x86-64 shares. EINTR: to caller (FIFOs).
func hostOpenat(_ dirfd: Int32, _ path: UnsafePointer<CChar>, _ flags: Int32, _ mode: UInt32) -> Int {
    hostBlockingSyscall(.openat, Int(dirfd), hostArg(path), Int(flags), Int(mode))
}
/// close(2). EINTR: the descriptor is gone anyway; reported, never retried.
func hostClose(_ fd: Int32) -> Int {
    hostSyscall(.close, Int(fd))
}
/// lseek(2). EINTR: none.
func hostLseek(_ fd: Int32, _ offset: Int64, _ whence: Int32) -> Int {
    hostSyscall(.lseek, Int(fd), Int(offset), Int(whence))
}
/// dup(2). EINTR: none.
func hostDup(_ fd: Int32) -> Int {
    hostSyscall(.dup, Int(fd))
}
/// dup3(2). EINTR: none (Linux dup3 does not block).
func hostDup3(_ old: Int32, _ new: Int32, _ flags: Int32) -> Int {
    hostSyscall(.dup3, Int(old), Int(new), Int(flags))
}
/// pipe2(2) into two host ints. EINTR: none.
func hostPipe2(_ fds: UnsafeMutablePointer<Int32>, _ flags: Int32) -> Int {
    hostSyscall(.pipe2, hostArg(fds), Int(flags))
}
/// fcntl(2); `argument` is an integer or a host pointer. EINTR: to caller (F_SETLKW, F_OFD_SETLKW).
func hostFcntl(_ fd: Int32, _ command: Int32, _ argument: Int) -> Int {
    hostBlockingSyscall(.fcntl, Int(fd), Int(command), argument)
}
/// ioctl(2); `argument` is an integer or a host pointer. EINTR: to caller (TCSETSW/TCSETSF drain).
func hostIoctl(_ fd: Int32, _ request: UInt32, _ argument: Int) -> Int {
    hostBlockingSyscall(.ioctl, Int(fd), Int(request), argument)
}
/// getdents64(2); struct linux_dirent64 is the same on every arch. EINTR: none.
func hostGetdents64(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    hostSyscall(.getdents64, Int(fd), hostArg(buffer), count)
}

// MARK: - File system

/// newfstatat(2) into the host's 144-byte struct stat. EINTR: none.
func hostNewfstatat(_ dirfd: Int32, _ path: UnsafePointer<CChar>, _ buffer: UnsafeMutableRawPointer, _ flags: Int32) -> Int {
    hostSyscall(.newfstatat, Int(dirfd), hostArg(path), hostArg(buffer), Int(flags))
}
/// fstat(2) into the host's 144-byte struct stat. EINTR: none.
func hostFstat(_ fd: Int32, _ buffer: UnsafeMutableRawPointer) -> Int {
    hostSyscall(.fstat, Int(fd), hostArg(buffer))
}
/// statx(2); struct statx is the same on every arch. EINTR: none.
func hostStatx(_ dirfd: Int32, _ path: UnsafePointer<CChar>, _ flags: Int32, _ mask: UInt32, _ buffer: UnsafeMutableRawPointer) -> Int {
    hostSyscall(.statx, Int(dirfd), hostArg(path), Int(flags), Int(mask), hostArg(buffer))
}
/// readlinkat(2). EINTR: none.
func hostReadlinkat(_ dirfd: Int32, _ path: UnsafePointer<CChar>, _ buffer: UnsafeMutableRawPointer, _ size: Int) -> Int {
    hostSyscall(.readlinkat, Int(dirfd), hostArg(path), hostArg(buffer), size)
}
/// faccessat2(2) (faccessat is faccessat2 with flags 0). EINTR: none.
func hostFaccessat2(_ dirfd: Int32, _ path: UnsafePointer<CChar>, _ mode: Int32, _ flags: Int32) -> Int {
    if flags == 0 {
        return hostSyscall(.faccessat, Int(dirfd), hostArg(path), Int(mode))
    }
    return hostSyscall(.faccessat2, Int(dirfd), hostArg(path), Int(mode), Int(flags))
}
/// mkdirat(2). EINTR: none.
func hostMkdirat(_ dirfd: Int32, _ path: UnsafePointer<CChar>, _ mode: UInt32) -> Int {
    hostSyscall(.mkdirat, Int(dirfd), hostArg(path), Int(mode))
}
/// unlinkat(2). EINTR: none.
func hostUnlinkat(_ dirfd: Int32, _ path: UnsafePointer<CChar>, _ flags: Int32) -> Int {
    hostSyscall(.unlinkat, Int(dirfd), hostArg(path), Int(flags))
}
/// renameat2(2). EINTR: none.
func hostRenameat2(_ olddirfd: Int32, _ old: UnsafePointer<CChar>, _ newdirfd: Int32, _ new: UnsafePointer<CChar>, _ flags: UInt32) -> Int {
    hostSyscall(.renameat2, Int(olddirfd), hostArg(old), Int(newdirfd), hostArg(new), Int(flags))
}
/// symlinkat(2). EINTR: none.
func hostSymlinkat(_ target: UnsafePointer<CChar>, _ dirfd: Int32, _ path: UnsafePointer<CChar>) -> Int {
    hostSyscall(.symlinkat, hostArg(target), Int(dirfd), hostArg(path))
}
/// linkat(2). EINTR: none.
func hostLinkat(_ olddirfd: Int32, _ old: UnsafePointer<CChar>, _ newdirfd: Int32, _ new: UnsafePointer<CChar>, _ flags: Int32) -> Int {
    hostSyscall(.linkat, Int(olddirfd), hostArg(old), Int(newdirfd), hostArg(new), Int(flags))
}
/// fchmod(2). EINTR: none.
func hostFchmod(_ fd: Int32, _ mode: UInt32) -> Int {
    hostSyscall(.fchmod, Int(fd), Int(mode))
}
/// fchmodat(2) (the kernel's three-argument form). EINTR: none.
func hostFchmodat(_ dirfd: Int32, _ path: UnsafePointer<CChar>, _ mode: UInt32) -> Int {
    hostSyscall(.fchmodat, Int(dirfd), hostArg(path), Int(mode))
}
/// fchown(2). EINTR: none.
func hostFchown(_ fd: Int32, _ uid: UInt32, _ gid: UInt32) -> Int {
    hostSyscall(.fchown, Int(fd), Int(Int32(bitPattern: uid)), Int(Int32(bitPattern: gid)))
}
/// fchownat(2). EINTR: none.
func hostFchownat(_ dirfd: Int32, _ path: UnsafePointer<CChar>, _ uid: UInt32, _ gid: UInt32, _ flags: Int32) -> Int {
    hostSyscall(.fchownat, Int(dirfd), hostArg(path), Int(Int32(bitPattern: uid)), Int(Int32(bitPattern: gid)), Int(flags))
}
/// utimensat(2); `path` may be nil (operate on dirfd), `times` may be nil (now). EINTR: none.
func hostUtimensat(_ dirfd: Int32, _ path: UnsafePointer<CChar>?, _ times: UnsafeRawPointer?, _ flags: Int32) -> Int {
    hostSyscall(.utimensat, Int(dirfd), hostArg(path), hostArg(times), Int(flags))
}
/// getcwd(2) (the raw syscall: returns the length including the NUL). EINTR: none.
func hostGetcwd(_ buffer: UnsafeMutableRawPointer, _ size: Int) -> Int {
    hostSyscall(.getcwd, hostArg(buffer), size)
}
/// chdir(2). EINTR: none.
func hostChdir(_ path: UnsafePointer<CChar>) -> Int {
    hostSyscall(.chdir, hostArg(path))
}
/// fchdir(2). EINTR: none.
func hostFchdir(_ fd: Int32) -> Int {
    hostSyscall(.fchdir, Int(fd))
}
/// umask(2); returns the previous mask. EINTR: none.
func hostUmask(_ mask: UInt32) -> Int {
    hostSyscall(.umask, Int(mask))
}

// MARK: - Time

/// clock_gettime(2) into a host timespec (same layout as the guest's). EINTR: none.
func hostClockGettime(_ clock: Int32, _ timespec: UnsafeMutableRawPointer) -> Int {
    hostSyscall(.clock_gettime, Int(clock), hostArg(timespec))
}
/// clock_getres(2); `timespec` may be nil. EINTR: none.
func hostClockGetres(_ clock: Int32, _ timespec: UnsafeMutableRawPointer?) -> Int {
    hostSyscall(.clock_getres, Int(clock), hostArg(timespec))
}
/// gettimeofday(2); both pointers may be nil. EINTR: none.
func hostGettimeofday(_ timeval: UnsafeMutableRawPointer?, _ timezone: UnsafeMutableRawPointer?) -> Int {
    hostSyscall(.gettimeofday, hostArg(timeval), hostArg(timezone))
}
/// nanosleep(2). EINTR: to caller (the remaining time is written to `remaining`).
func hostNanosleep(_ request: UnsafeRawPointer, _ remaining: UnsafeMutableRawPointer?) -> Int {
    hostBlockingSyscall(.nanosleep, hostArg(request), hostArg(remaining))
}
/// clock_nanosleep(2). EINTR: to caller.
func hostClockNanosleep(_ clock: Int32, _ flags: Int32, _ request: UnsafeRawPointer, _ remaining: UnsafeMutableRawPointer?) -> Int {
    hostBlockingSyscall(.clock_nanosleep, Int(clock), Int(flags), hostArg(request), hostArg(remaining))
}

// MARK: - Process and identity

/// getpid(2). EINTR: none.
func hostGetpid() -> Int { hostSyscall(.getpid) }
/// getppid(2). EINTR: none.
func hostGetppid() -> Int { hostSyscall(.getppid) }
/// gettid(2). EINTR: none.
func hostGettid() -> Int { hostSyscall(.gettid) }
/// getuid(2). EINTR: none.
func hostGetuid() -> Int { hostSyscall(.getuid) }
/// geteuid(2). EINTR: none.
func hostGeteuid() -> Int { hostSyscall(.geteuid) }
/// getgid(2). EINTR: none.
func hostGetgid() -> Int { hostSyscall(.getgid) }
/// getegid(2). EINTR: none.
func hostGetegid() -> Int { hostSyscall(.getegid) }
/// getresuid(2) into three host u32. EINTR: none.
func hostGetresuid(_ ids: UnsafeMutablePointer<UInt32>) -> Int {
    hostSyscall(.getresuid, hostArg(ids), hostArg(ids + 1), hostArg(ids + 2))
}
/// getresgid(2) into three host u32. EINTR: none.
func hostGetresgid(_ ids: UnsafeMutablePointer<UInt32>) -> Int {
    hostSyscall(.getresgid, hostArg(ids), hostArg(ids + 1), hostArg(ids + 2))
}
/// getpgid(2). EINTR: none.
func hostGetpgid(_ pid: Int32) -> Int { hostSyscall(.getpgid, Int(pid)) }
/// setpgid(2). EINTR: none.
func hostSetpgid(_ pid: Int32, _ pgid: Int32) -> Int { hostSyscall(.setpgid, Int(pid), Int(pgid)) }
/// getsid(2). EINTR: none.
func hostGetsid(_ pid: Int32) -> Int { hostSyscall(.getsid, Int(pid)) }
/// prlimit64(2); struct rlimit64 is two u64 everywhere. EINTR: none.
func hostPrlimit64(_ pid: Int32, _ resource: Int32, _ new: UnsafeRawPointer?, _ old: UnsafeMutableRawPointer?) -> Int {
    hostSyscall(.prlimit64, Int(pid), Int(resource), hostArg(new), hostArg(old))
}
/// getrusage(2); struct rusage is the same on 64-bit generic and x86-64. EINTR: none.
func hostGetrusage(_ who: Int32, _ usage: UnsafeMutableRawPointer) -> Int {
    hostSyscall(.getrusage, Int(who), hostArg(usage))
}
/// kill(2). EINTR: none.
func hostKill(_ pid: Int32, _ signal: Int32) -> Int { hostSyscall(.kill, Int(pid), Int(signal)) }
/// tgkill(2). EINTR: none.
func hostTgkill(_ tgid: Int32, _ tid: Int32, _ signal: Int32) -> Int {
    hostSyscall(.tgkill, Int(tgid), Int(tid), Int(signal))
}
/// tkill(2). EINTR: none.
func hostTkill(_ tid: Int32, _ signal: Int32) -> Int { hostSyscall(.tkill, Int(tid), Int(signal)) }
/// sched_getaffinity(2); returns the mask size written. EINTR: none.
func hostSchedGetaffinity(_ pid: Int32, _ size: Int, _ mask: UnsafeMutableRawPointer) -> Int {
    hostSyscall(.sched_getaffinity, Int(pid), size, hostArg(mask))
}
/// sched_yield(2). EINTR: none.
func hostSchedYield() -> Int { hostSyscall(.sched_yield) }

// MARK: - System information

/// uname(2) into a 390-byte struct new_utsname (six 65-byte fields). EINTR: none.
func hostUname(_ buffer: UnsafeMutableRawPointer) -> Int { hostSyscall(.uname, hostArg(buffer)) }
/// sysinfo(2); the 112-byte struct is the same on every 64-bit arch. EINTR: none.
func hostSysinfo(_ buffer: UnsafeMutableRawPointer) -> Int { hostSyscall(.sysinfo, hostArg(buffer)) }
/// getrandom(2). EINTR: to caller (blocks until the pool is ready unless GRND_NONBLOCK).
func hostGetrandom(_ buffer: UnsafeMutableRawPointer?, _ count: Int, _ flags: UInt32) -> Int {
    hostBlockingSyscall(.getrandom, hostArg(buffer), count, Int(flags))
}

// MARK: - File space, sync and advice (batch 2)

/// ftruncate(2). EINTR: to caller (can wait on a busy filesystem; rare).
func hostFtruncate(_ fd: Int32, _ length: Int64) -> Int { hostBlockingSyscall(.ftruncate, Int(fd), Int(length)) }
/// truncate(2). EINTR: to caller.
func hostTruncate(_ path: UnsafePointer<CChar>, _ length: Int64) -> Int {
    hostBlockingSyscall(.truncate, hostArg(path), Int(length))
}
/// fallocate(2); FALLOC_FL_* values are arch-independent. EINTR: to caller.
func hostFallocate(_ fd: Int32, _ mode: Int32, _ offset: Int64, _ length: Int64) -> Int {
    hostBlockingSyscall(.fallocate, Int(fd), Int(mode), Int(offset), Int(length))
}
/// fsync(2). EINTR: to caller.
func hostFsync(_ fd: Int32) -> Int { hostBlockingSyscall(.fsync, Int(fd)) }
/// fdatasync(2). EINTR: to caller.
func hostFdatasync(_ fd: Int32) -> Int { hostBlockingSyscall(.fdatasync, Int(fd)) }
/// sync(2). EINTR: none (always succeeds).
func hostSync() -> Int { hostSyscall(.sync) }
/// syncfs(2). EINTR: to caller.
func hostSyncfs(_ fd: Int32) -> Int { hostBlockingSyscall(.syncfs, Int(fd)) }
/// sync_file_range(2) (x86-64 argument order fd, offset, nbytes, flags, like the generic one).
/// EINTR: to caller.
func hostSyncFileRange(_ fd: Int32, _ offset: Int64, _ count: Int64, _ flags: UInt32) -> Int {
    hostBlockingSyscall(.sync_file_range, Int(fd), Int(offset), Int(count), Int(flags))
}
/// flock(2). EINTR: to caller (LOCK_EX/LOCK_SH without LOCK_NB block).
func hostFlock(_ fd: Int32, _ operation: Int32) -> Int { hostBlockingSyscall(.flock, Int(fd), Int(operation)) }
/// fadvise64(2); POSIX_FADV_* are equal on riscv64 and x86-64. EINTR: none.
func hostFadvise64(_ fd: Int32, _ offset: Int64, _ length: Int64, _ advice: Int32) -> Int {
    hostSyscall(.fadvise64, Int(fd), Int(offset), Int(length), Int(advice))
}
/// readahead(2). EINTR: none.
func hostReadahead(_ fd: Int32, _ offset: Int64, _ count: Int) -> Int {
    hostSyscall(.readahead, Int(fd), Int(offset), count)
}
/// statfs(2) into a 120-byte struct statfs (same layout on riscv64 and x86-64). EINTR: none.
func hostStatfs(_ path: UnsafePointer<CChar>, _ buffer: UnsafeMutableRawPointer) -> Int {
    hostSyscall(.statfs, hostArg(path), hostArg(buffer))
}
/// fstatfs(2) into a 120-byte struct statfs. EINTR: none.
func hostFstatfs(_ fd: Int32, _ buffer: UnsafeMutableRawPointer) -> Int {
    hostSyscall(.fstatfs, Int(fd), hostArg(buffer))
}
/// mknodat(2); `device` is the kernel's u32 encoding. EINTR: none.
func hostMknodat(_ dirfd: Int32, _ path: UnsafePointer<CChar>, _ mode: UInt32, _ device: UInt32) -> Int {
    hostSyscall(.mknodat, Int(dirfd), hostArg(path), Int(mode), Int(device))
}

// MARK: - Copies between descriptors and positional vectored I/O (batch 2)

/// sendfile(2); `offset` may be nil. EINTR: to caller.
func hostSendfile(_ outFd: Int32, _ inFd: Int32, _ offset: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    hostBlockingSyscall(.sendfile, Int(outFd), Int(inFd), hostArg(offset), count)
}
/// copy_file_range(2); offsets may be nil. EINTR: to caller.
func hostCopyFileRange(_ inFd: Int32, _ inOffset: UnsafeMutableRawPointer?, _ outFd: Int32,
                       _ outOffset: UnsafeMutableRawPointer?, _ count: Int, _ flags: UInt32) -> Int {
    hostBlockingSyscall(.copy_file_range, Int(inFd), hostArg(inOffset), Int(outFd), hostArg(outOffset), count, Int(flags))
}
/// splice(2); offsets may be nil. EINTR: to caller.
func hostSplice(_ inFd: Int32, _ inOffset: UnsafeMutableRawPointer?, _ outFd: Int32,
                _ outOffset: UnsafeMutableRawPointer?, _ count: Int, _ flags: UInt32) -> Int {
    hostBlockingSyscall(.splice, Int(inFd), hostArg(inOffset), Int(outFd), hostArg(outOffset), count, Int(flags))
}
/// tee(2). EINTR: to caller.
func hostTee(_ inFd: Int32, _ outFd: Int32, _ count: Int, _ flags: UInt32) -> Int {
    hostBlockingSyscall(.tee, Int(inFd), Int(outFd), count, Int(flags))
}
/// preadv2(2) with host iovecs; the offset goes in the low half (64-bit: the high half is
/// ignored by the kernel). flags 0 is plain preadv. EINTR: to caller.
func hostPreadv2(_ fd: Int32, _ iov: UnsafeRawPointer, _ count: Int, _ offset: Int64, _ flags: Int32) -> Int {
    if flags == 0 { return hostBlockingSyscall(.preadv, Int(fd), hostArg(iov), count, Int(offset), 0) }
    return hostBlockingSyscall(.preadv2, Int(fd), hostArg(iov), count, Int(offset), 0, Int(flags))
}
/// pwritev2(2) with host iovecs (see `hostPreadv2`). EINTR: to caller.
func hostPwritev2(_ fd: Int32, _ iov: UnsafeRawPointer, _ count: Int, _ offset: Int64, _ flags: Int32) -> Int {
    if flags == 0 { return hostBlockingSyscall(.pwritev, Int(fd), hostArg(iov), count, Int(offset), 0) }
    return hostBlockingSyscall(.pwritev2, Int(fd), hostArg(iov), count, Int(offset), 0, Int(flags))
}

// MARK: - Polling (batch 2)

/// ppoll(2) without a signal mask (see PollSyscalls.swift); struct pollfd is 8 bytes on both.
/// EINTR: to caller.
func hostPpoll(_ fds: UnsafeMutableRawPointer?, _ count: Int, _ timeout: UnsafeMutableRawPointer?) -> Int {
    hostBlockingSyscall(.ppoll, hostArg(fds), count, hostArg(timeout), 0, 8)
}
/// pselect6(2) without a signal mask; fd_set is a bit array of u64 on both. EINTR: to caller.
func hostPselect6(_ count: Int32, _ read: UnsafeMutableRawPointer?, _ write: UnsafeMutableRawPointer?,
                  _ except: UnsafeMutableRawPointer?, _ timeout: UnsafeMutableRawPointer?) -> Int {
    hostBlockingSyscall(.pselect6, Int(count), hostArg(read), hostArg(write), hostArg(except), hostArg(timeout), 0)
}

// MARK: - Scheduler, priority and accounting (batch 2)

/// sched_setaffinity(2). EINTR: none.
func hostSchedSetaffinity(_ pid: Int32, _ size: Int, _ mask: UnsafeRawPointer) -> Int {
    hostSyscall(.sched_setaffinity, Int(pid), size, hostArg(mask))
}
/// sched_getparam(2) into a 4-byte struct sched_param. EINTR: none.
func hostSchedGetparam(_ pid: Int32, _ param: UnsafeMutableRawPointer) -> Int {
    hostSyscall(.sched_getparam, Int(pid), hostArg(param))
}
/// sched_setparam(2). EINTR: none.
func hostSchedSetparam(_ pid: Int32, _ param: UnsafeRawPointer) -> Int {
    hostSyscall(.sched_setparam, Int(pid), hostArg(param))
}
/// sched_getscheduler(2). EINTR: none.
func hostSchedGetscheduler(_ pid: Int32) -> Int { hostSyscall(.sched_getscheduler, Int(pid)) }
/// sched_setscheduler(2). EINTR: none.
func hostSchedSetscheduler(_ pid: Int32, _ policy: Int32, _ param: UnsafeRawPointer) -> Int {
    hostSyscall(.sched_setscheduler, Int(pid), Int(policy), hostArg(param))
}
/// sched_get_priority_max(2). EINTR: none.
func hostSchedGetPriorityMax(_ policy: Int32) -> Int { hostSyscall(.sched_get_priority_max, Int(policy)) }
/// sched_get_priority_min(2). EINTR: none.
func hostSchedGetPriorityMin(_ policy: Int32) -> Int { hostSyscall(.sched_get_priority_min, Int(policy)) }
/// sched_rr_get_interval(2) into a timespec. EINTR: none.
func hostSchedRrGetInterval(_ pid: Int32, _ interval: UnsafeMutableRawPointer) -> Int {
    hostSyscall(.sched_rr_get_interval, Int(pid), hostArg(interval))
}
/// getcpu(2); both pointers may be nil. EINTR: none.
func hostGetcpu(_ cpu: UnsafeMutableRawPointer?, _ node: UnsafeMutableRawPointer?) -> Int {
    hostSyscall(.getcpu, hostArg(cpu), hostArg(node), 0)
}
/// getpriority(2): the raw syscall returns 20 - nice (glibc converts). EINTR: none.
func hostGetpriority(_ which: Int32, _ who: Int32) -> Int { hostSyscall(.getpriority, Int(which), Int(who)) }
/// setpriority(2). EINTR: none.
func hostSetpriority(_ which: Int32, _ who: Int32, _ priority: Int32) -> Int {
    hostSyscall(.setpriority, Int(which), Int(who), Int(priority))
}
/// times(2); struct tms is four longs on both; `buffer` may be nil. Returns clock ticks.
/// EINTR: none.
func hostTimes(_ buffer: UnsafeMutableRawPointer?) -> Int { hostSyscall(.times, hostArg(buffer)) }

// MARK: - Identity, sessions, personality, capabilities, prctl (batch 2)

/// A uid_t/gid_t argument: -1 (0xffffffff) means "unchanged" and must stay -1 as an int.
@inline(__always)
func hostId(_ id: UInt32) -> Int { Int(Int32(bitPattern: id)) }
/// setuid(2), the raw per-thread syscall (glibc broadcasts to every thread). EINTR: none.
func hostSetuid(_ uid: UInt32) -> Int { hostSyscall(.setuid, hostId(uid)) }
/// setgid(2), per thread. EINTR: none.
func hostSetgid(_ gid: UInt32) -> Int { hostSyscall(.setgid, hostId(gid)) }
/// setreuid(2), per thread. EINTR: none.
func hostSetreuid(_ ruid: UInt32, _ euid: UInt32) -> Int { hostSyscall(.setreuid, hostId(ruid), hostId(euid)) }
/// setregid(2), per thread. EINTR: none.
func hostSetregid(_ rgid: UInt32, _ egid: UInt32) -> Int { hostSyscall(.setregid, hostId(rgid), hostId(egid)) }
/// setresuid(2), per thread. EINTR: none.
func hostSetresuid(_ r: UInt32, _ e: UInt32, _ s: UInt32) -> Int {
    hostSyscall(.setresuid, hostId(r), hostId(e), hostId(s))
}
/// setresgid(2), per thread. EINTR: none.
func hostSetresgid(_ r: UInt32, _ e: UInt32, _ s: UInt32) -> Int {
    hostSyscall(.setresgid, hostId(r), hostId(e), hostId(s))
}
/// setfsuid(2); returns the previous fsuid. EINTR: none.
func hostSetfsuid(_ uid: UInt32) -> Int { hostSyscall(.setfsuid, hostId(uid)) }
/// setfsgid(2); returns the previous fsgid. EINTR: none.
func hostSetfsgid(_ gid: UInt32) -> Int { hostSyscall(.setfsgid, hostId(gid)) }
/// getgroups(2) into u32 gids (`list` may be nil when `size` is 0). EINTR: none.
func hostGetgroups(_ size: Int32, _ list: UnsafeMutableRawPointer?) -> Int {
    hostSyscall(.getgroups, Int(size), hostArg(list))
}
/// setgroups(2), per thread. EINTR: none.
func hostSetgroups(_ size: Int, _ list: UnsafeRawPointer?) -> Int { hostSyscall(.setgroups, size, hostArg(list)) }
/// setsid(2). EINTR: none.
func hostSetsid() -> Int { hostSyscall(.setsid) }
/// personality(2); 0xffffffff queries. EINTR: none.
func hostPersonality(_ persona: UInt32) -> Int { hostSyscall(.personality, Int(persona)) }
/// capget(2); header {u32 version, i32 pid} and data (12 bytes each) are arch-independent.
/// EINTR: none.
func hostCapget(_ header: UnsafeMutableRawPointer, _ data: UnsafeMutableRawPointer?) -> Int {
    hostSyscall(.capget, hostArg(header), hostArg(data))
}
/// capset(2). EINTR: none.
func hostCapset(_ header: UnsafeMutableRawPointer, _ data: UnsafeRawPointer?) -> Int {
    hostSyscall(.capset, hostArg(header), hostArg(data))
}
/// prctl(2) with integer or host-pointer arguments. EINTR: none for the options passed.
func hostPrctl(_ option: Int32, _ a2: Int, _ a3: Int = 0, _ a4: Int = 0, _ a5: Int = 0) -> Int {
    hostSyscall(.prctl, Int(option), a2, a3, a4, a5)
}

// MARK: - Sockets (batch 2): struct sockaddr_*, msghdr, cmsghdr, linger, ucred, timeval and the
// SOL_SOCKET/SO_*/MSG_*/SOCK_* values are the same on riscv64 and x86-64 (checked with the
// cross headers), so only guest pointers change.

/// socket(2). EINTR: none.
func hostSocket(_ domain: Int32, _ type: Int32, _ proto: Int32) -> Int {
    hostSyscall(.socket, Int(domain), Int(type), Int(proto))
}
/// socketpair(2) into two host ints. EINTR: none.
func hostSocketpair(_ domain: Int32, _ type: Int32, _ proto: Int32, _ fds: UnsafeMutableRawPointer) -> Int {
    hostSyscall(.socketpair, Int(domain), Int(type), Int(proto), hostArg(fds))
}
/// bind(2). EINTR: none.
func hostBind(_ fd: Int32, _ address: UnsafeRawPointer?, _ length: UInt32) -> Int {
    hostSyscall(.bind, Int(fd), hostArg(address), Int(length))
}
/// connect(2). EINTR: to caller (blocking connect).
func hostConnect(_ fd: Int32, _ address: UnsafeRawPointer?, _ length: UInt32) -> Int {
    hostBlockingSyscall(.connect, Int(fd), hostArg(address), Int(length))
}
/// listen(2). EINTR: none.
func hostListen(_ fd: Int32, _ backlog: Int32) -> Int { hostSyscall(.listen, Int(fd), Int(backlog)) }
/// accept4(2); `address`/`length` may be nil. EINTR: to caller.
func hostAccept4(_ fd: Int32, _ address: UnsafeMutableRawPointer?, _ length: UnsafeMutableRawPointer?, _ flags: Int32) -> Int {
    hostBlockingSyscall(.accept4, Int(fd), hostArg(address), hostArg(length), Int(flags))
}
/// getsockname(2). EINTR: none.
func hostGetsockname(_ fd: Int32, _ address: UnsafeMutableRawPointer?, _ length: UnsafeMutableRawPointer?) -> Int {
    hostSyscall(.getsockname, Int(fd), hostArg(address), hostArg(length))
}
/// getpeername(2). EINTR: none.
func hostGetpeername(_ fd: Int32, _ address: UnsafeMutableRawPointer?, _ length: UnsafeMutableRawPointer?) -> Int {
    hostSyscall(.getpeername, Int(fd), hostArg(address), hostArg(length))
}
/// sendto(2); `address` may be nil. EINTR: to caller.
func hostSendto(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int, _ flags: Int32,
                _ address: UnsafeRawPointer?, _ length: UInt32) -> Int {
    hostBlockingSyscall(.sendto, Int(fd), hostArg(buffer), count, Int(flags), hostArg(address), Int(length))
}
/// recvfrom(2); `address`/`length` may be nil. EINTR: to caller.
func hostRecvfrom(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int, _ flags: Int32,
                  _ address: UnsafeMutableRawPointer?, _ length: UnsafeMutableRawPointer?) -> Int {
    hostBlockingSyscall(.recvfrom, Int(fd), hostArg(buffer), count, Int(flags), hostArg(address), hostArg(length))
}
/// setsockopt(2). EINTR: none.
func hostSetsockopt(_ fd: Int32, _ level: Int32, _ name: Int32, _ value: UnsafeRawPointer?, _ length: UInt32) -> Int {
    hostSyscall(.setsockopt, Int(fd), Int(level), Int(name), hostArg(value), Int(length))
}
/// getsockopt(2). EINTR: none.
func hostGetsockopt(_ fd: Int32, _ level: Int32, _ name: Int32, _ value: UnsafeMutableRawPointer?,
                    _ length: UnsafeMutableRawPointer) -> Int {
    hostSyscall(.getsockopt, Int(fd), Int(level), Int(name), hostArg(value), hostArg(length))
}
/// shutdown(2). EINTR: none.
func hostShutdown(_ fd: Int32, _ how: Int32) -> Int { hostSyscall(.shutdown, Int(fd), Int(how)) }
/// sendmsg(2) with a host struct msghdr. EINTR: to caller.
func hostSendmsg(_ fd: Int32, _ message: UnsafeRawPointer, _ flags: Int32) -> Int {
    hostBlockingSyscall(.sendmsg, Int(fd), hostArg(message), Int(flags))
}
/// recvmsg(2) with a host struct msghdr. EINTR: to caller.
func hostRecvmsg(_ fd: Int32, _ message: UnsafeMutableRawPointer, _ flags: Int32) -> Int {
    hostBlockingSyscall(.recvmsg, Int(fd), hostArg(message), Int(flags))
}
/// sendmmsg(2) with host struct mmsghdr entries. EINTR: to caller.
func hostSendmmsg(_ fd: Int32, _ messages: UnsafeMutableRawPointer, _ count: Int, _ flags: Int32) -> Int {
    hostBlockingSyscall(.sendmmsg, Int(fd), hostArg(messages), count, Int(flags))
}
/// recvmmsg(2) with host struct mmsghdr entries; `timeout` may be nil. EINTR: to caller.
func hostRecvmmsg(_ fd: Int32, _ messages: UnsafeMutableRawPointer, _ count: Int, _ flags: Int32,
                  _ timeout: UnsafeMutableRawPointer?) -> Int {
    hostBlockingSyscall(.recvmmsg, Int(fd), hostArg(messages), count, Int(flags), hostArg(timeout))
}

// MARK: - Memory sync (batch 2)

/// msync(2) on a host range inside the guest region. EINTR: to caller (MS_SYNC waits on I/O).
func hostMsync(_ address: UnsafeMutableRawPointer, _ length: UInt64, _ flags: Int32) -> Int {
    hostBlockingSyscall(.msync, hostArg(address), Int(truncatingIfNeeded: length), Int(flags))
}

// MARK: - Batch 3: pass-through calls

/// A host syscall whose arguments need no conversion once the handler has turned guest
/// pointers into host pointers (the x86-64 number is named at the call site, so
/// `grep hostPassthrough(.name` finds every user). The handler's doc comment states the
/// EINTR policy: the calls that can block (`blocksForSignals`) go through the safe-syscall
/// window like the other "EINTR: to caller" wrappers; the rest cannot see EINTR.
@inline(__always)
func hostPassthrough(_ number: X86_64Syscall, _ a1: Int = 0, _ a2: Int = 0, _ a3: Int = 0,
                     _ a4: Int = 0, _ a5: Int = 0, _ a6: Int = 0) -> Int {
    number.blocksForSignals
        ? hostBlockingSyscall(number, a1, a2, a3, a4, a5, a6)
        : hostSyscall(number, a1, a2, a3, a4, a5, a6)
}

extension X86_64Syscall {
    /// The pass-through calls that can sleep until a signal interrupts them.
    var blocksForSignals: Bool {
        switch self {
        case .epoll_pwait, .epoll_pwait2, .futex_waitv, .io_getevents, .mq_timedreceive, .mq_timedsend,
             .msgrcv, .msgsnd, .semop, .semtimedop, .waitid, .openat2, .vmsplice:
            return true
        default:
            return false
        }
    }
}

/// shmat(2) at a fixed host address (`SHM_REMAP` replaces the guest reservation there).
/// EINTR: none.
func hostShmat(_ id: Int32, _ address: UnsafeMutableRawPointer, _ flags: Int32) -> Int {
    hostSyscall(.shmat, Int(id), hostArg(address), Int(flags))
}
/// shmdt(2). EINTR: none.
func hostShmdt(_ address: UnsafeMutableRawPointer) -> Int {
    hostSyscall(.shmdt, hostArg(address))
}
/// shmctl(2) with a host buffer. EINTR: none.
func hostShmctl(_ id: Int32, _ command: Int32, _ buffer: UnsafeMutableRawPointer?) -> Int {
    hostSyscall(.shmctl, Int(id), Int(command), hostArg(buffer))
}
/// memfd_create(2), used by /proc emulation for generated files. EINTR: none.
func hostMemfdCreate(_ name: UnsafePointer<CChar>, _ flags: UInt32) -> Int {
    hostSyscall(.memfd_create, hostArg(name), Int(flags))
}

// MARK: - Processes: fork, exec, wait (issue 4, processes)

/// fork(3) through glibc rather than the raw syscall, so glibc's fork handlers run (malloc and
/// stdio locks, the thread's cached tid in its TCB). Returns the pid, 0 in the child, or -errno
/// (read from glibc's errno). EINTR: none.
func hostFork() -> Int {
    let pid = Glibc.fork()
    return pid < 0 ? -Int(errno) : Int(pid)
}
/// clone3(2) with a host `struct clone_args` and no stack (fork semantics: the child continues
/// on a copy of this stack), for flags glibc's fork cannot express (another exit signal,
/// namespaces, CLONE_PARENT, set_tid, cgroups). EINTR: none.
func hostClone3(_ args: UnsafeRawPointer, _ size: Int) -> Int {
    hostSyscall(.clone3, hostArg(args), size)
}
/// execve(2) with host strings. Returns only on failure. EINTR: none.
func hostExecve(_ path: UnsafePointer<CChar>, _ argv: UnsafePointer<UnsafeMutablePointer<CChar>?>,
                _ envp: UnsafePointer<UnsafeMutablePointer<CChar>?>) -> Int {
    hostSyscall(.execve, hostArg(path), hostArg(argv), hostArg(envp))
}
/// execveat(2) with host strings. Returns only on failure. EINTR: none.
func hostExecveat(_ dirfd: Int32, _ path: UnsafePointer<CChar>, _ argv: UnsafePointer<UnsafeMutablePointer<CChar>?>,
                  _ envp: UnsafePointer<UnsafeMutablePointer<CChar>?>, _ flags: Int32) -> Int {
    hostSyscall(.execveat, Int(dirfd), hostArg(path), hostArg(argv), hostArg(envp), Int(flags))
}
/// wait4(2); status (int) and rusage (144 bytes, the same layout on both) are host pointers.
/// EINTR: to caller.
func hostWait4(_ pid: Int32, _ status: UnsafeMutableRawPointer?, _ options: Int32, _ usage: UnsafeMutableRawPointer?) -> Int {
    hostSyscall(.wait4, Int(pid), hostArg(status), Int(options), hostArg(usage))
}
/// pidfd_open(2) (the pidfd of CLONE_PIDFD for a child made by glibc's fork). EINTR: none.
func hostPidfdOpen(_ pid: Int32, _ flags: UInt32) -> Int {
    hostSyscall(.pidfd_open, Int(pid), Int(flags))
}
