#!/usr/bin/env python3
"""Generates the riscv64 guest's syscall-number and errno tables from the kernel UAPI headers.

Outputs (rewritten only when their content changes; `--check` exits 1 when one is stale, the
tests run it):
  Sources/SyscallTables/RISCV64SyscallNumbers.swift  from asm/unistd.h -> asm-generic/unistd.h
  Sources/SyscallTables/GenericErrno.swift            from asm-generic/errno-base.h + errno.h
  Sources/SyscallTables/X86_64HostSyscallNumbers.swift from the host's asm/unistd_64.h

`--verify-abi` compiles a probe of struct layouts and flag values with riscv64-linux-gnu-gcc
and the host gcc and prints both columns; the only expected difference is struct stat (the
facts docs/syscalls.md relies on). It needs both compilers and is not part of `--check`.

The syscall header is resolved the way a riscv64 kernel build sees it: asm/unistd.h is read
first (it defines __ARCH_WANT_NEW_STAT, __ARCH_WANT_SET_GET_RLIMIT, __ARCH_WANT_SYS_CLONE3,
__ARCH_WANT_MEMFD_SECRET under __LP64__), then asm-generic/unistd.h with __BITS_PER_LONG == 64
and no __SYSCALL_COMPAT, so the __NR3264_* numbers take their 64-bit names (fcntl, statfs,
fstatfs, truncate, ftruncate, lseek, sendfile, newfstatat, fstat, mmap, fadvise64).
A tiny preprocessor handles #if/#ifdef/#ifndef/#else/#endif/#define/#undef/#include; it is
enough for these headers and fails loudly on anything it does not understand.
"""
import os, re, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
INCLUDE = "/usr/riscv64-linux-gnu/include"
UNISTD = os.path.join(INCLUDE, "asm", "unistd.h")
GENERIC_UNISTD = os.path.join(INCLUDE, "asm-generic", "unistd.h")
ERRNO_BASE = os.path.join(INCLUDE, "asm-generic", "errno-base.h")
ERRNO = os.path.join(INCLUDE, "asm-generic", "errno.h")
SYSCALL_OUT = os.path.join(ROOT, "Sources", "SyscallTables", "RISCV64SyscallNumbers.swift")
ERRNO_OUT = os.path.join(ROOT, "Sources", "SyscallTables", "GenericErrno.swift")
HOST_UNISTD = "/usr/include/x86_64-linux-gnu/asm/unistd_64.h"
HOST_OUT = os.path.join(ROOT, "Sources", "SyscallTables", "X86_64HostSyscallNumbers.swift")

# Syscalls newer than the installed headers (Debian 12 ships Linux 6.1 UAPI headers).
# riscv_hwprobe arrived in Linux 6.4 as __NR_arch_specific_syscall + 14.
SUPPLEMENT = {"riscv_hwprobe": 258}

SWIFT_KEYWORDS = {"init", "self", "Self", "switch", "case", "default", "func", "let", "var",
                  "return", "if", "else", "for", "while", "do", "in", "is", "as", "try", "throw",
                  "import", "class", "struct", "enum", "protocol", "extension", "static", "where",
                  "break", "continue", "fallthrough", "guard", "defer", "repeat", "operator",
                  "public", "private", "internal", "subscript", "deinit", "typealias", "nil",
                  "true", "false", "super", "inout", "any", "some"}


