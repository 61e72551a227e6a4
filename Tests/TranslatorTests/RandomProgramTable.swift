import Foundation

/// One bit field of codegen/riscv64.decode (`%name pos:len ... <<shift +add`), able to place a
/// value into an instruction word: the inverse of what the generated decoder does.
struct RandomProgramField {
    /// (pos, len) segments, most significant first.
    var segments: [(pos: Int, len: Int)]
    var shift: Int
    var add: Int64
    var signed: Bool

    /// Total number of value bits (before the shift).
    var width: Int { segments.reduce(0) { $0 + $1.len } }

    /// Places `value` into `word`.
    func place(_ value: Int64, into word: inout UInt32) {
        var u = UInt64(bitPattern: (value - add) >> Int64(shift))
        for segment in segments.reversed() {
            let mask = (UInt64(1) << UInt64(segment.len)) - 1
            word |= UInt32(truncatingIfNeeded: (u & mask) << UInt64(segment.pos))
            u >>= UInt64(segment.len)
        }
    }

    /// Smallest and largest value the field can hold, and the step between values.
    var range: (min: Int64, max: Int64, step: Int64) {
        let w = Int64(width)
        let lo: Int64 = signed ? -(1 << (w - 1)) : 0
        let hi: Int64 = signed ? (1 << (w - 1)) - 1 : (1 << w) - 1
        return ((lo << Int64(shift)) + add, (hi << Int64(shift)) + add, 1 << Int64(shift))
    }
}

/// One instruction of codegen/riscv64.decode: fixed bits, where each operand member goes, and
/// (for a compressed instruction) the 32-bit instruction it expands to.
struct RandomProgramEncoding {
    var name: String
    /// Fixed bits of the pattern.
    var match: UInt32
    /// Which bits of the pattern are fixed.
    var mask: UInt32
    /// 2 or 4 bytes.
    var length: Int
    /// Member (rd, rs1, rs2, rs3, rm, imm) → field.
    var fields: [String: RandomProgramField]
    /// Compressed only: members fixed by the expansion (`rs1=2`).
    var constants: [String: Int64]
    /// Compressed only: the 32-bit instruction it expands to; else `name`.
    var expandsTo: String
    /// Compressed only: fields that must be non-zero (`if %f!=0`), as member names.
    var nonZeroMembers: [String]
    /// The syntax column of the 32-bit instruction (of the expansion for a compressed one).
    var syntax: String

    /// Encodes the instruction from its member values (missing members are 0).
    func encode(_ members: [String: Int64]) -> UInt32 {
        var word = match
        for (member, field) in fields { field.place(members[member] ?? 0, into: &word) }
        return word
    }
}

/// codegen/riscv64.decode parsed at test time, so the generator covers every instruction the
/// table lists and encodes it exactly as the table says (the decoder is generated from it too;
/// qemu-riscv64 executing the same bits is the independent check).
struct RandomProgramTable {
    var encodings: [String: RandomProgramEncoding] = [:]
    /// Names in table order.
    var names: [String] = []

