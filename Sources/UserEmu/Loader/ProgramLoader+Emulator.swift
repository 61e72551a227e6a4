import ELFLoader

extension ProgramLoader {
    /// The front end's entry point: picks the guest ABI from `expectedMachine`, turns `-seed`
    /// into the AT_RANDOM bytes and reports failures as `ProgramLoadError` (the only error thrown),
    /// naming the program `name` (default `path`). `execFn` (default `path`) is AT_EXECFN.
    public static func load(
        path: String, name: String? = nil, execFn: [UInt8]? = nil, argv: [[UInt8]], envp: [[UInt8]],
        ldPrefix: String?, expectedMachine: UInt16, stackSize: UInt64, preserveArgv0: Bool,
        executableDescriptor: Int32? = nil, randomSeed: UInt64?, addressSpace: GuestAddressSpace
    ) throws -> LoadedProgram {
        let name = name ?? path
        guard let abi = LoaderABI.forMachine(expectedMachine) else {
            throw ProgramLoadError(path: name, error: ELFLoadError(
                .wrongMachine, "no loader ABI for \(ELFMachine.name(of: expectedMachine)) guests"))
        }
        var options = ProgramLoadOptions()
        options.stackSize = stackSize
        options.preserveArgv0 = preserveArgv0
        options.executableDescriptor = executableDescriptor
        options.randomBytes = randomSeed.map(seededRandomBytes)
        options.execFn = execFn
        do {
            return try ProgramLoader(abi: abi).load(
                path: path, argv: argv, envp: envp, ldPrefix: ldPrefix, addressSpace: addressSpace, options: options)
        } catch {
            throw ProgramLoadError(path: name, error: error)
        }
    }

    /// 16 bytes derived from `seed` with splitmix64, so `-seed` runs are reproducible.
    public static func seededRandomBytes(_ seed: UInt64) -> [UInt8] {
        var state = seed
        var bytes: [UInt8] = []
        for _ in 0..<2 {
            state &+= 0x9e37_79b9_7f4a_7c15
            var z = state
            z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
            z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
            z ^= z >> 31
            for index in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: z >> (8 * UInt64(index)))) }
        }
        return bytes
    }
}

extension LoaderABI {
    /// The loader ABI of the guest whose e_machine is `machine`, nil when none is known.
    public static func forMachine(_ machine: UInt16) -> LoaderABI? {
        [LoaderABI.riscv64].first { $0.machine == machine }
    }
}

extension LoadedProgram {
    /// The first guest pc (same as `entry`).
    public var startPC: UInt64 { entry }
}
