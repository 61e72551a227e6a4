import ELFLoader
import Testing

/// Parses `builder`'s bytes as a riscv64 file.
private func parse(_ builder: TestELFBuilder) throws(ELFLoadError) -> ELFImage {
    try ELFImage(bytes: builder.bytes(), expectedMachine: ELFMachine.riscv)
}

/// The error kind parsing `bytes` throws, nil when it parses.
private func failure(_ bytes: [UInt8]) -> ELFLoadError? {
    do {
        _ = try ELFImage(bytes: bytes, expectedMachine: ELFMachine.riscv)
        return nil
    } catch {
        return error
    }
}

@Suite struct ELFImageTests {
    @Test func validExecutable() throws {
        let builder = TestELFBuilder.executable()
        let image = try parse(builder)
        #expect(image.type == .executable)
        #expect(image.machine == 243)
        #expect(image.entry == 0x10000 + builder.payloadOffset)
        #expect(image.programHeaderCount == 3)
        #expect(image.loadSegments.count == 2)
        #expect(image.loadSegments[0].vaddr == 0x10000)
        #expect(image.loadSegments[0].isExecutable && !image.loadSegments[0].isWritable)
        #expect(image.loadSegments[1].isWritable)
        #expect(image.interpreterPath == nil)
        #expect(image.executableStack == false)
        #expect(image.programHeaderAddress == 0x10040)
        #expect(image.fileSize == UInt64(builder.bytes().count))
        #expect(image.highestAddress == image.loadSegments[1].vaddr + 0x2000)
    }

    @Test func validPIEWithInterpreter() throws {
        let image = try parse(.pie())
        #expect(image.type == .sharedObject)
        #expect(image.interpreterPath == "/lib/ld-linux-riscv64-lp64d.so.1")
        #expect(image.executableStack == nil)
        #expect(image.programHeaderAddress == 64)
        #expect(image.lowestAddress == 0)
    }

    @Test func executableStackFlag() throws {
        var builder = TestELFBuilder.executable()
        builder.segments[2].flags = 7
        #expect(try parse(builder).executableStack == true)
    }

    @Test func notELF() {
        #expect(failure(Array("#!/bin/sh\necho hello\n".utf8))?.kind == .notELF)
        #expect(failure([])?.kind == .notELF)
        #expect(failure([0x7f, 0x45, 0x4c])?.reason == "not an ELF file")
    }

    @Test func wrongClass() {
        var builder = TestELFBuilder.executable()
        builder.elfClass = 1
        #expect(failure(builder.bytes())?.kind == .wrongClass)
    }

    @Test func bigEndian() {
        var bytes = TestELFBuilder.executable().bytes()
        bytes[5] = 2
        bytes[18] = 0
        bytes[19] = 243
        #expect(failure(bytes)?.kind == .wrongByteOrder)
    }

    @Test func wrongMachine() {
        var builder = TestELFBuilder.executable()
        builder.machine = 62
        let error = failure(builder.bytes())
        #expect(error?.kind == .wrongMachine)
        #expect(error?.reason == "ELF file is for x86-64, not riscv64")
    }

    @Test(arguments: [UInt16(0), 1, 4, 0xfe00])
    func wrongType(type: UInt16) {
        var builder = TestELFBuilder.executable()
        builder.type = type
        #expect(failure(builder.bytes())?.kind == .wrongType)
    }

    @Test func badVersion() {
        var builder = TestELFBuilder.executable()
        builder.version = 2
        #expect(failure(builder.bytes())?.kind == .badVersion)
    }

    @Test(arguments: [10, 63, 64, 100, 64 + 3 * 56 - 1])
    func truncatedHeaders(length: Int) {
        let bytes = Array(TestELFBuilder.executable().bytes().prefix(length))
        #expect(failure(bytes)?.kind == .truncated)
    }

    @Test func truncatedSegment() {
        let bytes = TestELFBuilder.executable().bytes()
        #expect(failure(Array(bytes.dropLast(1)))?.kind == .truncated)
    }

