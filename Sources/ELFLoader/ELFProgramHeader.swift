/// One program header (Elf64_Phdr) of an ELF file, in host byte order.
public struct ELFProgramHeader: Equatable, Sendable {
    /// p_type (PT_LOAD, PT_INTERP, ...).
    public var type: UInt32
    /// p_flags (PF_R, PF_W, PF_X bits).
    public var flags: UInt32
    /// p_offset: where the segment's bytes start in the file.
    public var offset: UInt64
    /// p_vaddr: the segment's address (relative to the load bias for ET_DYN).
    public var vaddr: UInt64
    /// p_filesz: bytes taken from the file.
    public var fileSize: UInt64
    /// p_memsz: bytes occupied in memory (the rest after p_filesz is zero, i.e. bss).
    public var memorySize: UInt64
    /// p_align.
    public var align: UInt64

    /// Creates a program header from its fields.
    public init(type: UInt32, flags: UInt32, offset: UInt64, vaddr: UInt64,
                fileSize: UInt64, memorySize: UInt64, align: UInt64) {
        self.type = type
        self.flags = flags
        self.offset = offset
        self.vaddr = vaddr
        self.fileSize = fileSize
        self.memorySize = memorySize
        self.align = align
    }

    /// PT_LOAD: a segment mapped into memory.
    public static let typeLoad: UInt32 = 1
    /// PT_DYNAMIC.
    public static let typeDynamic: UInt32 = 2
    /// PT_INTERP: the path of the program interpreter.
    public static let typeInterp: UInt32 = 3
    /// PT_PHDR: the program header table itself.
    public static let typePhdr: UInt32 = 6
    /// PT_TLS.
    public static let typeTLS: UInt32 = 7
    /// PT_GNU_STACK: its PF_X flag says whether the stack must be executable.
    public static let typeGNUStack: UInt32 = 0x6474_e551

    /// PF_X: executable.
    public static let flagExecute: UInt32 = 1
    /// PF_W: writable.
    public static let flagWrite: UInt32 = 2
    /// PF_R: readable.
    public static let flagRead: UInt32 = 4

    /// True for PT_LOAD.
    public var isLoad: Bool { type == Self.typeLoad }
    /// True when p_flags has PF_R.
    public var isReadable: Bool { flags & Self.flagRead != 0 }
    /// True when p_flags has PF_W.
    public var isWritable: Bool { flags & Self.flagWrite != 0 }
    /// True when p_flags has PF_X.
    public var isExecutable: Bool { flags & Self.flagExecute != 0 }
    /// p_vaddr + p_memsz (validated not to overflow for PT_LOAD by the parser).
    public var end: UInt64 { vaddr &+ memorySize }
}
