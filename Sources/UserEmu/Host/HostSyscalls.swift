import CSwiftQemu
import SyscallTables

// The one layer through which UserEmu reaches the host kernel (x86-64 numbers, raw `syscall`).
//
// Every wrapper returns the kernel's raw result: a value >= 0, or -errno. No wrapper touches
// the thread's `errno`. Pointers are host pointers; guest pointers are checked and turned into
// host pointers by the syscall handlers before they get here.
//
// EINTR policy, stated on each wrapper:
//  - "EINTR: to caller": the call can block; -EINTR is returned as is, so the guest sees it as
//    it would on hardware (glibc in the guest restarts or reports it). Later, the safe-syscall
//    pattern will turn a guest signal arriving here into a restart.
//  - "EINTR: none": the call never blocks; EINTR cannot occur.
//  - "EINTR: retried": an emulator-internal call that must complete.
//  - close is special: the descriptor is released even when close reports EINTR; never retry.

/// Raw host syscall with up to six arguments; returns the result or -errno.
@inline(__always)
func hostSyscall(_ number: X86_64Syscall, _ a1: Int = 0, _ a2: Int = 0, _ a3: Int = 0,
                 _ a4: Int = 0, _ a5: Int = 0, _ a6: Int = 0) -> Int {
    sq_syscall6(number.rawValue, a1, a2, a3, a4, a5, a6)
}

/// A host pointer as a syscall argument (0 for nil).
@inline(__always)
func hostArg(_ pointer: UnsafeRawPointer?) -> Int { Int(bitPattern: pointer) }

// MARK: - File descriptors and I/O

/// read(2). EINTR: to caller.
func hostRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    hostSyscall(.read, Int(fd), hostArg(buffer), count)
}
/// write(2). EINTR: to caller.
func hostWrite(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    hostSyscall(.write, Int(fd), hostArg(buffer), count)
}
/// write(2) of a whole buffer for the emulator's own output (logs). EINTR: retried.
func hostWriteAll(_ fd: Int32, _ buffer: UnsafeRawBufferPointer) -> Int {
    var done = 0
    while done < buffer.count {
        let n = hostWrite(fd, buffer.baseAddress! + done, buffer.count - done)
        if n == -Int(GenericErrno.EINTR) { continue }
        if n <= 0 { return n < 0 ? n : done }
        done += n
    }
    return done
}
/// readv(2) with host iovecs. EINTR: to caller.
func hostReadv(_ fd: Int32, _ iov: UnsafeRawPointer, _ count: Int) -> Int {
    hostSyscall(.readv, Int(fd), hostArg(iov), count)
}
/// writev(2) with host iovecs. EINTR: to caller.
func hostWritev(_ fd: Int32, _ iov: UnsafeRawPointer, _ count: Int) -> Int {
    hostSyscall(.writev, Int(fd), hostArg(iov), count)
}
/// pread64(2). EINTR: to caller.
func hostPread64(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int, _ offset: Int64) -> Int {
    hostSyscall(.pread64, Int(fd), hostArg(buffer), count, Int(offset))
}
/// pwrite64(2). EINTR: to caller.
func hostPwrite64(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int, _ offset: Int64) -> Int {
    hostSyscall(.pwrite64, Int(fd), hostArg(buffer), count, Int(offset))
}
/// openat(2); flags use the generic O_* values, which x86-64 shares. EINTR: to caller (FIFOs).
func hostOpenat(_ dirfd: Int32, _ path: UnsafePointer<CChar>, _ flags: Int32, _ mode: UInt32) -> Int {
    hostSyscall(.openat, Int(dirfd), hostArg(path), Int(flags), Int(mode))
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
    hostSyscall(.fcntl, Int(fd), Int(command), argument)
}
/// ioctl(2); `argument` is an integer or a host pointer. EINTR: to caller (TCSETSW/TCSETSF drain).
func hostIoctl(_ fd: Int32, _ request: UInt32, _ argument: Int) -> Int {
    hostSyscall(.ioctl, Int(fd), Int(request), argument)
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
    hostSyscall(.nanosleep, hostArg(request), hostArg(remaining))
}
/// clock_nanosleep(2). EINTR: to caller.
func hostClockNanosleep(_ clock: Int32, _ flags: Int32, _ request: UnsafeRawPointer, _ remaining: UnsafeMutableRawPointer?) -> Int {
    hostSyscall(.clock_nanosleep, Int(clock), Int(flags), hostArg(request), hostArg(remaining))
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
    hostSyscall(.getrandom, hostArg(buffer), count, Int(flags))
}