    @Test func programHeadersBeyondEnd() {
        var builder = TestELFBuilder.executable()
        builder.phoff = 0xffff_ffff_ffff_fff0
        #expect(failure(builder.bytes())?.kind == .truncated)
    }

    @Test func fileSizeLargerThanMemorySize() {
        var builder = TestELFBuilder.executable()
        builder.segments[1].memorySize = 1
        #expect(failure(builder.bytes())?.kind == .fileSizeExceedsMemorySize)
    }

    @Test func overlappingSegments() {
        var builder = TestELFBuilder.executable()
        builder.segments[1].vaddr = 0x10010
        let error = failure(builder.bytes())
        #expect(error?.kind == .overlappingSegments)
        #expect(error?.reason.hasPrefix("segments overlap") == true)
    }

    @Test func unsortedSegmentsAreAccepted() throws {
        var builder = TestELFBuilder.executable()
        builder.segments.swapAt(0, 1)
        let image = try parse(builder)
        #expect(image.loadSegments.map(\.vaddr) == [0x10000, builder.segments[0].vaddr])
    }

    @Test func addressOverflow() {
        var builder = TestELFBuilder.executable()
        builder.segments[1].vaddr = 0xffff_ffff_ffff_f000
        builder.segments[1].memorySize = 0x2000
        #expect(failure(builder.bytes())?.kind == .addressOverflow)
    }

    @Test func noLoadableSegment() {
        var builder = TestELFBuilder.executable()
        builder.segments[0].type = 4
        builder.segments[1].type = 4
        #expect(failure(builder.bytes())?.kind == .noLoadableSegment)
    }

    @Test(arguments: [UInt16(0), 32, 64])
    func badProgramHeaderSize(size: UInt16) {
        var builder = TestELFBuilder.executable()
        builder.phentsize = size
        #expect(failure(builder.bytes())?.kind == .badProgramHeaderSize)
    }

    @Test(arguments: [UInt16(0), 0xffff])
    func badProgramHeaderCount(count: UInt16) {
        var builder = TestELFBuilder.executable()
        builder.phnumOverride = count
        #expect(failure(builder.bytes())?.kind == .badProgramHeaderCount)
    }

    @Test func interpreterNotTerminated() {
        var builder = TestELFBuilder.pie()
        builder.segments[1].fileSize -= 1
        #expect(failure(builder.bytes())?.kind == .badInterpreterPath)
    }

    @Test(arguments: [UInt64(0), 1, 4097])
    func interpreterBadLength(length: UInt64) {
        var builder = TestELFBuilder.pie()
        builder.segments[1].fileSize = length
        #expect(failure(builder.bytes())?.kind == .badInterpreterPath)
    }

    @Test func interpreterBeyondEnd() {
        var builder = TestELFBuilder.pie()
        builder.segments[1].offset = 0x10_0000
        #expect(failure(builder.bytes())?.kind == .truncated)
    }

    @Test func longestInterpreterPath() throws {
        let path = "/" + String(repeating: "a", count: 4094)
        let image = try parse(.pie(interpreter: path))
        #expect(image.interpreterPath == path)
    }

    @Test func programHeaderAddressWithoutPTPHDR() throws {
        var builder = TestELFBuilder.pie()
        builder.segments[0].type = 4  // PT_NOTE: the address comes from the covering PT_LOAD
        builder.segments[0].vaddr = 0x9999
        #expect(try parse(builder).programHeaderAddress == 64)
    }

    @Test func corruptSectionHeadersFailCleanly() {
        var builder = TestELFBuilder.executable()
        builder.shoff = 0xffff_0000
        builder.shnum = 5
        // libelf refuses section tables beyond the end of the file; the error is one line.
        if let error = failure(builder.bytes()) {
            #expect(error.kind == .libelf)
            #expect(!error.reason.contains("\n"))
        }
    }

    @Test func everyByteFlipFailsCleanly() {
        // Random-ish corruption must only ever throw, never crash.
        let original = TestELFBuilder.pie().bytes()
        for index in 0..<(64 + 4 * 56) {
            for value: UInt8 in [0, 0xff, 0x80] {
                var bytes = original
                bytes[index] = value
                _ = failure(bytes)
            }
        }
    }
}
