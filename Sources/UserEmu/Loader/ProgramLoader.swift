#if canImport(Glibc)
import Glibc
#endif
import ELFLoader

/// Loads a guest ELF program the way Linux's execve does (fs/binfmt_elf.c load_elf_binary):
/// maps the stack, the program and its interpreter, sets the break, and builds the initial
/// stack with argv, envp and the auxiliary vector.
public struct ProgramLoader: Sendable {
    /// The guest's layout and auxv values.
    public let abi: LoaderABI

    /// Creates a loader for the guest described by `abi`.
    public init(abi: LoaderABI) {
        self.abi = abi
    }

    /// Loads `path` into the empty `addressSpace`.
    ///
    /// - Parameters:
    ///   - path: the program, as given (also the default AT_EXECFN).
    ///   - argv: the guest's argv, argv[0] included (exact bytes).
    ///   - envp: the guest's environment ("NAME=value", exact bytes).
    ///   - ldPrefix: `-L`: the interpreter is looked up as prefix + PT_INTERP path first.
    /// - Throws: `ELFLoadError` whose `reason` the front end prints after the file name.
    public func load(
        path: String, argv: [[UInt8]], envp: [[UInt8]], ldPrefix: String?, addressSpace: GuestAddressSpace,
        options: ProgramLoadOptions = ProgramLoadOptions()
    ) throws(ELFLoadError) -> LoadedProgram {
        let program = try openProgram(path, options)
        let image = program.image
        let mapper = ImageMapper(abi: abi, addressSpace: addressSpace)

        // The stack first, as setup_arg_pages runs before the program is mapped.
        let executableStack = image.executableStack ?? abi.defaultExecutableStack
        let (stackLimit, stackTop) = try mapStack(addressSpace, size: options.stackSize, executable: executableStack)

        let placement = programPlacement(image, hasInterpreter: image.interpreterPath != nil)
        let bias = try mapper.map(image, fd: program.descriptor, placement: placement)
        var interpreter: MappedInterpreter?
        if let path = image.interpreterPath {
            interpreter = try loadInterpreter(path, ldPrefix: ldPrefix, mapper: mapper)
        }
        let interpreterBase = interpreter?.base ?? 0
        let interpreterEntry = interpreter?.entry

        let breakStart = mapper.pageUp(image.highestAddress &+ bias)
        addressSpace.setBreakBase(breakStart)
        let layout = Self.codeAndData(image, bias: bias)
        let programEntry = image.entry &+ bias
        let phdr = image.programHeaderAddress &+ bias
        let execFn = options.execFn ?? Array(path.utf8)

        let random = options.randomBytes ?? Self.hostRandomBytes()
        let stack = try InitialStack.build(
            top: stackTop, argv: argv, envp: envp,
            execFn: execFn, platform: abi.platform.map { Array($0.utf8) }, random: random,
            sizeLimit: min(options.stackSize / 4, stackTop - stackLimit)
        ) { strings in
            auxiliaryVector(strings, phdr: phdr, phnum: UInt64(image.programHeaderCount),
                            interpreterBase: interpreterBase, entry: programEntry, options: options)
        }
        guard addressSpace.write(stack.stackPointer, stack.bytes) else {
            throw ELFLoadError(.mappingFailed(14), "cannot write the initial stack")
        }

        return LoadedProgram(
            entry: interpreterEntry ?? programEntry, stackPointer: stack.stackPointer,
            programEntry: programEntry, loadBias: bias, interpreterBase: interpreterBase,
            interpreterEntry: interpreterEntry, interpreterPath: interpreter?.hostPath,
            programHeaderAddress: phdr, programHeaderEntrySize: UInt64(image.programHeaderEntrySize),
            programHeaderCount: UInt64(image.programHeaderCount), breakStart: breakStart,
            startCode: layout.startCode, endCode: layout.endCode, startData: layout.startData, endData: layout.endData,
            stackTop: stackTop, stackLimit: stackLimit, executableStack: executableStack,
            argStart: stack.argStart, argEnd: stack.argEnd, envStart: stack.envStart, envEnd: stack.envEnd,
            auxv: stack.auxv, auxvAddress: stack.auxvAddress, execPath: execFn,
            executablePath: Self.absolutePath(path, descriptor: program.descriptor))
    }

