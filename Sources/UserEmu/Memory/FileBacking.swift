import Glibc

/// What a file mapping records about its file: the host's name for it and its identity,
/// for /proc/self/maps. Read once, when the mapping is made (the fd may be closed later).
struct FileBacking {
    /// The host path of the open file (`readlink /proc/self/fd/N`), e.g. "/usr/lib/libc.so.6"
    /// or "/tmp/x (deleted)".
    var path: String?
    /// st_dev.
    var device: UInt64
    /// st_ino.
    var inode: UInt64
    /// st_size when the file is a regular file (pages wholly beyond it raise SIGBUS when
    /// touched), `UInt64.max` for anything else (devices, sockets: no end to check).
    var sizeLimit: UInt64

    /// Describes the open file `fd` (host fd numbers equal guest fd numbers); -errno when
    /// `fd` is not open.
    static func describe(_ fd: Int32) -> Result<FileBacking, FileBackingError> {
        var info = stat()
        guard fd >= 0, fstat(fd, &info) == 0 else { return .failure(FileBackingError(errno: Int64(fd < 0 ? EBADF : errno))) }
        var buffer = [CChar](repeating: 0, count: 4096)
        let length = readlink("/proc/self/fd/\(fd)", &buffer, buffer.count - 1)
        let path: String? = length > 0
            ? String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self) : nil
        let regular = info.st_mode & S_IFMT == S_IFREG
        return .success(FileBacking(path: path, device: UInt64(info.st_dev), inode: UInt64(info.st_ino),
                                    sizeLimit: regular ? UInt64(max(info.st_size, 0)) : UInt64.max))
    }
}

/// The errno of a failed `FileBacking.describe`.
struct FileBackingError: Error {
    /// Positive errno.
    var errno: Int64
}
