import Translator

/// One guest mapping (a VMA in kernel terms): a page-aligned range with one protection, one
/// set of flags and one backing. `GuestAddressSpace.mappings()` lists them in address order,
/// which is what `/proc/self/maps` prints.
public struct GuestMapping: Sendable, Equatable {
    /// What backs the mapping, as `/proc/self/maps` names it.
    public enum Kind: Sendable, Equatable {
        /// Anonymous memory (private or shared).
        case anonymous
        /// A file (`path`, `device`, `inode`, `offset` describe it).
        case file
        /// The brk heap (`[heap]`).
        case heap
        /// The main thread's stack (`[stack]`).
        case stack
        /// The signal return trampoline the emulator maps (`[vdso]`, where the kernel keeps it).
        case vdso
    }

    /// First guest address (page-aligned).
    public var start: UInt64
    /// One past the last guest address (page-aligned).
    public var end: UInt64
    /// `PROT_READ | PROT_WRITE | PROT_EXEC` bits (`MemoryABI.Prot`).
    public var protection: Int32
    /// The `MAP_*` flags the mapping keeps (`MemoryABI.Map.kept`): type, anonymous, growsdown...
    public var flags: Int32
    /// File offset of `start` (file and shared anonymous mappings; 0 for private anonymous).
    public var offset: UInt64
    /// Path of the backing file as the host names it (`/proc/self/fd/N`), nil for anonymous.
    public var path: String?
    /// Device number of the backing file (st_dev), 0 for anonymous.
    public var device: UInt64
    /// Inode of the backing file, 0 for anonymous.
    public var inode: UInt64
    /// What the mapping is.
    public var kind: Kind
    /// Identifies the mmap call that created the mapping; pieces of one file or shared mapping
    /// merge again only when they come from the same call (the kernel's same-`struct file` rule).
    var origin: UInt64
    /// Size of the backing regular file when the mapping was made (`UInt64.max`: no limit, for
    /// anonymous memory and non-regular files). Pages whose file offset is at or beyond the
    /// page-rounded size raise SIGBUS, as in Linux; the size is not re-read later.
    var fileSize: UInt64 = UInt64.max

    /// Length in bytes.
    public var length: UInt64 { end - start }
    /// True for MAP_SHARED (and MAP_SHARED_VALIDATE) mappings.
    public var isShared: Bool { flags & MemoryABI.Map.type != MemoryABI.Map.private }
    /// True when no file backs the mapping.
    public var isAnonymous: Bool { flags & MemoryABI.Map.anonymous != 0 }

    /// The part of the mapping in `[from, to)` (the caller checked that they overlap).
    func clipped(_ from: UInt64, _ to: UInt64) -> GuestMapping {
        var piece = self
        piece.start = Swift.max(start, from)
        piece.end = Swift.min(end, to)
        if tracksOffset { piece.offset = offset &+ (piece.start - start) }
        return piece
    }

    /// First guest address of this mapping that lies wholly beyond the end of its file
    /// (`end` when every page is backed).
    var beyondEndOfFileStart: UInt64 {
        guard fileSize != UInt64.max, !isAnonymous else { return end }
        let pageMask = GuestMemory.pageSize - 1
        let backedEnd = fileSize > UInt64.max - pageMask ? UInt64.max : (fileSize + pageMask) & ~pageMask
        if offset >= backedEnd { return start }
        let backed = backedEnd - offset
        return backed >= length ? end : start + backed
    }

    /// True when `offset` follows the pages (file and shared mappings).
    var tracksOffset: Bool { !isAnonymous || isShared }

    /// True when `next` directly follows this mapping and the kernel would merge the two VMAs.
    func canMerge(with next: GuestMapping) -> Bool {
        guard end == next.start, protection == next.protection, flags == next.flags,
              kind == next.kind, path == next.path, device == next.device, inode == next.inode,
              fileSize == next.fileSize
        else { return false }
        if !tracksOffset { return true }
        return origin == next.origin && offset &+ length == next.offset
    }
}
