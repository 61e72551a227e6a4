import Glibc

/// How a guest execve is carried out, decided as the kernel's exec_binprm would: the file is
/// checked (ENOENT, ENOTDIR, ELOOP, EACCES for a non-regular, non-executable or noexec file), a
/// `#!` script is replaced by its interpreter (at most 5 levels, then ELOOP), a riscv64 ELF runs
/// under the emulator, and anything else goes to the host's execve unchanged (a native ELF runs;
/// garbage gets the host's ENOEXEC; host binfmt_misc handlers apply as they would).
enum ExecPlan {
    /// Host execveat(dirfd, path, argv, envp, flags).
    case native(dirfd: Int32, path: [UInt8], flags: Int32, argv: [[UInt8]])
    /// The emulator re-executed for the guest program `file` (the last step of the resolution:
    /// the ELF itself, or a script's interpreter) with `argv`.
    case emulated(file: ExecFile, argv: [[UInt8]])
}

/// The file named by one step of the resolution: where to find it now and how the kernel names it.
struct ExecFile {
    /// Directory descriptor the path is relative to (AT_FDCWD for interpreters).
    var dirfd: Int32
    /// The host path (after the -L lookup and /proc/self/exe), possibly empty with AT_EMPTY_PATH.
    var path: [UInt8]
    /// execveat flags (AT_EMPTY_PATH, AT_SYMLINK_NOFOLLOW) of the first step.
    var flags: Int32
    /// bprm->filename: what a script's interpreter receives as the script path.
    var filename: [UInt8]
    /// The script path cannot be opened by the interpreter (a close-on-exec dirfd named as
    /// /dev/fd/N): a script then fails with ENOENT.
    var pathInaccessible: Bool
}

extension SyscallDispatcher {
    static let atEmptyPath: Int32 = 0x1000
    static let atSymlinkNoFollow: Int32 = 0x100
    /// Linux's exec_binprm: more than 5 interpreter levels is ELOOP.
    static let maxInterpreterDepth = 5

    /// Resolves an execve/execveat to a plan, or returns the positive errno.
    func resolveExec(_ first: ExecFile, argv: [[UInt8]], guestMachine: UInt16) -> (ExecPlan?, Int32) {
        var file = first
        var arguments = argv
        var depth = 0
        while true {
            let (head, error) = examineExecFile(file)
            guard let head else { return (nil, error) }
            let isELF = head.count >= 4 && head[0] == 0x7f && head[1] == UInt8(ascii: "E") && head[2] == UInt8(ascii: "L") && head[3] == UInt8(ascii: "F")
            if isELF {
                if head.count >= 20, head[4] == 2, head[5] == 1, UInt16(head[18]) | UInt16(head[19]) << 8 == guestMachine {
                    let interpreterError = checkProgramInterpreter(file)
                    if interpreterError != 0 { return (nil, interpreterError) }
                    return (.emulated(file: file, argv: arguments), 0)
                }
                return (.native(dirfd: file.dirfd, path: file.path, flags: file.flags, argv: arguments), 0)
            }
            guard case .interpreter(let name, let argument) = ScriptInterpreterLine.parse(head) else {
                return (.native(dirfd: file.dirfd, path: file.path, flags: file.flags, argv: arguments), 0)
            }
            if file.pathInaccessible { return (nil, ENOENT) }
            // remove_arg_zero, then the interpreter name, its argument and the script's filename.
            arguments = [name] + (argument.map { [$0] } ?? []) + [file.filename] + arguments.dropFirst()
            file = ExecFile(dirfd: AT_FDCWD, path: context.hostPath(forGuestPath: name), flags: 0,
                            filename: name, pathInaccessible: false)
            // open_exec of the interpreter reports its own errors before the depth check.
            let (_, interpreterError) = examineExecFile(file)
            if interpreterError != 0 { return (nil, interpreterError) }
            depth += 1
            if depth > Self.maxInterpreterDepth { return (nil, ELOOP) }
        }
    }

