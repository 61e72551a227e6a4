/// Text form of riscv64 instructions for `-d in_asm`, driven by the syntax column of
/// codegen/riscv64.decode (`RISCV64Op.syntax`). Output follows `objdump -M no-aliases`:
/// ABI register names, shift amounts and upper immediates in hex, CSR names.
public enum RISCV64Disassembler {
    /// ABI names of x0...x31.
    public static let xNames = [
        "zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0", "a1", "a2", "a3", "a4", "a5",
        "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
    ]
    /// ABI names of f0...f31.
    public static let fNames = [
        "ft0", "ft1", "ft2", "ft3", "ft4", "ft5", "ft6", "ft7", "fs0", "fs1", "fa0", "fa1", "fa2", "fa3", "fa4", "fa5",
        "fa6", "fa7", "fs2", "fs3", "fs4", "fs5", "fs6", "fs7", "fs8", "fs9", "fs10", "fs11", "ft8", "ft9", "ft10", "ft11",
    ]
    static let roundingNames = ["rne", "rtz", "rdn", "rup", "rmm", "rm5", "rm6", "dyn"]

    /// Name of a CSR the frontend implements, else its number in hex.
    public static func csrName(_ csr: Int) -> String {
        switch csr {
        case 0x001: return "fflags"
        case 0x002: return "frm"
        case 0x003: return "fcsr"
        case 0xC00: return "cycle"
        case 0xC01: return "time"
        case 0xC02: return "instret"
        default: return hex(Int64(csr))
        }
    }

    /// Disassembles the instruction in `bits` (a compressed one in the low 16 bits is shown as
    /// its 32-bit expansion, as objdump does). Pc-relative targets are absolute when `pc` is given.
    public static func disassemble(_ bits: UInt32, pc: UInt64? = nil) -> String {
        guard var insn = RISCV64Decoder.decodeAny(bits) else {
            return bits & 3 == 3 ? ".insn 0x\(String(bits, radix: 16))"
                                 : ".insn 0x\(String(bits & 0xffff, radix: 16))"
        }
        insn.pc = pc ?? 0
        return format(insn, pcKnown: pc != nil)
    }

    /// The text of a decoded instruction.
    public static func format(_ i: RISCV64Instruction, pcKnown: Bool) -> String {
        if i.op == .fence && (i.imm >> 8) == 0x8 && (i.imm & 0xff) == 0x33 { return "fence.tso" }
        var operands: [String] = []
        for token in i.op.syntax.split(separator: ",") {
            switch token {
            case "rd": operands.append(xNames[i.rd])
            case "rs1": operands.append(xNames[i.rs1])
            case "rs2": operands.append(xNames[i.rs2])
            case "fd": operands.append(fNames[i.rd])
            case "fs1": operands.append(fNames[i.rs1])
            case "fs2": operands.append(fNames[i.rs2])
            case "fs3": operands.append(fNames[i.rs3])
            case "imm": operands.append(String(i.imm))
            case "hex": operands.append(hex(i.imm))
            case "upper": operands.append(hex((i.imm >> 12) & 0xfffff))
            case "off(rs1)": operands.append("\(i.imm)(\(xNames[i.rs1]))")
            case "(rs1)": operands.append("(\(xNames[i.rs1]))")
            case "csr": operands.append(csrName(Int(i.imm)))
            case "zimm": operands.append(String(i.rs1))
            case "rm": if i.rm != 7 { operands.append(roundingNames[i.rm]) }
            case "fence":
                operands.append(fenceSet(Int(i.imm >> 4) & 15))
                operands.append(fenceSet(Int(i.imm) & 15))
            case "target":
                if pcKnown {
                    operands.append(String(i.pc &+ UInt64(bitPattern: i.imm), radix: 16))
                } else {
                    operands.append(i.imm < 0 ? ".\(i.imm)" : ".+\(i.imm)")
                }
            default: operands.append(String(token))
            }
        }
        let mnemonic = i.op.mnemonic
        return operands.isEmpty ? mnemonic : mnemonic + " " + operands.joined(separator: ",")
    }

    static func fenceSet(_ bits: Int) -> String {
        if bits == 0 { return "0" }
        var s = ""
        for (bit, ch) in [(8, "i"), (4, "o"), (2, "r"), (1, "w")] where bits & bit != 0 { s += ch }
        return s
    }

    static func hex(_ v: Int64) -> String {
        v < 0 ? "-0x" + String(UInt64(bitPattern: 0 &- v), radix: 16) : "0x" + String(v, radix: 16)
    }
}
