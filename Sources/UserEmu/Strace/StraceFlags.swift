/// Symbolic flag and constant names for `-strace`, generic (riscv64/aarch64) values, in
/// qemu-user's order (`linux-user/strace.c` flag tables).
enum StraceFlags {
    /// Joins the names of the set bits in table order, leftovers in hex; `zero` when none.
    static func bits(_ value: Int32, _ table: [(Int32, String)], zero: String) -> String {
        var rest = value
        var names: [String] = []
        for (bit, name) in table where bit != 0 && rest & bit == bit {
            names.append(name)
            rest &= ~bit
        }
        if rest != 0 { names.append("0x" + String(UInt32(bitPattern: rest), radix: 16)) }
        return names.isEmpty ? zero : names.joined(separator: "|")
    }

    static func open(_ flags: Int32) -> String {
        let mode = ["O_RDONLY", "O_WRONLY", "O_RDWR", "O_ACCMODE"][Int(flags & 3)]
        let rest = bits(flags & ~3, [
            (OpenFlag.append, "O_APPEND"), (OpenFlag.creat, "O_CREAT"), (OpenFlag.directory, "O_DIRECTORY"),
            (0o200, "O_EXCL"), (0o100000, "O_LARGEFILE"), (0o400, "O_NOCTTY"), (0o400000, "O_NOFOLLOW"),
            (0o4000, "O_NONBLOCK"), (0o10000, "O_DSYNC"), (0o4000000, "O_SYNC"), (0o1000, "O_TRUNC"),
            (0o40000, "O_DIRECT"), (0o1000000, "O_NOATIME"), (OpenFlag.cloexec, "O_CLOEXEC"),
            (0o10000000, "O_PATH"), (0o20000000, "O_TMPFILE"),
        ], zero: "")
        return rest.isEmpty ? mode : mode + "|" + rest
    }

    static func prot(_ prot: Int32) -> String {
        bits(prot, [(4, "PROT_EXEC"), (1, "PROT_READ"), (2, "PROT_WRITE"), (8, "PROT_SEM"),
                    (0x0100_0000, "PROT_GROWSDOWN"), (0x0200_0000, "PROT_GROWSUP")], zero: "PROT_NONE")
    }

    static func mmap(_ flags: Int32) -> String {
        let type: String
        switch flags & 0xf {
        case 1: type = "MAP_SHARED"
        case 2: type = "MAP_PRIVATE"
        case 3: type = "MAP_SHARED_VALIDATE"
        default: type = "0x" + String(flags & 0xf, radix: 16)
        }
        let rest = bits(flags & ~0xf, [
            (0x20, "MAP_ANONYMOUS"), (0x800, "MAP_DENYWRITE"), (0x1000, "MAP_EXECUTABLE"), (0x10, "MAP_FIXED"),
            (0x100000, "MAP_FIXED_NOREPLACE"), (0x100, "MAP_GROWSDOWN"), (0x40000, "MAP_HUGETLB"),
            (0x2000, "MAP_LOCKED"), (0x10000, "MAP_NONBLOCK"), (0x4000, "MAP_NORESERVE"),
            (0x8000, "MAP_POPULATE"), (0x20000, "MAP_STACK"), (0x80000, "MAP_SYNC"), (0x400_0000, "MAP_UNINITIALIZED"),
        ], zero: "")
        return rest.isEmpty ? type : type + "|" + rest
    }

    static func access(_ mode: Int32) -> String {
        bits(mode, [(4, "R_OK"), (2, "W_OK"), (1, "X_OK")], zero: "F_OK")
    }

    static func at(_ flags: Int32) -> String {
        bits(flags, [(0x100, "AT_SYMLINK_NOFOLLOW"), (0x200, "AT_REMOVEDIR"), (0x400, "AT_SYMLINK_FOLLOW"),
                     (0x800, "AT_NO_AUTOMOUNT"), (0x1000, "AT_EMPTY_PATH")], zero: "0")
    }

    static func whence(_ value: Int32) -> String {
        ["SEEK_SET", "SEEK_CUR", "SEEK_END", "SEEK_DATA", "SEEK_HOLE"][safe: Int(value)] ?? String(value)
    }

    static let signalNames = [
        "", "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE", "SIGKILL",
        "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT", "SIGCHLD", "SIGCONT",
        "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU", "SIGXFSZ", "SIGVTALRM", "SIGPROF",
        "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS",
    ]

    static func signal(_ number: Int32) -> String {
        if number >= 1 && number <= 31 { return signalNames[Int(number)] }
        if number >= 32 && number <= 64 { return number == 32 ? "SIGRTMIN" : "SIGRTMIN+\(number - 32)" }
        return String(number)
    }

    static func clock(_ id: Int32) -> String {
        ["CLOCK_REALTIME", "CLOCK_MONOTONIC", "CLOCK_PROCESS_CPUTIME_ID", "CLOCK_THREAD_CPUTIME_ID",
         "CLOCK_MONOTONIC_RAW", "CLOCK_REALTIME_COARSE", "CLOCK_MONOTONIC_COARSE", "CLOCK_BOOTTIME",
         "CLOCK_REALTIME_ALARM", "CLOCK_BOOTTIME_ALARM", "CLOCK_SGI_CYCLE", "CLOCK_TAI"][safe: Int(id)] ?? String(id)
    }

    static func fcntl(_ command: Int32) -> String {
        let names: [Int32: String] = [
            0: "F_DUPFD", 1: "F_GETFD", 2: "F_SETFD", 3: "F_GETFL", 4: "F_SETFL", 5: "F_GETLK", 6: "F_SETLK",
            7: "F_SETLKW", 8: "F_SETOWN", 9: "F_GETOWN", 10: "F_SETSIG", 11: "F_GETSIG", 15: "F_SETOWN_EX",
            16: "F_GETOWN_EX", 36: "F_OFD_GETLK", 37: "F_OFD_SETLK", 38: "F_OFD_SETLKW", 1024: "F_SETLEASE",
            1025: "F_GETLEASE", 1026: "F_NOTIFY", 1030: "F_DUPFD_CLOEXEC", 1031: "F_SETPIPE_SZ",
            1032: "F_GETPIPE_SZ", 1033: "F_ADD_SEALS", 1034: "F_GET_SEALS",
        ]
        return names[command] ?? String(command)
    }

    static func ioctl(_ request: UInt32) -> String {
        let names: [UInt32: String] = [
            0x5401: "TCGETS", 0x5402: "TCSETS", 0x5403: "TCSETSW", 0x5404: "TCSETSF", 0x540E: "TIOCSCTTY",
            0x540F: "TIOCGPGRP", 0x5410: "TIOCSPGRP", 0x5413: "TIOCGWINSZ", 0x5414: "TIOCSWINSZ",
            0x541B: "FIONREAD", 0x5421: "FIONBIO", 0x5422: "TIOCNOTTY", 0x5450: "FIONCLEX", 0x5451: "FIOCLEX",
            0x80086601: "FS_IOC_GETFLAGS", 0x80081272: "BLKGETSIZE64", 0x40049409: "FICLONE",
        ]
        return names[request] ?? "0x" + String(request, radix: 16)
    }
}

/// open(2) flag values of the generic ABI that the formatter tests against.
enum OpenFlag {
    static let append: Int32 = 0o2000
    static let creat: Int32 = 0o100
    static let directory: Int32 = 0o200000
    static let cloexec: Int32 = 0o2000000
    static let tmpfile: Int32 = 0o20000000
}