    /// The table of this repository.
    static let shared: RandomProgramTable = {
        var url = URL(fileURLWithPath: #filePath)
        url.deleteLastPathComponent(); url.deleteLastPathComponent(); url.deleteLastPathComponent()
        let path = url.path + "/codegen/riscv64.decode"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { fatalError("cannot read \(path)") }
        return RandomProgramTable(parsing: text)
    }()

    subscript(name: String) -> RandomProgramEncoding {
        guard let e = encodings[name] else { fatalError("no encoding \(name) in riscv64.decode") }
        return e
    }

    init(parsing text: String) {
        var fieldDefs: [String: RandomProgramField] = [:]
        var formats: [String: [String: String]] = [:]
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            let tokens = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard let first = tokens.first else { continue }
            if first.hasPrefix("%") {
                fieldDefs[String(first.dropFirst())] = Self.parseField(Array(tokens.dropFirst()))
            } else if first.hasPrefix("@") {
                var members: [String: String] = [:]
                for t in tokens.dropFirst() {
                    let kv = t.split(separator: "=")
                    members[String(kv[0])] = String(kv[1].dropFirst())
                }
                formats[String(first.dropFirst())] = members
            } else if let arrow = tokens.firstIndex(of: "=>") {
                let pattern = tokens[1..<arrow].joined()
                var fields: [String: RandomProgramField] = [:]
                var constants: [String: Int64] = [:]
                var nonZero: [String] = []
                var fieldNames: [String: String] = [:]
                let target = tokens[arrow + 1]
                var i = arrow + 2
                while i < tokens.count {
                    let t = tokens[i]
                    if t == "if" {
                        // `if %field!=0`: find which member uses that field.
                        let f = String(tokens[i + 1].dropFirst().prefix(while: { $0 != "!" }))
                        for (m, name) in fieldNames where name == f { nonZero.append(m) }
                        i += 2
                        continue
                    }
                    let kv = t.split(separator: "=")
                    let member = String(kv[0]), value = String(kv[1])
                    if value.hasPrefix("%") {
                        fields[member] = fieldDefs[String(value.dropFirst())]
                        fieldNames[member] = String(value.dropFirst())
                    } else {
                        constants[member] = Int64(value)!
                    }
                    i += 1
                }
                let e = RandomProgramEncoding(
                    name: first, match: Self.fixedBits(pattern), mask: Self.fixedMask(pattern), length: 2, fields: fields, constants: constants,
                    expandsTo: target, nonZeroMembers: nonZero, syntax: "")
                encodings[first] = e
                names.append(first)
            } else if let at = tokens.firstIndex(where: { $0.hasPrefix("@") }) {
                let pattern = tokens[1..<at].joined()
                let format = formats[String(tokens[at].dropFirst())] ?? [:]
                var fields: [String: RandomProgramField] = [:]
                for (member, f) in format { fields[member] = fieldDefs[f] }
                let syntax = at + 1 < tokens.count ? tokens[at + 1] : ""
                encodings[first] = RandomProgramEncoding(
                    name: first, match: Self.fixedBits(pattern), mask: Self.fixedMask(pattern), length: 4, fields: fields, constants: [:],
                    expandsTo: first, nonZeroMembers: [], syntax: syntax)
                names.append(first)
            }
        }
        // Compressed instructions take the syntax of their expansion.
        for (name, e) in encodings where e.length == 2 {
            encodings[name]!.syntax = encodings[e.expandsTo]?.syntax ?? ""
        }
    }

    private static func fixedBits(_ pattern: String) -> UInt32 {
        var v: UInt32 = 0
        for c in pattern { v = (v << 1) | (c == "1" ? 1 : 0) }
        return v
    }

    private static func fixedMask(_ pattern: String) -> UInt32 {
        var v: UInt32 = 0
        for c in pattern { v = (v << 1) | (c == "." ? 0 : 1) }
        return v
    }

    /// The compressed table entry an encoded 16-bit instruction matches first (table order).
    func compressedName(_ bits: UInt32) -> String? {
        names.first { encodings[$0]!.length == 2 && bits & 0xffff & encodings[$0]!.mask == encodings[$0]!.match }
    }

    private static func parseField(_ tokens: [String]) -> RandomProgramField {
        var f = RandomProgramField(segments: [], shift: 0, add: 0, signed: false)
        for t in tokens {
            if t.hasPrefix("<<") {
                f.shift = Int(t.dropFirst(2))!
            } else if t.hasPrefix("+") {
                f.add = Int64(t.dropFirst())!
            } else {
                let parts = t.split(separator: ":")
                var len = String(parts[1])
                if len.hasPrefix("s") { f.signed = true; len.removeFirst() }
                f.segments.append((Int(parts[0])!, Int(len)!))
            }
        }
        return f
    }
}
