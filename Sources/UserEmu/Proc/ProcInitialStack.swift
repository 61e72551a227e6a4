/// Finds the auxiliary vector and the argv/envp string areas on the guest's initial stack, for
/// /proc when the front end did not hand the `LoadedProgram` to the syscall layer
/// (`GuestProcessContext.program` nil). The loader's layout (InitialStack: argc, argv, NULL,
/// envp, NULL, auxv ... AT_NULL, then the strings up to the stack top) lies above the guest's
/// sp, where a program does not write.
struct ProcInitialStack {
    /// The auxv bytes, AT_NULL included.
    var auxv: [UInt8]
    /// argv strings `[argStart, argEnd)` and envp strings `[envStart, envEnd)`.
    var argStart: UInt64, argEnd: UInt64, envStart: UInt64, envEnd: UInt64

    /// Scans the `[stack]` mapping of `space`; nil when the layout is not found.
    static func scan(_ space: GuestAddressSpace) -> ProcInitialStack? {
        guard let stack = space.mappings().last(where: { $0.kind == .stack }) else { return nil }
        func word(_ address: UInt64) -> UInt64? {
            guard address >= stack.start, address + 8 <= stack.end, let bytes = space.read(address, count: 8) else { return nil }
            return bytes.reversed().reduce(0) { $0 << 8 | UInt64($1) }
        }
        // AT_PAGESZ (6) = 4096, searched from the top down.
        var probe = stack.end - 16
        var found: UInt64? = nil
        while probe >= stack.start, stack.end - probe <= 1 << 20 {
            if word(probe) == 6, word(probe + 8) == 4096 { found = probe; break }
            probe -= 8
        }
        guard let hit = found else { return nil }
        var first = hit
        while let type = word(first - 16), (1...64).contains(type), word(first - 8) != nil { first -= 16 }
        var end = hit
        while let type = word(end), type != 0 {
            guard (1...64).contains(type), end - first < 64 * 16 else { return nil }
            end += 16
        }
        guard word(first - 8) == 0, let auxv = space.read(first, count: Int(end + 16 - first)) else { return nil }
        // envp pointers below the NULL before auxv, then argv's NULL, argv pointers and argc.
        var cursor = first - 16
        var envp: [UInt64] = []
        while let pointer = word(cursor), pointer != 0 { envp.insert(pointer, at: 0); cursor -= 8 }
        cursor -= 8
        var argv: [UInt64] = []
        while let value = word(cursor), value != UInt64(argv.count) { argv.insert(value, at: 0); cursor -= 8; if argv.count > 1 << 16 { return nil } }
        func stringsEnd(_ pointers: [UInt64]) -> UInt64 {
            guard let last = pointers.last, let length = space.cStringLength(last, limit: 1 << 17) else { return pointers.first ?? 0 }
            return last + UInt64(length) + 1
        }
        return ProcInitialStack(auxv: auxv, argStart: argv.first ?? 0, argEnd: stringsEnd(argv),
                                envStart: envp.first ?? 0, envEnd: stringsEnd(envp))
    }
}
