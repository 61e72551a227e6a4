import ELFLoader
import Glibc
import Testing
@testable import UserEmu

// MARK: - Helpers

/// Little-endian 64-bit word of `bytes` at `offset`.
private func word(_ bytes: [UInt8], _ offset: Int) -> UInt64 {
    (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[offset + $1]) << (8 * UInt64($1)) }
}

/// The NUL-terminated string of `bytes` at `offset`.
private func cString(_ bytes: [UInt8], _ offset: Int) -> String {
    String(decoding: bytes[offset...].prefix { $0 != 0 }, as: UTF8.self)
}

private let top: UInt64 = 0x3f_ffff_f000
private let random = [UInt8](0..<16)

/// Builds a stack with two extra auxv entries and AT_RANDOM/AT_EXECFN pointing at their strings.
private func buildStack(
    argv: [String], envp: [String], execFn: String = "/bin/prog", platform: String? = nil, limit: UInt64 = 2 << 20
) throws(ELFLoadError) -> InitialStack {
    try InitialStack.build(
        top: top, argv: argv.map { Array($0.utf8) }, envp: envp.map { Array($0.utf8) }, execFn: Array(execFn.utf8),
        platform: platform.map { Array($0.utf8) }, random: random, sizeLimit: limit
    ) { strings in
        var entries = [AuxEntry(AuxType.random, strings.random), AuxEntry(AuxType.execFn, strings.execFn)]
        if let address = strings.platform { entries.append(AuxEntry(AuxType.platform, address)) }
        return entries
    }
}

// MARK: - Stack layout (pure)

@Suite struct InitialStackTests {
    @Test func linuxLayout() throws {
        let stack = try buildStack(argv: ["prog", "a"], envp: ["X=1"])
        // fs/exec.c: NULL word at top-8, "/bin/prog" (10) at efee, "X=1" (4) at efea, "a" at efe8,
        // "prog" at efe3; align to efe0; random at efd0; 6 auxv words + argc + 3 argv + 2 envp
        // words = 12 words below it, rounded down to 16: ef70.
        #expect(stack.stackPointer == 0x3f_ffff_ef70)
        #expect(stack.strings.execFn == 0x3f_ffff_efee)
        #expect(stack.strings.random == 0x3f_ffff_efd0)
        #expect(stack.argStart == 0x3f_ffff_efe3)
        #expect(stack.argEnd == 0x3f_ffff_efea)
        #expect(stack.envStart == 0x3f_ffff_efea)
        #expect(stack.envEnd == 0x3f_ffff_efee)
        #expect(stack.bytes.count == Int(top - stack.stackPointer))

        let b = stack.bytes
        let off = { (address: UInt64) in Int(address - stack.stackPointer) }
        #expect(word(b, 0) == 2)
        #expect(cString(b, off(word(b, 8))) == "prog")
        #expect(cString(b, off(word(b, 16))) == "a")
        #expect(word(b, 24) == 0)
        #expect(stack.envpAddress == stack.stackPointer + 32)
        #expect(cString(b, off(word(b, 32))) == "X=1")
        #expect(word(b, 40) == 0)
        #expect(stack.auxvAddress == stack.stackPointer + 48)
        #expect(word(b, 48) == AuxType.random && word(b, 56) == stack.strings.random)
        #expect(word(b, 64) == AuxType.execFn && word(b, 72) == stack.strings.execFn)
        #expect(word(b, 80) == AuxType.null && word(b, 88) == 0)
        #expect(stack.auxv.count == 3)
        #expect(Array(b[off(stack.strings.random)..<off(stack.strings.random) + 16]) == random)
        #expect(cString(b, off(stack.strings.execFn)) == "/bin/prog")
        #expect(word(b, b.count - 8) == 0)
    }

    @Test func platformStringBelowTheAlignedStrings() throws {
        let stack = try buildStack(argv: ["p"], envp: [], platform: "riscv64")
        let platform = try #require(stack.strings.platform)
        #expect(platform == (stack.argStart & ~15) - 8)
        #expect(stack.strings.random == platform - 16)
        #expect(cString(stack.bytes, Int(platform - stack.stackPointer)) == "riscv64")
        #expect(stack.auxv.contains(AuxEntry(AuxType.platform, platform)))
    }

    @Test(arguments: 0...6)
    func stackPointerIsAligned(count: Int) throws {
        let args = (0..<count).map { String(repeating: "x", count: $0 * 3 + 1) }
        let stack = try buildStack(argv: args, envp: Array(args.prefix(count / 2)))
        #expect(stack.stackPointer % 16 == 0)
        #expect(word(stack.bytes, 0) == UInt64(count))
        // The random bytes sit above the pointer area and below the strings.
        #expect(stack.strings.random >= stack.auxvAddress + UInt64(stack.auxv.count * 16))
        #expect(stack.strings.random + 16 <= stack.argStart)
    }

