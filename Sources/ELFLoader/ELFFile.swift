#if canImport(Glibc)
import Glibc
#endif

/// An open guest ELF file: the descriptor the loader maps segments from, and its validated
/// headers. Owns the descriptor and closes it when it goes away.
public struct ELFFile: ~Copyable {
    /// The open descriptor (read-only, close-on-exec), for file-backed mappings.
    public let descriptor: Int32
    /// The validated headers.
    public let image: ELFImage

    /// Opens and validates `path`.
    ///
    /// - Throws: `ELFLoadError` with the host errno text (e.g. "No such file or directory") when
    ///   the file cannot be opened, or the validation failure.
    public init(path: String, expectedMachine: UInt16) throws(ELFLoadError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw ELFLoadError.host(errno) }
        do {
            image = try Self.read(descriptor: fd, expectedMachine: expectedMachine)
        } catch {
            close(fd)
            throw error
        }
        descriptor = fd
    }

    /// Validates an already open descriptor (binfmt_misc's `O` flag hands one over) and takes
    /// ownership of it, also when validation fails.
    public init(adopting fd: Int32, expectedMachine: UInt16) throws(ELFLoadError) {
        do {
            image = try Self.read(descriptor: fd, expectedMachine: expectedMachine)
        } catch {
            close(fd)
            throw error
        }
        descriptor = fd
    }

    deinit { close(descriptor) }

    /// Reads and validates the file behind `fd` (a regular file, like execve requires).
    static func read(descriptor fd: Int32, expectedMachine: UInt16) throws(ELFLoadError) -> ELFImage {
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw ELFLoadError.host(errno) }
        guard info.st_mode & S_IFMT == S_IFREG else { throw ELFLoadError.host(EACCES) }
        var header = [UInt8](repeating: 0, count: elf64HeaderSize)
        let count = header.withUnsafeMutableBytes { pread(fd, $0.baseAddress, elf64HeaderSize, 0) }
        guard count >= 0 else { throw ELFLoadError.host(errno) }
        try ELFImage.checkIdentification(header.prefix(count), expectedMachine: expectedMachine)
        return try withLibELF(descriptor: fd) { (elf, raw) throws(ELFLoadError) in
            try ELFImage.parse(elf, raw, expectedMachine: expectedMachine)
        }
    }
}

extension ELFLoadError {
    /// An error carrying a host errno, explained by its strerror text ("No such file or directory").
    public static func host(_ code: Int32, _ prefix: String = "") -> ELFLoadError {
        ELFLoadError(.hostError(code), prefix + String(cString: strerror(code)))
    }
}
