import Glibc

/// How a guest execve hands its riscv64 program to the re-executed emulator: a descriptor on
/// the very file the exec checks examined, opened read-only without close-on-exec at a high
/// number, passed as `-execfd N`. The new emulator reads the program from it and closes it
/// before the guest starts (`ProgramSource`), so the new program has exactly the descriptors a
/// natively executed one would. Any file the kernel can exec works this way: a path relative
/// to a directory descriptor, AT_EMPTY_PATH and fexecve on a close-on-exec, O_PATH or memfd
/// descriptor, /proc/self/exe, a file deleted or renamed since it was opened.
struct ExecProgramHandoff {
    /// The descriptor the new emulator inherits.
    let descriptor: Int32

    /// Opens `file` for the handoff; nil when it cannot be opened (the caller passes a path).
    static func open(_ file: ExecFile) -> ExecProgramHandoff? {
        let fd: Int
        if file.path.isEmpty {
            // AT_EMPTY_PATH: the descriptor's file, reopened for reading (also an O_PATH one).
            fd = withCString(Array("/proc/self/fd/\(file.dirfd)".utf8)) { hostOpenat(AT_FDCWD, $0, O_RDONLY | O_CLOEXEC, 0) }
        } else {
            fd = withCString(file.path) { hostOpenat(file.dirfd, $0, O_RDONLY | O_CLOEXEC, 0) }
        }
        guard fd >= 0 else { return nil }
        // High, so it does not take a low number the guest's other threads expect from open or
        // dup meanwhile; inherited by the exec from here on (a fork of another guest thread in
        // these few calls would inherit it too).
        let moved = hostMoveDescriptorHigh(Int32(fd), closeOnExec: false)
        _ = hostFcntl(moved, F_SETFD, 0)
        return ExecProgramHandoff(descriptor: moved)
    }

    /// The exec failed: the descriptor is closed again, the guest never sees it.
    func abandon() {
        _ = hostClose(descriptor)
    }
}
