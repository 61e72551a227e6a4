import Foundation
@testable import Translator
import Testing

/// Encodings of the assembler checked against GNU objdump: each case emits one instruction and
/// names its Intel-syntax disassembly.
@Suite("x86-64 assembler encodings (objdump)")
struct X86AssemblerTests {
    static let objdump = "/usr/bin/objdump"

    /// Disassembles `bytes` with objdump; one "mnemonic operands" string per instruction.
    static func disassemble(_ bytes: [UInt8]) throws -> [String] {
        let path = NSTemporaryDirectory() + "x86asm-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).bin"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: objdump)
        p.arguments = ["-D", "-b", "binary", "-mi386:x86-64", "-Mintel", path]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap { line in
            let parts = line.split(separator: "\t")
            guard parts.count >= 3, parts[0].hasSuffix(":") else { return nil }
            return parts[2].split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        }
    }

    typealias Emit = @Sendable (inout X86Assembler) -> Void
    static let cases: [(String, Emit)] = [
        ("add rax,QWORD PTR [r15+0x8]", { $0.alu(.add, .b64, .rax, .mem(X86Mem(.r15, 8))) }),
        ("sub r9,r12", { $0.alu(.sub, .b64, .r9, .r12) }),
        ("and DWORD PTR [rsp+0x10],ecx", { $0.alu(.and, .b32, .mem(X86Mem(.rsp, 16)), .rcx) }),
        ("xor ecx,ecx", { $0.alu(.xor, .b32, .rcx, .rcx) }),
        ("add QWORD PTR [r15-0x40],0x7", { $0.alu(.add, .b64, .mem(X86Mem(.r15, -64)), imm: 7) }),
        ("cmp rax,0x12345678", { $0.alu(.cmp, .b64, .reg(.rax), imm: 0x1234_5678) }),
        ("or r13,0xffffffffffffff80", { $0.alu(.or, .b64, .reg(.r13), imm: -128) }),
        ("test BYTE PTR [r13+rcx*1+0x0],0x1", { $0.test(.b8, .mem(X86Mem(.r13, index: .rcx)), imm: 1) }),
        ("test r10b,0x2", { $0.test(.b8, .reg(.r10), imm: 2) }),
        ("test rax,rax", { $0.test(.b64, .reg(.rax), .rax) }),
        ("neg eax", { $0.neg(.b32, .reg(.rax)) }),
        ("not rcx", { $0.not(.b64, .reg(.rcx)) }),
        ("shl rax,cl", { $0.shiftCL(.shl, .b64, .reg(.rax)) }),
        ("sar eax,0x1f", { $0.shift(.sar, .b32, .reg(.rax), imm: 31) }),
        ("ror r11,0x3", { $0.shift(.ror, .b64, .reg(.r11), imm: 3) }),
        ("imul rax,QWORD PTR [r15+0x100]", { $0.imul(.b64, .rax, .mem(X86Mem(.r15, 256))) }),
        ("mul QWORD PTR [r15+0xb0]", { $0.mul(.b64, .mem(X86Mem(.r15, 176))) }),
        ("idiv ecx", { $0.idiv(.b32, .reg(.rcx)) }),
        ("div rcx", { $0.div(.b64, .reg(.rcx)) }),
        ("cqo", { $0.signExtendAccumulator(.b64) }),
        ("cdq", { $0.signExtendAccumulator(.b32) }),
        ("mov rax,QWORD PTR [r15+0x88]", { $0.mov(.b64, .rax, .mem(X86Mem(.r15, 136))) }),
        ("mov QWORD PTR [r15+0x8],rax", { $0.mov(.b64, .mem(X86Mem(.r15, 8)), .rax) }),
        ("mov BYTE PTR [r14+rax*1],sil", { $0.mov(.b8, .mem(X86Mem(.r14, index: .rax)), .rsi) }),
        ("mov WORD PTR [r14+rax*1],cx", { $0.mov(.b16, .mem(X86Mem(.r14, index: .rax)), .rcx) }),
        ("mov DWORD PTR [rbp+0x0],r8d", { $0.mov(.b32, .mem(X86Mem(.rbp)), .r8) }),
        ("mov QWORD PTR [r15+0x8],0xffffffffffffff00", { $0.mov(.mem(X86Mem(.r15, 8)), imm32: -256) }),
        ("movabs rax,0x123456789a", { $0.movImm(.rax, 0x12_3456_789a) }),
        ("mov r9d,0x80000000", { $0.movImm(.r9, 0x8000_0000) }),
        ("movzx ecx,BYTE PTR [r14+rax*1]", { $0.movzx(.b8, .rcx, .mem(X86Mem(.r14, index: .rax))) }),
        ("movzx ecx,WORD PTR [r14+rax*1]", { $0.movzx(.b16, .rcx, .mem(X86Mem(.r14, index: .rax))) }),
        ("movsx rcx,BYTE PTR [r14+rax*1]", { $0.movsx(.b8, .rcx, .mem(X86Mem(.r14, index: .rax))) }),
        ("movsx rcx,WORD PTR [r14+rax*1]", { $0.movsx(.b16, .rcx, .mem(X86Mem(.r14, index: .rax))) }),
        ("movsxd rax,eax", { $0.movsx(.b32, .rax, .reg(.rax)) }),
        ("lea rcx,[rax+0x7]", { $0.lea(.rcx, X86Mem(.rax, 7)) }),
        ("lea r11d,[r10-0x1]", { $0.lea(.r11, X86Mem(.r10, -1), width: .b32) }),
        ("lea eax,[rbx+0x7fffffff]", { $0.lea(.rax, X86Mem(.rbx, 0x7fff_ffff), width: .b32) }),
        ("lea rdx,[r12+rbx*8-0x10]", { $0.lea(.rdx, X86Mem(.r12, index: .rbx, scaleShift: 3, -16)) }),
        ("sete cl", { $0.setcc(.e, .reg(.rcx)) }),
        ("setl sil", { $0.setcc(.l, .reg(.rsi)) }),
        ("cmovne rax,QWORD PTR [r15+0xa8]", { $0.cmov(.ne, .b64, .rax, .mem(X86Mem(.r15, 168))) }),
        ("cmova rax,rcx", { $0.cmov(.a, .b64, .rax, .reg(.rcx)) }),
        ("lzcnt rax,QWORD PTR [r15+0xa8]", { $0.lzcnt(.b64, .rax, .mem(X86Mem(.r15, 168))) }),
        ("tzcnt eax,DWORD PTR [r15+0xa8]", { $0.tzcnt(.b32, .rax, .mem(X86Mem(.r15, 168))) }),
        ("popcnt rax,rdx", { $0.popcnt(.b64, .rax, .reg(.rdx)) }),
        ("bsr rax,rcx", { $0.bsr(.b64, .rax, .reg(.rcx)) }),
        ("bswap rax", { $0.bswap(.b64, .rax) }),
        ("bswap r10", { $0.bswap(.b64, .r10) }),
        ("lock xadd QWORD PTR [r14+rax*1],rcx", { $0.lockXadd(.b64, X86Mem(.r14, index: .rax), .rcx) }),
        ("lock cmpxchg DWORD PTR [r14+rdx*1],ecx", { $0.lockCmpxchg(.b32, X86Mem(.r14, index: .rdx), .rcx) }),
        ("xchg QWORD PTR [r14+rax*1],rcx", { $0.xchg(.b64, X86Mem(.r14, index: .rax), .rcx) }),
        ("mfence", { $0.mfence() }),
        ("call rax", { $0.call(.reg(.rax)) }),
        ("jmp rdx", { $0.jmp(.reg(.rdx)) }),
        ("ret", { $0.ret() }),
        ("push r15", { $0.push(.r15) }),
        ("pop rbx", { $0.pop(.rbx) }),
    ]

    @Test("Each encoding disassembles as named", .enabled(if: FileManager.default.isExecutableFile(atPath: objdump), "objdump not installed"))
    func encodings() throws {
        var asm = X86Assembler()
        for (_, emit) in Self.cases { emit(&asm) }
        let lines = try Self.disassemble(asm.bytes)
        #expect(lines.count == Self.cases.count, "objdump found \(lines.count) instructions for \(Self.cases.count) cases: \(lines)")
        for (i, (expected, _)) in Self.cases.enumerated() where i < lines.count {
            #expect(lines[i] == expected, "case \(i)")
        }
    }

    @Test("Labels: jmp, jcc and lea rip resolve to their targets", .enabled(if: FileManager.default.isExecutableFile(atPath: objdump), "objdump not installed"))
    func labels() throws {
        var asm = X86Assembler()
        let target = asm.newLabel()
        asm.jmp(target)               // 0: e9 rel32 -> 0x10
        asm.jcc(.ne, target)          // 5: 0f 85 rel32
        asm.leaRIP(.rax, target)      // 11: 48 8d 05 rel32
        asm.byte(0x90)                // 18 (0x12)
        asm.bind(target)
        asm.ret()
        asm.resolveFixups()
        let lines = try Self.disassemble(asm.bytes)
        #expect(lines.prefix(3).map { $0.components(separatedBy: " #")[0] } == ["jmp 0x13", "jne 0x13", "lea rax,[rip+0x1]"])
    }

    @Test("NOP padding aligns a patchable rel32 field")
    func alignment() {
        for start in 0..<8 {
            var asm = X86Assembler()
            for _ in 0..<start { asm.byte(0x90) }
            asm.alignWithNops(4, ahead: 1)
            let site = asm.jmp(asm.newLabel())
            #expect(site % 4 == 0)
        }
    }
}
