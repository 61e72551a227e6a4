import Foundation
@testable import Translator
import Testing

/// SSE encodings of `X86Assembler+SSE.swift` checked against GNU objdump (Intel syntax).
@Suite("x86-64 SSE encodings (objdump)")
struct X86SSETests {
    typealias Emit = @Sendable (inout X86Assembler) -> Void
    static let cases: [(String, Emit)] = [
        ("movq xmm0,rax", { $0.movq(.xmm0, .rax) }),
        ("movq xmm9,r10", { $0.movq(.xmm9, .r10) }),
        ("movq rcx,xmm1", { $0.movq(.rcx, .xmm1) }),
        ("movq r11,xmm12", { $0.movq(.r11, .xmm12) }),
        ("movsd xmm2,QWORD PTR [r15+0x88]", { $0.movs(double: true, .xmm2, X86Mem(.r15, 136)) }),
        ("movss xmm10,DWORD PTR [rsp-0x8]", { $0.movs(double: false, .xmm10, X86Mem(.rsp, -8)) }),
        ("movsd QWORD PTR [r15+0x10],xmm3", { $0.movs(double: true, X86Mem(.r15, 16), .xmm3) }),
        ("movss DWORD PTR [rax],xmm0", { $0.movs(double: false, X86Mem(.rax), .xmm0) }),
        ("addsd xmm0,xmm1", { $0.sse(.add, double: true, .xmm0, .xmm1) }),
        ("subsd xmm8,xmm1", { $0.sse(.sub, double: true, .xmm8, .xmm1) }),
        ("mulsd xmm0,xmm15", { $0.sse(.mul, double: true, .xmm0, .xmm15) }),
        ("divsd xmm2,xmm3", { $0.sse(.div, double: true, .xmm2, .xmm3) }),
        ("sqrtsd xmm0,xmm0", { $0.sse(.sqrt, double: true, .xmm0, .xmm0) }),
        ("addss xmm0,xmm1", { $0.sse(.add, double: false, .xmm0, .xmm1) }),
        ("subss xmm1,xmm0", { $0.sse(.sub, double: false, .xmm1, .xmm0) }),
        ("mulss xmm9,xmm9", { $0.sse(.mul, double: false, .xmm9, .xmm9) }),
        ("divss xmm0,xmm1", { $0.sse(.div, double: false, .xmm0, .xmm1) }),
        ("sqrtss xmm4,xmm5", { $0.sse(.sqrt, double: false, .xmm4, .xmm5) }),
        ("ucomisd xmm0,xmm1", { $0.ucomis(double: true, .xmm0, .xmm1) }),
        ("ucomiss xmm0,xmm11", { $0.ucomis(double: false, .xmm0, .xmm11) }),
        ("comisd xmm0,xmm1", { $0.comis(double: true, .xmm0, .xmm1) }),
        ("comiss xmm2,xmm1", { $0.comis(double: false, .xmm2, .xmm1) }),
        ("cvtss2sd xmm0,xmm0", { $0.cvtFloat(fromDouble: false, .xmm0, .xmm0) }),
        ("cvtsd2ss xmm1,xmm0", { $0.cvtFloat(fromDouble: true, .xmm1, .xmm0) }),
        ("cvtsi2sd xmm0,eax", { $0.cvtsi2s(double: true, .b32, .xmm0, .rax) }),
        ("cvtsi2sd xmm0,rax", { $0.cvtsi2s(double: true, .b64, .xmm0, .rax) }),
        ("cvtsi2ss xmm1,r9", { $0.cvtsi2s(double: false, .b64, .xmm1, .r9) }),
        ("cvtsi2ss xmm0,eax", { $0.cvtsi2s(double: false, .b32, .xmm0, .rax) }),
        ("cvttsd2si rax,xmm0", { $0.cvts2si(double: true, truncate: true, .b64, .rax, .xmm0) }),
        ("cvttsd2si eax,xmm0", { $0.cvts2si(double: true, truncate: true, .b32, .rax, .xmm0) }),
        ("cvtsd2si r8,xmm1", { $0.cvts2si(double: true, truncate: false, .b64, .r8, .xmm1) }),
        ("cvttss2si rax,xmm0", { $0.cvts2si(double: false, truncate: true, .b64, .rax, .xmm0) }),
        ("cvtss2si eax,xmm8", { $0.cvts2si(double: false, truncate: false, .b32, .rax, .xmm8) }),
        ("xorps xmm1,xmm1", { $0.xorps(.xmm1, .xmm1) }),
        ("movaps xmm3,xmm0", { $0.movaps(.xmm3, .xmm0) }),
        ("movaps xmm0,xmm12", { $0.movaps(.xmm0, .xmm12) }),
        ("movaps xmm15,xmm9", { $0.movaps(.xmm15, .xmm9) }),
        ("pcmpeqd xmm4,xmm4", { $0.pcmpeqd(.xmm4, .xmm4) }),
        ("pcmpeqd xmm13,xmm13", { $0.pcmpeqd(.xmm13, .xmm13) }),
        ("psllq xmm4,0x34", { $0.shiftQuadwords(right: false, .xmm4, 52) }),
        ("psrlq xmm13,0x1", { $0.shiftQuadwords(right: true, .xmm13, 1) }),
        ("andpd xmm0,xmm1", { $0.logicalPD(.and, .xmm0, .xmm1) }),
        ("orpd xmm0,xmm1", { $0.logicalPD(.or, .xmm0, .xmm1) }),
        ("xorpd xmm3,xmm10", { $0.logicalPD(.xor, .xmm3, .xmm10) }),
        ("stmxcsr DWORD PTR [rsp-0x8]", { $0.stmxcsr(X86Mem(.rsp, -8)) }),
        ("ldmxcsr DWORD PTR [r15-0x10]", { $0.ldmxcsr(X86Mem(.r15, -16)) }),
        ("vfmadd231sd xmm2,xmm0,xmm1", { $0.vfmadd231(double: true, .xmm2, .xmm0, .xmm1) }),
        ("vfmadd231ss xmm2,xmm0,xmm1", { $0.vfmadd231(double: false, .xmm2, .xmm0, .xmm1) }),
        ("vfmadd231sd xmm10,xmm9,xmm11", { $0.vfmadd231(double: true, .xmm10, .xmm9, .xmm11) }),
    ]

    @Test("Each SSE encoding disassembles as named", .enabled(if: FileManager.default.isExecutableFile(atPath: X86AssemblerTests.objdump), "objdump not installed"))
    func encodings() throws {
        var asm = X86Assembler()
        for (_, emit) in Self.cases { emit(&asm) }
        let lines = try X86AssemblerTests.disassemble(asm.bytes)
        #expect(lines.count == Self.cases.count, "objdump found \(lines.count) instructions for \(Self.cases.count) cases: \(lines)")
        for (i, (expected, _)) in Self.cases.enumerated() where i < lines.count {
            #expect(lines[i] == expected, "case \(i)")
        }
    }
}
