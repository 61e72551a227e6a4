import ELFLoader
import Glibc
import Testing

/// Writes `bytes` to a new temporary file and returns its path.
func temporaryFile(_ bytes: [UInt8]) -> String {
    var template = Array("/tmp/swift-qemu-elf-XXXXXX".utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    precondition(fd >= 0)
    _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    close(fd)
    return String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

@Suite struct ELFFileTests {
    @Test func opensAndParsesAFile() throws {
        let bytes = TestELFBuilder.pie().bytes()
        let path = temporaryFile(bytes)
        defer { unlink(path) }
        let file = try ELFFile(path: path, expectedMachine: ELFMachine.riscv)
        #expect(file.descriptor >= 0)
        #expect(file.image == (try ELFImage(bytes: bytes, expectedMachine: ELFMachine.riscv)))
    }

    @Test func missingFile() {
        #expect(throws: ELFLoadError(.hostError(ENOENT), "No such file or directory")) {
            _ = try ELFFile(path: "/nonexistent/prog", expectedMachine: ELFMachine.riscv)
        }
    }

    @Test func directory() {
        #expect(throws: ELFLoadError(.hostError(EACCES), "Permission denied")) {
            _ = try ELFFile(path: "/tmp", expectedMachine: ELFMachine.riscv)
        }
    }

    @Test func shortFile() {
        let path = temporaryFile([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1])
        defer { unlink(path) }
        #expect(throws: ELFLoadError.self) {
            _ = try ELFFile(path: path, expectedMachine: ELFMachine.riscv)
        }
    }

    @Test func emptyFile() {
        let path = temporaryFile([])
        defer { unlink(path) }
        #expect(throws: ELFLoadError(.notELF, "not an ELF file")) {
            _ = try ELFFile(path: path, expectedMachine: ELFMachine.riscv)
        }
    }

    @Test func hostBinaryIsRejected() {
        #expect(throws: ELFLoadError(.wrongMachine, "ELF file is for x86-64, not riscv64")) {
            _ = try ELFFile(path: "/bin/true", expectedMachine: ELFMachine.riscv)
        }
    }
}
