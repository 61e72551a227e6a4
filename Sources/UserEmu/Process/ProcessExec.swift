import Glibc

// execve/execveat: the kernel's file checks and `#!` handling are redone here (ExecResolver),
// then either the host execs a native program, or the emulator execs itself with the same
// options for a guest program, so no binfmt_misc registration is needed. docs/processes.md.

extension SyscallDispatcher {
    /// Shared body of execve and execveat: the path is read first (EFAULT), then the file is
    /// checked (ENOENT, EACCES, ENOEXEC, ELOOP) before argv and envp are read (EFAULT, E2BIG),
    /// in the kernel's order. Returns only on failure.
    func performExec(dirfd: Int32, pathAddress: UInt64, argv: UInt64, envp: UInt64, flags: Int32) -> Int64 {
        guard let control = context.process else { return fail(ENOSYS) }
        guard let guestPath = context.readGuestPath(pathAddress) else { return fail(EFAULT) }
        if flags & ~(Self.atEmptyPath | Self.atSymlinkNoFollow) != 0 { return fail(EINVAL) }
        if guestPath.isEmpty && flags & Self.atEmptyPath == 0 { return fail(ENOENT) }
        let first = execFile(dirfd: dirfd, guestPath: guestPath, flags: flags)
        // The file is checked once here so its errors come before those of the argument arrays.
        let (_, fileError) = examineExecFile(first)
        if fileError != 0 { return fail(fileError) }
        let (arguments, argumentError) = ExecArguments.read(argv: argv, envp: envp, context: context)
        guard let arguments else { return fail(argumentError) }
        // Linux 5.18+: an empty argv becomes one empty string.
        let argv = arguments.argv.isEmpty ? [[]] : arguments.argv
        let (plan, error) = resolveExec(first, argv: argv, guestMachine: control.guestMachine)
        guard let plan else { return fail(error) }
        return launch(plan, filename: first.filename, environment: arguments.envp, control: control)
    }

    /// The first file of an exec: the guest path through the -L lookup (absolute paths, and
    /// /proc/self/exe, which names the guest program), with the kernel's bprm->filename: the
    /// path itself, or /dev/fd/N[/path] for a path relative to a directory descriptor.
    func execFile(dirfd: Int32, guestPath: [UInt8], flags: Int32) -> ExecFile {
        let absolute = guestPath.first == UInt8(ascii: "/")
        let hostPath = guestPath.isEmpty ? [] : context.hostPath(forGuestPath: guestPath)
        if dirfd == AT_FDCWD || absolute {
            return ExecFile(dirfd: dirfd, path: hostPath, flags: flags, filename: guestPath, pathInaccessible: false)
        }
        var filename = Array("/dev/fd/\(dirfd)".utf8)
        if !guestPath.isEmpty { filename += [UInt8(ascii: "/")] + guestPath }
        let closeOnExec = hostFcntl(dirfd, F_GETFD, 0)
        return ExecFile(dirfd: dirfd, path: hostPath, flags: flags, filename: filename,
                        pathInaccessible: closeOnExec >= 0 && closeOnExec & Int(FD_CLOEXEC) != 0)
    }

    /// Carries out a plan; returns the host's -errno when the exec fails. `filename` is the
    /// kernel's bprm->filename of the first file (the new program's AT_EXECFN).
    func launch(_ plan: ExecPlan, filename: [UInt8], environment: [[UInt8]], control: GuestProcessControl) -> Int64 {
        switch plan {
        case .native(let dirfd, let path, let flags, let argv):
            return Int64(withCStringArray(argv) { argvPointer in
                withCStringArray(environment) { envpPointer in
                    withCString(path) { hostExecveat(dirfd, $0, argvPointer, envpPointer, flags) }
                }
            })
        case .emulated(let file, let argv):
            // `<emulator> <options> -reexec [-execfd M] -0 <argv[0]> -- <program> <argv[1...]>`:
            // the program as a descriptor and its name, or (when it cannot be opened) a path.
            let handoff = ExecProgramHandoff.open(file)
            var head = [control.emulatorPath] + control.forwardedOptions + ["-reexec"]
            if let handoff { head += ["-execfd", String(handoff.descriptor)] }
            let program = handoff == nil ? programPathAfterExec(file) : filename
            let command = (head + ["-0"]).map { Array($0.utf8) } + [argv.first ?? [], Array("--".utf8), program] + argv.dropFirst()
            let result = withCStringArray(command) { argvPointer in
                withCStringArray(environment) { envpPointer in
                    withCString(Array(control.emulatorPath.utf8)) { hostExecve($0, argvPointer, envpPointer) }
                }
            }
            handoff?.abandon()  // only reached when the exec failed
            return Int64(result)
        }
    }
}
