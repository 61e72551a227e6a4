import Foundation
import Testing
@testable import Translator

/// The IR op table (codegen/ir_ops.txt) and what is generated from it.
@Suite struct IRTableTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func generatedFilesAreUpToDate() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.repositoryRoot.appendingPathComponent("codegen/gen_ir.py").path, "--check"]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "run `python3 codegen/gen_ir.py` and commit the result")
    }

    @Test func opIsSixteenBytes() {
        #expect(MemoryLayout<IROp>.size == 16)
        #expect(MemoryLayout<IROp>.stride == 16)
    }

    @Test(arguments: IROpcode.allCases)
    func infoMatchesTheCase(opcode: IROpcode) {
        #expect(opcode.info.name == "\(opcode)")
        #expect(!opcode.info.operands.isEmpty)
        // The fast accessors agree with the table.
        #expect(opcode.flags == opcode.info.flags)
        #expect(opcode.writesDestination == opcode.info.operands.hasPrefix("d"))
    }

    @Test func everyFloatingPointOpIsFlagged() {
        let float = IROpcode.allCases.filter { $0.info.flags.contains(.floatingPoint) }
        #expect(float.count == 42)
        #expect(float.allSatisfy { "\($0)".hasPrefix("f") })
    }
}