class Preprocessor:
    """Just enough of cpp for the kernel's unistd/errno headers."""

    def __init__(self, predefined):
        self.macros = dict(predefined)  # name -> replacement text (string)
        self.order = []                 # names in the order they were #defined

    def condition(self, expr):
        def defined(m):
            return " True " if m.group(1) in self.macros else " False "
        e = re.sub(r"defined\s*\(\s*(\w+)\s*\)", defined, expr)
        e = re.sub(r"defined\s+(\w+)", defined, e)
        e = e.replace("||", " or ").replace("&&", " and ")
        e = re.sub(r"!(?!=)", " not ", e)

        def ident(m):
            name = m.group(0)
            if name in ("True", "False", "or", "and", "not"):
                return name
            return str(self.value(name)) if name in self.macros else "0"
        e = re.sub(r"[A-Za-z_]\w*", ident, e)
        return bool(eval(e, {"__builtins__": {}}))

    def value(self, name, depth=0):
        """Integer value of an object-like macro, resolving references to other macros."""
        if depth > 20:
            raise SystemExit(f"gen_syscalls: macro recursion at {name}")
        text = self.macros[name].strip()
        expr = re.sub(r"[A-Za-z_]\w*",
                      lambda m: str(self.value(m.group(0), depth + 1)), text)
        if not re.fullmatch(r"[\d\s()+\-*]+", expr):
            raise SystemExit(f"gen_syscalls: cannot evaluate {name} = {text!r}")
        return int(eval(expr, {"__builtins__": {}}))

    def run(self, path):
        lines = open(path).read().replace("\\\n", " ").split("\n")
        stack = []  # (taking, any_branch_taken)
        for raw in lines:
            line = re.sub(r"/\*.*?\*/", "", raw).strip()
            if not line.startswith("#"):
                continue
            directive = line[1:].strip()
            word = directive.split()[0] if directive else ""
            rest = directive[len(word):].strip()
            active = all(s[0] for s in stack)
            if word in ("if", "ifdef", "ifndef"):
                if not active:
                    stack.append((False, True))
                    continue
                if word == "ifdef":
                    take = rest in self.macros
                elif word == "ifndef":
                    take = rest not in self.macros
                else:
                    take = self.condition(rest)
                stack.append((take, take))
            elif word == "elif":
                taking, done = stack.pop()
                parent = all(s[0] for s in stack)
                take = parent and not done and self.condition(rest)
                stack.append((take, done or take))
            elif word == "else":
                taking, done = stack.pop()
                parent = all(s[0] for s in stack)
                stack.append((parent and not done, True))
            elif word == "endif":
                stack.pop()
            elif not active:
                continue
            elif word == "define":
                m = re.match(r"(\w+)(\([^)]*\))?\s*(.*)", rest)
                name, params, body = m.group(1), m.group(2), m.group(3)
                if params:
                    self.macros[name] = None  # function-like: only its existence matters
                else:
                    self.macros[name] = body
                    self.order.append(name)
            elif word == "undef":
                self.macros.pop(rest, None)
            elif word == "include":
                inc = rest.strip("<>\"")
                if inc == "asm/bitsperlong.h":
                    continue  # __BITS_PER_LONG is predefined as 64
                self.run(os.path.join(INCLUDE, inc))
            else:
                raise SystemExit(f"gen_syscalls: unknown directive #{word} in {path}")
        if stack:
            raise SystemExit(f"gen_syscalls: unbalanced #if in {path}")


def syscalls():
    pp = Preprocessor({"__LP64__": "1", "__BITS_PER_LONG": "64"})
    pp.run(UNISTD)
    table = {}
    for name in pp.order:
        if not name.startswith("__NR_") or name in ("__NR_syscalls", "__NR_arch_specific_syscall"):
            continue
        if pp.macros.get(name) is None:
            continue  # #undef'd later
        table[name[len("__NR_"):]] = pp.value(name)
    for name, number in SUPPLEMENT.items():
        if name in table and table[name] != number:
            raise SystemExit(f"gen_syscalls: header disagrees with supplement for {name}")
        table[name] = number
    by_number = {}
    for name, number in table.items():
        if number in by_number:
            raise SystemExit(f"gen_syscalls: duplicate number {number}: {by_number[number]} {name}")
        by_number[number] = name
    return sorted(by_number.items())


def errnos():
    pp = Preprocessor({})
    pp.run(ERRNO)  # includes errno-base.h
    canonical, aliases = [], []
    for name in pp.order:
        if not re.fullmatch(r"E[A-Z0-9]+", name):
            continue
        body = pp.macros[name].strip()
        if re.fullmatch(r"\d+", body):
            canonical.append((name, int(body)))
        else:
            aliases.append((name, body, pp.value(name)))
    return canonical, aliases


def host_syscalls():
    pp = Preprocessor({})
    pp.run(HOST_UNISTD)
    return sorted((pp.value(n), n[len("__NR_"):]) for n in pp.order if n.startswith("__NR_"))


