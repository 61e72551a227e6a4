import ELFLoader

/// Maps the PT_LOAD segments of one ELF image into the guest address space the way the
/// kernel's elf_load/elf_map do: file-backed MAP_PRIVATE|MAP_FIXED pages with the segment's
/// exact protection, the tail of the last file page zeroed, anonymous zero pages for the rest
/// of p_memsz (bss).
struct ImageMapper {
    /// Where an image goes.
    enum Placement {
        /// At exactly `bias` + p_vaddr (ET_EXEC with bias 0, a PIE at ELF_ET_DYN_BASE); fails
        /// when the range is taken (MAP_FIXED_NOREPLACE, like the kernel).
        case fixed(bias: UInt64)
        /// Wherever the address space's top-down mmap puts the whole image (the interpreter).
        case anywhere
    }

    let abi: LoaderABI
    let addressSpace: GuestAddressSpace

    func pageDown(_ value: UInt64) -> UInt64 { value & ~(abi.pageSize - 1) }
    func pageUp(_ value: UInt64) -> UInt64 { (value + abi.pageSize - 1) & ~(abi.pageSize - 1) }

    /// Maps `image` read from `fd`; returns the load bias.
    func map(_ image: ELFImage, fd: Int32, placement: Placement) throws(ELFLoadError) -> UInt64 {
        let first = pageDown(image.lowestAddress)
        let highest = image.highestAddress
        guard highest <= UInt64.max - abi.pageSize else { throw outOfRange(image.lowestAddress, highest) }
        let total = max(pageUp(highest) - first, abi.pageSize)
        for segment in image.loadSegments where segment.offset % abi.pageSize != segment.vaddr % abi.pageSize {
            throw ELFLoadError(.misalignedSegment,
                               "segment at 0x\(String(segment.vaddr, radix: 16)) has a file offset not congruent to its address modulo the page size")
        }

        // Reserve the whole image first, so that the relative layout is kept and the interpreter
        // cannot be split by other mappings; holes between segments are given back afterwards.
        let reserveFlags = MemoryABI.Map.private | MemoryABI.Map.anonymous
        let start: UInt64
        switch placement {
        case .fixed(let bias):
            let (address, overflow) = first.addingReportingOverflow(bias)
            guard !overflow, address < abi.addressSpaceSize, total <= abi.addressSpaceSize - address else {
                throw outOfRange(image.lowestAddress &+ bias, highest &+ bias)
            }
            let r = addressSpace.map(address: address, length: total, protection: 0,
                                     flags: reserveFlags | MemoryABI.Map.fixedNoReplace, fd: -1, offset: 0)
            try check(r, address, address + total)
            start = address
        case .anywhere:
            let r = addressSpace.map(address: 0, length: total, protection: 0, flags: reserveFlags, fd: -1, offset: 0)
            try check(r, 0, total)
            start = UInt64(r)
        }
        let bias = start &- first

        var covered: [(UInt64, UInt64)] = []
        var mappedEnd: UInt64 = 0
        for segment in image.loadSegments where segment.memorySize > 0 {
            try mapSegment(segment, bias: bias, fd: fd, mappedEnd: mappedEnd)
            let range = (pageDown(segment.vaddr &+ bias), pageUp(segment.end &+ bias))
            covered.append(range)
            mappedEnd = max(mappedEnd, range.1)
        }
        var hole = start
        for (low, high) in covered {
            if low > hole { _ = addressSpace.unmap(address: hole, length: low - hole) }
            hole = max(hole, high)
        }
        if start + total > hole { _ = addressSpace.unmap(address: hole, length: start + total - hole) }
        return bias
    }

