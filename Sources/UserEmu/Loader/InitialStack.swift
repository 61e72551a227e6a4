import ELFLoader

/// The guest addresses of the strings the kernel copies above the pointer arrays; auxv values
/// AT_EXECFN, AT_PLATFORM and AT_RANDOM point at them.
public struct InitialStackStrings: Sendable {
    /// The execfn string (AT_EXECFN).
    public var execFn: UInt64
    /// The platform string (AT_PLATFORM), nil when there is none.
    public var platform: UInt64?
    /// The 16 random bytes (AT_RANDOM).
    public var random: UInt64
}

/// The initial process stack as Linux builds it (fs/exec.c copy_strings and fs/binfmt_elf.c
/// create_elf_tables), laid out for a 64-bit little-endian guest, not yet written to memory.
///
/// From the stack top down: an 8-byte NULL end marker, the execfn string, the envp strings,
/// the argv strings (argv[0] lowest), alignment to 16, the platform string, the 16 AT_RANDOM
/// bytes, padding, then from `stackPointer` up: argc, argv pointers, NULL, envp pointers, NULL,
/// the auxiliary vector ending with AT_NULL. `stackPointer` is 16-byte aligned.
public struct InitialStack: Sendable {
    /// The initial sp (address of argc).
    public var stackPointer: UInt64
    /// The stack top the layout was built below (end of `bytes`).
    public var top: UInt64
    /// Contents of `[stackPointer, top)`.
    public var bytes: [UInt8]
    /// Address of argv[0]'s pointer slot (stackPointer + 8).
    public var argvAddress: UInt64
    /// Address of envp[0]'s pointer slot.
    public var envpAddress: UInt64
    /// Address of the first auxv entry.
    public var auxvAddress: UInt64
    /// The auxiliary vector as written, AT_NULL included (for /proc/self/auxv).
    public var auxv: [AuxEntry]
    /// mm->arg_start / arg_end: the argv strings (for /proc/self/cmdline).
    public var argStart: UInt64
    public var argEnd: UInt64
    /// mm->env_start / env_end: the envp strings (for /proc/self/environ).
    public var envStart: UInt64
    public var envEnd: UInt64
    /// Where the execfn, platform and random strings are.
    public var strings: InitialStackStrings

    /// Linux's MAX_ARG_STRLEN: the longest single argument or environment string (32 pages).
    public static let maximumStringLength = 32 * 4096

    /// Lays out the stack below `top`.
    ///
    /// - Parameters:
    ///   - argv, envp, execFn, platform: the strings, without their terminating NUL.
    ///   - random: the 16 bytes AT_RANDOM points at.
    ///   - sizeLimit: most bytes the layout may take (Linux: a quarter of the stack limit).
    ///   - auxv: builds the auxiliary vector (without AT_NULL) once the string addresses are known.
    /// - Throws: `ELFLoadError` "Argument list too long" when a string or the whole layout is too large.
    public static func build(
        top: UInt64, argv: [[UInt8]], envp: [[UInt8]], execFn: [UInt8], platform: [UInt8]?,
        random: [UInt8], sizeLimit: UInt64, auxv: (InitialStackStrings) -> [AuxEntry]
    ) throws(ELFLoadError) -> InitialStack {
        precondition(random.count == 16 && top & 15 == 0)
        let tooLong = ELFLoadError(.argumentListTooLong, "Argument list too long")
        for string in argv + envp + [execFn] where string.count + 1 > maximumStringLength { throw tooLong }
        let stringBytes = (argv + envp + [execFn]).reduce(0) { $0 + UInt64($1.count + 1) }
        // Rough upper bound checked before any arithmetic can wrap below 0.
        guard stringBytes + UInt64(argv.count + envp.count) * 8 + 4096 <= sizeLimit, sizeLimit < top else {
            throw tooLong
        }

        // fs/exec.c: p starts one pointer below the top; strings are pushed last-first.
        var p = top - 8
        var placed: [(UInt64, [UInt8])] = []
        func push(_ bytes: [UInt8]) -> UInt64 {
            p -= UInt64(bytes.count + 1)
            placed.append((p, bytes))
            return p
        }
        let execFnAddress = push(execFn)
        let envEnd = execFnAddress
        var envAddresses = [UInt64](repeating: 0, count: envp.count)
        for index in envp.indices.reversed() { envAddresses[index] = push(envp[index]) }
        let envStart = p
        var argAddresses = [UInt64](repeating: 0, count: argv.count)
        for index in argv.indices.reversed() { argAddresses[index] = push(argv[index]) }
        let argStart = p

        // create_elf_tables: arch_align_stack (no randomization: align down to 16), platform,
        // random bytes.
        p &= ~15
        var platformAddress: UInt64?
        if let platform { platformAddress = push(platform) }
        p -= 16
        let randomAddress = p
        let strings = InitialStackStrings(execFn: execFnAddress, platform: platformAddress, random: randomAddress)
        let entries = auxv(strings) + [AuxEntry(AuxType.null, 0)]

        // STACK_ADD then STACK_ROUND: room for auxv and the argc/argv/envp words, aligned down.
        let words = UInt64(entries.count * 2 + (argv.count + 1) + (envp.count + 1) + 1)
        let sp = (p - words * 8) & ~15
        guard top - sp <= sizeLimit else { throw tooLong }

        var image = StackImage(base: sp, count: Int(top - sp))
        for (address, bytes) in placed { image.put(address, bytes) }
        image.put(randomAddress, random)
        var slot = sp
        image.putWord(&slot, UInt64(argv.count))
        let argvAddress = slot
        for address in argAddresses { image.putWord(&slot, address) }
        image.putWord(&slot, 0)
        let envpAddress = slot
        for address in envAddresses { image.putWord(&slot, address) }
        image.putWord(&slot, 0)
        let auxvAddress = slot
        for entry in entries {
            image.putWord(&slot, entry.type)
            image.putWord(&slot, entry.value)
        }
        return InitialStack(
            stackPointer: sp, top: top, bytes: image.bytes, argvAddress: argvAddress,
            envpAddress: envpAddress, auxvAddress: auxvAddress, auxv: entries,
            argStart: argStart, argEnd: envStart, envStart: envStart, envEnd: envEnd, strings: strings)
    }
}

/// A byte buffer standing for guest memory `[base, base + count)`; strings get their NUL from
/// the zero fill.
struct StackImage {
    let base: UInt64
    var bytes: [UInt8]

    init(base: UInt64, count: Int) {
        self.base = base
        bytes = [UInt8](repeating: 0, count: count)
    }

    mutating func put(_ address: UInt64, _ data: [UInt8]) {
        let start = Int(address - base)
        bytes.replaceSubrange(start..<start + data.count, with: data)
    }

    /// Stores a little-endian 64-bit word at `address` and advances it.
    mutating func putWord(_ address: inout UInt64, _ value: UInt64) {
        let start = Int(address - base)
        for index in 0..<8 { bytes[start + index] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(index))) }
        address += 8
    }
}