    @Test func argumentListTooLong() {
        #expect(throws: ELFLoadError(.argumentListTooLong, "Argument list too long")) {
            _ = try buildStack(argv: [String(repeating: "a", count: 200_000)], envp: [])
        }
        #expect(throws: ELFLoadError.self) {
            _ = try buildStack(argv: Array(repeating: String(repeating: "a", count: 1000), count: 100), envp: [],
                               limit: 64 * 1024)
        }
    }
}

// MARK: - Loading into a real address space

/// A minimal ELF64 riscv64 file: program headers then payload, every field spelled out.
private struct TinyELF {
    struct Segment {
        var type: UInt32, flags: UInt32, offset: UInt64, vaddr: UInt64, fileSize: UInt64, memorySize: UInt64
        var align: UInt64 = 0x1000
    }
    var type: UInt16 = 2
    var entry: UInt64 = 0
    var segments: [Segment] = []
    var payload: [UInt8] = []

    func bytes() -> [UInt8] {
        var out: [UInt8] = [0x7f, 0x45, 0x4c, 0x46, 2, 1, 1] + [UInt8](repeating: 0, count: 9)
        func le<T: FixedWidthInteger>(_ v: T) { Swift.withUnsafeBytes(of: v.littleEndian) { out += $0 } }
        le(type); le(UInt16(243)); le(UInt32(1)); le(entry); le(UInt64(64)); le(UInt64(0))
        le(UInt32(0)); le(UInt16(64)); le(UInt16(56)); le(UInt16(segments.count)); le(UInt16(64)); le(UInt16(0)); le(UInt16(0))
        for s in segments {
            le(s.type); le(s.flags); le(s.offset); le(s.vaddr); le(s.vaddr); le(s.fileSize); le(s.memorySize); le(s.align)
        }
        return out + payload
    }

    /// ET_EXEC (or ET_DYN when `base` is 0 and `dynamic`): a text page, a data page whose file
    /// bytes run past p_filesz (to check the zeroed tail), bss, and optionally PT_INTERP.
    static func program(base: UInt64 = 0x10000, dynamic: Bool = false, interpreter: String? = nil,
                        stackFlags: UInt32 = 6) -> TinyELF {
        var elf = TinyELF()
        elf.type = dynamic ? 3 : 2
        let interp: [UInt8] = interpreter.map { Array($0.utf8) + [0] } ?? []
        let headerCount = interpreter == nil ? 3 : 4
        let codeOffset = UInt64(64 + 56 * headerCount)
        // text: [0, 0x1000) of the file; data: file offset 0x1000, 16 bytes, memsz 0x3000.
        var payload: [UInt8] = interp + [0x13, 0x05, 0x00, 0x00, 0x93, 0x08, 0xd0, 0x05, 0x73, 0x00, 0x00, 0x00]
        payload += [UInt8](repeating: 0xee, count: 0x1000 - Int(codeOffset) - payload.count)
        payload += [UInt8](1...16) + [UInt8](repeating: 0xcc, count: 64)
        elf.payload = payload
        elf.entry = base + codeOffset + UInt64(interp.count)
        elf.segments = [
            Segment(type: 1, flags: 5, offset: 0, vaddr: base, fileSize: 0x1000, memorySize: 0x1000),
            Segment(type: 1, flags: 6, offset: 0x1000, vaddr: base + 0x1000, fileSize: 16, memorySize: 0x3000),
            Segment(type: 0x6474_e551, flags: stackFlags, offset: 0, vaddr: 0, fileSize: 0, memorySize: 0, align: 16),
        ]
        if interpreter != nil {
            elf.segments.append(Segment(type: 3, flags: 4, offset: codeOffset, vaddr: base + codeOffset,
                                        fileSize: UInt64(interp.count), memorySize: UInt64(interp.count), align: 1))
        }
        return elf
    }
}

/// Writes `bytes` to a new file in a fresh temporary directory; returns the file's path.
private func temporaryFile(_ bytes: [UInt8], name: String = "prog") -> String {
    var template = Array("/tmp/swift-qemu-loader-XXXXXX".utf8CString)
    let directory = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
    return writeFile(bytes, at: directory + "/" + name)
}

private func writeFile(_ bytes: [UInt8], at path: String) -> String {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o755)
    precondition(fd >= 0)
    _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    close(fd)
    return path
}

