/// Text of `-d out_asm`: a block's host code as hex bytes, one line per IR op (the op's name
/// as a comment), then the exit stubs and records. Feed the bytes to
/// `objdump -D -b binary -mi386:x86-64` for a full disassembly.
public enum JITCodeDump {
    /// The dump of one compiled block.
    public static func describe(_ block: UnsafeMutablePointer<TranslatedBlock>, code: UnsafeRawBufferPointer, opOffsets: [Int]) -> String {
        var out = "OUT: [guest 0x\(String(block.pointee.guestPC, radix: 16)), host \(code.baseAddress.map { "\($0)" } ?? "?"), \(code.count) bytes]\n"
        let prologueEnd = opOffsets.first ?? code.count
        out += line(code, 0, prologueEnd, "instruction count")
        for i in 0..<(opOffsets.count - 1) {
            let op = block.pointee.ops[i]
            out += line(code, opOffsets[i], opOffsets[i + 1], "\(i): \(op.opcode.info.name) d=\(op.d) a=\(op.a) b=\(op.b) imm=\(op.imm)")
        }
        out += line(code, opOffsets.last ?? 0, code.count, "exit stubs and records")
        return out
    }

    private static func line(_ code: UnsafeRawBufferPointer, _ start: Int, _ end: Int, _ comment: String) -> String {
        var hex = ""
        for i in start..<end { hex += (code[i] < 16 ? "0" : "") + String(code[i], radix: 16) + " " }
        let position = "0x" + String(start, radix: 16)
        return "  \(position): \(hex)  ; \(comment)\n"
    }
}