    /// Maps one PT_LOAD. `mappedEnd` is the page end of the segments mapped before it: a bss
    /// sharing its first page with the previous segment is zeroed in place, not remapped.
    func mapSegment(_ segment: ELFProgramHeader, bias: UInt64, fd: Int32, mappedEnd: UInt64) throws(ELFLoadError) {
        let address = segment.vaddr &+ bias
        let pageStart = pageDown(address)
        let fileEnd = address + segment.fileSize
        let memoryEnd = address + segment.memorySize
        let protection = Self.protection(segment)
        let fixed = MemoryABI.Map.private | MemoryABI.Map.fixed
        var anonymousStart = pageStart

        if segment.fileSize > 0 {
            let filePagesEnd = pageUp(fileEnd)
            // Like the kernel's padzero, clear the last file page from p_filesz to the page end
            // when the segment has a bss: ld.so's early malloc takes the rest of that page as
            // zeroed memory. Done for read-only segments too (the kernel skips those silently).
            let zeroTail = memoryEnd > fileEnd && fileEnd < filePagesEnd
            let mapProtection = zeroTail ? protection | MemoryABI.Prot.write : protection
            let r = addressSpace.map(address: pageStart, length: filePagesEnd - pageStart, protection: mapProtection,
                                     flags: fixed, fd: fd, offset: Int64(segment.offset - (address - pageStart)))
            try check(r, pageStart, filePagesEnd)
            if zeroTail {
                let zeros = [UInt8](repeating: 0, count: Int(filePagesEnd - fileEnd))
                guard addressSpace.write(fileEnd, zeros) else {
                    throw ELFLoadError(.mappingFailed(14), "cannot clear the bss of segment at 0x\(String(address, radix: 16))")
                }
                if mapProtection != protection {
                    try check(addressSpace.protect(address: pageStart, length: filePagesEnd - pageStart,
                                                   protection: protection), pageStart, filePagesEnd)
                }
            }
            anonymousStart = filePagesEnd
        } else if pageStart < mappedEnd {
            // bss-only segment whose first page belongs to the previous segment: clear the rest
            // of that page in place instead of replacing the previous segment's bytes.
            _ = addressSpace.write(address, [UInt8](repeating: 0, count: Int(mappedEnd - address)))
            anonymousStart = mappedEnd
        }
        let memoryPagesEnd = pageUp(memoryEnd)
        if memoryPagesEnd > anonymousStart {
            let r = addressSpace.map(address: anonymousStart, length: memoryPagesEnd - anonymousStart,
                                     protection: protection, flags: fixed | MemoryABI.Map.anonymous, fd: -1, offset: 0)
            try check(r, anonymousStart, memoryPagesEnd)
        }
    }

    /// PF_R/PF_W/PF_X to PROT_READ/PROT_WRITE/PROT_EXEC.
    static func protection(_ segment: ELFProgramHeader) -> Int32 {
        (segment.isReadable ? MemoryABI.Prot.read : 0) | (segment.isWritable ? MemoryABI.Prot.write : 0)
            | (segment.isExecutable ? MemoryABI.Prot.exec : 0)
    }

    /// Turns a negative address-space result into a one-line error.
    func check(_ result: Int64, _ low: UInt64, _ high: UInt64) throws(ELFLoadError) {
        guard result < 0 else { return }
        let range = "0x\(String(low, radix: 16))-0x\(String(high, radix: 16))"
        let code = Int32(-result)
        switch -result {
        case MemoryABI.Errno.exist:
            throw ELFLoadError(.addressOutOfRange, "program range \(range) overlaps an existing mapping")
        case MemoryABI.Errno.perm:
            throw ELFLoadError(.addressOutOfRange,
                               "program range \(range) lies below the lowest mappable address (0x\(String(addressSpace.minimumAddress, radix: 16)))")
        case MemoryABI.Errno.nomem:
            throw ELFLoadError(.mappingFailed(code), "cannot map program range \(range): out of guest address space")
        default:
            throw ELFLoadError(.mappingFailed(code), "cannot map program range \(range) (errno \(code))")
        }
    }

    func outOfRange(_ low: UInt64, _ high: UInt64) -> ELFLoadError {
        ELFLoadError(.addressOutOfRange,
                     "program range 0x\(String(low, radix: 16))-0x\(String(high, radix: 16)) lies outside the guest address space")
    }
}
