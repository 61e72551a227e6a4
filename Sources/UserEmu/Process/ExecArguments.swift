import Glibc

/// The argv and envp string arrays of a guest execve, read from guest memory with the kernel's
/// limits: a string longer than MAX_ARG_STRLEN (32 pages) or a total beyond the stack-derived
/// limit is -E2BIG; an unreadable array or string is -EFAULT. A NULL array is empty.
struct ExecArguments {
    /// The arguments (exact bytes, without the NUL).
    var argv: [[UInt8]]
    /// The environment.
    var envp: [[UInt8]]

    /// MAX_ARG_STRLEN, including the NUL.
    static let maxStringLength = 32 * 4096
    /// _STK_LIM / 4 * 3: the ceiling of the argument space.
    static let argumentCeiling = (8 << 20) / 4 * 3
    /// ARG_MAX of the kernel (32 pages): the floor of the argument space.
    static let argumentFloor = 32 * 4096

    /// Reads both arrays, or returns the positive errno.
    static func read(argv: UInt64, envp: UInt64, context: GuestProcessContext) -> (ExecArguments?, Int32) {
        let (arguments, argumentError) = readArray(argv, context: context)
        guard let arguments else { return (nil, argumentError) }
        let (environment, environmentError) = readArray(envp, context: context)
        guard let environment else { return (nil, environmentError) }
        // bprm_stack_limits(): the strings and the pointer array must fit in a quarter of the
        // stack limit, at most 6 MiB and at least 128 KiB.
        var stack = rlimit()
        let stackLimit = getrlimit(__rlimit_resource_t(RLIMIT_STACK.rawValue), &stack) == 0 ? Int(clamping: stack.rlim_cur) : 8 << 20
        var limit = min(argumentCeiling, stackLimit / 4)
        limit = max(limit, argumentFloor)
        let pointers = (max(arguments.count, 1) + environment.count) * 8
        let strings = arguments.reduce(0) { $0 + $1.count + 1 } + environment.reduce(0) { $0 + $1.count + 1 }
        if pointers >= limit || strings > limit - pointers { return (nil, E2BIG) }
        return (ExecArguments(argv: arguments, envp: environment), 0)
    }

    /// A NULL-terminated array of string pointers.
    static func readArray(_ address: UInt64, context: GuestProcessContext) -> ([[UInt8]]?, Int32) {
        var result: [[UInt8]] = []
        guard address != 0 else { return (result, 0) }
        var slot = address
        while true {
            guard let pointer = context.loadGuest(slot, as: UInt64.self) else { return (nil, EFAULT) }
            if pointer == 0 { break }
            if let string = context.addressSpace.readCStringBytes(pointer, limit: maxStringLength) {
                result.append(string)
            } else {
                // All of MAX_ARG_STRLEN readable without a NUL: too long; otherwise a fault.
                return (nil, context.addressSpace.read(pointer, count: maxStringLength) == nil ? EFAULT : E2BIG)
            }
            if result.count >= 0x7fff_ffff { return (nil, E2BIG) }
            slot &+= 8
        }
        return (result, 0)
    }
}

/// Runs `body` with `strings` as a NULL-terminated array of C strings (exact bytes).
func withCStringArray<R>(_ strings: [[UInt8]], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> R) -> R {
    let total = strings.reduce(0) { $0 + $1.count + 1 }
    let storage = UnsafeMutablePointer<CChar>.allocate(capacity: max(total, 1))
    let pointers = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: strings.count + 1)
    defer { storage.deallocate(); pointers.deallocate() }
    var offset = 0
    for (index, string) in strings.enumerated() {
        pointers[index] = storage + offset
        string.withUnsafeBytes { bytes in
            if let base = bytes.baseAddress { UnsafeMutableRawPointer(storage + offset).copyMemory(from: base, byteCount: bytes.count) }
        }
        storage[offset + string.count] = 0
        offset += string.count + 1
    }
    pointers[strings.count] = nil
    return body(pointers)
}
