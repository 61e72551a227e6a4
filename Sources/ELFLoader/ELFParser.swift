import CLibELF

/// Size of Elf64_Ehdr.
let elf64HeaderSize = 64
/// Size of Elf64_Phdr, the only e_phentsize accepted.
let elf64ProgramHeaderSize = 56
/// Linux's limit on the program header table (load_elf_phdrs: 64 KiB).
let maximumProgramHeaderBytes = 65536
/// Linux's PATH_MAX, the longest PT_INTERP accepted.
let maximumInterpreterLength: UInt64 = 4096

extension ELFImage {
    /// Parses and validates an ELF file held in memory.
    ///
    /// - Parameter expectedMachine: the guest's e_machine (`ELFMachine.riscv` for riscv64).
    /// - Throws: `ELFLoadError` naming the first problem found.
    public init(bytes: [UInt8], expectedMachine: UInt16) throws(ELFLoadError) {
        try Self.checkIdentification(bytes.prefix(elf64HeaderSize), expectedMachine: expectedMachine)
        let result: Result<ELFImage, ELFLoadError> = bytes.withUnsafeBytes { raw in
            do throws(ELFLoadError) {
                return .success(try withLibELF(raw) { (elf) throws(ELFLoadError) in
                    try Self.parse(elf, raw, expectedMachine: expectedMachine)
                })
            } catch {
                return .failure(error)
            }
        }
        self = try result.get()
    }

    /// Checks e_ident and e_machine from the raw first bytes, before libelf sees the file, so
    /// that libelf is never handed a file shorter than its ELF header.
    static func checkIdentification<C: Collection>(_ header: C, expectedMachine: UInt16) throws(ELFLoadError)
    where C.Element == UInt8, C.Index == Int {
        let h = Array(header)
        guard h.count >= 4, h[0] == 0x7f, h[1] == 0x45, h[2] == 0x4c, h[3] == 0x46 else {
            throw ELFLoadError(.notELF, "not an ELF file")
        }
        guard h.count >= elf64HeaderSize else {
            throw ELFLoadError(.truncated, "truncated ELF file (incomplete ELF header)")
        }
        let byteOrder = h[Int(EI_DATA)]
        let machine = byteOrder == UInt8(ELFDATA2MSB)
            ? UInt16(h[18]) << 8 | UInt16(h[19])
            : UInt16(h[18]) | UInt16(h[19]) << 8
        let expectedName = ELFMachine.name(of: expectedMachine)
        if machine != expectedMachine {
            throw ELFLoadError(.wrongMachine, "ELF file is for \(ELFMachine.name(of: machine)), not \(expectedName)")
        }
        guard byteOrder == UInt8(ELFDATA2LSB) else {
            throw ELFLoadError(.wrongByteOrder, "ELF file is not little-endian (\(expectedName) needs ELFDATA2LSB)")
        }
        guard h[Int(EI_CLASS)] == UInt8(ELFCLASS64) else {
            let bits = h[Int(EI_CLASS)] == UInt8(ELFCLASS32) ? "32-bit" : "of unknown class \(h[Int(EI_CLASS)])"
            throw ELFLoadError(.wrongClass, "ELF file is \(bits), \(expectedName) needs a 64-bit (ELFCLASS64) file")
        }
        guard h[Int(EI_VERSION)] == UInt8(EV_CURRENT) else {
            throw ELFLoadError(.badVersion, "unsupported ELF version \(h[Int(EI_VERSION)])")
        }
    }

    /// Validates the headers libelf decoded and builds the image.
    static func parse(
        _ elf: OpaquePointer, _ raw: UnsafeRawBufferPointer, expectedMachine: UInt16
    ) throws(ELFLoadError) -> ELFImage {
        guard elf_kind(elf) == ELF_K_ELF else { throw ELFLoadError(.notELF, "not an ELF file") }
        guard let ehdr = elf64_getehdr(elf)?.pointee else {
            throw ELFLoadError(.libelf, "invalid ELF header (\(libelfMessage()))")
        }
        let fileSize = UInt64(raw.count)
        guard let type = FileType(rawValue: ehdr.e_type) else {
            throw ELFLoadError(.wrongType, "ELF file is not an executable or shared object (e_type \(ehdr.e_type))")
        }
        guard ehdr.e_version == UInt32(EV_CURRENT) else {
            throw ELFLoadError(.badVersion, "unsupported ELF version \(ehdr.e_version)")
        }
        guard Int(ehdr.e_phentsize) == elf64ProgramHeaderSize else {
            throw ELFLoadError(.badProgramHeaderSize,
                               "bad program header entry size \(ehdr.e_phentsize) (expected \(elf64ProgramHeaderSize))")
        }
        let count = Int(ehdr.e_phnum)
        guard count >= 1, count * elf64ProgramHeaderSize <= maximumProgramHeaderBytes else {
            throw ELFLoadError(.badProgramHeaderCount, "bad number of program headers (\(count))")
        }
        let tableEnd = ehdr.e_phoff.addingReportingOverflow(UInt64(count * elf64ProgramHeaderSize))
        guard !tableEnd.overflow, tableEnd.partialValue <= fileSize else {
            throw ELFLoadError(.truncated, "truncated ELF file (program headers beyond end of file)")
        }
        guard let table = elf64_getphdr(elf) else {
            throw ELFLoadError(.libelf, "invalid program headers (\(libelfMessage()))")
        }
        var headers: [ELFProgramHeader] = []
        headers.reserveCapacity(count)
        for index in 0..<count {
            let p = table[index]
            headers.append(ELFProgramHeader(
                type: p.p_type, flags: p.p_flags, offset: p.p_offset, vaddr: p.p_vaddr,
                fileSize: p.p_filesz, memorySize: p.p_memsz, align: p.p_align))
        }
        let loads = try validatedLoadSegments(headers, fileSize: fileSize)
        let interpreter = try interpreterPath(headers, raw)
        let stack = headers.first { $0.type == ELFProgramHeader.typeGNUStack }
        return ELFImage(
            type: type, machine: ehdr.e_machine, flags: ehdr.e_flags, entry: ehdr.e_entry,
            programHeaderOffset: ehdr.e_phoff, programHeaderEntrySize: ehdr.e_phentsize,
            programHeaders: headers, loadSegments: loads, interpreterPath: interpreter,
            executableStack: stack.map(\.isExecutable),
            programHeaderAddress: programHeaderAddress(headers, loads, phoff: ehdr.e_phoff, count: count),
            fileSize: fileSize)
    }

