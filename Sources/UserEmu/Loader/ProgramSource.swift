import Glibc
import ELFLoader

/// Where the front end's loader reads the guest program from: the path as given, or an open
/// descriptor named /proc/self/fd/N when the program was handed over by a re-exec (`-execfd`,
/// `ExecProgramHandoff`) or its path is not UTF-8 (a Swift String cannot carry it). Such a
/// descriptor is closed once the program is mapped, so the guest never sees it.
struct ProgramSource {
    /// The path the loader opens.
    let path: String
    /// The descriptor to close after loading, nil when none.
    let descriptor: Int32?

    /// The source for `options`.
    /// - Throws: the error of opening the path, or EBADF for a closed `-execfd` descriptor.
    static func open(_ options: EmulatorOptions) throws(ELFLoadError) -> ProgramSource {
        if let handed = options.programDescriptor {
            guard fcntl(handed, F_GETFD) >= 0 else { throw ELFLoadError.host(EBADF) }
            return ProgramSource(path: "/proc/self/fd/\(handed)", descriptor: handed)
        }
        if let text = String(validating: options.program, as: UTF8.self) {
            return ProgramSource(path: text, descriptor: nil)
        }
        let fd = withCString(options.program) { Glibc.open($0, O_RDONLY | O_CLOEXEC) }
        guard fd >= 0 else { throw ELFLoadError.host(errno) }
        return ProgramSource(path: "/proc/self/fd/\(fd)", descriptor: fd)
    }

    /// Closes the descriptor (the loader holds its own).
    func close() {
        if let descriptor { _ = Glibc.close(descriptor) }
    }
}
