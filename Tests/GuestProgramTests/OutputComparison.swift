/// Describes the first difference between two byte streams line by line, for test failure messages.
enum OutputComparison {
    /// Nil when equal; otherwise "first difference at line N" with both lines (truncated) and sizes.
    static func firstDifference(expected: [UInt8], actual: [UInt8], label: String) -> String? {
        if expected == actual { return nil }
        let e = lines(expected), a = lines(actual)
        var index = 0
        while index < e.count, index < a.count, e[index] == a[index] { index += 1 }
        func show(_ list: [ArraySlice<UInt8>], _ i: Int) -> String {
            guard i < list.count else { return "<end of output>" }
            let text = String(decoding: list[i].prefix(300), as: UTF8.self)
            return "\"" + text.escapingNewlines() + "\"" + (list[i].count > 300 ? "…" : "")
        }
        return """
            \(label) differs at line \(index + 1) (expected \(expected.count) bytes in \(e.count) lines, got \(actual.count) bytes in \(a.count) lines)
              expected: \(show(e, index))
              actual:   \(show(a, index))
            """
    }

    /// Splits after each newline, keeping the newline so that a missing final newline is a difference.
    private static func lines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var result: [ArraySlice<UInt8>] = []
        var start = 0
        for (i, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            result.append(bytes[start...i]); start = i + 1
        }
        if start < bytes.count { result.append(bytes[start...]) }
        return result
    }
}

private extension String {
    func escapingNewlines() -> String {
        split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\\n")
    }
}
