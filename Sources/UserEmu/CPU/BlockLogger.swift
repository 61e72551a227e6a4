import Translator

/// `-d in_asm` and `-d op`: prints each new block's guest instructions and IR, in qemu's spirit.
enum BlockLogger {
    static func log<Guest: GuestArchitecture>(
        _ block: UnsafeMutablePointer<TranslatedBlock>, guest: Guest.Type, memory: GuestMemory, to log: EmulatorLog
    ) {
        let b = block.pointee
        if log.enabled("in_asm") {
            var lines = ["----------------", "IN: "]
            for i in 0..<Int(b.instructionCount) {
                let pc = b.instructionPCs[i]
                lines.append("0x\(hex(pc, 16)):  \(Guest.disassemble(at: pc, memory: memory))")
            }
            lines.append("")
            log.write(lines.joined(separator: "\n"))
        }
        if log.enabled("op") {
            var lines = ["OP: (block 0x\(hex(b.guestPC, 16)))"]
            var lastInstruction = -1
            for i in 0..<Int(b.opCount) {
                let instruction = Int(b.opInstruction[i])
                if instruction != lastInstruction {
                    lines.append(" ---- 0x\(hex(b.instructionPCs[instruction], 16))")
                    lastInstruction = instruction
                }
                lines.append(" " + describe(b.ops[i]))
            }
            lines.append("")
            log.write(lines.joined(separator: "\n"))
        }
    }

    /// One op as `name d, a, b, imm` following its operand shape.
    static func describe(_ op: IROp) -> String {
        let info = op.opcode.info
        var parts: [String] = []
        for operand in info.operands.split(separator: ",") {
            switch operand {
            case "d": parts.append("s\(op.d)")
            case "a": parts.append("s\(op.a)")
            case "b": parts.append("s\(op.b)")
            case "c": parts.append("s\(op.cSlot)")
            default: parts.append(op.imm < 0 ? "-0x\(String(op.imm.magnitude, radix: 16))" : "0x\(String(op.imm, radix: 16))")
            }
        }
        return info.name + (parts.isEmpty ? "" : " " + parts.joined(separator: ", "))
    }

    static func hex(_ value: UInt64, _ width: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
