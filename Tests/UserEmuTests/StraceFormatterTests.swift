import Glibc
import SyscallTables
import Testing
@testable import UserEmu

/// `-strace` lines in qemu-user's format (checked against qemu-riscv64 9.x output).
@Suite struct StraceFormatterTests {
    static let strings: [UInt64: String] = [0x1000: "/etc/passwd", 0x2000: "a\"b\n"]

    func call(_ syscall: RISCV64Syscall, _ a: [UInt64]) -> String {
        var args = SyscallArgs()
        let v = a + Array(repeating: 0, count: 6 - a.count)
        args.a0 = v[0]; args.a1 = v[1]; args.a2 = v[2]; args.a3 = v[3]; args.a4 = v[4]; args.a5 = v[5]
        return StraceFormatter.call(number: syscall.rawValue, args: args) { address, _ in
            Self.strings[address].map { Array($0.utf8) }
        }
    }

    static let atFDCWD = UInt64(bitPattern: -100)

    @Test func openatWithFlagsAndMode() {
        #expect(call(.openat, [Self.atFDCWD, 0x1000, 0o2000000]) == "openat(AT_FDCWD,\"/etc/passwd\",O_RDONLY|O_CLOEXEC)")
        #expect(call(.openat, [Self.atFDCWD, 0x1000, 0o1101, 0o644]) == "openat(AT_FDCWD,\"/etc/passwd\",O_WRONLY|O_CREAT|O_TRUNC,0644)")
        #expect(call(.openat, [3, 0x2000, 0o206002]) == "openat(3,\"a\\\"b\\n\",O_RDWR|O_APPEND|O_DIRECTORY|O_NONBLOCK)")
        #expect(call(.openat, [3, 0x9999, 0]) == "openat(3,0x0000000000009999,O_RDONLY)")
    }

    @Test func mmapFamily() {
        #expect(call(.mmap, [0, 8192, 3, 0x22, UInt64(bitPattern: -1), 0]) == "mmap(NULL,8192,PROT_READ|PROT_WRITE,MAP_PRIVATE|MAP_ANONYMOUS,-1,0)")
        #expect(call(.mmap, [0x100000, 4096, 5, 0x31, UInt64(bitPattern: -1), 0])
                == "mmap(0x0000000000100000,4096,PROT_EXEC|PROT_READ,MAP_SHARED|MAP_ANONYMOUS|MAP_FIXED,-1,0)")
        #expect(call(.mprotect, [0x71000, 16384, 0]) == "mprotect(0x0000000000071000,16384,PROT_NONE)")
        #expect(call(.brk, [0]) == "brk(NULL)")
    }

    @Test func otherDecodedCalls() {
        #expect(call(.write, [1, 0x51f48, 3]) == "write(1,0x51f48,3)")
        #expect(call(.faccessat, [Self.atFDCWD, 0x1000, 4, 0]) == "faccessat(AT_FDCWD,\"/etc/passwd\",R_OK,0)")
        #expect(call(.newfstatat, [Self.atFDCWD, 0x1000, 0x3fffffe580, 0x100])
                == "newfstatat(AT_FDCWD,\"/etc/passwd\",0x0000003fffffe580,AT_SYMLINK_NOFOLLOW)")
        #expect(call(.lseek, [0, 0, 1]) == "lseek(0,0,SEEK_CUR)")
        #expect(call(.getpid, []) == "getpid()")
        #expect(call(.kill, [42, 15]) == "kill(42,SIGTERM)")
        #expect(call(.rt_sigprocmask, [2, 0, 0x5000]) == "rt_sigprocmask(SIG_SETMASK,NULL,0x0000000000005000)")
        #expect(call(.clock_gettime, [1, 0x5000]) == "clock_gettime(CLOCK_MONOTONIC,0x0000000000005000)")
        #expect(call(.ioctl, [1, 0x5401, 0x5000]) == "ioctl(1,TCGETS,0x0000000000005000)")
        #expect(call(.fcntl, [3, 1030, 10]) == "fcntl(3,F_DUPFD_CLOEXEC,10)")
    }

    @Test func unknownFormatFallsBackToDecimal() {
        #expect(call(.set_robust_list, [512224, 24, UInt64(bitPattern: -32), 1, 508648, 512224])
                == "set_robust_list(512224,24,-32,1,508648,512224)")
        #expect(StraceFormatter.call(number: 9999, args: SyscallArgs()) { _, _ in nil } == "Unknown syscall 9999(0,0,0,0,0,0)")
    }

    @Test func results() {
        #expect(StraceFormatter.result(number: RISCV64Syscall.read.rawValue, outcome: .returned(14)) == " = 14")
        #expect(StraceFormatter.result(number: RISCV64Syscall.openat.rawValue, outcome: .returned(-2))
                == " = -1 errno=2 (No such file or directory)")
        #expect(StraceFormatter.result(number: RISCV64Syscall.mmap.rawValue, outcome: .returned(0x4000802000))
                == " = 0x0000004000802000")
        #expect(StraceFormatter.result(number: RISCV64Syscall.exit_group.rawValue, outcome: .exitGroup(3)) == "")
        #expect(StraceFormatter.line(pid: 7, call: "getpid()", number: RISCV64Syscall.getpid.rawValue, outcome: .returned(7))
                == "7 getpid() = 7")
    }

    @Test func longStringsAreTruncated() {
        let long = [UInt8](repeating: UInt8(ascii: "a"), count: StraceFormatter.maxString + 1)
        let text = StraceFormatter.argument(.string, 0x1000) { _, _ in long }
        #expect(text.hasSuffix("\"..."))
        #expect(text.count == StraceFormatter.maxString + 5)
    }
}