    /// Opens the program from `path`, or from the binfmt_misc descriptor when one is given
    /// (a duplicate is used, so the guest's AT_EXECFD stays open).
    func openProgram(_ path: String, _ options: ProgramLoadOptions) throws(ELFLoadError) -> ELFFile {
        guard let fd = options.executableDescriptor else {
            return try ELFFile(path: path, expectedMachine: abi.machine)
        }
        let copy = fcntl(fd, F_DUPFD_CLOEXEC, 0)
        guard copy >= 0 else { throw ELFLoadError.host(errno) }
        return try ELFFile(adopting: copy, expectedMachine: abi.machine)
    }

    /// Where the interpreter went.
    struct MappedInterpreter {
        /// Load bias (AT_BASE).
        let base: UInt64
        /// Entry point, bias applied.
        let entry: UInt64
        /// The host path it was opened from.
        let hostPath: String
    }

    /// Opens PT_INTERP's `path` (through the `-L` prefix first) and maps it: an ET_DYN
    /// wherever mmap puts it, an ET_EXEC at its own addresses.
    func loadInterpreter(_ path: String, ldPrefix: String?, mapper: ImageMapper) throws(ELFLoadError)
        -> MappedInterpreter
    {
        let hostPath = Self.resolveInterpreter(path, ldPrefix: ldPrefix)
        let file: ELFFile
        do {
            file = try ELFFile(path: hostPath, expectedMachine: abi.machine)
        } catch {
            if case .hostError = error.kind {
                throw ELFLoadError(.interpreterNotFound, "could not open ELF interpreter \(path): \(error.reason)")
            }
            throw ELFLoadError(.badInterpreter, "ELF interpreter \(hostPath): \(error.reason)")
        }
        let placement: ImageMapper.Placement = file.image.type == .executable ? .fixed(bias: 0) : .anywhere
        let base = try mapper.map(file.image, fd: file.descriptor, placement: placement)
        return MappedInterpreter(base: base, entry: file.image.entry &+ base, hostPath: hostPath)
    }

    /// prefix + path when that file exists, else path (qemu's path() lookup for -L).
    public static func resolveInterpreter(_ path: String, ldPrefix: String?) -> String {
        guard var prefix = ldPrefix, !prefix.isEmpty, path.hasPrefix("/") else { return path }
        while prefix.count > 1 && prefix.hasSuffix("/") { prefix.removeLast() }
        let candidate = prefix == "/" ? path : prefix + path
        return access(candidate, F_OK) == 0 ? candidate : path
    }

    /// Where the main program goes (load_elf_binary): ET_EXEC at its addresses; a PIE with an
    /// interpreter (or over-aligned) at ELF_ET_DYN_BASE aligned to its largest p_align; a
    /// static PIE wherever mmap puts it.
    func programPlacement(_ image: ELFImage, hasInterpreter: Bool) -> ImageMapper.Placement {
        if image.type == .executable { return .fixed(bias: 0) }
        let alignment = max(image.maximumAlignment, abi.pageSize)
        guard hasInterpreter || alignment > abi.pageSize else { return .anywhere }
        let base = abi.dynamicBase & ~(alignment - 1)
        return .fixed(bias: (base &- image.lowestAddress) & ~(abi.pageSize - 1))
    }

    /// Maps the stack `[top - size, top)` read/write (and exec when PT_GNU_STACK asks).
    func mapStack(_ addressSpace: GuestAddressSpace, size: UInt64, executable: Bool) throws(ELFLoadError)
        -> (UInt64, UInt64)
    {
        let top = abi.stackTop
        let length = (size + abi.pageSize - 1) & ~(abi.pageSize - 1)
        guard length >= abi.pageSize, length < top / 2 else {
            throw ELFLoadError(.mappingFailed(12), "invalid stack size \(size)")
        }
        let protection = MemoryABI.Prot.read | MemoryABI.Prot.write | (executable ? MemoryABI.Prot.exec : 0)
        let flags = MemoryABI.Map.private | MemoryABI.Map.anonymous | MemoryABI.Map.fixedNoReplace
        let r = addressSpace.map(address: top - length, length: length, protection: protection, flags: flags, fd: -1, offset: 0)
        guard r >= 0 else {
            throw ELFLoadError(.mappingFailed(Int32(-r)), "cannot map the guest stack (errno \(-r))")
        }
        addressSpace.markStack(address: top - length, length: length)
        return (top - length, top)
    }

