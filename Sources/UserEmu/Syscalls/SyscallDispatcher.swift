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
    /// The calling guest thread (each thread has its own dispatcher).
    public let thread: GuestThreadState
    /// What uname reports as `machine`.
    public var machineName = "riscv64"

    /// A dispatcher for `thread` of the process described by `context`.
    public init(context: GuestProcessContext, thread: GuestThreadState = GuestThreadState()) {
        self.context = context
        self.thread = thread
    }

    /// Runs one guest syscall. Numbers outside the table return -ENOSYS; the calls listed in
    /// `NotImplementedSyscalls` return their errno. With `-d unimp` both are logged
    /// (`Unsupported syscall: <number> (<name>)[: reason]`), as qemu-user does.
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
        case .clone: return .returned(sysClone(a))
        case .clone3: return .returned(sysClone3(a))
        case .execve: return .returned(sysExecve(a))
        case .execveat: return .returned(sysExecveat(a))
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
        case .rt_sigpending: return .returned(sysRtSigpending(a))
        case .rt_sigsuspend: return .returned(sysRtSigsuspend(a))
        case .rt_sigtimedwait: return .returned(sysRtSigtimedwait(a))
        case .rt_sigqueueinfo: return .returned(sysRtSigqueueinfo(a))
        case .rt_tgsigqueueinfo: return .returned(sysRtTgsigqueueinfo(a))
        case .pidfd_send_signal: return .returned(sysPidfdSendSignal(a))
        case .signalfd4: return .returned(sysSignalfd4(a))
        case .sigaltstack: return .returned(sysSigaltstack(a))
        // The CPU loop handles rt_sigreturn before dispatching (it restores registers).
        case .rt_sigreturn: return .returned(fail(ENOSYS))
        // Never set up by this emulator (no ERESTART_RESTARTBLOCK): the kernel's
        // do_no_restart_syscall answer.
        case .restart_syscall: return .returned(fail(EINTR))
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
        // EventSyscalls
        case .eventfd2: return .returned(sysEventfd2(a))
        case .epoll_create1: return .returned(sysEpollCreate1(a))
        case .epoll_ctl: return .returned(sysEpollCtl(a))
        case .epoll_pwait: return .returned(sysEpollPwait(a))
        case .epoll_pwait2: return .returned(sysEpollPwait2(a))
        case .timerfd_create: return .returned(sysTimerfdCreate(a))
        case .timerfd_settime: return .returned(sysTimerfdSettime(a))
        case .timerfd_gettime: return .returned(sysTimerfdGettime(a))
        case .inotify_init1: return .returned(sysInotifyInit1(a))
        case .inotify_add_watch: return .returned(sysInotifyAddWatch(a))
        case .inotify_rm_watch: return .returned(sysInotifyRmWatch(a))
        case .fanotify_init: return .returned(sysFanotifyInit(a))
        case .fanotify_mark: return .returned(sysFanotifyMark(a))
        // FileHandleSyscalls
        case .memfd_create: return .returned(sysMemfdCreate(a))
        case .memfd_secret: return .returned(sysMemfdSecret(a))
        case .close_range: return .returned(sysCloseRange(a))
        case .openat2: return .returned(sysOpenat2(a))
        case .name_to_handle_at: return .returned(sysNameToHandleAt(a))
        case .open_by_handle_at: return .returned(sysOpenByHandleAt(a))
        case .vmsplice: return .returned(sysVmsplice(a))
        case .mq_open: return .returned(sysMqOpen(a))
        case .mq_unlink: return .returned(sysMqUnlink(a))
        case .mq_timedsend: return .returned(sysMqTimedsend(a))
        case .mq_timedreceive: return .returned(sysMqTimedreceive(a))
        case .mq_notify: return .returned(sysMqNotify(a))
        case .mq_getsetattr: return .returned(sysMqGetsetattr(a))
        // XattrSyscalls
        case .setxattr: return .returned(sysSetxattr(a))
        case .lsetxattr: return .returned(sysLsetxattr(a))
        case .fsetxattr: return .returned(sysFsetxattr(a))
        case .getxattr: return .returned(sysGetxattr(a))
        case .lgetxattr: return .returned(sysLgetxattr(a))
        case .fgetxattr: return .returned(sysFgetxattr(a))
        case .listxattr: return .returned(sysListxattr(a))
        case .llistxattr: return .returned(sysLlistxattr(a))
        case .flistxattr: return .returned(sysFlistxattr(a))
        case .removexattr: return .returned(sysRemovexattr(a))
        case .lremovexattr: return .returned(sysLremovexattr(a))
        case .fremovexattr: return .returned(sysFremovexattr(a))
        // MemoryLockSyscalls
        case .mlock: return .returned(sysMlock(a))
        case .munlock: return .returned(sysMunlock(a))
        case .mlock2: return .returned(sysMlock2(a))
        case .mlockall: return .returned(sysMlockall(a))
        case .munlockall: return .returned(sysMunlockall(a))
        case .mincore: return .returned(sysMincore(a))
        case .process_vm_readv: return .returned(sysProcessVm(a, write: false))
        case .process_vm_writev: return .returned(sysProcessVm(a, write: true))
        case .membarrier: return .returned(sysMembarrier(a))
        case .mbind: return .returned(sysMbind(a))
        case .get_mempolicy: return .returned(sysGetMempolicy(a))
        case .set_mempolicy: return .returned(sysSetMempolicy(a))
        case .migrate_pages: return .returned(sysMigratePages(a))
        case .set_mempolicy_home_node: return .returned(sysSetMempolicyHomeNode(a))
        case .pkey_mprotect: return .returned(sysPkeyMprotect(a))
        case .pkey_alloc: return .returned(sysPkeyAlloc(a))
        case .pkey_free: return .returned(sysPkeyFree(a))
        // SysVIPCSyscalls
        case .semget: return .returned(sysSemget(a))
        case .semctl: return .returned(sysSemctl(a))
        case .semop: return .returned(sysSemop(a))
        case .semtimedop: return .returned(sysSemtimedop(a))
        case .msgget: return .returned(sysMsgget(a))
        case .msgsnd: return .returned(sysMsgsnd(a))
        case .msgrcv: return .returned(sysMsgrcv(a))
        case .msgctl: return .returned(sysMsgctl(a))
        case .shmget: return .returned(sysShmget(a))
        case .shmctl: return .returned(sysShmctl(a))
        case .shmat: return .returned(sysShmat(a))
        case .shmdt: return .returned(sysShmdt(a))
        // AIOSyscalls
        case .io_setup: return .returned(sysIoSetup(a))
        case .io_destroy: return .returned(sysIoDestroy(a))
        case .io_submit: return .returned(sysIoSubmit(a))
        case .io_cancel: return .returned(sysIoCancel(a))
        case .io_getevents: return .returned(sysIoGetevents(a))
        // AdminSyscalls
        case .syslog: return .returned(sysSyslog(a))
        case .acct: return .returned(sysAcct(a))
        case .quotactl: return .returned(sysQuotactl(a))
        case .quotactl_fd: return .returned(sysQuotactlFd(a))
        case .mount: return .returned(sysMount(a))
        case .umount2: return .returned(sysUmount2(a))
        case .pivot_root: return .returned(sysPivotRoot(a))
        case .chroot: return .returned(sysChroot(a))
        case .swapon: return .returned(sysSwapon(a))
        case .swapoff: return .returned(sysSwapoff(a))
        case .sethostname: return .returned(sysSethostname(a))
        case .setdomainname: return .returned(sysSetdomainname(a))
        case .vhangup: return .returned(sysVhangup(a))
        case .unshare: return .returned(sysUnshare(a))
        case .setns: return .returned(sysSetns(a))
        case .open_tree: return .returned(sysOpenTree(a))
        case .move_mount: return .returned(sysMoveMount(a))
        case .fsopen: return .returned(sysFsopen(a))
        case .fsconfig: return .returned(sysFsconfig(a))
        case .fsmount: return .returned(sysFsmount(a))
        case .fspick: return .returned(sysFspick(a))
        case .mount_setattr: return .returned(sysMountSetattr(a))
        case .landlock_create_ruleset: return .returned(sysLandlockCreateRuleset(a))
        case .landlock_add_rule: return .returned(sysLandlockAddRule(a))
        case .landlock_restrict_self: return .returned(sysLandlockRestrictSelf(a))
        // ClockAdminSyscalls
        case .adjtimex: return .returned(sysAdjtimex(a))
        case .clock_adjtime: return .returned(sysClockAdjtime(a))
        case .clock_settime: return .returned(sysClockSettime(a))
        case .settimeofday: return .returned(sysSettimeofday(a))
        case .getitimer: return .returned(sysGetitimer(a))
        case .setitimer: return .returned(sysSetitimer(a))
        case .timer_create: return .returned(sysTimerCreate(a))
        case .timer_settime: return .returned(sysTimerSettime(a))
        case .timer_gettime: return .returned(sysTimerGettime(a))
        case .timer_getoverrun: return .returned(sysTimerGetoverrun(a))
        case .timer_delete: return .returned(sysTimerDelete(a))
        // ProcessExtraSyscalls
        case .waitid: return .returned(sysWaitid(a))
        case .get_robust_list: return .returned(sysGetRobustList(a))
        case .sched_setattr: return .returned(sysSchedSetattr(a))
        case .sched_getattr: return .returned(sysSchedGetattr(a))
        case .pidfd_open: return .returned(sysPidfdOpen(a))
        case .pidfd_getfd: return .returned(sysPidfdGetfd(a))
        case .process_madvise: return .returned(sysProcessMadvise(a))
        case .process_mrelease: return .returned(sysProcessMrelease(a))
        case .kcmp: return .returned(sysKcmp(a))
        case .ioprio_set: return .returned(sysIoprioSet(a))
        case .ioprio_get: return .returned(sysIoprioGet(a))
        case .futex_waitv: return .returned(sysFutexWaitv(a))
        default: return .returned(notImplemented(call))
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
