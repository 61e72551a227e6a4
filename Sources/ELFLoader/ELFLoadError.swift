/// Why a guest program (or its interpreter) could not be loaded.
///
/// `reason` is one line in qemu-user's style; the front end prints
/// `swift-qemu-<arch>: <file>: <reason>`. `kind` lets callers and tests tell the failures apart
/// without matching text.
public struct ELFLoadError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The class of failure.
    public enum Kind: Equatable, Sendable {
        /// The file does not start with the ELF magic number.
        case notELF
        /// ELFCLASS32 (or an unknown class) where ELFCLASS64 is required.
        case wrongClass
        /// A big-endian (or unknown byte order) file.
        case wrongByteOrder
        /// e_ident[EI_VERSION] or e_version is not EV_CURRENT.
        case badVersion
        /// e_machine is not the emulated guest's.
        case wrongMachine
        /// Neither ET_EXEC nor ET_DYN.
        case wrongType
        /// e_phentsize is not sizeof(Elf64_Phdr).
        case badProgramHeaderSize
        /// No program headers, or more than the kernel accepts (64 KiB of them).
        case badProgramHeaderCount
        /// Headers or segment contents lie beyond the end of the file.
        case truncated
        /// A PT_LOAD segment with p_filesz > p_memsz.
        case fileSizeExceedsMemorySize
        /// p_vaddr + p_memsz (or p_offset + p_filesz) wraps around.
        case addressOverflow
        /// Two PT_LOAD segments cover the same bytes.
        case overlappingSegments
        /// The file has no PT_LOAD segment.
        case noLoadableSegment
        /// PT_INTERP is too short, too long or not NUL-terminated.
        case badInterpreterPath
        /// p_offset and p_vaddr of a PT_LOAD are not congruent modulo the page size.
        case misalignedSegment
        /// A segment does not fit in the guest address space (or collides with the stack).
        case addressOutOfRange
        /// The ELF interpreter named by PT_INTERP could not be opened.
        case interpreterNotFound
        /// The ELF interpreter is not a valid ELF file for this guest.
        case badInterpreter
        /// argv, envp and the auxiliary vector do not fit in the initial stack.
        case argumentListTooLong
        /// A host call failed (open, read, fstat); carries the host errno.
        case hostError(Int32)
        /// Mapping guest memory failed; carries the guest errno returned by the address space.
        case mappingFailed(Int32)
        /// libelf rejected the file for a reason not covered above.
        case libelf
    }

    /// The class of failure.
    public let kind: Kind
    /// One-line human explanation, without the file name.
    public let reason: String

    /// Creates an error of `kind` explained by `reason`.
    public init(_ kind: Kind, _ reason: String) {
        self.kind = kind
        self.reason = reason
    }

    /// The one-line reason.
    public var description: String { reason }
}
