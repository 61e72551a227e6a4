/// A validated ELF64 little-endian executable (ET_EXEC) or shared object / PIE (ET_DYN).
///
/// Produced by `ELFImage(bytes:expectedMachine:)` or `ELFFile`; every PT_LOAD has been checked
/// (inside the file, p_filesz <= p_memsz, no address overflow, no overlap), so the mapper can use
/// the numbers without re-checking them. Addresses are the file's own (unbiased): for ET_DYN
/// the loader adds the load bias it picks.
public struct ELFImage: Equatable, Sendable {
    /// e_type values accepted by the loader.
    public enum FileType: UInt16, Sendable {
        /// ET_EXEC: fixed-address executable.
        case executable = 2
        /// ET_DYN: position-independent executable or shared object (the interpreter).
        case sharedObject = 3
    }

    /// e_type.
    public var type: FileType
    /// e_machine.
    public var machine: UInt16
    /// e_flags (for riscv: float ABI and RVC bits).
    public var flags: UInt32
    /// e_entry (unbiased).
    public var entry: UInt64
    /// e_phoff.
    public var programHeaderOffset: UInt64
    /// e_phentsize (always 56 once validated).
    public var programHeaderEntrySize: UInt16
    /// All program headers, in file order.
    public var programHeaders: [ELFProgramHeader]
    /// The PT_LOAD headers sorted by p_vaddr.
    public var loadSegments: [ELFProgramHeader]
    /// The path in the first PT_INTERP, without its NUL; nil for static programs.
    public var interpreterPath: String?
    /// PT_GNU_STACK's PF_X: true/false when the header exists, nil when it does not.
    public var executableStack: Bool?
    /// Guest address (unbiased) of the program header table, for AT_PHDR: computed like Linux
    /// from the PT_LOAD whose file range holds e_phoff, else PT_PHDR's p_vaddr, else the first
    /// PT_LOAD's p_vaddr - p_offset + e_phoff.
    public var programHeaderAddress: UInt64
    /// Size of the file in bytes.
    public var fileSize: UInt64

    /// Number of program headers (AT_PHNUM).
    public var programHeaderCount: Int { programHeaders.count }
    /// Lowest p_vaddr of any PT_LOAD.
    public var lowestAddress: UInt64 { loadSegments.first?.vaddr ?? 0 }
    /// Highest p_vaddr + p_memsz of any PT_LOAD.
    public var highestAddress: UInt64 { loadSegments.map(\.end).max() ?? 0 }
    /// Largest power-of-two p_align among PT_LOADs (Linux's maximum_alignment), at least 1.
    public var maximumAlignment: UInt64 {
        var alignment: UInt64 = 1
        for segment in loadSegments where segment.align != 0 && segment.align & (segment.align - 1) == 0 {
            alignment = max(alignment, segment.align)
        }
        return alignment
    }
}