    /// The auxiliary vector in create_elf_tables order (without AT_NULL).
    func auxiliaryVector(
        _ strings: InitialStackStrings, phdr: UInt64, phnum: UInt64, interpreterBase: UInt64, entry: UInt64,
        options: ProgramLoadOptions
    ) -> [AuxEntry] {
        var v: [AuxEntry] = []
        if let vdso = options.vdsoBase { v.append(AuxEntry(AuxType.sysinfoEHDR, vdso)) }
        v += abi.architectureAuxv
        v += [
            AuxEntry(AuxType.hwcap, abi.hwcap),
            AuxEntry(AuxType.pageSize, abi.pageSize),
            AuxEntry(AuxType.clockTick, 100),
            AuxEntry(AuxType.phdr, phdr),
            AuxEntry(AuxType.phent, 56),
            AuxEntry(AuxType.phnum, phnum),
            AuxEntry(AuxType.base, interpreterBase),
            AuxEntry(AuxType.flags, options.preserveArgv0 ? AuxType.flagPreserveArgv0 : 0),
            AuxEntry(AuxType.entry, entry),
            AuxEntry(AuxType.uid, UInt64(getuid())),
            AuxEntry(AuxType.euid, UInt64(geteuid())),
            AuxEntry(AuxType.gid, UInt64(getgid())),
            AuxEntry(AuxType.egid, UInt64(getegid())),
            AuxEntry(AuxType.secure, options.secure ? 1 : 0),
            AuxEntry(AuxType.random, strings.random),
        ]
        if let hwcap2 = abi.hwcap2 { v.append(AuxEntry(AuxType.hwcap2, hwcap2)) }
        v.append(AuxEntry(AuxType.execFn, strings.execFn))
        if let platform = strings.platform { v.append(AuxEntry(AuxType.platform, platform)) }
        if let fd = options.executableDescriptor { v.append(AuxEntry(AuxType.execFD, UInt64(fd))) }
        if let size = options.rseqFeatureSize, let align = options.rseqAlign {
            v += [AuxEntry(AuxType.rseqFeatureSize, size), AuxEntry(AuxType.rseqAlign, align)]
        }
        return v
    }

    /// start_code, end_code, start_data, end_data as load_elf_binary computes them.
    static func codeAndData(_ image: ELFImage, bias: UInt64)
        -> (startCode: UInt64, endCode: UInt64, startData: UInt64, endData: UInt64)
    {
        var startCode = UInt64.max, endCode: UInt64 = 0, startData: UInt64 = 0, endData: UInt64 = 0
        for segment in image.loadSegments {
            let start = segment.vaddr, end = segment.vaddr + segment.fileSize
            if segment.isExecutable && start < startCode { startCode = start }
            if startData < start { startData = start }
            if segment.isExecutable && endCode < end { endCode = end }
            if endData < end { endData = end }
        }
        if startCode == .max { startCode = 0 }
        return (startCode &+ bias, endCode &+ bias, startData &+ bias, endData &+ bias)
    }

    /// The canonical host path of the opened program: realpath of `path`, else what
    /// /proc/self/fd/<fd> links to, else `path`.
    static func absolutePath(_ path: String, descriptor: Int32) -> String {
        if let resolved = realpath(path, nil) {
            defer { free(resolved) }
            return String(cString: resolved)
        }
        var buffer = [CChar](repeating: 0, count: 4097)
        let count = readlink("/proc/self/fd/\(descriptor)", &buffer, 4096)
        guard count > 0 else { return path }
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// 16 bytes from the host's getrandom.
    static func hostRandomBytes() -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: 16)
        var filled = 0
        while filled < 16 {
            let n = bytes.withUnsafeMutableBytes { hostGetrandom($0.baseAddress! + filled, 16 - filled, 0) }
            if n > 0 { filled += n } else if n != -Int(EINTR) { break }
        }
        return bytes
    }
}