def host_swift(table):
    out = [f"// GENERATED by codegen/gen_syscalls.py from {HOST_UNISTD}. Do not edit.",
           "",
           "/// x86-64 host syscall numbers, for the raw `sq_syscall6` calls in UserEmu/Host.",
           "/// (Glibc's SYS_* macros are not imported into Swift.)",
           "public enum X86_64Syscall: Int, Sendable {"]
    for number, name in table:
        out.append(f"    case {ident(name)} = {number}")
    out.append("}")
    return "\n".join(out) + "\n"


ABI_PROBES = [
    "sizeof(struct stat)", "offsetof(struct stat, st_nlink)", "offsetof(struct stat, st_mode)",
    "offsetof(struct stat, st_rdev)", "offsetof(struct stat, st_size)",
    "offsetof(struct stat, st_blksize)", "offsetof(struct stat, st_blocks)",
    "offsetof(struct stat, st_atime)", "offsetof(struct stat, st_ctime_nsec)",
    "sizeof(struct termios)", "offsetof(struct termios, c_cc)", "NCCS",
    "sizeof(struct flock)", "offsetof(struct flock, l_pid)", "sizeof(struct statx)",
    "sizeof(struct sysinfo)", "sizeof(struct rlimit)", "sizeof(struct winsize)",
    "F_GETLK", "F_SETLK", "F_SETLKW", "F_DUPFD_CLOEXEC", "F_GETOWN_EX", "F_OFD_GETLK",
    "O_DIRECTORY", "O_NOFOLLOW", "O_DIRECT", "O_LARGEFILE", "O_CLOEXEC", "O_NONBLOCK",
    "O_APPEND", "O_CREAT", "O_EXCL", "O_NOCTTY", "O_TRUNC", "O_DSYNC", "__O_SYNC", "O_PATH",
    "__O_TMPFILE", "O_NOATIME", "FASYNC",
    "TCGETS", "TCSETS", "TCSETSW", "TCSETSF", "TIOCGWINSZ", "TIOCSWINSZ", "FIONREAD",
    "FIONBIO", "TIOCGPGRP", "TIOCSPGRP",
    "SIGABRT", "SIGUSR1", "SIGCHLD", "SIGSTOP", "SIGSYS", "SA_RESTART", "SA_SIGINFO",
    "SA_ONSTACK", "SA_NODEFER", "SA_RESETHAND",
    "MAP_ANONYMOUS", "MAP_FIXED", "MAP_NORESERVE", "MAP_FIXED_NOREPLACE", "MAP_STACK",
]
ABI_HEADERS = ["stddef.h", "asm/stat.h", "asm/termbits.h", "asm/termios.h", "asm/ioctls.h", "asm/fcntl.h",
               "linux/fcntl.h", "linux/sysinfo.h", "linux/resource.h", "linux/stat.h",
               "asm/signal.h", "asm/mman.h"]


def verify_abi():
    import subprocess, tempfile
    src = "".join(f"#include <{h}>\n" for h in ABI_HEADERS)
    src += "".join(f"long v{i} = (long)({e});\n" for i, e in enumerate(ABI_PROBES))
    with tempfile.NamedTemporaryFile("w", suffix=".c", delete=False) as f:
        f.write(src)

    def values(cc):
        run = subprocess.run([cc, "-S", "-o", "-", f.name], capture_output=True, text=True)
        if run.returncode != 0:
            raise SystemExit(f"gen_syscalls: {cc} failed:\n{run.stderr}")
        asm = run.stdout
        out, cur = {}, None
        for line in asm.splitlines():
            m = re.match(r"^v(\d+):", line)
            if m:
                cur = int(m.group(1))
                continue
            m = re.match(r"\s+\.(?:quad|dword|8byte)\s+(-?\d+)", line)
            if m and cur is not None:
                out[cur], cur = int(m.group(1)), None
            elif re.match(r"\s+\.zero\s+8", line) and cur is not None:
                out[cur], cur = 0, None
        return out
    guest, host = values("riscv64-linux-gnu-gcc"), values("gcc")
    os.unlink(f.name)
    differ = []
    print(f"{'probe':40} {'riscv64':>10} {'x86-64':>10}")
    for i, e in enumerate(ABI_PROBES):
        mark = "" if guest.get(i) == host.get(i) else "  <- differs"
        if mark:
            differ.append(e)
        print(f"{e:40} {guest.get(i)!s:>10} {host.get(i)!s:>10}{mark}")
    unexpected = [e for e in differ if "struct stat)" not in e and "struct stat," not in e]
    sys.exit(1 if unexpected else 0)