private func load(
    _ path: String, argv: [String] = ["prog"], ldPrefix: String? = nil, options: ProgramLoadOptions = .init()
) throws -> (LoadedProgram, GuestAddressSpace) {
    let space = try GuestAddressSpace(size: 1 << 38)
    let program = try ProgramLoader(abi: .riscv64).load(
        path: path, argv: argv.map { Array($0.utf8) }, envp: [Array("A=B".utf8)], ldPrefix: ldPrefix,
        addressSpace: space, options: options)
    return (program, space)
}

private func aux(_ program: LoadedProgram, _ type: UInt64) -> UInt64? {
    program.auxv.first { $0.type == type }?.value
}

@Suite struct ProgramLoaderTests {
    @Test func staticExecutable() throws {
        let path = temporaryFile(TinyELF.program().bytes())
        var options = ProgramLoadOptions()
        options.randomBytes = random
        options.preserveArgv0 = true
        let (program, space) = try load(path, argv: ["prog", "x"], options: options)
        #expect(program.entry == 0x10000 + 64 + 3 * 56)
        #expect(program.programEntry == program.entry)
        #expect(program.loadBias == 0 && program.interpreterBase == 0 && program.interpreterEntry == nil)
        #expect(program.programHeaderAddress == 0x10040)
        #expect(program.breakStart == 0x14000)
        #expect(space.breakRange.base == 0x14000)
        #expect(program.stackTop == 0x3f_ffff_f000 && program.stackLimit == 0x3f_ffff_f000 - (8 << 20))
        #expect(program.stackPointer % 16 == 0)

        let maps = space.mappings()
        #expect(maps.contains { $0.start == 0x10000 && $0.end == 0x11000 && $0.protection == 5 && $0.kind == .file })
        #expect(maps.contains { $0.start == 0x11000 && $0.end == 0x12000 && $0.protection == 3 && $0.kind == .file })
        #expect(maps.contains { $0.start == 0x12000 && $0.end == 0x14000 && $0.protection == 3 && $0.kind == .anonymous })
        #expect(maps.contains { $0.end == 0x3f_ffff_f000 && $0.kind == .stack && $0.protection == 3 })

        // Data: the 16 file bytes, then zeros up to the page end (not the file's 0xcc bytes).
        #expect(space.read(0x11000, count: 16) == [UInt8](1...16))
        #expect(space.read(0x11010, count: 0x3000 - 16) == [UInt8](repeating: 0, count: 0x3000 - 16))
        #expect(space.read(program.entry, count: 4) == [0x13, 0x05, 0x00, 0x00])

        // argc, argv and the auxiliary vector in guest memory.
        let sp = program.stackPointer
        let words = try #require(space.read(sp, count: 8 * 6)).withUnsafeBytes { Array($0.bindMemory(to: UInt64.self)) }
        #expect(words[0] == 2)
        #expect(space.readCString(words[1]) == "prog" && space.readCString(words[2]) == "x" && words[3] == 0)
        #expect(space.readCString(words[4]) == "A=B" && words[5] == 0)
        #expect(program.auxvAddress == sp + 48)
        #expect(aux(program, AuxType.phdr) == 0x10040)
        #expect(aux(program, AuxType.phent) == 56 && aux(program, AuxType.phnum) == 3)
        #expect(aux(program, AuxType.pageSize) == 4096 && aux(program, AuxType.clockTick) == 100)
        #expect(aux(program, AuxType.base) == 0 && aux(program, AuxType.entry) == program.entry)
        #expect(aux(program, AuxType.flags) == 1)
        #expect(aux(program, AuxType.hwcap) == 0x112d)
        #expect(aux(program, AuxType.minSigStackSize) == 0x440)
        #expect(aux(program, AuxType.uid) == UInt64(getuid()) && aux(program, AuxType.egid) == UInt64(getegid()))
        #expect(aux(program, AuxType.platform) == nil && aux(program, AuxType.hwcap2) == nil)
        #expect(space.read(try #require(aux(program, AuxType.random)), count: 16) == random)
        #expect(space.readCString(try #require(aux(program, AuxType.execFn))) == path)
        #expect(program.auxv.last == AuxEntry(AuxType.null, 0))
        let written = try #require(space.read(program.auxvAddress, count: program.auxv.count * 16))
        #expect(written.withUnsafeBytes { Array($0.bindMemory(to: UInt64.self)) } == program.auxv.flatMap { [$0.type, $0.value] })
    }

    @Test func executableStack() throws {
        let (program, space) = try load(temporaryFile(TinyELF.program(stackFlags: 7).bytes()))
        #expect(program.executableStack)
        #expect(space.mappings().contains { $0.kind == .stack && $0.protection == 7 })
    }

