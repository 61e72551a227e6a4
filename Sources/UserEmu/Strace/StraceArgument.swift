/// How `-strace` prints one syscall argument (qemu-user's `strace.list` formats and printers).
public enum StraceArgument: Sendable {
    /// A C `int`, decimal (fds, counts qemu prints with %d).
    case int
    /// A `long`, decimal.
    case long
    /// An unsigned value in hex with `0x` (qemu's `%#x`: write's buffer, ioctl requests).
    case hex
    /// A pointer: `NULL` or `0x` + 16 hex digits (qemu's `print_pointer`).
    case pointer
    /// A NUL-terminated guest string, read before the call, quoted; unreadable: the pointer.
    case string
    /// A directory fd: `AT_FDCWD` or decimal.
    case dirfd
    /// open/openat flags, symbolic.
    case openFlags
    /// A file mode in octal with a leading 0 (`0644`).
    case mode
    /// The mode argument of open/openat: printed only when the flags (the previous argument)
    /// have O_CREAT or O_TMPFILE.
    case openMode
    /// mmap/mprotect protection, symbolic.
    case mmapProt
    /// mmap flags, symbolic.
    case mmapFlags
    /// access mode (`F_OK`, `R_OK|W_OK|X_OK`).
    case accessMode
    /// `AT_*` flags, symbolic (0 prints as 0).
    case atFlags
    /// lseek whence (`SEEK_SET` ...).
    case whence
    /// A signal number (`SIGINT` ...).
    case signal
    /// rt_sigprocmask how (`SIG_BLOCK` ...).
    case sigprocmaskHow
    /// A clock id (`CLOCK_REALTIME` ...).
    case clockID
    /// fcntl command (`F_GETFD` ...).
    case fcntlCommand
    /// ioctl request: a known name or hex.
    case ioctlRequest
}

/// How `-strace` prints a result.
public enum StraceResult: Sendable {
    /// Decimal (`%ld`).
    case decimal
    /// An address: `0x` + 16 hex digits (mmap, brk, mremap, shmat).
    case address
    /// Nothing: the call does not return (exit, exit_group).
    case none
}