def ident(name):
    return f"`{name}`" if name in SWIFT_KEYWORDS else name


def syscall_swift(table):
    out = [f"// GENERATED by codegen/gen_syscalls.py from {GENERIC_UNISTD}. Do not edit.",
           "// (through /usr/riscv64-linux-gnu/include/asm/unistd.h, 64-bit, no __SYSCALL_COMPAT;",
           "// riscv_hwprobe (258) is supplemented: it is newer than the installed headers.)",
           "",
           "/// riscv64 Linux syscall numbers (the asm-generic table as a 64-bit riscv64 kernel sees it).",
           "///",
           "/// The raw value is the number the guest puts in a7. `RISCV64Syscall(rawValue:)` is a",
           "/// switch the compiler turns into a jump table, so the dispatcher can switch on the case.",
           "public enum RISCV64Syscall: Int, CaseIterable, Sendable {"]
    for number, name in table:
        out.append(f"    case {ident(name)} = {number}")
    out += ["}", "",
            "extension RISCV64Syscall {",
            "    /// The kernel's name of a syscall number (for -strace and `-d unimp`), or nil.",
            "    public static func name(of number: Int) -> StaticString? {",
            "        switch number {"]
    for number, name in table:
        out.append(f'        case {number}: return "{name}"')
    out += ["        default: return nil",
            "        }",
            "    }",
            "",
            "    /// The kernel's name of this syscall.",
            "    public var name: StaticString { Self.name(of: rawValue)! }",
            "}"]
    return "\n".join(out) + "\n"


def errno_swift(canonical, aliases):
    out = [f"// GENERATED by codegen/gen_syscalls.py from {ERRNO_BASE} + {ERRNO}. Do not edit.",
           "",
           "/// Errno values of the asm-generic ABI (riscv64, aarch64, loongarch64 guests).",
           "///",
           "/// The x86-64 host also uses the asm-generic errno numbers, so a host -errno is passed to",
           "/// a generic-ABI guest unchanged (UserEmuTests checks this against",
           "/// /usr/include/asm-generic/errno*.h). Guests with their own numbering (mips, alpha,",
           "/// sparc, parisc) would need a translation table here.",
           "public enum GenericErrno {"]
    for name, value in canonical:
        out.append(f"    public static let {name}: Int32 = {value}")
    for name, target, value in aliases:
        out.append(f"    /// Alias of `{target}`.")
        out.append(f"    public static let {name}: Int32 = {value}")
    out += ["",
            "    /// The symbolic name of an errno value (the first name the header gives it), or nil.",
            "    public static func name(of value: Int32) -> StaticString? {",
            "        switch value {"]
    for name, value in canonical:
        out.append(f'        case {value}: return "{name}"')
    out += ["        default: return nil",
            "        }",
            "    }",
            "",
            "    /// Every canonical (name, value) pair, in header order.",
            "    public static let all: [(name: StaticString, value: Int32)] = ["]
    for name, value in canonical:
        out.append(f'        ("{name}", {value}),')
    out += ["    ]", "}"]
    return "\n".join(out) + "\n"


def main():
    if "--verify-abi" in sys.argv[1:]:
        verify_abi()
    check = "--check" in sys.argv[1:]
    outputs = [(SYSCALL_OUT, syscall_swift(syscalls())), (ERRNO_OUT, errno_swift(*errnos())),
               (HOST_OUT, host_swift(host_syscalls()))]
    stale = False
    for path, text in outputs:
        old = open(path).read() if os.path.exists(path) else None
        if old == text:
            continue
        if check:
            print(f"gen_syscalls: {os.path.relpath(path, ROOT)} is out of date", file=sys.stderr)
            stale = True
        else:
            with open(path, "w") as f:
                f.write(text)
            print(f"gen_syscalls: wrote {os.path.relpath(path, ROOT)}")
    sys.exit(1 if stale else 0)


if __name__ == "__main__":
    main()