    /// Checks every PT_LOAD and returns them sorted by address.
    static func validatedLoadSegments(_ headers: [ELFProgramHeader], fileSize: UInt64) throws(ELFLoadError)
        -> [ELFProgramHeader]
    {
        var loads: [ELFProgramHeader] = []
        for header in headers where header.isLoad {
            guard header.fileSize <= header.memorySize else {
                throw ELFLoadError(.fileSizeExceedsMemorySize,
                                   "segment at 0x\(hex(header.vaddr)) has a file size larger than its memory size")
            }
            let fileEnd = header.offset.addingReportingOverflow(header.fileSize)
            guard !fileEnd.overflow, fileEnd.partialValue <= fileSize else {
                throw ELFLoadError(.truncated, "truncated ELF file (segment at 0x\(hex(header.vaddr)) beyond end of file)")
            }
            guard !header.vaddr.addingReportingOverflow(header.memorySize).overflow else {
                throw ELFLoadError(.addressOverflow, "segment at 0x\(hex(header.vaddr)) wraps around the address space")
            }
            loads.append(header)
        }
        guard !loads.isEmpty else { throw ELFLoadError(.noLoadableSegment, "no loadable segments") }
        loads.sort { $0.vaddr < $1.vaddr }
        for index in loads.indices.dropFirst() where loads[index - 1].end > loads[index].vaddr {
            throw ELFLoadError(.overlappingSegments,
                               "segments overlap (0x\(hex(loads[index - 1].vaddr)) and 0x\(hex(loads[index].vaddr)))")
        }
        return loads
    }

    /// The first PT_INTERP's path, checked like Linux (2...PATH_MAX bytes, NUL-terminated).
    static func interpreterPath(_ headers: [ELFProgramHeader], _ raw: UnsafeRawBufferPointer) throws(ELFLoadError)
        -> String?
    {
        guard let interp = headers.first(where: { $0.type == ELFProgramHeader.typeInterp }) else { return nil }
        guard interp.fileSize >= 2, interp.fileSize <= maximumInterpreterLength else {
            throw ELFLoadError(.badInterpreterPath, "invalid ELF interpreter path length (\(interp.fileSize))")
        }
        let end = interp.offset.addingReportingOverflow(interp.fileSize)
        guard !end.overflow, end.partialValue <= UInt64(raw.count) else {
            throw ELFLoadError(.truncated, "truncated ELF file (interpreter path beyond end of file)")
        }
        let bytes = raw[Int(interp.offset)..<Int(end.partialValue)]
        guard bytes.last == 0 else {
            throw ELFLoadError(.badInterpreterPath, "ELF interpreter path is not NUL-terminated")
        }
        // Like the kernel, the path ends at the first NUL.
        let path = bytes.prefix { $0 != 0 }
        guard !path.isEmpty else { throw ELFLoadError(.badInterpreterPath, "empty ELF interpreter path") }
        return String(decoding: path, as: UTF8.self)
    }

    /// AT_PHDR before biasing (see `programHeaderAddress`).
    static func programHeaderAddress(
        _ headers: [ELFProgramHeader], _ loads: [ELFProgramHeader], phoff: UInt64, count: Int
    ) -> UInt64 {
        for load in loads where load.offset <= phoff && phoff - load.offset < load.fileSize {
            return load.vaddr &+ (phoff - load.offset)
        }
        if let phdr = headers.first(where: { $0.type == ELFProgramHeader.typePhdr }) { return phdr.vaddr }
        return loads[0].vaddr &- loads[0].offset &+ phoff
    }
}

/// Lower-case hexadecimal without prefix.
func hex(_ value: UInt64) -> String { String(value, radix: 16) }