    /// The kernel's do_open_execat checks, then the first 256 bytes (fewer for a short file).
    /// A file that is executable but not readable gives empty bytes: the host execve decides.
    func examineExecFile(_ file: ExecFile) -> ([UInt8]?, Int32) {
        var info = stat()
        let emptyPath = file.path.isEmpty
        if emptyPath && file.flags & Self.atEmptyPath == 0 { return (nil, ENOENT) }
        let statResult = emptyPath
            ? hostFstat(file.dirfd, &info)
            : withCString(file.path) { hostNewfstatat(file.dirfd, $0, &info, file.flags & Self.atSymlinkNoFollow) }
        if statResult < 0 { return (nil, Int32(-statResult)) }
        if info.st_mode & S_IFMT == S_IFLNK { return (nil, ELOOP) }
        if info.st_mode & S_IFMT != S_IFREG { return (nil, EACCES) }
        let access = emptyPath
            ? withCString([]) { hostFaccessat2(file.dirfd, $0, X_OK, AT_EACCESS | Self.atEmptyPath) }
            : withCString(file.path) { hostFaccessat2(file.dirfd, $0, X_OK, AT_EACCESS) }
        if access < 0 { return (nil, Int32(-access)) }
        let fd: Int32
        if emptyPath {
            fd = Int32(truncatingIfNeeded: withCString(Array("/proc/self/fd/\(file.dirfd)".utf8)) { hostOpenat(AT_FDCWD, $0, O_RDONLY | O_CLOEXEC, 0) })
        } else {
            fd = Int32(truncatingIfNeeded: withCString(file.path) { hostOpenat(file.dirfd, $0, O_RDONLY | O_CLOEXEC, 0) })
        }
        guard fd >= 0 else { return ([], 0) }
        defer { _ = hostClose(fd) }
        var statfsBuffer = [UInt64](repeating: 0, count: 15)
        if statfsBuffer.withUnsafeMutableBytes({ hostFstatfs(fd, $0.baseAddress!) }) == 0, statfsBuffer[10] & 8 != 0 {
            return (nil, EACCES)  // f_flags (offset 80) has ST_NOEXEC
        }
        var head = [UInt8](repeating: 0, count: ScriptInterpreterLine.bufferSize)
        let count = head.withUnsafeMutableBytes { hostPread64(fd, $0.baseAddress, $0.count, 0) }
        return (Array(head.prefix(max(0, count))), 0)
    }

    /// A path naming `file` that the re-executed emulator can open, used only when the program
    /// cannot be handed over as a descriptor (`ExecProgramHandoff`): the host path when it does
    /// not depend on a directory descriptor, else through the descriptor's target directory, and
    /// for AT_EMPTY_PATH /proc/self/fd/N (gone after the exec when N is close-on-exec).
    func programPathAfterExec(_ file: ExecFile) -> [UInt8] {
        if file.path.isEmpty {
            return Array("/proc/self/fd/\(file.dirfd)".utf8)
        }
        if file.dirfd == AT_FDCWD || file.path.first == UInt8(ascii: "/") { return file.path }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = withCString(Array("/proc/self/fd/\(file.dirfd)".utf8)) { hostReadlinkat(AT_FDCWD, $0, &buffer, buffer.count) }
        guard n > 0 else { return file.path }
        return Array(buffer[..<n]) + [UInt8(ascii: "/")] + file.path
    }

    /// ENOENT when a dynamically linked guest program's interpreter (PT_INTERP, looked up under
    /// the -L prefix first) does not exist, as the kernel reports it; 0 otherwise.
    func checkProgramInterpreter(_ file: ExecFile) -> Int32 {
        let fd: Int32
        if file.path.isEmpty {
            fd = Int32(truncatingIfNeeded: withCString(Array("/proc/self/fd/\(file.dirfd)".utf8)) { hostOpenat(AT_FDCWD, $0, O_RDONLY | O_CLOEXEC, 0) })
        } else {
            fd = Int32(truncatingIfNeeded: withCString(file.path) { hostOpenat(file.dirfd, $0, O_RDONLY | O_CLOEXEC, 0) })
        }
        guard fd >= 0 else { return 0 }
        defer { _ = hostClose(fd) }
        var header = [UInt8](repeating: 0, count: 64)
        guard header.withUnsafeMutableBytes({ hostPread64(fd, $0.baseAddress, 64, 0) }) == 64 else { return 0 }
        func word(_ bytes: [UInt8], _ offset: Int, _ size: Int) -> UInt64 {
            (0..<size).reversed().reduce(0) { $0 << 8 | UInt64(bytes[offset + $1]) }
        }
        let phoff = word(header, 32, 8), entrySize = Int(word(header, 54, 2)), count = Int(word(header, 56, 2))
        guard entrySize >= 56, count > 0, count <= 512 else { return 0 }
        var table = [UInt8](repeating: 0, count: entrySize * count)
        guard table.withUnsafeMutableBytes({ hostPread64(fd, $0.baseAddress, $0.count, Int64(phoff)) }) == table.count else { return 0 }
        for index in 0..<count where word(table, index * entrySize, 4) == 3 {  // PT_INTERP
            let offset = word(table, index * entrySize + 8, 8), size = Int(word(table, index * entrySize + 32, 8))
            guard size > 1, size <= 4096 else { return 0 }
            var name = [UInt8](repeating: 0, count: size)
            guard name.withUnsafeMutableBytes({ hostPread64(fd, $0.baseAddress, size, Int64(offset)) }) == size else { return 0 }
            let path = Array(name.prefix { $0 != 0 })
            var info = stat()
            let found = withCString(context.hostPath(forGuestPath: path)) { hostNewfstatat(AT_FDCWD, $0, &info, 0) }
            return found == 0 ? 0 : ENOENT
        }
        return 0
    }
}