    @Test func pieWithInterpreterThroughPrefix() throws {
        let interpreter = TinyELF.program(base: 0, dynamic: true)
        let interpreterFile = temporaryFile(interpreter.bytes(), name: "ld.so")
        let prefix = String(interpreterFile.dropLast("/ld.so".count))
        let program = TinyELF.program(base: 0, dynamic: true, interpreter: "/ld.so")
        let (loaded, space) = try load(temporaryFile(program.bytes()), ldPrefix: prefix + "/")
        #expect(loaded.loadBias == 0x2a_aaaa_a000)
        #expect(loaded.programEntry == 0x2a_aaaa_a000 + program.entry)
        #expect(loaded.interpreterPath == interpreterFile)
        #expect(loaded.interpreterBase != 0 && loaded.interpreterBase % 4096 == 0)
        #expect(loaded.interpreterBase + 0x4000 <= space.mmapBase)
        #expect(loaded.entry == loaded.interpreterEntry && loaded.entry == loaded.interpreterBase + interpreter.entry)
        #expect(aux(loaded, AuxType.base) == loaded.interpreterBase)
        #expect(aux(loaded, AuxType.entry) == loaded.programEntry)
        #expect(aux(loaded, AuxType.phdr) == 0x2a_aaaa_a040 && aux(loaded, AuxType.phnum) == 4)
        #expect(loaded.breakStart == 0x2a_aaaa_a000 + 0x4000)
    }

    @Test func staticPIEGoesWhereMmapPutsIt() throws {
        let (program, space) = try load(temporaryFile(TinyELF.program(base: 0, dynamic: true).bytes()))
        #expect(program.loadBias != 0 && program.loadBias + 0x4000 <= space.mmapBase)
        #expect(program.entry == program.programEntry)
    }

    @Test func missingInterpreter() throws {
        let path = temporaryFile(TinyELF.program(base: 0, dynamic: true, interpreter: "/nonexistent/ld.so").bytes())
        #expect(throws: ELFLoadError(.interpreterNotFound,
                                     "could not open ELF interpreter /nonexistent/ld.so: No such file or directory")) {
            _ = try load(path, ldPrefix: "/also-nonexistent")
        }
    }

    @Test func interpreterForAnotherMachine() throws {
        let path = temporaryFile(TinyELF.program(base: 0, dynamic: true, interpreter: "/bin/true").bytes())
        #expect(throws: ELFLoadError(.badInterpreter, "ELF interpreter /bin/true: ELF file is for x86-64, not riscv64")) {
            _ = try load(path)
        }
    }

    @Test func misalignedSegment() throws {
        var elf = TinyELF.program()
        elf.segments[1].offset = 0x1008
        let error = #expect(throws: ELFLoadError.self) { _ = try load(temporaryFile(elf.bytes())) }
        #expect(error?.kind == .misalignedSegment)
    }

    @Test func segmentBelowMinimumAddress() throws {
        let error = #expect(throws: ELFLoadError.self) { _ = try load(temporaryFile(TinyELF.program(base: 0x1000).bytes())) }
        #expect(error?.kind == .addressOutOfRange)
    }

    @Test func segmentOutsideAddressSpace() throws {
        let error = #expect(throws: ELFLoadError.self) {
            _ = try load(temporaryFile(TinyELF.program(base: 0x40_0000_0000).bytes()))
        }
        #expect(error?.kind == .addressOutOfRange)
    }

    @Test func segmentOverlappingTheStack() throws {
        let error = #expect(throws: ELFLoadError.self) {
            _ = try load(temporaryFile(TinyELF.program(base: 0x3f_ffff_0000).bytes()))
        }
        #expect(error?.kind == .addressOutOfRange)
    }

    @Test func interpreterResolution() {
        #expect(ProgramLoader.resolveInterpreter("/bin/sh", ldPrefix: nil) == "/bin/sh")
        #expect(ProgramLoader.resolveInterpreter("/bin/sh", ldPrefix: "/") == "/bin/sh")
        #expect(ProgramLoader.resolveInterpreter("/sh", ldPrefix: "/bin") == "/bin/sh")
        #expect(ProgramLoader.resolveInterpreter("/sh", ldPrefix: "/bin//") == "/bin/sh")
        #expect(ProgramLoader.resolveInterpreter("/missing", ldPrefix: "/bin") == "/missing")
    }

    @Test func seededRandomBytesAreReproducible() {
        #expect(ProgramLoader.seededRandomBytes(42) == ProgramLoader.seededRandomBytes(42))
        #expect(ProgramLoader.seededRandomBytes(42) != ProgramLoader.seededRandomBytes(43))
        #expect(ProgramLoader.seededRandomBytes(1).count == 16)
    }
}
