import Glibc
import SyscallTables

/// Turns a guest syscall (number + six arguments) into host work and a result.
///
/// The numbers are riscv64's (the asm-generic table, `RISCV64Syscall`, generated from the
/// kernel headers); aarch64 uses the same table. Each family of calls lives in its own file
/// (FileSyscalls, FileSystemSyscalls, MemorySyscalls, TimeSyscalls, ProcessSyscalls,
/// InfoSyscalls, SignalSyscalls, IoctlSyscalls, RISCV64ArchSyscalls); docs/syscalls.md lists
/// what is implemented and what is not, with reasons. Results are values or -errno; guest and
/// host errno numbers are equal (see `GenericErrno`).
public final class SyscallDispatcher {
    /// The process the calls act on.
    public let context: GuestProcessContext
    /// What uname reports as `machine`.
    public var machineName = "riscv64"

    /// A dispatcher for the process described by `context`.
    public init(context: GuestProcessContext) {
        self.context = context
    }

    /// Runs one guest syscall. Unknown or unimplemented numbers return -ENOSYS and, with
    /// `-d unimp`, log `Unsupported syscall: <number> (<name>)` as qemu-user does.
    public func dispatch(number: Int, args a: SyscallArgs) -> SyscallOutcome {
        guard let call = RISCV64Syscall(rawValue: number) else { return .returned(unimplemented(number)) }
        switch call {
        // Process lifetime
        case .exit: return .exit(a.a0.int32)
        case .exit_group: return .exitGroup(a.a0.int32)
        // FileSyscalls
        case .read: return .returned(sysRead(a))
        case .write: return .returned(sysWrite(a))
        case .readv: return .returned(sysReadv(a))
        case .writev: return .returned(sysWritev(a))
        case .pread64: return .returned(sysPread64(a))
        case .pwrite64: return .returned(sysPwrite64(a))
        case .openat: return .returned(sysOpenat(a))
        case .close: return .returned(sysClose(a))
        case .lseek: return .returned(sysLseek(a))
        case .dup: return .returned(sysDup(a))
        case .dup3: return .returned(sysDup3(a))
        case .pipe2: return .returned(sysPipe2(a))
        case .getdents64: return .returned(sysGetdents64(a))
        case .fcntl: return .returned(sysFcntl(a))
        case .ioctl: return .returned(sysIoctl(a))
        // FileSystemSyscalls
        case .newfstatat: return .returned(sysNewfstatat(a))
        case .fstat: return .returned(sysFstat(a))
        case .statx: return .returned(sysStatx(a))
        case .readlinkat: return .returned(sysReadlinkat(a))
        case .faccessat: return .returned(sysFaccessat(a))
        case .faccessat2: return .returned(sysFaccessat2(a))
        case .mkdirat: return .returned(sysMkdirat(a))
        case .unlinkat: return .returned(sysUnlinkat(a))
        case .renameat2: return .returned(sysRenameat2(a))
        case .symlinkat: return .returned(sysSymlinkat(a))
        case .linkat: return .returned(sysLinkat(a))
        case .fchmod: return .returned(sysFchmod(a))
        case .fchmodat: return .returned(sysFchmodat(a))
        case .fchown: return .returned(sysFchown(a))
        case .fchownat: return .returned(sysFchownat(a))
        case .utimensat: return .returned(sysUtimensat(a))
        case .getcwd: return .returned(sysGetcwd(a))
        case .chdir: return .returned(sysChdir(a))
        case .fchdir: return .returned(sysFchdir(a))
        case .umask: return .returned(sysUmask(a))
        // MemorySyscalls
        case .brk: return .returned(sysBrk(a))
        case .mmap: return .returned(sysMmap(a))
        case .munmap: return .returned(sysMunmap(a))
        case .mprotect: return .returned(sysMprotect(a))
        case .mremap: return .returned(sysMremap(a))
        case .madvise: return .returned(sysMadvise(a))
        // TimeSyscalls
        case .clock_gettime: return .returned(sysClockGettime(a))
        case .clock_getres: return .returned(sysClockGetres(a))
        case .gettimeofday: return .returned(sysGettimeofday(a))
        case .nanosleep: return .returned(sysNanosleep(a))
        case .clock_nanosleep: return .returned(sysClockNanosleep(a))
        // FutexSyscalls
        case .futex: return .returned(sysFutex(a))
        // ProcessSyscalls
        case .set_tid_address: return .returned(sysSetTidAddress(a))
        case .set_robust_list: return .returned(sysSetRobustList(a))
        case .getpid: return .returned(sysGetpid(a))
        case .getppid: return .returned(sysGetppid(a))
        case .gettid: return .returned(sysGettid(a))
        case .getuid: return .returned(sysGetuid(a))
        case .geteuid: return .returned(sysGeteuid(a))
        case .getgid: return .returned(sysGetgid(a))
        case .getegid: return .returned(sysGetegid(a))
        case .getresuid: return .returned(sysGetresuid(a))
        case .getresgid: return .returned(sysGetresgid(a))
        case .getpgid: return .returned(sysGetpgid(a))
        case .setpgid: return .returned(sysSetpgid(a))
        case .getsid: return .returned(sysGetsid(a))
        case .prlimit64: return .returned(sysPrlimit64(a))
        case .getrlimit: return .returned(sysGetrlimit(a))
        case .setrlimit: return .returned(sysSetrlimit(a))
        case .getrusage: return .returned(sysGetrusage(a))
        case .wait4: return .returned(sysWait4(a))
        case .kill: return .returned(sysKill(a))
        case .tgkill: return .returned(sysTgkill(a))
        case .tkill: return .returned(sysTkill(a))
        case .sched_getaffinity: return .returned(sysSchedGetaffinity(a))
        case .sched_yield: return .returned(sysSchedYield(a))
        // InfoSyscalls
        case .uname: return .returned(sysUname(a))
        case .sysinfo: return .returned(sysSysinfo(a))
        case .getrandom: return .returned(sysGetrandom(a))
        // SignalSyscalls
        case .rt_sigaction: return .returned(sysRtSigaction(a))
        case .rt_sigprocmask: return .returned(sysRtSigprocmask(a))
        // RISCV64ArchSyscalls
        case .riscv_hwprobe: return .returned(sysRiscvHwprobe(a))
        case .riscv_flush_icache: return .returned(sysRiscvFlushIcache(a))
        // FileSpaceSyscalls
        case .truncate: return .returned(sysTruncate(a))
        case .ftruncate: return .returned(sysFtruncate(a))
        case .fallocate: return .returned(sysFallocate(a))
        case .fsync: return .returned(sysFsync(a))
        case .fdatasync: return .returned(sysFdatasync(a))
        case .sync: return .returned(sysSync(a))
        case .syncfs: return .returned(sysSyncfs(a))
        case .sync_file_range: return .returned(sysSyncFileRange(a))
        case .flock: return .returned(sysFlock(a))
        case .fadvise64: return .returned(sysFadvise64(a))
        case .readahead: return .returned(sysReadahead(a))
        case .statfs: return .returned(sysStatfs(a))
        case .fstatfs: return .returned(sysFstatfs(a))
        case .mknodat: return .returned(sysMknodat(a))
        // FileCopySyscalls
        case .sendfile: return .returned(sysSendfile(a))
        case .copy_file_range: return .returned(sysCopyFileRange(a))
        case .splice: return .returned(sysSplice(a))
        case .tee: return .returned(sysTee(a))
        case .preadv: return .returned(sysPreadv(a))
        case .pwritev: return .returned(sysPwritev(a))
        case .preadv2: return .returned(sysPreadv2(a))
        case .pwritev2: return .returned(sysPwritev2(a))
        // PollSyscalls
        case .ppoll: return .returned(sysPpoll(a))
        case .pselect6: return .returned(sysPselect6(a))
        // MemorySyncSyscalls
        case .msync: return .returned(sysMsync(a))
        // SchedulerSyscalls
        case .sched_setaffinity: return .returned(sysSchedSetaffinity(a))
        case .sched_getparam: return .returned(sysSchedGetparam(a))
        case .sched_setparam: return .returned(sysSchedSetparam(a))
        case .sched_getscheduler: return .returned(sysSchedGetscheduler(a))
        case .sched_setscheduler: return .returned(sysSchedSetscheduler(a))
        case .sched_get_priority_max: return .returned(sysSchedGetPriorityMax(a))
        case .sched_get_priority_min: return .returned(sysSchedGetPriorityMin(a))
        case .sched_rr_get_interval: return .returned(sysSchedRrGetInterval(a))
        case .getcpu: return .returned(sysGetcpu(a))
        case .getpriority: return .returned(sysGetpriority(a))
        case .setpriority: return .returned(sysSetpriority(a))
        case .times: return .returned(sysTimes(a))
        // IdentitySyscalls
        case .setuid: return .returned(sysSetuid(a))
        case .setgid: return .returned(sysSetgid(a))
        case .setreuid: return .returned(sysSetreuid(a))
        case .setregid: return .returned(sysSetregid(a))
        case .setresuid: return .returned(sysSetresuid(a))
        case .setresgid: return .returned(sysSetresgid(a))
        case .setfsuid: return .returned(sysSetfsuid(a))
        case .setfsgid: return .returned(sysSetfsgid(a))
        case .getgroups: return .returned(sysGetgroups(a))
        case .setgroups: return .returned(sysSetgroups(a))
        case .setsid: return .returned(sysSetsid(a))
        case .personality: return .returned(sysPersonality(a))
        case .capget: return .returned(sysCapget(a))
        case .capset: return .returned(sysCapset(a))
        // PrctlSyscalls
        case .prctl: return .returned(sysPrctl(a))
        // SocketSyscalls, SocketMessageSyscalls
        case .socket: return .returned(sysSocket(a))
        case .socketpair: return .returned(sysSocketpair(a))
        case .bind: return .returned(sysBind(a))
        case .connect: return .returned(sysConnect(a))
        case .listen: return .returned(sysListen(a))
        case .accept: return .returned(sysAccept(a))
        case .accept4: return .returned(sysAccept4(a))
        case .getsockname: return .returned(sysGetsockname(a))
        case .getpeername: return .returned(sysGetpeername(a))
        case .sendto: return .returned(sysSendto(a))
        case .recvfrom: return .returned(sysRecvfrom(a))
        case .setsockopt: return .returned(sysSetsockopt(a))
        case .getsockopt: return .returned(sysGetsockopt(a))
        case .shutdown: return .returned(sysShutdown(a))
        case .sendmsg: return .returned(sysSendmsg(a))
        case .recvmsg: return .returned(sysRecvmsg(a))
        case .sendmmsg: return .returned(sysSendmmsg(a))
        case .recvmmsg: return .returned(sysRecvmmsg(a))
        default: return .returned(unimplemented(number))
        }
    }

    /// -ENOSYS for a syscall this emulator does not implement, named with `-d unimp`.
    @inline(never)
    func unimplemented(_ number: Int) -> Int64 {
        if context.logUnimplemented {
            let name = RISCV64Syscall.name(of: number).map { "\($0)" } ?? "unknown"
            context.log.write("Unsupported syscall: \(number) (\(name))")
        }
        return fail(ENOSYS)
    }
}
